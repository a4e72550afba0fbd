/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_X509_H
#define OPENSSL_X509_H

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

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_X509_H */
