/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_PEM_H
#define OPENSSL_PEM_H

#include <stdio.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/types.h>
#include <openssl/x509.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Asked for a password (rwflag 0: to read); returns its length, or <= 0. */
typedef int pem_password_cb(char *buf, int size, int rwflag, void *userdata);

/* Reasons of the PEM library. */
#define PEM_R_BAD_BASE64_DECODE 100
#define PEM_R_BAD_DECRYPT 101
#define PEM_R_BAD_END_LINE 102
#define PEM_R_BAD_PASSWORD_READ 104
#define PEM_R_NO_START_LINE 108
#define PEM_R_PROBLEMS_GETTING_PASSWORD 109
#define PEM_R_UNSUPPORTED_ENCRYPTION 114

/* Each reader takes the next block of its kind, skipping others, and
 * stores the result in *x too when x is not NULL (freeing what was there).
 * At the end of the input: NULL with PEM_R_NO_START_LINE. */
X509 *PEM_read_bio_X509(BIO *bp, X509 **x, pem_password_cb *cb, void *u);
X509 *PEM_read_bio_X509_AUX(BIO *bp, X509 **x, pem_password_cb *cb, void *u);
X509 *PEM_read_X509(FILE *fp, X509 **x, pem_password_cb *cb, void *u);
int PEM_write_bio_X509(BIO *bp, X509 *x);
#define PEM_STRING_SSL_SESSION "SSL SESSION PARAMETERS"
SSL_SESSION *PEM_read_bio_SSL_SESSION(BIO *bp, SSL_SESSION **x, pem_password_cb *cb, void *u);
int PEM_write_bio_SSL_SESSION(BIO *bp, const SSL_SESSION *x);
X509_CRL *PEM_read_bio_X509_CRL(BIO *bp, X509_CRL **x, pem_password_cb *cb, void *u);
X509_CRL *PEM_read_X509_CRL(FILE *fp, X509_CRL **x, pem_password_cb *cb, void *u);
/* Without cb, u (if not NULL) is the password itself. */
EVP_PKEY *PEM_read_bio_PrivateKey(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u);
EVP_PKEY *PEM_read_PrivateKey(FILE *fp, EVP_PKEY **x, pem_password_cb *cb, void *u);
EVP_PKEY *PEM_read_bio_PUBKEY(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u);
#define PEM_STRING_DHPARAMS "DH PARAMETERS"
#define PEM_STRING_DHXPARAMS "X9.42 DH PARAMETERS"
/* Either form; PEM_write_bio_DHparams writes PKCS #3. */
DH *PEM_read_bio_DHparams(BIO *bp, DH **x, pem_password_cb *cb, void *u);
DH *PEM_read_DHparams(FILE *fp, DH **x, pem_password_cb *cb, void *u);
int PEM_write_bio_DHparams(BIO *bp, const DH *x);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_PEM_H */
