/*
 * vfs_host.c: what the VFS takes from the host through WASI: fds 0/1/2
 * (bound to the host's stdio) and directory trees (preopens mounted into
 * the tree).  See vfs.h for the contract with the host.
 */
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#include "rtint.h"
#include "vfs_int.h"

/* ---- host stdio (WASI fds 0/1/2) ---- */

int vfs_wasi_errno(__wasi_errno_t e)
{
	static const struct {
		uint16_t wasi, lx;
	} map[] = {
	    {__WASI_ERRNO_PERM, LX_EPERM},
	    {__WASI_ERRNO_NOENT, LX_ENOENT},
	    {__WASI_ERRNO_INTR, LX_EINTR},
	    {__WASI_ERRNO_IO, LX_EIO},
	    {__WASI_ERRNO_NXIO, LX_ENXIO},
	    {__WASI_ERRNO_BADF, LX_EBADF},
	    {__WASI_ERRNO_AGAIN, LX_EAGAIN},
	    {__WASI_ERRNO_NOMEM, LX_ENOMEM},
	    {__WASI_ERRNO_ACCES, LX_EACCES},
	    {__WASI_ERRNO_FAULT, LX_EFAULT},
	    {__WASI_ERRNO_BUSY, LX_EBUSY},
	    {__WASI_ERRNO_EXIST, LX_EEXIST},
	    {__WASI_ERRNO_XDEV, LX_EXDEV},
	    {__WASI_ERRNO_NODEV, LX_ENODEV},
	    {__WASI_ERRNO_NOTDIR, LX_ENOTDIR},
	    {__WASI_ERRNO_ISDIR, LX_EISDIR},
	    {__WASI_ERRNO_INVAL, LX_EINVAL},
	    {__WASI_ERRNO_NFILE, LX_ENFILE},
	    {__WASI_ERRNO_MFILE, LX_EMFILE},
	    {__WASI_ERRNO_NOTTY, LX_ENOTTY},
	    {__WASI_ERRNO_FBIG, LX_EFBIG},
	    {__WASI_ERRNO_NOSPC, LX_ENOSPC},
	    {__WASI_ERRNO_SPIPE, LX_ESPIPE},
	    {__WASI_ERRNO_ROFS, LX_EROFS},
	    {__WASI_ERRNO_MLINK, LX_EMLINK},
	    {__WASI_ERRNO_PIPE, LX_EPIPE},
	    {__WASI_ERRNO_NAMETOOLONG, LX_ENAMETOOLONG},
	    {__WASI_ERRNO_NOSYS, LX_ENOSYS},
	    {__WASI_ERRNO_NOTEMPTY, LX_ENOTEMPTY},
	    {__WASI_ERRNO_LOOP, LX_ELOOP},
	    {__WASI_ERRNO_OVERFLOW, LX_EOVERFLOW},
	    {__WASI_ERRNO_NOTSUP, LX_EOPNOTSUPP},
	    {__WASI_ERRNO_NOTCAPABLE, LX_EACCES},
	    {__WASI_ERRNO_TIMEDOUT, LX_ETIMEDOUT},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].wasi == e)
			return -(int)map[i].lx;
	return -LX_EIO;
}

/* The one place guest stdin bytes come from.  Under Node fd_read blocks
 * until input arrives; a browser host implements fd_read over its
 * terminal the same way (blocking the worker), so nothing here changes. */
static int64_t host_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	__wasi_iovec_t iov = {buf, (size_t)len};
	__wasi_size_t n = 0;
	__wasi_errno_t e = __wasi_fd_read(f->hfd, &iov, 1, &n);
	return e ? vfs_wasi_errno(e) : (int64_t)n;
}

static int64_t host_write(struct vfs_file *f, const void *buf, uint64_t len, uint64_t off)
{
	/* A Linux write to a terminal or blocking pipe only returns once all
	 * is written; WASI may write less, so loop. */
	uint64_t done = 0;
	while (done < len) {
		__wasi_ciovec_t iov = {(const uint8_t *)buf + done, (size_t)(len - done)};
		__wasi_size_t n = 0;
		__wasi_errno_t e = __wasi_fd_write(f->hfd, &iov, 1, &n);
		if (e)
			return done ? (int64_t)done : vfs_wasi_errno(e);
		if (!n)
			break;
		done += n;
	}
	return (int64_t)done;
}

