/*
 * vfs.c: the in-memory file system and the fd tables (see vfs.h).
 *
 * Linux behaviour is the reference for every error path (fs/namei.c for
 * lookups, fs/open.c, fs/read_write.c, fs/pipe.c, mm/shmem.c for what
 * tmpfs reports), as observed through qemu-riscv64 run as root.
 *
 * File-like behaviour (read/write/poll) goes through a struct vfs_ops on
 * the inode, so new kinds of file add a table, not cases: devices and
 * pipes are in vfs_dev.c, host stdio and host directories in vfs_host.c.
 * Directories are in-memory lists of entries, or host-backed (hroot >= 0),
 * in which case each call below hands the operation to WASI.
 *
 * One process for now: a read that would block (empty pipe with a writer,
 * full pipe) returns -EAGAIN instead of deadlocking, and opening a FIFO
 * never waits for the other end.
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "rtint.h"
#include "vfs_int.h"

#define MAX_LINKS 40		   /* symlinks followed per lookup (MAXSYMLINKS) */
#define MAX_FILE_SIZE (1ull << 40) /* beyond this writes fail with EFBIG */
#define TMPFS_DEV LX_MKDEV(0, 27)
#define DIRENT_SIZE 20 /* tmpfs's BOGO_DIRENT_SIZE: a directory's st_size per entry */

static struct vfs_proc proc0;
struct vfs_proc *vfs_cur = &proc0;
struct vfs_inode *vfs_root;
static uint64_t next_ino = 1;

struct lx_timespec vfs_now(void)
{
	uint64_t t = rt_clock_ns(__WASI_CLOCKID_REALTIME);
	return (struct lx_timespec){(int64_t)(t / 1000000000u), (int64_t)(t % 1000000000u)};
}

char *vfs_str_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

/* ---- inodes ---- */

static const struct vfs_ops reg_ops;

struct vfs_inode *vfs_inode_new(uint32_t mode)
{
	struct vfs_inode *n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	n->mode = mode;
	n->ino = next_ino++;
	n->uid = RT_GUEST_UID;
	n->gid = RT_GUEST_GID;
	n->atime = n->mtime = n->ctime = n->btime = vfs_now();
	n->host_fd = -1;
	n->hroot = -1;
	if (LX_S_IS(mode, IFREG))
		n->ops = &reg_ops;
	if (LX_S_IS(mode, IFDIR))
		n->next_cookie = 2; /* 0 and 1 are "." and ".." */
	return n;
}

void vfs_inode_maybe_free(struct vfs_inode *n)
{
	if (n->refs || n->nlink || n == vfs_root)
		return;
	if (n->pipe)
		free(n->pipe->buf);
	free(n->pipe);
	free(n->data);
	free(n->hpath);
	free(n->hname);
	free(n);
}

static void inode_put(struct vfs_inode *n)
{
	n->refs--;
	vfs_inode_maybe_free(n);
}

void vfs_touch(struct vfs_inode *n)
{
	n->mtime = n->ctime = vfs_now();
}

