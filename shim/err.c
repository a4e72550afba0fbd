/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-thread error queue: ERR_get_error() and friends, with OpenSSL 3's
 * packing of codes and OpenSSL's string formats.
 */
#define _POSIX_C_SOURCE 200809L /* XSI strerror_r */

#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* OpenSSL keeps the last 15 entries per thread (a ring of 16 slots with
 * one left free); older ones are dropped. */
#define ERR_QUEUE_LEN 15
#define ERR_DATA_LEN 128

struct err_entry {
    unsigned long code;
    const char *file;
    const char *func;
    int line;
    int flags; /* ERR_TXT_* for data */
    int marks; /* how many ERR_set_mark() calls stand on this entry */
    char data[ERR_DATA_LEN];
};

/* Entries live in the thread's own storage: nothing to free when the thread
 * ends. */
struct err_queue {
    struct err_entry entries[ERR_QUEUE_LEN];
    unsigned int head;  /* oldest entry */
    unsigned int count; /* entries in use */
};

static SHIM_THREAD_LOCAL struct err_queue err_queue;

static struct err_entry *err_at(unsigned int age_from_newest)
{
    struct err_queue *q = &err_queue;

    return &q->entries[(q->head + q->count - 1 - age_from_newest) % ERR_QUEUE_LEN];
}

static unsigned long err_pack(int lib, int reason)
{
    if (lib == ERR_LIB_SYS)
        return ERR_SYSTEM_FLAG | ((unsigned long)reason & ERR_SYSTEM_MASK);
    return ERR_PACK(lib, 0, reason);
}

SHIM_EXPORT void ERR_new(void)
{
    struct err_queue *q = &err_queue;
    struct err_entry *e;

    if (q->count == ERR_QUEUE_LEN) {
        q->head = (q->head + 1) % ERR_QUEUE_LEN;
        q->count--;
    }
    q->count++;
    e = err_at(0);
    e->code = 0;
    e->file = "";
    e->func = "";
    e->line = 0;
    e->flags = 0;
    e->marks = 0;
    e->data[0] = '\0';
}

SHIM_EXPORT void ERR_set_debug(const char *file, int line, const char *func)
{
    struct err_entry *e;

    if (err_queue.count == 0)
        return;
    e = err_at(0);
    e->file = file != NULL ? file : "";
    e->line = line;
    e->func = func != NULL ? func : "";
}

SHIM_EXPORT void ERR_vset_error(int lib, int reason, const char *fmt, va_list args)
{
    struct err_entry *e;

    if (err_queue.count == 0)
        return;
    e = err_at(0);
    e->code = err_pack(lib, reason);
    if (fmt != NULL) {
        vsnprintf(e->data, sizeof(e->data), fmt, args);
        /* OpenSSL's flags for text it formatted into its own buffer. */
        e->flags = ERR_TXT_STRING | ERR_TXT_MALLOCED;
    }
}

SHIM_EXPORT void ERR_set_error(int lib, int reason, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    ERR_vset_error(lib, reason, fmt, args);
    va_end(args);
}

void shim_err_push(int lib, int reason, const char *file, int line, const char *func,
                   const char *data)
{
    ERR_new();
    ERR_set_debug(file, line, func);
    if (data != NULL)
        ERR_set_error(lib, reason, "%s", data);
    else
        ERR_set_error(lib, reason, NULL);
}

void shim_err_raise(unsigned long packed, const char *file, int line, const char *func)
{
    ERR_new();
    ERR_set_debug(file, line, func);
    ERR_set_error(ERR_GET_LIB(packed), ERR_GET_REASON(packed), NULL);
}

/* Reports the oldest entry (newest when last is set) and removes it when
 * pop is set. Any out-pointer may be NULL. */
static unsigned long err_take(int pop, int last, const char **file, int *line, const char **func,
                              const char **data, int *flags)
{
    struct err_queue *q = &err_queue;
    struct err_entry *e = NULL;

    if (q->count > 0)
        e = last ? err_at(0) : &q->entries[q->head];
    if (file != NULL)
        *file = e != NULL ? e->file : "";
    if (line != NULL)
        *line = e != NULL ? e->line : 0;
    if (func != NULL)
        *func = e != NULL ? e->func : "";
    if (data != NULL)
        *data = e != NULL ? e->data : "";
    if (flags != NULL)
        *flags = e != NULL ? e->flags : 0;
    if (e == NULL)
        return 0;
    if (pop) {
        /* The data string stays readable until the next push, which is all
         * OpenSSL promises too. */
        q->head = (q->head + 1) % ERR_QUEUE_LEN;
        q->count--;
    }
    return e->code;
}

