/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_TLS1_H
#define OPENSSL_TLS1_H

#include <openssl/prov_ssl.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TLS_ANY_VERSION 0x10000
#define TLS_MAX_VERSION TLS1_3_VERSION

/* Server Name Indication. */
#define TLSEXT_NAMETYPE_host_name 0
#define SSL_set_tlsext_host_name(s, name) \
    SSL_ctrl(s, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)(name))

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_TLS1_H */
