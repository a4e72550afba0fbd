/* SPDX-License-Identifier: Apache-2.0 */
/* Building OSSL_PARAM arrays: what a ticket key callback passes to
 * EVP_MAC_CTX_set_params. */
#ifndef OPENSSL_PARAMS_H
#define OPENSSL_PARAMS_H

#include <stddef.h>

#include <openssl/core.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OSSL_PARAM_UNMODIFIED ((size_t)-1)
#define OSSL_PARAM_END {NULL, 0, NULL, 0, 0}

OSSL_PARAM OSSL_PARAM_construct_utf8_string(const char *key, char *buf, size_t bsize);
OSSL_PARAM OSSL_PARAM_construct_octet_string(const char *key, void *buf, size_t bsize);
OSSL_PARAM OSSL_PARAM_construct_end(void);
const OSSL_PARAM *OSSL_PARAM_locate_const(const OSSL_PARAM *p, const char *key);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_PARAMS_H */
