/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reading certificates as programs print and check them: names in every
 * OpenSSL format (compared with what the openssl command printed for the
 * same certificates), entries, subjectAltName, serial, dates, fingerprints,
 * host/address/e-mail checks, object identifiers and stacks.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "testlib.h"

/* A whole test file, NUL-terminated, without its last newline. */
static char *expected(const char *name)
{
    FILE *f = fopen(cert_path(name), "rb");
    char *data = NULL;
    size_t used = 0;
    size_t cap = 0;
    size_t n;

    if (f == NULL)
        return NULL;
    do {
        if (cap - used < 256) {
            char *grown = realloc(data, cap + 4096);

            if (grown == NULL) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
            cap += 4096;
        }
        n = fread(data + used, 1, cap - used - 1, f);
        used += n;
    } while (n > 0);
    fclose(f);
    if (used > 0 && data[used - 1] == '\n')
        used--;
    data[used] = '\0';
    return data;
}

static X509 *load(const char *name)
{
    BIO *b = BIO_new_file(cert_path(name), "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return x;
}

/* What X509_NAME_print_ex writes, and whether its count matches. */
static char *printed(const X509_NAME *name, int indent, unsigned long flags)
{
    BIO *mem = BIO_new(BIO_s_mem());
    char *text = NULL;
    char *data;
    long len;
    int ret;

    if (mem == NULL)
        return NULL;
    ret = X509_NAME_print_ex(mem, name, indent, flags);
    len = BIO_get_mem_data(mem, &data);
    if (ret == len && (text = malloc((size_t)len + 1)) != NULL) {
        memcpy(text, data, (size_t)len);
        text[len] = '\0';
    }
    BIO_free(mem);
    return text;
}

/* One name format against the openssl command's output for it. */
static int same_text(const char *what, char *ours, char *theirs)
{
    int same = ours != NULL && theirs != NULL && strcmp(ours, theirs) == 0;

    if (!same)
        fprintf(stderr, "  %s:\n    ours:   [%s]\n    theirs: [%s]\n", what, ours ? ours : "(null)",
                theirs ? theirs : "(null)");
    free(ours);
    free(theirs);
    return same;
}

static int names_as_openssl_prints_them(void)
{
    static const char *const certs[] = {"names", "bmpnames"};
    char file[64];
    X509 *x = NULL;
    char *line;
    size_t i;
    int ok = 0;

    for (i = 0; i < 2; i++) {
        const X509_NAME *subject;

        CHECK((x = load(strcat(strcpy(file, certs[i]), ".pem"))) != NULL);
        subject = X509_get_subject_name(x);
        CHECK(same_text("oneline", printed(subject, 0, XN_FLAG_ONELINE),
                        expected(strcat(strcpy(file, certs[i]), ".oneline"))));
        CHECK(same_text("RFC2253", printed(subject, 0, XN_FLAG_RFC2253),
                        expected(strcat(strcpy(file, certs[i]), ".rfc2253"))));
        CHECK(same_text("multiline", printed(subject, 4, XN_FLAG_MULTILINE),
                        expected(strcat(strcpy(file, certs[i]), ".multiline"))));
        line = X509_NAME_oneline(subject, NULL, 0);
        CHECK(same_text("X509_NAME_oneline", line,
                        expected(strcat(strcpy(file, certs[i]), ".compat"))));
        /* Self-signed: the issuer is the same name. */
        CHECK_INT(X509_NAME_cmp(subject, X509_get_issuer_name(x)), ==, 0);
        X509_free(x);
        x = NULL;
    }
    ok = 1;
out:
    X509_free(x);
    return ok;
}

/* Serial, fingerprint and dates as "openssl x509 -serial -fingerprint
 * -sha256 -dates" prints them. */
static int facts_as_openssl_prints_them(void)
{
    X509 *x = load("names.pem");
    BIO *mem = BIO_new(BIO_s_mem());
    const ASN1_INTEGER *serial;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    char *data;
    char *ours = NULL;
    long len;
    int i;
    int ok = 0;

    CHECK(x != NULL && mem != NULL);
    serial = X509_get0_serialNumber(x);
    CHECK(serial != NULL && ASN1_STRING_type(serial) == V_ASN1_INTEGER);
    BIO_puts(mem, "serial=");
    for (i = 0; i < ASN1_STRING_length(serial); i++)
        BIO_printf(mem, "%02X", ASN1_STRING_get0_data(serial)[i]);
    CHECK_INT(X509_digest(x, EVP_sha256(), md, &md_len), ==, 1);
    CHECK_INT(md_len, ==, 32);
    BIO_puts(mem, "\nsha256 Fingerprint=");
    for (i = 0; i < (int)md_len; i++)
        BIO_printf(mem, "%02X%s", md[i], i + 1 < (int)md_len ? ":" : "");
    BIO_puts(mem, "\nnotBefore=");
    CHECK_INT(ASN1_TIME_print(mem, X509_get0_notBefore(x)), ==, 1);
    BIO_puts(mem, "\nnotAfter=");
    CHECK_INT(ASN1_TIME_print(mem, X509_get_notAfter(x)), ==, 1);
    len = BIO_get_mem_data(mem, &data);
    CHECK((ours = malloc((size_t)len + 1)) != NULL);
    memcpy(ours, data, (size_t)len);
    ours[len] = '\0';
    CHECK(same_text("facts", ours, expected("names.facts")));
    ours = NULL;
    CHECK_INT(X509_digest(x, EVP_sha1(), md, &md_len), ==, 1);
    CHECK_INT(md_len, ==, 20);
    CHECK_INT(EVP_MD_size(EVP_sha384()), ==, 48);
    CHECK_INT(X509_cmp_current_time(X509_get0_notBefore(x)), ==, -1);
    CHECK_INT(X509_cmp_current_time(X509_get0_notAfter(x)), ==, 1);
    CHECK_INT(X509_get_version(x), ==, 2);
    CHECK_INT(X509_get_signature_nid(x), ==, NID_ecdsa_with_SHA256);
    CHECK_INT(EVP_PKEY_get_id(X509_get0_pubkey(x)), ==, EVP_PKEY_EC);
    CHECK_INT(EVP_PKEY_get_bits(X509_get0_pubkey(x)), ==, 256);
    /* Twenty bytes do not fit a long. */
    CHECK_INT(ASN1_INTEGER_get(serial), ==, -1);
    ERR_clear_error();
    ok = 1;
out:
    free(ours);
    BIO_free(mem);
    X509_free(x);
    return ok;
}

static int name_entries(void)
{
    static const int nids[] = {NID_countryName,
                               NID_stateOrProvinceName,
                               NID_organizationName,
                               NID_organizationalUnitName,
                               NID_userId,
                               NID_organizationalUnitName,
                               NID_commonName,
                               NID_pkcs9_emailAddress,
                               NID_domainComponent};
    static const int sets[] = {0, 1, 2, 3, 3, 4, 5, 6, 7};
    X509 *x = load("names.pem");
    X509 *bmp = load("bmpnames.pem");
    X509_NAME *copy = NULL;
    const X509_NAME *name;
    const ASN1_STRING *value;
    unsigned char *utf8 = NULL;
    char buf[64];
    int i;
    int ok = 0;

    CHECK(x != NULL && bmp != NULL);
    name = X509_get_subject_name(x);
    CHECK_INT(X509_NAME_entry_count(name), ==, 9);
    for (i = 0; i < 9; i++) {
        const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);

        CHECK_INT(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)), ==, nids[i]);
        CHECK_INT(X509_NAME_ENTRY_set(e), ==, sets[i]);
    }
    CHECK(X509_NAME_get_entry(name, 9) == NULL);
    CHECK_INT(X509_NAME_get_index_by_NID(name, NID_organizationalUnitName, -1), ==, 3);
    CHECK_INT(X509_NAME_get_index_by_NID(name, NID_organizationalUnitName, 3), ==, 5);
    CHECK_INT(X509_NAME_get_index_by_NID(name, NID_organizationalUnitName, 5), ==, -1);
    CHECK_INT(X509_NAME_get_index_by_NID(name, NID_title, -1), ==, -1);
    CHECK_INT(X509_NAME_get_text_by_NID(name, NID_commonName, buf, sizeof(buf)), ==, 14);
    CHECK(strcmp(buf, "*.example.test") == 0);
    CHECK_INT(X509_NAME_get_text_by_NID(name, NID_commonName, buf, 4), ==, 3);
    CHECK(strcmp(buf, "*.e") == 0);
    CHECK_INT(X509_NAME_get_text_by_NID(name, NID_title, buf, sizeof(buf)), ==, -1);
    CHECK_INT(X509_NAME_get_text_by_NID(name, NID_organizationName, buf, sizeof(buf)), ==, 22);
    CHECK(strcmp(buf, "M\xc3\xbcller, \"S\xc3\xb6hne\" & Co") == 0);
    value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, 0));
    CHECK_INT(ASN1_STRING_type(value), ==, V_ASN1_PRINTABLESTRING);
    CHECK_INT(ASN1_STRING_length(value), ==, 2);
    value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, 2));
    CHECK_INT(ASN1_STRING_type(value), ==, V_ASN1_UTF8STRING);
    /* Entries that do not fit whole are left out. */
    CHECK(strcmp(X509_NAME_oneline(name, buf, 20), "/C=DE/ST=Bayern") == 0);
    CHECK(strcmp(X509_NAME_oneline(name, buf, 5), "") == 0);
    CHECK(strcmp(X509_NAME_oneline(name, buf, 6), "/C=DE") == 0);

    /* A BMPString in UTF-8. */
    name = X509_get_subject_name(bmp);
    value = X509_NAME_ENTRY_get_data(
        X509_NAME_get_entry(name, X509_NAME_get_index_by_NID(name, NID_localityName, -1)));
    CHECK_INT(ASN1_STRING_type(value), ==, V_ASN1_BMPSTRING);
    CHECK_INT(ASN1_STRING_to_UTF8(&utf8, value), ==, 11);
    CHECK(strcmp((char *)utf8, "Z\xc3\xbcrich \xe2\x82\xac") == 0);

    CHECK(X509_NAME_cmp(X509_get_subject_name(x), name) != 0);
    CHECK((copy = X509_NAME_dup(X509_get_subject_name(x))) != NULL);
    CHECK_INT(X509_NAME_cmp(copy, X509_get_subject_name(x)), ==, 0);
    ok = 1;