SHIM_EXPORT unsigned long ERR_get_error(void)
{
    return err_take(1, 0, NULL, NULL, NULL, NULL, NULL);
}

SHIM_EXPORT unsigned long ERR_get_error_all(const char **file, int *line, const char **func,
                                            const char **data, int *flags)
{
    return err_take(1, 0, file, line, func, data, flags);
}

SHIM_EXPORT unsigned long ERR_get_error_line(const char **file, int *line)
{
    return err_take(1, 0, file, line, NULL, NULL, NULL);
}

SHIM_EXPORT unsigned long ERR_get_error_line_data(const char **file, int *line,
                                                  const char **data, int *flags)
{
    return err_take(1, 0, file, line, NULL, data, flags);
}

SHIM_EXPORT unsigned long ERR_peek_error(void)
{
    return err_take(0, 0, NULL, NULL, NULL, NULL, NULL);
}

SHIM_EXPORT unsigned long ERR_peek_error_line(const char **file, int *line)
{
    return err_take(0, 0, file, line, NULL, NULL, NULL);
}

SHIM_EXPORT unsigned long ERR_peek_error_data(const char **data, int *flags)
{
    return err_take(0, 0, NULL, NULL, NULL, data, flags);
}

SHIM_EXPORT unsigned long ERR_peek_error_all(const char **file, int *line, const char **func,
                                             const char **data, int *flags)
{
    return err_take(0, 0, file, line, func, data, flags);
}

SHIM_EXPORT unsigned long ERR_peek_error_line_data(const char **file, int *line,
                                                   const char **data, int *flags)
{
    return err_take(0, 0, file, line, NULL, data, flags);
}

SHIM_EXPORT unsigned long ERR_peek_last_error(void)
{
    return err_take(0, 1, NULL, NULL, NULL, NULL, NULL);
}

SHIM_EXPORT unsigned long ERR_peek_last_error_line(const char **file, int *line)
{
    return err_take(0, 1, file, line, NULL, NULL, NULL);
}

SHIM_EXPORT unsigned long ERR_peek_last_error_data(const char **data, int *flags)
{
    return err_take(0, 1, NULL, NULL, NULL, data, flags);
}

SHIM_EXPORT unsigned long ERR_peek_last_error_all(const char **file, int *line,
                                                  const char **func, const char **data,
                                                  int *flags)
{
    return err_take(0, 1, file, line, func, data, flags);
}

SHIM_EXPORT unsigned long ERR_peek_last_error_line_data(const char **file, int *line,
                                                        const char **data, int *flags)
{
    return err_take(0, 1, file, line, NULL, data, flags);
}

SHIM_EXPORT void ERR_clear_error(void)
{
    err_queue.head = 0;
    err_queue.count = 0;
}

/* A mark stands on the newest entry; with an empty queue there is nothing
 * to mark, as in OpenSSL. */
SHIM_EXPORT int ERR_set_mark(void)
{
    if (err_queue.count == 0)
        return 0;
    err_at(0)->marks++;
    return 1;
}

SHIM_EXPORT int ERR_pop_to_mark(void)
{
    while (err_queue.count > 0 && err_at(0)->marks == 0)
        err_queue.count--;
    if (err_queue.count == 0)
        return 0;
    err_at(0)->marks--;
    return 1;
}

SHIM_EXPORT int ERR_clear_last_mark(void)
{
    unsigned int age;

    for (age = 0; age < err_queue.count; age++) {
        struct err_entry *e = err_at(age);

        if (e->marks > 0) {
            e->marks--;
            return 1;
        }
    }
    return 0;
}

SHIM_EXPORT void ERR_remove_thread_state(void *unused)
{
    (void)unused;
}

SHIM_EXPORT void ERR_remove_state(unsigned long pid)
{
    (void)pid;
}

SHIM_EXPORT int ERR_load_SSL_strings(void)
{
    return 1;
}

/* ---- Strings ------------------------------------------------------------- */

