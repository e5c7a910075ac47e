/*
 * sys_proc.c: the syscalls that are not about files: memory (handed to
 * mem.c), exit, time, randomness, identity, limits, signals, futex.
 *
 * The process is alone: pid RT_PID with parent RT_PPID, one thread whose
 * tid is the pid, running as root (RT_GUEST_UID, as qemu run by root in
 * the tests shows).  Signals are recorded faithfully (handlers, masks,
 * the alternate stack, pending) but not yet delivered to guest handlers:
 * a signal sent to the process that would run a handler ends it as if
 * the signal's default action were to terminate (see rt_sc_raise).
 */
#include <string.h>
#include <wasi/api.h>

#include "rtint.h"
#include "sys.h"
#include "vfs.h"

#define RT_PID 2
#define RT_PPID 1
#define NSIG 64

/* ---- memory ---- */

int64_t rt_sc_brk(const uint64_t *a)
{
	return (int64_t)rt_sys_brk(a[0]);
}

int64_t rt_sc_mmap(const uint64_t *a)
{
	return rt_sys_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], (int64_t)a[5]);
}

int64_t rt_sc_munmap(const uint64_t *a)
{
	return rt_sys_munmap(a[0], a[1]);
}
int64_t rt_sc_mprotect(const uint64_t *a)
{
	return rt_sys_mprotect(a[0], a[1], (int)a[2]);
}

