/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading the peer's hello before mbedTLS does, where OpenSSL decides
 * something from it that mbedTLS decides differently: which versions a
 * client offers, and whether a TLS 1.2 server supports secure
 * renegotiation. Bounds are checked on every read; a malformed hello is
 * left for mbedTLS to reject.
 */
#include "internal.h"

#define HS_CLIENT_HELLO 1
#define HS_SERVER_HELLO 2
#define EXT_SERVER_NAME 0
#define EXT_SUPPORTED_GROUPS 10
#define EXT_ALPN 16
#define EXT_PRE_SHARED_KEY 41
#define EXT_SUPPORTED_VERSIONS 43
#define EXT_KEY_SHARE 51
#define EXT_RENEGOTIATION_INFO 0xff01

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

/* Positions r at the body of a handshake message of the given type. */
static int open_message(struct reader *r, unsigned int type)
{
    const unsigned char *t;
    size_t body_len;

    if (!take(r, 1, &t) || *t != type || !take_uint(r, 3, &body_len) || body_len > r->left)
        return 0;
    r->left = body_len;
    return 1;
}

/* Finds an extension; r is at the extensions' length field. 1 found (ext
 * set), 0 absent, -1 malformed. */
static int find_extension(struct reader r, size_t wanted, struct reader *ext)
{
    size_t ext_total;

    if (r.left == 0)
        return 0;
    if (!take_uint(&r, 2, &ext_total) || ext_total != r.left)
        return -1;
    while (r.left > 0) {
        size_t ext_type;
        size_t ext_len;

        if (!take_uint(&r, 2, &ext_type) || !take_uint(&r, 2, &ext_len) ||
            !take(&r, ext_len, &ext->p))
            return -1;
        ext->left = ext_len;
        if (ext_type == wanted)
            return 1;
    }
    return 0;
}

/* A ClientHello up to its extensions: 1, with the legacy version, or 0. */
static int open_client_hello(struct reader *r, size_t *legacy_version)
{
    /* version, random, session id, cipher suites, compression methods */
    return open_message(r, HS_CLIENT_HELLO) && take_uint(r, 2, legacy_version) &&
           take(r, 32, NULL) && skip_vector(r, 1) && skip_vector(r, 2) && skip_vector(r, 1);
}

int shim_client_hello_versions_overlap(const unsigned char *msg, size_t len, int lo, int hi)
{
    struct reader r = {msg, len};
    struct reader ext;
    size_t legacy_version;
    int found;

    if (!open_client_hello(&r, &legacy_version))
        return -1;
    found = find_extension(r, EXT_SUPPORTED_VERSIONS, &ext);
    if (found < 0)
        return -1;
    if (found)
        return versions_overlap_list(ext, lo, hi);
    return legacy_overlap((int)legacy_version, lo, hi);
}

/* A ClientHello extension whose body is one vector with a two-byte length
 * (ALPN's protocols, supported_groups): 1 with the vector, 0 without the
 * extension, -1 when malformed. */
static int client_hello_vector(const unsigned char *msg, size_t len, size_t wanted,
                               const unsigned char **list, size_t *list_len)
{
    struct reader r = {msg, len};
    struct reader ext;
    size_t legacy_version;
    size_t total;
    int found;

    if (!open_client_hello(&r, &legacy_version))
        return -1;
    found = find_extension(r, wanted, &ext);
    if (found <= 0)
        return found;
    if (!take_uint(&ext, 2, &total) || total != ext.left)
        return -1;
    *list = ext.p;
    *list_len = total;
    return 1;
}

int shim_client_hello_alpn(const unsigned char *msg, size_t len, const unsigned char **list,
                           size_t *list_len)
{
    int found = client_hello_vector(msg, len, EXT_ALPN, list, list_len);

    /* The protocol list is not empty (RFC 7301). */
    return found == 1 && *list_len == 0 ? -1 : found;
}

int shim_client_hello_groups(const unsigned char *msg, size_t len, const unsigned char **list,
                             size_t *list_len)
{
    int found = client_hello_vector(msg, len, EXT_SUPPORTED_GROUPS, list, list_len);

    /* Two-byte group numbers (RFC 8446 4.2.7). */
    return found == 1 && *list_len % 2 != 0 ? -1 : found;
}

