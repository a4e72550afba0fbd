/* SPDX-License-Identifier: Apache-2.0 */
/*
 * OpenSSL's host name check (X509_check_host / X509_check_ip semantics, as
 * SSL_set1_host uses them), written for mbedTLS certificates. mbedTLS's own
 * check differs: it allows only a whole-label "*." wildcard and reads the CN
 * only when a certificate has no SAN extension at all.
 */
#include "internal.h"

#include <string.h>

#include <mbedtls/oid.h>
#include <mbedtls/x509.h>

static int ascii_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static int equal_nocase(const unsigned char *a, const unsigned char *b, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return 0;
    }
    return 1;
}

static int is_idna_label(const unsigned char *p, size_t len)
{
    return len >= 4 && equal_nocase(p, (const unsigned char *)"xn--", 4);
}

/* Where the wildcard of a pattern is, if the pattern is one OpenSSL treats
 * as a wildcard: one '*', in the left-most label, which is not an IDNA
 * label, followed by at least two labels, with no empty label. NULL
 * otherwise (the pattern then only matches literally). */
static const unsigned char *pattern_star(const unsigned char *pat, size_t len)
{
    const unsigned char *star = NULL;
    size_t dots = 0;
    size_t label_start = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        if (pat[i] == '*') {
            if (star != NULL || dots > 0)
                return NULL;
            star = pat + i;
        } else if (pat[i] == '.') {
            if (i == label_start)
                return NULL;
            dots++;
            label_start = i + 1;
        }
    }
    if (star == NULL || dots < 2 || label_start == len)
        return NULL;
    /* dots > 0, so the first label ends at a '.' */
    if (is_idna_label(pat, (size_t)((const unsigned char *)memchr(pat, '.', len) - pat)))
        return NULL;
    return star;
}

/* OpenSSL reads a host name that starts with '.' as "any name below this
 * domain": a name in the certificate matches if it ends with it. */
static int subdomain_matches(const unsigned char *pat, size_t plen, const unsigned char *h,
                             size_t hlen)
{
    return plen > hlen && equal_nocase(pat + plen - hlen, h, hlen);
}

int shim_dns_name_matches(const unsigned char *pat, size_t plen, const char *host,
                          unsigned int flags)
{
    const unsigned char *h = (const unsigned char *)host;
    size_t hlen = strlen(host);
    const unsigned char *star;
    size_t prefix_len;
    size_t suffix_len;
    size_t i;

    if (hlen > 1 && h[0] == '.') {
        /* With SINGLE_LABEL_SUBDOMAINS, only names one label deeper. */
        if ((flags & X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS) && plen > hlen &&
            memchr(pat, '.', plen - hlen) != NULL)
            return 0;
        return subdomain_matches(pat, plen, h, hlen);
    }
    /* The same name, letter for letter, always matches (a '*' too). */
    if (plen == hlen && equal_nocase(pat, h, hlen))
        return 1;
    star = (flags & X509_CHECK_FLAG_NO_WILDCARDS) ? NULL : pattern_star(pat, plen);
    if (star != NULL && (flags & X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS) &&
        !(star == pat && star[1] == '.'))
        star = NULL;
    if (star == NULL)
        return 0;
    prefix_len = (size_t)(star - pat);
    suffix_len = plen - prefix_len - 1;
    /* The wildcard stands for at least one character. */
    if (hlen <= prefix_len + suffix_len)
        return 0;
    if (!equal_nocase(pat, h, prefix_len) ||
        !equal_nocase(star + 1, h + hlen - suffix_len, suffix_len))
        return 0;
    /* Only a whole-label wildcard may match an IDNA label. */
    if (!(prefix_len == 0 && star[1] == '.') && is_idna_label(h, hlen))
        return 0;
    /* The wildcard covers letters, digits and hyphens of one label only
     * (of several with MULTI_LABEL_WILDCARDS). */
    for (i = prefix_len; i < hlen - suffix_len; i++) {
        unsigned char c = h[i];

        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '-' || (c == '.' && (flags & X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS))))
            return 0;
    }
    return 1;
}

