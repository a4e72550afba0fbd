/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cipher lists: OpenSSL's cipher-string grammar (SSL_CTX_set_cipher_list)
 * for TLS 1.2, the TLS 1.3 list (SSL_CTX_set_ciphersuites), the security
 * level, and what mbedTLS is given from them.
 *
 * The grammar works as OpenSSL documents it (ciphers(1)): every suite
 * starts in OpenSSL's preference order, inactive; each item of the string
 * adds matching suites at the end, moves them to the end (+), takes them
 * out for now (-) or for good (!); "@STRENGTH" sorts by key length and
 * "@SECLEVEL=n" sets the level. Words joined by '+' must all match. A
 * word nobody knows selects nothing; the call fails only when nothing is
 * left, or on a character that cannot start a word.
 */
#include "internal.h"

#include <string.h>

/* The TLS 1.3 names of OpenSSL's default list, and its TLS 1.2 string. */
static const char default_rules[] = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

/* ---- Matching ----------------------------------------------------------------------- */

/* A flag no suite has: what aliases for nothing we have select. */
#define MATCH_NOTHING 0x80

/* What an item selects: one suite by name, or every suite whose attributes
 * meet each non-zero mask (one bit in common) and the version. */
struct selector {
    uint16_t cipher_id;
    uint8_t kx;
    uint8_t auth;
    uint8_t mac;
    uint8_t flags; /* all of them */
    uint16_t enc;
    uint16_t version;
};

struct alias {
    const char *name;
    struct selector sel;
};

#define AES_ALL                                                                            \
    (SHIM_ENC_AES128 | SHIM_ENC_AES256 | SHIM_ENC_AESGCM128 | SHIM_ENC_AESGCM256 |          \
     SHIM_ENC_AESCCM128 | SHIM_ENC_AESCCM256 | SHIM_ENC_AESCCM8_128 | SHIM_ENC_AESCCM8_256)
#define AES128_ALL \
    (SHIM_ENC_AES128 | SHIM_ENC_AESGCM128 | SHIM_ENC_AESCCM128 | SHIM_ENC_AESCCM8_128)
#define AES256_ALL \
    (SHIM_ENC_AES256 | SHIM_ENC_AESGCM256 | SHIM_ENC_AESCCM256 | SHIM_ENC_AESCCM8_256)
#define CCM_ALL \
    (SHIM_ENC_AESCCM128 | SHIM_ENC_AESCCM256 | SHIM_ENC_AESCCM8_128 | SHIM_ENC_AESCCM8_256)
#define CAMELLIA_ALL (SHIM_ENC_CAMELLIA128 | SHIM_ENC_CAMELLIA256)
#define ARIA_ALL (SHIM_ENC_ARIAGCM128 | SHIM_ENC_ARIAGCM256)

#define KX(mask) {0, (mask), 0, 0, 0, 0, 0}
#define AUTH(mask) {0, 0, (mask), 0, 0, 0, 0}
#define MAC(mask) {0, 0, 0, (mask), 0, 0, 0}
#define FLAGS(mask) {0, 0, 0, 0, (mask), 0, 0}
#define ENC(mask) {0, 0, 0, 0, 0, (mask), 0}
#define VERSION(v) {0, 0, 0, 0, 0, 0, (v)}

/* OpenSSL 3.0's aliases that select any suite mbedTLS has; the others
 * (RC4, 3DES, DSS, anonymous, NULL encryption, GOST, SRP...) select
 * nothing here, as an unknown word does. */
