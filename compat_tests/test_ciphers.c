/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Cipher lists. Cipher strings are checked against the `openssl ciphers`
 * command itself: for each string (real configurations' and the grammar's
 * corners), the list this library makes must be OpenSSL's list with the
 * suites this build lacks left out, and a failure must fail the same way.
 * Then the TLS 1.3 list, the security level, what connections inherit,
 * SSL_CIPHER's getters, and the suite two peers agree on.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "testlib.h"

/* The strings: nginx's, Apache's and Mozilla's usual ones, the issue's,
 * then the grammar (operators, separators, '+' combinations, special
 * commands, unknown words, invalid characters). */
static const char *const cipher_strings[] = {
    "HIGH:!aNULL:!MD5",
    "HIGH:MEDIUM:!MD5:!RC4:!3DES",
    "ECDHE+AESGCM:ECDHE+CHACHA20",
    "DEFAULT:@SECLEVEL=2",
    "DEFAULT",
    "ALL",
    "ALL:COMPLEMENTOFALL",
    "COMPLEMENTOFDEFAULT",
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
    "EECDH+AESGCM:EDH+AESGCM",
    "EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH",
    "ECDH+AESGCM:DH+AESGCM:ECDH+AES256:DH+AES256:ECDH+AES128:DH+AES:RSA+AESGCM:RSA+AES:!aNULL:"
    "!MD5:!DSS",
    "kEECDH+ECDSA+AES128:kEECDH+ECDSA+AES256:kEECDH+AES128:kEECDH+AES256:kEDH+AES128:"
    "kEDH+AES256:DES-CBC3-SHA:+SHA:!aNULL:!eNULL:!LOW:!kECDH:!DSS:!MD5:!RC4:!EXP:!PSK:!SRP:"
    "!CAMELLIA:!SEED",
    "ALL:@STRENGTH",
    "AES:@STRENGTH",
    "ALL:-AES128:+SHA",
    "ALL:!ECDHE:RSA+AES256",
    "AES128-SHA:AES256-SHA:-AES128-SHA:AES128-SHA",
    "-ALL:AES",
    "AES:+aRSA:+SHA1",
    "aECDSA:aRSA:+AES128",
    "kRSA:kECDHE:kDHE:kPSK:kECDHEPSK:kDHEPSK:kRSAPSK",
    "PSK:aPSK",
    "AESGCM:AESCCM:AESCCM8:CHACHA20:CAMELLIA:ARIA:ARIAGCM:CBC",
    "AES128:AES256:CAMELLIA128:CAMELLIA256:ARIA128:ARIA256",
    "SHA1:SHA256:SHA384",
    "SHA:TLSv1.2:TLSv1.0:TLSv1:SSLv3",
    "FIPS",
    "FIPS:!SHA1",
    "ECDHE+ECDSA+AESGCM",
    "kRSA+kECDHE",
    "AES128-SHA+ECDSA",
    "ECDSA+AES128-SHA",
    "AES128-SHA!AES",
    "junk!AES:AES256-SHA",
    "AES128-SHA, AES256-SHA;ECDHE-RSA-AES128-SHA ECDHE-RSA-AES256-SHA",
    "  :: AES128-SHA ::",
    "DEFAULTX:AES128-SHA",
    "RSA:DEFAULT",
    "DEFAULT:!RSA:!DHE",
    "!ALL:AES",
    "ALL:!ALL",
    "eNULL:NULL:aNULL:MD5:RC4:3DES:DSS",
    "DSS",
    "junk",
    "",
    "AES*",
    "*",
    "AES+",
    "ALL:@STRENGTH=3",
    "ALL:@SECLEVEL",
    "ALL:@SECLEVEL=9",
    "ALL:@FOO",
    "-@STRENGTH",
    "AES128-SHA:@SECLEVEL=3",
    "TLS_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_128_CBC_SHA",
    "aes128-sha",
};

/* What one side made of a string: success, the error reason, the names. */
struct outcome {
    int ok;
    int reason;
    char *names[256];
    int count;
};

static void outcome_clear(struct outcome *o)
{
    int i;

    for (i = 0; i < o->count; i++)
        free(o->names[i]);
    memset(o, 0, sizeof(*o));
}

static void add_name(struct outcome *o, const char *name, size_t len)
{
    char *copy;

    if (len == 0 || o->count >= (int)(sizeof(o->names) / sizeof(o->names[0])))
        return;
    copy = malloc(len + 1);
    if (copy == NULL)
        return;
    memcpy(copy, name, len);
    copy[len] = '\0';
    o->names[o->count++] = copy;
}

