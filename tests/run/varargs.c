/* Variadic functions: an own printf-like formatter walking a va_list,
 * passing a va_list down to a helper (by pointer and by value after va_copy),
 * doubles in varargs (passed in integer registers by the RISC-V LP64D ABI),
 * many arguments spilling to the stack, and vsnprintf. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char out[4096];
static size_t pos;

static void put(char c) { if (pos < sizeof out - 1) out[pos++] = c; }
static void puts_(const char *s) { while (*s) put(*s++); }
static void putu(unsigned long long v, unsigned base)
{
    char b[32];
    int n = 0;
    do { b[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    while (n) put(b[--n]);
}

/* takes the va_list by pointer so the caller's list advances */
static void fmt_one(char c, va_list *ap)
{
    switch (c) {
    case 'd': { long long v = va_arg(*ap, int); if (v < 0) { put('-'); v = -v; } putu((unsigned long long)v, 10); break; }
    case 'l': { long long v = va_arg(*ap, long long); if (v < 0) { put('-'); v = -v; } putu((unsigned long long)v, 10); break; }
    case 'x': putu(va_arg(*ap, unsigned), 16); break;
    case 's': puts_(va_arg(*ap, const char *)); break;
    case 'c': put((char)va_arg(*ap, int)); break;
    case 'f': { double d = va_arg(*ap, double); if (d < 0) { put('-'); d = -d; }
                unsigned long long ip = (unsigned long long)d; putu(ip, 10); put('.');
                putu((unsigned long long)((d - (double)ip) * 1000 + 0.5), 10); break; }
    default: put('?');
    }
}

static void my_vprintf(const char *f, va_list ap)
{
    for (; *f; f++) {
        if (*f != '%') { put(*f); continue; }
        f++;
        fmt_one(*f, &ap);
    }
}

static void my_printf(const char *f, ...)
{
    va_list ap, copy;
    va_start(ap, f);
    va_copy(copy, ap);
    my_vprintf(f, ap);
    puts_(" || again: ");
    my_vprintf(f, copy);
    put('\n');
    va_end(copy);
    va_end(ap);
}

static double sum_doubles(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, double) * (i + 1);
    va_end(ap);
    return s;
}

static long mixed(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++) {
        if (i % 3 == 0) s += va_arg(ap, int);
        else if (i % 3 == 1) s += (long)(va_arg(ap, double) * 10);
        else s += va_arg(ap, long) * 3;
    }
    va_end(ap);
    return s;
}

static int wrap(char *buf, size_t n, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int r = vsnprintf(buf, n, f, ap);
    va_end(ap);
    return r;
}

int main(void)
{
    my_printf("int %d neg %d long %l hex %x str %s chr %c dbl %f", 42, -7, -123456789012LL, 0xbeefu, "hi", 'Z', -2.125);
    my_printf("%d%d%d%d%d%d%d%d%d%d%d%d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    fputs(out, stdout);
    printf("sum_doubles=%g\n", sum_doubles(10, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5));
    printf("mixed=%ld\n", mixed(9, 1, 2.5, 3L, 4, 5.5, 6L, 7, 8.75, 9L));
    char buf[16];
    int r = wrap(buf, sizeof buf, "%s-%d-%.3f-%x", "truncated string", 12345, 3.14159, 0xabcdefu);
    printf("vsnprintf=%d buf=[%s]\n", r, buf);
    return (int)(strlen(out) % 256);
}
