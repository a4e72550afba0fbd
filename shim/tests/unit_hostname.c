/* SPDX-License-Identifier: Apache-2.0 */
/* shim/hostname.c: OpenSSL's name matching rules and the address parser.
 * The expected answers are OpenSSL 3.0's X509_check_host() results. */
#include <string.h>

#include "internal.h"
#include "testlib.h"

static const struct {
    const char *pattern;
    const char *host;
    int match;
} dns_cases[] = {
    {"*.example.com", "foo.example.com", 1},
    {"*.example.com", "example.com", 0},
    {"*.example.com", "a.b.example.com", 0},
    {"*.com", "foo.com", 0},
    {"f*.example.com", "foo.example.com", 1},
    {"*o.example.com", "foo.example.com", 1},
    {"f*o.example.com", "fo.example.com", 0},
    {"*.example.com", "xn--bcher-kva.example.com", 1},
    {"x*.example.com", "xn--bcher.example.com", 0},
    {"xn--*.example.com", "xn--abc.example.com", 0},
    {"FOO.Example.COM", "foo.example.com", 1},
    {"*.*.example.com", "a.b.example.com", 0},
    {"a.*.example.com", "a.b.example.com", 0},
    {"*.example.com", "-.example.com", 1},
    {"*.example.com", "f_o.example.com", 0},
    {"foo.example.com", "foo.example.com.", 0},
    {"foo.example.com.", "foo.example.com", 0},
    {"*.example.com", ".example.com", 1},
    {"*", "foo", 0},
    {"*.example.com", "FOO.EXAMPLE.COM", 1},
    {"*.a.b", "x.a.b", 1},
    {"**.example.com", "x.example.com", 0},
    {"*.example..com", "x.example..com", 0},
    {"*.example.com.", "x.example.com.", 0},
    {"", "x", 0},
};

static int dns_name_rules(void)
{
    size_t i;
    int ok = 0;

    for (i = 0; i < sizeof(dns_cases) / sizeof(dns_cases[0]); i++) {
        const unsigned char *p = (const unsigned char *)dns_cases[i].pattern;
        int got = shim_dns_name_matches(p, strlen(dns_cases[i].pattern), dns_cases[i].host, 0);

        if (got != dns_cases[i].match)
            fprintf(stderr, "  case %zu: %s vs %s\n", i, dns_cases[i].pattern, dns_cases[i].host);
        CHECK_INT(got, ==, dns_cases[i].match);
    }
    ok = 1;
out:
    return ok;
}

static const struct {
    const char *text;
    size_t len; /* 0: not an address */
    unsigned char bytes[16];
} ip_cases[] = {
    {"127.0.0.1", 4, {127, 0, 0, 1}},
    {"0.0.0.0", 4, {0}},
    {"255.255.255.255", 4, {255, 255, 255, 255}},
    {"256.0.0.1", 0, {0}},
    {"1.2.3", 0, {0}},
    {"1.2.3.4.5", 0, {0}},
    {"1..2.3", 0, {0}},
    {"1.2.3.4 ", 0, {0}},
    {"::1", 16, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
    {"::", 16, {0}},
    {"1::", 16, {0, 1}},
    {"fe80::1:2", 16, {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2}},
    {"1:2:3:4:5:6:7:8", 16, {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8}},
    {"::ffff:1.2.3.4", 16, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4}},
    {"1:2:3:4:5:6:7:8:9", 0, {0}},
    {"1:2:3:4::5:6:7:8", 0, {0}},
    {"1:::2", 0, {0}},
    {"1::2::3", 0, {0}},
    {"12345::", 0, {0}},
    {"g::", 0, {0}},
    {":1", 0, {0}},
    {"1:", 0, {0}},
    {"localhost", 0, {0}},
    {"", 0, {0}},
};

static int address_parser(void)
{
    unsigned char out[16];
    size_t i;
    int ok = 0;

    for (i = 0; i < sizeof(ip_cases) / sizeof(ip_cases[0]); i++) {
        size_t len = shim_parse_ip(ip_cases[i].text, out);

        if (len != ip_cases[i].len)
            fprintf(stderr, "  case %zu: \"%s\"\n", i, ip_cases[i].text);
        CHECK_INT(len, ==, ip_cases[i].len);
        if (len != 0)
            CHECK(memcmp(out, ip_cases[i].bytes, len) == 0);
    }
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"DNS names: OpenSSL's wildcard rules", dns_name_rules},
        {"IPv4 and IPv6 text", address_parser},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
