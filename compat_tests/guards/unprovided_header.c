/* SPDX-License-Identifier: Apache-2.0 */
/* Must not compile against this library: <openssl/ocsp.h> is not provided,
 * and the system's copy must not be picked up instead. */
#include <openssl/ssl.h>
#include <openssl/ocsp.h>

int main(void)
{
    return 0;
}
