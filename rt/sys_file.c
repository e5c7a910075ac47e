/*
 * sys_file.c: the file syscalls, between guest memory and the VFS.
 *
 * Each handler checks and copies guest memory (rt_sc_path, rt_sc_buf,
 * rt_copy_*_guest) and calls the VFS.  Where Linux and qemu-user check
 * pointers in different orders, qemu's order wins: it validates a whole
 * buffer before the call (so read(fd, bad, n) is -EFAULT even at EOF),
 * and writes results back after it.
 */
#include <string.h>

#include "rtint.h"
#include "sys.h"
#include "vfs.h"

#define PATH_ARG(buf, g)                                                                           \
	char buf[VFS_PATH_MAX];                                                                    \
	do {                                                                                       \
		int r_ = rt_sc_path((g), buf);                                                     \
		if (r_ < 0)                                                                        \
			return r_;                                                                 \
	} while (0)

static uint64_t clamp_rw(uint64_t len)
{
	return len > RT_MAX_RW ? RT_MAX_RW : len;
}

static int64_t epipe(int64_t r)
{
	if (r == -LX_EPIPE)
		rt_sc_raise(13); /* SIGPIPE */
	return r;
}

/* ---- open, close, dup ---- */

int64_t rt_sc_openat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_openat((int)a[0], path, (int)a[2], (uint32_t)a[3]);
}

int64_t rt_sc_close(const uint64_t *a)
{
	return vfs_close((int)a[0]);
}

int64_t rt_sc_close_range(const uint64_t *a)
{
	uint32_t first = (uint32_t)a[0], last = (uint32_t)a[1];
	if (a[2] & ~6ull || first > last)
		return -LX_EINVAL;
	for (uint64_t fd = first; fd <= last && fd < VFS_NOFILE; fd++) {
		if (a[2] & 4) /* CLOSE_RANGE_CLOEXEC */
			vfs_fcntl((int)fd, 2, 1);
		else
			vfs_close((int)fd);
	}
	return 0;
}

int64_t rt_sc_dup(const uint64_t *a)
{
	return vfs_dup((int)a[0], 0, 0);
}

int64_t rt_sc_dup3(const uint64_t *a)
{
	return vfs_dup3((int)a[0], (int)a[1], (int)a[2]);
}

int64_t rt_sc_pipe2(const uint64_t *a)
{
	int flags = (int)a[1];
	if (flags & ~(LX_O_CLOEXEC | LX_O_NONBLOCK | LX_O_DIRECT))
		return -LX_EINVAL;
	if (!rt_sc_buf(a[0], 8, 1))
		return -LX_EFAULT;
	int fds[2];
	int r = vfs_pipe2(fds, flags);
	if (r < 0)
		return r;
	return rt_copy_to_guest(a[0], fds, 8);
}

/* struct flock: l_type, l_whence (16 bits), l_start, l_len, l_pid at 0, 2, 8, 16, 24. */
static int64_t fcntl_lock(int fd, int cmd, uint64_t g)
{
	enum { RDLCK = 0, WRLCK = 1, UNLCK = 2 };
	int fl = vfs_fcntl(fd, 3, 0); /* F_GETFL: also the EBADF check */
	if (fl < 0)
		return fl;
	uint8_t lk[32];
	if (rt_copy_from_guest(lk, g, sizeof lk))
		return -LX_EFAULT;
	int16_t type;
	memcpy(&type, lk, 2);
	if (type != RDLCK && type != WRLCK && type != UNLCK)
		return -LX_EINVAL;
	if (cmd == 5 || cmd == 36) { /* F_GETLK: one process never conflicts with itself */
		type = UNLCK;
		memcpy(lk, &type, 2);
		return rt_copy_to_guest(g, lk, sizeof lk);
	}
	int acc = fl & LX_O_ACCMODE;
	if ((type == RDLCK && acc == LX_O_WRONLY) || (type == WRLCK && acc == LX_O_RDONLY))
		return -LX_EBADF;
	return 0;
}

int64_t rt_sc_fcntl(const uint64_t *a)
{
	int fd = (int)a[0], cmd = (int)a[1];
	switch (cmd) {
	case 5:
	case 6:
	case 7: /* F_GETLK, F_SETLK, F_SETLKW */
	case 36:
	case 37:
	case 38: /* the OFD variants */
		return fcntl_lock(fd, cmd, a[2]);
	case 8:
	case 9: /* F_SETOWN, F_GETOWN */
		return vfs_valid(fd);
	default:
		return vfs_fcntl(fd, cmd, a[2]);
	}
}

