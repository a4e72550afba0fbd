/* SPDX-License-Identifier: Apache-2.0 */
/* OSSL_PARAM, OpenSSL 3's parameter record, with OpenSSL's layout and type
 * numbers (<openssl/params.h> builds them). */
#ifndef OPENSSL_CORE_H
#define OPENSSL_CORE_H

#include <stddef.h>

#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ossl_param_st {
    const char *key;        /* the parameter's name; NULL ends an array */
    unsigned int data_type; /* OSSL_PARAM_* */
    void *data;
    size_t data_size;
    size_t return_size;
};

#define OSSL_PARAM_INTEGER 1
#define OSSL_PARAM_UNSIGNED_INTEGER 2
#define OSSL_PARAM_REAL 3
#define OSSL_PARAM_UTF8_STRING 4
#define OSSL_PARAM_OCTET_STRING 5
#define OSSL_PARAM_UTF8_PTR 6
#define OSSL_PARAM_OCTET_PTR 7

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_CORE_H */
