/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Key exchange groups and signature algorithms: OpenSSL's list setters,
 * and what the security level asks of groups, signature algorithms and the
 * peer's certificate. mbedTLS keeps one list of each per config (by
 * pointer): the connection's, made at set-up, from its own list or its
 * context's, narrowed by the level.
 */
#include "internal.h"

#include <string.h>
#include <strings.h>

#if defined(MBEDTLS_DHM_C)
#include <mbedtls/dhm.h>
#endif

/* ---- Groups ---------------------------------------------------------------------- */

struct group {
    const char *names; /* OpenSSL's names for it, ':'-separated */
    int nid;
    uint16_t id;   /* IANA */
    uint16_t bits; /* security bits, for the level */
};

/* What this mbedTLS build can use, in OpenSSL 3.0's default order. */
static const struct group groups[] = {
#if defined(PSA_WANT_ECC_MONTGOMERY_255)
    {"X25519", 1034, MBEDTLS_SSL_IANA_TLS_GROUP_X25519, 128},
#endif
#if defined(PSA_WANT_ECC_SECP_R1_256)
    {"P-256:prime256v1:secp256r1", 415, MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1, 128},
#endif
#if defined(PSA_WANT_ECC_MONTGOMERY_448)
    {"X448", 1035, MBEDTLS_SSL_IANA_TLS_GROUP_X448, 224},
#endif
#if defined(PSA_WANT_ECC_SECP_R1_521)
    {"P-521:secp521r1", 716, MBEDTLS_SSL_IANA_TLS_GROUP_SECP521R1, 256},
#endif
#if defined(PSA_WANT_ECC_SECP_R1_384)
    {"P-384:secp384r1", 715, MBEDTLS_SSL_IANA_TLS_GROUP_SECP384R1, 192},
#endif
#if defined(PSA_WANT_ALG_FFDH) && defined(PSA_WANT_DH_RFC7919_2048)
    {"ffdhe2048", 1126, MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE2048, 112},
#endif
#if defined(PSA_WANT_ALG_FFDH) && defined(PSA_WANT_DH_RFC7919_3072)
    {"ffdhe3072", 1127, MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE3072, 128},
#endif
#if defined(PSA_WANT_ALG_FFDH) && defined(PSA_WANT_DH_RFC7919_4096)
    {"ffdhe4096", 1128, MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE4096, 150},
#endif
#if defined(PSA_WANT_ALG_FFDH) && defined(PSA_WANT_DH_RFC7919_6144)
    {"ffdhe6144", 1129, MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE6144, 175},
#endif
#if defined(PSA_WANT_ALG_FFDH) && defined(PSA_WANT_DH_RFC7919_8192)
    {"ffdhe8192", 1130, MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE8192, 192},
#endif
#if defined(PSA_WANT_ECC_SECP_K1_256)
    {"secp256k1", 714, MBEDTLS_SSL_IANA_TLS_GROUP_SECP256K1, 128},
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_256)
    {"brainpoolP256r1", 927, MBEDTLS_SSL_IANA_TLS_GROUP_BP256R1, 128},
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_384)
    {"brainpoolP384r1", 931, MBEDTLS_SSL_IANA_TLS_GROUP_BP384R1, 192},
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_512)
    {"brainpoolP512r1", 933, MBEDTLS_SSL_IANA_TLS_GROUP_BP512R1, 256},
#endif
    {NULL, 0, 0, 0},
};

/* One of names, any case (OpenSSL 3.0 takes "x25519" too). */
static int named(const char *names, const char *name, size_t len)
{
    while (*names != '\0') {
        size_t n = strcspn(names, ":");

        if (n == len && strncasecmp(names, name, len) == 0)
            return 1;
        names += n + (names[n] == ':');
    }
    return 0;
}

static const struct group *group_by_name(const char *name, size_t len)
{
    const struct group *g;

    for (g = groups; g->names != NULL; g++) {
        if (named(g->names, name, len))
            return g;
    }
    return NULL;
}

static const struct group *group_by_nid(int nid)
{
    const struct group *g;

    for (g = groups; g->names != NULL; g++) {
        if (g->nid == nid)
            return g;
    }
    return NULL;
}

static const struct group *group_by_id(uint16_t id)
{
    const struct group *g;

    for (g = groups; g->names != NULL; g++) {
        if (g->id == id)
            return g;
    }
    return NULL;
}

/* OpenSSL's NID for a group it has no name for: this bit | the number. */
#define NID_UNKNOWN_GROUP 0x1000000

