/* SPDX-License-Identifier: Apache-2.0 */
/* shim/ssl_cipher.c: the default list and the name table agree. */
#include <string.h>

#include "internal.h"
#include "testlib.h"

static int default_list_is_named(void)
{
    const int *ids = shim_default_ciphersuites(0);
    const int *server_ids = shim_default_ciphersuites(1);
    size_t i;
    size_t k = 0;
    size_t j;
    int ok = 0;

    CHECK(ids[0] != 0);
    for (i = 0; ids[i] != 0; i++) {
        const SSL_CIPHER *c = shim_cipher_by_id((uint16_t)ids[i]);

        CHECK(c != NULL);
        CHECK_INT(SSL_CIPHER_get_protocol_id(c), ==, ids[i]);
        CHECK_INT(SSL_CIPHER_get_id(c), ==, 0x03000000L | ids[i]);
        CHECK(strlen(SSL_CIPHER_get_name(c)) > 0 && strlen(SSL_CIPHER_standard_name(c)) > 0);
        CHECK_INT(SSL_CIPHER_get_bits(c, NULL), >=, 128);
        for (j = i + 1; ids[j] != 0; j++)
            CHECK(ids[i] != ids[j]);
    }
    /* A server's list is the same, in the same order, less DHE. */
    for (i = 0; ids[i] != 0; i++) {
        const SSL_CIPHER *c = shim_cipher_by_id((uint16_t)ids[i]);

        if (c->kx & (SHIM_KX_DHE | SHIM_KX_DHEPSK))
            continue;
        CHECK_INT(server_ids[k], ==, ids[i]);
        k++;
    }
    CHECK_INT(server_ids[k], ==, 0);
#if defined(MBEDTLS_KEY_EXCHANGE_DHE_RSA_ENABLED)
    CHECK(k < i); /* DHE suites are in OpenSSL's DEFAULT */
#endif
    /* OpenSSL lists the TLS 1.3 suites first. */
    CHECK_INT(ids[0] >> 8, ==, 0x13);
    CHECK(strcmp(SSL_CIPHER_get_name(NULL), "(NONE)") == 0);
    CHECK(shim_cipher_by_id(0xFFFF) == NULL);
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"default lists: named, unique, TLS 1.3 first, no DHE for servers", default_list_is_named},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
