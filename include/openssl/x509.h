/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_X509_H
#define OPENSSL_X509_H

#include <stdio.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/objects.h>
#include <openssl/safestack.h>
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
#define X509_R_NO_CERT_SET_FOR_US_TO_VERIFY 105

/* Name printing (X509_NAME_print_ex): separators, field names, order. */
#define XN_FLAG_SEP_MASK (0xfUL << 16)
#define XN_FLAG_COMPAT 0UL
#define XN_FLAG_SEP_COMMA_PLUS (1UL << 16)
#define XN_FLAG_SEP_CPLUS_SPC (2UL << 16)
#define XN_FLAG_SEP_SPLUS_SPC (3UL << 16)
#define XN_FLAG_SEP_MULTILINE (4UL << 16)
#define XN_FLAG_DN_REV (1UL << 20)
#define XN_FLAG_FN_MASK (0x3UL << 21)
#define XN_FLAG_FN_SN 0UL
#define XN_FLAG_FN_LN (1UL << 21)
#define XN_FLAG_FN_OID (2UL << 21)
#define XN_FLAG_FN_NONE (3UL << 21)
#define XN_FLAG_SPC_EQ (1UL << 23)
#define XN_FLAG_DUMP_UNKNOWN_FIELDS (1UL << 24)
#define XN_FLAG_FN_ALIGN (1UL << 25)
#define XN_FLAG_RFC2253                                                                \
    (ASN1_STRFLGS_RFC2253 | XN_FLAG_SEP_COMMA_PLUS | XN_FLAG_DN_REV | XN_FLAG_FN_SN | \
     XN_FLAG_DUMP_UNKNOWN_FIELDS)
#define XN_FLAG_ONELINE                                                                 \
    (ASN1_STRFLGS_RFC2253 | ASN1_STRFLGS_ESC_QUOTE | XN_FLAG_SEP_CPLUS_SPC |          \
     XN_FLAG_SPC_EQ | XN_FLAG_FN_SN)
#define XN_FLAG_MULTILINE                                                                  \
    (ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB | XN_FLAG_SEP_MULTILINE | XN_FLAG_SPC_EQ | \
     XN_FLAG_FN_LN | XN_FLAG_FN_ALIGN)

/* Distinguished names. */
X509_NAME *X509_NAME_new(void);
void X509_NAME_free(X509_NAME *name);
X509_NAME *X509_NAME_dup(const X509_NAME *name);
int X509_NAME_entry_count(const X509_NAME *name);
X509_NAME_ENTRY *X509_NAME_get_entry(const X509_NAME *name, int loc);
int X509_NAME_get_index_by_NID(const X509_NAME *name, int nid, int lastpos);
int X509_NAME_get_index_by_OBJ(const X509_NAME *name, const ASN1_OBJECT *obj, int lastpos);
int X509_NAME_get_text_by_NID(const X509_NAME *name, int nid, char *buf, int len);
int X509_NAME_get_text_by_OBJ(const X509_NAME *name, const ASN1_OBJECT *obj, char *buf, int len);
ASN1_OBJECT *X509_NAME_ENTRY_get_object(const X509_NAME_ENTRY *ne);
ASN1_STRING *X509_NAME_ENTRY_get_data(const X509_NAME_ENTRY *ne);
int X509_NAME_ENTRY_set(const X509_NAME_ENTRY *ne);
int X509_NAME_cmp(const X509_NAME *a, const X509_NAME *b);
char *X509_NAME_oneline(const X509_NAME *a, char *buf, int size);
int X509_NAME_print_ex(BIO *out, const X509_NAME *nm, int indent, unsigned long flags);
int X509_NAME_print_ex_fp(FILE *fp, const X509_NAME *nm, int indent, unsigned long flags);
int X509_NAME_print(BIO *bp, const X509_NAME *name, int obase);
/* OpenSSL's name hash (SHA-1 of the canonical encoding): what names the
 * files of a hashed certificate directory. */
unsigned long X509_NAME_hash_ex(const X509_NAME *x, void *libctx, const char *propq, int *ok);
unsigned long X509_NAME_hash(const X509_NAME *x);
unsigned long X509_subject_name_hash(X509 *x);
unsigned long X509_issuer_name_hash(X509 *x);

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

/* What a certificate says. The names, serial and times belong to it. */
X509_NAME *X509_get_subject_name(const X509 *x);
X509_NAME *X509_get_issuer_name(const X509 *x);
ASN1_INTEGER *X509_get_serialNumber(X509 *x);
const ASN1_INTEGER *X509_get0_serialNumber(const X509 *x);
long X509_get_version(const X509 *x);
const ASN1_TIME *X509_get0_notBefore(const X509 *x);
const ASN1_TIME *X509_get0_notAfter(const X509 *x);
ASN1_TIME *X509_getm_notBefore(const X509 *x);
ASN1_TIME *X509_getm_notAfter(const X509 *x);
#define X509_get_notBefore X509_getm_notBefore
#define X509_get_notAfter X509_getm_notAfter
int X509_cmp_current_time(const ASN1_TIME *s);
int X509_cmp_time(const ASN1_TIME *s, time_t *t);
EVP_PKEY *X509_get_pubkey(X509 *x);
EVP_PKEY *X509_get0_pubkey(const X509 *x);
int X509_get_signature_nid(const X509 *x);
int X509_digest(const X509 *data, const EVP_MD *type, unsigned char *md, unsigned int *len);
int X509_cmp(const X509 *a, const X509 *b);
X509 *X509_dup(const X509 *x);

/* Certificate revocation lists. */
void X509_CRL_free(X509_CRL *crl);
int X509_CRL_up_ref(X509_CRL *crl);

/* Where the system's trusted certificates are, and the variables that
 * override it. */
const char *X509_get_default_cert_file(void);
const char *X509_get_default_cert_dir(void);
const char *X509_get_default_cert_file_env(void);
const char *X509_get_default_cert_dir_env(void);

/* Stacks of certificates and names. */
DEFINE_STACK_OF(X509)
DEFINE_STACK_OF(X509_NAME)
DEFINE_STACK_OF(X509_NAME_ENTRY)

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_X509_H */