/* `openssl ciphers [flags] 'str'`: the names, or the reason it gave up. */
static int run_openssl(const char *flags, const char *str, struct outcome *o)
{
    char command[1024];
    char output[8192];
    size_t len;
    FILE *p;
    char *at;

    memset(o, 0, sizeof(*o));
    if (strchr(str, '\'') != NULL ||
        (size_t)snprintf(command, sizeof(command), "%s ciphers %s -- '%s' 2>&1",
                         OPENSSL_COMMAND, flags, str) >= sizeof(command))
        return 0;
    p = popen(command, "r");
    if (p == NULL)
        return 0;
    len = fread(output, 1, sizeof(output) - 1, p);
    output[len] = '\0';
    if (pclose(p) != 0) {
        o->reason = strstr(output, "invalid command") != NULL   ? SSL_R_INVALID_COMMAND
                    : strstr(output, "no cipher match") != NULL ? SSL_R_NO_CIPHER_MATCH
                                                                : -1;
        return o->reason != -1;
    }
    o->ok = 1;
    for (at = output; *at != '\0';) {
        size_t n = strcspn(at, ":\n");

        add_name(o, at, n);
        at += n;
        if (*at != '\0')
            at++;
    }
    return 1;
}

static void names_of(const STACK_OF(SSL_CIPHER) *list, struct outcome *o)
{
    int i;

    for (i = 0; i < sk_SSL_CIPHER_num(list); i++) {
        const char *name = SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i));

        add_name(o, name, strlen(name));
    }
}

/* This library's answer for str, on a fresh context: its list, or what
 * a connection from it supports (as `openssl ciphers -s`). */
static int run_library(const char *str, int supported, struct outcome *o)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    STACK_OF(SSL_CIPHER) *list = NULL;

    memset(o, 0, sizeof(*o));
    if (ctx == NULL)
        return 0;
    ERR_clear_error();
    o->ok = SSL_CTX_set_cipher_list(ctx, str);
    o->reason = o->ok ? 0 : ERR_GET_REASON(ERR_peek_error());
    ERR_clear_error();
    if (!supported) {
        names_of(SSL_CTX_get_ciphers(ctx), o);
    } else if ((s = SSL_new(ctx)) != NULL && (list = SSL_get1_supported_ciphers(s)) != NULL) {
        names_of(list, o);
        sk_SSL_CIPHER_free(list);
    }
    SSL_free(s);
    SSL_CTX_free(ctx);
    return 1;
}

static int listed(const struct outcome *o, const char *name)
{
    int i;

    for (i = 0; i < o->count; i++) {
        if (strcmp(o->names[i], name) == 0)
            return 1;
    }
    return 0;
}

static int is_tls13_name(const char *name)
{
    return strncmp(name, "TLS_", 4) == 0;
}

/* One string: OpenSSL's list less what this build does not have (known:
 * every suite it has) must be this library's list. */
static int same_as_openssl(const char *str, const struct outcome *known)
{
    struct outcome theirs;
    struct outcome ours;
    struct outcome expected;
    int tls12 = 0;
    int ok = 0;
    int i;

    memset(&theirs, 0, sizeof(theirs));
    memset(&ours, 0, sizeof(ours));
    memset(&expected, 0, sizeof(expected));
    CHECK(run_openssl("", str, &theirs));
    CHECK(run_library(str, 0, &ours));
    for (i = 0; i < theirs.count; i++) {
        if (listed(known, theirs.names[i])) {
            add_name(&expected, theirs.names[i], strlen(theirs.names[i]));
            tls12 |= !is_tls13_name(theirs.names[i]);
        }
    }
    if (!theirs.ok) {
        CHECK_INT(ours.ok, ==, 0);
        CHECK_INT(ours.reason, ==, theirs.reason);
    } else if (!tls12) {
        /* Only suites this build lacks: nothing it can use was selected. */
        CHECK_INT(ours.ok, ==, 0);
        CHECK_INT(ours.reason, ==, SSL_R_NO_CIPHER_MATCH);
    } else {
        CHECK_INT(ours.ok, ==, 1);
        CHECK_INT(ours.count, ==, expected.count);
        for (i = 0; i < expected.count; i++) {
            if (strcmp(ours.names[i], expected.names[i]) != 0) {
                fprintf(stderr, "  at %d: %s, OpenSSL has %s\n", i, ours.names[i],
                        expected.names[i]);
                CHECK(0);
            }
        }
    }
    ok = 1;
out:
    if (!ok)
        fprintf(stderr, "  cipher string: \"%s\"\n", str);
    outcome_clear(&theirs);
    outcome_clear(&ours);
    outcome_clear(&expected);
    return ok;
}