struct dent *vfs_dir_find(struct vfs_inode *dir, const char *name, size_t len)
{
	for (struct dent *d = dir->first; d; d = d->next)
		if (strlen(d->name) == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

/* Entry list edits only; link counts are the callers' business. */
static struct dent *dent_attach(struct vfs_inode *dir, const char *name, size_t len,
				struct vfs_inode *n)
{
	struct dent *d = malloc(sizeof *d + len + 1);
	if (!d)
		return NULL;
	memcpy(d->name, name, len);
	d->name[len] = 0;
	d->node = n;
	d->next = NULL;
	d->cookie = dir->next_cookie++;
	if (dir->last)
		dir->last->next = d;
	else
		dir->first = d;
	dir->last = d;
	dir->size += DIRENT_SIZE;
	vfs_touch(dir);
	return d;
}

static void dent_detach(struct vfs_inode *dir, struct dent *d)
{
	struct dent **pp = &dir->first, *prev = NULL;
	while (*pp != d) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	*pp = d->next;
	if (dir->last == d)
		dir->last = prev;
	dir->size -= DIRENT_SIZE;
	free(d);
	vfs_touch(dir);
}

int vfs_dir_link(struct vfs_inode *dir, const char *name, size_t len, struct vfs_inode *n)
{
	if (!dent_attach(dir, name, len, n))
		return -LX_ENOSPC;
	n->nlink++;
	if (vfs_is_dir(n)) {
		n->nlink++; /* its own "." */
		dir->nlink++;
		n->parent = dir;
	}
	n->ctime = vfs_now();
	return 0;
}

/* Removes entry d from dir; the inode dies if nothing else holds it. */
static void dir_unlink(struct vfs_inode *dir, struct dent *d)
{
	struct vfs_inode *n = d->node;
	dent_detach(dir, d);
	if (vfs_is_dir(n)) {
		dir->nlink--;
		n->nlink = 0; /* an empty directory: its "." goes too */
	} else {
		n->nlink--;
	}
	n->ctime = vfs_now();
	vfs_inode_maybe_free(n);
}

/* ---- the fd table ---- */

static struct vfs_file *file_get(int fd)
{
	struct vfs_fdtable *t = &vfs_cur->fds;
	if (fd < 0 || fd >= t->n)
		return NULL;
	return t->slot[fd].file;
}

void vfs_file_put(struct vfs_file *f)
{
	if (--f->refs)
		return;
	struct vfs_inode *n = f->node;
	if (n->pipe) {
		int acc = f->flags & LX_O_ACCMODE;
		if (acc != LX_O_WRONLY)
			n->pipe->readers--;
		if (acc != LX_O_RDONLY)
			n->pipe->writers--;
	}
	if (n->hroot >= 0 && f->hfd >= 0)
		(void)__wasi_fd_close(f->hfd);
	free(f);
	inode_put(n);
}

struct vfs_file *vfs_file_new(struct vfs_inode *n, int flags)
{
	struct vfs_file *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->refs = 1;
	f->hfd = -1;
	f->node = n;
	f->flags = flags & ~(LX_O_CREAT | LX_O_EXCL | LX_O_NOCTTY | LX_O_TRUNC | LX_O_CLOEXEC |
			     LX_O_LARGEFILE);
	n->refs++;
	if (n->pipe) {
		int acc = flags & LX_O_ACCMODE;
		if (acc != LX_O_WRONLY)
			n->pipe->readers++;
		if (acc != LX_O_RDONLY)
			n->pipe->writers++;
	}
	return f;
}

/* Puts f at the lowest free fd >= min; takes over the caller's reference
 * (dropped on failure). */
int vfs_fd_install(struct vfs_file *f, int min, int cloexec)
{
	struct vfs_fdtable *t = &vfs_cur->fds;
	int fd = min;
	while (fd < t->n && t->slot[fd].file)
		fd++;
	if (fd >= VFS_NOFILE) {
		vfs_file_put(f);
		return -LX_EMFILE;
	}
	if (fd >= t->n) {
		int n = t->n ? t->n : 16;
		while (n <= fd)
			n *= 2;
		if (n > VFS_NOFILE)
			n = VFS_NOFILE;
		struct vfs_fdslot *s = realloc(t->slot, (size_t)n * sizeof *s);
		if (!s) {
			vfs_file_put(f);
			return -LX_ENOMEM;
		}
		memset(s + t->n, 0, (size_t)(n - t->n) * sizeof *s);
		t->slot = s;
		t->n = n;
	}
	t->slot[fd].file = f;
	t->slot[fd].cloexec = cloexec;
	return fd;
}

int vfs_fdtable_clone(struct vfs_fdtable *dst, const struct vfs_fdtable *src)
{
	dst->n = src->n;
	dst->slot = calloc((size_t)(src->n ? src->n : 1), sizeof *dst->slot);
	if (!dst->slot)
		return -LX_ENOMEM;
	for (int i = 0; i < src->n; i++) {
		dst->slot[i] = src->slot[i];
		if (dst->slot[i].file)
			dst->slot[i].file->refs++;
	}
	return 0;
}

int vfs_valid(int fd)
{
	return file_get(fd) ? 0 : -LX_EBADF;
}

int vfs_close(int fd)
{
	struct vfs_file *f = file_get(fd);
	if (!f)
		return -LX_EBADF;
	vfs_cur->fds.slot[fd].file = NULL;
	vfs_file_put(f);
	return 0;
}

int vfs_dup(int fd, int min, int cloexec)
{
	struct vfs_file *f = file_get(fd);
	if (!f)
		return -LX_EBADF;
	if (min < 0 || min >= VFS_NOFILE)
		return -LX_EINVAL;
	f->refs++;
	return vfs_fd_install(f, min, cloexec);
}

int vfs_dup3(int oldfd, int newfd, int flags)
{
	struct vfs_file *f = file_get(oldfd);
	if (flags & ~LX_O_CLOEXEC)
		return -LX_EINVAL;
	if (oldfd == newfd)
		return -LX_EINVAL;
	if (newfd < 0 || newfd >= VFS_NOFILE || !f)
		return -LX_EBADF;
	f->refs++;
	struct vfs_file *old = file_get(newfd);
	if (old) {
		vfs_cur->fds.slot[newfd].file = NULL;
		vfs_file_put(old);
	}
	int r = vfs_fd_install(f, newfd, !!(flags & LX_O_CLOEXEC));
	return r;
}

int vfs_host_fd(int fd)
{
	struct vfs_file *f = file_get(fd);
	return f ? f->node->host_fd : -1;
}

int vfs_isatty(int fd)
{
	struct vfs_file *f = file_get(fd);
	return f && f->node->tty;
}

/* ---- path lookup (fs/namei.c) ---- */

struct walk {
	struct vfs_inode *dir;	/* directory that holds the last component */
	struct vfs_inode *node; /* the file named, or NULL when it does not exist */
	const char *name;	/* the last component, not NUL-terminated */
	size_t len;
	int slash; /* the path ended in '/' */
	int dot;   /* the last component is "." or ".." (or the path is "/") */
};

static int walk_from(struct vfs_inode *cur, const char *path, int follow, int *links,
		     struct walk *w);

static int follow_link(struct vfs_inode *from, struct vfs_inode *lnk, int *links, struct walk *w)
{
	if (++*links > MAX_LINKS)
		return -LX_ELOOP;
	return walk_from(from, (const char *)lnk->data, 1, links, w);
}

static int walk_from(struct vfs_inode *cur, const char *path, int follow, int *links,
		     struct walk *w)
{
	if (!*path)
		return -LX_ENOENT;
	if (*path == '/')
		cur = vfs_root;
	*w = (struct walk){cur, cur, ".", 1, 0, 1};
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *name = p;
		while (*p && *p != '/')
			p++;
		size_t len = (size_t)(p - name);
		const char *rest = p;
		while (*rest == '/')
			rest++;
		int last = !*rest;
		if (len > VFS_NAME_MAX)
			return -LX_ENAMETOOLONG;
		if (!vfs_is_dir(cur))
			return -LX_ENOTDIR;
		int dot =
		    (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
		struct vfs_inode *n;
		if (len == 1 && name[0] == '.')
			n = cur;
		else if (dot)
			n = cur == vfs_root || !cur->parent ? cur : cur->parent;
		else if (cur->hroot >= 0)
			n = vfs_host_lookup(cur, name, len);
		else {
			struct dent *d = vfs_dir_find(cur, name, len);
			n = d ? d->node : NULL;
		}
		if (last) {
			int slash = *p == '/';
			*w = (struct walk){cur, n, name, len, slash, dot};
			if (n && LX_S_IS(n->mode, IFLNK) && (follow || slash)) {
				int r = follow_link(cur, n, links, w);
				if (r < 0)
					return r;
				w->slash |= slash;
			}
			break;
		}
		if (!n)
			return -LX_ENOENT;
		if (LX_S_IS(n->mode, IFLNK)) {
			struct walk t;
			int r = follow_link(cur, n, links, &t);
			if (r < 0)
				return r;
			if (!t.node)
				return -LX_ENOENT;
			n = t.node;
		}
		if (!vfs_is_dir(n))
			return -LX_ENOTDIR;
		cur = n;
		p = rest;
	}
	if (w->slash && w->node && !vfs_is_dir(w->node))
		return -LX_ENOTDIR;
	return 0;
}

/* Where a relative path starts: the cwd or dirfd (which must be a directory). */
static int start_dir(int dirfd, const char *path, struct vfs_inode **out)
{
	if (path && *path == '/') {
		*out = vfs_root;
		return 0;
	}
	if (dirfd == LX_AT_FDCWD) {
		*out = vfs_cur->cwd;
		return 0;
	}
	struct vfs_file *f = file_get(dirfd);
	if (!f)
		return -LX_EBADF;
	if (path && *path && !vfs_is_dir(f->node))
		return -LX_ENOTDIR;
	*out = f->node;
	return 0;
}

static int lookup(int dirfd, const char *path, int follow, struct walk *w)
{
	struct vfs_inode *start;
	int r = start_dir(dirfd, path, &start);
	if (r < 0)
		return r;
	int links = 0;
	return walk_from(start, path, follow, &links, w);
}

/* The existing file named by (dirfd, path), or by dirfd alone when path is
 * NULL or "" with AT_EMPTY_PATH. */
static int lookup_node(int dirfd, const char *path, int flags, struct vfs_inode **out)
{
	if (!path || (!*path && (flags & LX_AT_EMPTY_PATH))) {
		if (dirfd == LX_AT_FDCWD) {
			*out = vfs_cur->cwd;
			return 0;
		}
		struct vfs_file *f = file_get(dirfd);
		if (!f)
			return -LX_EBADF;
		*out = f->node;
		return 0;
	}
	struct walk w;
	int r = lookup(dirfd, path, !(flags & LX_AT_SYMLINK_NOFOLLOW), &w);
	if (r < 0)
		return r;
	if (!w.node)
		return -LX_ENOENT;
	*out = w.node;
	return 0;
}

/* ---- regular files ---- */

static int reg_resize(struct vfs_inode *n, uint64_t size)
{
	if (size > MAX_FILE_SIZE)
		return -LX_EFBIG;
	if (size > n->cap) {
		uint64_t cap = n->cap ? n->cap : 64;
		while (cap < size)
			cap *= 2;
		uint8_t *d = realloc(n->data, (size_t)cap);
		if (!d)
			return -LX_ENOSPC;
		n->data = d;
		n->cap = cap;
	}
	if (size > n->size)
		memset(n->data + n->size, 0, (size_t)(size - n->size));
	n->size = size;
	return 0;
}

static int64_t reg_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	struct vfs_inode *n = f->node;
	if (off >= n->size)
		return 0;
	if (len > n->size - off)
		len = n->size - off;
	memcpy(buf, n->data + off, (size_t)len);
	return (int64_t)len;
}

static int64_t reg_write(struct vfs_file *f, const void *buf, uint64_t len, uint64_t off)
{
	struct vfs_inode *n = f->node;
	if (off >= MAX_FILE_SIZE)
		return -LX_EFBIG;
	if (len > MAX_FILE_SIZE - off)
		len = MAX_FILE_SIZE - off;
	if (off + len > n->size) {
		int r = reg_resize(n, off + len);
		if (r < 0)
			return r;
	}
	memcpy(n->data + off, buf, (size_t)len);
	vfs_touch(n);
	return (int64_t)len;
}

int vfs_poll_always(struct vfs_file *f)
{
	return LX_POLLIN | LX_POLLOUT | LX_POLLRDNORM | LX_POLLWRNORM;
}

static const struct vfs_ops reg_ops = {reg_read, reg_write, vfs_poll_always, 1};

/* ---- the initial tree ---- */

struct vfs_inode *vfs_mk(struct vfs_inode *dir, const char *name, uint32_t mode)
{
	struct vfs_inode *n = vfs_inode_new(mode);
	if (n && vfs_dir_link(dir, name, strlen(name), n) < 0) {
		free(n);
		return NULL;
	}
	return n;
}

static void mkfile(struct vfs_inode *dir, const char *name, uint32_t mode, const char *text)
{
	struct vfs_inode *n = vfs_mk(dir, name, LX_S_IFREG | mode);
	size_t len = strlen(text);
	if (n && reg_resize(n, len) == 0)
		memcpy(n->data, text, len);
}

static void mksym(struct vfs_inode *dir, const char *name, const char *target)
{
	struct vfs_inode *n = vfs_mk(dir, name, LX_S_IFLNK | 0777);
	if (n) {
		n->size = strlen(target);
		n->data = (uint8_t *)vfs_str_dup(target);
	}
}
void vfs_init(void)
{
	if (vfs_root)
		return;
	vfs_root = vfs_inode_new(LX_S_IFDIR | 0755);
	vfs_root->nlink = 2;
	vfs_root->parent = vfs_root;
	vfs_root->refs = 1;
	vfs_cur->cwd = vfs_root;
	vfs_cur->umask = 022;

	struct vfs_inode *dev = vfs_mk(vfs_root, "dev", LX_S_IFDIR | 0755);
	vfs_dev_populate(dev);
	struct vfs_inode *etc = vfs_mk(vfs_root, "etc", LX_S_IFDIR | 0755);
	mkfile(etc, "passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n");
	mkfile(etc, "group", 0644, "root:x:0:\n");
	vfs_mk(vfs_root, "root", LX_S_IFDIR | 0700);
	vfs_mk(vfs_root, "tmp", LX_S_IFDIR | LX_S_ISVTX | 0777);
	struct vfs_inode *self =
	    vfs_mk(vfs_mk(vfs_root, "proc", LX_S_IFDIR | 0555), "self", LX_S_IFDIR | 0555);
	/* qemu shows the absolute path; the image only knows its name. */
	char exe[VFS_PATH_MAX] = "/";
	const char *name = rt_exe_name && *rt_exe_name ? rt_exe_name : "program";
	strncat(exe, name + (*name == '/'), sizeof exe - 2);
	mksym(self, "exe", exe);

	vfs_host_bind(0, LX_O_RDONLY);
	vfs_host_bind(1, LX_O_WRONLY);
	vfs_host_bind(2, LX_O_WRONLY);
	vfs_host_mount();
}

/* ---- open ---- */

int vfs_openat(int dirfd, const char *path, int flags, uint32_t mode)
{
	int acc = flags & LX_O_ACCMODE;
	struct walk w;
	int cloexec = !!(flags & LX_O_CLOEXEC);
	if ((flags & LX_O_TMPFILE) == LX_O_TMPFILE) {
		/* An unnamed file in a directory (mm/shmem.c supports it). */
		if (acc == LX_O_RDONLY)
			return -LX_EINVAL;
		int r = lookup(dirfd, path, 1, &w);
		if (r < 0)
			return r;
		if (!w.node)
			return -LX_ENOENT;
		if (!vfs_is_dir(w.node))
			return -LX_ENOTDIR;
		struct vfs_inode *n = vfs_inode_new(LX_S_IFREG | (mode & 07777 & ~vfs_cur->umask));
		struct vfs_file *f = n ? vfs_file_new(n, flags & ~LX_O_TMPFILE) : NULL;
		if (!f) {
			free(n);
			return -LX_ENOSPC;
		}
		return vfs_fd_install(f, 0, cloexec);
	}
	int excl = (flags & (LX_O_CREAT | LX_O_EXCL)) == (LX_O_CREAT | LX_O_EXCL);
	int r = lookup(dirfd, path, !(flags & LX_O_NOFOLLOW) && !excl, &w);
	if (r == -LX_ENOTDIR && w.slash && !w.node)
		return r;
	if (r < 0)
		return r;
	struct vfs_inode *n = w.node;
	if (!n) {
		if (!(flags & LX_O_CREAT))
			return -LX_ENOENT;
		if (w.slash)
			return -LX_EISDIR;
		if (!w.dir->nlink)
			return -LX_ENOENT; /* the directory was removed */
		if (w.dir->hroot >= 0) {
			char *path = vfs_host_join(w.dir, w.name, w.len);
			__wasi_fd_t h;
			r = path ? vfs_host_open(w.dir->hroot, path, flags, 0, &h) : -LX_ENOMEM;
			free(path);
			if (r < 0)
				return r;
			n = vfs_host_lookup(w.dir, w.name, w.len);
			struct vfs_file *f = n ? vfs_file_new(n, flags) : NULL;
			if (!f) {
				(void)__wasi_fd_close(h);
				return -LX_ENOENT;
			}
			f->hfd = (int)h;
			return vfs_fd_install(f, 0, cloexec);
		}
		n = vfs_inode_new(LX_S_IFREG | (mode & 07777 & ~vfs_cur->umask));
		if (!n)
			return -LX_ENOSPC;
		if ((r = vfs_dir_link(w.dir, w.name, w.len, n)) < 0) {
			free(n);
			return r;
		}
	} else {
		if (excl)
			return -LX_EEXIST;
		if (LX_S_IS(n->mode, IFLNK) && !(flags & LX_O_PATH))
			return -LX_ELOOP; /* O_NOFOLLOW on a symlink */
		if ((flags & LX_O_DIRECTORY) && !vfs_is_dir(n))
			return -LX_ENOTDIR;
		if (vfs_is_dir(n) && !(flags & LX_O_PATH) &&
		    ((flags & LX_O_CREAT) || acc != LX_O_RDONLY))
			return -LX_EISDIR;
		if ((flags & LX_O_TRUNC) && !(flags & LX_O_PATH) && LX_S_IS(n->mode, IFREG) &&
		    n->size) {
			reg_resize(n, 0);
			vfs_touch(n);
		}
		if (n->pipe && (flags & LX_O_NONBLOCK) && acc == LX_O_WRONLY && !n->pipe->readers)
			return -LX_ENXIO;
	}
	if (flags & LX_O_PATH)
		flags &= LX_O_PATH | LX_O_DIRECTORY | LX_O_NOFOLLOW | LX_O_CLOEXEC;
	__wasi_fd_t h = 0;
	if (n->hroot >= 0 && !(flags & LX_O_PATH) && !LX_S_IS(n->mode, IFLNK) &&
	    (r = vfs_host_open(n->hroot, n->hpath, flags & ~(LX_O_CREAT | LX_O_EXCL), vfs_is_dir(n),
			       &h)) < 0)
		return r;
	struct vfs_file *f = vfs_file_new(n, flags);
	if (!f) {
		vfs_inode_maybe_free(n);
		return -LX_ENOMEM;
	}
	if (n->hroot >= 0 && !(flags & LX_O_PATH) && !LX_S_IS(n->mode, IFLNK))
		f->hfd = (int)h;
	return vfs_fd_install(f, 0, cloexec);
}

/* ---- data ---- */

/* The description behind fd if it allows `acc` (LX_O_RDONLY: reading,
 * LX_O_WRONLY: writing). */
static int file_for(int fd, int acc, struct vfs_file **out)
{
	struct vfs_file *f = file_get(fd);
	if (!f || (f->flags & LX_O_PATH))
		return -LX_EBADF;
	int mode = f->flags & LX_O_ACCMODE;
	if (mode == 3 || (acc == LX_O_RDONLY && mode == LX_O_WRONLY) ||
	    (acc == LX_O_WRONLY && mode == LX_O_RDONLY))
		return -LX_EBADF;
	*out = f;
	return 0;
}

static int64_t do_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	if (vfs_is_dir(f->node))
		return -LX_EISDIR;
	if (!f->node->ops)
		return -LX_EINVAL;
	int64_t r = f->node->ops->read(f, buf, len, off);
	/* An empty pipe read by a non-blocking fd is -EAGAIN in any case. */
	return r;
}

