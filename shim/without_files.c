/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A build without a file system (OPENSSL_COMPAT_NO_FILES): the functions
 * that open files by name exist, so programs link, and fail with
 * ERR_R_UNSUPPORTED. Certificates, keys and CRLs load from memory
 * (BIO_new_mem_buf with PEM_read_bio_*, d2i_*, *_ASN1) and stores take
 * them with X509_STORE_add_cert/add_crl.
 */
#include "internal.h"

SHIM_EXPORT int SSL_CTX_use_certificate_file(SSL_CTX *ctx, const char *file, int type)
{
    (void)ctx, (void)file, (void)type;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_use_certificate_file(SSL *ssl, const char *file, int type)
{
    (void)ssl, (void)file, (void)type;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_use_certificate_chain_file(SSL_CTX *ctx, const char *file)
{
    (void)ctx, (void)file;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_use_certificate_chain_file(SSL *ssl, const char *file)
{
    (void)ssl, (void)file;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_use_PrivateKey_file(SSL_CTX *ctx, const char *file, int type)
{
    (void)ctx, (void)file, (void)type;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_use_PrivateKey_file(SSL *ssl, const char *file, int type)
{
    (void)ssl, (void)file, (void)type;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_use_RSAPrivateKey_file(SSL_CTX *ctx, const char *file, int type)
{
    (void)ctx, (void)file, (void)type;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_use_RSAPrivateKey_file(SSL *ssl, const char *file, int type)
{
    (void)ssl, (void)file, (void)type;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT STACK_OF(X509_NAME) *SSL_load_client_CA_file(const char *file)
{
    (void)file;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, NULL);
}

SHIM_EXPORT int X509_STORE_load_file(X509_STORE *store, const char *file)
{
    (void)store, (void)file;
    SHIM_UNSUPPORTED(ERR_LIB_X509, 0);
}

SHIM_EXPORT int X509_STORE_load_locations(X509_STORE *store, const char *file, const char *dir)
{
    (void)store, (void)file, (void)dir;
    SHIM_UNSUPPORTED(ERR_LIB_X509, 0);
}

SHIM_EXPORT int X509_STORE_set_default_paths(X509_STORE *store)
{
    (void)store;
    SHIM_UNSUPPORTED(ERR_LIB_X509, 0);
}

SHIM_EXPORT int SSL_CTX_load_verify_locations(SSL_CTX *ctx, const char *CAfile, const char *CApath)
{
    (void)ctx, (void)CAfile, (void)CApath;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_load_verify_file(SSL_CTX *ctx, const char *CAfile)
{
    (void)ctx, (void)CAfile;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_load_verify_dir(SSL_CTX *ctx, const char *CApath)
{
    (void)ctx, (void)CApath;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_set_default_verify_paths(SSL_CTX *ctx)
{
    (void)ctx;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_set_default_verify_file(SSL_CTX *ctx)
{
    (void)ctx;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

SHIM_EXPORT int SSL_CTX_set_default_verify_dir(SSL_CTX *ctx)
{
    (void)ctx;
    SHIM_UNSUPPORTED(ERR_LIB_SSL, 0);
}

/* No directory can be added, so there is nothing to read. */
void shim_store_refresh_dirs(X509_STORE *store)
{
    (void)store;
}