/* Keeps a copy of the name that matched, for X509_check_host's peername. */
static int matched(char **peername, const unsigned char *name, size_t len)
{
    if (peername != NULL) {
        *peername = OPENSSL_malloc(len + 1);
        if (*peername != NULL) {
            memcpy(*peername, name, len);
            (*peername)[len] = '\0';
        }
    }
    return 1;
}

static int parse_ipv4(const char *text, unsigned char out[4])
{
    int part;

    for (part = 0; part < 4; part++) {
        unsigned int value = 0;
        int digits = 0;

        while (*text >= '0' && *text <= '9') {
            value = value * 10 + (unsigned int)(*text++ - '0');
            if (++digits > 3 || value > 255)
                return 0;
        }
        if (digits == 0)
            return 0;
        out[part] = (unsigned char)value;
        if (part < 3 && *text++ != '.')
            return 0;
    }
    return *text == '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* RFC 4291 text: groups of up to four hex digits, one "::" for a run of
 * zero groups, optionally ending in dotted IPv4. */
static int parse_ipv6(const char *text, unsigned char out[16])
{
    unsigned char groups[16];
    size_t n = 0;     /* bytes parsed */
    long gap = -1;    /* where "::" stands, in bytes */

    if (text[0] == ':') {
        if (text[1] != ':')
            return 0;
        gap = 0;
        text += 2;
    }
    while (*text != '\0') {
        unsigned int value = 0;
        int digits = 0;
        const char *start = text;

        while (hex_value(*text) >= 0) {
            value = (value << 4) | (unsigned int)hex_value(*text++);
            if (++digits > 4)
                return 0;
        }
        if (*text == '.') {
            /* Embedded IPv4 must be last and fill 4 bytes. */
            if (n > 12 || !parse_ipv4(start, groups + n))
                return 0;
            n += 4;
            break;
        }
        if (digits == 0 || n > 14)
            return 0;
        groups[n++] = (unsigned char)(value >> 8);
        groups[n++] = (unsigned char)value;
        if (*text == '\0')
            break;
        if (*text++ != ':')
            return 0;
        if (*text == ':') {
            if (gap >= 0)
                return 0;
            gap = (long)n;
            text++;
            if (*text == '\0')
                break;
        } else if (*text == '\0') {
            return 0;
        }
    }
    if (gap < 0) {
        if (n != 16)
            return 0;
        memcpy(out, groups, 16);
        return 1;
    }
    if (n > 14)
        return 0;
    memset(out, 0, 16);
    memcpy(out, groups, (size_t)gap);
    memcpy(out + 16 - (n - (size_t)gap), groups + gap, n - (size_t)gap);
    return 1;
}

size_t shim_parse_ip(const char *text, unsigned char out[16])
{
    if (parse_ipv4(text, out))
        return 4;
    if (strchr(text, ':') != NULL && parse_ipv6(text, out))
        return 16;
    return 0;
}

int shim_host_matches(const mbedtls_x509_crt *crt, const char *host, unsigned int flags,
                      char **peername)
{
    unsigned char ip[16];
    size_t ip_len = (flags & SHIM_CHECK_AS_DNS) ? 0 : shim_parse_ip(host, ip);
    const mbedtls_x509_sequence *cur;
    const mbedtls_x509_name *name;
    int have_dns_san = 0;

    for (cur = &crt->subject_alt_names; cur != NULL && cur->buf.p != NULL; cur = cur->next) {
        mbedtls_x509_subject_alternative_name san;
        int match = 0;

        if (mbedtls_x509_parse_subject_alt_name(&cur->buf, &san) != 0)
            continue; /* a kind of name mbedTLS does not parse: not ours */
        if (san.type == MBEDTLS_X509_SAN_DNS_NAME) {
            have_dns_san = 1;
            match = ip_len == 0 && shim_dns_name_matches(san.san.unstructured_name.p,
                                                         san.san.unstructured_name.len, host,
                                                         flags);
            if (match)
                matched(peername, san.san.unstructured_name.p, san.san.unstructured_name.len);
        } else if (san.type == MBEDTLS_X509_SAN_IP_ADDRESS) {
            match = ip_len != 0 && san.san.unstructured_name.len == ip_len &&
                    memcmp(san.san.unstructured_name.p, ip, ip_len) == 0;
        }
        mbedtls_x509_free_subject_alt_name(&san);
        if (match)
            return 1;
    }
    /* OpenSSL falls back to the subject's common names only for a host
     * name, and only when there is no DNS name in the SAN (unless told to
     * always or never look there). */
    if (ip_len != 0 || (flags & X509_CHECK_FLAG_NEVER_CHECK_SUBJECT) ||
        (have_dns_san && !(flags & X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT)))
        return 0;
    for (name = &crt->subject; name != NULL; name = name->next) {
        if (name->oid.p != NULL && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &name->oid) == 0 &&
            shim_dns_name_matches(name->val.p, name->val.len, host, flags))
            return matched(peername, name->val.p, name->val.len);
    }
    return 0;
}