/* A build for a small device may leave the texts out (as OpenSSL's
 * no-err builds do): ERR_error_string then gives "lib(N)" and "reason(N)". */
#if !defined(OPENSSL_COMPAT_NO_ERROR_STRINGS)

/* Each table is a list of X(key, text): kept as an array of keys and one
 * block of NUL-separated texts in the same order, which spares a pointer
 * per text on a device. Library reasons fit 16 bits (half the keys' size);
 * common reasons carry flags above them. */
#define ERR_KEY(key, text) (key),
#define ERR_TEXT(key, text) text "\0"
#define ERR_TABLE_OF(name, key_type, LIST)                 \
    static const key_type name##_keys[] = {LIST(ERR_KEY)}; \
    static const char name##_texts[] = LIST(ERR_TEXT);
#define ERR_TABLE(name, LIST) ERR_TABLE_OF(name, uint16_t, LIST)

#define LIB_TEXTS(X) \
    X(ERR_LIB_NONE, "unknown library") \
    X(ERR_LIB_SYS, "system library") \
    X(ERR_LIB_EVP, "digital envelope routines") \
    X(ERR_LIB_OBJ, "object identifier routines") \
    X(ERR_LIB_PEM, "PEM routines") \
    X(ERR_LIB_X509, "x509 certificate routines") \
    X(ERR_LIB_ASN1, "asn1 encoding routines") \
    X(ERR_LIB_CRYPTO, "common libcrypto routines") \
    X(ERR_LIB_SSL, "SSL routines") \
    X(ERR_LIB_BIO, "BIO routines") \
    X(ERR_LIB_X509V3, "X509 V3 routines")
ERR_TABLE(lib_strings, LIB_TEXTS)

#define COMMON_REASON_TEXTS(X) \
    X(ERR_R_MALLOC_FAILURE, "malloc failure") \
    X(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED, "called a function you should not call") \
    X(ERR_R_PASSED_NULL_PARAMETER, "passed a null parameter") \
    X(ERR_R_INTERNAL_ERROR, "internal error") \
    X(ERR_R_INIT_FAIL, "init fail") \
    X(ERR_R_PASSED_INVALID_ARGUMENT, "passed invalid argument") \
    X(ERR_R_OPERATION_FAIL, "operation fail") \
    X(ERR_R_INTERRUPTED_OR_CANCELLED, "interrupted or cancelled") \
    X(ERR_R_NESTED_ASN1_ERROR, "nested asn1 error") \
    X(ERR_R_UNSUPPORTED, "unsupported") \
    X(ERR_R_SYS_LIB, "system lib") \
    X(ERR_R_BIO_LIB, "BIO lib") \
    X(ERR_R_PEM_LIB, "PEM lib") \
    X(ERR_R_X509_LIB, "X509 lib") \
    X(ERR_R_ASN1_LIB, "ASN1 lib") \
    X(ERR_R_EVP_LIB, "EVP lib")
ERR_TABLE_OF(common_reason_strings, unsigned int, COMMON_REASON_TEXTS)

