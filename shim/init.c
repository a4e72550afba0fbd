/* SPDX-License-Identifier: Apache-2.0 */
/* Library initialisation and the CRYPTO_* memory functions. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform_util.h>
#include <mbedtls/version.h>
#include <psa/crypto.h>

int shim_library_init(void)
{
    /* Headers and library must agree: struct layouts depend on it. */
    SHIM_ENSURE(mbedtls_version_get_number() == MBEDTLS_VERSION_NUMBER, ERR_LIB_SSL,
                ERR_R_INIT_FAIL, 0);
    shim_platform_warn_once();
    /* mbedTLS allocates from here on: the allocator is fixed. */
    shim_mem_started();
    /* Thread-safe and idempotent in mbedTLS 3.6 with MBEDTLS_THREADING_C;
     * it seeds the RNG that every connection uses. */
    SHIM_ENSURE(psa_crypto_init() == PSA_SUCCESS, ERR_LIB_SSL, ERR_R_INIT_FAIL, 0);
    return 1;
}

/* String loading, configuration files and algorithm tables need no work:
 * the strings are built in and mbedTLS registers its algorithms itself.
 * What remains is the RNG, which every option shares. */
SHIM_EXPORT int OPENSSL_init_ssl(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)
{
    (void)opts;
    (void)settings;
    return shim_library_init();
}

SHIM_EXPORT int OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)
{
    (void)opts;
    (void)settings;
    return shim_library_init();
}

SHIM_EXPORT void OPENSSL_cleanup(void)
{
    mbedtls_psa_crypto_free();
}

SHIM_EXPORT void *CRYPTO_malloc(size_t num, const char *file, int line)
{
    void *p;

    if (num == 0)
        return NULL;
    p = shim_malloc_at(num, file, line);
    SHIM_ENSURE(p != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, NULL);
    return p;
}

SHIM_EXPORT void *CRYPTO_zalloc(size_t num, const char *file, int line)
{
    void *p = CRYPTO_malloc(num, file, line);

    if (p != NULL)
        memset(p, 0, num);
    return p;
}

SHIM_EXPORT void CRYPTO_free(void *ptr, const char *file, int line)
{
    shim_free_at(ptr, file, line);
}

SHIM_EXPORT void *CRYPTO_realloc(void *addr, size_t num, const char *file, int line)
{
    void *p;

    if (num == 0) {
        shim_free_at(addr, file, line);
        return NULL;
    }
    p = shim_realloc_at(addr, num, file, line);
    SHIM_ENSURE(p != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, NULL);
    return p;
}

SHIM_EXPORT void CRYPTO_clear_free(void *ptr, size_t num, const char *file, int line)
{
    if (ptr == NULL)
        return;
    mbedtls_platform_zeroize(ptr, num);
    shim_free_at(ptr, file, line);
}

void shim_wipe_free(void *p, size_t len)
{
    if (p == NULL)
        return;
    mbedtls_platform_zeroize(p, len);
    shim_free(p);
}

int shim_replace_string(char **field, const char *value)
{
    char *copy = NULL;

    if (value != NULL) {
        size_t len = strlen(value) + 1;

        copy = shim_malloc(len);
        SHIM_ENSURE(copy != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, 0);
        memcpy(copy, value, len);
    }
    shim_free(*field);
    *field = copy;
    return 1;
}

SHIM_EXPORT char *CRYPTO_strdup(const char *str, const char *file, int line)
{
    size_t len;
    char *copy;

    if (str == NULL)
        return NULL;
    len = strlen(str) + 1;
    copy = CRYPTO_malloc(len, file, line);
    if (copy != NULL)
        memcpy(copy, str, len);
    return copy;
}
