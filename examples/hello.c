/* The bundled example: greets its argument and shows a little arithmetic. */
#include <stdio.h>

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv)
{
	printf("hello, %s!\n", argc > 1 ? argv[1] : "friscy");
	printf("fib(30) = %lu, pi ~ %.6f\n", fib(30), 355.0 / 113.0);
	return 0;
}
