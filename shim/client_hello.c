/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading a ClientHello before mbedTLS does: OpenSSL's server decides some
 * things from it that mbedTLS decides differently (which versions the client
 * offers). Bounds are checked on every read; a malformed hello yields 0 and
 * is left for mbedTLS to reject.
 */
#include "internal.h"

#define HS_CLIENT_HELLO 1
#define EXT_SUPPORTED_VERSIONS 43

struct reader {
    const unsigned char *p;
    size_t left;
};

static int take(struct reader *r, size_t n, const unsigned char **out)
{
    if (r->left < n)
        return 0;
    if (out != NULL)
        *out = r->p;
    r->p += n;
    r->left -= n;
    return 1;
}

static int take_uint(struct reader *r, size_t bytes, size_t *value)
{
    const unsigned char *p;
    size_t i;

    if (!take(r, bytes, &p))
        return 0;
    *value = 0;
    for (i = 0; i < bytes; i++)
        *value = (*value << 8) | p[i];
    return 1;
}

/* Skips a vector whose length takes len_bytes bytes. */
static int skip_vector(struct reader *r, size_t len_bytes)
{
    size_t len;

    return take_uint(r, len_bytes, &len) && take(r, len, NULL);
}

/* GREASE values (RFC 8701) are never real versions. */
static int is_grease(unsigned int v)
{
    return (v & 0x0F0F) == 0x0A0A && (v >> 8) == (v & 0xFF);
}

static int versions_overlap_list(struct reader ext, int lo, int hi)
{
    size_t list_len;
    size_t version;

    if (!take_uint(&ext, 1, &list_len) || list_len != ext.left)
        return -1;
    while (ext.left >= 2) {
        take_uint(&ext, 2, &version);
        if (!is_grease((unsigned int)version) && (int)version >= lo && (int)version <= hi)
            return 1;
    }
    return 0;
}

/* Without supported_versions a client offers legacy_version and below. */
static int legacy_overlap(int legacy_version, int lo, int hi)
{
    return (legacy_version < hi ? legacy_version : hi) >= lo;
}

int shim_client_hello_versions_overlap(const unsigned char *msg, size_t len, int lo, int hi)
{
    struct reader r = {msg, len};
    const unsigned char *type;
    size_t body_len;
    size_t legacy_version;
    size_t ext_total;

    if (!take(&r, 1, &type) || *type != HS_CLIENT_HELLO || !take_uint(&r, 3, &body_len) ||
        body_len > r.left)
        return -1;
    r.left = body_len;
    if (!take_uint(&r, 2, &legacy_version) || !take(&r, 32, NULL) || !skip_vector(&r, 1) ||
        !skip_vector(&r, 2) || !skip_vector(&r, 1))
        return -1;
    if (r.left == 0)
        return legacy_overlap((int)legacy_version, lo, hi);
    if (!take_uint(&r, 2, &ext_total) || ext_total != r.left)
        return -1;
    while (r.left > 0) {
        size_t ext_type;
        size_t ext_len;
        struct reader ext;

        if (!take_uint(&r, 2, &ext_type) || !take_uint(&r, 2, &ext_len) ||
            !take(&r, ext_len, &ext.p))
            return -1;
        ext.left = ext_len;
        if (ext_type == EXT_SUPPORTED_VERSIONS)
            return versions_overlap_list(ext, lo, hi);
    }
    return legacy_overlap((int)legacy_version, lo, hi);
}