static int64_t do_write(struct vfs_file *f, const void *buf, uint64_t len, uint64_t off)
{
	if (!f->node->ops)
		return -LX_EINVAL;
	return f->node->ops->write(f, buf, len, off);
}

int64_t vfs_read(int fd, void *buf, uint64_t len)
{
	struct vfs_file *f;
	int r = file_for(fd, LX_O_RDONLY, &f);
	if (r < 0)
		return r;
	int64_t n = do_read(f, buf, len, f->pos);
	if (n > 0 && f->node->ops->seekable == 1)
		f->pos += (uint64_t)n;
	return n;
}

int64_t vfs_write(int fd, const void *buf, uint64_t len)
{
	struct vfs_file *f;
	int r = file_for(fd, LX_O_WRONLY, &f);
	if (r < 0)
		return r;
	if ((f->flags & LX_O_APPEND) && f->node->ops == &reg_ops)
		f->pos = f->node->size;
	int64_t n = do_write(f, buf, len, f->pos);
	if (n > 0 && f->node->ops->seekable == 1)
		f->pos += (uint64_t)n;
	return n;
}

static int host_pio(struct vfs_file *f)
{
	return f->hfd >= 0 && !vfs_is_dir(f->node);
}

int64_t vfs_pread(int fd, void *buf, uint64_t len, int64_t off)
{
	struct vfs_file *f;
	int r = file_for(fd, LX_O_RDONLY, &f);
	if (r < 0)
		return r;
	if (vfs_is_dir(f->node))
		return -LX_EISDIR;
	if (!f->node->ops || !f->node->ops->seekable)
		return -LX_ESPIPE;
	if (off < 0)
		return -LX_EINVAL;
	if (host_pio(f)) {
		__wasi_iovec_t iov = {buf, (size_t)len};
		__wasi_size_t n = 0;
		__wasi_errno_t e = __wasi_fd_pread(f->hfd, &iov, 1, (uint64_t)off, &n);
		return e ? vfs_wasi_errno(e) : (int64_t)n;
	}
	return do_read(f, buf, len, (uint64_t)off);
}

