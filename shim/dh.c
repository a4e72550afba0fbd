/* SPDX-License-Identifier: Apache-2.0 */
/*
 * DH parameters as objects legacy servers build, read and hand to
 * SSL_CTX_set_tmp_dh (ssl_dh.c gives their p and g to mbedTLS):
 * reference-counted holders of p, q and g, their DER and PEM forms, and
 * the RFC 7919 groups by NID.
 */
#include "internal.h"

#include <limits.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/asn1write.h>
#include <mbedtls/dhm.h>

#include <openssl/dh.h>

struct dh_st {
    int refs;
    BIGNUM *p;
    BIGNUM *q; /* X9.42 parameters only */
    BIGNUM *g;
};

#if !defined(OPENSSL_COMPAT_NO_ERROR_STRINGS)
const char *shim_dh_error_text(unsigned long e, int library)
{
    int lib = ERR_GET_LIB(e);
    int reason = ERR_GET_REASON(e);

    if (library)
        return lib == ERR_LIB_DH   ? "Diffie-Hellman routines"
               : lib == ERR_LIB_BN ? "bignum routines"
                                   : NULL;
    if (lib == ERR_LIB_DH && reason == DH_R_INVALID_PARAMETER_NID)
        return "invalid parameter nid";
    if (lib == ERR_LIB_SSL && reason == SSL_R_DH_KEY_TOO_SMALL)
        return "dh key too small";
    if (lib == ERR_LIB_ASN1 && reason == ASN1_R_ILLEGAL_ZERO_CONTENT)
        return "illegal zero content";
    return NULL;
}
#endif

SHIM_EXPORT DH *DH_new(void)
{
    DH *dh = shim_calloc(1, sizeof(*dh));

    SHIM_ENSURE(dh != NULL, ERR_LIB_DH, ERR_R_MALLOC_FAILURE, NULL);
    dh->refs = 1;
    return dh;
}

SHIM_EXPORT int DH_up_ref(DH *dh)
{
    SHIM_ENSURE_ARG(dh, ERR_LIB_DH, 0);
    shim_ref_inc(&dh->refs);
    return 1;
}

SHIM_EXPORT void DH_free(DH *dh)
{
    if (dh == NULL || shim_ref_dec(&dh->refs) > 0)
        return;
    BN_free(dh->p);
    BN_free(dh->q);
    BN_free(dh->g);
    shim_free(dh);
}

SHIM_EXPORT int DH_set0_pqg(DH *dh, BIGNUM *p, BIGNUM *q, BIGNUM *g)
{
    if (dh == NULL || (p == NULL && dh->p == NULL) || (g == NULL && dh->g == NULL))
        return 0;
    if (p != NULL) {
        BN_free(dh->p);
        dh->p = p;
    }
    if (q != NULL) {
        BN_free(dh->q);
        dh->q = q;
    }
    if (g != NULL) {
        BN_free(dh->g);
        dh->g = g;
    }
    return 1;
}

SHIM_EXPORT void DH_get0_pqg(const DH *dh, const BIGNUM **p, const BIGNUM **q, const BIGNUM **g)
{
    if (p != NULL)
        *p = dh != NULL ? dh->p : NULL;
    if (q != NULL)
        *q = dh != NULL ? dh->q : NULL;
    if (g != NULL)
        *g = dh != NULL ? dh->g : NULL;
}

SHIM_EXPORT const BIGNUM *DH_get0_p(const DH *dh)
{
    return dh != NULL ? dh->p : NULL;
}

SHIM_EXPORT const BIGNUM *DH_get0_q(const DH *dh)
{
    return dh != NULL ? dh->q : NULL;
}

SHIM_EXPORT const BIGNUM *DH_get0_g(const DH *dh)
{
    return dh != NULL ? dh->g : NULL;
}

SHIM_EXPORT int DH_bits(const DH *dh)
{
    return dh != NULL && dh->p != NULL ? BN_num_bits(dh->p) : -1;
}

SHIM_EXPORT int DH_size(const DH *dh)
{
    return dh != NULL && dh->p != NULL ? BN_num_bytes(dh->p) : -1;
}

/* OpenSSL's table for a finite-field modulus of so many bits, capped by
 * half the size of q when there is one. */
SHIM_EXPORT int DH_security_bits(const DH *dh)
{
    int p_bits = DH_bits(dh);
    int bits;

    if (p_bits < 0)
        return -1;
    bits = p_bits >= 15360  ? 256
           : p_bits >= 7680 ? 192
           : p_bits >= 3072 ? 128
           : p_bits >= 2048 ? 112
           : p_bits >= 1024 ? 80
                            : 0;
    if (dh->q != NULL && BN_num_bits(dh->q) / 2 < bits)
        bits = BN_num_bits(dh->q) / 2;
    return bits;
}

/* ---- The RFC 7919 groups ---------------------------------------------------------------- */