static const struct alias aliases[] = {
    {"ALL", {0, 0, 0, 0, 0, 0, 0}},
    {"HIGH", {0, 0, 0, 0, 0, 0, 0}},
    {"COMPLEMENTOFALL", FLAGS(MATCH_NOTHING)},
    {"COMPLEMENTOFDEFAULT", FLAGS(SHIM_CIPHER_NOT_DEFAULT)},
    {"FIPS", FLAGS(SHIM_CIPHER_FIPS)},
    {"kRSA", KX(SHIM_KX_RSA)},
    {"RSA", KX(SHIM_KX_RSA)},
    {"kDHE", KX(SHIM_KX_DHE)},
    {"kEDH", KX(SHIM_KX_DHE)},
    {"DH", KX(SHIM_KX_DHE)},
    {"DHE", KX(SHIM_KX_DHE)},
    {"EDH", KX(SHIM_KX_DHE)},
    {"kECDHE", KX(SHIM_KX_ECDHE)},
    {"kEECDH", KX(SHIM_KX_ECDHE)},
    {"ECDH", KX(SHIM_KX_ECDHE)},
    {"ECDHE", KX(SHIM_KX_ECDHE)},
    {"EECDH", KX(SHIM_KX_ECDHE)},
    {"kPSK", KX(SHIM_KX_PSK)},
    {"kECDHEPSK", KX(SHIM_KX_ECDHEPSK)},
    {"kDHEPSK", KX(SHIM_KX_DHEPSK)},
    {"kRSAPSK", KX(SHIM_KX_RSAPSK)},
    {"PSK", KX(SHIM_KX_ANY_PSK)},
    {"aRSA", AUTH(SHIM_AU_RSA)},
    {"aECDSA", AUTH(SHIM_AU_ECDSA)},
    {"ECDSA", AUTH(SHIM_AU_ECDSA)},
    {"aPSK", AUTH(SHIM_AU_PSK)},
    {"AES128", ENC(AES128_ALL)},
    {"AES256", ENC(AES256_ALL)},
    {"AES", ENC(AES_ALL)},
    {"AESGCM", ENC(SHIM_ENC_AESGCM128 | SHIM_ENC_AESGCM256)},
    {"AESCCM", ENC(CCM_ALL)},
    {"AESCCM8", ENC(SHIM_ENC_AESCCM8_128 | SHIM_ENC_AESCCM8_256)},
    {"CHACHA20", ENC(SHIM_ENC_CHACHA20)},
    {"CAMELLIA128", ENC(SHIM_ENC_CAMELLIA128)},
    {"CAMELLIA256", ENC(SHIM_ENC_CAMELLIA256)},
    {"CAMELLIA", ENC(CAMELLIA_ALL)},
    {"ARIA128", ENC(SHIM_ENC_ARIAGCM128)},
    {"ARIA256", ENC(SHIM_ENC_ARIAGCM256)},
    {"ARIA", ENC(ARIA_ALL)},
    {"ARIAGCM", ENC(ARIA_ALL)},
    {"CBC", ENC(SHIM_ENC_AES128 | SHIM_ENC_AES256 | CAMELLIA_ALL)},
    {"eNULL", FLAGS(MATCH_NOTHING)},
    {"NULL", FLAGS(MATCH_NOTHING)},
    {"SHA1", MAC(SHIM_MAC_SHA1)},
    {"SHA", MAC(SHIM_MAC_SHA1)},
    {"SHA256", MAC(SHIM_MAC_SHA256)},
    {"SHA384", MAC(SHIM_MAC_SHA384)},
    {"TLSv1.2", VERSION(TLS1_2_VERSION)},
    {"TLSv1.0", VERSION(TLS1_VERSION)},
    {"TLSv1", VERSION(TLS1_VERSION)},
    {"SSLv3", VERSION(SSL3_VERSION)},
};

static int selects(const struct selector *sel, const SSL_CIPHER *c)
{
    return (sel->cipher_id == 0 || c->id == sel->cipher_id) &&
           (sel->kx == 0 || (c->kx & sel->kx)) && (sel->auth == 0 || (c->auth & sel->auth)) &&
           (sel->mac == 0 || (c->mac & sel->mac)) && (sel->enc == 0 || (c->enc & sel->enc)) &&
           (sel->version == 0 || c->min_version == sel->version) &&
           (c->flags & sel->flags) == sel->flags;
}

/* Narrows one mask by another, as OpenSSL combines the words of "A+B": 0
 * when nothing could be left. */
static int narrow8(uint8_t *have, uint8_t add)
{
    if (add == 0)
        return 1;
    *have = *have != 0 ? (uint8_t)(*have & add) : add;
    return *have != 0;
}

static int narrow16(uint16_t *have, uint16_t add)
{
    if (add == 0)
        return 1;
    *have = *have != 0 ? (uint16_t)(*have & add) : add;
    return *have != 0;
}

static int combine(struct selector *sel, const struct selector *word)
{
    if (word->version != 0) {
        if (sel->version != 0 && sel->version != word->version)
            return 0;
        sel->version = word->version;
    }
    sel->flags |= word->flags;
    return narrow8(&sel->kx, word->kx) && narrow8(&sel->auth, word->auth) &&
           narrow8(&sel->mac, word->mac) && narrow16(&sel->enc, word->enc);
}