/* ---- read and write ---- */

int64_t rt_sc_read(const uint64_t *a)
{
	uint64_t len = clamp_rw(a[2]);
	void *buf = rt_sc_buf(a[1], len, 1);
	if (!buf)
		return -LX_EFAULT;
	return vfs_read((int)a[0], buf, len);
}

int64_t rt_sc_write(const uint64_t *a)
{
	uint64_t len = clamp_rw(a[2]);
	void *buf = rt_sc_buf(a[1], len, 0);
	if (!buf)
		return -LX_EFAULT;
	return epipe(vfs_write((int)a[0], buf, len));
}

int64_t rt_sc_pread64(const uint64_t *a)
{
	uint64_t len = clamp_rw(a[2]);
	void *buf = rt_sc_buf(a[1], len, 1);
	if (!buf)
		return -LX_EFAULT;
	return vfs_pread((int)a[0], buf, len, (int64_t)a[3]);
}

int64_t rt_sc_pwrite64(const uint64_t *a)
{
	uint64_t len = clamp_rw(a[2]);
	void *buf = rt_sc_buf(a[1], len, 0);
	if (!buf)
		return -LX_EFAULT;
	return epipe(vfs_pwrite((int)a[0], buf, len, (int64_t)a[3]));
}

/* readv/writev as qemu's lock_iovec: a bad first buffer is -EFAULT, a bad
 * later one ends the transfer there (a short count, as the kernel gives). */
static int64_t rw_vec(const uint64_t *a, int write, int64_t off)
{
	int fd = (int)a[0];
	int64_t cnt = (int)a[2];
	if (cnt < 0 || cnt > 1024)
		return -LX_EINVAL;
	const uint8_t *iov = rt_sc_buf(a[1], (uint64_t)cnt * 16, 0);
	if (!iov)
		return -LX_EFAULT;
	uint64_t total = 0;
	for (int64_t i = 0; i < cnt; i++) {
		int64_t len;
		memcpy(&len, iov + i * 16 + 8, 8);
		if (len < 0 || (uint64_t)len > INT64_MAX - total)
			return -LX_EINVAL;
		total += (uint64_t)len;
	}
	int r = vfs_valid(fd);
	if (r < 0)
		return r;
	uint64_t done = 0, left = RT_MAX_RW;
	for (int64_t i = 0; i < cnt && left; i++) {
		uint64_t base, len;
		memcpy(&base, iov + i * 16, 8);
		memcpy(&len, iov + i * 16 + 8, 8);
		if (!len)
			continue;
		if (len > left)
			len = left;
		void *buf = rt_sc_buf(base, len, !write);
		if (!buf) {
			if (done)
				break;
			return -LX_EFAULT;
		}
		int64_t n;
		if (off < 0)
			n = write ? vfs_write(fd, buf, len) : vfs_read(fd, buf, len);
		else
			n = write ? vfs_pwrite(fd, buf, len, off + (int64_t)done)
				  : vfs_pread(fd, buf, len, off + (int64_t)done);
		if (n < 0) {
			if (done)
				break;
			return write ? epipe(n) : n;
		}
		done += (uint64_t)n;
		left -= (uint64_t)n;
		if ((uint64_t)n < len)
			break;
	}
	return (int64_t)done;
}

int64_t rt_sc_readv(const uint64_t *a)
{
	return rw_vec(a, 0, -1);
}
int64_t rt_sc_writev(const uint64_t *a)
{
	return rw_vec(a, 1, -1);
}

/* p{read,write}v{,2}: on 64-bit the offset is all in a[3] (a[4] is the
 * unused high half); for the v2 forms -1 means "the file position". */
static int64_t prw_vec(const uint64_t *a, int write, int v2)
{
	int64_t off = (int64_t)a[3];
	if (v2 && (a[5] & ~0x1full)) /* RWF_HIPRI DSYNC SYNC NOWAIT APPEND */
		return -LX_EOPNOTSUPP;
	if (off < 0 && !(v2 && off == -1))
		return -LX_EINVAL;
	if (off >= 0) {
		int64_t r = vfs_lseek((int)a[0], 0, LX_SEEK_CUR);
		if (r == -LX_ESPIPE || r == -LX_EBADF)
			return r;
	}
	return rw_vec(a, write, off);
}