static const unsigned char ffdhe2048_p[] = MBEDTLS_DHM_RFC7919_FFDHE2048_P_BIN;
static const unsigned char ffdhe3072_p[] = MBEDTLS_DHM_RFC7919_FFDHE3072_P_BIN;
static const unsigned char ffdhe4096_p[] = MBEDTLS_DHM_RFC7919_FFDHE4096_P_BIN;
static const unsigned char ffdhe6144_p[] = MBEDTLS_DHM_RFC7919_FFDHE6144_P_BIN;
static const unsigned char ffdhe8192_p[] = MBEDTLS_DHM_RFC7919_FFDHE8192_P_BIN;

static const struct named_group {
    int nid;
    const unsigned char *p;
    size_t p_len;
} named_groups[] = {
    {NID_ffdhe2048, ffdhe2048_p, sizeof(ffdhe2048_p)},
    {NID_ffdhe3072, ffdhe3072_p, sizeof(ffdhe3072_p)},
    {NID_ffdhe4096, ffdhe4096_p, sizeof(ffdhe4096_p)},
    {NID_ffdhe6144, ffdhe6144_p, sizeof(ffdhe6144_p)},
    {NID_ffdhe8192, ffdhe8192_p, sizeof(ffdhe8192_p)},
};

#define NAMED_GROUP_COUNT (sizeof(named_groups) / sizeof(named_groups[0]))

/* All five groups have generator 2. */
static const unsigned char ffdhe_g = 2;

SHIM_EXPORT DH *DH_new_by_nid(int nid)
{
    size_t i;
    DH *dh;
    BIGNUM *p;
    BIGNUM *g;

    for (i = 0; i < NAMED_GROUP_COUNT && named_groups[i].nid != nid; i++)
        continue;
    SHIM_ENSURE(i < NAMED_GROUP_COUNT, ERR_LIB_DH, DH_R_INVALID_PARAMETER_NID, NULL);
    dh = DH_new();
    p = BN_bin2bn(named_groups[i].p, (int)named_groups[i].p_len, NULL);
    g = BN_bin2bn(&ffdhe_g, 1, NULL);
    if (dh == NULL || p == NULL || g == NULL || !DH_set0_pqg(dh, p, NULL, g)) {
        DH_free(dh);
        BN_free(p);
        BN_free(g);
        return NULL;
    }
    return dh;
}

SHIM_EXPORT int DH_get_nid(const DH *dh)
{
    BIGNUM *p;
    size_t i;
    int nid = NID_undef;

    if (dh == NULL || dh->p == NULL || BN_get_word(dh->g) != ffdhe_g)
        return NID_undef;
    for (i = 0; i < NAMED_GROUP_COUNT && nid == NID_undef; i++) {
        p = BN_bin2bn(named_groups[i].p, (int)named_groups[i].p_len, NULL);
        if (p != NULL && BN_cmp(p, dh->p) == 0)
            nid = named_groups[i].nid;
        BN_free(p);
    }
    return nid;
}

/* ---- DER and PEM ------------------------------------------------------------------------ */

/* The next INTEGER, which must not be negative, as a new BIGNUM; NULL
 * when it is not there. */
static BIGNUM *read_unsigned(unsigned char **p, const unsigned char *end)
{
    size_t len;

    if (mbedtls_asn1_get_tag(p, end, &len, MBEDTLS_ASN1_INTEGER) != 0 || len == 0 ||
        len > INT_MAX || (**p & 0x80) != 0)
        return NULL;
    *p += len;
    return BN_bin2bn(*p - len, (int)len, NULL);
}

/* PKCS #3 (p, g, an optional private value length) or, x942, X9.42's
 * DomainParameters (p, g, q, then optional parts not kept). */