static int cipher_strings_match_openssl(void)
{
    struct outcome known;
    size_t i;
    int failed = 0;

    memset(&known, 0, sizeof(known));
    /* Every suite this build has: all TLS 1.2 ones and the TLS 1.3 ones. */
    CHECK(run_library("ALL:COMPLEMENTOFALL", 0, &known));
    CHECK(known.ok && known.count > 3);
    for (i = 0; i < sizeof(cipher_strings) / sizeof(cipher_strings[0]); i++)
        failed += !same_as_openssl(cipher_strings[i], &known);
    CHECK_INT(failed, ==, 0);
    outcome_clear(&known);
    return 1;
out:
    outcome_clear(&known);
    return 0;
}

/* What each security level leaves a connection, against `openssl
 * ciphers -s` (which leaves out PSK suites without callbacks, as here). */
static int supported_by_level(void)
{
    struct outcome known;
    struct outcome theirs;
    struct outcome ours;
    char str[64];
    int level;
    int i;
    int ok = 0;

    memset(&known, 0, sizeof(known));
    memset(&theirs, 0, sizeof(theirs));
    memset(&ours, 0, sizeof(ours));
    CHECK(run_library("ALL:COMPLEMENTOFALL", 0, &known));
    for (level = 0; level <= 5; level++) {
        int at = 0;

        snprintf(str, sizeof(str), "ALL:COMPLEMENTOFALL:@SECLEVEL=%d", level);
        CHECK(run_openssl("-s", str, &theirs));
        CHECK(run_library(str, 1, &ours));
        CHECK(theirs.ok && ours.ok);
        for (i = 0; i < theirs.count; i++) {
            if (!listed(&known, theirs.names[i]))
                continue;
            if (at >= ours.count || strcmp(ours.names[at], theirs.names[i]) != 0) {
                fprintf(stderr, "  level %d, at %d: %s, OpenSSL has %s\n", level, at,
                        at < ours.count ? ours.names[at] : "nothing", theirs.names[i]);
                CHECK(0);
            }
            at++;
        }
        CHECK_INT(at, ==, ours.count);
        outcome_clear(&theirs);
        outcome_clear(&ours);
    }
    ok = 1;
out:
    outcome_clear(&known);
    outcome_clear(&theirs);
    outcome_clear(&ours);
    return ok;
}

/* `openssl ciphers -v` lines are SSL_CIPHER_description's. */
static int descriptions_match_openssl(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    char command[256];
    char line[256];
    char mine[128];
    FILE *p = NULL;
    int compared = 0;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_cipher_list(ctx, "ALL:COMPLEMENTOFALL") == 1);
    snprintf(command, sizeof(command), "%s ciphers -v 'ALL:COMPLEMENTOFALL'", OPENSSL_COMMAND);
    CHECK((p = popen(command, "r")) != NULL);
    while (fgets(line, sizeof(line), p) != NULL) {
        STACK_OF(SSL_CIPHER) *list = SSL_CTX_get_ciphers(ctx);
        size_t name_len = strcspn(line, " ");
        int i;

        for (i = 0; i < sk_SSL_CIPHER_num(list); i++) {
            const SSL_CIPHER *c = sk_SSL_CIPHER_value(list, i);

            if (strlen(SSL_CIPHER_get_name(c)) == name_len &&
                strncmp(SSL_CIPHER_get_name(c), line, name_len) == 0) {
                CHECK(SSL_CIPHER_description(c, mine, sizeof(mine)) == mine);
                if (strcmp(mine, line) != 0) {
                    fprintf(stderr, "  ours:    %s  OpenSSL: %s", mine, line);
                    CHECK(0);
                }
                compared++;
            }
        }
    }
    CHECK(compared > 3);
    ok = 1;
out:
    if (p != NULL)
        pclose(p);
    SSL_CTX_free(ctx);
    return ok;
}

static int list_is(const STACK_OF(SSL_CIPHER) *list, const char *const *names, int n)
{
    int i;

    if (sk_SSL_CIPHER_num(list) != n)
        return 0;
    for (i = 0; i < n; i++) {
        if (strcmp(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)), names[i]) != 0)
            return 0;
    }
    return 1;
}

