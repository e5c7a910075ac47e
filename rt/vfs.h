/*
 * vfs.h: the guest's file system and open-file tables.
 *
 * One in-memory tree of inodes (directories, regular files, symlinks,
 * character devices, FIFOs) plus inodes that stand for the host's stdio.
 * Every function follows the Linux syscall of the same name: arguments are
 * rt-side (paths are C strings already copied in, buffers are linear
 * memory), results are a value or -LX_errno.  Guest pointers never reach
 * this layer: the syscall layer checks and copies them.
 *
 * Three levels, as in Linux:
 *   struct vfs_inode   the file (data, mode, times, link count)
 *   struct vfs_file    an open file description: offset, status flags;
 *                      shared by dup()ed fds
 *   struct vfs_fdtable fd -> (description, close-on-exec); one per process,
 *                      copied by fork (vfs_fdtable_clone)
 * A process's file-system context (fd table, cwd, umask) is a struct
 * vfs_proc; vfs_cur is the running one.  Every call below works on it.
 *
 * Layout at start (vfs_init):
 *   /            0755      /tmp         1777
 *   /dev/null /dev/zero /dev/random /dev/urandom     char devices, 0666
 *   /etc/passwd /etc/group  root only    /root  0700
 *   /proc/self/exe -> the program's path (a symlink: readlink only)
 * We run as root (RT_GUEST_UID 0), so permission bits are recorded and
 * reported but only X_OK is checked, as for root on Linux.
 *
 * Host directories: every WASI preopen whose name is an absolute path is
 * mounted there (over an empty in-memory directory, never over /), and the
 * first one becomes the initial cwd.  A host that preopens its cwd under
 * its own absolute name, e.g. node:wasi `preopens: {[cwd]: cwd}`, gives
 * the guest the files a native run would see there.  WASI has no modes or
 * owners: such files show 0644/0755 and root, and chmod/chown only change
 * what this process sees.  A rootfs from an image will mount the same way.
 *
 * Also shaped for: per-process tables for fork (vfs_fdtable_clone), and
 * stdin that arrives asynchronously in a browser (host stdio reads go
 * through one function, host_read in vfs_host.c, over WASI fd_read).
 */
#ifndef VFS_H
#define VFS_H

#include <stddef.h>
#include <stdint.h>

#include "sys_abi.h"

#define VFS_NOFILE 1024	  /* RLIMIT_NOFILE: fds are 0 .. VFS_NOFILE-1 */
#define VFS_PATH_MAX 4096 /* including the NUL */
#define VFS_NAME_MAX 255
#define VFS_PIPE_BUF 65536 /* pipe capacity (Linux default: 16 pages) */

struct vfs_inode;
struct vfs_file;

struct vfs_fdslot {
	struct vfs_file *file; /* NULL: fd not open */
	int cloexec;
};

struct vfs_fdtable {
	int n; /* slots allocated (grows up to VFS_NOFILE) */
	struct vfs_fdslot *slot;
};

struct vfs_proc {
	struct vfs_fdtable fds;
	struct vfs_inode *cwd;
	uint32_t umask;
};

extern struct vfs_proc *vfs_cur;

/* Build the tree and bind fds 0/1/2 to the host's stdio.  Idempotent. */
void vfs_init(void);
/* fork: a copy of vfs_cur's table sharing every open description. */
int vfs_fdtable_clone(struct vfs_fdtable *dst, const struct vfs_fdtable *src);

/* What stat(2)/statx(2) report; the syscall layer lays it out. */
struct vfs_stat {
	uint64_t dev, ino, rdev, size, blocks;
	uint32_t mode, nlink, uid, gid, blksize;
	struct lx_timespec atime, mtime, ctime, btime;
};

/* ---- fds ---- */
int vfs_openat(int dirfd, const char *path, int flags, uint32_t mode);
int vfs_close(int fd);
int vfs_dup(int fd, int min, int cloexec); /* lowest free fd >= min (F_DUPFD) */
int vfs_dup3(int oldfd, int newfd, int flags);
int vfs_pipe2(int fds[2], int flags);
int vfs_fcntl(int fd, int cmd, uint64_t arg); /* not F_GETLK/F_SETLK*: see syscall */
int vfs_valid(int fd);			      /* 0 or -EBADF */
/* The host fd behind fd when it is bound to host stdio, else -1. */
int vfs_host_fd(int fd);
/* 1 when fd is a terminal (TCGETS succeeds). */
int vfs_isatty(int fd);

/* ---- data ---- */
int64_t vfs_read(int fd, void *buf, uint64_t len);
int64_t vfs_write(int fd, const void *buf, uint64_t len);
int64_t vfs_pread(int fd, void *buf, uint64_t len, int64_t off);
int64_t vfs_pwrite(int fd, const void *buf, uint64_t len, int64_t off);
int64_t vfs_lseek(int fd, int64_t off, int whence);
int vfs_ftruncate(int fd, int64_t len);
int vfs_truncate(const char *path, int64_t len);
int vfs_fsync(int fd);
/* Bytes readable now (FIONREAD), or -errno. */
int64_t vfs_nread(int fd);
/* poll(2) revents for fd given the requested events. */
int vfs_poll(int fd, int events);
/* getdents64 into buf (linux_dirent64 records): bytes, 0 at end. */
int64_t vfs_getdents(int fd, void *buf, uint64_t len);

/* ---- names ---- */
/* path NULL means "the file dirfd itself" (AT_EMPTY_PATH, futimens). */
int vfs_fstatat(int dirfd, const char *path, int flags, struct vfs_stat *st);
int vfs_faccessat(int dirfd, const char *path, int mode, int flags);
int vfs_mkdirat(int dirfd, const char *path, uint32_t mode);
int vfs_mknodat(int dirfd, const char *path, uint32_t mode, uint64_t dev);
int vfs_unlinkat(int dirfd, const char *path, int flags);
int vfs_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
int vfs_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
int vfs_symlinkat(const char *target, int dirfd, const char *path);
/* Link text into buf (not NUL-terminated): its length, truncated to len. */
int vfs_readlinkat(int dirfd, const char *path, char *buf, uint64_t len);
int vfs_chdir(const char *path);
int vfs_fchdir(int fd);
/* The cwd's absolute path with its NUL: its length, or -ERANGE. */
int vfs_getcwd(char *buf, uint64_t len);
int vfs_fchmodat(int dirfd, const char *path, uint32_t mode, int flags);
int vfs_fchownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags);
/* ts[0] atime, ts[1] mtime, with UTIME_NOW/UTIME_OMIT in tv_nsec; ts NULL = now. */
int vfs_utimensat(int dirfd, const char *path, const struct lx_timespec *ts, int flags);
uint32_t vfs_umask(uint32_t mask);

/* The time stamp for "now" (CLOCK_REALTIME through WASI). */
struct lx_timespec vfs_now(void);

#endif
