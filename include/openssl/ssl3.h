/* SPDX-License-Identifier: Apache-2.0 */
/* The record and message numbers of SSL 3 and its TLS successors, with
 * OpenSSL's values: what a message callback (SSL_CTX_set_msg_callback) is
 * told about. */
#ifndef OPENSSL_SSL3_H
#define OPENSSL_SSL3_H

#define SSL3_RT_HEADER_LENGTH 5
#define SSL3_RT_MAX_PLAIN_LENGTH 16384

/* Record content types, and OpenSSL's two pseudo types: a record's
 * header, and a TLS 1.3 record's inner type. */
#define SSL3_RT_CHANGE_CIPHER_SPEC 20
#define SSL3_RT_ALERT 21
#define SSL3_RT_HANDSHAKE 22
#define SSL3_RT_APPLICATION_DATA 23
#define SSL3_RT_HEADER 0x100
#define SSL3_RT_INNER_CONTENT_TYPE 0x101

#define SSL3_AL_WARNING 1
#define SSL3_AL_FATAL 2

/* Handshake message types. */
#define SSL3_MT_HELLO_REQUEST 0
#define SSL3_MT_CLIENT_HELLO 1
#define SSL3_MT_SERVER_HELLO 2
#define SSL3_MT_NEWSESSION_TICKET 4
#define SSL3_MT_END_OF_EARLY_DATA 5
#define SSL3_MT_ENCRYPTED_EXTENSIONS 8
#define SSL3_MT_CERTIFICATE 11
#define SSL3_MT_SERVER_KEY_EXCHANGE 12
#define SSL3_MT_CERTIFICATE_REQUEST 13
#define SSL3_MT_SERVER_DONE 14
#define SSL3_MT_CERTIFICATE_VERIFY 15
#define SSL3_MT_CLIENT_KEY_EXCHANGE 16
#define SSL3_MT_FINISHED 20
#define SSL3_MT_CERTIFICATE_STATUS 22
#define SSL3_MT_KEY_UPDATE 24
#define SSL3_MT_MESSAGE_HASH 254
#define SSL3_MT_CHANGE_CIPHER_SPEC 0x0101

#endif
