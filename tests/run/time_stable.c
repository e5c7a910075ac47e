/* Time functions whose results do not depend on when the program runs:
 * gmtime/timegm/strftime of fixed timestamps, mktime with TZ=UTC set by the
 * program itself, difftime, and clock_gettime only checked for monotonicity
 * (its value is never printed, and nothing branches on it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
    static const time_t stamps[] = {0, 951782400, 1234567890, 2147483647, 2147483648LL, 4102444800LL, -86400};
    char buf[128];
    for (unsigned i = 0; i < sizeof stamps / sizeof stamps[0]; i++) {
        struct tm tm;
        gmtime_r(&stamps[i], &tm);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j %U %u", &tm);
        printf("%lld -> %s yday=%d wday=%d back=%lld\n", (long long)stamps[i], buf, tm.tm_yday, tm.tm_wday,
               (long long)timegm(&tm));
    }
    struct tm t = {0};
    t.tm_year = 2024 - 1900; t.tm_mon = 1; t.tm_mday = 29; t.tm_hour = 12; t.tm_min = 30; t.tm_sec = 15;
    time_t m = mktime(&t);
    printf("mktime=%lld wday=%d yday=%d\n", (long long)m, t.tm_wday, t.tm_yday);
    t.tm_mday += 400; /* normalisation */
    m = mktime(&t);
    strftime(buf, sizeof buf, "%F %T", &t);
    printf("normalised=%s (%lld)\n", buf, (long long)m);
    printf("difftime=%g\n", difftime(1234567890, 951782400));
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    volatile unsigned long spin = 0;
    for (int i = 0; i < 100000; i++) spin += i;
    clock_gettime(CLOCK_MONOTONIC, &b);
    /* No branch on the clock's values: the run suite checks that translated
     * code and the interpreter retire as many instructions, and a || that
     * short-circuits only when the two reads straddle a second changes the
     * count (seen in CI, once). */
    long long d = (long long)(b.tv_sec - a.tv_sec) * 1000000000 + (b.tv_nsec - a.tv_nsec);
    int mono = d >= 0;
    int range = (unsigned long)b.tv_nsec < 1000000000ul;
    printf("monotonic=%d nsec_range=%d\n", mono, range);
    time_t now = time(NULL);
    printf("now after 2020=%d\n", now > 1577836800);
    return 0;
}
