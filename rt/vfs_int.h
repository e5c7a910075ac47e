/*
 * vfs_int.h: what the files of the VFS share, and nothing else includes:
 * vfs.c (the tree, lookups, the calls of vfs.h), vfs_dev.c (devices,
 * pipes) and vfs_host.c (host stdio, preopened host directories).
 */
#ifndef VFS_INT_H
#define VFS_INT_H

#include <stddef.h>
#include <stdint.h>
#include <wasi/api.h>

#include "vfs.h"

struct vfs_file;

struct vfs_ops {
	/* off is the file position to use; pipes and host streams ignore it. */
	int64_t (*read)(struct vfs_file *f, void *buf, uint64_t len, uint64_t off);
	int64_t (*write)(struct vfs_file *f, const void *buf, uint64_t len, uint64_t off);
	int (*poll)(struct vfs_file *f); /* revents it could report */
	int seekable;			 /* 0: lseek/pread give ESPIPE */
};

struct dent {
	struct dent *next;
	struct vfs_inode *node;
	uint64_t cookie; /* getdents position; increases along the list */
	char name[];
};

struct pipe {
	uint8_t *buf;
	uint32_t cap, head, len;
	int readers, writers;
};

struct vfs_inode {
	uint32_t mode, nlink, uid, gid;
	uint64_t ino, rdev, size;
	struct lx_timespec atime, mtime, ctime, btime;
	int refs; /* open descriptions and cwds: freed when refs and nlink are 0 */
	const struct vfs_ops *ops;
	uint8_t *data; /* regular file contents; a symlink's target (NUL-terminated) */
	uint64_t cap;
	struct dent *first, *last; /* directory entries */
	struct vfs_inode *parent;  /* a directory's ".." */
	uint64_t next_cookie;
	struct pipe *pipe; /* FIFO */
	int host_fd;	   /* host stdio: the WASI fd */
	int tty;	   /* host stdio that is a terminal */
	/* Host-backed (a directory tree mounted from a WASI preopen): */
	int hroot;		 /* the preopen's WASI fd, or -1 */
	char *hpath;		 /* path below the preopen ("." for its root) */
	char *hname;		 /* name in the parent directory */
	struct vfs_inode *hnext; /* the host inode cache */
};

struct vfs_file {
	int refs;
	struct vfs_inode *node;
	uint64_t pos;
	int flags; /* access mode and status flags, as F_GETFL shows them */
	int hfd;   /* the WASI fd it reads and writes through, or -1 */
};

extern struct vfs_inode *vfs_root;

static inline int vfs_is_dir(const struct vfs_inode *n)
{
	return LX_S_IS(n->mode, IFDIR);
}

/* vfs.c */
char *vfs_str_dup(const char *s);
struct vfs_inode *vfs_inode_new(uint32_t mode);
void vfs_inode_maybe_free(struct vfs_inode *n);
void vfs_touch(struct vfs_inode *n); /* mtime = ctime = now */
struct dent *vfs_dir_find(struct vfs_inode *dir, const char *name, size_t len);
int vfs_dir_link(struct vfs_inode *dir, const char *name, size_t len, struct vfs_inode *n);
struct vfs_inode *vfs_mk(struct vfs_inode *dir, const char *name, uint32_t mode);
struct vfs_file *vfs_file_new(struct vfs_inode *n, int flags);
void vfs_file_put(struct vfs_file *f);
int vfs_fd_install(struct vfs_file *f, int min, int cloexec);
int vfs_poll_always(struct vfs_file *f);
size_t vfs_put_dirent(uint8_t *buf, uint64_t room, uint64_t ino, uint64_t next, int type,
		      const char *name);

/* vfs_dev.c */
void vfs_dev_populate(struct vfs_inode *dev); /* null, zero, random, urandom */
struct vfs_inode *vfs_fifo_new(uint32_t mode);

/* vfs_host.c */
int vfs_wasi_errno(__wasi_errno_t e); /* -> -LX_E* */
void vfs_host_bind(int fd, int acc);  /* guest fd = host stdio fd */
void vfs_host_stat(struct vfs_inode *n);
void vfs_host_mount(void); /* every preopen; the first becomes the cwd */
struct vfs_inode *vfs_host_lookup(struct vfs_inode *dir, const char *name, size_t len);
void vfs_host_refresh(struct vfs_inode *n);
void vfs_host_forget(struct vfs_inode *n);
char *vfs_host_join(const struct vfs_inode *dir, const char *name, size_t len);
int vfs_host_open(int hroot, const char *path, int flags, int isdir, __wasi_fd_t *out);
int vfs_host_path_op(const struct vfs_inode *dir, const char *name, size_t len,
		     __wasi_errno_t (*op)(__wasi_fd_t, const char *, size_t));
int64_t vfs_host_getdents(struct vfs_file *f, uint8_t *out, uint64_t len);

#endif