/* A string selecting nothing fails and leaves only the TLS 1.3 suites; an
 * invalid one fails and changes nothing; @SECLEVEL takes effect either
 * way (OpenSSL's own behaviour, probed). */
static int failures(void)
{
    static const char *const tls13[] = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                                        "TLS_AES_128_GCM_SHA256"};
    static const char *const one[] = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                                      "TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-SHA"};
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_get_security_level(ctx), ==, 2);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "ECDHE-RSA-AES128-SHA"), ==, 1);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), one, 4));
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "AES*"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_INVALID_COMMAND);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), one, 4));
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "junk:@SECLEVEL=3"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NO_CIPHER_MATCH);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), tls13, 3));
    CHECK_INT(SSL_CTX_get_security_level(ctx), ==, 3);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "ALL:@SECLEVEL=9"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_INVALID_COMMAND);
    CHECK_INT(SSL_CTX_get_security_level(ctx), ==, 3);
    CHECK_INT(ERR_peek_error(), ==, 0);
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

/* The TLS 1.3 list: names between colons, unknown ones skipped (the
 * call fails only when a non-empty string names none), duplicates kept,
 * always ahead of the TLS 1.2 part. */
static int tls13_lists(void)
{
    static const char *const none13[] = {"AES256-SHA"};
    static const char *const one13[] = {"TLS_AES_128_GCM_SHA256", "AES256-SHA"};
    static const char *const ccm[] = {"TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256",
                                      "AES256-SHA"};
    static const char *const twice[] = {"TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256",
                                        "AES256-SHA"};
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "AES256-SHA"), ==, 1);
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, ""), ==, 1);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), none13, 1));
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, " TLS_AES_128_GCM_SHA256 :junk"), ==, 1);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), one13, 2));
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "junk"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NO_CIPHER_MATCH);
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "AES128-SHA"), ==, 0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NO_CIPHER_MATCH);
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384"), ==,
              0);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, SSL_R_NO_CIPHER_MATCH);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), one13, 2));
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_CCM_SHA256::TLS_AES_128_CCM_8_SHA256"),
              ==, 1);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), ccm, 3));
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256:TLS_AES_128_GCM_SHA256"), ==,
              1);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), twice, 3));
    /* The TLS 1.2 part follows the TLS 1.3 one through a new string. */
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "AES256-SHA"), ==, 1);
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), twice, 3));
    ok = 1;
out:
    SSL_CTX_free(ctx);
    return ok;
}