/* Calls match(entry type, bytes, length, arg) for each SAN entry mbedTLS
 * parses, until it returns nonzero; that result, or 0. */
static int each_san(const mbedtls_x509_crt *crt,
                    int (*match)(int type, const unsigned char *p, size_t len, const void *arg),
                    const void *arg)
{
    const mbedtls_x509_sequence *cur;
    int found = 0;

    for (cur = &crt->subject_alt_names; !found && cur != NULL && cur->buf.p != NULL;
         cur = cur->next) {
        mbedtls_x509_subject_alternative_name san;

        if (mbedtls_x509_parse_subject_alt_name(&cur->buf, &san) != 0)
            continue;
        found = match(san.type, san.san.unstructured_name.p, san.san.unstructured_name.len, arg);
        mbedtls_x509_free_subject_alt_name(&san);
    }
    return found;
}

struct ip_wanted {
    const unsigned char *ip;
    size_t len;
};

static int ip_entry_matches(int type, const unsigned char *p, size_t len, const void *arg)
{
    const struct ip_wanted *want = arg;

    return type == MBEDTLS_X509_SAN_IP_ADDRESS && len == want->len && memcmp(p, want->ip, len) == 0;
}

int shim_ip_matches(const mbedtls_x509_crt *crt, const unsigned char *ip, size_t len)
{
    struct ip_wanted want = {ip, len};

    return each_san(crt, ip_entry_matches, &want);
}

/* OpenSSL's e-mail rule: the local part exactly, the domain in any case. */
static int email_equal(const unsigned char *name, size_t len, const char *email)
{
    const char *at = strrchr(email, '@');
    size_t i;

    if (len != strlen(email) || at == NULL)
        return 0;
    for (i = 0; i < len; i++) {
        int a = name[i];
        int b = (unsigned char)email[i];

        if (email + i > at) {
            a = ascii_lower(a);
            b = ascii_lower(b);
        }
        if (a != b)
            return 0;
    }
    return 1;
}

static int is_email_entry(int type, const unsigned char *p, size_t len, const void *arg)
{
    (void)p;
    (void)len;
    (void)arg;
    return type == MBEDTLS_X509_SAN_RFC822_NAME;
}

static int email_entry_matches(int type, const unsigned char *p, size_t len, const void *arg)
{
    return type == MBEDTLS_X509_SAN_RFC822_NAME && email_equal(p, len, arg);
}

int shim_email_matches(const mbedtls_x509_crt *crt, const char *email, unsigned int flags)
{
    const mbedtls_x509_name *name;

    if (each_san(crt, email_entry_matches, email))
        return 1;
    /* The subject's emailAddress entries count when the SAN has none. */
    if ((flags & X509_CHECK_FLAG_NEVER_CHECK_SUBJECT) ||
        (each_san(crt, is_email_entry, NULL) && !(flags & X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT)))
        return 0;
    for (name = &crt->subject; name != NULL; name = name->next) {
        if (name->oid.p != NULL && MBEDTLS_OID_CMP(MBEDTLS_OID_PKCS9_EMAIL, &name->oid) == 0 &&
            email_equal(name->val.p, name->val.len, email))
            return 1;
    }
    return 0;
}
