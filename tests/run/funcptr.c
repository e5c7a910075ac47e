/* Indirect calls: a table of function pointers with different arities and
 * float/int argument mixes, pointers returned from functions, callbacks
 * passed through several levels, and a struct "vtable". */
#include <stdio.h>

typedef long (*binop)(long, long);
static long add(long a, long b) { return a + b; }
static long sub(long a, long b) { return a - b; }
static long mul(long a, long b) { return a * b; }
static long mxx(long a, long b) { return a > b ? a : b; }
static long shl(long a, long b) { return (long)((unsigned long)a << (b & 15)); }
static const binop ops[] = {add, sub, mul, mxx, shl};

static double scale(double x, int k, float f) { return x * k + f; }
static double (*pick(int i))(double, int, float) { return i ? scale : 0; }

static binop choose(const char *name)
{
    static const struct { const char *n; binop f; } tab[] = {{"add", add}, {"sub", sub}, {"mul", mul}};
    for (unsigned i = 0; i < 3; i++)
        if (name[0] == tab[i].n[0] && name[1] == tab[i].n[1])
            return tab[i].f;
    return mxx;
}

static long fold(const long *v, int n, binop f, long init)
{
    for (int i = 0; i < n; i++)
        init = f(init, v[i]);
    return init;
}

static long apply_twice(binop f, long (*g)(const long *, int, binop, long), const long *v, int n)
{
    return g(v, n, f, g(v, n, f, 1));
}

struct shape;
struct shape_ops { double (*area)(const struct shape *); const char *(*name)(void); };
struct shape { const struct shape_ops *ops; double a, b; };
static double rect_area(const struct shape *s) { return s->a * s->b; }
static double tri_area(const struct shape *s) { return s->a * s->b / 2; }
static const char *rect_name(void) { return "rect"; }
static const char *tri_name(void) { return "tri"; }
static const struct shape_ops rect_ops = {rect_area, rect_name}, tri_ops = {tri_area, tri_name};

int main(void)
{
    long v[] = {3, -4, 5, 9, 2, 7};
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
        printf("op%u: fold=%ld twice=%ld\n", i, fold(v, 6, ops[i], 0), apply_twice(ops[i], fold, v, 6));
    printf("choose: %ld %ld %ld %ld\n", choose("add")(2, 3), choose("sub")(2, 3), choose("mul")(2, 3),
           choose("zzz")(2, 3));
    double (*s)(double, int, float) = pick(1);
    printf("scale=%g null=%d\n", s(1.5, 3, 0.25f), pick(0) == 0);
    struct shape shapes[] = {{&rect_ops, 3, 4}, {&tri_ops, 3, 4}, {&rect_ops, 0.5, 0.5}};
    double total = 0;
    for (int i = 0; i < 3; i++) {
        printf("%s %g\n", shapes[i].ops->name(), shapes[i].ops->area(&shapes[i]));
        total += shapes[i].ops->area(&shapes[i]);
    }
    /* a volatile pointer so gcc cannot devirtualise */
    binop volatile vp = mul;
    long acc = 1;
    for (int i = 1; i < 20; i++)
        acc = vp(acc, i) % 1000003;
    printf("total=%g acc=%ld\n", total, acc);
    return 0;
}
