// The benchmark's allocation counter: the calls to the allocator a thread makes, for
// threshold-bench --pieces. Linked into the benchmark only, never into ThresholdKit or threshold.
#ifndef THRESHOLD_ALLOCATION_COUNT_H
#define THRESHOLD_ALLOCATION_COUNT_H

#include <stdint.h>

/// The calls to malloc, calloc, realloc, posix_memalign, aligned_alloc and memalign the calling
/// thread has made since it started, or -1 where this build does not count them (not Linux with
/// glibc, or built with a sanitizer, which has its own allocator).
int64_t threshold_bench_allocations(void);

#endif
