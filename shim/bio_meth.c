/* SPDX-License-Identifier: Apache-2.0 */
/* BIO methods of the application's own making, and the accessors such a
 * method needs on its BIOs. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Application types start where OpenSSL's do. */
static int next_bio_index = BIO_TYPE_START;

SHIM_EXPORT int BIO_get_new_index(void)
{
    int idx = __atomic_fetch_add(&next_bio_index, 1, __ATOMIC_RELAXED);

    SHIM_ENSURE(idx <= 0xff, ERR_LIB_BIO, ERR_R_INTERNAL_ERROR, -1);
    return idx;
}

SHIM_EXPORT BIO_METHOD *BIO_meth_new(int type, const char *name)
{
    BIO_METHOD *m = shim_calloc(1, sizeof(*m));
    char *copy = NULL;

    SHIM_ENSURE(m != NULL, ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, NULL);
    if (name != NULL) {
        copy = shim_malloc(strlen(name) + 1);
        if (copy == NULL) {
            shim_free(m);
            SHIM_ERR(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
            return NULL;
        }
        strcpy(copy, name);
    }
    m->type = type;
    m->name = copy;
    return m;
}

SHIM_EXPORT void BIO_meth_free(BIO_METHOD *biom)
{
    if (biom == NULL)
        return;
    shim_free((char *)(uintptr_t)biom->name);
    shim_free(biom);
}

/* Setting one form of read or write drops the other, so exactly one is
 * called. */
SHIM_EXPORT int BIO_meth_set_write(BIO_METHOD *biom, int (*write)(BIO *, const char *, int))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->write_int = write;
    biom->write_ex = NULL;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_write_ex(BIO_METHOD *biom,
                                      int (*bwrite)(BIO *, const char *, size_t, size_t *))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->write_ex = bwrite;
    biom->write_int = NULL;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_read(BIO_METHOD *biom, int (*read)(BIO *, char *, int))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->read_int = read;
    biom->read_ex = NULL;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_read_ex(BIO_METHOD *biom,
                                     int (*bread)(BIO *, char *, size_t, size_t *))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->read_ex = bread;
    biom->read_int = NULL;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_puts(BIO_METHOD *biom, int (*puts)(BIO *, const char *))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->puts = puts;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_gets(BIO_METHOD *biom, int (*gets)(BIO *, char *, int))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->gets = gets;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_ctrl(BIO_METHOD *biom, long (*ctrl)(BIO *, int, long, void *))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->ctrl = ctrl;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_create(BIO_METHOD *biom, int (*create)(BIO *))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->create = create;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_destroy(BIO_METHOD *biom, int (*destroy)(BIO *))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->destroy = destroy;
    return 1;
}

SHIM_EXPORT int BIO_meth_set_callback_ctrl(BIO_METHOD *biom,
                                           long (*callback_ctrl)(BIO *, int, BIO_info_cb *))
{
    SHIM_ENSURE_ARG(biom, ERR_LIB_BIO, 0);
    biom->callback_ctrl = callback_ctrl;
    return 1;
}

SHIM_EXPORT int (*BIO_meth_get_write(const BIO_METHOD *biom))(BIO *, const char *, int)
{
    return biom != NULL ? biom->write_int : NULL;
}

SHIM_EXPORT int (*BIO_meth_get_write_ex(const BIO_METHOD *biom))(BIO *, const char *, size_t,
                                                                 size_t *)
{
    return biom != NULL ? biom->write_ex : NULL;
}

SHIM_EXPORT int (*BIO_meth_get_read(const BIO_METHOD *biom))(BIO *, char *, int)
{
    return biom != NULL ? biom->read_int : NULL;
}

SHIM_EXPORT int (*BIO_meth_get_read_ex(const BIO_METHOD *biom))(BIO *, char *, size_t, size_t *)
{
    return biom != NULL ? biom->read_ex : NULL;
}

SHIM_EXPORT int (*BIO_meth_get_puts(const BIO_METHOD *biom))(BIO *, const char *)
{
    return biom != NULL ? biom->puts : NULL;
}

SHIM_EXPORT int (*BIO_meth_get_gets(const BIO_METHOD *biom))(BIO *, char *, int)
{
    return biom != NULL ? biom->gets : NULL;
}

SHIM_EXPORT long (*BIO_meth_get_ctrl(const BIO_METHOD *biom))(BIO *, int, long, void *)
{
    return biom != NULL ? biom->ctrl : NULL;
}

SHIM_EXPORT int (*BIO_meth_get_create(const BIO_METHOD *biom))(BIO *)
{
    return biom != NULL ? biom->create : NULL;
}

SHIM_EXPORT int (*BIO_meth_get_destroy(const BIO_METHOD *biom))(BIO *)
{
    return biom != NULL ? biom->destroy : NULL;
}

SHIM_EXPORT long (*BIO_meth_get_callback_ctrl(const BIO_METHOD *biom))(BIO *, int, BIO_info_cb *)
{
    return biom != NULL ? biom->callback_ctrl : NULL;
}

/* ---- What a method's functions use on their BIO ------------------------------- */

SHIM_EXPORT void BIO_set_data(BIO *a, void *ptr)
{
    if (a != NULL)
        a->ptr = ptr;
}

SHIM_EXPORT void *BIO_get_data(BIO *a)
{
    return a != NULL ? a->ptr : NULL;
}

SHIM_EXPORT void BIO_set_init(BIO *a, int init)
{
    if (a != NULL)
        a->init = init;
}

SHIM_EXPORT int BIO_get_init(BIO *a)
{
    return a != NULL ? a->init : 0;
}

SHIM_EXPORT void BIO_set_shutdown(BIO *a, int shut)
{
    if (a != NULL)
        a->shutdown = shut;
}

SHIM_EXPORT int BIO_get_shutdown(BIO *a)
{
    return a != NULL ? a->shutdown : 0;
}
