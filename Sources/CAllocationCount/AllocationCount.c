// Counts allocations by defining malloc, calloc, realloc and the aligned allocators in the
// benchmark's executable: the dynamic linker binds every library's calls (the Swift runtime's
// included) to these, which count and then call glibc's own allocator under its exported __libc_
// names. free is glibc's. The count
// is per thread (initial-exec TLS, which never allocates), so a stage measured on one thread is
// not disturbed by another, and it costs no atomic operation.

#include <errno.h>
#include <stdlib.h>
#include "CAllocationCount.h"

#ifndef __has_feature
#define __has_feature(feature) 0
#endif

#if defined(__linux__) && defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) \
    && !__has_feature(address_sanitizer) && !__has_feature(thread_sanitizer)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static __thread __attribute__((tls_model("initial-exec"))) int64_t allocations;

void *malloc(size_t size) {
    allocations += 1;
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    allocations += 1;
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    allocations += 1;
    return __libc_realloc(pointer, size);
}

// The Swift runtime allocates with posix_memalign what needs more than malloc's alignment.
int posix_memalign(void **pointer, size_t alignment, size_t size) {
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    allocations += 1;
    void *memory = __libc_memalign(alignment, size);
    if (memory == NULL) return ENOMEM;
    *pointer = memory;
    return 0;
}

void *aligned_alloc(size_t alignment, size_t size) {
    allocations += 1;
    return __libc_memalign(alignment, size);
}

void *memalign(size_t alignment, size_t size) {
    allocations += 1;
    return __libc_memalign(alignment, size);
}

int64_t threshold_bench_allocations(void) { return allocations; }

#else

int64_t threshold_bench_allocations(void) { return -1; }

#endif
