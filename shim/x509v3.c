/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Certificate extensions as OpenSSL decodes them (subjectAltName and
 * issuerAltName into GENERAL_NAMES), and X509_check_host, _ip, _ip_asc and
 * _email. Extensions are read from the certificate's own DER, which keeps
 * every kind of name and the critical flag.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>

/* Finds the extension with this identifier: its value (the contents of the
 * extnValue OCTET STRING) and criticality. 1 found, 0 absent, -1 when it
 * appears more than once or the extensions do not parse. */
static int find_extension(const mbedtls_x509_crt *crt, const ASN1_OBJECT *oid,
                          unsigned char **value, size_t *value_len, int *critical)
{
    unsigned char *p = crt->v3_ext.p;
    const unsigned char *end;
    size_t len;
    int found = 0;

    if (p == NULL || crt->v3_ext.len == 0)
        return 0;
    end = p + crt->v3_ext.len;
    if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
        return -1;
    end = p + len;
    while (p < end) {
        const unsigned char *ext_end;
        int is_critical = 0;
        size_t oid_len;
        unsigned char *oid_p;

        if (mbedtls_asn1_get_tag(&p, end, &len,
                                 MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
            return -1;
        ext_end = p + len;
        if (mbedtls_asn1_get_tag(&p, ext_end, &oid_len, MBEDTLS_ASN1_OID) != 0)
            return -1;
        oid_p = p;
        p += oid_len;
        /* critical is DEFAULT FALSE: absent unless set. */
        if (mbedtls_asn1_get_bool(&p, ext_end, &is_critical) != 0)
            is_critical = 0;
        if (mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_OCTET_STRING) != 0)
            return -1;
        if (oid_len == oid->len && memcmp(oid_p, oid->der, oid_len) == 0) {
            if (found)
                return -1;
            found = 1;
            *value = p;
            *value_len = len;
            *critical = is_critical;
        }
        p = (unsigned char *)ext_end;
    }
    return found;
}

SHIM_EXPORT void GENERAL_NAME_free(GENERAL_NAME *a)
{
    if (a == NULL)
        return;
    switch (a->type) {
    case GEN_OTHERNAME:
        if (a->d.otherName != NULL) {
            ASN1_OBJECT_free(a->d.otherName->type_id);
            if (a->d.otherName->value != NULL)
                ASN1_STRING_free(a->d.otherName->value->value.asn1_string);
            shim_free(a->d.otherName->value);
            shim_free(a->d.otherName);
        }
        break;
    case GEN_DIRNAME:
        X509_NAME_free(a->d.directoryName);
        break;
    case GEN_RID:
        ASN1_OBJECT_free(a->d.registeredID);
        break;
    default:
        ASN1_STRING_free(a->d.ia5);
        break;
    }
    shim_free(a);
}

SHIM_EXPORT void GENERAL_NAMES_free(GENERAL_NAMES *a)
{
    sk_GENERAL_NAME_pop_free(a, GENERAL_NAME_free);
}

/* otherName: SEQUENCE { type-id OID, [0] EXPLICIT value }, contents only. */
static OTHERNAME *other_name(unsigned char *p, size_t len)
{
    const unsigned char *end = p + len;
    OTHERNAME *on = shim_calloc(1, sizeof(*on));
    size_t n;
    int tag;

    if (on == NULL)
        return NULL;
    on->value = shim_calloc(1, sizeof(*on->value));
    if (on->value == NULL || mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_OID) != 0 ||
        (on->type_id = shim_obj_from_der(p, n)) == NULL)
        goto err;
    p += n;
    if (mbedtls_asn1_get_tag(&p, end, &n,
                             MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 0) != 0 ||
        end - p < 2)
        goto err;
    tag = *p++;
    if (mbedtls_asn1_get_len(&p, end, &n) != 0)
        goto err;
    on->value->type = tag;
    on->value->value.asn1_string = shim_asn1_string(tag, p, n);
    if (on->value->value.asn1_string == NULL)
        goto err;
    return on;
err:
    ASN1_OBJECT_free(on->type_id);
    shim_free(on->value);
    shim_free(on);
    return NULL;
}

/* One GeneralName from its tag and contents. */
static GENERAL_NAME *general_name(int tag, unsigned char *p, size_t len)
{
    GENERAL_NAME *gn = shim_calloc(1, sizeof(*gn));

    if (gn == NULL)
        return NULL;
    gn->type = tag & 0x1f;
    switch (gn->type) {
    case GEN_OTHERNAME:
        gn->d.otherName = other_name(p, len);
        break;
    case GEN_EMAIL:
    case GEN_DNS:
    case GEN_URI:
        gn->d.ia5 = shim_asn1_string(V_ASN1_IA5STRING, p, len);
        break;
    case GEN_IPADD:
        gn->d.iPAddress = shim_asn1_string(V_ASN1_OCTET_STRING, p, len);
        break;
    case GEN_DIRNAME:
        /* [4] is explicit: the contents are a whole Name. */
        gn->d.directoryName = shim_x509_name(p, len);
        break;
    case GEN_RID:
        gn->d.registeredID = shim_obj_from_der(p, len);
        break;
    default:
        gn->d.other = NULL;
        gn->d.x400Address = shim_asn1_string(V_ASN1_SEQUENCE, p, len);
        break;
    }
    if (gn->d.ptr == NULL) {
        shim_free(gn);
        return NULL;
    }
    return gn;
}

