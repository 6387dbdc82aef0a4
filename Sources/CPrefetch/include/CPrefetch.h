#ifndef MT2ST_CPREFETCH_H
#define MT2ST_CPREFETCH_H
#include <stddef.h>

/// Asks the CPU to start loading `bytes` bytes at `p` into the cache for writing (one prefetch
/// per 64-byte line). A hint only: it never faults and changes no value. Swift has no prefetch
/// intrinsic, hence this header.
static inline void mt2st_prefetch_lines(const void *p, size_t bytes) {
    const char *c = (const char *)p;
    for (size_t i = 0; i < bytes; i += 64) __builtin_prefetch(c + i, 1, 3);
}

#endif
