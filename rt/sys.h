/*
 * sys.h: the syscall layer's table and what its files share.
 *
 * RT_SYSCALLS lists every syscall rt implements, once: number (riscv64 =
 * asm-generic numbering), name, how FRISCY_STRACE prints the arguments and
 * the result.  syscall.c builds the dispatch and the tracer from it; each
 * rt_sc_<name> lives in sys_file.c (files, VFS) or sys_proc.c (memory,
 * time, identity, signals, the rest).  A number not listed is -ENOSYS.
 *
 * Argument letters: d int, l long, u unsigned long, x pointer, h hex, s path,
 * f dirfd (AT_FDCWD), o open flags, m octal mode, g signal.
 * Result letters: d decimal (or -1 ERRNO), x hex, m octal, n no return.
 */
#ifndef SYS_H
#define SYS_H

#include <stdint.h>

#include "sys_abi.h"

#define RT_SYSCALLS(X)                                                                             \
	X(17, getcwd, "xu", 'd')                                                                   \
	X(23, dup, "d", 'd')                                                                       \
	X(24, dup3, "ddo", 'd')                                                                    \
	X(25, fcntl, "ddh", 'd')                                                                   \
	X(29, ioctl, "dhx", 'd')                                                                   \
	X(33, mknodat, "fsmh", 'd')                                                                \
	X(34, mkdirat, "fsm", 'd')                                                                 \
	X(35, unlinkat, "fsh", 'd')                                                                \
	X(36, symlinkat, "sfs", 'd')                                                               \
	X(37, linkat, "fsfsh", 'd')                                                                \
	X(38, renameat, "fsfs", 'd')                                                               \
	X(43, statfs, "sx", 'd')                                                                   \
	X(44, fstatfs, "dx", 'd')                                                                  \
	X(45, truncate, "sl", 'd')                                                                 \
	X(46, ftruncate, "dl", 'd')                                                                \
	X(48, faccessat, "fsd", 'd')                                                               \
	X(49, chdir, "s", 'd')                                                                     \
	X(50, fchdir, "d", 'd')                                                                    \
	X(52, fchmod, "dm", 'd')                                                                   \
	X(53, fchmodat, "fsm", 'd')                                                                \
	X(54, fchownat, "fsddh", 'd')                                                              \
	X(55, fchown, "ddd", 'd')                                                                  \
	X(56, openat, "fsom", 'd')                                                                 \
	X(57, close, "d", 'd')                                                                     \
	X(59, pipe2, "xo", 'd')                                                                    \
	X(61, getdents64, "dxu", 'd')                                                              \
	X(62, lseek, "dld", 'd')                                                                   \
	X(63, read, "dxu", 'd')                                                                    \
	X(64, write, "dxu", 'd')                                                                   \
	X(65, readv, "dxd", 'd')                                                                   \
	X(66, writev, "dxd", 'd')                                                                  \
	X(67, pread64, "dxul", 'd')                                                                \
	X(68, pwrite64, "dxul", 'd')                                                               \
	X(69, preadv, "dxdl", 'd')                                                                 \
	X(70, pwritev, "dxdl", 'd')                                                                \
	X(71, sendfile, "ddxu", 'd')                                                               \
	X(72, pselect6, "dxxxxx", 'd')                                                             \
	X(73, ppoll, "xuxxu", 'd')                                                                 \
	X(78, readlinkat, "fsxu", 'd')                                                             \
	X(79, newfstatat, "fsxh", 'd')                                                             \
	X(80, fstat, "dx", 'd')                                                                    \
	X(81, sync, "", 'd')                                                                       \
	X(82, fsync, "d", 'd')                                                                     \
	X(83, fdatasync, "d", 'd')                                                                 \
	X(88, utimensat, "fsxh", 'd')                                                              \
	X(93, exit, "d", 'n')                                                                      \
	X(94, exit_group, "d", 'n')                                                                \
	X(96, set_tid_address, "x", 'd')                                                           \
	X(98, futex, "xdux", 'd')                                                                  \
	X(99, set_robust_list, "xu", 'd')                                                          \
	X(101, nanosleep, "xx", 'd')                                                               \
	X(113, clock_gettime, "dx", 'd')                                                           \
	X(114, clock_getres, "dx", 'd')                                                            \
	X(115, clock_nanosleep, "ddxx", 'd')                                                       \
	X(123, sched_getaffinity, "dux", 'd')                                                      \
	X(124, sched_yield, "", 'd')                                                               \
	X(129, kill, "dg", 'd')                                                                    \
	X(130, tkill, "dg", 'd')                                                                   \
	X(131, tgkill, "ddg", 'd')                                                                 \
	X(132, sigaltstack, "xx", 'd')                                                             \
	X(134, rt_sigaction, "gxxu", 'd')                                                          \
	X(135, rt_sigprocmask, "dxxu", 'd')                                                        \
	X(136, rt_sigpending, "xu", 'd')                                                           \
	X(140, setpriority, "ddd", 'd')                                                            \
	X(141, getpriority, "dd", 'd')                                                             \
	X(143, setregid, "dd", 'd')                                                                \
	X(144, setgid, "d", 'd')                                                                   \
	X(145, setreuid, "dd", 'd')                                                                \
	X(146, setuid, "d", 'd')                                                                   \
	X(147, setresuid, "ddd", 'd')                                                              \
	X(148, getresuid, "xxx", 'd')                                                              \
	X(149, setresgid, "ddd", 'd')                                                              \
	X(150, getresgid, "xxx", 'd')                                                              \
	X(153, times, "x", 'd')                                                                    \
	X(154, setpgid, "dd", 'd')                                                                 \
	X(155, getpgid, "d", 'd')                                                                  \
	X(156, getsid, "d", 'd')                                                                   \
	X(157, setsid, "", 'd')                                                                    \
	X(158, getgroups, "dx", 'd')                                                               \
	X(159, setgroups, "dx", 'd')                                                               \
	X(160, uname, "x", 'd')                                                                    \
	X(163, getrlimit, "dx", 'd')                                                               \
	X(164, setrlimit, "dx", 'd')                                                               \
	X(165, getrusage, "dx", 'd')                                                               \
	X(166, umask, "m", 'm')                                                                    \
	X(167, prctl, "dxxxx", 'd')                                                                \
	X(168, getcpu, "xxx", 'd')                                                                 \
	X(169, gettimeofday, "xx", 'd')                                                            \
	X(172, getpid, "", 'd')                                                                    \
	X(173, getppid, "", 'd')                                                                   \
	X(174, getuid, "", 'd')                                                                    \
	X(175, geteuid, "", 'd')                                                                   \
	X(176, getgid, "", 'd')                                                                    \
	X(177, getegid, "", 'd')                                                                   \
	X(178, gettid, "", 'd')                                                                    \
	X(179, sysinfo, "x", 'd')                                                                  \
	X(214, brk, "x", 'x')                                                                      \
	X(215, munmap, "xu", 'd')                                                                  \
	X(216, mremap, "xuuhx", 'x')                                                               \
	X(222, mmap, "xuhhdl", 'x')                                                                \
	X(226, mprotect, "xuh", 'd')                                                               \
	X(233, madvise, "xud", 'd')                                                                \
	X(259, riscv_flush_icache, "xxh", 'd')                                                     \
	X(261, prlimit64, "ddxx", 'd')                                                             \
	X(276, renameat2, "fsfsh", 'd')                                                            \
	X(278, getrandom, "xuh", 'd')                                                              \
	X(283, membarrier, "dd", 'd')                                                              \
	X(286, preadv2, "dxdlxh", 'd')                                                             \
	X(287, pwritev2, "dxdlxh", 'd')                                                            \
	X(291, statx, "fshhx", 'd')                                                                \
	X(293, rseq, "xuxx", 'd')                                                                  \
	X(436, close_range, "ddh", 'd')                                                            \
	X(439, faccessat2, "fsdh", 'd')

#define X(nr, name, args, ret) int64_t rt_sc_##name(const uint64_t *a);
RT_SYSCALLS(X)
#undef X

/* Linux's MAX_RW_COUNT: one read/write moves at most this many bytes. */
#define RT_MAX_RW 0x7ffff000u

/* Copies the guest path at g into buf (VFS_PATH_MAX bytes): 0, -EFAULT
 * or -ENAMETOOLONG, as getname() does. */
int rt_sc_path(uint64_t g, char *buf);
/* The guest buffer [g, g+len) as a linear pointer, or NULL if any of it
 * is unmapped (for writing: not writable).  len 0 is never NULL. */
void *rt_sc_buf(uint64_t g, uint64_t len, int write);

/* A signal sent to the process itself (kill, tgkill, SIGPIPE from a
 * write): see sys_proc.c for what happens without delivery. */
void rt_sc_raise(int sig);
/* Sleeps ns nanoseconds (WASI poll_oneoff on the monotonic clock). */
void rt_sc_sleep(uint64_t ns);

#endif
