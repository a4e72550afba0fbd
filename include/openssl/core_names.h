/* SPDX-License-Identifier: Apache-2.0 */
/* Parameter names (OpenSSL's strings) that this library reads. */
#ifndef OPENSSL_CORE_NAMES_H
#define OPENSSL_CORE_NAMES_H

#define OSSL_ALG_PARAM_DIGEST "digest"
#define OSSL_ALG_PARAM_CIPHER "cipher"
#define OSSL_ALG_PARAM_PROPERTIES "properties"
#define OSSL_MAC_PARAM_KEY "key"
#define OSSL_MAC_PARAM_DIGEST OSSL_ALG_PARAM_DIGEST
#define OSSL_MAC_PARAM_CIPHER OSSL_ALG_PARAM_CIPHER
#define OSSL_MAC_PARAM_PROPERTIES OSSL_ALG_PARAM_PROPERTIES
#define OSSL_KDF_PARAM_KEY "key"
#define OSSL_KDF_PARAM_DIGEST OSSL_ALG_PARAM_DIGEST

#endif /* OPENSSL_CORE_NAMES_H */
