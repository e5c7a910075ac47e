/*
 * vfs_dev.c: the character devices of /dev (drivers/char/mem.c and
 * random.c) and pipes and FIFOs (fs/pipe.c).
 *
 * One process for now: a pipe read or write that would block returns
 * -EAGAIN instead of deadlocking, and opening a FIFO never waits for the
 * other end.
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "rtint.h"
#include "vfs_int.h"

/* ---- /dev/null, /dev/zero, /dev/random (drivers/char/mem.c, random.c) ---- */

static int64_t null_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	return 0;
}
static int64_t null_write(struct vfs_file *f, const void *buf, uint64_t len, uint64_t off)
{
	return (int64_t)len;
}
static int64_t zero_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	memset(buf, 0, (size_t)len);
	return (int64_t)len;
}
static int64_t random_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	return rt_random(buf, len) ? -LX_EIO : (int64_t)len;
}

/* seekable 2: lseek "succeeds" but the position stays 0, as null_lseek. */
static const struct vfs_ops null_ops = {null_read, null_write, vfs_poll_always, 2};
static const struct vfs_ops zero_ops = {zero_read, null_write, vfs_poll_always, 2};
static const struct vfs_ops random_ops = {random_read, null_write, vfs_poll_always, 2};

/* ---- pipes (fs/pipe.c) ---- */

static int64_t pipe_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	struct pipe *p = f->node->pipe;
	if (!len)
		return 0;
	if (!p->len)
		return p->writers ? -LX_EAGAIN : 0; /* would block: see the file comment */
	if (len > p->len)
		len = p->len;
	for (uint64_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = p->buf[(p->head + i) % p->cap];
	p->head = (uint32_t)((p->head + len) % p->cap);
	p->len -= (uint32_t)len;
	return (int64_t)len;
}

static int64_t pipe_write(struct vfs_file *f, const void *buf, uint64_t len, uint64_t off)
{
	struct pipe *p = f->node->pipe;
	if (!p->readers)
		return -LX_EPIPE;
	if (!len)
		return 0;
	if (!p->buf && !(p->buf = malloc(p->cap)))
		return -LX_ENOMEM;
	uint64_t room = p->cap - p->len;
	/* Writes of up to PIPE_BUF (4096) bytes are atomic: all or nothing. */
	if (!room || (len <= 4096 && room < len))
		return -LX_EAGAIN;
	if (len > room)
		len = room;
	for (uint64_t i = 0; i < len; i++)
		p->buf[(p->head + p->len + i) % p->cap] = ((const uint8_t *)buf)[i];
	p->len += (uint32_t)len;
	vfs_touch(f->node);
	return (int64_t)len;
}

static int pipe_poll(struct vfs_file *f)
{
	struct pipe *p = f->node->pipe;
	int acc = f->flags & LX_O_ACCMODE, ev = 0;
	if (acc != LX_O_WRONLY) {
		if (p->len)
			ev |= LX_POLLIN | LX_POLLRDNORM;
		if (!p->writers)
			ev |= LX_POLLHUP;
	}
	if (acc != LX_O_RDONLY) {
		if (p->len < p->cap)
			ev |= LX_POLLOUT | LX_POLLWRNORM;
		if (!p->readers)
			ev |= LX_POLLERR;
	}
	return ev;
}

static const struct vfs_ops pipe_ops = {pipe_read, pipe_write, pipe_poll, 0};

struct vfs_inode *vfs_fifo_new(uint32_t mode)
{
	struct vfs_inode *n = vfs_inode_new(mode);
	if (!n)
		return NULL;
	n->pipe = calloc(1, sizeof *n->pipe);
	if (!n->pipe) {
		free(n);
		return NULL;
	}
	n->pipe->cap = VFS_PIPE_BUF;
	n->ops = &pipe_ops;
	return n;
}

int vfs_pipe2(int fds[2], int flags)
{
	if (flags & ~(LX_O_CLOEXEC | LX_O_NONBLOCK | LX_O_DIRECT))
		return -LX_EINVAL;
	struct vfs_inode *n = vfs_fifo_new(LX_S_IFIFO | 0600);
	if (!n)
		return -LX_ENFILE;
	int st = flags & (LX_O_NONBLOCK | LX_O_DIRECT), cloexec = !!(flags & LX_O_CLOEXEC);
	struct vfs_file *rf = vfs_file_new(n, LX_O_RDONLY | st);
	struct vfs_file *wf = rf ? vfs_file_new(n, LX_O_WRONLY | st) : NULL;
	if (!wf) {
		if (rf)
			vfs_file_put(rf);
		else
			vfs_inode_maybe_free(n);
		return -LX_ENFILE;
	}
	int r = vfs_fd_install(rf, 0, cloexec);
	if (r < 0) {
		vfs_file_put(wf);
		return r;
	}
	int w = vfs_fd_install(wf, 0, cloexec);
	if (w < 0) {
		vfs_close(r);
		return w;
	}
	fds[0] = r;
	fds[1] = w;
	return 0;
}

static void mkdev(struct vfs_inode *dir, const char *name, const struct vfs_ops *ops,
		  unsigned minor)
{
	struct vfs_inode *n = vfs_mk(dir, name, LX_S_IFCHR | 0666);
	if (n) {
		n->ops = ops;
		n->rdev = LX_MKDEV(1, minor);
	}
}

void vfs_dev_populate(struct vfs_inode *dev)
{
	mkdev(dev, "null", &null_ops, 3);
	mkdev(dev, "zero", &zero_ops, 5);
	mkdev(dev, "random", &random_ops, 8);
	mkdev(dev, "urandom", &random_ops, 9);
}
