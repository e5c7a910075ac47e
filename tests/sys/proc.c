/* Process facts: uname, ids, clocks, limits, signals (no delivery to
 * handlers: only what survives without it), affinity, /proc/self/exe,
 * umask, futex on one thread. */
#include "common.h"
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

static long ns_of(struct timespec t)
{
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

int main(int argc, char **argv)
{
	struct utsname u;
	umask(022); /* the host shell's umask must not show */
	T(uname(&u));
	printf("  %s %s\n", u.sysname, u.machine);

	T(getuid() == geteuid());
	T(getgid() == getegid());
	T(getpid() == gettid());
	T(getppid() != getpid());
	T(getpgid(0) > 0);
	/* 0 when the session leader is outside our pid namespace (containers) */
	T(getsid(0) >= 0);
	T(getsid(0) == getsid(getpid()));

	struct timespec a, b, r;
	T(clock_gettime(CLOCK_MONOTONIC, &a));
	T(nanosleep(&(struct timespec){0, 20000000}, NULL));
	T(clock_gettime(CLOCK_MONOTONIC, &b));
	printf("  slept >= 20ms: %d\n", ns_of(b) - ns_of(a) >= 20000000);
	T(clock_nanosleep(CLOCK_MONOTONIC, 0, &(struct timespec){0, 1000000}, NULL));
	T(clock_getres(CLOCK_MONOTONIC, &r));
	T(clock_getres(CLOCK_REALTIME, NULL));
	T(clock_gettime(CLOCK_REALTIME, &a));
	printf("  after 2020: %d\n", a.tv_sec > 1577836800);
	struct timeval tv;
	T(gettimeofday(&tv, NULL));
	printf("  usec ok: %d\n", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	T(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a));
	T(clock_gettime(CLOCK_BOOTTIME, &a));
	T(clock_gettime(CLOCK_MONOTONIC_COARSE, &a));
	struct tms tm;
	T(times(&tm) > 0);
	T(time(NULL) > 1577836800);

	struct rlimit rl;
	T(getrlimit(RLIMIT_NOFILE, &rl));
	printf("  soft<=hard %d\n", rl.rlim_cur <= rl.rlim_max);
	T(getrlimit(RLIMIT_STACK, &rl));
	rl.rlim_cur = rl.rlim_max + (rl.rlim_max != RLIM_INFINITY);
	T(setrlimit(RLIMIT_NOFILE, &(struct rlimit){10, 5}));
	T(getrlimit(99, &rl));
	T(prlimit(0, RLIMIT_CORE, NULL, &rl));

	cpu_set_t set;
	T(sched_getaffinity(0, sizeof set, &set) == 0);
	printf("  cpus>=1 %d\n", CPU_COUNT(&set) >= 1);
	T(sched_yield());

	char exe[256] = {0};
	long n = T(readlink("/proc/self/exe", exe, sizeof exe) > 0);
	(void)n;
	const char *base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	size_t el = strlen(exe), bl = strlen(base);
	printf("  exe absolute %d ends with argv[0]'s name %d\n", exe[0] == '/',
	       el >= bl && !strcmp(exe + el - bl, base));

	T(umask(027));
	T(umask(022));

	/* signals: record, ignore, block */
	struct sigaction sa = {.sa_handler = SIG_IGN}, old;
	T(sigaction(SIGUSR1, &sa, &old));
	printf("  old dfl %d\n", old.sa_handler == SIG_DFL);
	T(raise(SIGUSR1));
	T(kill(getpid(), SIGUSR1));
	T(kill(getpid(), 0));
	T(kill(getpid(), SIGCHLD));
	T(kill(getpid(), SIGWINCH));
	T(sigaction(SIGUSR1, NULL, &old));
	printf("  now ign %d\n", old.sa_handler == SIG_IGN);
	sigset_t s, o;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigaddset(&s, SIGKILL);
	T(sigprocmask(SIG_BLOCK, &s, &o));
	T(sigprocmask(SIG_BLOCK, NULL, &o));
	printf("  usr2 blocked %d kill blocked %d\n", sigismember(&o, SIGUSR2),
	       sigismember(&o, SIGKILL));
	T(raise(SIGUSR2)); /* pending, not delivered */
	T(sigpending(&s));
	printf("  usr2 pending %d\n", sigismember(&s, SIGUSR2));
	sa.sa_handler = SIG_IGN;
	T(sigaction(SIGUSR2, &sa, NULL)); /* ignoring discards it */
	T(sigpending(&s));
	printf("  usr2 pending %d\n", sigismember(&s, SIGUSR2));
	T(sigprocmask(SIG_UNBLOCK, &o, NULL));
	stack_t ss = {.ss_sp = malloc(65536), .ss_size = 65536}, os;
	T(sigaltstack(&ss, &os));
	printf("  old disabled %d\n", os.ss_flags == SS_DISABLE);
	T(sigaltstack(NULL, &os));
	printf("  size %ld flags %d\n", (long)os.ss_size, os.ss_flags);
	ss.ss_size = 100;
	T(sigaltstack(&ss, NULL));

	/* futex: one thread */
	int word = 5;
	T(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0));
	T(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 5, &(struct timespec){0, 1000000}, NULL,
		  0));
	T(syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
	T(syscall(SYS_futex, (char *)&word + 1, FUTEX_WAIT, 5, NULL, NULL, 0));

	T(getpriority(PRIO_PROCESS, 0));
	T(setpriority(PRIO_PROCESS, 0, 5));
	T(getpriority(PRIO_PROCESS, 0));
	T(setpriority(PRIO_PROCESS, 0, 0));

	/* finally: a default-action signal ends us (exit status 128+15) */
	fflush(stdout);
	kill(getpid(), SIGTERM);
	printf("not reached\n");
	return 0;
}