out:
    OPENSSL_free(utf8);
    X509_NAME_free(copy);
    X509_free(x);
    X509_free(bmp);
    return ok;
}

static int subject_alt_names(void)
{
    static const int types[] = {GEN_DNS,  GEN_DNS, GEN_IPADD,   GEN_IPADD, GEN_EMAIL,
                                GEN_URI, GEN_OTHERNAME, GEN_DIRNAME, GEN_RID};
    static const unsigned char ip6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    X509 *x = load("names.pem");
    GENERAL_NAMES *names = NULL;
    const GENERAL_NAME *gn;
    char buf[64];
    int crit = 7;
    int i;
    int ok = 0;

    CHECK(x != NULL);
    CHECK((names = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL)) != NULL);
    CHECK_INT(crit, ==, 0);
    CHECK_INT(sk_GENERAL_NAME_num(names), ==, 9);
    for (i = 0; i < 9; i++)
        CHECK_INT(sk_GENERAL_NAME_value(names, i)->type, ==, types[i]);
    gn = sk_GENERAL_NAME_value(names, 1);
    CHECK_INT(ASN1_STRING_type(gn->d.dNSName), ==, V_ASN1_IA5STRING);
    CHECK(ASN1_STRING_length(gn->d.dNSName) == 16 &&
          memcmp(ASN1_STRING_get0_data(gn->d.dNSName), "*.b.example.test", 16) == 0);
    gn = sk_GENERAL_NAME_value(names, 3);
    CHECK(gn->d.iPAddress->length == 16 && memcmp(gn->d.iPAddress->data, ip6, 16) == 0);
    gn = sk_GENERAL_NAME_value(names, 4);
    CHECK(gn->d.rfc822Name->length == 14 && memcmp(gn->d.rfc822Name->data, "x@example.test", 14) == 0);
    gn = sk_GENERAL_NAME_value(names, 5);
    CHECK(strcmp((const char *)gn->d.uniformResourceIdentifier->data, "https://example.test/") == 0);
    gn = sk_GENERAL_NAME_value(names, 6);
    CHECK(OBJ_obj2txt(buf, sizeof(buf), gn->d.otherName->type_id, 1) > 0);
    CHECK(strcmp(buf, "1.3.6.1.4.1.311.20.2.3") == 0);
    CHECK_INT(gn->d.otherName->value->type, ==, V_ASN1_UTF8STRING);
    CHECK(strcmp((const char *)gn->d.otherName->value->value.utf8string->data, "upn@example.test") ==
          0);
    gn = sk_GENERAL_NAME_value(names, 7);
    CHECK(strcmp(X509_NAME_oneline(gn->d.directoryName, buf, sizeof(buf)),
                 "/CN=Directory Name/O=Dir Org") == 0);
    gn = sk_GENERAL_NAME_value(names, 8);
    CHECK(OBJ_obj2txt(buf, sizeof(buf), gn->d.registeredID, 1) > 0);
    CHECK(strcmp(buf, "1.2.3.4") == 0);
    /* Absent: NULL, and crit -1. */
    crit = 7;
    CHECK(X509_get_ext_d2i(x, NID_issuer_alt_name, &crit, NULL) == NULL);
    CHECK_INT(crit, ==, -1);
    ok = 1;
