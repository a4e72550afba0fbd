/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Certificate revocation lists: X509_CRL objects, reading them from PEM,
 * and the shared, replace-never-change lists a trust store keeps.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct X509_crl_st {
    int refs;
    mbedtls_x509_crl crl;
};

static X509_CRL *crl_new(void)
{
    X509_CRL *crl = shim_calloc(1, sizeof(*crl));

    SHIM_ENSURE(crl != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    crl->refs = 1;
    mbedtls_x509_crl_init(&crl->crl);
    return crl;
}

SHIM_EXPORT void X509_CRL_free(X509_CRL *crl)
{
    if (crl == NULL || shim_ref_dec(&crl->refs) > 0)
        return;
    mbedtls_x509_crl_free(&crl->crl);
    shim_free(crl);
}

SHIM_EXPORT int X509_CRL_up_ref(X509_CRL *crl)
{
    if (crl == NULL)
        return 0;
    shim_ref_inc(&crl->refs);
    return 1;
}

static int is_crl_label(const char *label)
{
    return strcmp(label, "X509 CRL") == 0;
}

SHIM_EXPORT X509_CRL *PEM_read_bio_X509_CRL(BIO *bp, X509_CRL **x, pem_password_cb *cb, void *u)
{
    size_t block_len;
    char *block;
    X509_CRL *crl;

    (void)cb;
    (void)u;
    block = shim_pem_next_block(bp, is_crl_label, &block_len);
    if (block == NULL)
        return NULL;
    crl = crl_new();
    if (crl != NULL &&
        mbedtls_x509_crl_parse(&crl->crl, (const unsigned char *)block, block_len + 1) != 0) {
        SHIM_ERR(ERR_LIB_PEM, ERR_R_ASN1_LIB);
        X509_CRL_free(crl);
        crl = NULL;
    }
    shim_pem_free(block, block_len);
    if (crl != NULL && x != NULL) {
        X509_CRL_free(*x);
        *x = crl;
    }
    return crl;
}

/* ---- Lists ---------------------------------------------------------------------- */

void shim_crls_up(shim_crls *c)
{
    if (c != NULL)
        shim_ref_inc(&c->refs);
}

void shim_crls_free(shim_crls *c)
{
    if (c == NULL || shim_ref_dec(&c->refs) > 0)
        return;
    mbedtls_x509_crl_free(&c->list);
    shim_free(c);
}

/* Appends copies of a list's CRLs (from may be NULL); 0 with an error. */
static int crls_append(mbedtls_x509_crl *to, const mbedtls_x509_crl *from)
{
    for (; from != NULL && from->raw.p != NULL; from = from->next)
        SHIM_ENSURE(mbedtls_x509_crl_parse_der(to, from->raw.p, from->raw.len) == 0, ERR_LIB_X509,
                    ERR_R_NESTED_ASN1_ERROR, 0);
    return 1;
}

/* A new list: a's CRLs, then b's (either may be NULL). */
shim_crls *shim_crls_concat(const shim_crls *a, const shim_crls *b)
{
    shim_crls *c = shim_calloc(1, sizeof(*c));

    SHIM_ENSURE(c != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    c->refs = 1;
    mbedtls_x509_crl_init(&c->list);
    if (!crls_append(&c->list, a != NULL ? &a->list : NULL) ||
        !crls_append(&c->list, b != NULL ? &b->list : NULL)) {
        shim_crls_free(c);
        return NULL;
    }
    return c;
}

shim_crls *shim_crls_with(const shim_crls *base, const X509_CRL *crl)
{
    shim_crls *c = shim_crls_concat(base, NULL);

    if (c != NULL && !crls_append(&c->list, &crl->crl)) {
        shim_crls_free(c);
        return NULL;
    }
    return c;
}

/* The CRLs of a PEM buffer (NUL at data[len]) after base's; *found is how
 * many the buffer held. */
shim_crls *shim_crls_parse_pem(const shim_crls *base, const unsigned char *data, size_t len,
                               int *found)
{
    shim_crls *c;
    const mbedtls_x509_crl *crl;

    *found = 0;
    if (strstr((const char *)data, "-----BEGIN X509 CRL-----") == NULL)
        return NULL;
    c = shim_crls_concat(base, NULL);
    if (c == NULL)
        return NULL;
    if (mbedtls_x509_crl_parse(&c->list, data, len + 1) != 0) {
        shim_crls_free(c);
        SHIM_ERR(ERR_LIB_PEM, ERR_R_ASN1_LIB);
        return NULL;
    }
    for (crl = &c->list; crl != NULL && crl->raw.p != NULL; crl = crl->next)
        (*found)++;
    return c;
}

int shim_crls_cover(const shim_crls *c, const mbedtls_x509_crt *crt)
{
    const mbedtls_x509_crl *crl;

    for (crl = c != NULL ? &c->list : NULL; crl != NULL && crl->raw.p != NULL; crl = crl->next) {
        if (crl->issuer_raw.len == crt->issuer_raw.len &&
            memcmp(crl->issuer_raw.p, crt->issuer_raw.p, crt->issuer_raw.len) == 0)
            return 1;
    }
    return 0;
}

SHIM_EXPORT int X509_STORE_add_crl(X509_STORE *store, X509_CRL *crl)
{
    shim_crls *grown;

    SHIM_ENSURE(store != NULL && crl != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, 0);
    grown = shim_crls_with(store->crls, crl);
    if (grown == NULL)
        return 0;
    shim_store_set_crls(store, grown);
    return 1;
}