int64_t rt_sc_mremap(const uint64_t *a)
{
	return rt_sys_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

/* qemu-user ignores madvise (it is only advice; MADV_DONTNEED cannot be
 * honoured for its private file mappings either), and so do we. */
int64_t rt_sc_madvise(const uint64_t *a)
{
	return 0;
}

int64_t rt_sc_riscv_flush_icache(const uint64_t *a)
{
	if (a[2] & ~1ull) /* SYS_RISCV_FLUSH_ICACHE_LOCAL */
		return -LX_EINVAL;
	rt_fence_i();
	return 0;
}

/* Refused like qemu-riscv64 does: glibc then runs without them. */
int64_t rt_sc_set_robust_list(const uint64_t *a)
{
	return -LX_ENOSYS;
}
int64_t rt_sc_rseq(const uint64_t *a)
{
	return -LX_ENOSYS;
}
int64_t rt_sc_membarrier(const uint64_t *a)
{
	return -LX_ENOSYS;
}

/* ---- exit ---- */

int64_t rt_sc_exit(const uint64_t *a)
{
	rt_exit((int)(a[0] & 0xff));
}
int64_t rt_sc_exit_group(const uint64_t *a)
{
	rt_exit((int)(a[0] & 0xff));
}

/* ---- time ---- */

static uint64_t host_ns(__wasi_clockid_t id)
{
	__wasi_timestamp_t t = 0;
	if (__wasi_clock_time_get(id, 1, &t) && id != __WASI_CLOCKID_MONOTONIC)
		return host_ns(__WASI_CLOCKID_MONOTONIC);
	return t;
}

static int seeded; /* FRISCY_SEED (below) */
static uint64_t vclock;

/*
 * The guest's clocks.  Under FRISCY_SEED they are a counter too: glibc
 * mixes the clock into mkstemp's names, so a real clock would still make
 * two runs differ (and a draw in the biased tail costs a second one).
 * Every read is a microsecond after the last, sleeps add what they slept;
 * the wall clock starts at 2023-11-14 22:13:20 UTC, the monotonic one at
 * 1 s.
 */
uint64_t rt_clock_ns(__wasi_clockid_t id)
{
	if (!seeded)
		return host_ns(id);
	vclock += 1000;
	if (id == __WASI_CLOCKID_REALTIME)
		return 1700000000ull * 1000000000u + vclock;
	return id == __WASI_CLOCKID_MONOTONIC ? 1000000000u + vclock : vclock;
}

/* Linux clock ids (include/uapi/linux/time.h) -> WASI; -1 when invalid. */
static int wasi_clock(uint64_t clk)
{
	switch ((int64_t)(int32_t)clk) {
	case 0:
	case 5:
	case 8:
	case 11: /* REALTIME, _COARSE, _ALARM, TAI */
		return __WASI_CLOCKID_REALTIME;
	case 1:
	case 4:
	case 6:
	case 7:
	case 9: /* MONOTONIC, _RAW, _COARSE, BOOTTIME, _ALARM */
		return __WASI_CLOCKID_MONOTONIC;
	case 2:
	case 3: /* PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID: one thread */
		return __WASI_CLOCKID_PROCESS_CPUTIME_ID;
	default:
		return -1;
	}
}

static struct lx_timespec ns_ts(uint64_t ns)
{
	return (struct lx_timespec){(int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u)};
}

/* Hosts time poll_oneoff with millisecond timers (libuv) that may fire a
 * little early; Linux never sleeps less than asked, so sleep again until
 * the monotonic clock has passed the deadline. */
static void sleep_ns(uint64_t ns)
{
	uint64_t end = host_ns(__WASI_CLOCKID_MONOTONIC) + ns;
	if (seeded)
		vclock += ns;
	for (int tries = 0; tries < 100; tries++) {
		uint64_t now = host_ns(__WASI_CLOCKID_MONOTONIC);
		if (now >= end)
			break;
		__wasi_subscription_t sub = {.type = __WASI_EVENTTYPE_CLOCK};
		sub.u.clock.id = __WASI_CLOCKID_MONOTONIC;
		sub.u.clock.timeout = end - now;
		__wasi_event_t ev;
		__wasi_size_t n;
		if (__wasi_poll_oneoff(&sub, &ev, 1, &n))
			break;
	}
}

int64_t rt_sc_clock_gettime(const uint64_t *a)
{
	int id = wasi_clock(a[0]);
	if (id < 0)
		return -LX_EINVAL;
	struct lx_timespec ts = ns_ts(rt_clock_ns((__wasi_clockid_t)id));
	return rt_copy_to_guest(a[1], &ts, sizeof ts);
}

int64_t rt_sc_clock_getres(const uint64_t *a)
{
	int id = wasi_clock(a[0]);
	if (id < 0)
		return -LX_EINVAL;
	int coarse = a[0] == 5 || a[0] == 6; /* one jiffy at HZ=250 */
	struct lx_timespec ts = {0, coarse ? 4000000 : 1};
	return a[1] ? rt_copy_to_guest(a[1], &ts, sizeof ts) : 0;
}

int64_t rt_sc_gettimeofday(const uint64_t *a)
{
	uint64_t ns = rt_clock_ns(__WASI_CLOCKID_REALTIME);
	int64_t tv[2] = {(int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u / 1000u)};
	if (a[0] && rt_copy_to_guest(a[0], tv, sizeof tv))
		return -LX_EFAULT;
	int32_t tz[2] = {0, 0};
	if (a[1] && rt_copy_to_guest(a[1], tz, sizeof tz))
		return -LX_EFAULT;
	return 0;
}

static int read_ts(uint64_t g, struct lx_timespec *ts)
{
	if (rt_copy_from_guest(ts, g, sizeof *ts))
		return -LX_EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec > 999999999)
		return -LX_EINVAL;
	return 0;
}