/* A word of an item: a TLS 1.2 suite's name, or an alias. A name narrows
 * by the suite's own attributes too, as in OpenSSL ("AES128-SHA+ECDSA"
 * selects nothing), but not by its version. */
static int lookup_word(const char *word, size_t len, struct selector *sel)
{
    const SSL_CIPHER *table;
    size_t count;
    size_t i;

    table = shim_cipher_table(&count);
    for (i = 0; i < count; i++) {
        const SSL_CIPHER *c = &table[i];

        if (c->min_version != TLS1_3_VERSION && strlen(c->name) == len &&
            memcmp(c->name, word, len) == 0) {
            struct selector own = {0, c->kx, c->auth, c->mac, 0, c->enc, 0};

            sel->cipher_id = c->id;
            return combine(sel, &own);
        }
    }
    for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (strlen(aliases[i].name) == len && memcmp(aliases[i].name, word, len) == 0)
            return combine(sel, &aliases[i].sel);
    }
    return 0;
}

/* ---- The rule engine -------------------------------------------------------------------- */

/* Every TLS 1.2 suite in the current order, each active or not. */
struct rule_list {
    const SSL_CIPHER **suites;
    unsigned char *active;
    const SSL_CIPHER **scratch;
    unsigned char *scratch_active;
    size_t count;
};

enum rule_op { RULE_ADD, RULE_DELETE, RULE_KILL, RULE_ORDER };

/* What moves, and where: a stable partition of the list. */
static void move_where(struct rule_list *l, const unsigned char *moving, int to_front)
{
    size_t n = 0;
    size_t pass;
    size_t i;

    for (pass = 0; pass < 2; pass++) {
        /* Front first: the moving ones for to_front, the others otherwise. */
        int want = (pass == 0) == (to_front != 0);

        for (i = 0; i < l->count; i++) {
            if ((moving[i] != 0) == want) {
                l->scratch[n] = l->suites[i];
                l->scratch_active[n] = l->active[i];
                n++;
            }
        }
    }
    memcpy(l->suites, l->scratch, n * sizeof(*l->suites));
    memcpy(l->active, l->scratch_active, n);
}

static void apply_rule(struct rule_list *l, enum rule_op op, const struct selector *sel)
{
    unsigned char *moving = l->scratch_active + l->count; /* second half of the scratch */
    size_t kept = 0;
    size_t i;

    for (i = 0; i < l->count; i++) {
        int match = selects(sel, l->suites[i]);

        switch (op) {
        case RULE_ADD: /* inactive matches join the end */
            moving[i] = match && !l->active[i];
            if (moving[i])
                l->active[i] = 1;
            break;
        case RULE_ORDER: /* active matches move to the end */
            moving[i] = match && l->active[i];
            break;
        case RULE_DELETE: /* active matches leave, to the front, for later */
            moving[i] = match && l->active[i];
            if (moving[i])
                l->active[i] = 0;
            break;
        case RULE_KILL:
        default:
            moving[i] = 0;
            break;
        }
        if (op == RULE_KILL && !match) {
            l->suites[kept] = l->suites[i];
            l->active[kept] = l->active[i];
            kept++;
        }
    }
    if (op == RULE_KILL)
        l->count = kept;
    else
        move_where(l, moving, op == RULE_DELETE);
}

/* @STRENGTH: the active suites to the end, strongest first, in their
 * order otherwise (what OpenSSL's repeated ordering by key length gives). */
static void sort_by_strength(struct rule_list *l)
{
    unsigned char *moving = l->scratch_active + l->count;
    uint16_t bits = 0xFFFF;

    for (;;) {
        uint16_t next = 0;
        size_t i;

        for (i = 0; i < l->count; i++) {
            if (l->active[i] && l->suites[i]->bits < bits && l->suites[i]->bits > next)
                next = l->suites[i]->bits;
        }
        if (next == 0)
            return;
        for (i = 0; i < l->count; i++)
            moving[i] = l->active[i] && l->suites[i]->bits == next;
        move_where(l, moving, 0);
        bits = next;
    }
}

static int is_word_char(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == '.' || ch == '=';
}

static int is_separator(char ch)
{
    return ch == ':' || ch == ' ' || ch == ';' || ch == ',';
}

/* "@STRENGTH" or "@SECLEVEL=n"; anything else is an invalid command.
 * The level takes effect at once, as in OpenSSL (even when a later part
 * of the string fails). */
