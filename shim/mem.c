/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Where the library's memory comes from: the C library (the default), the
 * application's CRYPTO_set_mem_functions, or mbedTLS's platform allocator
 * (which a static pool can back on a device without a heap). Chosen before
 * the first allocation and fixed from then on, as OpenSSL requires.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform.h>
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#include <mbedtls/memory_buffer_alloc.h>
#endif

static CRYPTO_malloc_fn user_malloc;
static CRYPTO_realloc_fn user_realloc;
static CRYPTO_free_fn user_free;
static int use_mbedtls_allocator;
static int allocations_started;

/* mbedTLS's allocator has no realloc: a header keeps each block's size. */
union block_header {
    size_t size;
    long double align_ld;
    void *align_p;
    long long align_ll;
};

/* The C library's or mbedTLS's allocator is in use: too late to change.
 * (With the application's functions in place OpenSSL lets them be replaced
 * later; so does this library.) */
void shim_mem_started(void)
{
    if (user_malloc == NULL)
        __atomic_store_n(&allocations_started, 1, __ATOMIC_RELAXED);
}

void *shim_malloc_at(size_t n, const char *file, int line)
{
    union block_header *h;

    if (user_malloc != NULL)
        return user_malloc(n, file, line);
    shim_mem_started();
    if (!use_mbedtls_allocator)
        return malloc(n);
    if (n > SIZE_MAX - sizeof(*h))
        return NULL;
    h = mbedtls_calloc(1, sizeof(*h) + n);
    if (h == NULL)
        return NULL;
    h->size = n;
    return h + 1;
}

void *shim_calloc_at(size_t count, size_t size, const char *file, int line)
{
    void *p;

    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    p = shim_malloc_at(count * size, file, line);
    if (p != NULL)
        memset(p, 0, count * size);
    return p;
}

void *shim_realloc_at(void *p, size_t n, const char *file, int line)
{
    union block_header *old;
    void *grown;

    if (user_realloc != NULL)
        return user_realloc(p, n, file, line);
    shim_mem_started();
    if (!use_mbedtls_allocator)
        return realloc(p, n);
    if (p == NULL)
        return shim_malloc_at(n, file, line);
    old = (union block_header *)p - 1;
    grown = shim_malloc_at(n, file, line);
    if (grown == NULL)
        return NULL;
    memcpy(grown, p, old->size < n ? old->size : n);
    mbedtls_free(old);
    return grown;
}

void shim_free_at(void *p, const char *file, int line)
{
    if (p == NULL)
        return;
    if (user_free != NULL)
        user_free(p, file, line);
    else if (use_mbedtls_allocator)
        mbedtls_free((union block_header *)p - 1);
    else
        free(p);
}

#if defined(MBEDTLS_PLATFORM_MEMORY) && \
    !(defined(MBEDTLS_PLATFORM_FREE_MACRO) && defined(MBEDTLS_PLATFORM_CALLOC_MACRO))
#define SHIM_CAN_ROUTE_MBEDTLS 1
/* mbedTLS's own allocations, through the application's functions too. */
static void *mbedtls_calloc_by_user(size_t count, size_t size)
{
    void *p;

    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    p = user_malloc(count * size, __FILE__, __LINE__);
    if (p != NULL)
        memset(p, 0, count * size);
    return p;
}

static void mbedtls_free_by_user(void *p)
{
    if (p != NULL)
        user_free(p, __FILE__, __LINE__);
}
#else
#define SHIM_CAN_ROUTE_MBEDTLS 0
#endif

SHIM_EXPORT int CRYPTO_set_mem_functions(CRYPTO_malloc_fn malloc_fn, CRYPTO_realloc_fn realloc_fn,
                                         CRYPTO_free_fn free_fn)
{
    /* Too late once anything was allocated, as in OpenSSL. */
    if (__atomic_load_n(&allocations_started, __ATOMIC_RELAXED))
        return 0;
    if (malloc_fn == NULL || realloc_fn == NULL || free_fn == NULL)
        return 0;
    user_malloc = malloc_fn;
    user_realloc = realloc_fn;
    user_free = free_fn;
#if SHIM_CAN_ROUTE_MBEDTLS
    mbedtls_platform_set_calloc_free(mbedtls_calloc_by_user, mbedtls_free_by_user);
#endif
    return 1;
}

SHIM_EXPORT void CRYPTO_get_mem_functions(CRYPTO_malloc_fn *malloc_fn,
                                          CRYPTO_realloc_fn *realloc_fn, CRYPTO_free_fn *free_fn)
{
    if (malloc_fn != NULL)
        *malloc_fn = user_malloc;
    if (realloc_fn != NULL)
        *realloc_fn = user_realloc;
    if (free_fn != NULL)
        *free_fn = user_free;
}

SHIM_EXPORT int openssl_compat_use_mbedtls_allocator(void)
{
    if (__atomic_load_n(&allocations_started, __ATOMIC_RELAXED) || user_malloc != NULL)
        return 0;
    use_mbedtls_allocator = 1;
    return 1;
}

SHIM_EXPORT int openssl_compat_use_static_pool(unsigned char *pool, size_t size)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    if (pool == NULL || !openssl_compat_use_mbedtls_allocator())
        return 0;
    mbedtls_memory_buffer_alloc_init(pool, size);
    return 1;
#else
    (void)pool;
    (void)size;
    SHIM_ERR(ERR_LIB_CRYPTO, ERR_R_UNSUPPORTED);
    return 0;
#endif
}
