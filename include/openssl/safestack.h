/* SPDX-License-Identifier: Apache-2.0 */
#ifndef OPENSSL_SAFESTACK_H
#define OPENSSL_SAFESTACK_H

#include <openssl/stack.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STACK_OF(type) struct stack_st_##type

/*
 * Typed stacks: DEFINE_STACK_OF(T) declares STACK_OF(T) and its sk_T_*
 * functions over the generic stack. pop_free and deep_copy call the
 * element functions with their real types, never through a cast function
 * pointer.
 */
#define SHIM_DEFINE_STACK_OF_TYPES(t1, t2)                                                         \
    STACK_OF(t1);                                                                                  \
    typedef int (*sk_##t1##_compfunc)(const t2 *const *a, const t2 *const *b);                    \
    typedef void (*sk_##t1##_freefunc)(t2 * a);                                                    \
    typedef t2 *(*sk_##t1##_copyfunc)(const t2 *a);                                                \
    static inline int sk_##t1##_num(const STACK_OF(t1) * sk)                                       \
    {                                                                                              \
        return OPENSSL_sk_num((const OPENSSL_STACK *)sk);                                          \
    }                                                                                              \
    static inline t2 *sk_##t1##_value(const STACK_OF(t1) * sk, int idx)                            \
    {                                                                                              \
        return (t2 *)OPENSSL_sk_value((const OPENSSL_STACK *)sk, idx);                             \
    }                                                                                              \
    static inline STACK_OF(t1) * sk_##t1##_new_null(void)                                          \
    {                                                                                              \
        return (STACK_OF(t1) *)OPENSSL_sk_new_null();                                              \
    }                                                                                              \
    static inline STACK_OF(t1) * sk_##t1##_new_reserve(sk_##t1##_compfunc compare, int n)         \
    {                                                                                              \
        return (STACK_OF(t1) *)OPENSSL_sk_new_reserve((OPENSSL_sk_compfunc)compare, n);           \
    }                                                                                              \
    static inline int sk_##t1##_reserve(STACK_OF(t1) * sk, int n)                                  \
    {                                                                                              \
        return OPENSSL_sk_reserve((OPENSSL_STACK *)sk, n);                                         \
    }                                                                                              \
    static inline void sk_##t1##_free(STACK_OF(t1) * sk)                                           \
    {                                                                                              \
        OPENSSL_sk_free((OPENSSL_STACK *)sk);                                                      \
    }                                                                                              \
    static inline void sk_##t1##_zero(STACK_OF(t1) * sk)                                           \
    {                                                                                              \
        OPENSSL_sk_zero((OPENSSL_STACK *)sk);                                                      \
    }                                                                                              \
    static inline t2 *sk_##t1##_delete(STACK_OF(t1) * sk, int i)                                   \
    {                                                                                              \
        return (t2 *)OPENSSL_sk_delete((OPENSSL_STACK *)sk, i);                                    \
    }                                                                                              \
    static inline t2 *sk_##t1##_delete_ptr(STACK_OF(t1) * sk, t2 * ptr)                            \
    {                                                                                              \
        return (t2 *)OPENSSL_sk_delete_ptr((OPENSSL_STACK *)sk, (const void *)ptr);                \
    }                                                                                              \
    static inline int sk_##t1##_push(STACK_OF(t1) * sk, t2 * ptr)                                  \
    {                                                                                              \
        return OPENSSL_sk_push((OPENSSL_STACK *)sk, (const void *)ptr);                            \
    }                                                                                              \
    static inline int sk_##t1##_unshift(STACK_OF(t1) * sk, t2 * ptr)                               \
    {                                                                                              \
        return OPENSSL_sk_unshift((OPENSSL_STACK *)sk, (const void *)ptr);                         \
    }                                                                                              \
    static inline t2 *sk_##t1##_pop(STACK_OF(t1) * sk)                                             \
    {                                                                                              \
        return (t2 *)OPENSSL_sk_pop((OPENSSL_STACK *)sk);                                          \
    }                                                                                              \
    static inline t2 *sk_##t1##_shift(STACK_OF(t1) * sk)                                           \
    {                                                                                              \
        return (t2 *)OPENSSL_sk_shift((OPENSSL_STACK *)sk);                                        \
    }                                                                                              \
    static inline void sk_##t1##_pop_free(STACK_OF(t1) * sk, sk_##t1##_freefunc freefunc)          \
    {                                                                                              \
        int i;                                                                                     \
        for (i = 0; i < sk_##t1##_num(sk); i++) {                                                  \
            t2 *item = sk_##t1##_value(sk, i);                                                     \
            if (item != NULL)                                                                      \
                freefunc(item);                                                                    \
        }                                                                                          \
        OPENSSL_sk_free((OPENSSL_STACK *)sk);                                                      \
    }                                                                                              \
    static inline int sk_##t1##_insert(STACK_OF(t1) * sk, t2 * ptr, int idx)                       \
    {                                                                                              \
        return OPENSSL_sk_insert((OPENSSL_STACK *)sk, (const void *)ptr, idx);                     \
    }                                                                                              \
    static inline t2 *sk_##t1##_set(STACK_OF(t1) * sk, int idx, t2 * ptr)                          \
    {                                                                                              \
        return (t2 *)OPENSSL_sk_set((OPENSSL_STACK *)sk, idx, (const void *)ptr);                  \
    }                                                                                              \
    static inline int sk_##t1##_find(STACK_OF(t1) * sk, t2 * ptr)                                  \
    {                                                                                              \
        return OPENSSL_sk_find((OPENSSL_STACK *)sk, (const void *)ptr);                            \
    }                                                                                              \
    static inline STACK_OF(t1) * sk_##t1##_dup(const STACK_OF(t1) * sk)                            \
    {                                                                                              \
        return (STACK_OF(t1) *)OPENSSL_sk_dup((const OPENSSL_STACK *)sk);                          \
    }                                                                                              \
    static inline STACK_OF(t1) *                                                                   \
        sk_##t1##_deep_copy(const STACK_OF(t1) * sk, sk_##t1##_copyfunc copyfunc,                  \
                            sk_##t1##_freefunc freefunc)                                           \
    {                                                                                              \
        STACK_OF(t1) *copy = sk_##t1##_new_null();                                                 \
        int i;                                                                                     \
        for (i = 0; copy != NULL && i < sk_##t1##_num(sk); i++) {                                  \
            t2 *item = sk_##t1##_value(sk, i);                                                     \
            t2 *item_copy = item != NULL ? copyfunc(item) : NULL;                                  \
            if ((item != NULL && item_copy == NULL) || !sk_##t1##_push(copy, item_copy)) {         \
                if (item_copy != NULL)                                                             \
                    freefunc(item_copy);                                                           \
                sk_##t1##_pop_free(copy, freefunc);                                                \
                copy = NULL;                                                                       \
            }                                                                                      \
        }                                                                                          \
        return copy;                                                                               \
    }

#define DEFINE_STACK_OF(t) SHIM_DEFINE_STACK_OF_TYPES(t, t)
#define DEFINE_STACK_OF_CONST(t) SHIM_DEFINE_STACK_OF_TYPES(t, const t)
#define DEFINE_SPECIAL_STACK_OF(t1, t2) SHIM_DEFINE_STACK_OF_TYPES(t1, t2)

/* Strings: OpenSSL's STACK_OF(OPENSSL_STRING). */
typedef char *OPENSSL_STRING;
DEFINE_SPECIAL_STACK_OF(OPENSSL_STRING, char)

#ifdef __cplusplus
}
#endif

#endif /* OPENSSL_SAFESTACK_H */