static uint64_t ts_ns(struct lx_timespec ts)
{
	return (uint64_t)ts.tv_sec > UINT64_MAX / 1000000000u - 1
		   ? UINT64_MAX
		   : (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int64_t rt_sc_nanosleep(const uint64_t *a)
{
	struct lx_timespec ts;
	int r = read_ts(a[0], &ts);
	if (r < 0)
		return r;
	sleep_ns(ts_ns(ts));
	return 0;
}

int64_t rt_sc_clock_nanosleep(const uint64_t *a)
{
	int id = wasi_clock(a[0]);
	if (id < 0 || a[0] == 3 || a[0] == 4 || a[0] == 5 || a[0] == 6)
		return a[0] == 3 ? -LX_EINVAL : -LX_EOPNOTSUPP;
	struct lx_timespec ts;
	int r = read_ts(a[2], &ts);
	if (r < 0)
		return r;
	uint64_t ns = ts_ns(ts);
	if (a[1] & 1) { /* TIMER_ABSTIME */
		uint64_t now = rt_clock_ns((__wasi_clockid_t)id);
		ns = ns > now ? ns - now : 0;
	}
	sleep_ns(ns);
	return 0;
}

void rt_sc_sleep(uint64_t ns)
{
	sleep_ns(ns);
}

/* Clock ticks at USER_HZ 100. */
int64_t rt_sc_times(const uint64_t *a)
{
	int64_t tms[4] = {(int64_t)(rt_clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID) / 10000000u), 0, 0,
			  0};
	if (a[0] && rt_copy_to_guest(a[0], tms, sizeof tms))
		return -LX_EFAULT;
	return (int64_t)(rt_clock_ns(__WASI_CLOCKID_MONOTONIC) / 10000000u);
}

int64_t rt_sc_getrusage(const uint64_t *a)
{
	int who = (int)a[0];
	if (who != 0 && who != -1 && who != 1) /* SELF, CHILDREN, THREAD */
		return -LX_EINVAL;
	int64_t ru[18] = {0};
	if (who != -1) {
		uint64_t ns = rt_clock_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
		ru[0] = (int64_t)(ns / 1000000000u);
		ru[1] = (int64_t)(ns % 1000000000u / 1000u);
	}
	return rt_copy_to_guest(a[1], ru, sizeof ru);
}

int64_t rt_sc_sched_yield(const uint64_t *a)
{
	(void)__wasi_sched_yield();
	return 0;
}

/* ---- randomness ---- */

/* FRISCY_SEED=N: every random byte the guest sees comes from a generator
 * seeded with N (splitmix64), so two runs of one program do the same thing.
 * glibc draws again when a draw falls in the biased tail (mkstemp's names),
 * so without it even the instruction count differs from run to run. */
static uint64_t seed_state;

void rt_random_seed(uint64_t seed)
{
	seeded = 1;
	seed_state = seed;
}

int rt_random(void *buf, uint64_t len)
{
	uint8_t *p = buf;
	if (seeded) {
		uint64_t w = 0;
		for (uint64_t i = 0; i < len; i++) {
			if (i % 8 == 0) {
				uint64_t z = seed_state += 0x9e3779b97f4a7c15u;
				z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
				z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
				w = z ^ (z >> 31);
			}
			p[i] = (uint8_t)(w >> (i % 8 * 8));
		}
		return 0;
	}
	/* random_get has no documented size limit; chunking keeps hosts happy. */
	for (uint64_t done = 0; done < len;) {
		uint64_t k = len - done > 65536 ? 65536 : len - done;
		if (__wasi_random_get(p + done, (__wasi_size_t)k))
			return -1;
		done += k;
	}
	return 0;
}

int64_t rt_sc_getrandom(const uint64_t *a)
{
	unsigned flags = (unsigned)a[2];
	if (flags & ~7u || (flags & 6u) == 6u) /* NONBLOCK|RANDOM|INSECURE, not both of the last */
		return -LX_EINVAL;
	uint64_t len = a[1] > RT_MAX_RW ? RT_MAX_RW : a[1];
	uint8_t *buf = rt_sc_buf(a[0], len, 1);
	if (!buf)
		return -LX_EFAULT;
	return rt_random(buf, len) ? -LX_EIO : (int64_t)len;
}

/* ---- identity ---- */

static uint32_t ruid = RT_GUEST_UID, euid = RT_GUEST_UID, suid = RT_GUEST_UID;
static uint32_t rgid = RT_GUEST_GID, egid = RT_GUEST_GID, sgid = RT_GUEST_GID;
static uint32_t groups[32] = {RT_GUEST_GID};
static int ngroups = 1;
static int32_t pgid = RT_PID, sid = RT_PPID;
static int nice_value;

int64_t rt_sc_getpid(const uint64_t *a)
{
	return RT_PID;
}
int64_t rt_sc_gettid(const uint64_t *a)
{
	return RT_PID;
}
int64_t rt_sc_getppid(const uint64_t *a)
{
	return RT_PPID;
}
int64_t rt_sc_getuid(const uint64_t *a)
{
	return ruid;
}
int64_t rt_sc_geteuid(const uint64_t *a)
{
	return euid;
}
int64_t rt_sc_getgid(const uint64_t *a)
{
	return rgid;
}
int64_t rt_sc_getegid(const uint64_t *a)
{
	return egid;
}

/* setres[ug]id: -1 keeps a value; without privilege each new id must be
 * one of the current three (kernel/sys.c). */
static int64_t set3(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t nr, uint32_t ne, uint32_t ns)
{
	uint32_t v[3] = {nr, ne, ns};
	if (euid != 0)
		for (int i = 0; i < 3; i++)
			if (v[i] != UINT32_MAX && v[i] != *r && v[i] != *e && v[i] != *s)
				return -LX_EPERM;
	if (nr != UINT32_MAX)
		*r = nr;
	if (ne != UINT32_MAX)
		*e = ne;
	if (ns != UINT32_MAX)
		*s = ns;
	return 0;
}

int64_t rt_sc_setresuid(const uint64_t *a)
{
	return set3(&ruid, &euid, &suid, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]);
}
int64_t rt_sc_setresgid(const uint64_t *a)
{
	return set3(&rgid, &egid, &sgid, (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2]);
}
int64_t rt_sc_setuid(const uint64_t *a)
{
	uint32_t u = (uint32_t)a[0];
	if (u == UINT32_MAX)
		return -LX_EINVAL;
	return euid == 0 ? set3(&ruid, &euid, &suid, u, u, u)
			 : set3(&ruid, &euid, &suid, ~0u, u, ~0u);
}
int64_t rt_sc_setgid(const uint64_t *a)
{
	uint32_t g = (uint32_t)a[0];
	if (g == UINT32_MAX)
		return -LX_EINVAL;
	return euid == 0 ? set3(&rgid, &egid, &sgid, g, g, g)
			 : set3(&rgid, &egid, &sgid, ~0u, g, ~0u);
}
int64_t rt_sc_setreuid(const uint64_t *a)
{
	return set3(&ruid, &euid, &suid, (uint32_t)a[0], (uint32_t)a[1], ~0u);
}
int64_t rt_sc_setregid(const uint64_t *a)
{
	return set3(&rgid, &egid, &sgid, (uint32_t)a[0], (uint32_t)a[1], ~0u);
}