long shim_group_nid(uint16_t id)
{
    const struct group *g = group_by_id(id);

    return g != NULL ? g->nid : NID_UNKNOWN_GROUP | id;
}

/* The list mbedTLS uses when given none (its ssl_preset_default_groups,
 * restated: mbedTLS does not publish it). */
static const uint16_t mbedtls_default_groups[] = {
#if defined(PSA_WANT_ECC_MONTGOMERY_255)
    MBEDTLS_SSL_IANA_TLS_GROUP_X25519,
#endif
#if defined(PSA_WANT_ECC_SECP_R1_256)
    MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
#endif
#if defined(PSA_WANT_ECC_SECP_R1_384)
    MBEDTLS_SSL_IANA_TLS_GROUP_SECP384R1,
#endif
#if defined(PSA_WANT_ECC_MONTGOMERY_448)
    MBEDTLS_SSL_IANA_TLS_GROUP_X448,
#endif
#if defined(PSA_WANT_ECC_SECP_R1_521)
    MBEDTLS_SSL_IANA_TLS_GROUP_SECP521R1,
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_256)
    MBEDTLS_SSL_IANA_TLS_GROUP_BP256R1,
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_384)
    MBEDTLS_SSL_IANA_TLS_GROUP_BP384R1,
#endif
#if defined(PSA_WANT_ECC_BRAINPOOL_P_R1_512)
    MBEDTLS_SSL_IANA_TLS_GROUP_BP512R1,
#endif
#if defined(PSA_WANT_ALG_FFDH)
    MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE2048,
    MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE3072,
    MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE4096,
    MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE6144,
    MBEDTLS_SSL_IANA_TLS_GROUP_FFDHE8192,
#endif
    0,
};

const uint16_t *shim_conn_groups(const SSL *s)
{
    return s->group_ids != NULL ? s->group_ids : mbedtls_default_groups;
}

static int listed(const uint16_t *list, size_t n, uint16_t id)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (list[i] == id)
            return 1;
    }
    return 0;
}

