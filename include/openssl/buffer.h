/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_BUFFER_H
#define OPENSSL_BUFFER_H

#include <stddef.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BUF_MEM_FLAG_SECURE 0x01

struct buf_mem_st {
    size_t length; /* bytes in use */
    char *data;
    size_t max; /* bytes allocated */
    unsigned long flags;
};

BUF_MEM *BUF_MEM_new(void);
BUF_MEM *BUF_MEM_new_ex(unsigned long flags);
void BUF_MEM_free(BUF_MEM *a);
size_t BUF_MEM_grow(BUF_MEM *str, size_t len);
size_t BUF_MEM_grow_clean(BUF_MEM *str, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_BUFFER_H */