static int64_t get3(const uint64_t *a, uint32_t r, uint32_t e, uint32_t s)
{
	if (rt_copy_to_guest(a[0], &r, 4) || rt_copy_to_guest(a[1], &e, 4) ||
	    rt_copy_to_guest(a[2], &s, 4))
		return -LX_EFAULT;
	return 0;
}
int64_t rt_sc_getresuid(const uint64_t *a)
{
	return get3(a, ruid, euid, suid);
}
int64_t rt_sc_getresgid(const uint64_t *a)
{
	return get3(a, rgid, egid, sgid);
}

int64_t rt_sc_getgroups(const uint64_t *a)
{
	int size = (int)a[0];
	if (size < 0)
		return -LX_EINVAL;
	if (!size)
		return ngroups;
	if (size < ngroups)
		return -LX_EINVAL;
	return rt_copy_to_guest(a[1], groups, (uint64_t)ngroups * 4) ? -LX_EFAULT : ngroups;
}

int64_t rt_sc_setgroups(const uint64_t *a)
{
	int size = (int)a[0];
	if (euid != 0)
		return -LX_EPERM;
	if (size < 0 || size > 32) /* NGROUPS_MAX is 65536; we keep 32 */
		return -LX_EINVAL;
	uint32_t g[32];
	if (rt_copy_from_guest(g, a[1], (uint64_t)size * 4))
		return -LX_EFAULT;
	memcpy(groups, g, (size_t)size * 4);
	ngroups = size;
	return 0;
}

static int self(int64_t pid)
{
	return pid == 0 || pid == RT_PID;
}

