/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Guard header. mbedtls-openssl-compat does not provide <openssl/e_os2.h>.
 * Every OpenSSL header we do not implement includes it (directly or through
 * <openssl/types.h> of the system), so a program that includes such a header
 * stops here instead of silently mixing the system's OpenSSL declarations
 * with ours.
 */
#error "This OpenSSL header is not provided by mbedtls-openssl-compat (see docs/parity.md)"
