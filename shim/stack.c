/* SPDX-License-Identifier: Apache-2.0 */
/*
 * OpenSSL's generic stack: an array of pointers that grows, with an
 * optional comparison for sorting and finding. Typed stacks (STACK_OF) are
 * inline wrappers in safestack.h.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct stack_st {
    int num;
    int cap;
    const void **data;
    int sorted;
    OPENSSL_sk_compfunc cmp;
};

SHIM_EXPORT OPENSSL_STACK *OPENSSL_sk_new_reserve(OPENSSL_sk_compfunc cmp, int n)
{
    OPENSSL_STACK *st = shim_calloc(1, sizeof(*st));

    SHIM_ENSURE(st != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, NULL);
    st->cmp = cmp;
    if (n > 0 && !OPENSSL_sk_reserve(st, n)) {
        shim_free(st);
        return NULL;
    }
    return st;
}

SHIM_EXPORT OPENSSL_STACK *OPENSSL_sk_new(OPENSSL_sk_compfunc cmp)
{
    return OPENSSL_sk_new_reserve(cmp, 0);
}

SHIM_EXPORT OPENSSL_STACK *OPENSSL_sk_new_null(void)
{
    return OPENSSL_sk_new_reserve(NULL, 0);
}

/* Room for n more pointers. */
SHIM_EXPORT int OPENSSL_sk_reserve(OPENSSL_STACK *st, int n)
{
    const void **grown;
    int cap;

    SHIM_ENSURE(st != NULL && n >= 0, ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT, 0);
    SHIM_ENSURE(n <= INT_MAX - st->num, ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT, 0);
    if (st->num + n <= st->cap)
        return 1;
    cap = st->cap < 4 ? 4 : st->cap;
    while (cap < st->num + n)
        cap = cap > INT_MAX / 2 ? INT_MAX : cap * 2;
    grown = shim_realloc(st->data, (size_t)cap * sizeof(*grown));
    SHIM_ENSURE(grown != NULL, ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE, 0);
    st->data = grown;
    st->cap = cap;
    return 1;
}

SHIM_EXPORT void OPENSSL_sk_free(OPENSSL_STACK *st)
{
    if (st == NULL)
        return;
    shim_free(st->data);
    shim_free(st);
}

SHIM_EXPORT void OPENSSL_sk_pop_free(OPENSSL_STACK *st, void (*func)(void *))
{
    int i;

    if (st == NULL)
        return;
    for (i = 0; i < st->num; i++) {
        if (st->data[i] != NULL)
            func((void *)st->data[i]);
    }
    OPENSSL_sk_free(st);
}

/* -1 for no stack, as in OpenSSL. */
SHIM_EXPORT int OPENSSL_sk_num(const OPENSSL_STACK *st)
{
    return st != NULL ? st->num : -1;
}

SHIM_EXPORT void *OPENSSL_sk_value(const OPENSSL_STACK *st, int i)
{
    if (st == NULL || i < 0 || i >= st->num)
        return NULL;
    return (void *)st->data[i];
}

SHIM_EXPORT void *OPENSSL_sk_set(OPENSSL_STACK *st, int i, const void *data)
{
    if (st == NULL || i < 0 || i >= st->num)
        return NULL;
    st->data[i] = data;
    st->sorted = 0;
    return (void *)data;
}

/* Inserts at where (the end when out of range); the new count, or 0. */
SHIM_EXPORT int OPENSSL_sk_insert(OPENSSL_STACK *st, const void *data, int where)
{
    if (st == NULL || st->num == INT_MAX || !OPENSSL_sk_reserve(st, 1))
        return 0;
    if (where < 0 || where > st->num)
        where = st->num;
    memmove(st->data + where + 1, st->data + where, (size_t)(st->num - where) * sizeof(*st->data));
    st->data[where] = data;
    st->num++;
    st->sorted = 0;
    return st->num;
}

SHIM_EXPORT int OPENSSL_sk_push(OPENSSL_STACK *st, const void *data)
{
    return st != NULL ? OPENSSL_sk_insert(st, data, st->num) : 0;
}

SHIM_EXPORT int OPENSSL_sk_unshift(OPENSSL_STACK *st, const void *data)
{
    return OPENSSL_sk_insert(st, data, 0);
}