/* Replaces *dst with the 0-terminated ids in list. */
static int store_ids(uint16_t **dst, const uint16_t *list, size_t n)
{
    uint16_t *copy = shim_calloc(n + 1, sizeof(*copy));

    SHIM_ENSURE(copy != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    memcpy(copy, list, n * sizeof(*copy));
    shim_free(*dst);
    *dst = copy;
    return 1;
}

#define MAX_GROUPS 32

/* OpenSSL's rules: ':'-separated names; an unknown one fails with
 * ERR_R_PASSED_INVALID_ARGUMENT; an empty list or a name given twice
 * fails without an error. */
static int set_groups_list(uint16_t **dst, const char *list)
{
    uint16_t ids[MAX_GROUPS];
    size_t n = 0;

    SHIM_ENSURE_ARG(list, ERR_LIB_SSL, 0);
    while (*list != '\0') {
        size_t len = strcspn(list, ":");
        const struct group *g = group_by_name(list, len);

        SHIM_ENSURE(g != NULL, ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT, 0);
        if (n == MAX_GROUPS || listed(ids, n, g->id))
            return 0;
        ids[n++] = g->id;
        list += len + (list[len] == ':');
    }
    return n > 0 && store_ids(dst, ids, n);
}

static int set_groups(uint16_t **dst, const int *nids, size_t count)
{
    uint16_t ids[MAX_GROUPS];
    size_t i;

    SHIM_ENSURE(nids != NULL || count == 0, ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER, 0);
    if (count == 0 || count > MAX_GROUPS)
        return 0;
    for (i = 0; i < count; i++) {
        const struct group *g = group_by_nid(nids[i]);

        if (g == NULL || listed(ids, i, g->id))
            return 0;
        ids[i] = g->id;
    }
    return store_ids(dst, ids, count);
}

/* ---- Signature algorithms -------------------------------------------------------------- */

struct sigalg {
    const char *name;
    uint16_t id; /* IANA SignatureScheme; 0: not in this mbedTLS */
};

/* OpenSSL's names ("ALG+HASH" and TLS 1.3's), with what mbedTLS can do;
 * names it cannot (EdDSA, RSA-PSS with PSS keys) are taken and left out
 * of the list, as OpenSSL leaves out what its providers lack. */
static const struct sigalg sigalgs[] = {
    {"ECDSA+SHA256", MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256},
    {"ECDSA+SHA384", MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384},
    {"ECDSA+SHA512", MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512},
    {"ECDSA+SHA1", MBEDTLS_TLS1_3_SIG_ECDSA_SHA1},
    {"ecdsa_secp256r1_sha256", MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256},
    {"ecdsa_secp384r1_sha384", MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384},
    {"ecdsa_secp521r1_sha512", MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512},
    {"ecdsa_sha1", MBEDTLS_TLS1_3_SIG_ECDSA_SHA1},
    {"RSA+SHA256", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256},
    {"RSA+SHA384", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384},
    {"RSA+SHA512", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512},
    {"RSA+SHA1", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA1},
    {"rsa_pkcs1_sha256", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256},
    {"rsa_pkcs1_sha384", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384},
    {"rsa_pkcs1_sha512", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512},
    {"rsa_pkcs1_sha1", MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA1},
    {"RSA-PSS+SHA256", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256},
    {"RSA-PSS+SHA384", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384},
    {"RSA-PSS+SHA512", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512},
    {"PSS+SHA256", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256},
    {"PSS+SHA384", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384},
    {"PSS+SHA512", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512},
    {"rsa_pss_rsae_sha256", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256},
    {"rsa_pss_rsae_sha384", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384},
    {"rsa_pss_rsae_sha512", MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512},
    {"rsa_pss_pss_sha256", 0},
    {"rsa_pss_pss_sha384", 0},
    {"rsa_pss_pss_sha512", 0},
    {"ed25519", 0},
    {"ed448", 0},
    {NULL, 0},
};

#define MAX_SIGALGS 32

/* ':'-separated names (case matters, as in OpenSSL); an unknown name
 * fails the call, without an error (as OpenSSL). */
static int set_sigalgs_list(uint16_t **dst, const char *list)
{
    uint16_t ids[MAX_SIGALGS];
    size_t n = 0;

    SHIM_ENSURE_ARG(list, ERR_LIB_SSL, 0);
    while (*list != '\0') {
        size_t len = strcspn(list, ":");
        const struct sigalg *a;

        for (a = sigalgs; a->name != NULL; a++) {
            if (strlen(a->name) == len && strncmp(a->name, list, len) == 0)
                break;
        }
        if (a->name == NULL || n == MAX_SIGALGS)
            return 0;
        if (a->id != 0 && !listed(ids, n, a->id))
            ids[n++] = a->id;
        list += len + (list[len] == ':');
    }
    /* Only names mbedTLS cannot do (OpenSSL would take them). */
    SHIM_ENSURE(n > 0, ERR_LIB_SSL, ERR_R_UNSUPPORTED, 0);
    return store_ids(dst, ids, n);
}

/* ---- The security level ------------------------------------------------------------------ */

/* Levels 3 to 5 ask more of keys, signatures and key exchange (OpenSSL:
 * 128, 192 and 256 bits of security). Up to level 2, mbedTLS's defaults
 * already ask as much (RSA from 2048 bits, SHA-256 and up, no group under
 * 112 bits). */
#define MDS_FROM_SHA256                                                            \
    (MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA256) | MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA384) | \
     MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA512))
#define MDS_FROM_SHA384 \
    (MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA384) | MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA512))
#define ANY_PK                                                                     \
    (MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_RSA) | MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_ECDSA) | \
     MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_ECKEY) | MBEDTLS_X509_ID_FLAG(MBEDTLS_PK_RSASSA_PSS))
#define CURVES_FROM_384                                                                    \
    (MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP384R1) |                                      \
     MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP521R1) |                                      \
     MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_BP384R1) | MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_BP512R1))
#define CURVES_FROM_256                                                                     \
    (CURVES_FROM_384 | MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP256R1) |                     \
     MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_BP256R1))
#define CURVES_FROM_512 \
    (MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_SECP521R1) | MBEDTLS_X509_ID_FLAG(MBEDTLS_ECP_DP_BP512R1))

static const mbedtls_x509_crt_profile level_profiles[] = {
    {MDS_FROM_SHA256, ANY_PK, CURVES_FROM_256, 3072},
    {MDS_FROM_SHA384, ANY_PK, CURVES_FROM_384, 7680},
    {MBEDTLS_X509_ID_FLAG(MBEDTLS_MD_SHA512), ANY_PK, CURVES_FROM_512, 15360},
};

/* The security bits of a signature scheme (its hash's half, or the
 * curve's for ECDSA in TLS 1.3 terms). */