/* A connection reads its context's list until it has its own. */
static int connection_lists(void)
{
    static const char *const ctx_list[] = {"TLS_AES_128_GCM_SHA256", "AES256-SHA"};
    static const char *const own[] = {"TLS_CHACHA20_POLY1305_SHA256", "AES256-SHA"};
    static const char *const own12[] = {"TLS_CHACHA20_POLY1305_SHA256", "AES128-SHA"};
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK((s = SSL_new(ctx)) != NULL);
    CHECK(SSL_get_ciphers(s) == SSL_CTX_get_ciphers(ctx));
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "AES256-SHA"), ==, 1);
    CHECK_INT(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256"), ==, 1);
    CHECK(list_is(SSL_get_ciphers(s), ctx_list, 2));
    CHECK(strcmp(SSL_get_cipher_list(s, 0), "TLS_AES_128_GCM_SHA256") == 0);
    CHECK(strcmp(SSL_get_cipher_list(s, 1), "AES256-SHA") == 0);
    CHECK(SSL_get_cipher_list(s, 2) == NULL);
    CHECK(SSL_get_cipher_list(s, -1) == NULL);
    CHECK_INT(SSL_set_ciphersuites(s, "TLS_CHACHA20_POLY1305_SHA256"), ==, 1);
    CHECK(list_is(SSL_get_ciphers(s), own, 2));
    CHECK(list_is(SSL_CTX_get_ciphers(ctx), ctx_list, 2));
    CHECK_INT(SSL_set_cipher_list(s, "AES128-SHA"), ==, 1);
    CHECK(list_is(SSL_get_ciphers(s), own12, 2));
    CHECK_INT(SSL_get_security_level(s), ==, SSL_CTX_get_security_level(ctx));
    SSL_set_security_level(s, 3);
    CHECK_INT(SSL_get_security_level(s), ==, 3);
    CHECK(SSL_get_ciphers(NULL) == NULL);
    CHECK(SSL_get_cipher_list(NULL, 0) == NULL);
    ok = 1;
out:
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

static const SSL_CIPHER *find_named(const STACK_OF(SSL_CIPHER) *list, const char *name)
{
    int i;

    for (i = 0; i < sk_SSL_CIPHER_num(list); i++) {
        if (strcmp(SSL_CIPHER_get_name(sk_SSL_CIPHER_value(list, i)), name) == 0)
            return sk_SSL_CIPHER_value(list, i);
    }
    return NULL;
}

/* The getters of SSL_CIPHER, with OpenSSL's values. */
static int cipher_getters(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = NULL;
    const SSL_CIPHER *gcm;
    const SSL_CIPHER *cbc;
    const SSL_CIPHER *tls13;
    char *text = NULL;
    char buf[128];
    int alg_bits = -1;
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK_INT(SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES256-GCM-SHA384:AES128-SHA"), ==, 1);
    CHECK((s = SSL_new(ctx)) != NULL);
    CHECK((gcm = find_named(SSL_get_ciphers(s), "ECDHE-ECDSA-AES256-GCM-SHA384")) != NULL);
    CHECK((cbc = find_named(SSL_get_ciphers(s), "AES128-SHA")) != NULL);
    CHECK((tls13 = find_named(SSL_get_ciphers(s), "TLS_CHACHA20_POLY1305_SHA256")) != NULL);
    CHECK(strcmp(SSL_CIPHER_get_version(gcm), "TLSv1.2") == 0);
    CHECK(strcmp(SSL_CIPHER_get_version(cbc), "SSLv3") == 0);
    CHECK(strcmp(SSL_CIPHER_get_version(tls13), "TLSv1.3") == 0);
    CHECK(strcmp(SSL_CIPHER_get_version(NULL), "(NONE)") == 0);
    CHECK_INT(SSL_CIPHER_get_kx_nid(gcm), ==, NID_kx_ecdhe);
    CHECK_INT(SSL_CIPHER_get_auth_nid(gcm), ==, NID_auth_ecdsa);
    CHECK_INT(SSL_CIPHER_get_kx_nid(cbc), ==, NID_kx_rsa);
    CHECK_INT(SSL_CIPHER_get_auth_nid(cbc), ==, NID_auth_rsa);
    CHECK_INT(SSL_CIPHER_get_kx_nid(tls13), ==, NID_kx_any);
    CHECK_INT(SSL_CIPHER_get_auth_nid(tls13), ==, NID_auth_any);
    CHECK_INT(SSL_CIPHER_get_cipher_nid(gcm), ==, NID_aes_256_gcm);
    CHECK_INT(SSL_CIPHER_get_cipher_nid(cbc), ==, NID_aes_128_cbc);
    CHECK_INT(SSL_CIPHER_get_digest_nid(gcm), ==, NID_undef);
    CHECK_INT(SSL_CIPHER_get_digest_nid(cbc), ==, NID_sha1);
    CHECK_INT(SSL_CIPHER_is_aead(gcm), ==, 1);
    CHECK_INT(SSL_CIPHER_get_bits(gcm, &alg_bits), ==, 256);
    CHECK_INT(alg_bits, ==, 256);
    CHECK_INT(SSL_CIPHER_get_bits(cbc, NULL), ==, 128);
    CHECK_INT(SSL_CIPHER_get_bits(NULL, &alg_bits), ==, 0);
    CHECK_INT(SSL_CIPHER_get_id(gcm), ==, 0x0300C02CL);
    CHECK_INT(SSL_CIPHER_get_id(tls13), ==, 0x03001303L);
    CHECK_INT(SSL_CIPHER_get_protocol_id(gcm), ==, 0xC02C);
    CHECK_INT(SSL_CIPHER_get_protocol_id(cbc), ==, 0x002F);
    CHECK(strcmp(SSL_CIPHER_standard_name(gcm), "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384") == 0);
    CHECK(strcmp(SSL_CIPHER_standard_name(cbc), "TLS_RSA_WITH_AES_128_CBC_SHA") == 0);
    CHECK(strcmp(SSL_CIPHER_standard_name(tls13), "TLS_CHACHA20_POLY1305_SHA256") == 0);
    CHECK(strcmp(SSL_CIPHER_standard_name(NULL), "(NONE)") == 0);
    CHECK_INT(SSL_CIPHER_is_aead(cbc), ==, 0);
    CHECK(SSL_CIPHER_find(s, (const unsigned char *)"\x00\x2f") == cbc);
    CHECK(SSL_CIPHER_find(s, (const unsigned char *)"\xff\xff") == NULL);
    CHECK(strcmp(OPENSSL_cipher_name("TLS_RSA_WITH_AES_128_CBC_SHA"), "AES128-SHA") == 0);
    CHECK(strcmp(OPENSSL_cipher_name("junk"), "(NONE)") == 0);
    CHECK(strcmp(OPENSSL_cipher_name(NULL), "(NONE)") == 0);
    CHECK(SSL_CIPHER_description(gcm, buf, 127) == NULL);
    CHECK(SSL_CIPHER_description(gcm, buf, sizeof(buf)) == buf);
    CHECK(strcmp(buf, "ECDHE-ECDSA-AES256-GCM-SHA384  TLSv1.2 Kx=ECDH     Au=ECDSA "
                      "Enc=AESGCM(256)            Mac=AEAD\n") == 0);
    CHECK((text = SSL_CIPHER_description(cbc, NULL, 0)) != NULL);
    CHECK(strcmp(text, "AES128-SHA                     SSLv3   Kx=RSA      Au=RSA   "
                       "Enc=AES(128)               Mac=SHA1\n") == 0);
    CHECK(SSL_get_pending_cipher(s) == NULL);
    CHECK(SSL_get_shared_ciphers(s, buf, sizeof(buf)) == NULL);
    ok = 1;
out:
    OPENSSL_free(text);
    SSL_free(s);
    SSL_CTX_free(ctx);
    return ok;
}

/* ---- What two peers agree on ----------------------------------------------------------- */

struct agreement {
    const char *client_list;   /* NULL: the default */
    const char *client_suites; /* TLS 1.3; NULL: the default */
    const char *server_list;
    const char *server_suites;
    int server_preference;
    int version; /* both ends' maximum; 0: none */
};

/* Runs a handshake (ECDSA server certificate); the suite the client ended
 * with, or NULL with *run holding both results. */
static const char *agree(const struct agreement *a, struct side *cr, struct side *sr,
                         int *version)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, a->version);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, a->version);
    SSL *c = NULL;
    SSL *s = NULL;
    const char *name = NULL;

    memset(cr, 0, sizeof(*cr));
    memset(sr, 0, sizeof(*sr));
    *version = 0;
    if (sctx == NULL || cctx == NULL ||
        (a->client_list != NULL && SSL_CTX_set_cipher_list(cctx, a->client_list) != 1) ||
        (a->client_suites != NULL && SSL_CTX_set_ciphersuites(cctx, a->client_suites) != 1) ||
        (a->server_list != NULL && SSL_CTX_set_cipher_list(sctx, a->server_list) != 1) ||
        (a->server_suites != NULL && SSL_CTX_set_ciphersuites(sctx, a->server_suites) != 1) ||
        !make_pair(cctx, sctx, &c, &s))
        goto done;
    if (a->server_preference)
        SSL_set_options(s, SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (drive_handshake(c, hs_connect, cr, s, hs_accept, sr, NULL, NULL)) {
        /* A static name: the suite outlives the connection. */
        name = SSL_get_cipher_name(c);
        *version = SSL_version(c);
        if (strcmp(name, SSL_get_cipher_name(s)) != 0 || SSL_get_pending_cipher(c) == NULL)
            name = NULL;
    }
done:
    free_pair(c, s, cctx, sctx);
    return name;
}

