/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A test configuration (preset "without-extensions"): mbedTLS without the
 * TLS extensions a device may leave out. The functions that need them must
 * still link and fail with ERR_R_UNSUPPORTED, and handshakes go on without
 * them (shim/tests/unit_extensions.c).
 */
#undef MBEDTLS_SSL_ALPN
#undef MBEDTLS_SSL_SESSION_TICKETS
#undef MBEDTLS_SSL_SERVER_NAME_INDICATION
#undef MBEDTLS_SSL_KEYING_MATERIAL_EXPORT
