/* SPDX-License-Identifier: Apache-2.0 */
/* Addresses for the connect and accept BIOs: BIO_ADDR, and "host:port"
 * strings read as OpenSSL reads them. */
#define _POSIX_C_SOURCE 200809L

#include "bio_net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

struct bio_addr_st {
    struct sockaddr_storage storage;
};

SHIM_EXPORT BIO_ADDR *BIO_ADDR_new(void)
{
    BIO_ADDR *ap = shim_calloc(1, sizeof(*ap));

    SHIM_ENSURE(ap != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, NULL);
    ap->storage.ss_family = AF_UNSPEC;
    return ap;
}

SHIM_EXPORT void BIO_ADDR_free(BIO_ADDR *ap)
{
    shim_free(ap);
}

/* where is the raw address (4 or 16 bytes) and port in network order, as
 * OpenSSL takes them. */
SHIM_EXPORT int BIO_ADDR_rawmake(BIO_ADDR *ap, int family, const void *where, size_t wherelen,
                                 unsigned short port)
{
    SHIM_ENSURE(ap != NULL && where != NULL, ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER, 0);
    memset(ap, 0, sizeof(*ap));
    if (family == AF_INET && wherelen == sizeof(struct in_addr)) {
        struct sockaddr_in *in = (struct sockaddr_in *)&ap->storage;

        in->sin_family = AF_INET;
        in->sin_port = port;
        memcpy(&in->sin_addr, where, wherelen);
        return 1;
    }
    if (family == AF_INET6 && wherelen == sizeof(struct in6_addr)) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ap->storage;

        in6->sin6_family = AF_INET6;
        in6->sin6_port = port;
        memcpy(&in6->sin6_addr, where, wherelen);
        return 1;
    }
    SHIM_ERR(ERR_LIB_BIO, BIO_R_UNSUPPORTED_IP_FAMILY);
    return 0;
}

SHIM_EXPORT int BIO_ADDR_family(const BIO_ADDR *ap)
{
    return ap != NULL ? ap->storage.ss_family : AF_UNSPEC;
}

SHIM_EXPORT unsigned short BIO_ADDR_rawport(const BIO_ADDR *ap)
{
    if (ap == NULL)
        return 0;
    if (ap->storage.ss_family == AF_INET)
        return ((const struct sockaddr_in *)&ap->storage)->sin_port;
    if (ap->storage.ss_family == AF_INET6)
        return ((const struct sockaddr_in6 *)&ap->storage)->sin6_port;
    return 0;
}

void shim_bio_addr_copy(BIO_ADDR *to, const BIO_ADDR *from)
{
    *to = *from;
}

int shim_bio_addr_set(BIO_ADDR *ap, const struct sockaddr *sa, socklen_t len)
{
    if ((sa->sa_family != AF_INET && sa->sa_family != AF_INET6) || len > sizeof(ap->storage))
        return 0;
    memset(ap, 0, sizeof(*ap));
    memcpy(&ap->storage, sa, len);
    return 1;
}

/* Internal: the socket address behind a BIO_ADDR. */
const struct sockaddr *shim_bio_addr_sockaddr(const BIO_ADDR *ap, socklen_t *len)
{
    *len = ap->storage.ss_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                             : sizeof(struct sockaddr_in);
    return (const struct sockaddr *)&ap->storage;
}

int shim_bio_family(int bio_family)
{
    switch (bio_family) {
    case BIO_FAMILY_IPV4:
        return AF_INET;
    case BIO_FAMILY_IPV6:
        return AF_INET6;
    case BIO_FAMILY_IPANY:
        return AF_UNSPEC;
    default:
        return -1;
    }
}

static char *dup_range(const char *start, size_t len)
{
    char *copy = shim_malloc(len + 1);

    if (copy != NULL) {
        memcpy(copy, start, len);
        copy[len] = '\0';
    }
    return copy;
}

int shim_parse_host_service(const char *text, int prefer_service, char **host, char **service)
{
    const char *host_start = text;
    size_t host_len;
    const char *colon;

    *host = *service = NULL;
    SHIM_ENSURE_ARG(text, ERR_LIB_BIO, 0);
    if (text[0] == '[') {
        const char *close = strchr(text, ']');

        SHIM_ENSURE(close != NULL && (close[1] == '\0' || close[1] == ':'), ERR_LIB_BIO,
                    BIO_R_MALFORMED_HOST_OR_SERVICE, 0);
        host_start = text + 1;
        host_len = (size_t)(close - host_start);
        colon = close[1] == ':' ? close + 1 : NULL;
    } else {
        colon = strrchr(text, ':');
        /* Two colons without brackets: an IPv6 address with no port. */
        if (colon != NULL && strchr(text, ':') != colon)
            colon = NULL;
        host_len = colon != NULL ? (size_t)(colon - text) : strlen(text);
        if (colon == NULL && prefer_service) {
            *service = dup_range(text, strlen(text));
            SHIM_ENSURE(*service != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, 0);
            return 1;
        }
    }
    /* "*" and an empty host both mean any address. */
    if (host_len > 0 && !(host_len == 1 && host_start[0] == '*')) {
        *host = dup_range(host_start, host_len);
        SHIM_ENSURE(*host != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, 0);
    }
    if (colon != NULL && colon[1] != '\0') {
        *service = dup_range(colon + 1, strlen(colon + 1));
        if (*service == NULL) {
            shim_free(*host);
            *host = NULL;
            SHIM_ERR(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
            return 0;
        }
    }
    return 1;
}