int64_t rt_sc_getpgid(const uint64_t *a)
{
	return self((int)a[0]) ? pgid : -LX_ESRCH;
}
int64_t rt_sc_getsid(const uint64_t *a)
{
	return self((int)a[0]) ? sid : -LX_ESRCH;
}

int64_t rt_sc_setpgid(const uint64_t *a)
{
	int pid = (int)a[0], pg = (int)a[1];
	if (pg < 0)
		return -LX_EINVAL;
	if (!self(pid))
		return -LX_ESRCH;
	if (sid == RT_PID) /* a session leader cannot move */
		return -LX_EPERM;
	if (pg != 0 && pg != RT_PID && pg != pgid)
		return -LX_EPERM;
	pgid = pg ? pg : RT_PID;
	return 0;
}

int64_t rt_sc_setsid(const uint64_t *a)
{
	if (pgid == RT_PID)
		return -LX_EPERM;
	sid = pgid = RT_PID;
	return RT_PID;
}

int64_t rt_sc_getpriority(const uint64_t *a)
{
	if (a[0] > 2)
		return -LX_EINVAL;
	if (!self((int)a[1]) && !((int)a[0] == 1 && (int)a[1] == pgid))
		return -LX_ESRCH;
	return 20 - nice_value; /* the kernel's biased form: glibc undoes it */
}

int64_t rt_sc_setpriority(const uint64_t *a)
{
	if (a[0] > 2)
		return -LX_EINVAL;
	if (!self((int)a[1]) && !((int)a[0] == 1 && (int)a[1] == pgid))
		return -LX_ESRCH;
	int n = (int)a[2];
	nice_value = n < -20 ? -20 : n > 19 ? 19 : n;
	return 0;
}

int64_t rt_sc_sched_getaffinity(const uint64_t *a)
{
	if (!self((int)a[0]))
		return -LX_ESRCH;
	if (!a[1] || (a[1] & 7))
		return -LX_EINVAL;
	uint64_t mask = 1; /* one CPU */
	return rt_copy_to_guest(a[2], &mask, 8) ? -LX_EFAULT : 8;
}

int64_t rt_sc_getcpu(const uint64_t *a)
{
	uint32_t zero = 0;
	if ((a[0] && rt_copy_to_guest(a[0], &zero, 4)) ||
	    (a[1] && rt_copy_to_guest(a[1], &zero, 4)))
		return -LX_EFAULT;
	return 0;
}

/* ---- system facts ---- */

int64_t rt_sc_uname(const uint64_t *a)
{
	static const char *const f[6] = {"Linux",	  "friscy",  "6.1.0",
					 "#1 SMP friscy", "riscv64", "(none)"};
	char u[6][65];
	memset(u, 0, sizeof u);
	for (int i = 0; i < 6; i++)
		strcpy(u[i], f[i]);
	return rt_copy_to_guest(a[0], u, sizeof u);
}

int64_t rt_sc_sysinfo(const uint64_t *a)
{
	uint8_t b[112] = {0};
	uint64_t v[10] = {rt_clock_ns(__WASI_CLOCKID_MONOTONIC) / 1000000000u,
			  0,
			  0,
			  0,
			  RT_GUEST_SIZE,
			  RT_GUEST_SIZE / 2,
			  0,
			  0,
			  0,
			  0};
	memcpy(b, v, sizeof v);
	uint16_t procs = 1;
	memcpy(b + 80, &procs, 2);
	uint32_t unit = 1;
	memcpy(b + 104, &unit, 4);
	return rt_copy_to_guest(a[0], b, sizeof b);
}

