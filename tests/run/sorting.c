/* Sorting algorithms written out (insertion, shell, heap, merge, quick with
 * median-of-three, radix on uint32) over the same pseudo-random data; every
 * result must be sorted and equal, reported by checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 3000 };

static void insertion(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static void shell(int32_t *a, int n)
{
    for (int gap = n / 2; gap > 0; gap /= 2)
        for (int i = gap; i < n; i++) {
            int32_t v = a[i];
            int j = i;
            for (; j >= gap && a[j - gap] > v; j -= gap) a[j] = a[j - gap];
            a[j] = v;
        }
}

static void sift(int32_t *a, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, sw = root;
        if (a[sw] < a[child]) sw = child;
        if (child + 1 <= end && a[sw] < a[child + 1]) sw = child + 1;
        if (sw == root) return;
        int32_t t = a[root]; a[root] = a[sw]; a[sw] = t;
        root = sw;
    }
}

static void heap(int32_t *a, int n)
{
    for (int s = (n - 2) / 2; s >= 0; s--) sift(a, s, n - 1);
    for (int e = n - 1; e > 0; e--) {
        int32_t t = a[e]; a[e] = a[0]; a[0] = t;
        sift(a, 0, e - 1);
    }
}

static void merge_rec(int32_t *a, int32_t *tmp, int lo, int hi)
{
    if (hi - lo < 2) return;
    int mid = lo + (hi - lo) / 2;
    merge_rec(a, tmp, lo, mid);
    merge_rec(a, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
}

static void quick(int32_t *a, int lo, int hi)
{
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int32_t x = a[lo], y = a[mid], z = a[hi];
        int32_t p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quick(a, lo, j); lo = i; }
        else { quick(a, i, hi); hi = j; }
    }
}

static void radix(int32_t *a, int n)
{
    uint32_t *u = malloc(n * sizeof *u), *t = malloc(n * sizeof *t);
    for (int i = 0; i < n; i++) u[i] = (uint32_t)a[i] ^ 0x80000000u;
    for (int shift = 0; shift < 32; shift += 8) {
        int cnt[257] = {0};
        for (int i = 0; i < n; i++) cnt[((u[i] >> shift) & 255) + 1]++;
        for (int i = 0; i < 256; i++) cnt[i + 1] += cnt[i];
        for (int i = 0; i < n; i++) t[cnt[(u[i] >> shift) & 255]++] = u[i];
        uint32_t *s = u; u = t; t = s;
    }
    for (int i = 0; i < n; i++) a[i] = (int32_t)(u[i] ^ 0x80000000u);
    free(u);
    free(t);
}

static uint64_t check(const int32_t *a, int n, int *sorted)
{
    uint64_t h = 14695981039346656037ULL;
    *sorted = 1;
    for (int i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i]) *sorted = 0;
        h = (h ^ (uint32_t)a[i]) * 1099511628211ULL;
    }
    return h;
}

int main(void)
{
    static int32_t orig[N], a[N], tmp[N];
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < N; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        orig[i] = (int32_t)(x >> 32) / ((i % 5) + 1);
    }
    const char *names[] = {"insertion", "shell", "heap", "merge", "quick", "radix"};
    uint64_t first = 0;
    int bad = 0;
    for (int alg = 0; alg < 6; alg++) {
        memcpy(a, orig, sizeof a);
        switch (alg) {
        case 0: insertion(a, N); break;
        case 1: shell(a, N); break;
        case 2: heap(a, N); break;
        case 3: merge_rec(a, tmp, 0, N); break;
        case 4: quick(a, 0, N - 1); break;
        case 5: radix(a, N); break;
        }
        int sorted;
        uint64_t h = check(a, N, &sorted);
        if (alg == 0) first = h;
        bad += !sorted || h != first;
        printf("%-9s sorted=%d hash=%016llx min=%d max=%d median=%d\n", names[alg], sorted, (unsigned long long)h,
               a[0], a[N - 1], a[N / 2]);
    }
    return bad;
}
