/* SPDX-License-Identifier: Apache-2.0 */
/* Random bytes from mbedTLS's PSA generator (seeded from the platform's
 * entropy, reseeded in a forked child). */
#ifndef OPENSSL_RAND_H
#define OPENSSL_RAND_H

#ifdef __cplusplus
extern "C" {
#endif

int RAND_bytes(unsigned char *buf, int num);
int RAND_priv_bytes(unsigned char *buf, int num);
int RAND_status(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_RAND_H */