static int agrees_on(const struct agreement *a, const char *suite, int version)
{
    struct side cr;
    struct side sr;
    int got_version;
    const char *name = agree(a, &cr, &sr, &got_version);

    if (name == NULL || strcmp(name, suite) != 0 || got_version != version) {
        fprintf(stderr,
                "  agreed on %s (version %x), expected %s (%x); client %d/%lx server %d/%lx\n",
                name != NULL ? name : "nothing", (unsigned)got_version, suite, (unsigned)version,
                cr.ret, cr.code, sr.ret, sr.code);
        return 0;
    }
    return 1;
}

static int negotiated_suites(void)
{
    /* The strings against a default server. */
    static const struct agreement high = {"HIGH:!aNULL:!MD5", NULL, NULL, NULL, 0, TLS1_2_VERSION};
    static const struct agreement ecdhe = {"ECDHE+AESGCM:ECDHE+CHACHA20", NULL, NULL, NULL, 0,
                                           TLS1_2_VERSION};
    static const struct agreement seclevel = {"DEFAULT:@SECLEVEL=2", NULL, NULL, NULL, 0,
                                              TLS1_2_VERSION};
    /* The client's order wins, unless the server prefers its own. */
    static const struct agreement client_order = {
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384", NULL,
        "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256", NULL, 0, TLS1_2_VERSION};
    static const struct agreement server_order = {
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384", NULL,
        "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256", NULL, 1, TLS1_2_VERSION};
    static const struct agreement cbc = {"ECDHE-ECDSA-AES128-SHA", NULL, NULL, NULL, 0,
                                         TLS1_2_VERSION};
    /* TLS 1.3 lists, in both orders. */
    static const struct agreement chacha = {NULL, "TLS_CHACHA20_POLY1305_SHA256", NULL, NULL, 0,
                                            0};
    static const struct agreement tls13_client = {
        NULL, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384", NULL,
        "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256", 0, 0};
    static const struct agreement tls13_server = {
        NULL, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384", NULL,
        "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256", 1, 0};
    int ok = 0;

    CHECK(agrees_on(&high, "ECDHE-ECDSA-AES256-GCM-SHA384", TLS1_2_VERSION));
    CHECK(agrees_on(&ecdhe, "ECDHE-ECDSA-AES256-GCM-SHA384", TLS1_2_VERSION));
    CHECK(agrees_on(&seclevel, "ECDHE-ECDSA-AES256-GCM-SHA384", TLS1_2_VERSION));
    CHECK(agrees_on(&client_order, "ECDHE-ECDSA-AES128-GCM-SHA256", TLS1_2_VERSION));
    CHECK(agrees_on(&server_order, "ECDHE-ECDSA-AES256-GCM-SHA384", TLS1_2_VERSION));
    CHECK(agrees_on(&cbc, "ECDHE-ECDSA-AES128-SHA", TLS1_2_VERSION));
    CHECK(agrees_on(&chacha, "TLS_CHACHA20_POLY1305_SHA256", TLS1_3_VERSION));
    CHECK(agrees_on(&tls13_client, "TLS_AES_128_GCM_SHA256", TLS1_3_VERSION));
    CHECK(agrees_on(&tls13_server, "TLS_AES_256_GCM_SHA384", TLS1_3_VERSION));
    ok = 1;
out:
    return ok;
}

