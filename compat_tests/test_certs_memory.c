/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Certificates and keys as objects and from memory: PEM and DER readers
 * and writers, encrypted keys and their passwords, SSL_CTX_use_* and
 * SSL_use_* with objects and DER, extra chain certificates, and bad input.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "testlib.h"

/* A whole test file in memory, NUL-terminated; free() it. */
static char *slurp(const char *name, long *len)
{
    FILE *f = fopen(cert_path(name), "rb");
    char *data = NULL;
    long size;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (data = malloc((size_t)size + 1)) != NULL) {
        if (fread(data, 1, (size_t)size, f) != (size_t)size) {
            free(data);
            data = NULL;
        } else {
            data[size] = '\0';
            *len = size;
        }
    }
    fclose(f);
    return data;
}

/* A memory BIO holding a copy of a test file. */
static BIO *file_bio(const char *name)
{
    long len = 0;
    char *data = slurp(name, &len);
    BIO *b = data != NULL ? BIO_new(BIO_s_mem()) : NULL;

    if (b != NULL && BIO_write(b, data, (int)len) != (int)len) {
        BIO_free(b);
        b = NULL;
    }
    free(data);
    return b;
}

/* The first certificate or key of a test file, read from memory. */
static X509 *x509_from(const char *name)
{
    BIO *b = file_bio(name);
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;

    BIO_free(b);
    return x;
}

static EVP_PKEY *encrypted_key(const char *name, pem_password_cb *cb, void *u)
{
    BIO *b = file_bio(name);
    EVP_PKEY *k = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, cb, u) : NULL;

    BIO_free(b);
    return k;
}

static EVP_PKEY *key_from(const char *name)
{
    return encrypted_key(name, NULL, NULL);
}

/* A handshake of a client trusting ca.pem (verifying the peer) with a
 * server context, or with server_override (given its transport) when not
 * NULL. 1 if both finished and the client's verify result is OK; a failure
 * is a result here, not a failed check (some cases expect one). */
static int handshake_with(SSL_CTX *sctx, SSL *server_override)
{
    SSL_CTX *cctx = client_ctx("ca.pem", SSL_VERIFY_PEER, 0, 0);
    SSL *c = NULL;
    SSL *s = NULL;
    struct side cr;
    struct side sr;
    int ok = 0;

    if (cctx != NULL && make_pair(cctx, sctx, &c, &s)) {
        if (server_override != NULL) {
            BIO *rb = SSL_get_rbio(s);
            BIO *wb = SSL_get_wbio(s);

            BIO_up_ref(rb);
            if (wb != rb)
                BIO_up_ref(wb);
            SSL_set_bio(server_override, rb, wb);
            SSL_free(s);
            s = server_override;
            SSL_up_ref(s);
        }
        ok = drive_handshake(c, hs_connect, &cr, s, hs_accept, &sr, NULL, NULL) &&
             SSL_get_verify_result(c) == X509_V_OK;
    }
    ERR_clear_error();
    free_pair(c, s, cctx, NULL);
    return ok;
}

/* ---- Objects into a context ------------------------------------------------------ */

static int objects_from_memory(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    X509 *cert = x509_from("server.pem");
    EVP_PKEY *key = key_from("server.key");
    int ok = 0;

    CHECK(sctx != NULL && cert != NULL && key != NULL);
    CHECK_INT(EVP_PKEY_get_id(key), ==, EVP_PKEY_EC);
    CHECK_INT(EVP_PKEY_get_bits(key), ==, 256);
    CHECK(SSL_CTX_get0_certificate(sctx) == NULL && SSL_CTX_get0_privatekey(sctx) == NULL);
    CHECK_INT(SSL_CTX_use_certificate(sctx, cert), ==, 1);
    CHECK_INT(SSL_CTX_use_PrivateKey(sctx, key), ==, 1);
    CHECK_INT(SSL_CTX_check_private_key(sctx), ==, 1);
    CHECK(SSL_CTX_get0_certificate(sctx) == cert);
    CHECK(SSL_CTX_get0_privatekey(sctx) == key);
    /* The context holds its own references. */
    X509_free(cert);
    cert = NULL;
    EVP_PKEY_free(key);
    key = NULL;
    CHECK(handshake_with(sctx, NULL));
    ok = 1;
out:
    X509_free(cert);
    EVP_PKEY_free(key);
    SSL_CTX_free(sctx);
    return ok;
}