#define SSL_REASON_TEXTS(X) \
    X(SSL_R_APPLICATION_DATA_AFTER_CLOSE_NOTIFY, "application data after close notify") \
    X(SSL_R_BAD_DATA, "bad data") \
    X(SSL_R_NOT_REPLACING_CERTIFICATE, "not replacing certificate") \
    X(SSL_R_PRIVATE_KEY_MISMATCH, "private key mismatch") \
    X(SSL_R_BAD_DATA_RETURNED_BY_CALLBACK, "bad data returned by callback") \
    X(SSL_R_BAD_EXTENSION, "bad extension") \
    X(SSL_R_BAD_LENGTH, "bad length") \
    X(SSL_R_BAD_PSK, "bad psk") \
    X(SSL_R_BAD_PROTOCOL_VERSION_NUMBER, "bad protocol version number") \
    X(SSL_R_BAD_SIGNATURE, "bad signature") \
    X(SSL_R_BAD_SSL_FILETYPE, "bad ssl filetype") \
    X(SSL_R_BAD_VALUE, "bad value") \
    X(SSL_R_BAD_WRITE_RETRY, "bad write retry") \
    X(SSL_R_BIO_NOT_SET, "bio not set") \
    X(SSL_R_CALLBACK_FAILED, "callback failed") \
    X(SSL_R_CERTIFICATE_VERIFY_FAILED, "certificate verify failed") \
    X(SSL_R_CONNECTION_TYPE_NOT_SET, "connection type not set") \
    X(SSL_R_DATA_LENGTH_TOO_LONG, "data length too long") \
    X(SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC, "decryption failed or bad record mac") \
    X(SSL_R_HTTPS_PROXY_REQUEST, "https proxy request") \
    X(SSL_R_HTTP_REQUEST, "http request") \
    X(SSL_R_INVALID_COMMAND, "invalid command") \
    X(SSL_R_LENGTH_MISMATCH, "length mismatch") \
    X(SSL_R_NO_CERTIFICATE_ASSIGNED, "no certificate assigned") \
    X(SSL_R_NO_APPLICATION_PROTOCOL, "no application protocol") \
    X(SSL_R_NO_CIPHERS_AVAILABLE, "no ciphers available") \
    X(SSL_R_NO_CIPHER_MATCH, "no cipher match") \
    X(SSL_R_NO_PRIVATE_KEY_ASSIGNED, "no private key assigned") \
    X(SSL_R_NO_PROTOCOLS_AVAILABLE, "no protocols available") \
    X(SSL_R_NO_SHARED_CIPHER, "no shared cipher") \
    X(SSL_R_NULL_SSL_CTX, "null ssl ctx") \
    X(SSL_R_NULL_SSL_METHOD_PASSED, "null ssl method passed") \
    X(SSL_R_PACKET_LENGTH_TOO_LONG, "packet length too long") \
    X(SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE, "peer did not return a certificate") \
    X(SSL_R_PROTOCOL_IS_SHUTDOWN, "protocol is shutdown") \
    X(SSL_R_READ_BIO_NOT_SET, "read bio not set") \
    X(SSL_R_SHUTDOWN_WHILE_IN_INIT, "shutdown while in init") \
    X(SSL_R_SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH, "ssl3 ext invalid max fragment length") \
    X(SSL_R_SSL3_EXT_INVALID_SERVERNAME, "ssl3 ext invalid servername") \
    X(SSL_R_SSL3_EXT_INVALID_SERVERNAME_TYPE, "ssl3 ext invalid servername type") \
    X(SSL_R_SSL_HANDSHAKE_FAILURE, "ssl handshake failure") \
    X(SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG, "ssl session id context too long") \
    X(SSL_R_SSL_SESSION_ID_TOO_LONG, "ssl session id too long") \
    X(SSL_R_UNEXPECTED_EOF_WHILE_READING, "unexpected eof while reading") \
    X(SSL_R_UNEXPECTED_MESSAGE, "unexpected message") \
    X(SSL_R_UNEXPECTED_RECORD, "unexpected record") \
    X(SSL_R_UNINITIALIZED, "uninitialized") \
    X(SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED, "unsafe legacy renegotiation disabled") \
    X(SSL_R_UNKNOWN_CERTIFICATE_TYPE, "unknown certificate type") \
    X(SSL_R_UNKNOWN_CMD_NAME, "unknown command name") \
    X(SSL_R_UNKNOWN_PROTOCOL, "unknown protocol") \
    X(SSL_R_UNKNOWN_SSL_VERSION, "unknown ssl version") \
    X(SSL_R_UNSUPPORTED_PROTOCOL, "unsupported protocol") \
    X(SSL_R_UNSUPPORTED_SSL_VERSION, "unsupported ssl version") \
    X(SSL_R_WRONG_CERTIFICATE_TYPE, "wrong certificate type") \
    X(SSL_R_WRONG_SSL_VERSION, "wrong ssl version") \
    X(SSL_R_WRONG_VERSION_NUMBER, "wrong version number") \
    X(SSL_R_X509_LIB, "x509 lib") \
    X(SSL_R_SSLV3_ALERT_UNEXPECTED_MESSAGE, "sslv3 alert unexpected message") \
    X(SSL_R_SSLV3_ALERT_BAD_RECORD_MAC, "sslv3 alert bad record mac") \
    X(SSL_R_TLSV1_ALERT_DECRYPTION_FAILED, "tlsv1 alert decryption failed") \
    X(SSL_R_TLSV1_ALERT_RECORD_OVERFLOW, "tlsv1 alert record overflow") \
    X(SSL_R_SSLV3_ALERT_DECOMPRESSION_FAILURE, "sslv3 alert decompression failure") \
    X(SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE, "sslv3 alert handshake failure") \
    X(SSL_R_SSLV3_ALERT_NO_CERTIFICATE, "sslv3 alert no certificate") \
    X(SSL_R_SSLV3_ALERT_BAD_CERTIFICATE, "sslv3 alert bad certificate") \
    X(SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE, "sslv3 alert unsupported certificate") \
    X(SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED, "sslv3 alert certificate revoked") \
    X(SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED, "sslv3 alert certificate expired") \
    X(SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN, "sslv3 alert certificate unknown") \
    X(SSL_R_SSLV3_ALERT_ILLEGAL_PARAMETER, "sslv3 alert illegal parameter") \
    X(SSL_R_TLSV1_ALERT_UNKNOWN_CA, "tlsv1 alert unknown ca") \
    X(SSL_R_TLSV1_ALERT_ACCESS_DENIED, "tlsv1 alert access denied") \
    X(SSL_R_TLSV1_ALERT_DECODE_ERROR, "tlsv1 alert decode error") \
    X(SSL_R_TLSV1_ALERT_DECRYPT_ERROR, "tlsv1 alert decrypt error") \
    X(SSL_R_TLSV1_ALERT_EXPORT_RESTRICTION, "tlsv1 alert export restriction") \
    X(SSL_R_TLSV1_ALERT_PROTOCOL_VERSION, "tlsv1 alert protocol version") \
    X(SSL_R_TLSV1_ALERT_INSUFFICIENT_SECURITY, "tlsv1 alert insufficient security") \
    X(SSL_R_TLSV1_ALERT_INTERNAL_ERROR, "tlsv1 alert internal error") \
    X(SSL_R_TLSV1_ALERT_INAPPROPRIATE_FALLBACK, "tlsv1 alert inappropriate fallback") \
    X(SSL_R_TLSV1_ALERT_USER_CANCELLED, "tlsv1 alert user cancelled") \
    X(SSL_R_TLSV1_ALERT_NO_RENEGOTIATION, "tlsv1 alert no renegotiation") \
    X(SSL_R_TLSV13_ALERT_MISSING_EXTENSION, "tlsv13 alert missing extension") \
    X(SSL_R_TLSV1_UNSUPPORTED_EXTENSION, "tlsv1 unsupported extension") \
    X(SSL_R_TLSV1_CERTIFICATE_UNOBTAINABLE, "tlsv1 certificate unobtainable") \
    X(SSL_R_TLSV1_UNRECOGNIZED_NAME, "tlsv1 unrecognized name") \
    X(SSL_R_TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE, "tlsv1 bad certificate status response") \
    X(SSL_R_TLSV1_BAD_CERTIFICATE_HASH_VALUE, "tlsv1 bad certificate hash value") \
    X(SSL_R_TLSV1_ALERT_UNKNOWN_PSK_IDENTITY, "tlsv1 alert unknown psk identity") \
    X(SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED, "tlsv13 alert certificate required") \
    X(SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL, "tlsv1 alert no application protocol")