int64_t vfs_pwrite(int fd, const void *buf, uint64_t len, int64_t off)
{
	struct vfs_file *f;
	int r = file_for(fd, LX_O_WRONLY, &f);
	if (r < 0)
		return r;
	if (!f->node->ops || !f->node->ops->seekable)
		return -LX_ESPIPE;
	if (off < 0)
		return -LX_EINVAL;
	if (host_pio(f)) {
		__wasi_ciovec_t iov = {buf, (size_t)len};
		__wasi_size_t n = 0;
		__wasi_errno_t e = __wasi_fd_pwrite(f->hfd, &iov, 1, (uint64_t)off, &n);
		return e ? vfs_wasi_errno(e) : (int64_t)n;
	}
	/* Linux appends even for pwrite on an O_APPEND file (man 2 pwrite, BUGS). */
	if ((f->flags & LX_O_APPEND) && f->node->ops == &reg_ops)
		off = (int64_t)f->node->size;
	return do_write(f, buf, len, (uint64_t)off);
}

int64_t vfs_lseek(int fd, int64_t off, int whence)
{
	struct vfs_file *f = file_get(fd);
	if (!f)
		return -LX_EBADF;
	struct vfs_inode *n = f->node;
	if (whence < LX_SEEK_SET || whence > LX_SEEK_HOLE)
		return -LX_EINVAL;
	if (host_pio(f)) {
		if (!n->ops->seekable)
			return -LX_ESPIPE;
		__wasi_filesize_t pos = 0;
		if (whence > LX_SEEK_END)
			return -LX_EINVAL;
		__wasi_errno_t e = __wasi_fd_seek(f->hfd, off, (__wasi_whence_t)whence, &pos);
		return e ? vfs_wasi_errno(e) : (int64_t)pos;
	}
	if (!vfs_is_dir(n) && (!n->ops || !n->ops->seekable))
		return -LX_ESPIPE;
	if (n->ops && n->ops->seekable == 2)
		return 0;
	int64_t base;
	uint64_t size = vfs_is_dir(n) ? 0 : n->size;
	switch (whence) {
	case LX_SEEK_SET:
		base = 0;
		break;
	case LX_SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case LX_SEEK_END:
		if (vfs_is_dir(n))
			return -LX_EINVAL;
		base = (int64_t)size;
		break;
	default: /* SEEK_DATA/SEEK_HOLE: no holes, data everywhere before EOF */
		if (vfs_is_dir(n))
			return -LX_EINVAL;
		if (off < 0 || (uint64_t)off >= size)
			return -LX_ENXIO;
		if (whence == LX_SEEK_HOLE)
			off = (int64_t)size;
		base = 0;
		break;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -LX_EINVAL;
	f->pos = (uint64_t)(base + off);
	return (int64_t)f->pos;
}

static int truncate_node(struct vfs_inode *n, int64_t len)
{
	if (len < 0)
		return -LX_EINVAL;
	if (vfs_is_dir(n))
		return -LX_EISDIR;
	if (n->hroot >= 0 && LX_S_IS(n->mode, IFREG)) {
		__wasi_fd_t h;
		int r = vfs_host_open(n->hroot, n->hpath, LX_O_WRONLY, 0, &h);
		if (r < 0)
			return r;
		__wasi_errno_t e = __wasi_fd_filestat_set_size(h, (uint64_t)len);
		(void)__wasi_fd_close(h);
		return e ? vfs_wasi_errno(e) : 0;
	}
	if (!LX_S_IS(n->mode, IFREG) || n->ops != &reg_ops)
		return -LX_EINVAL;
	int r = reg_resize(n, (uint64_t)len);
	if (r == 0)
		vfs_touch(n);
	return r;
}

int vfs_ftruncate(int fd, int64_t len)
{
	struct vfs_file *f = file_get(fd);
	if (!f || (f->flags & LX_O_PATH))
		return -LX_EBADF;
	if (len < 0 || (f->flags & LX_O_ACCMODE) == LX_O_RDONLY || vfs_is_dir(f->node))
		return -LX_EINVAL;
	if (host_pio(f)) {
		if (!f->node->ops->seekable)
			return -LX_EINVAL;
		__wasi_errno_t e = __wasi_fd_filestat_set_size(f->hfd, (uint64_t)len);
		return e ? vfs_wasi_errno(e) : 0;
	}
	return truncate_node(f->node, len);
}

int vfs_truncate(const char *path, int64_t len)
{
	struct walk w;
	int r = lookup(LX_AT_FDCWD, path, 1, &w);
	if (r < 0)
		return r;
	if (!w.node)
		return -LX_ENOENT;
	return truncate_node(w.node, len);
}

int vfs_fsync(int fd)
{
	struct vfs_file *f = file_get(fd);
	if (!f || (f->flags & LX_O_PATH))
		return -LX_EBADF;
	struct vfs_inode *n = f->node;
	if (host_pio(f))
		return n->ops->seekable ? 0 : -LX_EINVAL;
	return vfs_is_dir(n) || LX_S_IS(n->mode, IFREG) ? 0 : -LX_EINVAL;
}

int64_t vfs_nread(int fd)
{
	struct vfs_file *f = file_get(fd);
	if (!f || (f->flags & LX_O_PATH))
		return -LX_EBADF;
	struct vfs_inode *n = f->node;
	if (n->pipe)
		return n->pipe->len;
	if (host_pio(f))
		return 0; /* unknown to WASI; a read blocks for input */
	if (n->ops == &reg_ops)
		return f->pos < n->size ? (int64_t)(n->size - f->pos) : 0;
	return -LX_ENOTTY;
}

int vfs_poll(int fd, int events)
{
	struct vfs_file *f = file_get(fd);
	if (!f)
		return LX_POLLNVAL;
	int ev = f->node->ops ? f->node->ops->poll(f) : vfs_poll_always(f);
	return ev & (events | LX_POLLERR | LX_POLLHUP | LX_POLLNVAL);
}

static int dtype(uint32_t mode)
{
	switch (mode & LX_S_IFMT) {
	case LX_S_IFREG:
		return LX_DT_REG;
	case LX_S_IFDIR:
		return LX_DT_DIR;
	case LX_S_IFLNK:
		return LX_DT_LNK;
	case LX_S_IFCHR:
		return LX_DT_CHR;
	case LX_S_IFIFO:
		return LX_DT_FIFO;
	default:
		return 0;
	}
}

/* Appends one linux_dirent64; 0 when it does not fit. */
size_t vfs_put_dirent(uint8_t *buf, uint64_t room, uint64_t ino, uint64_t next, int type,
		      const char *name)
{
	size_t len = strlen(name);
	size_t reclen = (19 + len + 1 + 7) & ~(size_t)7;
	if (reclen > room)
		return 0;
	memset(buf, 0, reclen);
	memcpy(buf, &ino, 8);
	memcpy(buf + 8, &next, 8);
	uint16_t rl = (uint16_t)reclen;
	memcpy(buf + 16, &rl, 2);
	buf[18] = (uint8_t)type;
	memcpy(buf + 19, name, len);
	return reclen;
}

int64_t vfs_getdents(int fd, void *out, uint64_t len)
{
	struct vfs_file *f = file_get(fd);
	if (!f || (f->flags & LX_O_PATH))
		return -LX_EBADF;
	struct vfs_inode *n = f->node;
	if (!vfs_is_dir(n))
		return -LX_ENOTDIR;
	if (!n->nlink)
		return -LX_ENOENT;
	if (n->hroot >= 0)
		return f->hfd >= 0 ? vfs_host_getdents(f, out, len) : -LX_EBADF;
	uint8_t *buf = out;
	uint64_t used = 0;
	size_t k;
	if (f->pos == 0) {
		if (!(k = vfs_put_dirent(buf, len, n->ino, 1, LX_DT_DIR, ".")))
			return -LX_EINVAL;
		used += k;
		f->pos = 1;
	}
	if (f->pos == 1) {
		struct vfs_inode *p = n->parent ? n->parent : n;
		if (!(k = vfs_put_dirent(buf + used, len - used, p->ino, 2, LX_DT_DIR, "..")))
			return used ? (int64_t)used : -LX_EINVAL;
		used += k;
		f->pos = 2;
	}
	for (struct dent *d = n->first; d; d = d->next) {
		if (d->cookie < f->pos)
			continue;
		k = vfs_put_dirent(buf + used, len - used, d->node->ino, d->cookie + 1,
				   dtype(d->node->mode), d->name);
		if (!k)
			return used ? (int64_t)used : -LX_EINVAL;
		used += k;
		f->pos = d->cookie + 1;
	}
	return (int64_t)used;
}

/* ---- fcntl (fs/fcntl.c) ---- */

enum {
	F_DUPFD = 0,
	F_GETFD = 1,
	F_SETFD = 2,
	F_GETFL = 3,
	F_SETFL = 4,
	F_SETPIPE_SZ = 1031,
	F_GETPIPE_SZ = 1032,
	F_DUPFD_CLOEXEC = 1030
};

int vfs_fcntl(int fd, int cmd, uint64_t arg)
{
	struct vfs_file *f = file_get(fd);
	if (!f)
		return -LX_EBADF;
	const int settable = LX_O_APPEND | LX_O_NONBLOCK | LX_O_ASYNC | LX_O_DIRECT | LX_O_NOATIME;
	struct pipe *p = f->node->pipe;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if ((int)arg < 0 || (int)arg >= VFS_NOFILE)
			return -LX_EINVAL;
		return vfs_dup(fd, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return vfs_cur->fds.slot[fd].cloexec;
	case F_SETFD:
		vfs_cur->fds.slot[fd].cloexec = arg & 1;
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		if (f->flags & LX_O_PATH)
			return -LX_EBADF;
		f->flags = (f->flags & ~settable) | ((int)arg & settable);
		if (f->node->hroot >= 0 && f->hfd >= 0)
			(void)__wasi_fd_fdstat_set_flags(
			    f->hfd, (f->flags & LX_O_APPEND ? __WASI_FDFLAGS_APPEND : 0) |
					(f->flags & LX_O_NONBLOCK ? __WASI_FDFLAGS_NONBLOCK : 0));
		return 0;
	case F_GETPIPE_SZ:
		return p ? (int)p->cap : -LX_EBADF;
	case F_SETPIPE_SZ: {
		if (!p)
			return -LX_EBADF;
		uint64_t cap = 4096;
		while (cap < (uint32_t)arg && cap < (1u << 20))
			cap *= 2;
		if ((uint32_t)arg > (1u << 20))
			return -LX_EPERM;
		if (cap < p->len)
			return -LX_EBUSY;
		uint8_t *b = malloc(cap);
		if (!b)
			return -LX_ENOMEM;
		for (uint32_t i = 0; i < p->len; i++)
			b[i] = p->buf[(p->head + i) % p->cap];
		free(p->buf);
		p->buf = b;
		p->head = 0;
		p->cap = (uint32_t)cap;
		return (int)cap;
	}
	default:
		return -LX_EINVAL;
	}
}

/* ---- names ---- */

static void fill_stat(const struct vfs_inode *n, struct vfs_stat *st)
{
	*st = (struct vfs_stat){0};
	st->dev = n->host_fd >= 0 ? LX_MKDEV(0, 5) : TMPFS_DEV;
	st->ino = n->ino;
	st->mode = n->mode;
	st->nlink = n->nlink;
	st->uid = n->uid;
	st->gid = n->gid;
	st->rdev = n->rdev;
	st->size = vfs_is_dir(n) && n->hroot < 0 ? n->size + 2 * DIRENT_SIZE : n->size;
	st->blksize = 4096;
	if (LX_S_IS(n->mode, IFREG) && n->host_fd < 0)
		st->blocks = (n->size + 4095) / 4096 * 8;
	st->atime = n->atime;
	st->mtime = n->mtime;
	st->ctime = n->ctime;
	st->btime = n->btime;
}

int vfs_fstatat(int dirfd, const char *path, int flags, struct vfs_stat *st)
{
	if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH | LX_AT_NO_AUTOMOUNT |
		      LX_AT_STATX_SYNC_TYPE))
		return -LX_EINVAL;
	struct vfs_inode *n;
	int r = lookup_node(dirfd, path, flags, &n);
	if (r < 0)
		return r;
	if (n->host_fd >= 0)
		vfs_host_stat(n);
	if (n->hroot >= 0)
		vfs_host_refresh(n);
	fill_stat(n, st);
	return 0;
}