int64_t rt_sc_preadv(const uint64_t *a)
{
	return prw_vec(a, 0, 0);
}
int64_t rt_sc_pwritev(const uint64_t *a)
{
	return prw_vec(a, 1, 0);
}
int64_t rt_sc_preadv2(const uint64_t *a)
{
	return prw_vec(a, 0, 1);
}
int64_t rt_sc_pwritev2(const uint64_t *a)
{
	return prw_vec(a, 1, 1);
}

int64_t rt_sc_sendfile(const uint64_t *a)
{
	static uint8_t bounce[65536];
	int out = (int)a[0], in = (int)a[1];
	int64_t off = 0;
	int r;
	if ((r = vfs_valid(in)) < 0 || (r = vfs_valid(out)) < 0)
		return r;
	if (vfs_fcntl(out, 3, 0) & LX_O_APPEND)
		return -LX_EINVAL;
	if (a[2] && rt_copy_from_guest(&off, a[2], 8))
		return -LX_EFAULT;
	if (off < 0)
		return -LX_EINVAL;
	uint64_t count = clamp_rw(a[3]), done = 0;
	while (done < count) {
		uint64_t k = count - done < sizeof bounce ? count - done : sizeof bounce;
		int64_t n = a[2] ? vfs_pread(in, bounce, k, off) : vfs_read(in, bounce, k);
		if (n <= 0) {
			if (n < 0 && !done)
				return n;
			break;
		}
		int64_t w = vfs_write(out, bounce, (uint64_t)n);
		if (w < 0) {
			if (!done)
				return epipe(w);
			break;
		}
		if (a[2])
			off += w;
		done += (uint64_t)w;
		if (w < n) {
			if (!a[2]) /* give back what was read but not written */
				vfs_lseek(in, w - n, LX_SEEK_CUR);
			break;
		}
	}
	if (a[2] && rt_copy_to_guest(a[2], &off, 8))
		return -LX_EFAULT;
	return (int64_t)done;
}

int64_t rt_sc_lseek(const uint64_t *a)
{
	return vfs_lseek((int)a[0], (int64_t)a[1], (int)a[2]);
}

int64_t rt_sc_ftruncate(const uint64_t *a)
{
	return vfs_ftruncate((int)a[0], (int64_t)a[1]);
}

int64_t rt_sc_truncate(const uint64_t *a)
{
	PATH_ARG(path, a[0]);
	return vfs_truncate(path, (int64_t)a[1]);
}

int64_t rt_sc_fsync(const uint64_t *a)
{
	return vfs_fsync((int)a[0]);
}
int64_t rt_sc_fdatasync(const uint64_t *a)
{
	return vfs_fsync((int)a[0]);
}
int64_t rt_sc_sync(const uint64_t *a)
{
	return 0;
}

int64_t rt_sc_getdents64(const uint64_t *a)
{
	uint64_t len = a[2] > (1u << 20) ? 1u << 20 : a[2];
	void *buf = rt_sc_buf(a[1], len, 1);
	if (!buf)
		return -LX_EFAULT;
	return vfs_getdents((int)a[0], buf, len);
}

/* ppoll: nothing here ever becomes ready by waiting (one process), so a
 * call that finds nothing ready waits out its timeout and returns 0. */
