/* SPDX-License-Identifier: Apache-2.0 */
/*
 * BIGNUM as DH parameters need it: a number kept as its big-endian bytes
 * without leading zeros (zero has none). Nothing here computes; mbedTLS
 * gets the bytes.
 */
#include "internal.h"

#include <limits.h>
#include <string.h>

#include <openssl/bn.h>

struct bignum_st {
    unsigned char *bytes;
    size_t len;
};

SHIM_EXPORT BIGNUM *BN_new(void)
{
    BIGNUM *a = shim_calloc(1, sizeof(*a));

    SHIM_ENSURE(a != NULL, ERR_LIB_BN, ERR_R_MALLOC_FAILURE, NULL);
    return a;
}

SHIM_EXPORT void BN_free(BIGNUM *a)
{
    if (a == NULL)
        return;
    shim_free(a->bytes);
    shim_free(a);
}

SHIM_EXPORT void BN_clear_free(BIGNUM *a)
{
    if (a == NULL)
        return;
    shim_wipe_free(a->bytes, a->len);
    shim_free(a);
}

/* a takes the len bytes at s (leading zeros dropped); 0 when out of
 * memory, a unchanged. */
static int bn_assign(BIGNUM *a, const unsigned char *s, size_t len)
{
    unsigned char *bytes = NULL;

    while (len > 0 && *s == 0) {
        s++;
        len--;
    }
    if (len > 0) {
        bytes = shim_malloc(len);
        SHIM_ENSURE(bytes != NULL, ERR_LIB_BN, ERR_R_MALLOC_FAILURE, 0);
        memcpy(bytes, s, len);
    }
    shim_wipe_free(a->bytes, a->len);
    a->bytes = bytes;
    a->len = len;
    return 1;
}

SHIM_EXPORT BIGNUM *BN_dup(const BIGNUM *a)
{
    BIGNUM *copy;

    if (a == NULL)
        return NULL;
    copy = BN_new();
    if (copy != NULL && !bn_assign(copy, a->bytes, a->len)) {
        BN_free(copy);
        return NULL;
    }
    return copy;
}

SHIM_EXPORT BIGNUM *BN_bin2bn(const unsigned char *s, int len, BIGNUM *ret)
{
    BIGNUM *a = ret;

    if (len < 0)
        return NULL;
    if (a == NULL && (a = BN_new()) == NULL)
        return NULL;
    if (!bn_assign(a, s, s != NULL ? (size_t)len : 0)) {
        if (ret == NULL)
            BN_free(a);
        return NULL;
    }
    return a;
}

SHIM_EXPORT int BN_bn2bin(const BIGNUM *a, unsigned char *to)
{
    if (a == NULL || a->len > INT_MAX)
        return 0;
    if (a->len > 0)
        memcpy(to, a->bytes, a->len);
    return (int)a->len;
}

SHIM_EXPORT int BN_num_bits(const BIGNUM *a)
{
    int bits;
    unsigned char top;

    if (a == NULL || a->len == 0 || a->len > INT_MAX / 8)
        return 0;
    bits = (int)(a->len - 1) * 8;
    for (top = a->bytes[0]; top != 0; top >>= 1)
        bits++;
    return bits;
}

SHIM_EXPORT int BN_set_word(BIGNUM *a, BN_ULONG w)
{
    unsigned char bytes[sizeof(BN_ULONG)];
    size_t i;

    SHIM_ENSURE_ARG(a, ERR_LIB_BN, 0);
    for (i = sizeof(bytes); i > 0; i--) {
        bytes[i - 1] = (unsigned char)(w & 0xFF);
        w >>= 8;
    }
    return bn_assign(a, bytes, sizeof(bytes));
}

SHIM_EXPORT BN_ULONG BN_get_word(const BIGNUM *a)
{
    BN_ULONG w = 0;
    size_t i;

    if (a == NULL)
        return 0;
    if (a->len > sizeof(BN_ULONG))
        return ~(BN_ULONG)0;
    for (i = 0; i < a->len; i++)
        w = w << 8 | a->bytes[i];
    return w;
}

SHIM_EXPORT int BN_cmp(const BIGNUM *a, const BIGNUM *b)
{
    int c;

    /* OpenSSL orders a missing number above any other. */
    if (a == NULL || b == NULL)
        return a != NULL ? -1 : b != NULL ? 1 : 0;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    c = a->len > 0 ? memcmp(a->bytes, b->bytes, a->len) : 0;
    return c < 0 ? -1 : c > 0;
}
