/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Distinguished names (X509_NAME): built from mbedTLS's parsed names, read
 * entry by entry, compared, and printed in OpenSSL's formats (the "/A=b"
 * one-line form, X509_NAME_print_ex with its XN_FLAG_* and ASN1_STRFLGS_*
 * flags, and the old X509_NAME_print form).
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>

struct X509_name_entry_st {
    ASN1_OBJECT *object;
    ASN1_STRING *value;
    int set; /* the RDN it belongs to, counted from 0 */
};

struct X509_name_st {
    X509_NAME_ENTRY **entries;
    int count;
    unsigned char *der; /* the encoding it was read from (what is sent as a CA name) */
    size_t der_len;
};

static void entry_free(X509_NAME_ENTRY *e)
{
    if (e == NULL)
        return;
    ASN1_OBJECT_free(e->object);
    ASN1_STRING_free(e->value);
    shim_free(e);
}

SHIM_EXPORT X509_NAME *X509_NAME_new(void)
{
    X509_NAME *name = shim_calloc(1, sizeof(*name));

    SHIM_ENSURE(name != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    return name;
}

SHIM_EXPORT void X509_NAME_free(X509_NAME *name)
{
    int i;

    if (name == NULL)
        return;
    for (i = 0; i < name->count; i++)
        entry_free(name->entries[i]);
    shim_free(name->entries);
    shim_free(name->der);
    shim_free(name);
}

static int name_add(X509_NAME *name, ASN1_OBJECT *object, ASN1_STRING *value, int set)
{
    X509_NAME_ENTRY **grown;
    X509_NAME_ENTRY *e = shim_calloc(1, sizeof(*e));

    grown = e != NULL && name->count < INT_MAX
                ? shim_realloc(name->entries, ((size_t)name->count + 1) * sizeof(*grown))
                : NULL;
    if (grown == NULL) {
        shim_free(e);
        ASN1_OBJECT_free(object);
        ASN1_STRING_free(value);
        SHIM_ERR(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    name->entries = grown;
    e->object = object;
    e->value = value;
    e->set = set;
    name->entries[name->count++] = e;
    return 1;
}

/* One AttributeTypeAndValue, at *p: SEQUENCE { type OID, value }. */
static int parse_attribute(unsigned char **p, const unsigned char *end, X509_NAME *name, int set)
{
    const unsigned char *seq_end;
    ASN1_OBJECT *object;
    ASN1_STRING *value;
    size_t len;
    int tag;

    if (mbedtls_asn1_get_tag(p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
        return 0;
    seq_end = *p + len;
    if (mbedtls_asn1_get_tag(p, seq_end, &len, MBEDTLS_ASN1_OID) != 0)
        return 0;
    object = shim_obj_from_der(*p, len);
    if (object == NULL)
        return 0;
    *p += len;
    /* The value: any single element; its tag is the string type. */
    if (seq_end - *p < 2) {
        ASN1_OBJECT_free(object);
        return 0;
    }
    tag = **p;
    (*p)++;
    if (mbedtls_asn1_get_len(p, seq_end, &len) != 0 || *p + len != seq_end) {
        ASN1_OBJECT_free(object);
        return 0;
    }
    value = shim_asn1_string(tag, *p, len);
    if (value == NULL) {
        ASN1_OBJECT_free(object);
        return 0;
    }
    *p += len;
    return name_add(name, object, value, set);
}

X509_NAME *shim_x509_name(const unsigned char *der, size_t der_len)
{
    X509_NAME *name = X509_NAME_new();
    unsigned char *p = (unsigned char *)der;
    const unsigned char *end = der + der_len;
    size_t len;
    int set = 0;

    if (name == NULL)
        return NULL;
    if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0)
        goto err;
    end = p + len;
    name->der_len = (size_t)(end - der);
    name->der = shim_malloc(name->der_len);
    if (name->der == NULL)
        goto err;
    memcpy(name->der, der, name->der_len);
    /* Each RelativeDistinguishedName: a SET of one or more attributes. */
    while (p < end) {
        const unsigned char *set_end;

        if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET) != 0)
            goto err;
        set_end = p + len;
        while (p < set_end) {
            if (!parse_attribute(&p, set_end, name, set))
                goto err;
        }
        set++;
    }
    return name;
err:
    X509_NAME_free(name);
    SHIM_ERR(ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR);
    return NULL;
}

const unsigned char *shim_x509_name_der(const X509_NAME *name, size_t *len)
{
    *len = name->der_len;
    return name->der;
}

SHIM_EXPORT X509_NAME *X509_NAME_dup(const X509_NAME *name)
{
    X509_NAME *copy;
    int i;

    SHIM_ENSURE_ARG(name, ERR_LIB_X509, NULL);
    if (name->der != NULL)
        return shim_x509_name(name->der, name->der_len);
    copy = X509_NAME_new();
    for (i = 0; copy != NULL && i < name->count; i++) {
        const X509_NAME_ENTRY *e = name->entries[i];
        ASN1_OBJECT *object = OBJ_dup(e->object);
        ASN1_STRING *value = object != NULL ? ASN1_STRING_dup(e->value) : NULL;

        if (value == NULL) {
            ASN1_OBJECT_free(object);
            X509_NAME_free(copy);
            return NULL;
        }
        if (!name_add(copy, object, value, e->set)) {
            X509_NAME_free(copy);
            return NULL;
        }
    }
    return copy;
}

/* ---- Entries --------------------------------------------------------------------------- */

SHIM_EXPORT int X509_NAME_entry_count(const X509_NAME *name)
{
    return name != NULL ? name->count : 0;
}

SHIM_EXPORT X509_NAME_ENTRY *X509_NAME_get_entry(const X509_NAME *name, int loc)
{
    if (name == NULL || loc < 0 || loc >= name->count)
        return NULL;
    return name->entries[loc];
}

SHIM_EXPORT ASN1_OBJECT *X509_NAME_ENTRY_get_object(const X509_NAME_ENTRY *ne)
{
    return ne != NULL ? ne->object : NULL;
}

SHIM_EXPORT ASN1_STRING *X509_NAME_ENTRY_get_data(const X509_NAME_ENTRY *ne)
{
    return ne != NULL ? ne->value : NULL;
}

SHIM_EXPORT int X509_NAME_ENTRY_set(const X509_NAME_ENTRY *ne)
{
    return ne != NULL ? ne->set : 0;
}

/* The next entry after lastpos of an object: its index, or -1. */
static int index_of(const X509_NAME *name, const ASN1_OBJECT *obj, int lastpos)
{
    int i;

    if (name == NULL)
        return -1;
    for (i = lastpos < 0 ? 0 : lastpos + 1; i < name->count; i++) {
        if (OBJ_cmp(name->entries[i]->object, obj) == 0)
            return i;
    }
    return -1;
}

SHIM_EXPORT int X509_NAME_get_index_by_OBJ(const X509_NAME *name, const ASN1_OBJECT *obj,
                                           int lastpos)
{
    return obj != NULL ? index_of(name, obj, lastpos) : -2;
}

/* -2 for a number that names no object, as in OpenSSL. */
SHIM_EXPORT int X509_NAME_get_index_by_NID(const X509_NAME *name, int nid, int lastpos)
{
    const ASN1_OBJECT *obj = shim_obj_by_nid(nid);

    return obj != NULL ? index_of(name, obj, lastpos) : -2;
}

/* The first entry's bytes as they are (no conversion), NUL-terminated and
 * cut to len - 1; the number copied, or the length when buf is NULL, or -1
 * when there is no such entry. */
static int text_of(const X509_NAME *name, const ASN1_OBJECT *obj, char *buf, int len)
{
    int i = index_of(name, obj, -1);
    const ASN1_STRING *value;
    int n;

    if (i < 0)
        return -1;
    value = name->entries[i]->value;
    if (buf == NULL)
        return value->length;
    if (len <= 0)
        return 0;
    n = value->length < len - 1 ? value->length : len - 1;
    memcpy(buf, value->data, (size_t)n);
    buf[n] = '\0';
    return n;
}

SHIM_EXPORT int X509_NAME_get_text_by_OBJ(const X509_NAME *name, const ASN1_OBJECT *obj,
                                          char *buf, int len)
{
    return obj != NULL ? text_of(name, obj, buf, len) : -1;
}

SHIM_EXPORT int X509_NAME_get_text_by_NID(const X509_NAME *name, int nid, char *buf, int len)
{
    const ASN1_OBJECT *obj = shim_obj_by_nid(nid);

    return obj != NULL ? text_of(name, obj, buf, len) : -1;
}

/* ---- Comparison -------------------------------------------------------------------------- */

/* OpenSSL compares names in a canonical form: values in UTF-8, lower case
 * (ASCII), without leading or trailing spaces, inner runs of spaces made
 * one. Entries are compared in order; equal names compare 0. */
static int canonical(const ASN1_STRING *value, unsigned char **out)
{
    unsigned char *utf8 = NULL;
    int len = shim_asn1_char_width(value->type) >= 0 ? ASN1_STRING_to_UTF8(&utf8, value) : -1;
    int in;
    int used = 0;
    int pending_space = 0;

    if (len < 0) {
        /* Not a string: compared as its bytes. */
        *out = NULL;
        return -1;
    }
    for (in = 0; in < len; in++) {
        unsigned char c = utf8[in];

        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending_space = used > 0;
            continue;
        }
        if (pending_space)
            utf8[used++] = ' ';
        pending_space = 0;
        utf8[used++] = (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    *out = utf8;
    return used;
}

static int compare_bytes(const unsigned char *a, int alen, const unsigned char *b, int blen)
{
    if (alen != blen)
        return alen < blen ? -1 : 1;
    return alen > 0 ? memcmp(a, b, (size_t)alen) : 0;
}

static int compare_entries(const X509_NAME_ENTRY *a, const X509_NAME_ENTRY *b)
{
    unsigned char *ca = NULL;
    unsigned char *cb = NULL;
    int la;
    int lb;
    int diff;

    if (a->set != b->set)
        return a->set < b->set ? -1 : 1;
    diff = OBJ_cmp(a->object, b->object);
    if (diff != 0)
        return diff;
    la = canonical(a->value, &ca);
    lb = canonical(b->value, &cb);
    if (la >= 0 && lb >= 0)
        diff = compare_bytes(ca, la, cb, lb);
    else
        diff = compare_bytes(a->value->data, a->value->length, b->value->data, b->value->length);
    OPENSSL_free(ca);
    OPENSSL_free(cb);
    return diff;
}

SHIM_EXPORT int X509_NAME_cmp(const X509_NAME *a, const X509_NAME *b)
{
    int i;

    if (a == NULL || b == NULL)
        return a == b ? 0 : a == NULL ? -1 : 1;
    if (a->count != b->count)
        return a->count < b->count ? -1 : 1;
    for (i = 0; i < a->count; i++) {
        int diff = compare_entries(a->entries[i], b->entries[i]);

        if (diff != 0)
            return diff;
    }
    return 0;
}

/* ---- The one-line form ----------------------------------------------------------------- */

/* The field name printed for an object: its short name, else dotted. */
static void field_name(const ASN1_OBJECT *obj, char *buf, size_t size)
{
    int nid = OBJ_obj2nid(obj);

    if (nid != NID_undef)
        snprintf(buf, size, "%s", OBJ_nid2sn(nid));
    else
        OBJ_obj2txt(buf, (int)size, obj, 1);
}

/* An entry as "/SN=value" ("+SN=value" when it continues the RDN before
 * it): bytes outside printable ASCII as \xHH, and '/' and '+' escaped with
 * a backslash, as OpenSSL 3 writes them. A GeneralString of four-byte
 * characters whose high bytes are all zero is written by its low bytes. */
static size_t oneline_entry(const X509_NAME_ENTRY *e, int continues, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    const ASN1_STRING *v = e->value;
    char field[80];
    size_t n;
    int width = 1;
    int i;

    field_name(e->object, field, sizeof(field));
    n = strlen(field) + 2;
    if (out != NULL) {
        out[0] = continues ? '+' : '/';
        memcpy(out + 1, field, n - 2);
        out[n - 1] = '=';
    }
    if (v->type == V_ASN1_GENERALSTRING && v->length % 4 == 0) {
        int narrow = 1;

        for (i = 0; narrow && i < v->length; i += 4)
            narrow = v->data[i] == 0 && v->data[i + 1] == 0 && v->data[i + 2] == 0;
        if (narrow)
            width = 4;
    }
    for (i = width - 1; i < v->length; i += width) {
        unsigned char c = v->data[i];

        if (c < ' ' || c > '~') {
            if (out != NULL) {
                out[n] = '\\';
                out[n + 1] = 'x';
                out[n + 2] = hex[c >> 4];
                out[n + 3] = hex[c & 0xf];
            }
            n += 4;
            continue;
        }
        if (c == '/' || c == '+') {
            if (out != NULL)
                out[n] = '\\';
            n++;
        }
        if (out != NULL)
            out[n] = (char)c;
        n++;
    }
    return n;
}

/* Whether entry i is in the same RDN as the one before it. */
static int continues_rdn(const X509_NAME *a, int i)
{
    return i > 0 && a->entries[i]->set == a->entries[i - 1]->set;
}

SHIM_EXPORT char *X509_NAME_oneline(const X509_NAME *a, char *buf, int size)
{
    size_t total = 0;
    size_t cap;
    char *out;
    int i;

    if (a == NULL) {
        if (buf == NULL)
            return OPENSSL_strdup("NO X509_NAME");
        if (size > 0)
            snprintf(buf, (size_t)size, "%s", "NO X509_NAME");
        return buf;
    }
    /* Allocated to fit, or the caller's buffer: entries that do not fit
     * whole are left out, as in OpenSSL. */
    for (i = 0; i < a->count; i++)
        total += oneline_entry(a->entries[i], continues_rdn(a, i), NULL);
    if (buf == NULL) {
        cap = total + 1;
        out = OPENSSL_malloc(cap);
        SHIM_ENSURE(out != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, NULL);
    } else {
        if (size <= 0)
            return buf;
        cap = (size_t)size;
        out = buf;
    }
    total = 0;
    for (i = 0; i < a->count; i++) {
        size_t n = oneline_entry(a->entries[i], continues_rdn(a, i), NULL);

        if (total + n + 1 > cap)
            break;
        oneline_entry(a->entries[i], continues_rdn(a, i), out + total);
        total += n;
    }
    out[total] = '\0';
    return out;
}

/* ---- X509_NAME_print_ex ---------------------------------------------------------------- */

#define FN_WIDTH_SN 10
#define FN_WIDTH_LN 25

static int put(BIO *out, const char *text, size_t len, long *count)
{
    if (len > 0 && out != NULL && BIO_write(out, text, (int)len) != (int)len)
        return 0;
    *count += (long)len;
    return 1;
}

static int put_spaces(BIO *out, int n, long *count)
{
    static const char spaces[] = "                                ";

    while (n > 0) {
        int chunk = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;

        if (!put(out, spaces, (size_t)chunk, count))
            return 0;
        n -= chunk;
    }
    return 1;
}

/* The separators of each XN_FLAG_SEP_* style: between RDNs, within one. */
static void separators(unsigned long flags, const char **dn, const char **mv)
{
    switch (flags & XN_FLAG_SEP_MASK) {
    case XN_FLAG_SEP_MULTILINE:
        *dn = "\n";
        *mv = " + ";
        break;
    case XN_FLAG_SEP_COMMA_PLUS:
        *dn = ",";
        *mv = "+";
        break;
    case XN_FLAG_SEP_SPLUS_SPC:
        *dn = "; ";
        *mv = " + ";
        break;
    default:
        *dn = ", ";
        *mv = " + ";
        break;
    }
}

static long print_ex(BIO *out, const X509_NAME *nm, int indent, unsigned long flags)
{
    int multiline = (flags & XN_FLAG_SEP_MASK) == XN_FLAG_SEP_MULTILINE;
    unsigned long fn = flags & XN_FLAG_FN_MASK;
    const char *sep_dn;
    const char *sep_mv;
    long count = 0;
    int prev_set = -1;
    int i;

    if (indent < 0)
        indent = 0;
    separators(flags, &sep_dn, &sep_mv);
    if (!put_spaces(out, indent, &count))
        return -1;
    for (i = 0; i < nm->count; i++) {
        const X509_NAME_ENTRY *e = nm->entries[(flags & XN_FLAG_DN_REV) ? nm->count - 1 - i : i];
        int nid = OBJ_obj2nid(e->object);
        char field[80];
        unsigned long string_flags = flags & 0xffff;
        long n;

        if (i > 0) {
            if (e->set == prev_set) {
                if (!put(out, sep_mv, strlen(sep_mv), &count))
                    return -1;
            } else {
                if (!put(out, sep_dn, strlen(sep_dn), &count) ||
                    (multiline && !put_spaces(out, indent, &count)))
                    return -1;
            }
        }
        prev_set = e->set;
        if (fn != XN_FLAG_FN_NONE) {
            int width = 0;

            if (fn == XN_FLAG_FN_OID || nid == NID_undef)
                OBJ_obj2txt(field, sizeof(field), e->object, 1);
            else
                snprintf(field, sizeof(field), "%s",
                         fn == XN_FLAG_FN_LN ? OBJ_nid2ln(nid) : OBJ_nid2sn(nid));
            if (flags & XN_FLAG_FN_ALIGN)
                width = fn == XN_FLAG_FN_LN ? FN_WIDTH_LN : FN_WIDTH_SN;
            if (!put(out, field, strlen(field), &count) ||
                !put_spaces(out, width - (int)strlen(field), &count))
                return -1;
            if (!put(out, (flags & XN_FLAG_SPC_EQ) ? " = " : "=",
                     (flags & XN_FLAG_SPC_EQ) ? 3 : 1, &count))
                return -1;
        }
        /* A field this library cannot name is dumped, if asked. */
        if (nid == NID_undef && (flags & XN_FLAG_DUMP_UNKNOWN_FIELDS))
            string_flags |= ASN1_STRFLGS_DUMP_ALL;
        n = shim_asn1_print_string(out, e->value, string_flags);
        if (n < 0)
            return -1;
        count += n;
    }
    return count;
}

/* The old X509_NAME_print form: the one-line form without its first '/',
 * where a '/' before an upper-case name of one or two letters becomes ", ". */
static int print_compat(BIO *out, const X509_NAME *nm)
{
    char *line = X509_NAME_oneline(nm, NULL, 0);
    const char *p;
    const char *start;
    int ok = 1;

    if (line == NULL)
        return 0;
    start = line[0] == '/' ? line + 1 : line;
    for (p = start; ok && *p != '\0'; p++) {
        int upper1 = p[1] >= 'A' && p[1] <= 'Z';
        int upper2 = upper1 && p[2] >= 'A' && p[2] <= 'Z';

        if (*p == '/' && upper1 && (p[2] == '=' || (upper2 && p[3] == '='))) {
            ok = BIO_write(out, start, (int)(p - start)) == (int)(p - start) &&
                 BIO_write(out, ", ", 2) == 2;
            start = p + 1;
        }
    }
    if (ok && *start != '\0')
        ok = BIO_write(out, start, (int)strlen(start)) == (int)strlen(start);
    OPENSSL_free(line);
    return ok;
}

SHIM_EXPORT int X509_NAME_print_ex(BIO *out, const X509_NAME *nm, int indent, unsigned long flags)
{
    long n;

    SHIM_ENSURE(out != NULL && nm != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, -1);
    if (flags == XN_FLAG_COMPAT)
        return print_compat(out, nm) ? 1 : -1;
    n = print_ex(out, nm, indent, flags);
    return n > INT_MAX ? -1 : (int)n;
}

SHIM_EXPORT int X509_NAME_print_ex_fp(FILE *fp, const X509_NAME *nm, int indent,
                                      unsigned long flags)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    int n;

    if (b == NULL)
        return -1;
    n = X509_NAME_print_ex(b, nm, indent, flags);
    BIO_free(b);
    return n;
}

SHIM_EXPORT int X509_NAME_print(BIO *bp, const X509_NAME *name, int obase)
{
    (void)obase;
    SHIM_ENSURE(bp != NULL && name != NULL, ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER, 0);
    return print_compat(bp, name);
}

/* ---- Hashes ------------------------------------------------------------------------ */

/* Whether OpenSSL canonicalises strings of this type (its ASN1_MASK_CANON). */
static int canonical_type(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_T61STRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_VISIBLESTRING:
        return 1;
    default:
        return 0;
    }
}

/* A DER tag and length. */
static size_t der_header(unsigned char *out, int tag, size_t len)
{
    size_t n = 0;

    out[n++] = (unsigned char)tag;
    if (len < 0x80) {
        out[n++] = (unsigned char)len;
    } else {
        size_t bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;

        out[n++] = (unsigned char)(0x80 | bytes);
        while (bytes-- > 0)
            out[n++] = (unsigned char)(len >> (8 * bytes));
    }
    return n;
}

/* One canonical AttributeTypeAndValue: SEQUENCE { OID, value }, a string
 * value as a UTF8String of its canonical text. Written to out when not
 * NULL; its length, or 0 on failure. */
static size_t canonical_attribute(const X509_NAME_ENTRY *e, unsigned char *out)
{
    unsigned char header[6];
    unsigned char *text = NULL;
    const unsigned char *value;
    size_t value_len;
    int value_tag;
    size_t oid_head;
    size_t value_head;
    size_t body;
    size_t n;

    if (canonical_type(e->value->type)) {
        int len = canonical(e->value, &text);

        if (len < 0)
            return 0;
        value = text;
        value_len = (size_t)len;
        value_tag = V_ASN1_UTF8STRING;
    } else {
        value = e->value->data;
        value_len = (size_t)e->value->length;
        value_tag = e->value->type;
    }
    oid_head = der_header(header, V_ASN1_OBJECT, e->object->len);
    value_head = der_header(header, value_tag, value_len);
    body = oid_head + e->object->len + value_head + value_len;
    n = der_header(header, 0x30, body) + body;
    if (out != NULL) {
        size_t at = der_header(out, 0x30, body);

        at += der_header(out + at, V_ASN1_OBJECT, e->object->len);
        memcpy(out + at, e->object->der, e->object->len);
        at += e->object->len;
        at += der_header(out + at, value_tag, value_len);
        if (value_len > 0)
            memcpy(out + at, value, value_len);
    }
    OPENSSL_free(text);
    return n;
}

struct encoded {
    unsigned char *der;
    size_t len;
};

static int compare_encoded(const void *a, const void *b)
{
    const struct encoded *x = a;
    const struct encoded *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int diff = memcmp(x->der, y->der, n);

    return diff != 0 ? diff : (x->len > y->len) - (x->len < y->len);
}

/* OpenSSL's canonical encoding: each RDN as a DER SET (members sorted by
 * their encodings) of canonical attributes, the SETs concatenated without
 * the outer SEQUENCE. Allocated; NULL on failure (*len 0 for no entries). */
static unsigned char *canonical_encoding(const X509_NAME *name, size_t *len)
{
    struct encoded *attrs = shim_calloc((size_t)name->count + 1, sizeof(*attrs));
    unsigned char *out = NULL;
    size_t total = 0;
    size_t at = 0;
    int i;
    int start;

    if (attrs == NULL)
        return NULL;
    for (i = 0; i < name->count; i++) {
        attrs[i].len = canonical_attribute(name->entries[i], NULL);
        attrs[i].der = attrs[i].len > 0 ? shim_malloc(attrs[i].len) : NULL;
        if (attrs[i].der == NULL || canonical_attribute(name->entries[i], attrs[i].der) == 0)
            goto done;
    }
    /* The SETs, one per run of entries with the same set number. */
    for (start = 0; start < name->count;) {
        unsigned char header[6];
        size_t body = 0;
        int end = start;

        while (end < name->count && name->entries[end]->set == name->entries[start]->set)
            body += attrs[end++].len;
        qsort(attrs + start, (size_t)(end - start), sizeof(*attrs), compare_encoded);
        total += der_header(header, 0x31, body) + body;
        start = end;
    }
    out = shim_malloc(total + 1);
    if (out == NULL)
        goto done;
    for (start = 0; start < name->count;) {
        size_t body = 0;
        int end = start;

        while (end < name->count && name->entries[end]->set == name->entries[start]->set)
            body += attrs[end++].len;
        at += der_header(out + at, 0x31, body);
        for (i = start; i < end; i++) {
            memcpy(out + at, attrs[i].der, attrs[i].len);
            at += attrs[i].len;
        }
        start = end;
    }
    *len = total;
done:
    for (i = 0; i < name->count; i++)
        shim_free(attrs[i].der);
    shim_free(attrs);
    return out;
}

/* The first four bytes of the SHA-1 of the canonical encoding, read as a
 * little-endian number: what names OpenSSL's hashed certificate files. */
SHIM_EXPORT unsigned long X509_NAME_hash_ex(const X509_NAME *x, void *libctx, const char *propq,
                                            int *ok)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned char *enc;
    size_t len = 0;
    int done;

    (void)libctx;
    (void)propq;
    if (ok != NULL)
        *ok = 0;
    SHIM_ENSURE_ARG(x, ERR_LIB_X509, 0);
    enc = canonical_encoding(x, &len);
    SHIM_ENSURE(enc != NULL, ERR_LIB_X509, ERR_R_MALLOC_FAILURE, 0);
    done = EVP_Digest(enc, len, md, NULL, EVP_sha1(), NULL);
    shim_free(enc);
    if (!done)
        return 0;
    if (ok != NULL)
        *ok = 1;
    return (unsigned long)md[0] | ((unsigned long)md[1] << 8) | ((unsigned long)md[2] << 16) |
           ((unsigned long)md[3] << 24);
}

SHIM_EXPORT unsigned long X509_NAME_hash(const X509_NAME *x)
{
    return X509_NAME_hash_ex(x, NULL, NULL, NULL);
}

SHIM_EXPORT unsigned long X509_subject_name_hash(X509 *x)
{
    return X509_NAME_hash(X509_get_subject_name(x));
}

SHIM_EXPORT unsigned long X509_issuer_name_hash(X509 *x)
{
    return X509_NAME_hash(X509_get_issuer_name(x));
}