int64_t rt_sc_prctl(const uint64_t *a)
{
	static char comm[16];
	switch ((int)a[0]) {
	case 15: /* PR_SET_NAME */
		return rt_copy_from_guest(comm, a[1], 15) ? -LX_EFAULT : 0;
	case 16: { /* PR_GET_NAME: the executable's base name at first */
		if (!comm[0] && rt_exe_name) {
			const char *s = strrchr(rt_exe_name, '/');
			strncpy(comm, s ? s + 1 : rt_exe_name, 15);
		}
		return rt_copy_to_guest(a[1], comm, 16);
	}
	case 3:
		return 1; /* PR_GET_DUMPABLE */
	case 1:
	case 4:
		return 0; /* PR_SET_PDEATHSIG, PR_SET_DUMPABLE */
	case 2: {	  /* PR_GET_PDEATHSIG */
		int32_t z = 0;
		return rt_copy_to_guest(a[1], &z, 4);
	}
	default:
		return -LX_EINVAL;
	}
}

/* ---- limits ---- */

#define INF UINT64_MAX
static uint64_t rlim[16][2] = {
    {INF, INF},
    {INF, INF},
    {INF, INF},
    {8u << 20, INF}, /* CPU FSIZE DATA STACK */
    {0, INF},
    {INF, INF},
    {63771, 63771},
    {VFS_NOFILE, VFS_NOFILE}, /* CORE RSS NPROC NOFILE */
    {8u << 20, 8u << 20},
    {INF, INF},
    {INF, INF},
    {63771, 63771}, /* MEMLOCK AS LOCKS SIGPENDING */
    {819200, 819200},
    {0, 0},
    {0, 0},
    {INF, INF}, /* MSGQUEUE NICE RTPRIO RTTIME */
};

/* The NOFILE soft limit is recorded but fds stop at VFS_NOFILE regardless. */
static int64_t do_prlimit(unsigned res, uint64_t newg, uint64_t oldg)
{
	if (res >= 16)
		return -LX_EINVAL;
	uint64_t nl[2];
	if (newg) {
		if (rt_copy_from_guest(nl, newg, sizeof nl))
			return -LX_EFAULT;
		if (nl[0] > nl[1])
			return -LX_EINVAL;
		if (res == 7 && nl[1] > VFS_NOFILE) /* fs.nr_open */
			return -LX_EPERM;
	}
	if (oldg && rt_copy_to_guest(oldg, rlim[res], 16))
		return -LX_EFAULT;
	if (newg)
		memcpy(rlim[res], nl, sizeof nl);
	return 0;
}

int64_t rt_sc_prlimit64(const uint64_t *a)
{
	if (!self((int)a[0]))
		return -LX_ESRCH;
	return do_prlimit((unsigned)a[1], a[2], a[3]);
}
int64_t rt_sc_getrlimit(const uint64_t *a)
{
	return do_prlimit((unsigned)a[0], 0, a[1]);
}
int64_t rt_sc_setrlimit(const uint64_t *a)
{
	return do_prlimit((unsigned)a[0], a[1], 0);
}

/* ---- threads and futexes (one thread) ---- */

static uint64_t clear_child_tid;

int64_t rt_sc_set_tid_address(const uint64_t *a)
{
	clear_child_tid = a[0];
	return RT_PID;
}

/*
 * With one thread nobody else can change a futex word or wake us: a wait
 * whose value matches sleeps out its timeout and returns -ETIMEDOUT, or,
 * without a timeout (a deadlock on Linux), returns -EAGAIN at once so the
 * caller re-checks instead of the runtime hanging.
 */
