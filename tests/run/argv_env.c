/* argv and the environment: prints argc/argv (run with the fixed arguments in
 * argv_env.args; argv[0] is not printed as it names the binary), then sets,
 * reads, overwrites and unsets its own variables with setenv/getenv/putenv/
 * unsetenv. It never prints the host environment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "not null");
    setenv("FRISCY_TEST_A", "alpha", 1);
    setenv("FRISCY_TEST_B", "beta=with=equals", 1);
    printf("A=%s B=%s\n", getenv("FRISCY_TEST_A"), getenv("FRISCY_TEST_B"));
    setenv("FRISCY_TEST_A", "not-replaced", 0);
    printf("A=%s\n", getenv("FRISCY_TEST_A"));
    setenv("FRISCY_TEST_A", "replaced", 1);
    printf("A=%s\n", getenv("FRISCY_TEST_A"));
    static char kv[] = "FRISCY_TEST_C=gamma";
    putenv(kv);
    printf("C=%s\n", getenv("FRISCY_TEST_C"));
    unsetenv("FRISCY_TEST_B");
    printf("B=%s\n", getenv("FRISCY_TEST_B") ? getenv("FRISCY_TEST_B") : "(unset)");
    printf("missing=%s\n", getenv("FRISCY_SURELY_NOT_SET_ANYWHERE") ? "set" : "(unset)");
    int total = 0;
    for (int i = 1; i < argc; i++) total += atoi(argv[i]);
    return total & 0xff;
}
