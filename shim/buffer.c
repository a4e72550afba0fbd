/* SPDX-License-Identifier: Apache-2.0 */
/* BUF_MEM: a growable byte buffer, as memory BIOs expose it. */
#include "internal.h"

#include <openssl/buffer.h>

#include <stdlib.h>
#include <string.h>

#include <mbedtls/platform_util.h>

SHIM_EXPORT BUF_MEM *BUF_MEM_new_ex(unsigned long flags)
{
    BUF_MEM *b = shim_calloc(1, sizeof(*b));

    SHIM_ENSURE(b != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, NULL);
    b->flags = flags;
    return b;
}

SHIM_EXPORT BUF_MEM *BUF_MEM_new(void)
{
    return BUF_MEM_new_ex(0);
}

SHIM_EXPORT void BUF_MEM_free(BUF_MEM *a)
{
    if (a == NULL)
        return;
    if (a->data != NULL) {
        if (a->flags & BUF_MEM_FLAG_SECURE)
            mbedtls_platform_zeroize(a->data, a->max);
        shim_free(a->data);
    }
    shim_free(a);
}

/* Sets the length to len, growing the allocation as needed; new bytes are
 * zeroed when clean is set. Returns len, or 0 on failure. */
static size_t buf_mem_resize(BUF_MEM *str, size_t len, int clean)
{
    char *grown;
    size_t cap;

    SHIM_ENSURE_ARG(str, ERR_LIB_CRYPTO, 0);
    if (len <= str->max) {
        if (len > str->length)
            memset(str->data + str->length, 0, len - str->length);
        else if (clean && str->data != NULL)
            mbedtls_platform_zeroize(str->data + len, str->length - len);
        str->length = len;
        return len;
    }
    SHIM_ENSURE(len <= SIZE_MAX / 4 * 3, ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT, 0);
    cap = (len + 3) / 3 * 4;
    if (clean || (str->flags & BUF_MEM_FLAG_SECURE)) {
        /* Copy, then wipe the old block: shim_realloc() would free it unwiped. */
        grown = shim_malloc(cap);
        SHIM_ENSURE(grown != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, 0);
        if (str->data != NULL) {
            memcpy(grown, str->data, str->length);
            mbedtls_platform_zeroize(str->data, str->max);
            shim_free(str->data);
        }
    } else {
        grown = shim_realloc(str->data, cap);
        SHIM_ENSURE(grown != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, 0);
    }
    memset(grown + str->length, 0, len - str->length);
    str->data = grown;
    str->max = cap;
    str->length = len;
    return len;
}

SHIM_EXPORT size_t BUF_MEM_grow(BUF_MEM *str, size_t len)
{
    return buf_mem_resize(str, len, 0);
}

SHIM_EXPORT size_t BUF_MEM_grow_clean(BUF_MEM *str, size_t len)
{
    return buf_mem_resize(str, len, 1);
}
