/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_X509V3_H
#define OPENSSL_X509V3_H

#include <stddef.h>

#include <openssl/asn1.h>
#include <openssl/safestack.h>
#include <openssl/types.h>
#include <openssl/x509.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A value of any type: the tag, and the contents as a string (or the
 * object for an OBJECT IDENTIFIER). The layout is public in OpenSSL. */
typedef struct asn1_type_st {
    int type;
    union {
        char *ptr;
        ASN1_STRING *asn1_string;
        ASN1_OBJECT *object;
        ASN1_INTEGER *integer;
        ASN1_OCTET_STRING *octet_string;
        ASN1_PRINTABLESTRING *printablestring;
        ASN1_IA5STRING *ia5string;
        ASN1_UTF8STRING *utf8string;
        ASN1_STRING *sequence;
    } value;
} ASN1_TYPE;

typedef struct otherName_st {
    ASN1_OBJECT *type_id;
    ASN1_TYPE *value;
} OTHERNAME;

/* General names, as in a subjectAltName extension. Public in OpenSSL. */
#define GEN_OTHERNAME 0
#define GEN_EMAIL 1
#define GEN_DNS 2
#define GEN_X400 3
#define GEN_DIRNAME 4
#define GEN_EDIPARTY 5
#define GEN_URI 6
#define GEN_IPADD 7
#define GEN_RID 8

typedef struct GENERAL_NAME_st {
    int type;
    union {
        char *ptr;
        OTHERNAME *otherName;
        ASN1_IA5STRING *rfc822Name;
        ASN1_IA5STRING *dNSName;
        ASN1_STRING *x400Address;
        X509_NAME *directoryName;
        ASN1_STRING *ediPartyName;
        ASN1_IA5STRING *uniformResourceIdentifier;
        ASN1_OCTET_STRING *iPAddress;
        ASN1_OBJECT *registeredID;
        ASN1_OCTET_STRING *ip;
        X509_NAME *dirn;
        ASN1_IA5STRING *ia5;
        ASN1_OBJECT *rid;
        ASN1_TYPE *other;
    } d;
} GENERAL_NAME;

DEFINE_STACK_OF(GENERAL_NAME)
typedef STACK_OF(GENERAL_NAME) GENERAL_NAMES;

void GENERAL_NAME_free(GENERAL_NAME *a);
void GENERAL_NAMES_free(GENERAL_NAMES *a);

/* The decoded extension: subjectAltName and issuerAltName (GENERAL_NAMES);
 * NULL for others. *crit: -1 when absent, else whether it is critical. */
void *X509_get_ext_d2i(const X509 *x, int nid, int *crit, int *idx);

/* Host, address and e-mail checks (1 match, 0 no match, < 0 bad input). */
#define X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT 0x1
#define X509_CHECK_FLAG_NO_WILDCARDS 0x2
#define X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS 0x4
#define X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS 0x8
#define X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS 0x10
#define X509_CHECK_FLAG_NEVER_CHECK_SUBJECT 0x20
int X509_check_host(X509 *x, const char *chk, size_t chklen, unsigned int flags,
                    char **peername);
int X509_check_email(X509 *x, const char *chk, size_t chklen, unsigned int flags);
int X509_check_ip(X509 *x, const unsigned char *chk, size_t chklen, unsigned int flags);
int X509_check_ip_asc(X509 *x, const char *ipasc, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_X509V3_H */
