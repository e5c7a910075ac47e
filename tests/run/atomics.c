/* C11 atomics on 8/16/32/64-bit objects: fetch_add/sub/and/or/xor, exchange,
 * compare_exchange (strong and weak retry loops), atomic_flag test_and_set,
 * and different memory orders. 8/16-bit ones become masked lr/sc loops. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

static _Atomic uint8_t a8 = 250;
static _Atomic uint16_t a16 = 65530;
static _Atomic uint32_t a32 = 0xfffffff0u;
static _Atomic int64_t a64 = -5;
static atomic_flag flag = ATOMIC_FLAG_INIT;
static _Atomic(void *) aptr;

/* a lock-free "max" using a weak CAS loop */
static int64_t atomic_max(_Atomic int64_t *p, int64_t v)
{
    int64_t cur = atomic_load_explicit(p, memory_order_relaxed);
    while (cur < v && !atomic_compare_exchange_weak_explicit(p, &cur, v, memory_order_acq_rel, memory_order_relaxed))
        ;
    return cur;
}

int main(void)
{
    for (int i = 0; i < 10; i++) {
        uint8_t o8 = atomic_fetch_add(&a8, 3);
        uint16_t o16 = atomic_fetch_add_explicit(&a16, 2, memory_order_relaxed);
        uint32_t o32 = atomic_fetch_add(&a32, 5);
        int64_t o64 = atomic_fetch_sub(&a64, 1000000000000LL);
        printf("%u %u %u %lld\n", o8, o16, o32, (long long)o64);
    }
    printf("and %x or %x xor %x\n", atomic_fetch_and(&a32, 0xf0f0f0f0u), atomic_fetch_or(&a32, 0x1u),
           atomic_fetch_xor(&a32, 0xffffu));
    printf("and8 %x or16 %x xor8 %x\n", atomic_fetch_and(&a8, 0x3c), atomic_fetch_or(&a16, 0x8001),
           atomic_fetch_xor(&a8, 0xff));
    printf("now %x %x %x %lld\n", atomic_load(&a8), atomic_load(&a16), atomic_load(&a32), (long long)atomic_load(&a64));
    printf("xchg %lld %u %u\n", (long long)atomic_exchange(&a64, 42), atomic_exchange(&a16, 7), atomic_exchange(&a8, 9));

    /* strong CAS: one failure (expected updated), one success */
    uint32_t exp = 1;
    int ok = atomic_compare_exchange_strong(&a32, &exp, 2);
    printf("cas1 ok=%d exp=%x\n", ok, exp);
    ok = atomic_compare_exchange_strong(&a32, &exp, 0x12345678);
    printf("cas2 ok=%d val=%x\n", ok, atomic_load(&a32));
    uint16_t e16 = 7;
    ok = atomic_compare_exchange_strong(&a16, &e16, 0xbeef);
    uint8_t e8 = 10;
    int ok8 = atomic_compare_exchange_strong(&a8, &e8, 0);
    printf("cas16 ok=%d val=%x cas8 ok=%d exp=%u\n", ok, atomic_load(&a16), ok8, e8);

    static int64_t data[] = {3, -9, 77, 12, 1000, -4, 999};
    for (unsigned i = 0; i < sizeof data / sizeof data[0]; i++)
        atomic_max(&a64, data[i]);
    printf("max=%lld\n", (long long)atomic_load(&a64));

    printf("flag %d %d", atomic_flag_test_and_set(&flag), atomic_flag_test_and_set(&flag));
    atomic_flag_clear(&flag);
    printf(" %d\n", atomic_flag_test_and_set(&flag));

    int target = 5;
    void *expected = NULL;
    printf("ptr cas %d %d\n", atomic_compare_exchange_strong(&aptr, &expected, &target),
           *(int *)atomic_load(&aptr));
    atomic_thread_fence(memory_order_seq_cst);

    /* a simple spin lock protecting a counter, used single-threaded */
    static atomic_int lock;
    long counter = 0;
    for (int i = 0; i < 1000; i++) {
        int z = 0;
        while (!atomic_compare_exchange_weak_explicit(&lock, &z, 1, memory_order_acquire, memory_order_relaxed))
            z = 0;
        counter += i;
        atomic_store_explicit(&lock, 0, memory_order_release);
    }
    printf("counter=%ld lockfree64=%d\n", counter, (int)atomic_is_lock_free(&a64));
    return 0;
}