int64_t rt_sc_ppoll(const uint64_t *a)
{
	uint64_t n = a[1];
	if (n > VFS_NOFILE)
		return -LX_EINVAL;
	uint8_t *pfd = rt_sc_buf(a[0], n * 8, 1);
	if (!pfd)
		return -LX_EFAULT;
	struct lx_timespec ts;
	if (a[2]) {
		if (rt_copy_from_guest(&ts, a[2], sizeof ts))
			return -LX_EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec > 999999999)
			return -LX_EINVAL;
	}
	int ready = 0;
	for (uint64_t i = 0; i < n; i++) {
		int32_t fd;
		int16_t events, revents = 0;
		memcpy(&fd, pfd + i * 8, 4);
		memcpy(&events, pfd + i * 8 + 4, 2);
		if (fd >= 0)
			revents = (int16_t)vfs_poll(fd, (uint16_t)events);
		memcpy(pfd + i * 8 + 6, &revents, 2);
		ready += revents != 0;
	}
	if (!ready && a[2])
		rt_sc_sleep((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
	return ready;
}

/* pselect6 (fs/select.c) over the same readiness as ppoll; the sigmask
 * argument is ignored (no signal could arrive while we wait). */
int64_t rt_sc_pselect6(const uint64_t *a)
{
	int n = (int)a[0];
	if (n < 0 || n > VFS_NOFILE)
		return -LX_EINVAL;
	uint64_t words = ((uint64_t)n + 63) / 64;
	uint64_t *set[3] = {NULL, NULL, NULL};
	for (int i = 0; i < 3; i++)
		if (a[1 + i] && !(set[i] = rt_sc_buf(a[1 + i], words * 8, 1)))
			return -LX_EFAULT;
	struct lx_timespec ts;
	if (a[4]) {
		if (rt_copy_from_guest(&ts, a[4], sizeof ts))
			return -LX_EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec > 999999999)
			return -LX_EINVAL;
	}
	static const int want[3] = {LX_POLLIN | LX_POLLHUP | LX_POLLERR, LX_POLLOUT | LX_POLLERR,
				    LX_POLLPRI};
	uint64_t out[3][VFS_NOFILE / 64] = {{0}};
	int ready = 0;
	for (int fd = 0; fd < n; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		for (int i = 0; i < 3; i++) {
			if (!set[i] || !(set[i][fd / 64] & bit))
				continue;
			int ev = vfs_poll(fd, want[i]);
			if (ev & LX_POLLNVAL)
				return -LX_EBADF;
			if (ev & want[i]) {
				out[i][fd / 64] |= bit;
				ready++;
			}
		}
	}
	for (int i = 0; i < 3; i++)
		if (set[i])
			memcpy(set[i], out[i], words * 8);
	if (!ready && a[4])
		rt_sc_sleep((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
	return ready;
}

/* ---- ioctl (drivers/tty/tty_io.c, fs/ioctl.c) ---- */

static struct lx_termios tty_termios = {
    .c_iflag = 0x500,  /* ICRNL | IXON */
    .c_oflag = 0x5,    /* OPOST | ONLCR */
    .c_cflag = 0xbf,   /* B38400 | CS8 | CREAD */
    .c_lflag = 0x8a3b, /* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
    .c_cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0},
};
static struct lx_winsize tty_winsize = {24, 80, 0, 0};

int64_t rt_sc_ioctl(const uint64_t *a)
{
	int fd = (int)a[0];
	uint32_t cmd = (uint32_t)a[1];
	uint64_t arg = a[2];
	int r = vfs_valid(fd);
	if (r < 0)
		return r;
	int tty = vfs_isatty(fd);
	switch (cmd) {
	case 0x5401: /* TCGETS */
		return tty ? rt_copy_to_guest(arg, &tty_termios, sizeof tty_termios) : -LX_ENOTTY;
	case 0x5402:
	case 0x5403:
	case 0x5404: /* TCSETS, TCSETSW, TCSETSF */
		if (!tty)
			return -LX_ENOTTY;
		return rt_copy_from_guest(&tty_termios, arg, sizeof tty_termios);
	case 0x5413: /* TIOCGWINSZ: WASI cannot ask the terminal; the classic size */
		return tty ? rt_copy_to_guest(arg, &tty_winsize, sizeof tty_winsize) : -LX_ENOTTY;
	case 0x5414: /* TIOCSWINSZ */
		return tty ? rt_copy_from_guest(&tty_winsize, arg, sizeof tty_winsize) : -LX_ENOTTY;
	case 0x540f: { /* TIOCGPGRP: we are the foreground group */
		int32_t pg = (int32_t)rt_sc_getpid(a);
		return tty ? rt_copy_to_guest(arg, &pg, 4) : -LX_ENOTTY;
	}
	case 0x5410: /* TIOCSPGRP */
		return tty ? 0 : -LX_ENOTTY;
	case 0x541b: { /* FIONREAD */
		int64_t n = vfs_nread(fd);
		if (n < 0)
			return n;
		int32_t v = (int32_t)(n > INT32_MAX ? INT32_MAX : n);
		return rt_copy_to_guest(arg, &v, 4);
	}
	case 0x5421: { /* FIONBIO */
		int32_t on;
		if (rt_copy_from_guest(&on, arg, 4))
			return -LX_EFAULT;
		int fl = vfs_fcntl(fd, 3, 0);
		return vfs_fcntl(fd, 4, on ? fl | LX_O_NONBLOCK : fl & ~LX_O_NONBLOCK);
	}
	case 0x5451:
		return vfs_fcntl(fd, 2, 1); /* FIOCLEX */
	case 0x5450:
		return vfs_fcntl(fd, 2, 0); /* FIONCLEX */
	default:
		return -LX_ENOTTY;
	}
}

/* ---- stat ---- */

static int64_t put_stat(uint64_t g, const struct vfs_stat *s)
{
	struct lx_stat st = {
	    .st_dev = s->dev,
	    .st_ino = s->ino,
	    .st_mode = s->mode,
	    .st_nlink = s->nlink,
	    .st_uid = s->uid,
	    .st_gid = s->gid,
	    .st_rdev = s->rdev,
	    .st_size = (int64_t)s->size,
	    .st_blksize = (int32_t)s->blksize,
	    .st_blocks = (int64_t)s->blocks,
	    .st_atim = s->atime,
	    .st_mtim = s->mtime,
	    .st_ctim = s->ctime,
	};
	return rt_copy_to_guest(g, &st, sizeof st);
}

int64_t rt_sc_newfstatat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	struct vfs_stat s;
	int r = vfs_fstatat((int)a[0], path, (int)a[3], &s);
	return r < 0 ? r : put_stat(a[2], &s);
}