out:
    GENERAL_NAMES_free(names);
    X509_free(x);
    return ok;
}

/* X509_check_host with each flag, as OpenSSL 3.0 answered for this
 * certificate (SAN a.example.test and *.b.example.test; CN *.example.test). */
static int host_address_email_checks(void)
{
    static const struct {
        const char *host;
        const char *results; /* per flag: 1 match, 0 not */
    } cases[] = {
        {"a.example.test", "1111111"},   {"A.EXAMPLE.TEST", "1111111"},
        {"x.b.example.test", "1011111"}, {"b.example.test", "0000010"},
        {"x.y.b.example.test", "0001000"}, {".example.test", "1111111"},
        {".b.example.test", "1111111"},  {"10.0.0.1", "0000000"},
        {"other.test", "0000000"},       {"foo.example.test", "0000010"},
        {"*.example.test", "0000010"},
    };
    static const unsigned int flags[] = {
        0,
        X509_CHECK_FLAG_NO_WILDCARDS,
        X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
        X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS,
        X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS,
        X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT,
        X509_CHECK_FLAG_NEVER_CHECK_SUBJECT,
    };
    static const unsigned char ip4[4] = {10, 0, 0, 1};
    X509 *x = load("names.pem");
    char *peer = NULL;
    size_t i;
    size_t f;
    int ok = 0;

    CHECK(x != NULL);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (f = 0; f < 7; f++) {
            int want = cases[i].results[f] - '0';
            int got = X509_check_host(x, cases[i].host, 0, flags[f], NULL);

            if (got != want)
                fprintf(stderr, "  %s, flag %u: %d\n", cases[i].host, flags[f], got);
            CHECK_INT(got, ==, want);
        }
    }
    CHECK_INT(X509_check_host(x, "x.b.example.test", 0, 0, &peer), ==, 1);
    CHECK(peer != NULL && strcmp(peer, "*.b.example.test") == 0);
    OPENSSL_free(peer);
    peer = NULL;
    CHECK_INT(X509_check_host(x, "a.example.test\0x", 16, 0, NULL), ==, -2);
    CHECK_INT(X509_check_host(x, "a.example.test", 15, 0, NULL), ==, 1);
    CHECK_INT(X509_check_ip_asc(x, "10.0.0.1", 0), ==, 1);
    CHECK_INT(X509_check_ip_asc(x, "::1", 0), ==, 1);
    CHECK_INT(X509_check_ip_asc(x, "10.0.0.2", 0), ==, 0);
    CHECK_INT(X509_check_ip_asc(x, "bogus", 0), ==, -2);
    CHECK_INT(X509_check_ip(x, ip4, 4, 0), ==, 1);
    CHECK_INT(X509_check_ip(x, ip4, 3, 0), ==, 0);
    CHECK_INT(X509_check_email(x, "x@example.test", 0, 0), ==, 1);
    CHECK_INT(X509_check_email(x, "x@EXAMPLE.test", 0, 0), ==, 1);
    CHECK_INT(X509_check_email(x, "X@example.test", 0, 0), ==, 0);
    CHECK_INT(X509_check_email(x, "admin@example.test", 0, 0), ==, 0);
    CHECK_INT(X509_check_email(x, "admin@example.test", 0, X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT),
              ==, 1);
    ok = 1;