int64_t rt_sc_futex(const uint64_t *a)
{
	uint64_t uaddr = a[0];
	int cmd = (int)a[1] & ~(128 | 256); /* PRIVATE_FLAG, CLOCK_REALTIME */
	uint32_t val = (uint32_t)a[2];
	uint32_t cur;
	switch (cmd) {
	case 0: /* FUTEX_WAIT */
	case 9: /* FUTEX_WAIT_BITSET */
		if (uaddr & 3)
			return -LX_EINVAL;
		if (cmd == 9 && !(uint32_t)a[5])
			return -LX_EINVAL;
		if (rt_copy_from_guest(&cur, uaddr, 4))
			return -LX_EFAULT;
		if (cur != val)
			return -LX_EAGAIN;
		if (a[3]) {
			struct lx_timespec ts;
			int r = read_ts(a[3], &ts);
			if (r < 0)
				return r;
			uint64_t ns = ts_ns(ts);
			if (cmd == 9) { /* absolute */
				uint64_t now = rt_clock_ns((int)a[1] & 256 ? __WASI_CLOCKID_REALTIME
									: __WASI_CLOCKID_MONOTONIC);
				ns = ns > now ? ns - now : 0;
			}
			sleep_ns(ns);
			return -LX_ETIMEDOUT;
		}
		return -LX_EAGAIN;
	case 1:	 /* FUTEX_WAKE */
	case 10: /* FUTEX_WAKE_BITSET */
		return 0;
	case 3: /* FUTEX_REQUEUE */
		return 0;
	case 4: /* FUTEX_CMP_REQUEUE */
		if (rt_copy_from_guest(&cur, uaddr, 4))
			return -LX_EFAULT;
		return cur == (uint32_t)a[5] ? 0 : -LX_EAGAIN;
	case 5: { /* FUTEX_WAKE_OP: the operation on *uaddr2 still happens */
		uint32_t v3 = (uint32_t)a[5], old;
		int op = (v3 >> 28) & 7;
		uint32_t arg = (uint32_t)((int32_t)(v3 << 8) >> 20);
		if ((v3 >> 28) & 8)
			arg = 1u << (arg & 31);
		if (a[4] & 3)
			return -LX_EINVAL;
		if (rt_copy_from_guest(&old, a[4], 4))
			return -LX_EFAULT;
		uint32_t nv = op == 0	? arg
			      : op == 1 ? old + arg
			      : op == 2 ? old | arg
			      : op == 3 ? old & ~arg
			      : op == 4 ? old ^ arg
					: old;
		if (op > 4)
			return -LX_ENOSYS;
		return rt_copy_to_guest(a[4], &nv, 4);
	}
	default:
		return -LX_ENOSYS;
	}
}

/* ---- signals ---- */

/* What the later delivery step needs, kept as the kernel keeps it. */
struct sigaction_k {
	uint64_t handler, flags, mask; /* riscv64 struct sigaction: no sa_restorer */
};
static struct sigaction_k actions[NSIG + 1];
static uint64_t blocked, pending;
static struct {
	uint64_t sp;
	int32_t flags;
	uint64_t size;
} altstack = {0, 2 /* SS_DISABLE */, 0};

#define SIG_DFL 0
#define SIG_IGN 1
#define BIT(s) (1ull << ((s)-1))
#define UNBLOCKABLE (BIT(9) | BIT(19)) /* SIGKILL, SIGSTOP */

/* Default action "ignore" (or "stop": no job control here). */
static int default_ignored(int sig)
{
	return sig == 17 || sig == 18 || sig == 23 || sig == 28 || /* CHLD CONT URG WINCH */
	       sig == 20 || sig == 21 || sig == 22;		   /* TSTP TTIN TTOU */
}

static void deliver(int sig)
{
	uint64_t h = actions[sig].handler;
	if (sig != 9 && h == SIG_IGN)
		return;
	if (sig != 9 && h == SIG_DFL && (default_ignored(sig) || sig == 19))
		return;
	/* Default terminate/core, or a guest handler we cannot run yet. */
	rt_kill(sig);
}

void rt_sc_raise(int sig)
{
	if (sig <= 0 || sig > NSIG)
		return;
	if (blocked & BIT(sig)) {
		pending |= BIT(sig);
		return;
	}
	deliver(sig);
}

static void deliver_pending(void)
{
	uint64_t ready = pending & ~blocked;
	for (int s = 1; ready && s <= NSIG; s++)
		if (ready & BIT(s)) {
			pending &= ~BIT(s);
			ready &= ~BIT(s);
			deliver(s);
		}
}

static int64_t send(int sig)
{
	if (sig < 0 || sig > NSIG)
		return -LX_EINVAL;
	if (sig)
		rt_sc_raise(sig);
	return 0;
}