static int host_poll(struct vfs_file *f)
{
	/* WASI cannot tell; a read simply blocks, so report ready. */
	return (f->flags & LX_O_ACCMODE) == LX_O_WRONLY ? LX_POLLOUT | LX_POLLWRNORM
							: LX_POLLIN | LX_POLLRDNORM;
}

static const struct vfs_ops host_ops = {host_read, host_write, host_poll, 0};

void vfs_host_stat(struct vfs_inode *n)
{
	__wasi_filestat_t st;
	if (__wasi_fd_filestat_get(n->host_fd, &st))
		return;
	if (LX_S_IS(n->mode, IFREG))
		n->size = st.size;
	if (st.mtim) {
		n->atime = (struct lx_timespec){(int64_t)(st.atim / 1000000000u),
						(int64_t)(st.atim % 1000000000u)};
		n->mtime = (struct lx_timespec){(int64_t)(st.mtim / 1000000000u),
						(int64_t)(st.mtim % 1000000000u)};
		n->ctime = (struct lx_timespec){(int64_t)(st.ctim / 1000000000u),
						(int64_t)(st.ctim % 1000000000u)};
	}
}

/*
 * Binds guest fd `fd` to host fd `fd`.  The kind the guest sees comes from
 * WASI fdstat, so that glibc's stdio buffering (line-buffered only for a
 * terminal) matches a native run with the same redirections.  A terminal
 * is a character device without seek rights (wasi-libc's isatty test);
 * WASI reports a pipe as a socket, which we show as a FIFO.
 */
void vfs_host_bind(int fd, int acc)
{
	__wasi_fdstat_t fs;
	if (__wasi_fd_fdstat_get(fd, &fs))
		return; /* closed on the host: closed for the guest */
	uint32_t mode = LX_S_IFIFO | 0600;
	uint64_t rdev = 0;
	int tty = 0, seekable = !!(fs.fs_rights_base & __WASI_RIGHTS_FD_SEEK);
	switch (fs.fs_filetype) {
	case __WASI_FILETYPE_CHARACTER_DEVICE:
		tty = !(fs.fs_rights_base & (__WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL));
		mode = LX_S_IFCHR | (tty ? 0620 : 0666);
		rdev = tty ? LX_MKDEV(136, 0) : LX_MKDEV(1, 3);
		break;
	case __WASI_FILETYPE_REGULAR_FILE:
		mode = LX_S_IFREG | 0644;
		break;
	case __WASI_FILETYPE_DIRECTORY:
		mode = LX_S_IFDIR | 0755;
		break;
	}
	struct vfs_inode *n = vfs_inode_new(mode);
	if (!n)
		return;
	static struct vfs_ops host_seek_ops;
	host_seek_ops = host_ops;
	host_seek_ops.seekable = 1;
	n->ops = seekable ? &host_seek_ops : &host_ops;
	n->host_fd = fd;
	n->tty = tty;
	n->rdev = rdev;
	n->nlink = 1; /* lives as long as the process */
	/* A terminal is opened read-write.  fs_flags is not used: Node's WASI
	 * reports APPEND for plain `>` redirections. */
	if (tty)
		acc = LX_O_RDWR;
	struct vfs_file *f = vfs_file_new(n, acc);
	if (f) {
		f->hfd = fd;
		vfs_fd_install(f, fd, 0);
	}
}

/* ---- host-backed trees (WASI preopens) ----
 *
 * Every WASI preopen the host gives (fd 3 and up) is mounted at its name,
 * and the first one becomes the initial cwd, so a program sees the host
 * directory it was started in, as under qemu.  Lookups go to the host each
 * time (path_filestat_get) through a cache of inodes by path that lives as
 * long as the process, so a file keeps one inode.  WASI has no permission
 * bits or owners: files show 0644 (0755 for directories), owned by root,
 * and chmod/chown succeed without effect.  Our own lookup resolves ".."
 * and symlinks, so the paths handed to WASI are always plain relative
 * paths below the preopen.
 */