SHIM_EXPORT void *OPENSSL_sk_delete(OPENSSL_STACK *st, int loc)
{
    const void *item;

    if (st == NULL || loc < 0 || loc >= st->num)
        return NULL;
    item = st->data[loc];
    memmove(st->data + loc, st->data + loc + 1, (size_t)(st->num - loc - 1) * sizeof(*st->data));
    st->num--;
    return (void *)item;
}

SHIM_EXPORT void *OPENSSL_sk_delete_ptr(OPENSSL_STACK *st, const void *p)
{
    int i;

    for (i = 0; st != NULL && i < st->num; i++) {
        if (st->data[i] == p)
            return OPENSSL_sk_delete(st, i);
    }
    return NULL;
}

SHIM_EXPORT void *OPENSSL_sk_shift(OPENSSL_STACK *st)
{
    return OPENSSL_sk_delete(st, 0);
}

SHIM_EXPORT void *OPENSSL_sk_pop(OPENSSL_STACK *st)
{
    return st != NULL ? OPENSSL_sk_delete(st, st->num - 1) : NULL;
}

SHIM_EXPORT void OPENSSL_sk_zero(OPENSSL_STACK *st)
{
    if (st != NULL)
        st->num = 0;
}

SHIM_EXPORT OPENSSL_sk_compfunc OPENSSL_sk_set_cmp_func(OPENSSL_STACK *st, OPENSSL_sk_compfunc cmp)
{
    OPENSSL_sk_compfunc old;

    if (st == NULL)
        return NULL;
    old = st->cmp;
    if (old != cmp)
        st->sorted = 0;
    st->cmp = cmp;
    return old;
}

SHIM_EXPORT void OPENSSL_sk_sort(OPENSSL_STACK *st)
{
    if (st == NULL || st->sorted || st->cmp == NULL)
        return;
    /* The comparison takes pointers to the slots, as qsort gives them. */
    if (st->num > 1)
        qsort(st->data, (size_t)st->num, sizeof(*st->data), st->cmp);
    st->sorted = 1;
}

SHIM_EXPORT int OPENSSL_sk_is_sorted(const OPENSSL_STACK *st)
{
    return st == NULL || st->sorted;
}

/* Without a comparison, the index of the same pointer; with one, OpenSSL
 * sorts the stack first and gives the first equal item's index. */
SHIM_EXPORT int OPENSSL_sk_find(OPENSSL_STACK *st, const void *data)
{
    int i;

    if (st == NULL)
        return -1;
    if (st->cmp == NULL) {
        for (i = 0; i < st->num; i++) {
            if (st->data[i] == data)
                return i;
        }
        return -1;
    }
    OPENSSL_sk_sort(st);
    for (i = 0; i < st->num; i++) {
        if (st->cmp(&st->data[i], &data) == 0)
            return i;
    }
    return -1;
}

SHIM_EXPORT OPENSSL_STACK *OPENSSL_sk_dup(const OPENSSL_STACK *st)
{
    OPENSSL_STACK *copy;

    SHIM_ENSURE_ARG(st, ERR_LIB_CRYPTO, NULL);
    copy = OPENSSL_sk_new_reserve(st->cmp, st->num);
    if (copy == NULL)
        return NULL;
    if (st->num > 0)
        memcpy(copy->data, st->data, (size_t)st->num * sizeof(*st->data));
    copy->num = st->num;
    copy->sorted = st->sorted;
    return copy;
}

SHIM_EXPORT OPENSSL_STACK *OPENSSL_sk_deep_copy(const OPENSSL_STACK *st, OPENSSL_sk_copyfunc copy,
                                                OPENSSL_sk_freefunc free_func)
{
    OPENSSL_STACK *out;
    int i;

    SHIM_ENSURE_ARG(st, ERR_LIB_CRYPTO, NULL);
    out = OPENSSL_sk_new_reserve(st->cmp, st->num);
    if (out == NULL)
        return NULL;
    for (i = 0; i < st->num; i++) {
        if (st->data[i] != NULL && (out->data[i] = copy(st->data[i])) == NULL) {
            out->num = i;
            OPENSSL_sk_pop_free(out, free_func);
            return NULL;
        }
        if (st->data[i] == NULL)
            out->data[i] = NULL;
    }
    out->num = st->num;
    out->sorted = st->sorted;
    return out;
}
