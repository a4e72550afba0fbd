/* SPDX-License-Identifier: Apache-2.0 */
/* Must not compile against this library: <openssl/pem.h> is not provided,
 * and the system's copy must not be picked up instead. */
#include <openssl/ssl.h>
#include <openssl/pem.h>

int main(void)
{
    return 0;
}
