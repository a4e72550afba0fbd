/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The EVP, parameter and random calls a session ticket key callback makes
 * (test_sessions.c runs such callbacks in handshakes): cipher lengths,
 * cipher contexts and their set-up, OSSL_PARAM arrays, random bytes, and
 * the errors for what cannot work.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "testlib.h"

static int cipher_lengths(void)
{
    int ok = 0;

    CHECK_INT(EVP_CIPHER_get_key_length(EVP_aes_128_cbc()), ==, 16);
    CHECK_INT(EVP_CIPHER_get_key_length(EVP_aes_256_cbc()), ==, 32);
    CHECK_INT(EVP_CIPHER_get_iv_length(EVP_aes_128_cbc()), ==, 16);
    CHECK_INT(EVP_CIPHER_iv_length(EVP_aes_256_cbc()), ==, 16);
    CHECK_INT(EVP_CIPHER_get_block_size(EVP_aes_256_cbc()), ==, 16);
    CHECK(EVP_MAX_IV_LENGTH >= EVP_CIPHER_get_iv_length(EVP_aes_256_cbc()));
    ok = 1;
out:
    return ok;
}

/* A context takes a cipher, then key and IV in later calls; without a
 * cipher its set-up fails with an error on the queue. */
static int cipher_contexts(void)
{
    static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
    static const unsigned char iv[16] = "fedcba9876543210";
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int ok = 0;

    CHECK(ctx != NULL);
    CHECK(EVP_CIPHER_CTX_get0_cipher(ctx) == NULL);
    ERR_clear_error();
    CHECK_INT(EVP_CipherInit_ex(ctx, NULL, NULL, key, iv, 1), ==, 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK_INT(EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, NULL, NULL), ==, 1);
    /* OpenSSL 3 holds the cipher it fetched: the same cipher, not the
     * same pointer. */
    CHECK_INT(EVP_CIPHER_get_key_length(EVP_CIPHER_CTX_get0_cipher(ctx)), ==, 32);
    CHECK_INT(EVP_CipherInit_ex(ctx, NULL, NULL, key, iv, -1), ==, 1);
    CHECK_INT(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv), ==, 1);
    CHECK_INT(EVP_CIPHER_get_key_length(EVP_CIPHER_CTX_get0_cipher(ctx)), ==, 16);
    CHECK_INT(EVP_CIPHER_CTX_reset(ctx), ==, 1);
    CHECK(EVP_CIPHER_CTX_get0_cipher(ctx) == NULL);
    CHECK_INT(ERR_peek_error(), ==, 0);
    ok = 1;
out:
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

/* What a callback builds for EVP_MAC_CTX_set_params. */
static int parameters(void)
{
    unsigned char hmac_key[32] = {1, 2, 3};
    char digest[] = "sha256";
    OSSL_PARAM params[3];
    const OSSL_PARAM *found;
    int ok = 0;

    params[0] = OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY, hmac_key, sizeof(hmac_key));
    params[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
    params[2] = OSSL_PARAM_construct_end();
    CHECK(strcmp(params[0].key, "key") == 0);
    CHECK_INT(params[0].data_type, ==, OSSL_PARAM_OCTET_STRING);
    CHECK(params[0].data == hmac_key);
    CHECK_INT(params[0].data_size, ==, sizeof(hmac_key));
    CHECK_INT(params[1].data_type, ==, OSSL_PARAM_UTF8_STRING);
    CHECK_INT(params[1].data_size, ==, strlen(digest)); /* 0: the string's length */
    CHECK(params[1].return_size == OSSL_PARAM_UNMODIFIED);
    CHECK(params[2].key == NULL);
    found = OSSL_PARAM_locate_const(params, OSSL_MAC_PARAM_DIGEST);
    CHECK(found == &params[1]);
    CHECK(OSSL_PARAM_locate_const(params, "cipher") == NULL);
    ok = 1;
out:
    return ok;
}

static int random_bytes(void)
{
    unsigned char a[32];
    unsigned char b[32];
    int ok = 0;

    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    CHECK_INT(RAND_status(), ==, 1);
    CHECK_INT(RAND_bytes(a, sizeof(a)), ==, 1);
    CHECK_INT(RAND_priv_bytes(b, sizeof(b)), ==, 1);
    CHECK(memcmp(a, b, sizeof(a)) != 0);
    CHECK_INT(RAND_bytes(a, 0), ==, 1);
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"cipher_lengths", cipher_lengths},
        {"cipher_contexts", cipher_contexts},
        {"parameters", parameters},
        {"random_bytes", random_bytes},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
