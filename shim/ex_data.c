/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Application data on objects (CRYPTO_get_ex_new_index and friends): per
 * class, a table of registered indices with their callbacks; per object, a
 * growing array of slots.
 */
#include "internal.h"

#include <stdlib.h>

/* Indices each class can hand out; index 0 is kept for the "app data"
 * macros, as in OpenSSL. */
#define EX_MAX_INDICES 64

struct ex_callbacks {
    long argl;
    void *argp;
    CRYPTO_EX_new *new_func;
    CRYPTO_EX_dup *dup_func;
    CRYPTO_EX_free *free_func;
    int registered; /* set last, with release order, once the rest is in */
};

/* A class's callbacks are allocated when it registers its first index:
 * most programs register none, and a device has little RAM to spare. */
struct ex_class {
    int next_index;
    struct ex_callbacks *callbacks; /* EX_MAX_INDICES of them, or NULL */
};

static struct ex_class ex_classes[CRYPTO_EX_INDEX__COUNT];

static struct ex_class *ex_class_of(int class_index)
{
    if (class_index < 0 || class_index >= CRYPTO_EX_INDEX__COUNT)
        return NULL;
    return &ex_classes[class_index];
}

/* The class's callback table, made on first use (published with a
 * compare-and-swap, so two threads registering at once agree). */
static struct ex_callbacks *ex_table(struct ex_class *c)
{
    struct ex_callbacks *table = __atomic_load_n(&c->callbacks, __ATOMIC_ACQUIRE);
    struct ex_callbacks *expected = NULL;

    if (table != NULL)
        return table;
    table = shim_calloc(EX_MAX_INDICES, sizeof(*table));
    if (table == NULL)
        return NULL;
    if (!__atomic_compare_exchange_n(&c->callbacks, &expected, table, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        shim_free(table);
        table = expected;
    }
    return table;
}

/* The callbacks of a registered index, or NULL. */
static const struct ex_callbacks *ex_registered(const struct ex_class *c, int idx)
{
    const struct ex_callbacks *table = __atomic_load_n(&c->callbacks, __ATOMIC_ACQUIRE);

    if (table == NULL || idx <= 0 || idx >= EX_MAX_INDICES ||
        !__atomic_load_n(&table[idx].registered, __ATOMIC_ACQUIRE))
        return NULL;
    return &table[idx];
}

SHIM_EXPORT int CRYPTO_get_ex_new_index(int class_index, long argl, void *argp,
                                        CRYPTO_EX_new *new_func, CRYPTO_EX_dup *dup_func,
                                        CRYPTO_EX_free *free_func)
{
    struct ex_class *c = ex_class_of(class_index);
    struct ex_callbacks *table;
    struct ex_callbacks *cb;
    int idx;

    SHIM_ENSURE(c != NULL, ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT, -1);
    table = ex_table(c);
    SHIM_ENSURE(table != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, -1);
    idx = __atomic_add_fetch(&c->next_index, 1, __ATOMIC_RELAXED);
    SHIM_ENSURE(idx < EX_MAX_INDICES, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, -1);
    cb = &table[idx];
    cb->argl = argl;
    cb->argp = argp;
    cb->new_func = new_func;
    cb->dup_func = dup_func;
    cb->free_func = free_func;
    __atomic_store_n(&cb->registered, 1, __ATOMIC_RELEASE);
    return idx;
}

SHIM_EXPORT int CRYPTO_free_ex_index(int class_index, int idx)
{
    struct ex_class *c = ex_class_of(class_index);

    struct ex_callbacks *cb;

    if (c == NULL || ex_registered(c, idx) == NULL)
        return 0;
    /* The index stays taken; only its callbacks go. */
    cb = &c->callbacks[idx];
    cb->new_func = NULL;
    cb->dup_func = NULL;
    cb->free_func = NULL;
    return 1;
}

SHIM_EXPORT int CRYPTO_set_ex_data(CRYPTO_EX_DATA *ad, int idx, void *val)
{
    SHIM_ENSURE_ARG(ad, ERR_LIB_CRYPTO, 0);
    SHIM_ENSURE(idx >= 0 && idx < EX_MAX_INDICES, ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT,
                0);
    if (idx >= ad->count) {
        void **grown = shim_realloc(ad->slots, sizeof(*grown) * (size_t)(idx + 1));
        int i;

        SHIM_ENSURE(grown != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, 0);
        for (i = ad->count; i <= idx; i++)
            grown[i] = NULL;
        ad->slots = grown;
        ad->count = idx + 1;
    }
    ad->slots[idx] = val;
    return 1;
}

SHIM_EXPORT void *CRYPTO_get_ex_data(const CRYPTO_EX_DATA *ad, int idx)
{
    if (ad == NULL || idx < 0 || idx >= ad->count)
        return NULL;
    return ad->slots[idx];
}

SHIM_EXPORT int CRYPTO_new_ex_data(int class_index, void *obj, CRYPTO_EX_DATA *ad)
{
    struct ex_class *c = ex_class_of(class_index);
    int n;
    int idx;

    SHIM_ENSURE(c != NULL && ad != NULL, ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT, 0);
    ad->slots = NULL;
    ad->count = 0;
    n = __atomic_load_n(&c->next_index, __ATOMIC_ACQUIRE);
    for (idx = 1; idx <= n && idx < EX_MAX_INDICES; idx++) {
        const struct ex_callbacks *cb = ex_registered(c, idx);

        if (cb != NULL && cb->new_func != NULL)
            cb->new_func(obj, NULL, ad, idx, cb->argl, cb->argp);
    }
    return 1;
}

SHIM_EXPORT int CRYPTO_dup_ex_data(int class_index, CRYPTO_EX_DATA *to, const CRYPTO_EX_DATA *from)
{
    struct ex_class *c = ex_class_of(class_index);
    int idx;

    SHIM_ENSURE(c != NULL && to != NULL && from != NULL, ERR_LIB_CRYPTO,
                ERR_R_PASSED_INVALID_ARGUMENT, 0);
    for (idx = 0; idx < from->count; idx++) {
        const struct ex_callbacks *cb = ex_registered(c, idx);
        void *value = from->slots[idx];

        if (cb != NULL && cb->dup_func != NULL &&
            !cb->dup_func(to, from, &value, idx, cb->argl, cb->argp))
            return 0;
        if (!CRYPTO_set_ex_data(to, idx, value))
            return 0;
    }
    return 1;
}

SHIM_EXPORT void CRYPTO_free_ex_data(int class_index, void *obj, CRYPTO_EX_DATA *ad)
{
    struct ex_class *c = ex_class_of(class_index);
    int n;
    int idx;

    if (c == NULL || ad == NULL)
        return;
    n = __atomic_load_n(&c->next_index, __ATOMIC_ACQUIRE);
    for (idx = 1; idx <= n && idx < EX_MAX_INDICES; idx++) {
        const struct ex_callbacks *cb = ex_registered(c, idx);

        if (cb != NULL && cb->free_func != NULL)
            cb->free_func(obj, CRYPTO_get_ex_data(ad, idx), ad, idx, cb->argl, cb->argp);
    }
    shim_free(ad->slots);
    ad->slots = NULL;
    ad->count = 0;
}