static struct vfs_inode *host_cache;

static struct lx_timespec wasi_ts(uint64_t t)
{
	return (struct lx_timespec){(int64_t)(t / 1000000000u), (int64_t)(t % 1000000000u)};
}

char *vfs_host_join(const struct vfs_inode *dir, const char *name, size_t len)
{
	size_t dl = strcmp(dir->hpath, ".") ? strlen(dir->hpath) : 0;
	char *p = malloc(dl + 1 + len + 1);
	if (!p)
		return NULL;
	memcpy(p, dir->hpath, dl);
	if (dl)
		p[dl++] = '/';
	memcpy(p + dl, name, len);
	p[dl + len] = 0;
	return p;
}

static void host_fill(struct vfs_inode *n, const __wasi_filestat_t *st)
{
	uint32_t type;
	switch (st->filetype) {
	case __WASI_FILETYPE_DIRECTORY:
		type = LX_S_IFDIR | 0755;
		break;
	case __WASI_FILETYPE_SYMBOLIC_LINK:
		type = LX_S_IFLNK | 0777;
		break;
	case __WASI_FILETYPE_CHARACTER_DEVICE:
		type = LX_S_IFCHR | 0644;
		break;
	case __WASI_FILETYPE_BLOCK_DEVICE:
		type = LX_S_IFBLK | 0644;
		break;
	case __WASI_FILETYPE_SOCKET_STREAM:
	case __WASI_FILETYPE_SOCKET_DGRAM:
		type = LX_S_IFSOCK | 0644;
		break;
	default:
		type = LX_S_IFREG | 0644;
		break;
	}
	if ((n->mode & LX_S_IFMT) == (type & LX_S_IFMT))
		type = n->mode; /* keep what chmod-less WASI cannot tell */
	n->mode = type;
	n->ino = st->ino;
	n->nlink = st->nlink ? (uint32_t)st->nlink : 1;
	n->size = st->size;
	n->atime = wasi_ts(st->atim);
	n->mtime = wasi_ts(st->mtim);
	n->ctime = wasi_ts(st->ctim);
}

static const struct vfs_ops hfile_ops;

/* The inode for name in host directory dir, or NULL if there is none. */
struct vfs_inode *vfs_host_lookup(struct vfs_inode *dir, const char *name, size_t len)
{
	char *path = vfs_host_join(dir, name, len);
	if (!path)
		return NULL;
	struct vfs_inode *n = host_cache, **pp = &host_cache;
	for (; n; pp = &n->hnext, n = n->hnext)
		if (n->hroot == dir->hroot && !strcmp(n->hpath, path))
			break;
	__wasi_filestat_t st;
	if (__wasi_path_filestat_get((__wasi_fd_t)dir->hroot, 0, path, strlen(path), &st)) {
		if (n) { /* gone on the host: forget it */
			*pp = n->hnext;
			n->nlink = 0;
			vfs_inode_maybe_free(n);
		}
		free(path);
		return NULL;
	}
	if (n) {
		free(path);
		if (LX_S_IS(n->mode, IFLNK)) { /* the target may have changed */
			free(n->data);
			n->data = NULL;
		}
	} else {
		n = vfs_inode_new(0);
		if (!n) {
			free(path);
			return NULL;
		}
		n->hroot = dir->hroot;
		n->hpath = path;
		n->hname = malloc(len + 1);
		if (n->hname) {
			memcpy(n->hname, name, len);
			n->hname[len] = 0;
		}
		n->hnext = host_cache;
		host_cache = n;
	}
	host_fill(n, &st);
	n->parent = dir;
	n->ops = vfs_is_dir(n) || LX_S_IS(n->mode, IFLNK) ? NULL : &hfile_ops;
	if (LX_S_IS(n->mode, IFLNK) && !n->data) {
		char buf[VFS_PATH_MAX];
		__wasi_size_t k = 0;
		if (__wasi_path_readlink((__wasi_fd_t)n->hroot, n->hpath, strlen(n->hpath),
					 (uint8_t *)buf, sizeof buf - 1, &k))
			k = 0;
		buf[k] = 0;
		n->data = (uint8_t *)vfs_str_dup(buf);
		n->size = k;
	}
	return n;
}