static unsigned int sigalg_bits(uint16_t id)
{
    switch (id >> 8) {
    case 0x02:
        return 63; /* SHA-1 */
    case 0x04:
        return 128;
    case 0x05:
        return 192;
    case 0x06:
        return 256;
    case 0x08:
        return (id & 0xFF) == 0x04 ? 128 : (id & 0xFF) == 0x05 ? 192 : 256;
    default:
        return 0;
    }
}

static const uint16_t default_sigalgs[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256, MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512, MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,       MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,       0};

/* ---- DH parameters ---------------------------------------------------------------- */

/* The security bits each level asks for (OpenSSL's table). */
static const unsigned int level_bits[] = {0, 80, 112, 128, 192, 256};

unsigned int shim_level_bits(int level)
{
    return level_bits[level < 0 ? 0 : level > 5 ? 5 : level];
}

static int dh_auto_on(const SSL *s)
{
    return s->dh_auto != 0 ? s->dh_auto > 0 : s->ctx->dh_auto;
}

static const struct shim_dh_params *dh_params_in_force(const SSL *s)
{
    return s->dh_params != NULL ? s->dh_params : s->ctx->dh_params;
}

static shim_tmp_dh_cb dh_cb_in_force(const SSL *s)
{
    return s->dh_cb != NULL ? s->dh_cb : s->ctx->dh_cb;
}

/* As OpenSSL's: a server does DHE once it has parameters, automatic ones,
 * its own or a callback to ask. */
int shim_dh_on(const SSL *s)
{
    return dh_auto_on(s) || dh_params_in_force(s) != NULL || dh_cb_in_force(s) != NULL;
}

int shim_give_dh(SSL *s, const unsigned char *p, size_t p_len, const unsigned char *g, size_t g_len)
{
#if defined(MBEDTLS_DHM_C) && defined(MBEDTLS_SSL_SRV_C)
    return mbedtls_ssl_conf_dh_param_bin(&s->conf, p, p_len, g, g_len) == 0;
#else
    (void)s, (void)p, (void)p_len, (void)g, (void)g_len;
    return 1;
#endif
}

/* The parameters a server starts its handshake with: OpenSSL's automatic
 * ones when on (the RFC 7919 group as strong as the server's key: security
 * bits 2048-bit RSA 112, 3072-bit 128, P-256 128, P-384 192; without a key
 * (PSK), the 2048-bit group), else its own. A callback's are asked for
 * when the client's hello arrives (on_client_hello). 0 when out of
 * memory. */
static int configure_dh(SSL *s)
{
#if defined(MBEDTLS_DHM_C) && defined(MBEDTLS_SSL_SRV_C)
    static const unsigned char ffdhe_g[] = MBEDTLS_DHM_RFC7919_FFDHE2048_G_BIN;
    static const unsigned char ffdhe2048[] = MBEDTLS_DHM_RFC7919_FFDHE2048_P_BIN;
    static const unsigned char ffdhe3072[] = MBEDTLS_DHM_RFC7919_FFDHE3072_P_BIN;
    static const unsigned char ffdhe4096[] = MBEDTLS_DHM_RFC7919_FFDHE4096_P_BIN;
    static const unsigned char ffdhe8192[] = MBEDTLS_DHM_RFC7919_FFDHE8192_P_BIN;
    const struct shim_dh_params *own = dh_params_in_force(s);
    const unsigned char *p = ffdhe2048;
    size_t p_len = sizeof(ffdhe2048);
    size_t bits = 0;

    if (!s->server)
        return 1;
    if (!dh_auto_on(s)) {
        return own == NULL ||
               shim_give_dh(s, own->bytes, own->p_len, own->bytes + own->p_len, own->g_len);
    }
    if (s->own.key != NULL) {
        bits = mbedtls_pk_get_bitlen(&s->own.key->pk);
        if (mbedtls_pk_get_type(&s->own.key->pk) == MBEDTLS_PK_RSA)
            bits = bits >= 15360 ? 256 : bits >= 7680 ? 192 : bits >= 3072 ? 128 : 112;
        else
            bits /= 2;
    }
    if (bits >= 192) {
        p = ffdhe8192;
        p_len = sizeof(ffdhe8192);
    } else if (bits >= 152) {
        p = ffdhe4096;
        p_len = sizeof(ffdhe4096);
    } else if (bits >= 128) {
        p = ffdhe3072;
        p_len = sizeof(ffdhe3072);
    }
    return shim_give_dh(s, p, p_len, ffdhe_g, sizeof(ffdhe_g));
#else
    (void)s;
    return 1;
#endif
}

