/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Object identifiers: the table of the ones this library names (OpenSSL's
 * numbers and names), conversions between numbers, names, dotted text and
 * DER, and objects for identifiers without a name.
 */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/objects.h>

/* The DER contents of each identifier are OpenSSL's facts, as obj_mac.h's
 * numbers and names. Read-only (in flash on a device); OBJ_nid2obj hands
 * out pointers to these, which OpenSSL's contract forbids writing to. */
static const struct asn1_object_st known_objects[] = {
    {NID_commonName, SN_commonName, LN_commonName, (const unsigned char *)"\x55\x04\x03", 3, 0},
    {NID_countryName, SN_countryName, LN_countryName, (const unsigned char *)"\x55\x04\x06", 3, 0},
    {NID_localityName, SN_localityName, LN_localityName, (const unsigned char *)"\x55\x04\x07", 3, 0},
    {NID_stateOrProvinceName, SN_stateOrProvinceName, LN_stateOrProvinceName, (const unsigned char *)"\x55\x04\x08", 3, 0},
    {NID_organizationName, SN_organizationName, LN_organizationName, (const unsigned char *)"\x55\x04\x0a", 3, 0},
    {NID_organizationalUnitName, SN_organizationalUnitName, LN_organizationalUnitName, (const unsigned char *)"\x55\x04\x0b", 3, 0},
    {NID_pkcs9_emailAddress, SN_pkcs9_emailAddress, LN_pkcs9_emailAddress, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01", 9, 0},
    {NID_serialNumber, SN_serialNumber, LN_serialNumber, (const unsigned char *)"\x55\x04\x05", 3, 0},
    {NID_title, SN_title, LN_title, (const unsigned char *)"\x55\x04\x0c", 3, 0},
    {NID_description, SN_description, LN_description, (const unsigned char *)"\x55\x04\x0d", 3, 0},
    {NID_surname, SN_surname, LN_surname, (const unsigned char *)"\x55\x04\x04", 3, 0},
    {NID_givenName, SN_givenName, LN_givenName, (const unsigned char *)"\x55\x04\x2a", 3, 0},
    {NID_initials, SN_initials, LN_initials, (const unsigned char *)"\x55\x04\x2b", 3, 0},
    {NID_name, SN_name, LN_name, (const unsigned char *)"\x55\x04\x29", 3, 0},
    {NID_dnQualifier, SN_dnQualifier, LN_dnQualifier, (const unsigned char *)"\x55\x04\x2e", 3, 0},
    {NID_generationQualifier, SN_generationQualifier, LN_generationQualifier, (const unsigned char *)"\x55\x04\x2c", 3, 0},
    {NID_pseudonym, SN_pseudonym, LN_pseudonym, (const unsigned char *)"\x55\x04\x41", 3, 0},
    {NID_domainComponent, SN_domainComponent, LN_domainComponent, (const unsigned char *)"\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x19", 10, 0},
    {NID_userId, SN_userId, LN_userId, (const unsigned char *)"\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x01", 10, 0},
    {NID_streetAddress, SN_streetAddress, LN_streetAddress, (const unsigned char *)"\x55\x04\x09", 3, 0},
    {NID_postalCode, SN_postalCode, LN_postalCode, (const unsigned char *)"\x55\x04\x11", 3, 0},
    {NID_businessCategory, SN_businessCategory, LN_businessCategory, (const unsigned char *)"\x55\x04\x0f", 3, 0},
    {NID_jurisdictionCountryName, SN_jurisdictionCountryName, LN_jurisdictionCountryName, (const unsigned char *)"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x03", 11, 0},
    {NID_jurisdictionLocalityName, SN_jurisdictionLocalityName, LN_jurisdictionLocalityName, (const unsigned char *)"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x01", 11, 0},
    {NID_jurisdictionStateOrProvinceName, SN_jurisdictionStateOrProvinceName, LN_jurisdictionStateOrProvinceName, (const unsigned char *)"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x02", 11, 0},
    {NID_organizationIdentifier, SN_organizationIdentifier, LN_organizationIdentifier, (const unsigned char *)"\x55\x04\x61", 3, 0},
    {NID_role, SN_role, LN_role, (const unsigned char *)"\x55\x04\x48", 3, 0},
    {NID_pkcs9_unstructuredName, SN_pkcs9_unstructuredName, LN_pkcs9_unstructuredName, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x02", 9, 0},
    {NID_pkcs9_challengePassword, SN_pkcs9_challengePassword, LN_pkcs9_challengePassword, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x07", 9, 0},
    {NID_pkcs9_unstructuredAddress, SN_pkcs9_unstructuredAddress, LN_pkcs9_unstructuredAddress, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x08", 9, 0},
    {NID_rsaEncryption, SN_rsaEncryption, LN_rsaEncryption, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 9, 0},
    {NID_X9_62_id_ecPublicKey, SN_X9_62_id_ecPublicKey, LN_X9_62_id_ecPublicKey, (const unsigned char *)"\x2a\x86\x48\xce\x3d\x02\x01", 7, 0},
    {NID_ED25519, SN_ED25519, LN_ED25519, (const unsigned char *)"\x2b\x65\x70", 3, 0},
    {NID_ED448, SN_ED448, LN_ED448, (const unsigned char *)"\x2b\x65\x71", 3, 0},
    {NID_X25519, SN_X25519, LN_X25519, (const unsigned char *)"\x2b\x65\x6e", 3, 0},
    {NID_X448, SN_X448, LN_X448, (const unsigned char *)"\x2b\x65\x6f", 3, 0},
    {NID_X9_62_prime256v1, SN_X9_62_prime256v1, LN_X9_62_prime256v1, (const unsigned char *)"\x2a\x86\x48\xce\x3d\x03\x01\x07", 8, 0},
    {NID_secp224r1, SN_secp224r1, LN_secp224r1, (const unsigned char *)"\x2b\x81\x04\x00\x21", 5, 0},
    {NID_secp256k1, SN_secp256k1, LN_secp256k1, (const unsigned char *)"\x2b\x81\x04\x00\x0a", 5, 0},
    {NID_secp384r1, SN_secp384r1, LN_secp384r1, (const unsigned char *)"\x2b\x81\x04\x00\x22", 5, 0},
    {NID_secp521r1, SN_secp521r1, LN_secp521r1, (const unsigned char *)"\x2b\x81\x04\x00\x23", 5, 0},
    {NID_sha1, SN_sha1, LN_sha1, (const unsigned char *)"\x2b\x0e\x03\x02\x1a", 5, 0},
    {NID_sha224, SN_sha224, LN_sha224, (const unsigned char *)"\x60\x86\x48\x01\x65\x03\x04\x02\x04", 9, 0},
    {NID_sha256, SN_sha256, LN_sha256, (const unsigned char *)"\x60\x86\x48\x01\x65\x03\x04\x02\x01", 9, 0},
    {NID_sha384, SN_sha384, LN_sha384, (const unsigned char *)"\x60\x86\x48\x01\x65\x03\x04\x02\x02", 9, 0},
    {NID_sha512, SN_sha512, LN_sha512, (const unsigned char *)"\x60\x86\x48\x01\x65\x03\x04\x02\x03", 9, 0},
    {NID_md5, SN_md5, LN_md5, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x02\x05", 8, 0},
    {NID_sha1WithRSAEncryption, SN_sha1WithRSAEncryption, LN_sha1WithRSAEncryption, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x05", 9, 0},
    {NID_sha256WithRSAEncryption, SN_sha256WithRSAEncryption, LN_sha256WithRSAEncryption, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b", 9, 0},
    {NID_sha384WithRSAEncryption, SN_sha384WithRSAEncryption, LN_sha384WithRSAEncryption, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0c", 9, 0},
    {NID_sha512WithRSAEncryption, SN_sha512WithRSAEncryption, LN_sha512WithRSAEncryption, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0d", 9, 0},
    {NID_sha224WithRSAEncryption, SN_sha224WithRSAEncryption, LN_sha224WithRSAEncryption, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0e", 9, 0},
    {NID_ecdsa_with_SHA1, SN_ecdsa_with_SHA1, LN_ecdsa_with_SHA1, (const unsigned char *)"\x2a\x86\x48\xce\x3d\x04\x01", 7, 0},
    {NID_ecdsa_with_SHA256, SN_ecdsa_with_SHA256, LN_ecdsa_with_SHA256, (const unsigned char *)"\x2a\x86\x48\xce\x3d\x04\x03\x02", 8, 0},
    {NID_ecdsa_with_SHA384, SN_ecdsa_with_SHA384, LN_ecdsa_with_SHA384, (const unsigned char *)"\x2a\x86\x48\xce\x3d\x04\x03\x03", 8, 0},
    {NID_ecdsa_with_SHA512, SN_ecdsa_with_SHA512, LN_ecdsa_with_SHA512, (const unsigned char *)"\x2a\x86\x48\xce\x3d\x04\x03\x04", 8, 0},
    {NID_rsassaPss, SN_rsassaPss, LN_rsassaPss, (const unsigned char *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a", 9, 0},
    {NID_subject_alt_name, SN_subject_alt_name, LN_subject_alt_name, (const unsigned char *)"\x55\x1d\x11", 3, 0},
    {NID_key_usage, SN_key_usage, LN_key_usage, (const unsigned char *)"\x55\x1d\x0f", 3, 0},
    {NID_ext_key_usage, SN_ext_key_usage, LN_ext_key_usage, (const unsigned char *)"\x55\x1d\x25", 3, 0},
    {NID_basic_constraints, SN_basic_constraints, LN_basic_constraints, (const unsigned char *)"\x55\x1d\x13", 3, 0},
    {NID_subject_key_identifier, SN_subject_key_identifier, LN_subject_key_identifier, (const unsigned char *)"\x55\x1d\x0e", 3, 0},
    {NID_authority_key_identifier, SN_authority_key_identifier, LN_authority_key_identifier, (const unsigned char *)"\x55\x1d\x23", 3, 0},
    {NID_crl_distribution_points, SN_crl_distribution_points, LN_crl_distribution_points, (const unsigned char *)"\x55\x1d\x1f", 3, 0},
    {NID_info_access, SN_info_access, LN_info_access, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x01\x01", 8, 0},
    {NID_certificate_policies, SN_certificate_policies, LN_certificate_policies, (const unsigned char *)"\x55\x1d\x20", 3, 0},
    {NID_issuer_alt_name, SN_issuer_alt_name, LN_issuer_alt_name, (const unsigned char *)"\x55\x1d\x12", 3, 0},
    {NID_server_auth, SN_server_auth, LN_server_auth, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x03\x01", 8, 0},
    {NID_client_auth, SN_client_auth, LN_client_auth, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x03\x02", 8, 0},
    {NID_code_sign, SN_code_sign, LN_code_sign, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x03\x03", 8, 0},
    {NID_email_protect, SN_email_protect, LN_email_protect, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x03\x04", 8, 0},
    {NID_time_stamp, SN_time_stamp, LN_time_stamp, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x03\x08", 8, 0},
    {NID_OCSP_sign, SN_OCSP_sign, LN_OCSP_sign, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x03\x09", 8, 0},
    {NID_ad_OCSP, SN_ad_OCSP, LN_ad_OCSP, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x30\x01", 8, 0},
    {NID_ad_ca_issuers, SN_ad_ca_issuers, LN_ad_ca_issuers, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x30\x02", 8, 0},
    {NID_netscape_cert_type, SN_netscape_cert_type, LN_netscape_cert_type, (const unsigned char *)"\x60\x86\x48\x01\x86\xf8\x42\x01\x01", 9, 0},
    {NID_id_pkix_OCSP_noCheck, SN_id_pkix_OCSP_noCheck, LN_id_pkix_OCSP_noCheck, (const unsigned char *)"\x2b\x06\x01\x05\x05\x07\x30\x01\x05", 9, 0},
};

#define KNOWN_COUNT (sizeof(known_objects) / sizeof(known_objects[0]))

/* A table object as the API hands it out: OpenSSL's type is not const,
 * its contract is that shared objects are never written or freed. */
static ASN1_OBJECT *shared(const struct asn1_object_st *o)
{
    return (ASN1_OBJECT *)o;
}

ASN1_OBJECT *shim_obj_by_nid(int nid)
{
    size_t i;

    for (i = 0; i < KNOWN_COUNT; i++) {
        if (known_objects[i].nid == nid)
            return shared(&known_objects[i]);
    }
    return NULL;
}

static ASN1_OBJECT *known_by_der(const unsigned char *der, size_t len)
{
    size_t i;

    for (i = 0; i < KNOWN_COUNT; i++) {
        if (known_objects[i].len == len && memcmp(known_objects[i].der, der, len) == 0)
            return shared(&known_objects[i]);
    }
    return NULL;
}

SHIM_EXPORT ASN1_OBJECT *OBJ_nid2obj(int n)
{
    struct asn1_object_st *o = shim_obj_by_nid(n);

    SHIM_ENSURE(o != NULL, ERR_LIB_OBJ, OBJ_R_UNKNOWN_NID, NULL);
    return o;
}

SHIM_EXPORT const char *OBJ_nid2sn(int n)
{
    struct asn1_object_st *o;

    if (n == NID_undef)
        return SN_undef;
    o = OBJ_nid2obj(n);
    return o != NULL ? o->sn : NULL;
}

SHIM_EXPORT const char *OBJ_nid2ln(int n)
{
    struct asn1_object_st *o;

    if (n == NID_undef)
        return LN_undef;
    o = OBJ_nid2obj(n);
    return o != NULL ? o->ln : NULL;
}

SHIM_EXPORT int OBJ_obj2nid(const ASN1_OBJECT *o)
{
    const struct asn1_object_st *known;

    if (o == NULL)
        return NID_undef;
    if (o->nid != NID_undef)
        return o->nid;
    known = known_by_der(o->der, o->len);
    return known != NULL ? known->nid : NID_undef;
}

SHIM_EXPORT int OBJ_sn2nid(const char *s)
{
    size_t i;

    for (i = 0; s != NULL && i < KNOWN_COUNT; i++) {
        if (strcmp(known_objects[i].sn, s) == 0)
            return known_objects[i].nid;
    }
    return NID_undef;
}

SHIM_EXPORT int OBJ_ln2nid(const char *s)
{
    size_t i;

    for (i = 0; s != NULL && i < KNOWN_COUNT; i++) {
        if (strcmp(known_objects[i].ln, s) == 0)
            return known_objects[i].nid;
    }
    return NID_undef;
}

/* Dotted text into DER contents (at most max bytes); the length, or 0 if
 * the text is not an identifier. */
static size_t dotted_to_der(const char *text, unsigned char *der, size_t max)
{
    uint64_t arcs[2] = {0, 0};
    size_t used = 0;
    int index = 0;

    for (;;) {
        uint64_t arc = 0;
        unsigned char bytes[10];
        size_t count = 0;
        const char *start = text;

        while (*text >= '0' && *text <= '9') {
            if (arc > (UINT64_MAX - 9) / 10)
                return 0;
            arc = arc * 10 + (uint64_t)(*text++ - '0');
        }
        if (text == start || (*text != '.' && *text != '\0'))
            return 0;
        if (index < 2) {
            arcs[index] = arc;
            if (index == 1) {
                /* The first two arcs share the first subidentifier. */
                if (arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40) ||
                    arcs[1] > UINT64_MAX - 80)
                    return 0;
                arc = arcs[0] * 40 + arcs[1];
            }
        }
        if (index >= 1) {
            do {
                bytes[count++] = (unsigned char)(arc & 0x7f);
                arc >>= 7;
            } while (arc != 0);
            if (used + count > max)
                return 0;
            while (count > 0) {
                count--;
                der[used++] = (unsigned char)(bytes[count] | (count > 0 ? 0x80 : 0));
            }
        }
        index++;
        if (*text == '\0')
            break;
        text++;
    }
    return index >= 2 ? used : 0;
}

/* DER contents into dotted text, snprintf-style; -1 if not valid DER. */
static int der_to_dotted(const unsigned char *der, size_t len, char *buf, size_t size)
{
    size_t total = 0;
    uint64_t arc = 0;
    int first = 1;
    size_t i;

    if (len == 0 || (der[len - 1] & 0x80))
        return -1;
    for (i = 0; i < len; i++) {
        char piece[48];
        int n;

        /* A leading 0x80 would pad the number (not DER). */
        if (arc == 0 && der[i] == 0x80)
            return -1;
        if (arc > (UINT64_MAX >> 7))
            return -1;
        arc = (arc << 7) | (der[i] & 0x7f);
        if (der[i] & 0x80)
            continue;
        if (first) {
            uint64_t top = arc < 80 ? arc / 40 : 2;

            n = snprintf(piece, sizeof(piece), "%llu.%llu", (unsigned long long)top,
                         (unsigned long long)(arc - top * 40));
            first = 0;
        } else {
            n = snprintf(piece, sizeof(piece), ".%llu", (unsigned long long)arc);
        }
        if (total < size)
            snprintf(buf + total, size - total, "%s", piece);
        total += (size_t)n;
        arc = 0;
    }
    return (int)total;
}

ASN1_OBJECT *shim_obj_from_der(const unsigned char *der, size_t len)
{
    struct asn1_object_st *known = known_by_der(der, len);
    struct asn1_object_st *o;
    unsigned char *copy;

    if (known != NULL)
        return known;
    SHIM_ENSURE(len > 0 && der_to_dotted(der, len, NULL, 0) > 0, ERR_LIB_ASN1, ASN1_R_WRONG_TAG,
                NULL);
    o = shim_calloc(1, sizeof(*o));
    copy = shim_malloc(len);
    if (o == NULL || copy == NULL) {
        shim_free(o);
        shim_free(copy);
        SHIM_ERR(ERR_LIB_OBJ, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    memcpy(copy, der, len);
    o->der = copy;
    o->len = len;
    o->dynamic = 1;
    return o;
}

SHIM_EXPORT ASN1_OBJECT *OBJ_txt2obj(const char *s, int no_name)
{
    unsigned char der[128];
    size_t len;
    int nid;

    SHIM_ENSURE_ARG(s, ERR_LIB_OBJ, NULL);
    if (!no_name) {
        nid = OBJ_sn2nid(s);
        if (nid == NID_undef)
            nid = OBJ_ln2nid(s);
        if (nid != NID_undef)
            return OBJ_nid2obj(nid);
    }
    len = dotted_to_der(s, der, sizeof(der));
    SHIM_ENSURE(len > 0, ERR_LIB_OBJ, OBJ_R_UNKNOWN_OBJECT_NAME, NULL);
    return shim_obj_from_der(der, len);
}

SHIM_EXPORT int OBJ_txt2nid(const char *s)
{
    ASN1_OBJECT *o = OBJ_txt2obj(s, 0);
    int nid = OBJ_obj2nid(o);

    ASN1_OBJECT_free(o);
    return nid;
}

SHIM_EXPORT int OBJ_obj2txt(char *buf, int buf_len, const ASN1_OBJECT *a, int no_name)
{
    int nid = OBJ_obj2nid(a);
    int n;

    if (buf != NULL && buf_len > 0)
        buf[0] = '\0';
    if (a == NULL || a->len == 0)
        return 0;
    if (!no_name && nid != NID_undef) {
        const struct asn1_object_st *known = shim_obj_by_nid(nid);

        n = snprintf(buf, buf != NULL && buf_len > 0 ? (size_t)buf_len : 0, "%s", known->ln);
        return n;
    }
    n = der_to_dotted(a->der, a->len, buf, buf != NULL && buf_len > 0 ? (size_t)buf_len : 0);
    return n < 0 ? -1 : n;
}

SHIM_EXPORT int OBJ_cmp(const ASN1_OBJECT *a, const ASN1_OBJECT *b)
{
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return memcmp(a->der, b->der, a->len);
}

SHIM_EXPORT ASN1_OBJECT *OBJ_dup(const ASN1_OBJECT *o)
{
    SHIM_ENSURE_ARG(o, ERR_LIB_OBJ, NULL);
    return o->dynamic ? shim_obj_from_der(o->der, o->len) : (ASN1_OBJECT *)o;
}

SHIM_EXPORT size_t OBJ_length(const ASN1_OBJECT *obj)
{
    return obj != NULL ? obj->len : 0;
}

SHIM_EXPORT const unsigned char *OBJ_get0_data(const ASN1_OBJECT *obj)
{
    return obj != NULL ? obj->der : NULL;
}

/* Objects from the table are shared and never freed. */
SHIM_EXPORT void ASN1_OBJECT_free(ASN1_OBJECT *a)
{
    if (a == NULL || !a->dynamic)
        return;
    shim_free((void *)a->der);
    shim_free(a);
}
