/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_PROV_SSL_H
#define OPENSSL_PROV_SSL_H

/* Protocol version numbers. */
#define SSL3_VERSION 0x0300
#define TLS1_VERSION 0x0301
#define TLS1_1_VERSION 0x0302
#define TLS1_2_VERSION 0x0303
#define TLS1_3_VERSION 0x0304
#define DTLS1_VERSION 0xFEFF
#define DTLS1_2_VERSION 0xFEFD

#endif /* OPENSSL_PROV_SSL_H */