/* ---- What mbedTLS is given ----------------------------------------------------------------- */

static const uint16_t *own_or_context(const uint16_t *own, const uint16_t *ctx)
{
    return own != NULL ? own : ctx;
}

/* The list, or the defaults, less what the level forbids (min_bits 0: no
 * limit), into a new 0-terminated array the connection keeps. */
static uint16_t *narrowed(const uint16_t *list, const uint16_t *defaults, unsigned int min_bits,
                          int groups_not_sigalgs)
{
    const uint16_t *from = list != NULL ? list : defaults;
    size_t n = 0;
    size_t i;
    uint16_t *out;

    while (from[n] != 0)
        n++;
    out = shim_calloc(n + 1, sizeof(*out));
    if (out == NULL)
        return NULL;
    for (i = 0, n = 0; from[i] != 0; i++) {
        unsigned int bits;

        if (groups_not_sigalgs) {
            const struct group *g = group_by_id(from[i]);

            bits = g != NULL ? g->bits : 0;
        } else {
            bits = sigalg_bits(from[i]);
        }
        if (bits >= min_bits)
            out[n++] = from[i];
    }
    return out;
}

/* Without a list of its own, a connection at level 3 and up takes every
 * group of this build strong enough, in OpenSSL's order. */
static uint16_t *groups_at_level(unsigned int min_bits)
{
    uint16_t *out = shim_calloc(sizeof(groups) / sizeof(groups[0]), sizeof(*out));
    size_t n = 0;
    const struct group *g;

    if (out == NULL)
        return NULL;
    for (g = groups; g->names != NULL; g++) {
        if (g->bits >= min_bits)
            out[n++] = g->id;
    }
    return out;
}

static int configure_params(SSL *s)
{
    const uint16_t *groups_list = own_or_context(s->groups, s->ctx->groups);
    const uint16_t *sigalgs_list = own_or_context(s->sigalgs, s->ctx->sigalgs);
    int level = s->security_level < 0 ? 0 : s->security_level > 5 ? 5 : s->security_level;

    shim_free(s->group_ids);
    shim_free(s->sigalg_ids);
    s->group_ids = NULL;
    s->sigalg_ids = NULL;
    if (groups_list != NULL || level >= 3) {
        s->group_ids = groups_list != NULL
                           ? narrowed(groups_list, NULL, level >= 3 ? level_bits[level] : 0, 1)
                           : groups_at_level(level_bits[level]);
        SHIM_ENSURE(s->group_ids != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
        mbedtls_ssl_conf_groups(&s->conf, s->group_ids);
    }
    if (sigalgs_list != NULL || level >= 3) {
        s->sigalg_ids = narrowed(sigalgs_list, default_sigalgs,
                                 level >= 1 ? level_bits[level] : 0, 0);
        SHIM_ENSURE(s->sigalg_ids != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
        mbedtls_ssl_conf_sig_algs(&s->conf, s->sigalg_ids);
    }
    if (level >= 3)
        mbedtls_ssl_conf_cert_profile(&s->conf, &level_profiles[level - 3]);
    SHIM_ENSURE(configure_dh(s), ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    return 1;
}

static void release_params(SSL *s, int all)
{
    shim_free(s->group_ids);
    shim_free(s->sigalg_ids);
    s->group_ids = NULL;
    s->sigalg_ids = NULL;
    if (all) {
        shim_free(s->groups);
        shim_free(s->sigalgs);
        shim_free(s->dh_params);
        s->groups = NULL;
        s->sigalgs = NULL;
        s->dh_params = NULL;
    }
}

static void release_ctx_params(SSL_CTX *ctx)
{
    shim_free(ctx->groups);
    shim_free(ctx->sigalgs);
    shim_free(ctx->dh_params);
    ctx->groups = NULL;
    ctx->sigalgs = NULL;
    ctx->dh_params = NULL;
}

/* OpenSSL's server takes the first group in the client's order that it
 * has (its own order with SSL_OP_CIPHER_SERVER_PREFERENCE); mbedTLS's
 * TLS 1.2 server goes by its own list. The connection's list, which
 * mbedTLS reads only later, takes the client's order now: the groups the
 * client offered first, as it offered them, then the others. */
static void follow_client_order(SSL *s, const unsigned char *hello, size_t len)
{
    const unsigned char *offered;
    size_t offered_len;
    size_t placed = 0;
    size_t i;

    if (s->group_ids == NULL || (s->options & SSL_OP_CIPHER_SERVER_PREFERENCE) ||
        shim_client_hello_groups(hello, len, &offered, &offered_len) != 1)
        return;
    for (i = 0; i + 1 < offered_len; i += 2) {
        uint16_t id = (uint16_t)(offered[i] << 8 | offered[i + 1]);
        size_t at;

        for (at = placed; s->group_ids[at] != 0 && s->group_ids[at] != id; at++)
            continue;
        if (s->group_ids[at] == 0)
            continue;
        memmove(s->group_ids + placed + 1, s->group_ids + placed,
                (at - placed) * sizeof(s->group_ids[0]));
        s->group_ids[placed++] = id;
    }
}

static void on_client_hello(SSL *s, const unsigned char *hello, size_t len)
{
    shim_ask_dh_cb ask_dh_cb = s->ask_dh_cb != NULL ? s->ask_dh_cb : s->ctx->ask_dh_cb;

    follow_client_order(s, hello, len);
    /* A callback's parameters, unless automatic or given ones win. */
    if (ask_dh_cb != NULL && !dh_auto_on(s) && dh_params_in_force(s) == NULL)
        ask_dh_cb(s, dh_cb_in_force(s));
}

static const struct shim_params_ops params_ops = {configure_params, release_params,
                                                  release_ctx_params, on_client_hello};

const struct shim_params_ops *shim_params_ops(void)
{
    return &params_ops;
}

/* ---- Setters --------------------------------------------------------------------------------- */

SHIM_EXPORT int SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    ctx->params_ops = &params_ops;
    return set_groups_list(&ctx->groups, list);
}

SHIM_EXPORT int SSL_set1_groups_list(SSL *s, const char *list)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    s->params_ops = &params_ops;
    return set_groups_list(&s->groups, list);
}

SHIM_EXPORT int SSL_CTX_set1_curves_list(SSL_CTX *ctx, const char *list)
{
    return SSL_CTX_set1_groups_list(ctx, list);
}

SHIM_EXPORT int SSL_set1_curves_list(SSL *s, const char *list)
{
    return SSL_set1_groups_list(s, list);
}

SHIM_EXPORT int SSL_CTX_set1_groups(SSL_CTX *ctx, const int *glist, size_t glistlen)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    ctx->params_ops = &params_ops;
    return set_groups(&ctx->groups, glist, glistlen);
}