/* DER in and out: i2d's three forms, d2i's pointer, the _ASN1 loaders. */
static int der_in_and_out(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    X509 *cert = x509_from("server.pem");
    X509 *again = NULL;
    long der_len = 0;
    long key_len = 0;
    char *der = slurp("server.der", &der_len);
    char *key_der = slurp("server-key.der", &key_len);
    unsigned char *alloc = NULL;
    unsigned char buf[4096];
    unsigned char *cursor = buf;
    const unsigned char *in;
    BIO *two = BIO_new(BIO_s_mem());
    int len;
    int ok = 0;

    CHECK(sctx != NULL && cert != NULL && der != NULL && key_der != NULL && two != NULL);
    len = i2d_X509(cert, NULL);
    CHECK_INT(len, ==, der_len);
    CHECK_INT(i2d_X509(cert, &alloc), ==, len);
    CHECK(alloc != NULL && memcmp(alloc, der, (size_t)len) == 0);
    CHECK_INT(i2d_X509(cert, &cursor), ==, len);
    CHECK(cursor == buf + len && memcmp(buf, der, (size_t)len) == 0);
    in = (const unsigned char *)der;
    CHECK((again = d2i_X509(NULL, &in, der_len)) != NULL);
    CHECK(in == (const unsigned char *)der + der_len);
    /* Two certificates back to back in a BIO come out one by one. */
    CHECK_INT(BIO_write(two, der, (int)der_len), ==, der_len);
    CHECK_INT(BIO_write(two, der, (int)der_len), ==, der_len);
    X509_free(again);
    again = NULL;
    CHECK((again = d2i_X509_bio(two, NULL)) != NULL);
    X509_free(again);
    again = NULL;
    CHECK((again = d2i_X509_bio(two, NULL)) != NULL);
    CHECK_INT(BIO_ctrl_pending(two), ==, 0);
    CHECK(d2i_X509_bio(two, NULL) == NULL);
    ERR_clear_error();

    CHECK_INT(SSL_CTX_use_certificate_ASN1(sctx, (int)der_len, (const unsigned char *)der), ==,
              1);
    CHECK_INT(SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_EC, sctx, (const unsigned char *)key_der,
                                          key_len),
              ==, 1);
    CHECK(handshake_with(sctx, NULL));
    ok = 1;
out:
    OPENSSL_free(alloc);
    X509_free(cert);
    X509_free(again);
    BIO_free(two);
    free(der);
    free(key_der);
    SSL_CTX_free(sctx);
    return ok;
}

/* ---- The PEM readers ------------------------------------------------------------- */

/* Readers skip blocks of other kinds, the X509 ** argument receives the
 * result, and the end of the input is PEM_R_NO_START_LINE. */