int vfs_faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (mode & ~7)
		return -LX_EINVAL;
	if (flags & ~(LX_AT_EACCESS | LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -LX_EINVAL;
	struct vfs_inode *n;
	int r = lookup_node(dirfd, path, flags, &n);
	if (r < 0)
		return r;
	/* root: everything but executing a file nobody may execute (which
	 * WASI cannot tell for host files) */
	if ((mode & 1) && !vfs_is_dir(n) && !(n->mode & 0111) && n->hroot < 0)
		return -LX_EACCES;
	return 0;
}

/* Looks up the parent of a name to create; fails if the name exists. */
static int lookup_new(int dirfd, const char *path, struct walk *w)
{
	int r = lookup(dirfd, path, 0, w);
	if (r < 0 && !(r == -LX_ENOTDIR && w->slash && w->node))
		return r;
	if (w->node)
		return -LX_EEXIST;
	if (!w->dir->nlink)
		return -LX_ENOENT;
	return 0;
}

int vfs_mkdirat(int dirfd, const char *path, uint32_t mode)
{
	struct walk w;
	int r = lookup_new(dirfd, path, &w);
	if (r < 0)
		return r;
	if (w.dir->hroot >= 0)
		return vfs_host_path_op(w.dir, w.name, w.len, __wasi_path_create_directory);
	struct vfs_inode *n = vfs_inode_new(LX_S_IFDIR | (mode & 07777 & ~vfs_cur->umask));
	if (!n)
		return -LX_ENOSPC;
	if ((r = vfs_dir_link(w.dir, w.name, w.len, n)) < 0)
		free(n);
	return r;
}

int vfs_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev)
{
	uint32_t type = mode & LX_S_IFMT;
	if (type != 0 && type != LX_S_IFREG && type != LX_S_IFIFO)
		return type == LX_S_IFCHR || type == LX_S_IFBLK || type == LX_S_IFSOCK ? -LX_EPERM
										       : -LX_EINVAL;
	struct walk w;
	int r = lookup_new(dirfd, path, &w);
	if (r < 0)
		return r;
	if (w.slash)
		return -LX_ENOENT;
	if (w.dir->hroot >= 0) {
		if (type == LX_S_IFIFO)
			return -LX_EPERM; /* WASI cannot make one */
		char *hp = vfs_host_join(w.dir, w.name, w.len);
		__wasi_fd_t h;
		r = hp ? vfs_host_open(w.dir->hroot, hp, LX_O_CREAT | LX_O_EXCL | LX_O_WRONLY, 0,
				       &h)
		       : -LX_ENOMEM;
		free(hp);
		if (r == 0)
			(void)__wasi_fd_close(h);
		return r;
	}
	uint32_t perm = mode & 07777 & ~vfs_cur->umask;
	struct vfs_inode *n =
	    type == LX_S_IFIFO ? vfs_fifo_new(LX_S_IFIFO | perm) : vfs_inode_new(LX_S_IFREG | perm);
	if (!n)
		return -LX_ENOSPC;
	if ((r = vfs_dir_link(w.dir, w.name, w.len, n)) < 0)
		vfs_inode_maybe_free(n);
	return r;
}