SHIM_EXPORT int SSL_set1_groups(SSL *s, const int *glist, size_t glistlen)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    s->params_ops = &params_ops;
    return set_groups(&s->groups, glist, glistlen);
}

SHIM_EXPORT int SSL_CTX_set1_sigalgs_list(SSL_CTX *ctx, const char *str)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    ctx->params_ops = &params_ops;
    return set_sigalgs_list(&ctx->sigalgs, str);
}

SHIM_EXPORT int SSL_set1_sigalgs_list(SSL *s, const char *str)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    s->params_ops = &params_ops;
    return set_sigalgs_list(&s->sigalgs, str);
}

/* mbedTLS keeps one list for both directions: a separate list for client
 * certificates cannot be honoured. */
SHIM_EXPORT int SSL_CTX_set1_client_sigalgs_list(SSL_CTX *ctx, const char *str)
{
    (void)ctx, (void)str;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_set1_client_sigalgs_list(SSL *s, const char *str)
{
    (void)s, (void)str;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

/* A server does DHE only once a program gives it parameters: automatic
 * ones here, its own or a callback's in ssl_dh.c. Each setter makes the
 * connections it reaches look at the DH settings (the cipher list then
 * keeps DHE suites, set-up gives the parameters). Functions, where OpenSSL
 * has controls: they stay out of devices that never call them. */
void shim_dh_settings_used(const struct shim_cipher_ops **cipher_ops,
                           const struct shim_params_ops **ops)
{
    *cipher_ops = shim_cipher_list_ops();
    *ops = &params_ops;
}

SHIM_EXPORT long SSL_CTX_set_dh_auto(SSL_CTX *ctx, int onoff)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    ctx->dh_auto = onoff != 0;
    shim_dh_settings_used(&ctx->cipher_ops, &ctx->params_ops);
    return 1;
}

SHIM_EXPORT long SSL_set_dh_auto(SSL *s, int onoff)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    s->dh_auto = onoff != 0 ? 1 : -1;
    shim_dh_settings_used(&s->cipher_ops, &s->params_ops);
    return 1;
}
