/* SPDX-License-Identifier: Apache-2.0 */
/* The control for the two guard tests: the same build of a program that
 * uses only what the library has must compile, link and run. */
#include <openssl/ssl.h>

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    int ok = ctx != NULL;

    SSL_CTX_free(ctx);
    return ok ? 0 : 1;
}