static int pem_sequences(void)
{
    long key_len = 0;
    long cert_len = 0;
    long ca_len = 0;
    char *key = slurp("server.key", &key_len);
    char *cert = slurp("server.pem", &cert_len);
    char *ca = slurp("ca.pem", &ca_len);
    BIO *mixed = BIO_new(BIO_s_mem());
    BIO *out_pem = BIO_new(BIO_s_mem());
    X509 *first = NULL;
    X509 *second = NULL;
    EVP_PKEY *pkey = NULL;
    char *written;
    long written_len;
    unsigned long err;
    int ok = 0;

    CHECK(key != NULL && cert != NULL && ca != NULL && mixed != NULL && out_pem != NULL);
    BIO_write(mixed, key, (int)key_len);
    BIO_write(mixed, cert, (int)cert_len);
    BIO_write(mixed, ca, (int)ca_len);
    CHECK(PEM_read_bio_X509(mixed, &first, NULL, NULL) == first && first != NULL);
    CHECK((second = PEM_read_bio_X509(mixed, NULL, NULL, NULL)) != NULL);
    CHECK(PEM_read_bio_X509(mixed, NULL, NULL, NULL) == NULL);
    err = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(err), ==, ERR_LIB_PEM);
    CHECK_INT(ERR_GET_REASON(err), ==, PEM_R_NO_START_LINE);
    ERR_clear_error();
    /* What is written is what was read. */
    CHECK_INT(PEM_write_bio_X509(out_pem, first), ==, 1);
    written_len = BIO_get_mem_data(out_pem, &written);
    CHECK_INT(written_len, ==, cert_len);
    CHECK(memcmp(written, cert, (size_t)cert_len) == 0);

    /* A key after a certificate is found. */
    BIO_free(mixed);
    mixed = BIO_new(BIO_s_mem());
    CHECK(mixed != NULL);
    BIO_write(mixed, cert, (int)cert_len);
    BIO_write(mixed, key, (int)key_len);
    CHECK(PEM_read_bio_PrivateKey(mixed, &pkey, NULL, NULL) == pkey && pkey != NULL);
    CHECK_INT(EVP_PKEY_get_id(pkey), ==, EVP_PKEY_EC);
    ok = 1;
out:
    X509_free(first);
    X509_free(second);
    EVP_PKEY_free(pkey);
    BIO_free(mixed);
    BIO_free(out_pem);
    free(key);
    free(cert);
    free(ca);
    return ok;
}

/* ---- Passwords ------------------------------------------------------------------- */

static int password_calls;
static int password_rwflag;

static int give_password(char *buf, int size, int rwflag, void *userdata)
{
    const char *password = userdata;
    int len = (int)strlen(password);

    password_calls++;
    password_rwflag = rwflag;
    if (len > size)
        return -1;
    memcpy(buf, password, (size_t)len);
    return len;
}

static int refuse_password(char *buf, int size, int rwflag, void *userdata)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)userdata;
    password_calls++;
    return -1;
}

static int encrypted_keys(void)
{
    static const char *const files[] = {"server-enc8.pem", "server-enc.pem"};
    SSL_CTX *sctx = NULL;
    EVP_PKEY *k = NULL;
    size_t i;
    int ok = 0;

    for (i = 0; i < 2; i++) {
        password_calls = 0;
        password_rwflag = -1;
        CHECK((k = encrypted_key(files[i], give_password, "secret")) != NULL);
        CHECK_INT(password_calls, ==, 1);
        CHECK_INT(password_rwflag, ==, 0);
        EVP_PKEY_free(k);
        /* Without a callback, the argument is the password. */
        CHECK((k = encrypted_key(files[i], NULL, "secret")) != NULL);
        EVP_PKEY_free(k);
        k = NULL;
        CHECK(encrypted_key(files[i], give_password, "wrong") == NULL);
        CHECK(ERR_peek_error() != 0);
        ERR_clear_error();
        password_calls = 0;
        CHECK(encrypted_key(files[i], refuse_password, NULL) == NULL);
        /* OpenSSL 3.0 may ask more than once before giving up. */
        CHECK_INT(password_calls, >=, 1);
        CHECK(ERR_peek_error() != 0);
        ERR_clear_error();
    }
    /* An unencrypted key never asks. */
    password_calls = 0;
    CHECK((k = encrypted_key("server.key", give_password, "secret")) != NULL);
    CHECK_INT(password_calls, ==, 0);

    /* The context's callback serves SSL_CTX_use_PrivateKey_file. */
    CHECK((sctx = SSL_CTX_new(TLS_server_method())) != NULL);
    CHECK_INT(SSL_CTX_use_certificate_file(sctx, cert_path("server.pem"), SSL_FILETYPE_PEM), ==,
              1);
    SSL_CTX_set_default_passwd_cb(sctx, give_password);
    SSL_CTX_set_default_passwd_cb_userdata(sctx, "wrong");
    CHECK(SSL_CTX_get_default_passwd_cb(sctx) == give_password);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-enc8.pem"), SSL_FILETYPE_PEM),
              ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    SSL_CTX_set_default_passwd_cb_userdata(sctx, "secret");
    CHECK_INT(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server-enc8.pem"), SSL_FILETYPE_PEM),
              ==, 1);
    CHECK(handshake_with(sctx, NULL));
    ok = 1;
out:
    EVP_PKEY_free(k);
    SSL_CTX_free(sctx);
    return ok;
}

