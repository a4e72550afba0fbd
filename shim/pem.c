/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PEM through BIOs: finding the next block of a kind, passwords, and the
 * PEM_read_bio_* and PEM_write_bio_* functions. No file access here.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/base64.h>
#include <mbedtls/pem.h>
#include <mbedtls/platform_util.h>

/* A growing text buffer, wiped when freed (blocks may hold keys). */
struct text {
    char *data;
    size_t len;
    size_t cap;
};

static int text_append(struct text *t, const char *s, size_t n)
{
    if (t->cap - t->len <= n) {
        size_t cap = t->cap == 0 ? 1024 : t->cap;
        char *grown;

        while (cap - t->len <= n)
            cap *= 2;
        /* Copy and wipe rather than realloc, which would free unwiped. */
        grown = shim_malloc(cap);
        SHIM_ENSURE(grown != NULL, ERR_LIB_PEM, ERR_R_MALLOC_FAILURE, 0);
        if (t->data != NULL) {
            memcpy(grown, t->data, t->len);
            shim_wipe_free(t->data, t->cap);
        }
        t->data = grown;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
    return 1;
}

/* The next line, newline included, in line (emptied first); 0 at the end
 * of the input or on a read error. */
static int read_line(BIO *bp, struct text *line)
{
    char chunk[256];

    line->len = 0;
    for (;;) {
        int n = BIO_gets(bp, chunk, sizeof(chunk));

        if (n <= 0)
            return line->len > 0;
        if (!text_append(line, chunk, (size_t)n))
            return 0;
        if (chunk[n - 1] == '\n')
            return 1;
    }
}

/* The label of a "-----BEGIN label-----" or "-----END label-----" line, in
 * label (at most size - 1 characters), or 0 if the line is not one. */
static int boundary_label(const char *line, const char *kind, char *label, size_t size)
{
    size_t kind_len = strlen(kind);
    size_t end;

    if (strncmp(line, "-----", 5) != 0 || strncmp(line + 5, kind, kind_len) != 0 ||
        line[5 + kind_len] != ' ')
        return 0;
    line += 5 + kind_len + 1;
    end = strcspn(line, "\r\n");
    if (end < 5 || strncmp(line + end - 5, "-----", 5) != 0 || end - 5 >= size)
        return 0;
    memcpy(label, line, end - 5);
    label[end - 5] = '\0';
    return 1;
}

char *shim_pem_next_block(BIO *bp, int (*accept)(const char *label), size_t *len)
{
    struct text line = {0};
    struct text block = {0};
    char label[64];
    char end_label[64];
    int keep = 0;

    SHIM_ENSURE_ARG(bp, ERR_LIB_PEM, NULL);
    for (;;) {
        if (!read_line(bp, &line)) {
            SHIM_ERR(ERR_LIB_PEM, keep || block.len > 0 ? PEM_R_BAD_END_LINE : PEM_R_NO_START_LINE);
            goto err;
        }
        if (block.len == 0 && !keep) {
            /* Looking for a start line; other blocks are skipped whole. */
            if (!boundary_label(line.data, "BEGIN", label, sizeof(label)))
                continue;
            keep = accept(label);
            if (!keep) {
                while (read_line(bp, &line) &&
                       !(boundary_label(line.data, "END", end_label, sizeof(end_label)) &&
                         strcmp(end_label, label) == 0))
                    ;
                continue;
            }
        }
        if (!text_append(&block, line.data, line.len))
            goto err;
        if (boundary_label(line.data, "END", end_label, sizeof(end_label))) {
            SHIM_GUARD(strcmp(end_label, label) == 0, ERR_LIB_PEM, PEM_R_BAD_END_LINE);
            break;
        }
    }
    shim_wipe_free(line.data, line.cap);
    *len = block.len;
    return block.data;
err:
    shim_wipe_free(line.data, line.cap);
    shim_wipe_free(block.data, block.cap);
    return NULL;
}

void shim_pem_free(char *block, size_t len)
{
    shim_wipe_free(block, len + 1);
}

int shim_pem_password(pem_password_cb *cb, void *u, char *buf, int size)
{
    int len;

    if (cb == NULL) {
        /* OpenSSL's default: u is the password; without it, OpenSSL asks
         * on the terminal, which a library must not do (docs/parity.md). */
        SHIM_ENSURE(u != NULL, ERR_LIB_PEM, PEM_R_PROBLEMS_GETTING_PASSWORD, -1);
        const char *end = memchr(u, '\0', (size_t)size);

        len = end != NULL ? (int)(end - (const char *)u) : size;
        memcpy(buf, u, (size_t)len);
        return len;
    }
    len = cb(buf, size, 0, u);
    SHIM_ENSURE(len >= 0, ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ, -1);
    return len > size ? size : len;
}

/* ---- Certificates ---------------------------------------------------------------- */

static int is_certificate_label(const char *label)
{
    return strcmp(label, "CERTIFICATE") == 0 || strcmp(label, "X509 CERTIFICATE") == 0;
}

/* The _AUX form also reads OpenSSL's trusted certificates; their trust
 * settings, after the certificate, are not kept. */
static int is_aux_certificate_label(const char *label)
{
    return is_certificate_label(label) || strcmp(label, "TRUSTED CERTIFICATE") == 0;
}

/* The base64 body of a block, decoded; NULL with a PEM error. Inlined in
 * both callers: shim_pem_read_der is in every device's core, which a call
 * would make bigger. */
static inline __attribute__((always_inline)) unsigned char *
pem_decode(const char *block, size_t block_len, size_t *der_len)
{
    const char *body = strchr(block, '\n');
    const char *end = block + block_len;
    unsigned char *der;
    size_t used = 0;
    size_t cap;

    /* The END line starts after the last newline but one. */
    while (end > block && end[-1] == '\n')
        end--;
    while (end > block && end[-1] != '\n')
        end--;
    SHIM_ENSURE(body != NULL && body < end, ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE, NULL);
    body++;
    cap = (size_t)(end - body);
    der = shim_malloc(cap + 1);
    SHIM_ENSURE(der != NULL, ERR_LIB_PEM, ERR_R_MALLOC_FAILURE, NULL);
    /* Line by line: mbedTLS's decoder refuses the line breaks. */
    while (body < end) {
        size_t line_len = strcspn(body, "\r\n");
        size_t n = 0;

        if (line_len > 0 && mbedtls_base64_decode(der + used, cap - used, &n,
                                                  (const unsigned char *)body, line_len) != 0) {
            shim_free(der);
            SHIM_ERR(ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE);
            return NULL;
        }
        used += n;
        body += line_len;
        body += strspn(body, "\r\n");
    }
    *der_len = used;
    return der;
}

unsigned char *shim_pem_decode(const char *block, size_t block_len, size_t *der_len)
{
    return pem_decode(block, block_len, der_len);
}

unsigned char *shim_pem_read_der(BIO *bp, int (*accept)(const char *label), size_t *der_len)
{
    size_t block_len;
    char *block = shim_pem_next_block(bp, accept, &block_len);
    unsigned char *der;

    if (block == NULL)
        return NULL;
    der = pem_decode(block, block_len, der_len);
    shim_pem_free(block, block_len);
    return der;
}

static X509 *read_certificate(BIO *bp, X509 **x, int (*accept)(const char *label))
{
    const unsigned char *p;
    size_t der_len;
    unsigned char *der = shim_pem_read_der(bp, accept, &der_len);
    X509 *parsed;

    if (der == NULL)
        return NULL;
    /* The first DER element only: a trusted certificate carries its trust
     * settings after it. */
    p = der;
    parsed = der_len > 0 && der_len <= LONG_MAX ? d2i_X509(x, &p, (long)der_len) : NULL;
    shim_free(der);
    SHIM_ENSURE(parsed != NULL, ERR_LIB_PEM, ERR_R_ASN1_LIB, NULL);
    return parsed;
}

SHIM_EXPORT X509 *PEM_read_bio_X509(BIO *bp, X509 **x, pem_password_cb *cb, void *u)
{
    (void)cb;
    (void)u;
    return read_certificate(bp, x, is_certificate_label);
}

SHIM_EXPORT X509 *PEM_read_bio_X509_AUX(BIO *bp, X509 **x, pem_password_cb *cb, void *u)
{
    (void)cb;
    (void)u;
    return read_certificate(bp, x, is_aux_certificate_label);
}

int shim_pem_write(BIO *bp, const char *header, const char *footer, const unsigned char *der,
                   size_t der_len)
{
    unsigned char *pem;
    size_t cap;
    size_t len = 0;
    int ok;

    /* Base64 grows by 4/3, plus a newline per 64 characters and the lines
     * around it. */
    cap = der_len * 2 + 128;
    pem = shim_malloc(cap);
    SHIM_ENSURE(pem != NULL, ERR_LIB_PEM, ERR_R_MALLOC_FAILURE, 0);
    ok = mbedtls_pem_write_buffer(header, footer, der, der_len, pem, cap, &len) == 0 && len > 0;
    if (!ok) {
        shim_free(pem);
        SHIM_ERR(ERR_LIB_PEM, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    /* len counts the terminating NUL. */
    ok = BIO_write(bp, pem, (int)(len - 1)) == (int)(len - 1);
    shim_free(pem);
    SHIM_ENSURE(ok, ERR_LIB_PEM, ERR_R_BIO_LIB, 0);
    return 1;
}

SHIM_EXPORT int PEM_write_bio_X509(BIO *bp, X509 *x)
{
    SHIM_ENSURE(bp != NULL && x != NULL && x->crt.raw.p != NULL, ERR_LIB_PEM,
                ERR_R_PASSED_NULL_PARAMETER, 0);
    return shim_pem_write(bp, "-----BEGIN CERTIFICATE-----\n", "-----END CERTIFICATE-----\n",
                          x->crt.raw.p, x->crt.raw.len);
}

/* ---- Keys ------------------------------------------------------------------------ */

static int is_private_key_label(const char *label)
{
    return strcmp(label, "PRIVATE KEY") == 0 || strcmp(label, "ENCRYPTED PRIVATE KEY") == 0 ||
           strcmp(label, "RSA PRIVATE KEY") == 0 || strcmp(label, "EC PRIVATE KEY") == 0;
}

static int is_public_key_label(const char *label)
{
    return strcmp(label, "PUBLIC KEY") == 0;
}

static EVP_PKEY *key_give(EVP_PKEY **x, EVP_PKEY *key)
{
    if (x != NULL && key != NULL) {
        EVP_PKEY_free(*x);
        *x = key;
    }
    return key;
}

SHIM_EXPORT EVP_PKEY *PEM_read_bio_PrivateKey(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u)
{
    size_t block_len;
    char *block = shim_pem_next_block(bp, is_private_key_label, &block_len);
    EVP_PKEY *key;

    if (block == NULL)
        return NULL;
    key = shim_key_parse((const unsigned char *)block, block_len, SSL_FILETYPE_PEM, cb, u);
    shim_pem_free(block, block_len);
    return key_give(x, key);
}

SHIM_EXPORT EVP_PKEY *PEM_read_bio_PUBKEY(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u)
{
    size_t block_len;
    char *block = shim_pem_next_block(bp, is_public_key_label, &block_len);
    EVP_PKEY *key;

    (void)cb;
    (void)u;
    if (block == NULL)
        return NULL;
    key = shim_key_new();
    if (key != NULL &&
        mbedtls_pk_parse_public_key(&key->pk, (const unsigned char *)block, block_len + 1) != 0) {
        SHIM_ERR(ERR_LIB_PEM, ERR_R_ASN1_LIB);
        EVP_PKEY_free(key);
        key = NULL;
    }
    shim_pem_free(block, block_len);
    return key_give(x, key);
}

/* ---- From a FILE ------------------------------------------------------------------- */

/* The PEM readers from a FILE: each reads through a BIO that leaves the
 * FILE open, as the caller owns it. */
#define PEM_READ_FROM_FILE(type, name) \
    SHIM_EXPORT type *PEM_read_##name(FILE *fp, type **x, pem_password_cb *cb, void *u) \
    { \
        BIO *b = BIO_new_fp(fp, BIO_NOCLOSE); \
        type *ret = b != NULL ? PEM_read_bio_##name(b, x, cb, u) : NULL; \
 \
        BIO_free(b); \
        return ret; \
    }

PEM_READ_FROM_FILE(X509, X509)
PEM_READ_FROM_FILE(X509_CRL, X509_CRL)
PEM_READ_FROM_FILE(EVP_PKEY, PrivateKey)
