/* SPDX-License-Identifier: Apache-2.0 */
/* Socket details shared by the connect and accept BIOs only. */
#ifndef SHIM_BIO_NET_H
#define SHIM_BIO_NET_H

#include "internal.h"

#include <sys/socket.h>

/* Copies an address. */
void shim_bio_addr_copy(BIO_ADDR *to, const BIO_ADDR *from);

/* Sets an address from a socket address; 0 if the family is not IP. */
int shim_bio_addr_set(BIO_ADDR *ap, const struct sockaddr *sa, socklen_t len);

/* The socket address behind a BIO_ADDR. */
const struct sockaddr *shim_bio_addr_sockaddr(const BIO_ADDR *ap, socklen_t *len);

#endif /* SHIM_BIO_NET_H */