/* ---- Connections, chains and mismatches -------------------------------------------- */

/* A server connection given its own certificate and key. */
static int connection_identity(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL *s = NULL;
    X509 *cert = x509_from("server.pem");
    EVP_PKEY *key = key_from("server.key");
    int ok = 0;

    CHECK(sctx != NULL && cert != NULL && key != NULL && (s = SSL_new(sctx)) != NULL);
    CHECK(SSL_get_certificate(s) == NULL);
    CHECK_INT(SSL_use_certificate(s, cert), ==, 1);
    CHECK_INT(SSL_use_PrivateKey(s, key), ==, 1);
    CHECK_INT(SSL_check_private_key(s), ==, 1);
    CHECK(SSL_get_certificate(s) == cert && SSL_get_privatekey(s) == key);
    CHECK(SSL_CTX_get0_certificate(sctx) == NULL);
    CHECK(handshake_with(sctx, s));
    ok = 1;
out:
    SSL_free(s);
    X509_free(cert);
    EVP_PKEY_free(key);
    SSL_CTX_free(sctx);
    return ok;
}

/* A leaf from an intermediate verifies only when the intermediate is sent
 * along as an extra chain certificate. */
static int extra_chain_certificates(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    X509 *leaf = x509_from("chained.pem");
    X509 *intermediate = x509_from("intermediate.pem");
    EVP_PKEY *key = key_from("chained.key");
    int ok = 0;

    CHECK(sctx != NULL && leaf != NULL && intermediate != NULL && key != NULL);
    CHECK_INT(SSL_CTX_use_certificate(sctx, leaf), ==, 1);
    CHECK_INT(SSL_CTX_use_PrivateKey(sctx, key), ==, 1);
    CHECK(!handshake_with(sctx, NULL));
    CHECK_INT(SSL_CTX_add_extra_chain_cert(sctx, intermediate), ==, 1);
    intermediate = NULL; /* the context's now */
    CHECK(handshake_with(sctx, NULL));
    CHECK_INT(SSL_CTX_clear_extra_chain_certs(sctx), ==, 1);
    CHECK(!handshake_with(sctx, NULL));
    ok = 1;
out:
    X509_free(leaf);
    X509_free(intermediate);
    EVP_PKEY_free(key);
    SSL_CTX_free(sctx);
    return ok;
}

/* A chain file on a connection: the leaf, then the intermediate sent after
 * it. On a context, a chain file with the leaf alone leaves room for the
 * extra chain certificates. */
static int chain_files(void)
{
    char path[] = "/tmp/compat-chain-XXXXXX";
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL *s = NULL;
    long leaf_len = 0;
    long mid_len = 0;
    char *leaf = slurp("chained.pem", &leaf_len);
    char *mid = slurp("intermediate.pem", &mid_len);
    X509 *intermediate = x509_from("intermediate.pem");
    FILE *f = NULL;
    int fd;
    int ok = 0;

    CHECK(sctx != NULL && leaf != NULL && mid != NULL && intermediate != NULL);
    CHECK((fd = mkstemp(path)) >= 0);
    CHECK((f = fdopen(fd, "wb")) != NULL);
    CHECK(fwrite(leaf, 1, (size_t)leaf_len, f) == (size_t)leaf_len);
    CHECK(fwrite(mid, 1, (size_t)mid_len, f) == (size_t)mid_len);
    CHECK(fclose(f) == 0);
    f = NULL;

    CHECK((s = SSL_new(sctx)) != NULL);
    CHECK_INT(SSL_use_certificate_chain_file(s, path), ==, 1);
    CHECK_INT(SSL_use_PrivateKey_file(s, cert_path("chained.key"), SSL_FILETYPE_PEM), ==, 1);
    CHECK(handshake_with(sctx, s));

    CHECK_INT(SSL_CTX_use_certificate_chain_file(sctx, cert_path("chained.pem")), ==, 1);
    CHECK_INT(SSL_CTX_use_PrivateKey_file(sctx, cert_path("chained.key"), SSL_FILETYPE_PEM), ==,
              1);
    CHECK(!handshake_with(sctx, NULL));
    CHECK_INT(SSL_CTX_add_extra_chain_cert(sctx, intermediate), ==, 1);
    intermediate = NULL;
    CHECK(handshake_with(sctx, NULL));
    ok = 1;
out:
    if (f != NULL)
        fclose(f);
    remove(path);
    SSL_free(s);
    X509_free(intermediate);
    free(leaf);
    free(mid);
    SSL_CTX_free(sctx);
    return ok;
}