static DH *read_params(const unsigned char **pp, long length, int x942)
{
    unsigned char *p = (unsigned char *)*pp;
    const unsigned char *end;
    size_t len;
    DH *dh = NULL;
    BIGNUM *prime = NULL;
    BIGNUM *q = NULL;
    BIGNUM *g = NULL;

    if (length <= 0 || mbedtls_asn1_get_tag(&p, p + length, &len,
                                            MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
        goto bad;
    end = p + len;
    if ((prime = read_unsigned(&p, end)) == NULL || (g = read_unsigned(&p, end)) == NULL ||
        (x942 && (q = read_unsigned(&p, end)) == NULL))
        goto bad;
    if ((dh = DH_new()) == NULL) {
        BN_free(prime);
        BN_free(q);
        BN_free(g);
        return NULL;
    }
    DH_set0_pqg(dh, prime, q, g);
    *pp = end;
    return dh;
bad:
    BN_free(prime);
    BN_free(q);
    BN_free(g);
    SHIM_ERR(ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR);
    return NULL;
}

static DH *give(DH **a, DH *dh)
{
    if (a != NULL && dh != NULL) {
        DH_free(*a);
        *a = dh;
    }
    return dh;
}

SHIM_EXPORT DH *d2i_DHparams(DH **a, const unsigned char **pp, long length)
{
    SHIM_ENSURE(pp != NULL && *pp != NULL, ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER, NULL);
    return give(a, read_params(pp, length, 0));
}

/* Writes, before *p, an INTEGER holding n: a leading zero byte keeps a
 * set top bit from making it negative. mbedTLS's convention: the length
 * written, or a negative error. */
static int write_unsigned(unsigned char **p, unsigned char *start, const BIGNUM *n)
{
    size_t len = (size_t)BN_num_bytes(n);
    int len_size;
    int tag_size;

    if ((size_t)(*p - start) < len + 1)
        return MBEDTLS_ERR_ASN1_BUF_TOO_SMALL;
    *p -= len;
    BN_bn2bin(n, *p);
    if (BN_num_bits(n) % 8 == 0) {
        *--*p = 0;
        len++;
    }
    if ((len_size = mbedtls_asn1_write_len(p, start, len)) < 0)
        return len_size;
    if ((tag_size = mbedtls_asn1_write_tag(p, start, MBEDTLS_ASN1_INTEGER)) < 0)
        return tag_size;
    return (int)len + len_size + tag_size;
}

SHIM_EXPORT int i2d_DHparams(const DH *a, unsigned char **pp)
{
    size_t cap;
    unsigned char *buf;
    unsigned char *p;
    int g_size;
    int p_size;
    int total = -1;

    SHIM_ENSURE(a != NULL && BN_num_bits(a->p) > 0 && BN_num_bits(a->g) > 0, ERR_LIB_ASN1,
                ASN1_R_ILLEGAL_ZERO_CONTENT, -1);
    /* The numbers, a zero byte and up to 6 bytes of header each, and the
     * SEQUENCE's header. */
    cap = (size_t)BN_num_bytes(a->p) + (size_t)BN_num_bytes(a->g) + 24;
    SHIM_ENSURE(cap <= INT_MAX, ERR_LIB_ASN1, ASN1_R_TOO_LARGE, -1);
    buf = shim_malloc(cap);
    SHIM_ENSURE(buf != NULL, ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE, -1);
    p = buf + cap;
    if ((g_size = write_unsigned(&p, buf, a->g)) >= 0 &&
        (p_size = write_unsigned(&p, buf, a->p)) >= 0 &&
        mbedtls_asn1_write_len(&p, buf, (size_t)g_size + (size_t)p_size) >= 0 &&
        mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) >= 0)
        total = (int)(buf + cap - p);
    if (total < 0)
        SHIM_ERR(ERR_LIB_ASN1, ERR_R_INTERNAL_ERROR);
    else
        total = shim_i2d_out(p, (size_t)total, pp, ERR_LIB_ASN1);
    shim_free(buf);
    return total;
}

static int is_dh_label(const char *label)
{
    return strcmp(label, PEM_STRING_DHPARAMS) == 0 || strcmp(label, PEM_STRING_DHXPARAMS) == 0;
}

SHIM_EXPORT DH *PEM_read_bio_DHparams(BIO *bp, DH **x, pem_password_cb *cb, void *u)
{
    static const char x942_start[] = "-----BEGIN " PEM_STRING_DHXPARAMS "-----";
    size_t block_len;
    char *block;
    int x942;
    size_t der_len;
    unsigned char *der;
    const unsigned char *p;
    DH *dh;

    (void)cb, (void)u;
    block = shim_pem_next_block(bp, is_dh_label, &block_len);
    if (block == NULL)
        return NULL;
    /* The block starts with the BEGIN line that names its form. */
    x942 = strncmp(block, x942_start, sizeof(x942_start) - 1) == 0;
    der = shim_pem_decode(block, block_len, &der_len);
    shim_pem_free(block, block_len);
    if (der == NULL)
        return NULL;
    p = der;
    dh = der_len <= LONG_MAX ? read_params(&p, (long)der_len, x942) : NULL;
    shim_free(der);
    SHIM_ENSURE(dh != NULL, ERR_LIB_PEM, ERR_R_ASN1_LIB, NULL);
    return give(x, dh);
}

SHIM_EXPORT DH *PEM_read_DHparams(FILE *fp, DH **x, pem_password_cb *cb, void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    DH *ret = b != NULL ? PEM_read_bio_DHparams(b, x, cb, u) : NULL;

    BIO_free(b);
    return ret;
}

SHIM_EXPORT int PEM_write_bio_DHparams(BIO *bp, const DH *x)
{
    unsigned char *der = NULL;
    int len;
    int ok;

    SHIM_ENSURE(bp != NULL && x != NULL, ERR_LIB_PEM, ERR_R_PASSED_NULL_PARAMETER, 0);
    len = i2d_DHparams(x, &der);
    if (len <= 0)
        return 0;
    ok = shim_pem_write(bp, "-----BEGIN " PEM_STRING_DHPARAMS "-----\n",
                        "-----END " PEM_STRING_DHPARAMS "-----\n", der, (size_t)len);
    shim_free(der);
    return ok;
}