/* Re-reads what the host says about n (stat). */
void vfs_host_refresh(struct vfs_inode *n)
{
	__wasi_filestat_t st;
	if (n->hpath &&
	    !__wasi_path_filestat_get((__wasi_fd_t)n->hroot, 0, n->hpath, strlen(n->hpath), &st))
		host_fill(n, &st);
}

static int64_t hfile_read(struct vfs_file *f, void *buf, uint64_t len, uint64_t off)
{
	__wasi_iovec_t iov = {buf, (size_t)len};
	__wasi_size_t n = 0;
	__wasi_errno_t e = __wasi_fd_read(f->hfd, &iov, 1, &n);
	return e ? vfs_wasi_errno(e) : (int64_t)n;
}

static int64_t hfile_write(struct vfs_file *f, const void *buf, uint64_t len, uint64_t off)
{
	__wasi_ciovec_t iov = {buf, (size_t)len};
	__wasi_size_t n = 0;
	__wasi_errno_t e = __wasi_fd_write(f->hfd, &iov, 1, &n);
	return e ? vfs_wasi_errno(e) : (int64_t)n;
}

/* seekable 1, but the position lives on the host fd (host_pio in vfs.c). */
static const struct vfs_ops hfile_ops = {hfile_read, hfile_write, vfs_poll_always, 1};

#define R_RIGHTS                                                                                   \
	(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |                   \
	 __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_ADVISE |                                 \
	 __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)
#define W_RIGHTS                                                                                   \
	(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |                  \
	 __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |                      \
	 __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_SYNC | \
	 __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)
#define D_RIGHTS (__WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET)

/* Opens path below preopen hroot for a description with Linux flags. */
int vfs_host_open(int hroot, const char *path, int flags, int isdir, __wasi_fd_t *out)
{
	int acc = flags & LX_O_ACCMODE;
	__wasi_rights_t rights = isdir ? D_RIGHTS : 0;
	if (!isdir && acc != LX_O_WRONLY)
		rights |= R_RIGHTS;
	if (!isdir && acc != LX_O_RDONLY)
		rights |= W_RIGHTS;
	__wasi_oflags_t of = 0;
	if (flags & LX_O_CREAT)
		of |= __WASI_OFLAGS_CREAT;
	if (flags & LX_O_EXCL)
		of |= __WASI_OFLAGS_EXCL;
	if ((flags & LX_O_TRUNC) && !isdir)
		of |= __WASI_OFLAGS_TRUNC;
	if (isdir)
		of |= __WASI_OFLAGS_DIRECTORY;
	__wasi_fdflags_t ff = flags & LX_O_APPEND ? __WASI_FDFLAGS_APPEND : 0;
	__wasi_errno_t e =
	    __wasi_path_open((__wasi_fd_t)hroot, 0, path, strlen(path), of, rights, 0, ff, out);
	return e ? vfs_wasi_errno(e) : 0;
}

/* Drops n from the cache after it was removed or renamed on the host. */
void vfs_host_forget(struct vfs_inode *n)
{
	for (struct vfs_inode **pp = &host_cache; *pp; pp = &(*pp)->hnext)
		if (*pp == n) {
			*pp = n->hnext;
			n->nlink = 0;
			vfs_inode_maybe_free(n);
			return;
		}
}

/* Runs a WASI path call on (dir, name): the joined path is freed after. */
int vfs_host_path_op(const struct vfs_inode *dir, const char *name, size_t len,
		     __wasi_errno_t (*op)(__wasi_fd_t, const char *, size_t))
{
	char *path = vfs_host_join(dir, name, len);
	if (!path)
		return -LX_ENOMEM;
	__wasi_errno_t e = op((__wasi_fd_t)dir->hroot, path, strlen(path));
	free(path);
	return e ? vfs_wasi_errno(e) : 0;
}

/* getdents64 of a host directory: "." and "..", then fd_readdir's entries
 * (libuv leaves those two out) at cookie pos - 2. */