int shim_client_hello_server_name(const unsigned char *msg, size_t len, const unsigned char **name,
                                  size_t *name_len)
{
    struct reader r = {msg, len};
    struct reader ext;
    size_t legacy_version;
    size_t list_len;
    size_t type;
    int found;

    if (!open_client_hello(&r, &legacy_version))
        return -1;
    found = find_extension(r, EXT_SERVER_NAME, &ext);
    if (found <= 0)
        return found;
    /* One entry, a host name, filling the list (as OpenSSL requires). */
    if (!take_uint(&ext, 2, &list_len) || list_len != ext.left || list_len == 0 ||
        !take_uint(&ext, 1, &type) || type != 0 || !take_uint(&ext, 2, name_len) ||
        *name_len != ext.left)
        return -1;
    *name = ext.p;
    return 1;
}

int shim_client_hello_parse(const unsigned char *msg, size_t len, struct shim_client_hello *ch)
{
    struct reader r = {msg, len};
    size_t value;

    if (!open_message(&r, HS_CLIENT_HELLO) || !take_uint(&r, 2, &value))
        return 0;
    ch->legacy_version = (unsigned int)value;
    if (!take(&r, 32, &ch->random) || !take_uint(&r, 1, &ch->session_id_len) ||
        !take(&r, ch->session_id_len, &ch->session_id) || !take_uint(&r, 2, &ch->ciphers_len) ||
        !take(&r, ch->ciphers_len, &ch->ciphers) || !take_uint(&r, 1, &ch->compression_len) ||
        !take(&r, ch->compression_len, &ch->compression))
        return 0;
    ch->extensions = r.p;
    ch->extensions_len = 0;
    if (r.left == 0)
        return 1;
    if (!take_uint(&r, 2, &ch->extensions_len) || ch->extensions_len != r.left)
        return 0;
    ch->extensions = r.p;
    return 1;
}

int shim_hello_next_extension(const unsigned char **p, size_t *left, unsigned int *type,
                              const unsigned char **data, size_t *data_len)
{
    struct reader r = {*p, *left};
    size_t value;

    if (!take_uint(&r, 2, &value) || !take_uint(&r, 2, data_len) || !take(&r, *data_len, data))
        return 0;
    *type = (unsigned int)value;
    *p = r.p;
    *left = r.left;
    return 1;
}

int shim_server_hello_parse(const unsigned char *msg, size_t len, struct shim_server_hello *sh)
{
    struct reader r = {msg, len};
    struct reader ext;
    size_t sid_len;
    size_t group = 0;
    int found;

    if (!open_message(&r, HS_SERVER_HELLO) || !take(&r, 2 + 32, NULL) ||
        !take_uint(&r, 1, &sid_len) || sid_len > 32 ||
        !take(&r, sid_len, &sh->session_id) || !take_uint(&r, 2, &sh->cipher_suite) ||
        !take(&r, 1, NULL))
        return 0;
    sh->session_id_len = sid_len;
    found = find_extension(r, EXT_SUPPORTED_VERSIONS, &ext);
    sh->tls13 = found == 1;
    found = find_extension(r, EXT_PRE_SHARED_KEY, &ext);
    sh->pre_shared_key = found == 1;
    /* A ServerHello's key share, or a HelloRetryRequest's: both begin with
     * the group. */
    if (find_extension(r, EXT_KEY_SHARE, &ext) == 1 && !take_uint(&ext, 2, &group))
        return 0;
    sh->key_share_group = group;
    return found >= 0;
}

int shim_server_hello_is_legacy(const unsigned char *msg, size_t len)
{
    struct reader r = {msg, len};
    struct reader ext;
    int found;

    if (!open_message(&r, HS_SERVER_HELLO))
        return -1;
    /* version, random, session id, cipher suite, compression method */
    if (!take(&r, 2 + 32, NULL) || !skip_vector(&r, 1) || !take(&r, 2 + 1, NULL))
        return -1;
    /* A TLS 1.3 ServerHello (or HelloRetryRequest) names its version in
     * supported_versions; renegotiation does not exist there. */
    found = find_extension(r, EXT_SUPPORTED_VERSIONS, &ext);
    if (found != 0)
        return found < 0 ? -1 : 0;
    found = find_extension(r, EXT_RENEGOTIATION_INFO, &ext);
    return found < 0 ? -1 : !found;
}
