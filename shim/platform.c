/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The platform hooks of <mbedtls-openssl-compat/platform.h>: entropy, time
 * and mutexes, wired to mbedTLS where its configuration takes them, and
 * refused (with an error) where it does not. Memory is in mem.c.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/platform.h>
#include <mbedtls/platform_time.h>
#include <mbedtls/platform_util.h>

/* ---- Entropy ----------------------------------------------------------------------- */

#if defined(MBEDTLS_ENTROPY_HARDWARE_ALT)
static openssl_compat_entropy_fn entropy_poll;
static void *entropy_ctx;

/* mbedTLS's hook for a hardware source: the application's function. */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data;
    *olen = 0;
    if (entropy_poll == NULL)
        return -1;
    return entropy_poll(entropy_ctx, output, len, olen) == 0 ? 0 : -1;
}
#endif

SHIM_EXPORT int openssl_compat_set_entropy_source(openssl_compat_entropy_fn poll, void *ctx)
{
#if defined(MBEDTLS_ENTROPY_HARDWARE_ALT)
    SHIM_ENSURE_ARG(poll, ERR_LIB_CRYPTO, 0);
    entropy_poll = poll;
    entropy_ctx = ctx;
    return 1;
#else
    (void)poll;
    (void)ctx;
    /* mbedTLS reads the operating system's source itself. */
    SHIM_ERR(ERR_LIB_CRYPTO, ERR_R_UNSUPPORTED);
    return 0;
#endif
}

#if defined(OPENSSL_COMPAT_INSECURE_TEST_ENTROPY)
/* Predictable "randomness" for an emulator: a test may not have a real
 * source. The build option that brings it is named to be seen, and every
 * program built with it says so when it starts. */
SHIM_EXPORT int openssl_compat_insecure_test_entropy(void *ctx, unsigned char *out, size_t len,
                                                     size_t *olen)
{
    static uint64_t state = 0x9e3779b97f4a7c15u;
    size_t i;

    (void)ctx;
    for (i = 0; i < len; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out[i] = (unsigned char)state;
    }
    *olen = len;
    return 0;
}
#endif

void shim_platform_warn_once(void)
{
#if defined(OPENSSL_COMPAT_INSECURE_TEST_ENTROPY)
    static int warned;

    if (!warned) {
        warned = 1;
        fputs("mbedtls-openssl-compat: WARNING: built with OPENSSL_COMPAT_INSECURE_TEST_ENTROPY; "
              "its keys are predictable. Never use this build in a product.\n",
              stderr);
    }
#endif
}

/* ---- Time ----------------------------------------------------------------------- */

static openssl_compat_time_fn time_source;

#if defined(MBEDTLS_PLATFORM_TIME_ALT)
static mbedtls_time_t time_for_mbedtls(mbedtls_time_t *timer)
{
    mbedtls_time_t now = time_source != NULL ? (mbedtls_time_t)time_source() : (mbedtls_time_t)-1;

    if (timer != NULL)
        *timer = now;
    return now;
}
#endif

#if defined(MBEDTLS_PLATFORM_GMTIME_R_ALT)
/* mbedTLS's broken-down time, for certificate validity: from the time
 * source, refused (so validity fails) without one. */
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf);
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    if (time_source == NULL || *tt < 0)
        return NULL;
    shim_tm_from_seconds((long long)*tt, tm_buf);
    return tm_buf;
}
#endif

#if defined(MBEDTLS_PLATFORM_MS_TIME_ALT)
/* Milliseconds for TLS 1.3 ticket ages: the time source's seconds. */
mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return time_source != NULL ? (mbedtls_ms_time_t)time_source() * 1000 : 0;
}
#endif

SHIM_EXPORT int openssl_compat_set_time_source(openssl_compat_time_fn now)
{
#if defined(MBEDTLS_PLATFORM_TIME_ALT)
    SHIM_ENSURE_ARG(now, ERR_LIB_CRYPTO, 0);
    time_source = now;
    return mbedtls_platform_set_time(time_for_mbedtls) == 0;
#else
    (void)now;
    /* mbedTLS reads the C library's clock itself. */
    SHIM_ERR(ERR_LIB_CRYPTO, ERR_R_UNSUPPORTED);
    return 0;
#endif
}

time_t shim_now(void)
{
    return time_source != NULL ? time_source() : time(NULL);
}

/* ---- Mutexes ------------------------------------------------------------------------ */

SHIM_EXPORT int openssl_compat_set_mutex_functions(void (*init)(void *mutex),
                                                   void (*free_fn)(void *mutex),
                                                   int (*lock)(void *mutex),
                                                   int (*unlock)(void *mutex))
{
#if defined(MBEDTLS_THREADING_ALT)
    SHIM_ENSURE(init != NULL && free_fn != NULL && lock != NULL && unlock != NULL, ERR_LIB_CRYPTO,
                ERR_R_PASSED_NULL_PARAMETER, 0);
    mbedtls_threading_set_alt((void (*)(mbedtls_threading_mutex_t *))init,
                              (void (*)(mbedtls_threading_mutex_t *))free_fn,
                              (int (*)(mbedtls_threading_mutex_t *))lock,
                              (int (*)(mbedtls_threading_mutex_t *))unlock);
    return 1;
#else
    (void)init;
    (void)free_fn;
    (void)lock;
    (void)unlock;
    SHIM_ERR(ERR_LIB_CRYPTO, ERR_R_UNSUPPORTED);
    return 0;
#endif
}