/* GeneralNames: SEQUENCE OF GeneralName. */
static GENERAL_NAMES *general_names(unsigned char *p, size_t len)
{
    const unsigned char *end = p + len;
    GENERAL_NAMES *names = sk_GENERAL_NAME_new_null();
    size_t n;

    if (names == NULL)
        return NULL;
    if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
        goto err;
    end = p + n;
    while (p < end) {
        int tag = *p++;
        GENERAL_NAME *gn;

        if (mbedtls_asn1_get_len(&p, end, &n) != 0 ||
            (gn = general_name(tag, p, n)) == NULL)
            goto err;
        if (!sk_GENERAL_NAME_push(names, gn)) {
            GENERAL_NAME_free(gn);
            goto err;
        }
        p += n;
    }
    return names;
err:
    GENERAL_NAMES_free(names);
    SHIM_ERR(ERR_LIB_X509V3, ERR_R_NESTED_ASN1_ERROR);
    return NULL;
}

SHIM_EXPORT void *X509_get_ext_d2i(const X509 *x, int nid, int *crit, int *idx)
{
    const ASN1_OBJECT *oid = shim_obj_by_nid(nid);
    unsigned char *value = NULL;
    size_t len = 0;
    int critical = 0;
    int found;

    if (crit != NULL)
        *crit = -1;
    /* Only the first occurrence is looked for; idx is that position. */
    if (x == NULL || oid == NULL || (idx != NULL && *idx >= 0))
        return NULL;
    found = find_extension(&x->crt, oid, &value, &len, &critical);
    if (found <= 0) {
        if (found < 0 && crit != NULL)
            *crit = -2;
        return NULL;
    }
    if (crit != NULL)
        *crit = critical;
    if (nid != NID_subject_alt_name && nid != NID_issuer_alt_name) {
        /* Present, but not a kind this library decodes. */
        SHIM_ERR(ERR_LIB_X509V3, ERR_R_UNSUPPORTED);
        return NULL;
    }
    return general_names(value, len);
}

/* ---- Checks ------------------------------------------------------------------------ */

/* chklen 0 means strlen; a trailing NUL is allowed, an inner one is not. */
static char *checked_copy(const char *chk, size_t chklen)
{
    char *copy;

    if (chk == NULL)
        return NULL;
    if (chklen == 0)
        chklen = strlen(chk);
    else if (chklen > 1 && chk[chklen - 1] == '\0')
        chklen--;
    if (memchr(chk, '\0', chklen) != NULL)
        return NULL;
    copy = shim_malloc(chklen + 1);
    if (copy != NULL) {
        memcpy(copy, chk, chklen);
        copy[chklen] = '\0';
    }
    return copy;
}

SHIM_EXPORT int X509_check_host(X509 *x, const char *chk, size_t chklen, unsigned int flags,
                                char **peername)
{
    char *host;
    int ret;

    if (peername != NULL)
        *peername = NULL;
    if (x == NULL || (host = checked_copy(chk, chklen)) == NULL)
        return -2;
    ret = host[0] != '\0' && shim_host_matches(&x->crt, host, flags | SHIM_CHECK_AS_DNS, peername);
    shim_free(host);
    return ret;
}

SHIM_EXPORT int X509_check_ip(X509 *x, const unsigned char *chk, size_t chklen, unsigned int flags)
{
    (void)flags;
    if (x == NULL || chk == NULL)
        return -2;
    return shim_ip_matches(&x->crt, chk, chklen);
}

SHIM_EXPORT int X509_check_ip_asc(X509 *x, const char *ipasc, unsigned int flags)
{
    unsigned char ip[16];
    size_t len;

    (void)flags;
    if (x == NULL || ipasc == NULL || (len = shim_parse_ip(ipasc, ip)) == 0)
        return -2;
    return shim_ip_matches(&x->crt, ip, len);
}

SHIM_EXPORT int X509_check_email(X509 *x, const char *chk, size_t chklen, unsigned int flags)
{
    char *email;
    int found;

    if (x == NULL || (email = checked_copy(chk, chklen)) == NULL)
        return -2;
    found = shim_email_matches(&x->crt, email, flags);
    shim_free(email);
    return found;
}
