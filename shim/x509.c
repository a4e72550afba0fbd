/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Certificate objects (X509): life cycle and DER in and out, over one
 * mbedtls_x509_crt each. No file access here.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

SHIM_EXPORT X509 *X509_new(void)
{
    X509 *x = shim_calloc(1, sizeof(*x));

    SHIM_ENSURE(x != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    x->refs = 1;
    mbedtls_x509_crt_init(&x->crt);
    return x;
}

SHIM_EXPORT void X509_free(X509 *x)
{
    if (x == NULL || shim_ref_dec(&x->refs) > 0)
        return;
    X509_NAME_free(x->subject);
    X509_NAME_free(x->issuer);
    ASN1_STRING_free(x->serial);
    ASN1_STRING_free(x->not_before);
    ASN1_STRING_free(x->not_after);
    EVP_PKEY_free(x->pubkey);
    mbedtls_x509_crt_free(&x->crt);
    shim_free(x);
}

SHIM_EXPORT int X509_up_ref(X509 *x)
{
    if (x == NULL)
        return 0;
    shim_ref_inc(&x->refs);
    return 1;
}

static ASN1_TIME *time_of(const mbedtls_x509_time *t)
{
    return shim_asn1_time(t->year, t->mon, t->day, t->hour, t->min, t->sec);
}

/* The public key alone, as a key object of its own. */
static EVP_PKEY *public_key_of(const mbedtls_x509_crt *crt)
{
    unsigned char der[1024];
    EVP_PKEY *key;
    int len = mbedtls_pk_write_pubkey_der((mbedtls_pk_context *)&crt->pk, der, sizeof(der));

    /* mbedTLS writes at the end of the buffer. */
    SHIM_ENSURE(len > 0, ERR_LIB_X509, ERR_R_UNSUPPORTED, NULL);
    key = shim_key_new();
    if (key != NULL &&
        mbedtls_pk_parse_public_key(&key->pk, der + sizeof(der) - (size_t)len, (size_t)len) != 0) {
        shim_key_free(key);
        SHIM_ERR(ERR_LIB_X509, ERR_R_UNSUPPORTED);
        return NULL;
    }
    return key;
}

X509 *shim_x509_from_der(const unsigned char *der, size_t len)
{
    X509 *x = X509_new();

    if (x == NULL)
        return NULL;
    if (mbedtls_x509_crt_parse_der(&x->crt, der, len) != 0) {
        SHIM_ERR(ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR);
        X509_free(x);
        return NULL;
    }
    return x;
}

/*
 * What the getters hand out is made when first asked for: most
 * certificates (a peer's, a chain's) are never printed, and a device
 * should not carry the code or the memory for it. Two threads asking at
 * once may both make one; a compare-and-swap keeps the first.
 */
static X509_NAME *keep_name(X509_NAME **slot, X509_NAME *made)
{
    X509_NAME *expected = NULL;

    if (made != NULL &&
        !__atomic_compare_exchange_n(slot, &expected, made, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        X509_NAME_free(made);
        return expected;
    }
    return made;
}

static ASN1_STRING *keep_string(ASN1_STRING **slot, ASN1_STRING *made)
{
    ASN1_STRING *expected = NULL;

    if (made != NULL &&
        !__atomic_compare_exchange_n(slot, &expected, made, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        ASN1_STRING_free(made);
        return expected;
    }
    return made;
}

static EVP_PKEY *keep_key(EVP_PKEY **slot, EVP_PKEY *made)
{
    EVP_PKEY *expected = NULL;

    if (made != NULL &&
        !__atomic_compare_exchange_n(slot, &expected, made, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        EVP_PKEY_free(made);
        return expected;
    }
    return made;
}

/* The certificate, as the getters may change what they cache in it. */
static X509 *cache_of(const X509 *x)
{
    return (X509 *)x;
}

SHIM_EXPORT X509_NAME *X509_get_subject_name(const X509 *x)
{
    X509_NAME *name;

    if (x == NULL || x->crt.raw.p == NULL)
        return NULL;
    name = __atomic_load_n(&x->subject, __ATOMIC_ACQUIRE);
    if (name != NULL)
        return name;
    return keep_name(&cache_of(x)->subject,
                     shim_x509_name(x->crt.subject_raw.p, x->crt.subject_raw.len));
}

SHIM_EXPORT X509_NAME *X509_get_issuer_name(const X509 *x)
{
    X509_NAME *name;

    if (x == NULL || x->crt.raw.p == NULL)
        return NULL;
    name = __atomic_load_n(&x->issuer, __ATOMIC_ACQUIRE);
    if (name != NULL)
        return name;
    return keep_name(&cache_of(x)->issuer,
                     shim_x509_name(x->crt.issuer_raw.p, x->crt.issuer_raw.len));
}

SHIM_EXPORT const ASN1_INTEGER *X509_get0_serialNumber(const X509 *x)
{
    ASN1_INTEGER *serial;

    if (x == NULL || x->crt.raw.p == NULL)
        return NULL;
    serial = __atomic_load_n(&x->serial, __ATOMIC_ACQUIRE);
    if (serial != NULL)
        return serial;
    return keep_string(&cache_of(x)->serial,
                       shim_asn1_integer(x->crt.serial.p, x->crt.serial.len));
}

SHIM_EXPORT ASN1_INTEGER *X509_get_serialNumber(X509 *x)
{
    return (ASN1_INTEGER *)X509_get0_serialNumber(x);
}

/* OpenSSL's number: the encoded one, 0 for v1. */
SHIM_EXPORT long X509_get_version(const X509 *x)
{
    return x != NULL && x->crt.version > 0 ? x->crt.version - 1 : 0;
}

SHIM_EXPORT ASN1_TIME *X509_getm_notBefore(const X509 *x)
{
    ASN1_TIME *t;

    if (x == NULL || x->crt.raw.p == NULL)
        return NULL;
    t = __atomic_load_n(&x->not_before, __ATOMIC_ACQUIRE);
    if (t != NULL)
        return t;
    return keep_string(&cache_of(x)->not_before, time_of(&x->crt.valid_from));
}

SHIM_EXPORT ASN1_TIME *X509_getm_notAfter(const X509 *x)
{
    ASN1_TIME *t;

    if (x == NULL || x->crt.raw.p == NULL)
        return NULL;
    t = __atomic_load_n(&x->not_after, __ATOMIC_ACQUIRE);
    if (t != NULL)
        return t;
    return keep_string(&cache_of(x)->not_after, time_of(&x->crt.valid_to));
}

SHIM_EXPORT const ASN1_TIME *X509_get0_notBefore(const X509 *x)
{
    return X509_getm_notBefore(x);
}

SHIM_EXPORT const ASN1_TIME *X509_get0_notAfter(const X509 *x)
{
    return X509_getm_notAfter(x);
}

SHIM_EXPORT int X509_cmp_current_time(const ASN1_TIME *s)
{
    return shim_asn1_time_cmp_now(s, NULL);
}

SHIM_EXPORT int X509_cmp_time(const ASN1_TIME *s, time_t *t)
{
    return shim_asn1_time_cmp_now(s, t);
}

SHIM_EXPORT EVP_PKEY *X509_get0_pubkey(const X509 *x)
{
    EVP_PKEY *key;

    if (x == NULL || x->crt.raw.p == NULL)
        return NULL;
    key = __atomic_load_n(&x->pubkey, __ATOMIC_ACQUIRE);
    if (key != NULL)
        return key;
    return keep_key(&cache_of(x)->pubkey, public_key_of(&x->crt));
}

SHIM_EXPORT EVP_PKEY *X509_get_pubkey(X509 *x)
{
    EVP_PKEY *key = X509_get0_pubkey(x);

    if (key != NULL)
        EVP_PKEY_up_ref(key);
    return key;
}

SHIM_EXPORT int X509_get_signature_nid(const X509 *x)
{
    ASN1_OBJECT *o;
    int nid;

    if (x == NULL || x->crt.sig_oid.p == NULL)
        return NID_undef;
    o = shim_obj_from_der(x->crt.sig_oid.p, x->crt.sig_oid.len);
    nid = OBJ_obj2nid(o);
    ASN1_OBJECT_free(o);
    return nid;
}

SHIM_EXPORT int X509_digest(const X509 *data, const EVP_MD *type, unsigned char *md,
                            unsigned int *len)
{
    SHIM_ENSURE(data != NULL && data->crt.raw.p != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER,
                0);
    return EVP_Digest(data->crt.raw.p, data->crt.raw.len, md, len, type, NULL);
}

/* Equal certificates compare 0; the order of others is not OpenSSL's. */
SHIM_EXPORT int X509_cmp(const X509 *a, const X509 *b)
{
    if (a == NULL || b == NULL)
        return a == b ? 0 : a == NULL ? -1 : 1;
    if (a->crt.raw.len != b->crt.raw.len)
        return a->crt.raw.len < b->crt.raw.len ? -1 : 1;
    return a->crt.raw.len > 0 ? memcmp(a->crt.raw.p, b->crt.raw.p, a->crt.raw.len) : 0;
}

SHIM_EXPORT X509 *X509_dup(const X509 *x)
{
    SHIM_ENSURE(x != NULL && x->crt.raw.p != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER,
                NULL);
    return shim_x509_from_der(x->crt.raw.p, x->crt.raw.len);
}

/* The length of the DER element at der (tag, length and contents), or 0
 * when it is not one complete SEQUENCE within avail bytes. */
static size_t der_sequence_length(const unsigned char *der, size_t avail)
{
    size_t header = 2;
    size_t body = 0;
    size_t i;

    if (avail < 2 || der[0] != 0x30)
        return 0;
    if (der[1] < 0x80) {
        body = der[1];
    } else {
        size_t count = der[1] & 0x7f;

        /* Certificates are never 4 GiB long. */
        if (count == 0 || count > 4 || avail < 2 + count)
            return 0;
        for (i = 0; i < count; i++)
            body = (body << 8) | der[2 + i];
        header += count;
    }
    return body <= avail - header ? header + body : 0;
}

/* Stores a result where OpenSSL's d2i and PEM functions store it. */
static X509 *x509_give(X509 **out, X509 *x)
{
    if (out != NULL && x != NULL) {
        X509_free(*out);
        *out = x;
    }
    return x;
}

SHIM_EXPORT X509 *d2i_X509(X509 **x, const unsigned char **in, long len)
{
    size_t used;
    X509 *parsed;

    SHIM_ENSURE(in != NULL && *in != NULL && len > 0, ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER,
                NULL);
    used = der_sequence_length(*in, (size_t)len);
    SHIM_ENSURE(used > 0, ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR, NULL);
    parsed = shim_x509_from_der(*in, used);
    if (parsed == NULL)
        return NULL;
    *in += used;
    return x509_give(x, parsed);
}

SHIM_EXPORT int i2d_X509(const X509 *x, unsigned char **out)
{
    SHIM_ENSURE(x != NULL && x->crt.raw.p != NULL, ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER, -1);
    return shim_i2d_out(x->crt.raw.p, x->crt.raw.len, out, ERR_LIB_ASN1);
}

/* Reads exactly want bytes; 0 (with an ASN1 error) if the BIO ends first. */
static int read_exactly(BIO *bp, unsigned char *buf, size_t want)
{
    size_t got = 0;

    while (got < want) {
        size_t n = 0;

        if (BIO_read_ex(bp, buf + got, want - got, &n) <= 0 || n == 0) {
            SHIM_ERR(ERR_LIB_ASN1, ASN1_R_NOT_ENOUGH_DATA);
            return 0;
        }
        got += n;
    }
    return 1;
}

/* One DER SEQUENCE from a BIO, read no further than its end so that the
 * next one stays in the BIO. */
static unsigned char *read_der_sequence(BIO *bp, size_t *len)
{
    unsigned char header[6];
    size_t count = 0;
    size_t body = 0;
    size_t header_len = 2;
    unsigned char *der;
    size_t i;

    SHIM_ENSURE_ARG(bp, ERR_LIB_ASN1, NULL);
    if (!read_exactly(bp, header, 2))
        return NULL;
    SHIM_ENSURE(header[0] == 0x30, ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR, NULL);
    if (header[1] < 0x80) {
        body = header[1];
    } else {
        count = header[1] & 0x7f;
        SHIM_ENSURE(count > 0 && count <= 4, ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG, NULL);
        if (!read_exactly(bp, header + 2, count))
            return NULL;
        for (i = 0; i < count; i++)
            body = (body << 8) | header[2 + i];
        header_len += count;
    }
    der = shim_malloc(header_len + body);
    SHIM_ENSURE(der != NULL, ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE, NULL);
    memcpy(der, header, header_len);
    if (!read_exactly(bp, der + header_len, body)) {
        shim_free(der);
        return NULL;
    }
    *len = header_len + body;
    return der;
}

SHIM_EXPORT X509 *d2i_X509_bio(BIO *bp, X509 **x)
{
    size_t len;
    unsigned char *der = read_der_sequence(bp, &len);
    X509 *parsed;

    if (der == NULL)
        return NULL;
    parsed = shim_x509_from_der(der, len);
    shim_free(der);
    return x509_give(x, parsed);
}

SHIM_EXPORT EVP_PKEY *d2i_PrivateKey_bio(BIO *bp, EVP_PKEY **x)
{
    size_t len;
    unsigned char *der = read_der_sequence(bp, &len);
    EVP_PKEY *key;

    if (der == NULL)
        return NULL;
    key = shim_key_parse(der, len, SSL_FILETYPE_ASN1, NULL, NULL);
    shim_wipe_free(der, len);
    if (key != NULL && x != NULL) {
        EVP_PKEY_free(*x);
        *x = key;
    }
    return key;
}