ERR_TABLE(ssl_reason_strings, SSL_REASON_TEXTS)

#define X509_REASON_TEXTS(X) \
    X(X509_R_KEY_TYPE_MISMATCH, "key type mismatch") \
    X(X509_R_KEY_VALUES_MISMATCH, "key values mismatch") \
    X(X509_R_NO_CERT_SET_FOR_US_TO_VERIFY, "no cert set for us to verify")
ERR_TABLE(x509_reason_strings, X509_REASON_TEXTS)

#define PEM_REASON_TEXTS(X) \
    X(PEM_R_BAD_BASE64_DECODE, "bad base64 decode") \
    X(PEM_R_BAD_DECRYPT, "bad decrypt") \
    X(PEM_R_BAD_END_LINE, "bad end line") \
    X(PEM_R_BAD_PASSWORD_READ, "bad password read") \
    X(PEM_R_NO_START_LINE, "no start line") \
    X(PEM_R_PROBLEMS_GETTING_PASSWORD, "problems getting password") \
    X(PEM_R_UNSUPPORTED_ENCRYPTION, "unsupported encryption")
ERR_TABLE(pem_reason_strings, PEM_REASON_TEXTS)

#define ASN1_REASON_TEXTS(X) \
    X(ASN1_R_HEADER_TOO_LONG, "header too long") \
    X(ASN1_R_ILLEGAL_TIME_VALUE, "illegal time value") \
    X(ASN1_R_NOT_ENOUGH_DATA, "not enough data") \
    X(ASN1_R_TOO_LONG, "too long") \
    X(ASN1_R_UNKNOWN_FORMAT, "unknown format") \
    X(ASN1_R_WRONG_TAG, "wrong tag") \
    X(ASN1_R_TOO_LARGE, "too large")