int vfs_unlinkat(int dirfd, const char *path, int flags)
{
	if (flags & ~LX_AT_REMOVEDIR)
		return -LX_EINVAL;
	struct walk w;
	int r = lookup(dirfd, path, 0, &w);
	int rmdir = flags & LX_AT_REMOVEDIR;
	if (r < 0 && !(rmdir && r == -LX_ENOTDIR && w.node && LX_S_IS(w.node->mode, IFLNK)))
		return r;
	if (w.dot)
		return !rmdir							? -LX_EISDIR
		       : w.node == vfs_root || (w.len == 1 && w.name[0] == '/') ? -LX_EBUSY
		       : w.len == 1						? -LX_EINVAL
										: -LX_ENOTEMPTY;
	if (!w.node)
		return -LX_ENOENT;
	struct vfs_inode *n = w.node;
	if (rmdir) {
		if (!vfs_is_dir(n))
			return -LX_ENOTDIR;
		if (n->first)
			return -LX_ENOTEMPTY;
	} else {
		if (vfs_is_dir(n))
			return -LX_EISDIR;
		if (w.slash)
			return -LX_ENOTDIR;
	}
	if (w.dir->hroot >= 0) {
		r = vfs_host_path_op(w.dir, w.name, w.len,
				     rmdir ? __wasi_path_remove_directory
					   : __wasi_path_unlink_file);
		if (r == 0)
			vfs_host_forget(n);
		return r;
	}
	dir_unlink(w.dir, vfs_dir_find(w.dir, w.name, w.len));
	return 0;
}

