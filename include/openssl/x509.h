/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_X509_H
#define OPENSSL_X509_H

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/types.h>
#include <openssl/x509_vfy.h>

#ifdef __cplusplus
extern "C" {
#endif

/* File formats. */
#define X509_FILETYPE_PEM 1
#define X509_FILETYPE_ASN1 2
#define X509_FILETYPE_DEFAULT 3

/* Reasons of the X509 library used so far. */
#define X509_R_KEY_TYPE_MISMATCH 115
#define X509_R_KEY_VALUES_MISMATCH 116

/* Reasons of the ASN1 library used so far. */
#define ASN1_R_HEADER_TOO_LONG 123
#define ASN1_R_NOT_ENOUGH_DATA 142

/* Certificates: reference-counted, one certificate each. */
X509 *X509_new(void);
void X509_free(X509 *x);
int X509_up_ref(X509 *x);
/* DER in and out, with OpenSSL's pointer conventions: d2i advances *in
 * past the certificate; i2d allocates *out when it is NULL, else writes
 * there and advances it. */
X509 *d2i_X509(X509 **x, const unsigned char **in, long len);
int i2d_X509(const X509 *x, unsigned char **out);
X509 *d2i_X509_bio(BIO *bp, X509 **x);
EVP_PKEY *d2i_PrivateKey_bio(BIO *bp, EVP_PKEY **x);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_X509_H */