static int special_command(struct rule_list *l, const char *word, size_t len, int *level)
{
    if (len == 8 && memcmp(word, "STRENGTH", 8) == 0) {
        sort_by_strength(l);
        return 1;
    }
    if (len == 10 && memcmp(word, "SECLEVEL=", 9) == 0 && word[9] >= '0' && word[9] <= '5') {
        *level = word[9] - '0';
        return 1;
    }
    return 0;
}

/* Runs one rule string over the list; 0 with SSL_R_INVALID_COMMAND on a
 * character that cannot start a word. */
static int run_rules(struct rule_list *l, const char *p, int *level)
{
    while (*p != '\0') {
        enum rule_op op = RULE_ADD;
        int special = 0;
        struct selector sel;
        int found = 1;

        if (*p == '-' || *p == '+' || *p == '!') {
            op = *p == '-' ? RULE_DELETE : *p == '+' ? RULE_ORDER : RULE_KILL;
            p++;
        } else if (*p == '@') {
            special = 1;
            p++;
        } else if (is_separator(*p)) {
            p++;
            continue;
        }
        memset(&sel, 0, sizeof(sel));
        for (;;) {
            const char *word = p;
            size_t len;

            while (is_word_char(*p))
                p++;
            len = (size_t)(p - word);
            SHIM_ENSURE(len > 0, ERR_LIB_SSL, SSL_R_INVALID_COMMAND, 0);
            if (special) {
                SHIM_ENSURE(special_command(l, word, len, level), ERR_LIB_SSL,
                            SSL_R_INVALID_COMMAND, 0);
                break;
            }
            if (!lookup_word(word, len, &sel)) {
                found = 0;
                break;
            }
            if (*p != '+')
                break;
            p++;
        }
        if (special || !found) {
            /* The rest of the item goes unread, as in OpenSSL. */
            while (*p != '\0' && !is_separator(*p))
                p++;
            continue;
        }
        apply_rule(l, op, &sel);
    }
    return 1;
}

/* The TLS 1.2 suites a rule string selects, in order, appended to out. 1,
 * or 0 with an error (and out unchanged). */