/* No suite in common: the server fails with no shared cipher, the client
 * hears handshake_failure. */
static int nothing_in_common(void)
{
    static const struct agreement apart = {"ECDHE-ECDSA-AES128-SHA", NULL,
                                           "ECDHE-ECDSA-AES256-GCM-SHA384", NULL, 0,
                                           TLS1_2_VERSION};
    struct side cr;
    struct side sr;
    int version;
    int ok = 0;

    CHECK(agree(&apart, &cr, &sr, &version) == NULL);
    CHECK_INT(sr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(sr.code), ==, SSL_R_NO_SHARED_CIPHER);
    CHECK_INT(cr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(cr.code), ==, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    ok = 1;
out:
    return ok;
}

/* A client at level 4 (192-bit security) takes no P-256 key: the server's
 * certificate cannot be used, and no suite is left in common. At level 3
 * the same server is fine. */
static int level_and_certificate(void)
{
    static const struct agreement level4 = {"ECDHE-ECDSA-AES256-GCM-SHA384:@SECLEVEL=4", NULL,
                                            NULL, NULL, 0, TLS1_2_VERSION};
    static const struct agreement level3 = {"ECDHE-ECDSA-AES256-GCM-SHA384:@SECLEVEL=3", NULL,
                                            NULL, NULL, 0, TLS1_2_VERSION};
    struct side cr;
    struct side sr;
    int version;
    int ok = 0;

    CHECK(agree(&level4, &cr, &sr, &version) == NULL);
    CHECK_INT(sr.ret, ==, -1);
    CHECK_INT(ERR_GET_REASON(sr.code), ==, SSL_R_NO_SHARED_CIPHER);
    CHECK_INT(cr.ret, ==, -1);
    CHECK(agrees_on(&level3, "ECDHE-ECDSA-AES256-GCM-SHA384", TLS1_2_VERSION));
    ok = 1;
out:
    return ok;
}

/* At level 3 a 2048-bit RSA server key is too small (3072 bits needed):
 * the client's verification says so, at level 2 it passes. */
static int level_and_key_size(int level, long expected)
{
    SSL_CTX *sctx = server_ctx("rsa-server.pem", "rsa.key", 0, 0);
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    int ok = 0;

    CHECK(sctx != NULL && cctx != NULL);
    SSL_CTX_set_security_level(cctx, level);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(SSL_set1_host(c, "localhost") == 1);
    (void)drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL);
    CHECK_INT(SSL_get_verify_result(c), ==, expected);
    CHECK_INT(cr.ret, ==, expected == X509_V_OK ? 1 : -1);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

static int rsa_2048_at_level_2(void)
{
    return level_and_key_size(2, X509_V_OK);
}

static int rsa_2048_at_level_3(void)
{
    return level_and_key_size(3, X509_V_ERR_EE_KEY_TOO_SMALL);
}

/* A client without a suite for the highest version it may speak fails
 * before it sends anything (OpenSSL does not quietly offer less); capped
 * at TLS 1.2 it connects. */
static int no_suite_for_top_version(void)
{
    static const struct agreement no13 = {"ECDHE-ECDSA-AES128-GCM-SHA256", "", NULL, NULL, 0, 0};
    static const struct agreement capped = {"ECDHE-ECDSA-AES128-GCM-SHA256", "", NULL, NULL, 0,
                                            TLS1_2_VERSION};
    struct side cr;
    struct side sr;
    int version;
    int ok = 0;

    CHECK(agree(&no13, &cr, &sr, &version) == NULL);
    CHECK_INT(cr.ret, ==, -1);
    CHECK_INT(cr.err, ==, SSL_ERROR_SSL);
    CHECK_INT(ERR_GET_REASON(cr.code), ==, SSL_R_NO_CIPHERS_AVAILABLE);
    CHECK_INT(sr.ret, ==, -1);
    CHECK(agrees_on(&capped, "ECDHE-ECDSA-AES128-GCM-SHA256", TLS1_2_VERSION));
    ok = 1;
out:
    return ok;
}

/* What a server shares with its client, in the client's order. */
static int shared_ciphers(void)
{
    SSL_CTX *sctx = server_ctx("server.pem", "server.key", 0, 0);
    SSL_CTX *cctx = client_ctx(NULL, SSL_VERIFY_NONE, 0, TLS1_2_VERSION);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr = {0};
    struct side sr = {0};
    char buf[256];
    char tiny[40];
    int alg_bits = 0;
    int ok = 0;

    CHECK(sctx != NULL && cctx != NULL);
    CHECK(SSL_CTX_set_cipher_list(cctx, "ECDHE-ECDSA-AES128-SHA:AES128-SHA:ECDHE-ECDSA-AES256-"
                                        "GCM-SHA384") == 1);
    CHECK(SSL_CTX_set_cipher_list(sctx, "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-SHA:"
                                        "ECDHE-RSA-AES128-SHA") == 1);
    CHECK(make_pair(cctx, sctx, &c, &s));
    CHECK(drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL));
    CHECK(SSL_get_shared_ciphers(s, buf, sizeof(buf)) == buf);
    CHECK(strcmp(buf, "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-GCM-SHA384") == 0);
    /* Cut where the next name does not fit. */
    CHECK(SSL_get_shared_ciphers(s, tiny, sizeof(tiny)) == tiny);
    CHECK(strcmp(tiny, "ECDHE-ECDSA-AES128-SHA") == 0);
    CHECK(SSL_get_shared_ciphers(s, buf, 1) == NULL);
    CHECK(SSL_get_shared_ciphers(c, buf, sizeof(buf)) == NULL);
    CHECK(strcmp(SSL_CIPHER_get_name(SSL_get_pending_cipher(s)), "ECDHE-ECDSA-AES128-SHA") == 0);
    /* The connection's shorthands for its current suite. */
    CHECK(strcmp(SSL_get_cipher(c), "ECDHE-ECDSA-AES128-SHA") == 0);
    CHECK_INT(SSL_get_cipher_bits(s, &alg_bits), ==, 128);
    CHECK_INT(alg_bits, ==, 128);
    CHECK(strcmp(SSL_get_cipher_version(c), "TLSv1.0") == 0);
    ok = 1;
out:
    free_pair(c, s, cctx, sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"cipher_strings_match_openssl", cipher_strings_match_openssl},
        {"supported_by_level", supported_by_level},
        {"descriptions_match_openssl", descriptions_match_openssl},
        {"failures", failures},
        {"tls13_lists", tls13_lists},
        {"connection_lists", connection_lists},
        {"cipher_getters", cipher_getters},
        {"negotiated_suites", negotiated_suites},
        {"nothing_in_common", nothing_in_common},
        {"no_suite_for_top_version", no_suite_for_top_version},
        {"level_and_certificate", level_and_certificate},
        {"rsa_2048_at_level_2", rsa_2048_at_level_2},
        {"rsa_2048_at_level_3", rsa_2048_at_level_3},
        {"shared_ciphers", shared_ciphers},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