out:
    OPENSSL_free(peer);
    X509_free(x);
    return ok;
}

static int object_identifiers(void)
{
    ASN1_OBJECT *o = NULL;
    char buf[64];
    int ok = 0;

    CHECK(strcmp(OBJ_nid2sn(NID_commonName), "CN") == 0);
    CHECK(strcmp(OBJ_nid2ln(NID_commonName), "commonName") == 0);
    CHECK(strcmp(OBJ_nid2ln(NID_sha256WithRSAEncryption), "sha256WithRSAEncryption") == 0);
    CHECK(strcmp(OBJ_nid2sn(NID_X9_62_prime256v1), "prime256v1") == 0);
    CHECK_INT(OBJ_txt2nid("CN"), ==, NID_commonName);
    CHECK_INT(OBJ_txt2nid("commonName"), ==, NID_commonName);
    CHECK_INT(OBJ_txt2nid("2.5.4.3"), ==, NID_commonName);
    CHECK_INT(OBJ_sn2nid("O"), ==, NID_organizationName);
    CHECK_INT(OBJ_ln2nid("organizationName"), ==, NID_organizationName);
    CHECK_INT(OBJ_obj2txt(buf, sizeof(buf), OBJ_nid2obj(NID_commonName), 0), ==, 10);
    CHECK(strcmp(buf, "commonName") == 0);
    CHECK_INT(OBJ_obj2txt(buf, sizeof(buf), OBJ_nid2obj(NID_commonName), 1), ==, 7);
    CHECK(strcmp(buf, "2.5.4.3") == 0);
    CHECK((o = OBJ_txt2obj("1.2.3.4.5", 1)) != NULL);
    CHECK_INT(OBJ_obj2nid(o), ==, NID_undef);
    CHECK_INT(OBJ_obj2txt(buf, sizeof(buf), o, 0), ==, 9);
    CHECK(strcmp(buf, "1.2.3.4.5") == 0);
    /* Truncated, counted in full. */
    CHECK_INT(OBJ_obj2txt(buf, 4, o, 1), ==, 9);
    CHECK(strcmp(buf, "1.2") == 0);
    CHECK(OBJ_txt2obj("not an oid", 0) == NULL);
    ERR_clear_error();
    ok = 1;
out:
    ASN1_OBJECT_free(o);
    return ok;
}