int64_t rt_sc_fstat(const uint64_t *a)
{
	struct vfs_stat s;
	int r = vfs_fstatat((int)a[0], NULL, 0, &s);
	return r < 0 ? r : put_stat(a[1], &s);
}

/* struct statx (include/uapi/linux/stat.h): 256 bytes. */
static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}
static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}
static void put_ts(uint8_t *p, struct lx_timespec t)
{
	put64(p, (uint64_t)t.tv_sec);
	put32(p + 8, (uint32_t)t.tv_nsec);
}

int64_t rt_sc_statx(const uint64_t *a)
{
	int flags = (int)a[2];
	uint32_t mask = (uint32_t)a[3];
	if (mask & 0x80000000u || (flags & LX_AT_STATX_SYNC_TYPE) == LX_AT_STATX_SYNC_TYPE)
		return -LX_EINVAL;
	PATH_ARG(path, a[1]);
	struct vfs_stat s;
	int r = vfs_fstatat((int)a[0], path, flags, &s);
	if (r < 0)
		return r;
	uint8_t b[256] = {0};
	put32(b + 0x00, 0x7ff); /* STATX_BASIC_STATS */
	put32(b + 0x04, s.blksize);
	put32(b + 0x10, s.nlink);
	put32(b + 0x14, s.uid);
	put32(b + 0x18, s.gid);
	uint16_t mode = (uint16_t)s.mode;
	memcpy(b + 0x1c, &mode, 2);
	put64(b + 0x20, s.ino);
	put64(b + 0x28, s.size);
	put64(b + 0x30, s.blocks);
	put_ts(b + 0x40, s.atime);
	put_ts(b + 0x50, s.btime);
	put_ts(b + 0x60, s.ctime);
	put_ts(b + 0x70, s.mtime);
	put32(b + 0x80, (uint32_t)((s.rdev >> 8) & 0xfff));
	put32(b + 0x84, (uint32_t)((s.rdev & 0xff) | ((s.rdev >> 12) & ~0xffu)));
	put32(b + 0x88, (uint32_t)((s.dev >> 8) & 0xfff));
	put32(b + 0x8c, (uint32_t)((s.dev & 0xff) | ((s.dev >> 12) & ~0xffu)));
	return rt_copy_to_guest(a[4], b, sizeof b);
}

/* struct statfs of asm-generic/statfs.h (64-bit): 120 bytes.  The numbers
 * describe a tmpfs the size of the guest's memory. */
static int64_t put_statfs(uint64_t g)
{
	uint64_t b[15] = {0};
	b[0] = 0x01021994;		    /* TMPFS_MAGIC */
	b[1] = 4096;			    /* f_bsize */
	b[2] = RT_GUEST_SIZE / 4096;	    /* f_blocks */
	b[3] = b[4] = RT_GUEST_SIZE / 8192; /* f_bfree, f_bavail */
	b[5] = 65536;			    /* f_files */
	b[6] = 65000;			    /* f_ffree */
	b[8] = VFS_NAME_MAX;		    /* f_namelen */
	b[9] = 4096;			    /* f_frsize */
	b[10] = 0x20;			    /* f_flags: ST_RELATIME */
	return rt_copy_to_guest(g, b, sizeof b);
}

