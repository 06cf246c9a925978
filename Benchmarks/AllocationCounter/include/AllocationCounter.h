#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// The number of heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc,
/// memalign) this process has made so far, or -1 where they cannot be counted (C libraries
/// other than glibc).
long cxm_allocation_count(void);

#endif
