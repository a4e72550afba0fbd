/* SPDX-License-Identifier: Apache-2.0 */
/* DH parameters, as legacy servers load them and hand them to
 * SSL_CTX_set_tmp_dh: read from PEM or DER (PKCS #3 "DH PARAMETERS" and
 * X9.42 "X9.42 DH PARAMETERS"), built from BIGNUMs, or one of the RFC 7919
 * groups by NID. No key generation or agreement: the TLS stack does that. */
#ifndef OPENSSL_DH_H
#define OPENSSL_DH_H

#include <openssl/bn.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reasons of the DH library. */
#define DH_R_INVALID_PARAMETER_NID 114

DH *DH_new(void);
void DH_free(DH *dh);
int DH_up_ref(DH *dh);
/* DH_new_by_nid: NID_ffdhe2048 to NID_ffdhe8192. DH_get_nid: the NID of
 * the RFC 7919 group dh holds, else NID_undef. */
DH *DH_new_by_nid(int nid);
int DH_get_nid(const DH *dh);
/* Takes p, q and g (any of them NULL keeps what dh has; p and g must
 * then be there). */
int DH_set0_pqg(DH *dh, BIGNUM *p, BIGNUM *q, BIGNUM *g);
void DH_get0_pqg(const DH *dh, const BIGNUM **p, const BIGNUM **q, const BIGNUM **g);
const BIGNUM *DH_get0_p(const DH *dh);
const BIGNUM *DH_get0_q(const DH *dh);
const BIGNUM *DH_get0_g(const DH *dh);
/* Size of p in bits and bytes; -1 without p. */
int DH_bits(const DH *dh);
int DH_size(const DH *dh);
/* OpenSSL's strength estimate (80 for 1024-bit p, 112 for 2048...); -1
 * without p. */
int DH_security_bits(const DH *dh);
/* PKCS #3 DHParameter: SEQUENCE { p, g, privateValueLength OPTIONAL }. */
DH *d2i_DHparams(DH **a, const unsigned char **pp, long length);
int i2d_DHparams(const DH *a, unsigned char **pp);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_DH_H */