/* The chain controls, and certificate, key and chain in one call. */
static int chain_controls(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX *other = SSL_CTX_new(TLS_server_method());
    X509 *leaf = x509_from("chained.pem");
    X509 *mid = x509_from("intermediate.pem");
    EVP_PKEY *key = key_from("chained.key");
    EVP_PKEY *wrong = key_from("server.key");
    STACK_OF(X509) *chain = sk_X509_new_null();
    STACK_OF(X509) *got = NULL;
    int ok = 0;

    CHECK(sctx != NULL && other != NULL && leaf != NULL && mid != NULL && key != NULL &&
          wrong != NULL && chain != NULL);
    CHECK_INT(SSL_CTX_use_certificate(sctx, leaf), ==, 1);
    CHECK_INT(SSL_CTX_use_PrivateKey(sctx, key), ==, 1);
    CHECK_INT(SSL_CTX_add1_chain_cert(sctx, mid), ==, 1);
    CHECK_INT(SSL_CTX_get0_chain_certs(sctx, &got), ==, 1);
    CHECK(got != NULL && sk_X509_num(got) == 1 && sk_X509_value(got, 0) == mid);
    CHECK(handshake_with(sctx, NULL));
    CHECK_INT(SSL_CTX_clear_chain_certs(sctx), ==, 1);
    CHECK(!handshake_with(sctx, NULL));
    CHECK_INT(sk_X509_push(chain, mid), ==, 1);
    CHECK_INT(X509_up_ref(mid), ==, 1);
    CHECK_INT(SSL_CTX_set1_chain(sctx, chain), ==, 1);
    CHECK(handshake_with(sctx, NULL));
    /* set0 takes the stack and its references. */
    CHECK_INT(SSL_CTX_set0_chain(sctx, chain), ==, 1);
    chain = NULL;
    CHECK(handshake_with(sctx, NULL));

    CHECK_INT(SSL_CTX_use_cert_and_key(other, leaf, wrong, NULL, 1), ==, 0);
    ERR_clear_error();
    CHECK((chain = sk_X509_new_null()) != NULL);
    CHECK_INT(sk_X509_push(chain, mid), ==, 1);
    CHECK_INT(X509_up_ref(mid), ==, 1);
    CHECK_INT(SSL_CTX_use_cert_and_key(other, leaf, key, chain, 1), ==, 1);
    CHECK(SSL_CTX_get0_certificate(other) == leaf && SSL_CTX_get0_privatekey(other) == key);
    CHECK(handshake_with(other, NULL));
    /* Without override, what is there stays. */
    CHECK_INT(SSL_CTX_use_cert_and_key(other, leaf, key, NULL, 0), ==, 0);
    ERR_clear_error();
    ok = 1;
out:
    sk_X509_pop_free(chain, X509_free);
    X509_free(leaf);
    X509_free(mid);
    EVP_PKEY_free(key);
    EVP_PKEY_free(wrong);
    SSL_CTX_free(sctx);
    SSL_CTX_free(other);
    return ok;
}

