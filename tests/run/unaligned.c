/* Unaligned memory access: loads and stores of 2/4/8-byte values at every
 * offset through memcpy (which gcc turns into plain lh/lw/ld or byte
 * sequences), packed structs, and a little-endian byte-level check. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct __attribute__((packed)) hdr {
    uint8_t kind;
    uint32_t len;
    uint16_t port;
    uint64_t stamp;
    int32_t delta;
    double value;
};

static uint64_t ld64(const void *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t ld32(const void *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t ld16(const void *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static void st64(void *p, uint64_t v) { memcpy(p, &v, 8); }
static void st32(void *p, uint32_t v) { memcpy(p, &v, 4); }

int main(void)
{
    static unsigned char buf[64];
    for (int i = 0; i < 64; i++) buf[i] = (unsigned char)(i * 17 + 3);
    uint64_t h = 0;
    for (int off = 0; off < 16; off++)
        h = h * 31 + ld64(buf + off) + ld32(buf + off + 1) * 3 + ld16(buf + off + 3);
    printf("loads h=%016llx first=%016llx\n", (unsigned long long)h, (unsigned long long)ld64(buf + 1));
    for (int off = 0; off < 8; off++) {
        st64(buf + 9 + off, 0x0102030405060708ULL * (off + 1));
        st32(buf + 40 + off, 0xa1b2c3d4u + off);
    }
    for (int i = 0; i < 64; i++) printf("%02x%s", buf[i], i % 32 == 31 ? "\n" : "");
    struct hdr hd[3];
    unsigned char *raw = (unsigned char *)hd;
    for (size_t i = 0; i < sizeof hd; i++) raw[i] = (unsigned char)i;
    printf("sizeof=%zu kind=%u len=%08x port=%04x stamp=%016llx delta=%d\n", sizeof(struct hdr), hd[1].kind,
           hd[1].len, hd[1].port, (unsigned long long)hd[1].stamp, hd[1].delta);
    hd[2].value = -1.0 / 3;
    hd[2].stamp += 0x1111;
    hd[0].len = 0xdeadbeef;
    double vv = hd[2].value * 3;
    printf("value=%.17g stamp=%016llx len=%x byte1=%02x\n", vv, (unsigned long long)hd[2].stamp, hd[0].len, raw[1]);
    /* misaligned double via memcpy */
    double d = 3.25, back;
    memcpy(buf + 3, &d, 8);
    memcpy(&back, buf + 3, 8);
    printf("double back=%g\n", back);
    return 0;
}