static int certificate_stacks(void)
{
    STACK_OF(X509) *sk = sk_X509_new_null();
    STACK_OF(X509) *copy = NULL;
    X509 *a = load("names.pem");
    X509 *b = load("ca.pem");
    int ok = 0;

    CHECK(sk != NULL && a != NULL && b != NULL);
    CHECK_INT(sk_X509_num(NULL), ==, -1);
    CHECK(sk_X509_value(sk, 0) == NULL);
    CHECK_INT(sk_X509_push(sk, a), ==, 1);
    a = NULL;
    CHECK_INT(sk_X509_push(sk, b), ==, 2);
    b = NULL;
    CHECK_INT(sk_X509_num(sk), ==, 2);
    CHECK_INT(sk_X509_find(sk, sk_X509_value(sk, 1)), ==, 1);
    CHECK((copy = sk_X509_deep_copy(sk, (sk_X509_copyfunc)X509_dup, X509_free)) != NULL);
    CHECK_INT(sk_X509_num(copy), ==, 2);
    CHECK(sk_X509_value(copy, 0) != sk_X509_value(sk, 0));
    CHECK_INT(X509_cmp(sk_X509_value(copy, 0), sk_X509_value(sk, 0)), ==, 0);
    CHECK(X509_cmp(sk_X509_value(copy, 0), sk_X509_value(sk, 1)) != 0);
    b = sk_X509_shift(copy);
    CHECK_INT(sk_X509_num(copy), ==, 1);
    ok = 1;
out:
    sk_X509_pop_free(sk, X509_free);
    sk_X509_pop_free(copy, X509_free);
    X509_free(a);
    X509_free(b);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"names as the openssl command prints them", names_as_openssl_prints_them},
        {"serial, fingerprint and dates as the openssl command prints them",
         facts_as_openssl_prints_them},
        {"name entries", name_entries},
        {"subjectAltName entries of every kind", subject_alt_names},
        {"host, address and e-mail checks", host_address_email_checks},
        {"object identifiers", object_identifiers},
        {"stacks of certificates", certificate_stacks},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
