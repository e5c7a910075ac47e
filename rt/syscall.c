/*
 * syscall.c: rt_ecall, the guest's one way into the runtime, and the
 * FRISCY_STRACE tracer.  The handlers are in sys_file.c and sys_proc.c;
 * sys.h lists them.
 *
 * Calling convention (RISC-V Linux): a7 = number, a0..a5 = arguments,
 * a0 = result, -4095..-1 being -errno.  Unknown numbers give -ENOSYS, as
 * the kernel does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#include "rtint.h"
#include "sys.h"
#include "vfs.h"

struct sc_desc {
	const char *name, *args;
	char ret;
};

static void put_err(const char *s, size_t n)
{
	__wasi_ciovec_t iov = {(const uint8_t *)s, n};
	__wasi_size_t done;
	(void)__wasi_fd_write(2, &iov, 1, &done);
}

/* ---- guest memory ---- */

void *rt_sc_buf(uint64_t g, uint64_t len, int write)
{
	if (!len)
		return rt_g2h(g);
	return rt_mapped(g, len, write) ? rt_g2h(g) : NULL;
}

int rt_sc_path(uint64_t g, char *buf)
{
	int64_t n = rt_guest_strnlen(g, VFS_PATH_MAX);
	if (n < 0)
		return (int)n;
	if (n >= VFS_PATH_MAX)
		return -LX_ENAMETOOLONG;
	memcpy(buf, rt_g2h(g), (size_t)n);
	buf[n] = 0;
	return 0;
}

/* ---- the tracer ---- */

static const char *const errnames[][2] = {
    [1] = {"EPERM", "Operation not permitted"},
    [2] = {"ENOENT", "No such file or directory"},
    [3] = {"ESRCH", "No such process"},
    [4] = {"EINTR", "Interrupted system call"},
    [5] = {"EIO", "Input/output error"},
    [6] = {"ENXIO", "No such device or address"},
    [7] = {"E2BIG", "Argument list too long"},
    [8] = {"ENOEXEC", "Exec format error"},
    [9] = {"EBADF", "Bad file descriptor"},
    [10] = {"ECHILD", "No child processes"},
    [11] = {"EAGAIN", "Resource temporarily unavailable"},
    [12] = {"ENOMEM", "Cannot allocate memory"},
    [13] = {"EACCES", "Permission denied"},
    [14] = {"EFAULT", "Bad address"},
    [16] = {"EBUSY", "Device or resource busy"},
    [17] = {"EEXIST", "File exists"},
    [18] = {"EXDEV", "Invalid cross-device link"},
    [19] = {"ENODEV", "No such device"},
    [20] = {"ENOTDIR", "Not a directory"},
    [21] = {"EISDIR", "Is a directory"},
    [22] = {"EINVAL", "Invalid argument"},
    [23] = {"ENFILE", "Too many open files in system"},
    [24] = {"EMFILE", "Too many open files"},
    [25] = {"ENOTTY", "Inappropriate ioctl for device"},
    [27] = {"EFBIG", "File too large"},
    [28] = {"ENOSPC", "No space left on device"},
    [29] = {"ESPIPE", "Illegal seek"},
    [30] = {"EROFS", "Read-only file system"},
    [31] = {"EMLINK", "Too many links"},
    [32] = {"EPIPE", "Broken pipe"},
    [34] = {"ERANGE", "Numerical result out of range"},
    [36] = {"ENAMETOOLONG", "File name too long"},
    [38] = {"ENOSYS", "Function not implemented"},
    [39] = {"ENOTEMPTY", "Directory not empty"},
    [40] = {"ELOOP", "Too many levels of symbolic links"},
    [75] = {"EOVERFLOW", "Value too large for defined data type"},
    [88] = {"ENOTSOCK", "Socket operation on non-socket"},
    [95] = {"EOPNOTSUPP", "Operation not supported"},
    [110] = {"ETIMEDOUT", "Connection timed out"},
};