int64_t rt_sc_statfs(const uint64_t *a)
{
	PATH_ARG(path, a[0]);
	struct vfs_stat s;
	int r = vfs_fstatat(LX_AT_FDCWD, path, 0, &s);
	return r < 0 ? r : put_statfs(a[1]);
}

int64_t rt_sc_fstatfs(const uint64_t *a)
{
	int r = vfs_valid((int)a[0]);
	return r < 0 ? r : put_statfs(a[1]);
}

int64_t rt_sc_faccessat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_faccessat((int)a[0], path, (int)a[2], 0);
}

int64_t rt_sc_faccessat2(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_faccessat((int)a[0], path, (int)a[2], (int)a[3]);
}

int64_t rt_sc_readlinkat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	if ((int)a[3] <= 0)
		return -LX_EINVAL;
	uint64_t len = (uint32_t)a[3];
	char *buf = rt_sc_buf(a[2], len, 1);
	if (!buf)
		return -LX_EFAULT;
	return vfs_readlinkat((int)a[0], path, buf, len);
}

/* ---- names ---- */

int64_t rt_sc_getcwd(const uint64_t *a)
{
	char *buf = rt_sc_buf(a[0], a[1] > VFS_PATH_MAX ? VFS_PATH_MAX : a[1], 1);
	if (!buf || !a[0])
		return -LX_EFAULT;
	return vfs_getcwd(buf, a[1]);
}

int64_t rt_sc_chdir(const uint64_t *a)
{
	PATH_ARG(path, a[0]);
	return vfs_chdir(path);
}

int64_t rt_sc_fchdir(const uint64_t *a)
{
	return vfs_fchdir((int)a[0]);
}

int64_t rt_sc_mkdirat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_mkdirat((int)a[0], path, (uint32_t)a[2]);
}

int64_t rt_sc_mknodat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_mknodat((int)a[0], path, (uint32_t)a[2], a[3]);
}

int64_t rt_sc_unlinkat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_unlinkat((int)a[0], path, (int)a[2]);
}

int64_t rt_sc_symlinkat(const uint64_t *a)
{
	PATH_ARG(target, a[0]);
	PATH_ARG(path, a[2]);
	return vfs_symlinkat(target, (int)a[1], path);
}

int64_t rt_sc_linkat(const uint64_t *a)
{
	PATH_ARG(from, a[1]);
	PATH_ARG(to, a[3]);
	return vfs_linkat((int)a[0], from, (int)a[2], to, (int)a[4]);
}

int64_t rt_sc_renameat(const uint64_t *a)
{
	PATH_ARG(from, a[1]);
	PATH_ARG(to, a[3]);
	return vfs_renameat2((int)a[0], from, (int)a[2], to, 0);
}

int64_t rt_sc_renameat2(const uint64_t *a)
{
	PATH_ARG(from, a[1]);
	PATH_ARG(to, a[3]);
	return vfs_renameat2((int)a[0], from, (int)a[2], to, (int)a[4]);
}

int64_t rt_sc_fchmod(const uint64_t *a)
{
	return vfs_fchmodat((int)a[0], NULL, (uint32_t)a[1], 0);
}

int64_t rt_sc_fchmodat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_fchmodat((int)a[0], path, (uint32_t)a[2], 0);
}

int64_t rt_sc_fchown(const uint64_t *a)
{
	return vfs_fchownat((int)a[0], NULL, (uint32_t)a[1], (uint32_t)a[2], 0);
}

int64_t rt_sc_fchownat(const uint64_t *a)
{
	PATH_ARG(path, a[1]);
	return vfs_fchownat((int)a[0], path, (uint32_t)a[2], (uint32_t)a[3], (int)a[4]);
}

int64_t rt_sc_utimensat(const uint64_t *a)
{
	struct lx_timespec ts[2];
	if (a[2] && rt_copy_from_guest(ts, a[2], sizeof ts))
		return -LX_EFAULT;
	const struct lx_timespec *t = a[2] ? ts : NULL;
	if (!a[1]) /* futimens: the file dirfd itself */
		return (int)a[0] == LX_AT_FDCWD ? -LX_EFAULT
						: vfs_utimensat((int)a[0], NULL, t, (int)a[3]);
	PATH_ARG(path, a[1]);
	return vfs_utimensat((int)a[0], path, t, (int)a[3]);
}

int64_t rt_sc_umask(const uint64_t *a)
{
	return vfs_umask((uint32_t)a[0]);
}
