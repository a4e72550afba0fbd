/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Message digests (EVP_MD) by name and number, over mbedTLS's md layer:
 * what certificate fingerprints (X509_digest) need.
 */
#include "internal.h"

#include <string.h>

#include <mbedtls/md.h>

struct evp_md_st {
    int nid;
    const char *name; /* OpenSSL's short name */
    mbedtls_md_type_t md;
};

static const EVP_MD digests[] = {
    {NID_md5, SN_md5, MBEDTLS_MD_MD5},          {NID_sha1, SN_sha1, MBEDTLS_MD_SHA1},
    {NID_sha224, SN_sha224, MBEDTLS_MD_SHA224}, {NID_sha256, SN_sha256, MBEDTLS_MD_SHA256},
    {NID_sha384, SN_sha384, MBEDTLS_MD_SHA384}, {NID_sha512, SN_sha512, MBEDTLS_MD_SHA512},
};

SHIM_EXPORT const EVP_MD *EVP_md5(void)
{
    return &digests[0];
}

SHIM_EXPORT const EVP_MD *EVP_sha1(void)
{
    return &digests[1];
}

SHIM_EXPORT const EVP_MD *EVP_sha224(void)
{
    return &digests[2];
}

SHIM_EXPORT const EVP_MD *EVP_sha256(void)
{
    return &digests[3];
}

SHIM_EXPORT const EVP_MD *EVP_sha384(void)
{
    return &digests[4];
}

SHIM_EXPORT const EVP_MD *EVP_sha512(void)
{
    return &digests[5];
}

/* By short or long name, case as OpenSSL accepts it ("SHA256", "sha256"). */
SHIM_EXPORT const EVP_MD *EVP_get_digestbyname(const char *name)
{
    size_t i;

    for (i = 0; name != NULL && i < sizeof(digests) / sizeof(digests[0]); i++) {
        if (strcmp(name, digests[i].name) == 0 || strcmp(name, OBJ_nid2ln(digests[i].nid)) == 0)
            return &digests[i];
    }
    return NULL;
}

SHIM_EXPORT int EVP_MD_get_size(const EVP_MD *md)
{
    const mbedtls_md_info_t *info = md != NULL ? mbedtls_md_info_from_type(md->md) : NULL;

    return info != NULL ? (int)mbedtls_md_get_size(info) : -1;
}

SHIM_EXPORT int EVP_MD_get_type(const EVP_MD *md)
{
    return md != NULL ? md->nid : NID_undef;
}

SHIM_EXPORT const char *EVP_MD_get0_name(const EVP_MD *md)
{
    return md != NULL ? md->name : NULL;
}

SHIM_EXPORT int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size,
                           const EVP_MD *type, void *impl)
{
    const mbedtls_md_info_t *info = type != NULL ? mbedtls_md_info_from_type(type->md) : NULL;

    (void)impl;
    SHIM_ENSURE(info != NULL && md != NULL, ERR_LIB_EVP, ERR_R_UNSUPPORTED, 0);
    SHIM_ENSURE(mbedtls_md(info, data, count, md) == 0, ERR_LIB_EVP, ERR_R_INTERNAL_ERROR, 0);
    if (size != NULL)
        *size = mbedtls_md_get_size(info);
    return 1;
}

mbedtls_md_type_t shim_md_type(const EVP_MD *md)
{
    return md->md;
}
