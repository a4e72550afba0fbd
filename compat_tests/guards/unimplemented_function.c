/* SPDX-License-Identifier: Apache-2.0 */
/* Must not link against this library: a libssl function it does not have
 * (declared by hand, as a program built against OpenSSL's headers would). */
#include <openssl/ssl.h>

int SSL_CTX_set_srp_username(SSL_CTX *ctx, char *name);

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    int ret = SSL_CTX_set_srp_username(ctx, "user");

    SSL_CTX_free(ctx);
    return ret;
}