static int mismatches_and_types(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    X509 *cert = x509_from("server.pem");
    EVP_PKEY *other = key_from("client.key");
    EVP_PKEY *rsa = key_from("rsa.key");
    unsigned long err;
    int ok = 0;

    CHECK(sctx != NULL && cert != NULL && other != NULL && rsa != NULL);
    CHECK_INT(EVP_PKEY_get_id(rsa), ==, EVP_PKEY_RSA);
    CHECK_INT(EVP_PKEY_bits(rsa), ==, 2048);
    CHECK_INT(SSL_CTX_use_certificate(sctx, cert), ==, 1);
    CHECK_INT(SSL_CTX_use_PrivateKey(sctx, other), ==, 0);
    err = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(err), ==, ERR_LIB_X509);
    CHECK_INT(ERR_GET_REASON(err), ==, X509_R_KEY_VALUES_MISMATCH);
    ERR_clear_error();
    CHECK(SSL_CTX_get0_privatekey(sctx) == NULL);
    CHECK_INT(SSL_CTX_use_RSAPrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM),
              ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    ok = 1;
out:
    X509_free(cert);
    EVP_PKEY_free(other);
    EVP_PKEY_free(rsa);
    SSL_CTX_free(sctx);
    return ok;
}

/* Bad input: an error on the queue, never a crash. */
static int bad_input(void)
{
    static const char bad_base64[] =
        "-----BEGIN CERTIFICATE-----\nAAAA!!\n-----END CERTIFICATE-----\n";
    static const unsigned char not_a_cert[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    long cert_len = 0;
    char *cert = slurp("server.pem", &cert_len);
    const unsigned char *in = not_a_cert;
    BIO *b = NULL;
    unsigned long err;
    int ok = 0;

    CHECK(sctx != NULL && cert != NULL);
    CHECK((b = BIO_new_mem_buf("", 0)) != NULL);
    CHECK(PEM_read_bio_X509(b, NULL, NULL, NULL) == NULL);
    CHECK_INT(ERR_GET_REASON(ERR_get_error()), ==, PEM_R_NO_START_LINE);
    ERR_clear_error();
    BIO_free(b);

    CHECK((b = BIO_new_mem_buf(bad_base64, -1)) != NULL);
    CHECK(PEM_read_bio_X509(b, NULL, NULL, NULL) == NULL);
    err = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(err), ==, ERR_LIB_PEM);
    CHECK_INT(ERR_GET_REASON(err), ==, PEM_R_BAD_BASE64_DECODE);
    ERR_clear_error();
    BIO_free(b);

    /* A block cut short. */
    CHECK((b = BIO_new_mem_buf(cert, 300)) != NULL);
    CHECK(PEM_read_bio_X509(b, NULL, NULL, NULL) == NULL);
    err = ERR_get_error();
    CHECK_INT(ERR_GET_LIB(err), ==, ERR_LIB_PEM);
    CHECK_INT(ERR_GET_REASON(err), ==, PEM_R_BAD_END_LINE);
    ERR_clear_error();
    BIO_free(b);
    b = NULL;

    CHECK(d2i_X509(NULL, &in, (long)sizeof(not_a_cert)) == NULL);
    CHECK(in == not_a_cert);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_use_certificate_ASN1(sctx, (int)sizeof(not_a_cert), not_a_cert), ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_EC, sctx, not_a_cert, (long)sizeof(not_a_cert)),
              ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    /* A directory or a missing file where a file is expected. */
    CHECK_INT(SSL_CTX_use_certificate_file(sctx, "/tmp", SSL_FILETYPE_PEM), ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_use_PrivateKey_file(sctx, cert_path("missing.key"), SSL_FILETYPE_PEM), ==,
              0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK_INT(SSL_CTX_load_verify_locations(sctx, "/tmp", NULL), ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    /* A certificate where a key is expected. */
    CHECK(key_from("server.pem") == NULL);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    ok = 1;
out:
    BIO_free(b);
    free(cert);
    SSL_CTX_free(sctx);
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"certificate and key objects from memory", objects_from_memory},
        {"DER in and out", der_in_and_out},
        {"PEM readers and writer over a sequence of blocks", pem_sequences},
        {"encrypted keys and passwords", encrypted_keys},
        {"a connection's own certificate and key", connection_identity},
        {"extra chain certificates", extra_chain_certificates},
        {"chain files on a connection and a context", chain_files},
        {"chain controls and SSL_CTX_use_cert_and_key", chain_controls},
        {"mismatched keys and key types", mismatches_and_types},
        {"bad input", bad_input},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