static const char *const signames[] = {
    "0",	 "SIGHUP",  "SIGINT",	 "SIGQUIT", "SIGILL",	"SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE",	 "SIGKILL", "SIGUSR1",	 "SIGSEGV", "SIGUSR2",	"SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT",	 "SIGSTOP", "SIGTSTP",	"SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGXCPU",	 "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

struct out {
	char buf[512];
	size_t n;
};

static void out(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(o->buf + o->n, sizeof o->buf - o->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->n = o->n + (size_t)k < sizeof o->buf ? o->n + (size_t)k : sizeof o->buf - 1;
}

static void out_str(struct out *o, uint64_t g)
{
	int64_t n = g ? rt_guest_strnlen(g, 4096) : -1;
	if (n < 0) {
		out(o, "0x%llx", (unsigned long long)g);
		return;
	}
	const uint8_t *s = rt_g2h(g);
	out(o, "\"");
	for (int64_t i = 0; i < n && i < 64; i++) {
		uint8_t c = s[i];
		if (c == '"' || c == '\\')
			out(o, "\\%c", c);
		else if (c >= 32 && c < 127)
			out(o, "%c", c);
		else
			out(o, "\\%o", c);
	}
	out(o, n > 64 ? "\"..." : "\"");
}

static void out_oflags(struct out *o, uint64_t v)
{
	static const struct {
		int bit;
		const char *name;
	} fl[] = {
	    {LX_O_CREAT, "O_CREAT"},	     {LX_O_EXCL, "O_EXCL"},
	    {LX_O_NOCTTY, "O_NOCTTY"},	     {LX_O_TRUNC, "O_TRUNC"},
	    {LX_O_APPEND, "O_APPEND"},	     {LX_O_NONBLOCK, "O_NONBLOCK"},
	    {LX_O_DIRECTORY, "O_DIRECTORY"}, {LX_O_NOFOLLOW, "O_NOFOLLOW"},
	    {LX_O_CLOEXEC, "O_CLOEXEC"},     {LX_O_PATH, "O_PATH"},
	    {LX_O_LARGEFILE, "O_LARGEFILE"},
	};
	static const char *const acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
	out(o, "%s", acc[v & 3]);
	v &= ~3ull;
	for (size_t i = 0; i < sizeof fl / sizeof fl[0]; i++)
		if (v & (uint64_t)fl[i].bit) {
			out(o, "|%s", fl[i].name);
			v &= ~(uint64_t)fl[i].bit;
		}
	if (v)
		out(o, "|%#llo", (unsigned long long)v);
}

static void out_arg(struct out *o, char kind, uint64_t v)
{
	switch (kind) {
	case 'd':
		out(o, "%d", (int)v);
		break;
	case 'l':
		out(o, "%lld", (long long)v);
		break;
	case 'u':
		out(o, "%llu", (unsigned long long)v);
		break;
	case 's':
		out_str(o, v);
		break;
	case 'f':
		if ((int)v == LX_AT_FDCWD)
			out(o, "AT_FDCWD");
		else
			out(o, "%d", (int)v);
		break;
	case 'o':
		out_oflags(o, v);
		break;
	case 'm':
		out(o, "%#llo", (unsigned long long)v);
		break;
	case 'g':
		if (v < sizeof signames / sizeof signames[0])
			out(o, "%s", signames[v]);
		else
			out(o, "%d", (int)v);
		break;
	case 'h':
		out(o, v ? "%#llx" : "0", (unsigned long long)v);
		break;
	default:
		out(o, v ? "0x%llx" : "NULL", (unsigned long long)v);
		break;
	}
}

static void trace(const struct sc_desc *d, uint64_t nr, const uint64_t *a, int64_t r)
{
	struct out o = {.n = 0};
	if (d)
		out(&o, "%s(", d->name);
	else
		out(&o, "syscall_%llu(", (unsigned long long)nr);
	const char *args = d ? d->args : "xxxxxx";
	for (int i = 0; args[i]; i++) {
		if (i)
			out(&o, ",");
		out_arg(&o, args[i], a[i]);
	}
	char ret = d ? d->ret : 'd';
	if (ret == 'n')
		out(&o, ") = ?\n");
	else if (r < 0 && r >= -4095) {
		uint64_t e = (uint64_t)-r;
		const char *name = e < sizeof errnames / sizeof errnames[0] ? errnames[e][0] : NULL;
		if (name)
			out(&o, ") = -1 %s (%s)\n", name, errnames[e][1]);
		else
			out(&o, ") = -1 errno %llu\n", (unsigned long long)e);
	} else if (ret == 'x')
		out(&o, ") = 0x%llx\n", (unsigned long long)r);
	else if (ret == 'm')
		out(&o, ") = %#llo\n", (unsigned long long)r);
	else
		out(&o, ") = %lld\n", (long long)r);
	put_err(o.buf, o.n);
}

/* Unknown numbers: named once each when tracing, so the missing pieces of
 * a program's run are easy to list. */
static void report_unknown(uint64_t nr)
{
	static uint8_t seen[512];
	if (nr < sizeof seen) {
		if (seen[nr])
			return;
		seen[nr] = 1;
	}
	char buf[80];
	int n = snprintf(buf, sizeof buf, "friscy: syscall %llu not implemented (ENOSYS)\n",
			 (unsigned long long)nr);
	put_err(buf, (size_t)n);
}

#define X(nr, name, args, ret) static const struct sc_desc desc_##name = {#name, args, ret};
RT_SYSCALLS(X)
#undef X

void rt_ecall(void)
{
	rt_reservation_clear();
	vfs_init();
	uint64_t nr = rt_cpu.x[17];
	uint64_t a[6];
	for (int i = 0; i < 6; i++)
		a[i] = rt_cpu.x[10 + i];
	/* Before the call: a handler that redirects control (sigreturn,
	 * execve later) overwrites it. */
	rt_cpu.pc += 4;
	const struct sc_desc *d = NULL;
	int64_t r;
	switch (nr) {
#define X(n, name, args, ret)                                                                      \
	case n:                                                                                    \
		d = &desc_##name;                                                                  \
		if (ret == 'n' && rt_strace)                                                       \
			trace(d, nr, a, 0);                                                        \
		r = rt_sc_##name(a);                                                               \
		break;
		RT_SYSCALLS(X)
#undef X
	default:
		r = -LX_ENOSYS;
		if (rt_strace)
			report_unknown(nr);
		break;
	}
	if (rt_strace)
		trace(d, nr, a, r);
	rt_cpu.x[10] = (uint64_t)r;
}