ERR_TABLE(asn1_reason_strings, ASN1_REASON_TEXTS)

#define OBJ_REASON_TEXTS(X) \
    X(OBJ_R_UNKNOWN_NID, "unknown nid") \
    X(OBJ_R_UNKNOWN_OBJECT_NAME, "unknown object name")
ERR_TABLE(obj_reason_strings, OBJ_REASON_TEXTS)

#define BIO_REASON_TEXTS(X) \
    X(BIO_R_BROKEN_PIPE, "broken pipe") \
    X(BIO_R_INVALID_ARGUMENT, "invalid argument") \
    X(BIO_R_IN_USE, "in use") \
    X(BIO_R_NULL_PARAMETER, "null parameter") \
    X(BIO_R_UNINITIALIZED, "uninitialized") \
    X(BIO_R_UNSUPPORTED_METHOD, "unsupported method") \
    X(BIO_R_WRITE_TO_READ_ONLY_BIO, "write to read only BIO")
ERR_TABLE(bio_reason_strings, BIO_REASON_TEXTS)

#define ERR_TABLE_LOOKUP(table, k)                                                      \
    err_lookup(table##_keys, sizeof(table##_keys[0]),                                  \
               sizeof(table##_keys) / sizeof(table##_keys[0]), table##_texts, (unsigned int)(k))

static const char *err_lookup(const void *keys, size_t key_size, size_t n, const char *texts,
                              unsigned int key)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned int entry = key_size == sizeof(uint16_t) ? ((const uint16_t *)keys)[i]
                                                          : ((const unsigned int *)keys)[i];

        if (entry == key)
            return texts;
        texts += strlen(texts) + 1;
    }
    return NULL;
}

/* Texts only DH parameters give live with them (dh.c), out of programs
 * that never use DH. This object is in every program that reads an
 * error's text, so the default sits here (internal.h, SHIM_WEAK). */
SHIM_WEAK const char *shim_dh_error_text(unsigned long e, int library)
{
    (void)e, (void)library;
    return NULL;
}

#endif

SHIM_EXPORT const char *ERR_lib_error_string(unsigned long e)
{
#if defined(OPENSSL_COMPAT_NO_ERROR_STRINGS)
    (void)e;
    return NULL;
#else
    const char *text = ERR_TABLE_LOOKUP(lib_strings, ERR_GET_LIB(e));

    return text != NULL ? text : shim_dh_error_text(e, 1);
#endif
}

SHIM_EXPORT const char *ERR_func_error_string(unsigned long e)
{
    (void)e;
    return NULL;
}

SHIM_EXPORT const char *ERR_reason_error_string(unsigned long e)
{
    int reason = ERR_GET_REASON(e);
    const char *text = NULL;

    if (ERR_SYSTEM_ERROR(e)) {
        /* OpenSSL describes system errors with the C library's text; a
         * thread-local buffer keeps the pointer valid as OpenSSL's is. */
        static SHIM_THREAD_LOCAL char sys_text[128];

        if (strerror_r(reason, sys_text, sizeof(sys_text)) != 0)
            return NULL;
        return sys_text;
    }
#if defined(OPENSSL_COMPAT_NO_ERROR_STRINGS)
    (void)text;
    return NULL;
#else
    if (ERR_COMMON_ERROR(e))
        text = ERR_TABLE_LOOKUP(common_reason_strings, reason);
    if (text != NULL)
        return text;
    switch (ERR_GET_LIB(e)) {
    case ERR_LIB_SSL:
        text = ERR_TABLE_LOOKUP(ssl_reason_strings, reason);
        break;
    case ERR_LIB_BIO:
        text = ERR_TABLE_LOOKUP(bio_reason_strings, reason);
        break;
    case ERR_LIB_X509:
        text = ERR_TABLE_LOOKUP(x509_reason_strings, reason);
        break;
    case ERR_LIB_PEM:
        text = ERR_TABLE_LOOKUP(pem_reason_strings, reason);
        break;
    case ERR_LIB_ASN1:
        text = ERR_TABLE_LOOKUP(asn1_reason_strings, reason);
        break;
    case ERR_LIB_OBJ:
        text = ERR_TABLE_LOOKUP(obj_reason_strings, reason);
        break;
    default:
        break;
    }
    return text != NULL ? text : shim_dh_error_text(e, 0);
#endif
}

