/*
 * sys_abi.h: the Linux user ABI as a riscv64 guest sees it (asm-generic
 * numbering and layouts), for the syscall layer and the VFS.
 *
 * Everything is spelled LX_* because rt/ is built by emcc against a libc
 * whose <errno.h> and <fcntl.h> carry WASI numbering (there EINVAL is 28,
 * not 22): a guest must never see one of those.  Values come from
 * /usr/riscv64-linux-gnu/include/asm-generic/{errno-base,errno,fcntl,stat,
 * termbits}.h.
 */
#ifndef SYS_ABI_H
#define SYS_ABI_H

#include <stdint.h>

enum {
	LX_EPERM = 1,
	LX_ENOENT = 2,
	LX_ESRCH = 3,
	LX_EINTR = 4,
	LX_EIO = 5,
	LX_ENXIO = 6,
	LX_E2BIG = 7,
	LX_ENOEXEC = 8,
	LX_EBADF = 9,
	LX_ECHILD = 10,
	LX_EAGAIN = 11,
	LX_ENOMEM = 12,
	LX_EACCES = 13,
	LX_EFAULT = 14,
	LX_EBUSY = 16,
	LX_EEXIST = 17,
	LX_EXDEV = 18,
	LX_ENODEV = 19,
	LX_ENOTDIR = 20,
	LX_EISDIR = 21,
	LX_EINVAL = 22,
	LX_ENFILE = 23,
	LX_EMFILE = 24,
	LX_ENOTTY = 25,
	LX_EFBIG = 27,
	LX_ENOSPC = 28,
	LX_ESPIPE = 29,
	LX_EROFS = 30,
	LX_EMLINK = 31,
	LX_EPIPE = 32,
	LX_ERANGE = 34,
	LX_ENAMETOOLONG = 36,
	LX_ENOSYS = 38,
	LX_ENOTEMPTY = 39,
	LX_ELOOP = 40,
	LX_EOVERFLOW = 75,
	LX_ENOTSOCK = 88,
	LX_EOPNOTSUPP = 95,
	LX_ETIMEDOUT = 110,
};

/* open(2) flags */
enum {
	LX_O_ACCMODE = 03,
	LX_O_RDONLY = 0,
	LX_O_WRONLY = 01,
	LX_O_RDWR = 02,
	LX_O_CREAT = 0100,
	LX_O_EXCL = 0200,
	LX_O_NOCTTY = 0400,
	LX_O_TRUNC = 01000,
	LX_O_APPEND = 02000,
	LX_O_NONBLOCK = 04000,
	LX_O_DSYNC = 010000,
	LX_O_ASYNC = 020000,
	LX_O_DIRECT = 040000,
	LX_O_LARGEFILE = 0100000,
	LX_O_DIRECTORY = 0200000,
	LX_O_NOFOLLOW = 0400000,
	LX_O_NOATIME = 01000000,
	LX_O_CLOEXEC = 02000000,
	LX_O_SYNC = 04010000,
	LX_O_PATH = 010000000,
	LX_O_TMPFILE = 020200000,
};

/* *at(2) flags */
#define LX_AT_FDCWD (-100)
enum {
	LX_AT_SYMLINK_NOFOLLOW = 0x100,
	LX_AT_REMOVEDIR = 0x200,
	LX_AT_EACCESS = 0x200,
	LX_AT_SYMLINK_FOLLOW = 0x400,
	LX_AT_NO_AUTOMOUNT = 0x800,
	LX_AT_EMPTY_PATH = 0x1000,
	LX_AT_STATX_SYNC_TYPE = 0x6000,
};

/* st_mode */
enum {
	LX_S_IFMT = 0170000,
	LX_S_IFSOCK = 0140000,
	LX_S_IFLNK = 0120000,
	LX_S_IFREG = 0100000,
	LX_S_IFBLK = 0060000,
	LX_S_IFDIR = 0040000,
	LX_S_IFCHR = 0020000,
	LX_S_IFIFO = 0010000,
	LX_S_ISUID = 04000,
	LX_S_ISGID = 02000,
	LX_S_ISVTX = 01000,
};
#define LX_S_IS(mode, type) (((mode)&LX_S_IFMT) == LX_S_##type)

/* d_type of getdents64 */
enum { LX_DT_FIFO = 1, LX_DT_CHR = 2, LX_DT_DIR = 4, LX_DT_REG = 8, LX_DT_LNK = 10 };

enum { LX_SEEK_SET = 0, LX_SEEK_CUR = 1, LX_SEEK_END = 2, LX_SEEK_DATA = 3, LX_SEEK_HOLE = 4 };

enum { LX_RENAME_NOREPLACE = 1, LX_RENAME_EXCHANGE = 2, LX_RENAME_WHITEOUT = 4 };

/* poll(2) events */
enum {
	LX_POLLIN = 1,
	LX_POLLPRI = 2,
	LX_POLLOUT = 4,
	LX_POLLERR = 8,
	LX_POLLHUP = 0x10,
	LX_POLLNVAL = 0x20,
	LX_POLLRDNORM = 0x40,
	LX_POLLWRNORM = 0x100
};

/* makedev() of include/linux/kdev_t.h's new_encode_dev, as glibc decodes it */
#define LX_MKDEV(ma, mi)                                                                           \
	((uint64_t)(((ma)&0xfffu) << 8) | ((mi)&0xffu) | ((uint64_t)((mi) & ~0xffu) << 12))

/* Times as the kernel keeps them. */
struct lx_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* struct stat of asm-generic/stat.h: 128 bytes on riscv64. */
struct lx_stat {
	uint64_t st_dev, st_ino;
	uint32_t st_mode, st_nlink, st_uid, st_gid;
	uint64_t st_rdev, pad1;
	int64_t st_size;
	int32_t st_blksize, pad2;
	int64_t st_blocks;
	struct lx_timespec st_atim, st_mtim, st_ctim;
	uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct lx_stat) == 128, "riscv64 struct stat");

/* struct termios of asm-generic/termbits.h (what TCGETS copies). */
struct lx_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};
_Static_assert(sizeof(struct lx_termios) == 36, "riscv64 struct termios");

struct lx_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#endif