static int select_suites(const char *rules, int *level, STACK_OF(SSL_CIPHER) *out)
{
    const SSL_CIPHER *table;
    size_t count;
    struct rule_list l;
    int ok = 0;
    size_t i;

    table = shim_cipher_table(&count);
    l.suites = shim_calloc(count, sizeof(*l.suites));
    l.scratch = shim_calloc(count, sizeof(*l.scratch));
    l.active = shim_calloc(count, 1);
    l.scratch_active = shim_calloc(count, 2);
    SHIM_GUARD(l.suites != NULL && l.scratch != NULL && l.active != NULL &&
                   l.scratch_active != NULL,
               ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
    l.count = 0;
    for (i = 0; i < count; i++) {
        if (table[i].min_version != TLS1_3_VERSION)
            l.suites[l.count++] = &table[i];
    }
    /* DEFAULT is special only at the start of the string. */
    if (strncmp(rules, "DEFAULT", 7) == 0) {
        if (!run_rules(&l, default_rules, level))
            goto err;
        rules += 7;
        if (*rules == ':')
            rules++;
    }
    if (!run_rules(&l, rules, level))
        goto err;
    for (i = 0; i < l.count; i++) {
        if (l.active[i] && !sk_SSL_CIPHER_push(out, l.suites[i])) {
            SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            goto err;
        }
    }
    ok = 1;
err:
    shim_free(l.suites);
    shim_free(l.scratch);
    shim_free(l.active);
    shim_free(l.scratch_active);
    return ok;
}

/* ---- Lists ------------------------------------------------------------------------------ */

/* OpenSSL's default TLS 1.3 list (the three not flagged as outside it). */
static int push_default_tls13(STACK_OF(SSL_CIPHER) *out)
{
    const SSL_CIPHER *table;
    size_t count;
    size_t i;

    table = shim_cipher_table(&count);
    for (i = 0; i < count; i++) {
        if (table[i].min_version == TLS1_3_VERSION &&
            !(table[i].flags & SHIM_CIPHER_NOT_DEFAULT) && !sk_SSL_CIPHER_push(out, &table[i]))
            return 0;
    }
    return 1;
}

static int push_all(STACK_OF(SSL_CIPHER) *out, const STACK_OF(SSL_CIPHER) *from, int tls13)
{
    int i;

    for (i = 0; i < sk_SSL_CIPHER_num(from); i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(from, i);

        if ((c->min_version == TLS1_3_VERSION) == (tls13 != 0) && !sk_SSL_CIPHER_push(out, c))
            return 0;
    }
    return 1;
}

/* A list as OpenSSL keeps it: the TLS 1.3 suites (tls13, or the default
 * ones when NULL), then rest's others. NULL with an error. */
static STACK_OF(SSL_CIPHER) *
joined_list(const STACK_OF(SSL_CIPHER) *tls13, const STACK_OF(SSL_CIPHER) *rest)
{
    STACK_OF(SSL_CIPHER) *list = sk_SSL_CIPHER_new_null();

    if (list == NULL || !(tls13 != NULL ? push_all(list, tls13, 1) : push_default_tls13(list)) ||
        !push_all(list, rest, 0)) {
        sk_SSL_CIPHER_free(list);
        SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    return list;
}

/* OpenSSL's default list, made the first time a context's is asked for.
 * Contexts are shared between threads: the first one to finish wins. */
static STACK_OF(SSL_CIPHER) *ctx_list(const SSL_CTX *ctx)
{
    SSL_CTX *mutable_ctx = (SSL_CTX *)ctx;
    STACK_OF(SSL_CIPHER) *list = __atomic_load_n(&mutable_ctx->cipher_list, __ATOMIC_ACQUIRE);
    STACK_OF(SSL_CIPHER) *rest;
    STACK_OF(SSL_CIPHER) *expected = NULL;
    int level = ctx->security_level;

    if (list != NULL)
        return list;
    rest = sk_SSL_CIPHER_new_null();
    if (rest == NULL || !select_suites(default_rules, &level, rest)) {
        sk_SSL_CIPHER_free(rest);
        return NULL;
    }
    list = joined_list(ctx->tls13_ciphersuites, rest);
    sk_SSL_CIPHER_free(rest);
    if (list != NULL && !__atomic_compare_exchange_n(&mutable_ctx->cipher_list, &expected, list,
                                                     0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        sk_SSL_CIPHER_free(list);
        list = expected;
    }
    return list;
}

SHIM_EXPORT STACK_OF(SSL_CIPHER) *SSL_CTX_get_ciphers(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx_list(ctx) : NULL;
}

/* A connection's own list once set, else its context's. */
SHIM_EXPORT STACK_OF(SSL_CIPHER) *SSL_get_ciphers(const SSL *s)
{
    if (s == NULL)
        return NULL;
    return s->cipher_list != NULL ? s->cipher_list : ctx_list(s->ctx);
}

SHIM_EXPORT const char *SSL_get_cipher_list(const SSL *s, int n)
{
    const STACK_OF(SSL_CIPHER) *list = SSL_get_ciphers(s);

    if (list == NULL || n < 0 || n >= sk_SSL_CIPHER_num(list))
        return NULL;
    return sk_SSL_CIPHER_value(list, n)->name;
}

/* ---- What mbedTLS is given ---------------------------------------------------------------- */

/* OpenSSL's security-level rules for a suite (its default callback):
 * enough key bits, forward secrecy from level 3, no SHA-1 MAC from 4. */
static int level_allows(const SSL_CIPHER *c, int level)
{
    static const uint16_t min_bits[] = {0, 80, 112, 128, 192, 256};
    int forward_secret = (c->kx & (SHIM_KX_ECDHE | SHIM_KX_DHE | SHIM_KX_ECDHEPSK |
                                   SHIM_KX_DHEPSK | SHIM_KX_ANY)) != 0;

    if (level <= 0)
        return 1;
    if (level > 5)
        level = 5;
    return c->bits >= min_bits[level] && (level < 3 || forward_secret) &&
           (min_bits[level] <= 160 || c->mac != SHIM_MAC_SHA1);
}

/* Whether the connection may offer or choose a suite: PSK suites need a
 * PSK (OpenSSL leaves them out without its callbacks too). */
static int usable(const SSL *s, const SSL_CIPHER *c)
{
    return level_allows(c, s->security_level) && (s->psk_ready || !(c->kx & SHIM_KX_ANY_PSK));
}

/* A server chooses DHE suites only with DH parameters, as OpenSSL's (which
 * still lists them as supported). */
static int server_can_choose(const SSL *s, const SSL_CIPHER *c)
{
    return !s->server || !(c->kx & (SHIM_KX_DHE | SHIM_KX_DHEPSK)) || shim_dh_on(s);
}

static int already_listed(const int *ids, size_t n, int id)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (ids[i] == id)
            return 1;
    }
    return 0;
}

static int configure_suites(SSL *s)
{
    const STACK_OF(SSL_CIPHER) *list = SSL_get_ciphers(s);
    int n = sk_SSL_CIPHER_num(list);
    int have13 = 0;
    int have12 = 0;
    size_t count = 0;
    int i;

    SHIM_ENSURE(list != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    s->psk_ready = shim_psk_configure(s);
    if (s->psk_ready < 0)
        return 0;
    shim_free(s->cipher_ids);
    s->cipher_ids = shim_calloc((size_t)n + 1, sizeof(*s->cipher_ids));
    SHIM_ENSURE(s->cipher_ids != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    for (i = 0; i < n; i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(list, i);

        if (!usable(s, c) || !server_can_choose(s, c) ||
            already_listed(s->cipher_ids, count, c->id))
            continue;
        s->cipher_ids[count++] = c->id;
        if (c->min_version == TLS1_3_VERSION)
            have13 = 1;
        else
            have12 = 1;
    }
    /* OpenSSL's client needs a suite for the highest version it offers
     * (it does not quietly offer less); a server finds out later, with no
     * shared cipher. */
    SHIM_ENSURE(s->server || (s->version_hi == TLS1_3_VERSION ? have13 : have12), ERR_LIB_SSL,
                SSL_R_NO_CIPHERS_AVAILABLE, 0);
    mbedtls_ssl_conf_ciphersuites(&s->conf, s->cipher_ids);
    /* The server's order is applied once the ClientHello is in. */
    if (s->server && (s->options & SSL_OP_CIPHER_SERVER_PREFERENCE) && s->hello_ops == NULL)
        s->hello_ops = shim_hello_processing();
    return 1;
}

/* mbedTLS's TLS 1.3 server always follows the client's order. With
 * SSL_OP_CIPHER_SERVER_PREFERENCE, OpenSSL's follows its own: the shim
 * leaves mbedTLS just the server's first TLS 1.3 suite that the client
 * offers (the TLS 1.2 order is mbedTLS's own setting). */
static void prefer_server_order(SSL *s, const unsigned char *hello, size_t len)
{
    struct shim_client_hello ch;
    size_t n = 0;
    size_t kept = 0;
    int chosen = 0;
    size_t i;

    if (s->cipher_ids == NULL || !(s->options & SSL_OP_CIPHER_SERVER_PREFERENCE) ||
        !shim_client_hello_parse(hello, len, &ch))
        return;
    for (n = 0; s->cipher_ids[n] != 0 && chosen == 0; n++) {
        const SSL_CIPHER *c = shim_cipher_by_id((uint16_t)s->cipher_ids[n]);

        for (i = 0; c != NULL && c->min_version == TLS1_3_VERSION && i + 1 < ch.ciphers_len;
             i += 2) {
            if (((ch.ciphers[i] << 8) | ch.ciphers[i + 1]) == s->cipher_ids[n])
                chosen = s->cipher_ids[n];
        }
    }
    if (chosen == 0)
        return;
    for (n = 0; s->cipher_ids[n] != 0; n++) {
        const SSL_CIPHER *c = shim_cipher_by_id((uint16_t)s->cipher_ids[n]);

        if (c == NULL || c->min_version != TLS1_3_VERSION || s->cipher_ids[n] == chosen)
            s->cipher_ids[kept++] = s->cipher_ids[n];
    }
    s->cipher_ids[kept] = 0;
}

static const struct shim_cipher_ops cipher_ops = {configure_suites, prefer_server_order};

const struct shim_cipher_ops *shim_cipher_list_ops(void)
{
    return &cipher_ops;
}

/* ---- Setters -------------------------------------------------------------------------------- */

/* Replaces *list with the TLS 1.3 suites of tls13 (NULL: the defaults)
 * and the suites rules selects. OpenSSL's return: 1, or 0 when the string
 * is invalid (nothing changes) or selects no TLS 1.2 suite (the list keeps
 * only its TLS 1.3 part). */
static int set_rules(STACK_OF(SSL_CIPHER) **list, const STACK_OF(SSL_CIPHER) *tls13,
                     const char *rules, int *level)
{
    STACK_OF(SSL_CIPHER) *selected = sk_SSL_CIPHER_new_null();
    STACK_OF(SSL_CIPHER) *joined;
    int chosen;

    SHIM_ENSURE(selected != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    if (!select_suites(rules, level, selected)) {
        sk_SSL_CIPHER_free(selected);
        return 0;
    }
    chosen = sk_SSL_CIPHER_num(selected);
    joined = joined_list(tls13, selected);
    sk_SSL_CIPHER_free(selected);
    if (joined == NULL)
        return 0;
    sk_SSL_CIPHER_free(*list);
    *list = joined;
    SHIM_ENSURE(chosen > 0, ERR_LIB_SSL, SSL_R_NO_CIPHER_MATCH, 0);
    return 1;
}

SHIM_EXPORT int SSL_CTX_set_cipher_list(SSL_CTX *ctx, const char *str)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    SHIM_ENSURE_ARG(str, ERR_LIB_SSL, 0);
    ctx->cipher_ops = &cipher_ops;
    ctx->params_ops = shim_params_ops(); /* @SECLEVEL may change the level */
    return set_rules(&ctx->cipher_list, ctx->tls13_ciphersuites, str, &ctx->security_level);
}

SHIM_EXPORT int SSL_set_cipher_list(SSL *s, const char *str)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    SHIM_ENSURE_ARG(str, ERR_LIB_SSL, 0);
    s->cipher_ops = &cipher_ops;
    s->params_ops = shim_params_ops();
    return set_rules(&s->cipher_list,
                     s->tls13_ciphersuites != NULL ? s->tls13_ciphersuites
                                                   : s->ctx->tls13_ciphersuites,
                     str, &s->security_level);
}

/* The longest name OpenSSL reads from a TLS 1.3 list. */
#define TLS13_NAME_MAX 80

/* A TLS 1.3 list: names between colons, spaces around them ignored,
 * unknown ones skipped, duplicates kept (as OpenSSL). 1 with *out, or 0
 * when a non-empty string names nothing. */
static int parse_tls13(const char *str, STACK_OF(SSL_CIPHER) **out)
{
    STACK_OF(SSL_CIPHER) *list = sk_SSL_CIPHER_new_null();
    const char *p = str;

    SHIM_ENSURE(list != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, 0);
    while (*p != '\0') {
        const char *end = strchr(p, ':');
        const char *next = end != NULL ? end + 1 : p + strlen(p);
        const SSL_CIPHER *table;
        size_t count;
        size_t len;
        size_t i;

        if (end == NULL)
            end = p + strlen(p);
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        len = (size_t)(end - p);
        if (len > TLS13_NAME_MAX)
            goto no_match;
        table = shim_cipher_table(&count);
        for (i = 0; i < count && len > 0; i++) {
            if (table[i].min_version == TLS1_3_VERSION && strlen(table[i].std_name) == len &&
                memcmp(table[i].std_name, p, len) == 0) {
                if (!sk_SSL_CIPHER_push(list, &table[i])) {
                    sk_SSL_CIPHER_free(list);
                    SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
                    return 0;
                }
                break;
            }
        }
        p = next;
    }
    if (*str != '\0' && sk_SSL_CIPHER_num(list) == 0)
        goto no_match;
    *out = list;
    return 1;
no_match:
    sk_SSL_CIPHER_free(list);
    SHIM_ERR(ERR_LIB_SSL, SSL_R_NO_CIPHER_MATCH);
    return 0;
}

/* Sets the TLS 1.3 list and puts it at the front of *list, which keeps
 * its TLS 1.2 part (base: the list to start from when *list is unset). */
static int set_tls13(STACK_OF(SSL_CIPHER) **tls13, STACK_OF(SSL_CIPHER) **list,
                     const STACK_OF(SSL_CIPHER) *base, const char *str)
{
    STACK_OF(SSL_CIPHER) *parsed;
    STACK_OF(SSL_CIPHER) *joined;

    SHIM_ENSURE_ARG(str, ERR_LIB_SSL, 0);
    if (!parse_tls13(str, &parsed))
        return 0;
    joined = joined_list(parsed, *list != NULL ? *list : base);
    if (joined == NULL) {
        sk_SSL_CIPHER_free(parsed);
        return 0;
    }
    sk_SSL_CIPHER_free(*tls13);
    *tls13 = parsed;
    sk_SSL_CIPHER_free(*list);
    *list = joined;
    return 1;
}

SHIM_EXPORT int SSL_CTX_set_ciphersuites(SSL_CTX *ctx, const char *str)
{
    SHIM_ENSURE_ARG(ctx, ERR_LIB_SSL, 0);
    ctx->cipher_ops = &cipher_ops;
    return set_tls13(&ctx->tls13_ciphersuites, &ctx->cipher_list, ctx_list(ctx), str);
}

SHIM_EXPORT int SSL_set_ciphersuites(SSL *s, const char *str)
{
    SHIM_ENSURE_ARG(s, ERR_LIB_SSL, 0);
    s->cipher_ops = &cipher_ops;
    return set_tls13(&s->tls13_ciphersuites, &s->cipher_list, ctx_list(s->ctx), str);
}

/* Levels outside 0..5 are kept and read as the nearest, as in OpenSSL. */
SHIM_EXPORT void SSL_CTX_set_security_level(SSL_CTX *ctx, int level)
{
    if (ctx == NULL)
        return;
    ctx->security_level = level;
    ctx->cipher_ops = &cipher_ops;
    ctx->params_ops = shim_params_ops();
}

SHIM_EXPORT int SSL_CTX_get_security_level(const SSL_CTX *ctx)
{
    return ctx != NULL ? ctx->security_level : 0;
}

SHIM_EXPORT void SSL_set_security_level(SSL *s, int level)
{
    if (s == NULL)
        return;
    s->security_level = level;
    s->cipher_ops = &cipher_ops;
    s->params_ops = shim_params_ops();
}

SHIM_EXPORT int SSL_get_security_level(const SSL *s)
{
    return s != NULL ? s->security_level : 0;
}

/* The suites the connection would offer or accept now, for the versions
 * it allows: a new stack (of shared suites) the caller frees with
 * sk_SSL_CIPHER_free. */
SHIM_EXPORT STACK_OF(SSL_CIPHER) *SSL_get1_supported_ciphers(SSL *s)
{
    const STACK_OF(SSL_CIPHER) *list = SSL_get_ciphers(s);
    STACK_OF(SSL_CIPHER) *out;
    int lo;
    int hi;
    int i;

    if (list == NULL || !shim_conn_version_range(s, &lo, &hi))
        return NULL;
    out = sk_SSL_CIPHER_new_null();
    SHIM_ENSURE(out != NULL, ERR_LIB_SSL, ERR_R_MALLOC_FAILURE, NULL);
    for (i = 0; i < sk_SSL_CIPHER_num(list); i++) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(list, i);

        int version_ok = c->min_version == TLS1_3_VERSION ? hi >= TLS1_3_VERSION
                                                          : lo <= TLS1_2_VERSION;

        if (version_ok && usable(s, c) && !sk_SSL_CIPHER_push(out, c)) {
            sk_SSL_CIPHER_free(out);
            SHIM_ERR(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return NULL;
        }
    }
    return out;
}

/* A server's view: the client's suites that its own list has too, in the
 * client's order, joined by ':' and cut to fit (OpenSSL's rules). */
SHIM_EXPORT char *SSL_get_shared_ciphers(const SSL *s, char *buf, int size)
{
    const STACK_OF(SSL_CIPHER) *mine = SSL_get_ciphers(s);
    struct shim_client_hello ch;
    char *p = buf;
    size_t i;

    if (s == NULL || !s->server || buf == NULL || size < 2 || mine == NULL ||
        s->client_hello == NULL ||
        !shim_client_hello_parse(s->client_hello, s->client_hello_len, &ch))
        return NULL;
    for (i = 0; i + 1 < ch.ciphers_len; i += 2) {
        const SSL_CIPHER *c =
            shim_cipher_by_id((uint16_t)((ch.ciphers[i] << 8) | ch.ciphers[i + 1]));
        size_t len;
        int j;
        int shared = 0;

        for (j = 0; c != NULL && j < sk_SSL_CIPHER_num(mine) && !shared; j++)
            shared = sk_SSL_CIPHER_value(mine, j) == c;
        if (!shared)
            continue;
        len = strlen(c->name);
        if (len + 1 > (size_t)size)
            break;
        memcpy(p, c->name, len);
        p += len;
        *p++ = ':';
        size -= (int)len + 1;
    }
    if (p == buf)
        return NULL;
    p[-1] = '\0';
    return buf;
}