int64_t rt_sc_kill(const uint64_t *a)
{
	int pid = (int)a[0], sig = (int)a[1];
	if (sig < 0 || sig > NSIG)
		return -LX_EINVAL;
	/* -1 is "everyone but me": nobody here */
	if (pid == RT_PID || pid == 0 || pid == -pgid)
		return send(sig);
	return -LX_ESRCH;
}

int64_t rt_sc_tkill(const uint64_t *a)
{
	if ((int)a[0] <= 0)
		return -LX_EINVAL;
	return (int)a[0] == RT_PID ? send((int)a[1]) : -LX_ESRCH;
}

int64_t rt_sc_tgkill(const uint64_t *a)
{
	if ((int)a[0] <= 0 || (int)a[1] <= 0)
		return -LX_EINVAL;
	return (int)a[0] == RT_PID && (int)a[1] == RT_PID ? send((int)a[2]) : -LX_ESRCH;
}

int64_t rt_sc_rt_sigaction(const uint64_t *a)
{
	int sig = (int)a[0];
	if (a[3] != 8)
		return -LX_EINVAL;
	struct sigaction_k act;
	if (a[1] && rt_copy_from_guest(&act, a[1], sizeof act))
		return -LX_EFAULT;
	if (sig < 1 || sig > NSIG || (a[1] && (BIT(sig) & UNBLOCKABLE)))
		return -LX_EINVAL;
	struct sigaction_k old = actions[sig];
	if (a[1]) {
		act.mask &= ~UNBLOCKABLE;
		actions[sig] = act;
		/* POSIX: setting a pending signal to be ignored discards it. */
		if (act.handler == SIG_IGN || (act.handler == SIG_DFL && default_ignored(sig)))
			pending &= ~BIT(sig);
	}
	if (a[2] && rt_copy_to_guest(a[2], &old, sizeof old))
		return -LX_EFAULT;
	return 0;
}

int64_t rt_sc_rt_sigprocmask(const uint64_t *a)
{
	if (a[3] != 8)
		return -LX_EINVAL;
	uint64_t old = blocked, set;
	if (a[1]) {
		if (rt_copy_from_guest(&set, a[1], 8))
			return -LX_EFAULT;
		set &= ~UNBLOCKABLE;
		switch ((int)a[0]) {
		case 0:
			blocked |= set;
			break; /* SIG_BLOCK */
		case 1:
			blocked &= ~set;
			break; /* SIG_UNBLOCK */
		case 2:
			blocked = set;
			break; /* SIG_SETMASK */
		default:
			return -LX_EINVAL;
		}
	}
	if (a[2] && rt_copy_to_guest(a[2], &old, 8))
		return -LX_EFAULT;
	deliver_pending();
	return 0;
}

int64_t rt_sc_rt_sigpending(const uint64_t *a)
{
	if (a[1] > 8)
		return -LX_EINVAL;
	uint64_t p = pending & blocked;
	return rt_copy_to_guest(a[0], &p, a[1]);
}

int64_t rt_sc_sigaltstack(const uint64_t *a)
{
	enum { SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31, MINSIGSTKSZ = 2048 };
	uint8_t old[24] = {0};
	memcpy(old, &altstack.sp, 8);
	memcpy(old + 8, &altstack.flags, 4);
	memcpy(old + 16, &altstack.size, 8);
	if (a[0]) {
		uint8_t ss[24];
		if (rt_copy_from_guest(ss, a[0], sizeof ss))
			return -LX_EFAULT;
		uint64_t sp, size;
		int32_t flags;
		memcpy(&sp, ss, 8);
		memcpy(&flags, ss + 8, 4);
		memcpy(&size, ss + 16, 8);
		int mode = flags & ~SS_AUTODISARM;
		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -LX_EINVAL;
		if (mode == SS_DISABLE) {
			sp = size = 0;
		} else if (size < MINSIGSTKSZ) {
			return -LX_ENOMEM;
		}
		altstack.sp = sp;
		altstack.size = size;
		altstack.flags = mode == SS_DISABLE ? SS_DISABLE : flags & SS_AUTODISARM;
	}
	if (a[1] && rt_copy_to_guest(a[1], old, sizeof old))
		return -LX_EFAULT;
	return 0;
}