struct err_texts {
    char lib_buf[32];
    char reason_buf[32];
    const char *lib;
    const char *reason;
};

/* OpenSSL's fallbacks for unknown codes are "lib(N)" and "reason(N)". */
static void err_describe(unsigned long e, struct err_texts *t)
{
    t->lib = ERR_lib_error_string(e);
    if (t->lib == NULL) {
        snprintf(t->lib_buf, sizeof(t->lib_buf), "lib(%d)", ERR_GET_LIB(e));
        t->lib = t->lib_buf;
    }
    t->reason = ERR_reason_error_string(e);
    if (t->reason == NULL) {
        snprintf(t->reason_buf, sizeof(t->reason_buf), "reason(%d)", ERR_GET_REASON(e));
        t->reason = t->reason_buf;
    }
}

SHIM_EXPORT void ERR_error_string_n(unsigned long e, char *buf, size_t len)
{
    struct err_texts t;

    if (buf == NULL || len == 0)
        return;
    err_describe(e, &t);
    /* OpenSSL 3.0 layout; the function field is always empty. When that
     * does not fit, OpenSSL writes a compact hexadecimal form instead. */
    if ((size_t)snprintf(buf, len, "error:%08lX:%s::%s", e, t.lib, t.reason) >= len)
        snprintf(buf, len, "err:%lx:%lx:%lx:%lx", e, (unsigned long)ERR_GET_LIB(e), 0UL,
                 (unsigned long)ERR_GET_REASON(e));
}

SHIM_EXPORT char *ERR_error_string(unsigned long e, char *buf)
{
    /* OpenSSL's documented minimum buffer size is 256 bytes. */
    static SHIM_THREAD_LOCAL char static_buf[256];

    if (buf == NULL)
        buf = static_buf;
    ERR_error_string_n(e, buf, 256);
    return buf;
}

SHIM_EXPORT void ERR_print_errors_cb(int (*cb)(const char *str, size_t len, void *u), void *u)
{
    const char *file;
    const char *func;
    const char *data;
    int line;
    int flags;
    unsigned long e;
    /* OpenSSL prints a thread id; the address of this thread's queue
     * identifies the thread just as well without a threads library. */
    unsigned long thread_id = (unsigned long)(uintptr_t)&err_queue;

    if (cb == NULL)
        return;
    while ((e = ERR_get_error_all(&file, &line, &func, &data, &flags)) != 0) {
        struct err_texts t;
        char line_buf[1024];
        int n;

        err_describe(e, &t);
        n = snprintf(line_buf, sizeof(line_buf), "%lX:error:%08lX:%s:%s:%s:%s:%d:%s\n", thread_id,
                     e, t.lib, func, t.reason, file, line, (flags & ERR_TXT_STRING) ? data : "");
        if (n < 0)
            break;
        if ((size_t)n >= sizeof(line_buf))
            n = (int)sizeof(line_buf) - 1;
        if (cb(line_buf, (size_t)n, u) <= 0)
            break;
    }
}

static int err_print_to_file(const char *str, size_t len, void *u)
{
    return fwrite(str, 1, len, (FILE *)u) == len;
}

static int err_print_to_bio(const char *str, size_t len, void *u)
{
    return BIO_write((BIO *)u, str, (int)len) == (int)len;
}

SHIM_EXPORT void ERR_print_errors(BIO *bp)
{
    if (bp == NULL)
        return;
    ERR_print_errors_cb(err_print_to_bio, bp);
}

SHIM_EXPORT void ERR_print_errors_fp(FILE *fp)
{
    if (fp == NULL)
        return;
    ERR_print_errors_cb(err_print_to_file, fp);
}