int64_t vfs_host_getdents(struct vfs_file *f, uint8_t *out, uint64_t len)
{
	static uint8_t raw[8192];
	struct vfs_inode *n = f->node;
	uint64_t used = 0;
	size_t k;
	for (; f->pos < 2; f->pos++) {
		struct vfs_inode *p = f->pos ? (n->parent ? n->parent : n) : n;
		if (!(k = vfs_put_dirent(out + used, len - used, p->ino, f->pos + 1, LX_DT_DIR,
					 f->pos ? ".." : ".")))
			return used ? (int64_t)used : -LX_EINVAL;
		used += k;
	}
	for (;;) {
		__wasi_size_t got = 0;
		__wasi_errno_t e = __wasi_fd_readdir(f->hfd, raw, sizeof raw, f->pos - 2, &got);
		if (e)
			return used ? (int64_t)used : vfs_wasi_errno(e);
		size_t at = 0, progress = 0;
		while (at + sizeof(__wasi_dirent_t) <= got) {
			__wasi_dirent_t d;
			memcpy(&d, raw + at, sizeof d);
			if (at + sizeof d + d.d_namlen > got || d.d_namlen > VFS_NAME_MAX)
				break; /* cut short: read again from this
					  cookie */
			char name[VFS_NAME_MAX + 1];
			memcpy(name, raw + at + sizeof d, d.d_namlen);
			name[d.d_namlen] = 0;
			at += sizeof d + d.d_namlen;
			if (!strcmp(name, ".") || !strcmp(name, "..")) {
				f->pos = d.d_next + 2;
				continue;
			}
			static const uint8_t dt[] = {0,		0,  LX_DT_CHR, LX_DT_DIR,
						     LX_DT_REG, 12, 12,	       LX_DT_LNK};
			if (!(k = vfs_put_dirent(out + used, len - used, d.d_ino ? d.d_ino : 1,
						 d.d_next + 2, d.d_type < 8 ? dt[d.d_type] : 0,
						 name)))
				return used ? (int64_t)used : -LX_EINVAL;
			used += k;
			f->pos = d.d_next + 2;
			progress = 1;
		}
		if (got < sizeof raw || !progress)
			return (int64_t)used;
	}
}

/* Mounts each preopen at its name; the first becomes the cwd. */
void vfs_host_mount(void)
{
	for (__wasi_fd_t fd = 3; fd < 64; fd++) {
		__wasi_prestat_t ps;
		if (__wasi_fd_prestat_get(fd, &ps))
			break;
		if (ps.pr_type != __WASI_PREOPENTYPE_DIR)
			continue;
		char name[VFS_PATH_MAX];
		size_t len = ps.u.dir.pr_name_len;
		if (len >= sizeof name || __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len))
			continue;
		name[len] = 0;
		if (name[0] != '/')
			continue; /* only absolute mount points mean
				     something here */
		/* mkdir -p in memory, then turn the last directory into
		 * the mount */
		struct vfs_inode *dir = vfs_root;
		char *p = name;
		while (*p) {
			while (*p == '/')
				p++;
			char *e = p;
			while (*e && *e != '/')
				e++;
			if (e == p)
				break;
			struct dent *d = vfs_dir_find(dir, p, (size_t)(e - p));
			struct vfs_inode *n = d ? d->node : NULL;
			if (!n) {
				n = vfs_inode_new(LX_S_IFDIR | 0755);
				if (!n || vfs_dir_link(dir, p, (size_t)(e - p), n) < 0)
					return;
			}
			if (!vfs_is_dir(n) || n->hroot >= 0)
				break;
			dir = n;
			p = e;
		}
		if (dir == vfs_root || dir->hroot >= 0 || dir->first)
			continue; /* never over / or over something already
				     there */
		dir->hroot = (int)fd;
		dir->hpath = vfs_str_dup(".");
		__wasi_filestat_t st;
		if (!__wasi_fd_filestat_get(fd, &st))
			host_fill(dir, &st);
		if (vfs_cur->cwd == vfs_root) {
			dir->refs++;
			vfs_root->refs--;
			vfs_cur->cwd = dir;
		}
	}
}
