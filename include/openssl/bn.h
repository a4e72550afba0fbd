/* SPDX-License-Identifier: Apache-2.0 */
/* BIGNUM, as far as programs need it to hand DH parameters over
 * (DH_set0_pqg, DH_get0_pqg): non-negative numbers made from and written
 * to big-endian bytes, compared and measured. No arithmetic. */
#ifndef OPENSSL_BN_H
#define OPENSSL_BN_H

#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BN_ULONG unsigned long

BIGNUM *BN_new(void);
void BN_free(BIGNUM *a);
void BN_clear_free(BIGNUM *a); /* wipes the number first */
BIGNUM *BN_dup(const BIGNUM *a);
/* len big-endian bytes into ret, or into a new BIGNUM when ret is NULL. */
BIGNUM *BN_bin2bn(const unsigned char *s, int len, BIGNUM *ret);
/* Writes BN_num_bytes(a) bytes to to; returns that count. */
int BN_bn2bin(const BIGNUM *a, unsigned char *to);
int BN_num_bits(const BIGNUM *a);
#define BN_num_bytes(a) ((BN_num_bits(a) + 7) / 8)
int BN_set_word(BIGNUM *a, BN_ULONG w);
/* The value, or all ones when it does not fit. */
BN_ULONG BN_get_word(const BIGNUM *a);
int BN_cmp(const BIGNUM *a, const BIGNUM *b); /* -1, 0 or 1 */

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_BN_H */
