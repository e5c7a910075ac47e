/* strtod/strtof/strtold/strtol on tricky input: halfway cases between two
 * doubles, long digit strings, hex floats, denormals and underflow to zero,
 * overflow (errno ERANGE), "inf"/"nan(...)" spellings, leading space and
 * trailing junk (end pointer), and integer parsing at the limits. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int main(void)
{
    static const char *s[] = {
        "0", "-0", "1e-400", "2.4703282292062327e-324", "2.4703282292062328e-324", "4.9e-324",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
        "9007199254740993", "9007199254740992.0000000000000000001", "0.1", "  +.5e1xyz", "0x1.8p1",
        "0x1p-1074", "0X.8P-1073", "inf", "-Infinity", "nan", "nan(0x123)", "-nan", "1e", "1e+", ".", "e5",
        "2.2250738585072011e-308", "2.2250738585072012e-308",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "123456789012345678901234567890e-10", "3.4028235677973366e38", "1e-46", "7.0064923216240862e-46",
    };
    for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++) {
        char *end;
        errno = 0;
        double d = strtod(s[i], &end);
        int e1 = errno;
        errno = 0;
        float f = strtof(s[i], NULL);
        int e2 = errno;
        long double ld = strtold(s[i], NULL);
        uint64_t u;
        memcpy(&u, &d, 8);
        printf("%-40s %a (%016llx) used=%d erange=%d | %a erange=%d | %La\n", s[i], d, (unsigned long long)u,
               (int)(end - s[i]), e1 == ERANGE, (double)f, e2 == ERANGE, ld);
    }
    static const char *ints[] = {"9223372036854775807", "9223372036854775808", "-9223372036854775808",
                                 "-9223372036854775809", "0x7fffffff", "0777", "  -12abc", "18446744073709551615",
                                 "18446744073709551616", "-1"};
    for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        errno = 0;
        long l = strtol(ints[i], NULL, 0);
        int e1 = errno;
        errno = 0;
        unsigned long ul = strtoul(ints[i], NULL, 0);
        int e2 = errno;
        printf("%-22s %ld %d %lu %d\n", ints[i], l, e1 == ERANGE, ul, e2 == ERANGE);
    }
    return 0;
}
