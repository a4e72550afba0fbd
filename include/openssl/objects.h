/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_OBJECTS_H
#define OPENSSL_OBJECTS_H

#include <stddef.h>

#include <openssl/asn1.h>
#include <openssl/obj_mac.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reasons of the OBJ library used so far. */
#define OBJ_R_UNKNOWN_NID 101
#define OBJ_R_UNKNOWN_OBJECT_NAME 103

ASN1_OBJECT *OBJ_nid2obj(int n);
const char *OBJ_nid2sn(int n);
const char *OBJ_nid2ln(int n);
int OBJ_obj2nid(const ASN1_OBJECT *o);
int OBJ_sn2nid(const char *s);
int OBJ_ln2nid(const char *s);
/* A short name, a long name, or (any, or with no_name only) dotted text. */
int OBJ_txt2nid(const char *s);
ASN1_OBJECT *OBJ_txt2obj(const char *s, int no_name);
/* The name of o, or with no_name its dotted form; the full length, as
 * snprintf counts it. */
int OBJ_obj2txt(char *buf, int buf_len, const ASN1_OBJECT *a, int no_name);
int OBJ_cmp(const ASN1_OBJECT *a, const ASN1_OBJECT *b);
ASN1_OBJECT *OBJ_dup(const ASN1_OBJECT *o);
size_t OBJ_length(const ASN1_OBJECT *obj);
const unsigned char *OBJ_get0_data(const ASN1_OBJECT *obj);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_OBJECTS_H */