static int is_ancestor(struct vfs_inode *a, struct vfs_inode *n)
{
	for (; n != vfs_root; n = n->parent)
		if (n == a)
			return 1;
	return a == vfs_root;
}

int vfs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	if (flags & ~(LX_RENAME_NOREPLACE | LX_RENAME_EXCHANGE) ||
	    (flags & LX_RENAME_NOREPLACE && flags & LX_RENAME_EXCHANGE))
		return flags & LX_RENAME_WHITEOUT ? -LX_EPERM : -LX_EINVAL;
	struct walk o, t;
	int r = lookup(olddirfd, oldpath, 0, &o);
	if (r < 0)
		return r;
	if (!o.node)
		return -LX_ENOENT;
	if (o.dot)
		return o.node == vfs_root ? -LX_EBUSY : -LX_EINVAL;
	r = lookup(newdirfd, newpath, 0, &t);
	if (r < 0 && !(r == -LX_ENOTDIR && t.slash))
		return r;
	if (t.dot)
		return t.node == vfs_root ? -LX_EBUSY : -LX_EINVAL;
	struct vfs_inode *n = o.node, *victim = t.node;
	if (!vfs_is_dir(n) && (o.slash || t.slash))
		return -LX_ENOTDIR;
	if (flags & LX_RENAME_EXCHANGE) {
		if (!victim)
			return -LX_ENOENT;
	} else if (victim && (flags & LX_RENAME_NOREPLACE)) {
		return -LX_EEXIST;
	}
	if (victim == n)
		return 0;
	if (vfs_is_dir(n) && is_ancestor(n, t.dir))
		return -LX_EINVAL;
	if (victim && !(flags & LX_RENAME_EXCHANGE)) {
		if (vfs_is_dir(n) && !vfs_is_dir(victim))
			return -LX_ENOTDIR;
		if (!vfs_is_dir(n) && vfs_is_dir(victim))
			return -LX_EISDIR;
		if (vfs_is_dir(victim) && victim->first)
			return -LX_ENOTEMPTY;
	}
	if (victim && (flags & LX_RENAME_EXCHANGE) && vfs_is_dir(victim) &&
	    is_ancestor(victim, o.dir))
		return -LX_EINVAL;
	if (!t.dir->nlink)
		return -LX_ENOENT;
	if (o.dir->hroot >= 0 || t.dir->hroot >= 0) {
		if (o.dir->hroot < 0 || t.dir->hroot < 0)
			return -LX_EXDEV;
		if (flags & LX_RENAME_EXCHANGE)
			return -LX_EINVAL; /* WASI has no atomic exchange */
		char *op = vfs_host_join(o.dir, o.name, o.len),
		     *tp = vfs_host_join(t.dir, t.name, t.len);
		__wasi_errno_t e =
		    op && tp ? __wasi_path_rename((__wasi_fd_t)o.dir->hroot, op, strlen(op),
						  (__wasi_fd_t)t.dir->hroot, tp, strlen(tp))
			     : __WASI_ERRNO_NOMEM;
		free(op);
		free(tp);
		if (e)
			return vfs_wasi_errno(e);
		if (victim)
			vfs_host_forget(victim);
		vfs_host_forget(n);
		return 0;
	}
	struct dent *od = vfs_dir_find(o.dir, o.name, o.len);
	struct dent *td = victim ? vfs_dir_find(t.dir, t.name, t.len) : NULL;
	if (flags & LX_RENAME_EXCHANGE) {
		/* Swap the inodes the two entries name; fix ".." and link counts. */
		od->node = victim;
		td->node = n;
		if (vfs_is_dir(n))
			n->parent = t.dir, o.dir->nlink--, t.dir->nlink++;
		if (vfs_is_dir(victim))
			victim->parent = o.dir, t.dir->nlink--, o.dir->nlink++;
		n->ctime = victim->ctime = vfs_now();
		vfs_touch(o.dir);
		vfs_touch(t.dir);
		return 0;
	}
	/* Attach the new name first: nothing is lost if memory runs out. */
	if (!dent_attach(t.dir, t.name, t.len, n))
		return -LX_ENOSPC;
	if (td)
		dir_unlink(t.dir, td);
	dent_detach(o.dir, od);
	if (vfs_is_dir(n) && o.dir != t.dir) {
		o.dir->nlink--;
		t.dir->nlink++;
		n->parent = t.dir;
	}
	n->ctime = vfs_now();
	return 0;
}

int vfs_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	if (flags & ~(LX_AT_SYMLINK_FOLLOW | LX_AT_EMPTY_PATH))
		return -LX_EINVAL;
	struct vfs_inode *n;
	int r = lookup_node(olddirfd, oldpath,
			    (flags & LX_AT_EMPTY_PATH) |
				(flags & LX_AT_SYMLINK_FOLLOW ? 0 : LX_AT_SYMLINK_NOFOLLOW),
			    &n);
	if (r < 0)
		return r;
	struct walk w;
	if ((r = lookup_new(newdirfd, newpath, &w)) < 0)
		return r;
	if (vfs_is_dir(n))
		return -LX_EPERM;
	if (w.slash)
		return -LX_ENOENT;
	if (!n->nlink && !(flags & LX_AT_EMPTY_PATH))
		return -LX_ENOENT;
	if (n->hroot >= 0 || w.dir->hroot >= 0) {
		if (n->hroot < 0 || w.dir->hroot < 0)
			return -LX_EXDEV;
		char *tp = vfs_host_join(w.dir, w.name, w.len);
		__wasi_errno_t e =
		    tp ? __wasi_path_link((__wasi_fd_t)n->hroot, 0, n->hpath, strlen(n->hpath),
					  (__wasi_fd_t)w.dir->hroot, tp, strlen(tp))
		       : __WASI_ERRNO_NOMEM;
		free(tp);
		return e ? vfs_wasi_errno(e) : 0;
	}
	return vfs_dir_link(w.dir, w.name, w.len, n);
}

