/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_ASN1_H
#define OPENSSL_ASN1_H

#include <time.h>

#include <openssl/bio.h>
#include <openssl/safestack.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Universal tags, as OpenSSL names them. */
#define V_ASN1_UNDEF -1
#define V_ASN1_EOC 0
#define V_ASN1_BOOLEAN 1
#define V_ASN1_INTEGER 2
#define V_ASN1_BIT_STRING 3
#define V_ASN1_OCTET_STRING 4
#define V_ASN1_NULL 5
#define V_ASN1_OBJECT 6
#define V_ASN1_ENUMERATED 10
#define V_ASN1_UTF8STRING 12
#define V_ASN1_SEQUENCE 16
#define V_ASN1_SET 17
#define V_ASN1_NUMERICSTRING 18
#define V_ASN1_PRINTABLESTRING 19
#define V_ASN1_T61STRING 20
#define V_ASN1_TELETEXSTRING 20
#define V_ASN1_VIDEOTEXSTRING 21
#define V_ASN1_IA5STRING 22
#define V_ASN1_UTCTIME 23
#define V_ASN1_GENERALIZEDTIME 24
#define V_ASN1_GRAPHICSTRING 25
#define V_ASN1_ISO64STRING 26
#define V_ASN1_VISIBLESTRING 26
#define V_ASN1_GENERALSTRING 27
#define V_ASN1_UNIVERSALSTRING 28
#define V_ASN1_BMPSTRING 30
#define V_ASN1_NEG 0x100
#define V_ASN1_NEG_INTEGER (2 | V_ASN1_NEG)
#define V_ASN1_NEG_ENUMERATED (10 | V_ASN1_NEG)

/* The string's layout is public in OpenSSL, and legacy code reads it. */
struct asn1_string_st {
    int length;
    int type;
    unsigned char *data;
    long flags;
};

/* String printing flags (X509_NAME_print_ex and friends). */
#define ASN1_STRFLGS_ESC_2253 1
#define ASN1_STRFLGS_ESC_CTRL 2
#define ASN1_STRFLGS_ESC_MSB 4
#define ASN1_STRFLGS_ESC_2254 0x400
#define ASN1_STRFLGS_ESC_QUOTE 8
#define CHARTYPE_PRINTABLESTRING 0x10
#define CHARTYPE_FIRST_ESC_2253 0x20
#define CHARTYPE_LAST_ESC_2253 0x40
#define ASN1_STRFLGS_UTF8_CONVERT 0x10
#define ASN1_STRFLGS_IGNORE_TYPE 0x20
#define ASN1_STRFLGS_SHOW_TYPE 0x40
#define ASN1_STRFLGS_DUMP_ALL 0x80
#define ASN1_STRFLGS_DUMP_UNKNOWN 0x100
#define ASN1_STRFLGS_DUMP_DER 0x200
#define ASN1_STRFLGS_RFC2253                                                                  \
    (ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB |                   \
     ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_DUMP_UNKNOWN | ASN1_STRFLGS_DUMP_DER)

/* Reasons of the ASN1 library used so far. */
#define ASN1_R_HEADER_TOO_LONG 123
#define ASN1_R_ILLEGAL_TIME_VALUE 184
#define ASN1_R_ILLEGAL_ZERO_CONTENT 222
#define ASN1_R_NOT_ENOUGH_DATA 142
#define ASN1_R_TOO_LONG 155
#define ASN1_R_UNKNOWN_FORMAT 160
#define ASN1_R_TOO_LARGE 223
#define ASN1_R_WRONG_TAG 168

ASN1_STRING *ASN1_STRING_new(void);
ASN1_STRING *ASN1_STRING_type_new(int type);
void ASN1_STRING_free(ASN1_STRING *a);
ASN1_STRING *ASN1_STRING_dup(const ASN1_STRING *a);
int ASN1_STRING_set(ASN1_STRING *str, const void *data, int len);
int ASN1_STRING_cmp(const ASN1_STRING *a, const ASN1_STRING *b);
const unsigned char *ASN1_STRING_get0_data(const ASN1_STRING *x);
unsigned char *ASN1_STRING_data(ASN1_STRING *x);
int ASN1_STRING_length(const ASN1_STRING *x);
int ASN1_STRING_type(const ASN1_STRING *x);
/* The string in UTF-8 (OPENSSL_malloc'ed, NUL-terminated); its length or -1. */
int ASN1_STRING_to_UTF8(unsigned char **out, const ASN1_STRING *in);
int ASN1_STRING_print_ex(BIO *out, const ASN1_STRING *str, unsigned long flags);
#define ASN1_IA5STRING_free ASN1_STRING_free
#define ASN1_OCTET_STRING_free ASN1_STRING_free
#define ASN1_UTF8STRING_free ASN1_STRING_free
#define ASN1_INTEGER_free ASN1_STRING_free
#define ASN1_TIME_free ASN1_STRING_free

long ASN1_INTEGER_get(const ASN1_INTEGER *a);

int ASN1_TIME_print(BIO *bp, const ASN1_TIME *tm);
int ASN1_TIME_to_tm(const ASN1_TIME *s, struct tm *tm);
int ASN1_TIME_check(const ASN1_TIME *t);
/* Days and seconds from from to to (either NULL: now). */
int ASN1_TIME_diff(int *pday, int *psec, const ASN1_TIME *from, const ASN1_TIME *to);

void ASN1_OBJECT_free(ASN1_OBJECT *a);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_ASN1_H */
