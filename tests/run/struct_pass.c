/* Structs by value under the LP64D calling convention: small integer structs
 * in a0/a1, structs of one or two floats/doubles in FP registers (the hard-
 * float flattening rule), mixed int+double, large structs passed by reference
 * and returned through a hidden pointer, and structs in varargs-free chains. */
#include <stdint.h>
#include <stdio.h>

struct pair { int32_t a, b; };
struct wide { int64_t a, b; };
struct dd { double x, y; };
struct fi { float f; int32_t i; };
struct df { double d; float f; };
struct big { int64_t v[9]; char tag[16]; };
struct tiny { char c; short s; };

__attribute__((noinline)) static struct pair swap(struct pair p) { return (struct pair){p.b, p.a}; }
__attribute__((noinline)) static struct wide addw(struct wide x, struct wide y) { return (struct wide){x.a + y.a, x.b - y.b}; }
__attribute__((noinline)) static struct dd rot90(struct dd p) { return (struct dd){-p.y, p.x}; }
__attribute__((noinline)) static struct fi mix(struct fi a, float k) { return (struct fi){a.f * k, a.i + (int)k}; }
__attribute__((noinline)) static struct df mixd(struct df a, struct df b) { return (struct df){a.d + b.d, a.f * b.f}; }
__attribute__((noinline)) static struct tiny bump(struct tiny t) { t.c++; t.s *= 3; return t; }

__attribute__((noinline)) static struct big make_big(int seed)
{
    struct big b;
    for (int i = 0; i < 9; i++) b.v[i] = (int64_t)seed * (i + 1) - 40;
    snprintf(b.tag, sizeof b.tag, "big#%d", seed);
    return b;
}

__attribute__((noinline)) static int64_t sum_big(struct big b, struct big c)
{
    int64_t s = 0;
    for (int i = 0; i < 9; i++) s += b.v[i] * 2 - c.v[i];
    b.v[0] = 999; /* the callee's copy: the caller's struct must not change */
    return s + b.tag[4] + c.tag[4];
}

/* many struct arguments so some go on the stack */
__attribute__((noinline)) static double many(struct dd a, struct dd b, struct dd c, struct dd d, struct dd e,
                                             struct pair p, struct wide w, struct fi f, struct tiny t)
{
    return a.x + b.y * 2 + c.x * 3 + d.y * 4 + e.x * 5 + e.y + p.a - p.b + (double)(w.a - w.b) + f.f + f.i + t.c + t.s;
}

int main(void)
{
    struct pair p = swap((struct pair){3, -9});
    struct wide w = addw((struct wide){INT64_MAX - 5, 10}, (struct wide){5, 20});
    struct dd d = rot90((struct dd){1.25, -2.5});
    struct fi f = mix((struct fi){1.5f, 7}, 4.0f);
    struct df g = mixd((struct df){0.5, 3.0f}, (struct df){0.25, -2.0f});
    struct tiny t = bump((struct tiny){'a', -1000});
    printf("%d %d | %lld %lld | %g %g | %g %d | %g %g | %c %d\n", p.a, p.b, (long long)w.a, (long long)w.b, d.x,
           d.y, (double)f.f, f.i, g.d, (double)g.f, t.c, t.s);
    struct big b1 = make_big(3), b2 = make_big(-7);
    printf("%s %s %lld v0=%lld\n", b1.tag, b2.tag, (long long)sum_big(b1, b2), (long long)b1.v[0]);
    printf("many=%g\n", many((struct dd){1, 2}, (struct dd){3, 4}, (struct dd){5, 6}, (struct dd){7, 8},
                             (struct dd){9, 10}, (struct pair){11, 12}, (struct wide){13, 14},
                             (struct fi){15.5f, 16}, (struct tiny){17, 18}));
    struct big arr[3];
    for (int i = 0; i < 3; i++) arr[i] = make_big(i + 100);
    struct big copy = arr[1];
    copy.v[8] = 0;
    printf("%lld %lld %s\n", (long long)arr[1].v[8], (long long)copy.v[8], copy.tag);
    return 0;
}