int vfs_symlinkat(const char *target, int dirfd, const char *path)
{
	if (!*target)
		return -LX_ENOENT;
	struct walk w;
	int r = lookup_new(dirfd, path, &w);
	if (r < 0)
		return r;
	if (w.slash)
		return -LX_ENOENT;
	if (w.dir->hroot >= 0) {
		char *hp = vfs_host_join(w.dir, w.name, w.len);
		__wasi_errno_t e =
		    hp ? __wasi_path_symlink(target, strlen(target), (__wasi_fd_t)w.dir->hroot, hp,
					     strlen(hp))
		       : __WASI_ERRNO_NOMEM;
		free(hp);
		return e ? vfs_wasi_errno(e) : 0;
	}
	struct vfs_inode *n = vfs_inode_new(LX_S_IFLNK | 0777);
	char *t = vfs_str_dup(target);
	if (!n || !t) {
		free(n);
		free(t);
		return -LX_ENOSPC;
	}
	n->data = (uint8_t *)t;
	n->size = strlen(t);
	if ((r = vfs_dir_link(w.dir, w.name, w.len, n)) < 0)
		vfs_inode_maybe_free(n);
	return r;
}

int vfs_readlinkat(int dirfd, const char *path, char *buf, uint64_t len)
{
	struct vfs_inode *n;
	int r = lookup_node(dirfd, path, LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH, &n);
	if (r < 0)
		return r;
	if (!LX_S_IS(n->mode, IFLNK))
		return -LX_EINVAL;
	if (len > n->size)
		len = n->size;
	memcpy(buf, n->data, (size_t)len);
	return (int)len;
}

static void set_cwd(struct vfs_inode *n)
{
	n->refs++;
	inode_put(vfs_cur->cwd);
	vfs_cur->cwd = n;
}

int vfs_chdir(const char *path)
{
	struct walk w;
	int r = lookup(LX_AT_FDCWD, path, 1, &w);
	if (r < 0)
		return r;
	if (!w.node)
		return -LX_ENOENT;
	if (!vfs_is_dir(w.node))
		return -LX_ENOTDIR;
	set_cwd(w.node);
	return 0;
}

int vfs_fchdir(int fd)
{
	struct vfs_file *f = file_get(fd);
	if (!f)
		return -LX_EBADF;
	if (!vfs_is_dir(f->node))
		return -LX_ENOTDIR;
	set_cwd(f->node);
	return 0;
}

/* Prepends "/name" of each ancestor (d_path). */
int vfs_getcwd(char *buf, uint64_t len)
{
	char tmp[VFS_PATH_MAX];
	size_t at = sizeof tmp - 1;
	tmp[at] = 0;
	struct vfs_inode *n = vfs_cur->cwd;
	if (!n->nlink)
		return -LX_ENOENT;
	for (; n != vfs_root; n = n->parent) {
		struct dent *d = n->parent->first;
		while (!n->hname && d && d->node != n)
			d = d->next;
		const char *name = n->hname ? n->hname : d ? d->name : "";
		size_t l = strlen(name);
		if (l + 1 > at)
			return -LX_ENAMETOOLONG;
		at -= l;
		memcpy(tmp + at, name, l);
		tmp[--at] = '/';
	}
	if (at == sizeof tmp - 1)
		tmp[--at] = '/';
	size_t need = sizeof tmp - at;
	if (need > len)
		return -LX_ERANGE;
	memcpy(buf, tmp + at, need);
	return (int)need;
}

int vfs_fchmodat(int dirfd, const char *path, uint32_t mode, int flags)
{
	struct vfs_inode *n;
	int r = lookup_node(dirfd, path, flags, &n);
	if (r < 0)
		return r;
	if (LX_S_IS(n->mode, IFLNK))
		return -LX_EOPNOTSUPP;
	n->mode = (n->mode & LX_S_IFMT) | (mode & 07777);
	n->ctime = vfs_now();
	return 0;
}

int vfs_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags)
{
	if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -LX_EINVAL;
	struct vfs_inode *n;
	int r = lookup_node(dirfd, path, flags, &n);
	if (r < 0)
		return r;
	if (uid != UINT32_MAX)
		n->uid = uid;
	if (gid != UINT32_MAX)
		n->gid = gid;
	/* chown_common: set-id bits go whenever a non-directory changes hands */
	if (!vfs_is_dir(n) && (uid != UINT32_MAX || gid != UINT32_MAX)) {
		n->mode &= ~(uint32_t)LX_S_ISUID;
		if ((n->mode & (LX_S_ISGID | 010)) == (LX_S_ISGID | 010))
			n->mode &= ~(uint32_t)LX_S_ISGID;
	}
	n->ctime = vfs_now();
	return 0;
}

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

int vfs_utimensat(int dirfd, const char *path, const struct lx_timespec *ts, int flags)
{
	if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH))
		return -LX_EINVAL;
	for (int i = 0; ts && i < 2; i++)
		if ((ts[i].tv_nsec < 0 || ts[i].tv_nsec > 999999999) &&
		    ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT)
			return -LX_EINVAL;
	if (ts && ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT)
		return 0;
	struct vfs_inode *n;
	int r = lookup_node(dirfd, path, flags, &n);
	if (r < 0)
		return r;
	if (n->hroot >= 0) {
		__wasi_timestamp_t t[2] = {0, 0};
		__wasi_fstflags_t fl = 0;
		for (int i = 0; i < 2; i++) {
			uint16_t set = i ? __WASI_FSTFLAGS_MTIM : __WASI_FSTFLAGS_ATIM;
			uint16_t now = i ? __WASI_FSTFLAGS_MTIM_NOW : __WASI_FSTFLAGS_ATIM_NOW;
			if (!ts || ts[i].tv_nsec == UTIME_NOW)
				fl |= now;
			else if (ts[i].tv_nsec != UTIME_OMIT) {
				fl |= set;
				t[i] =
				    (uint64_t)ts[i].tv_sec * 1000000000u + (uint64_t)ts[i].tv_nsec;
			}
		}
		__wasi_errno_t e = __wasi_path_filestat_set_times(
		    (__wasi_fd_t)n->hroot, 0, n->hpath, strlen(n->hpath), t[0], t[1], fl);
		return e ? vfs_wasi_errno(e) : 0;
	}
	struct lx_timespec now = vfs_now();
	struct lx_timespec *dst[2] = {&n->atime, &n->mtime};
	for (int i = 0; i < 2; i++)
		if (!ts || ts[i].tv_nsec == UTIME_NOW)
			*dst[i] = now;
		else if (ts[i].tv_nsec != UTIME_OMIT)
			*dst[i] = ts[i];
	n->ctime = now;
	return 0;
}

uint32_t vfs_umask(uint32_t mask)
{
	uint32_t old = vfs_cur->umask;
	vfs_cur->umask = mask & 0777;
	return old;
}
