/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal declarations shared by every shim file. The public entry points
 * check arguments, apply OpenSSL's return conventions and push errors; the
 * shim_* helpers declared here do the work and are the only code that talks
 * to mbedTLS.
 */
#ifndef SHIM_INTERNAL_H
#define SHIM_INTERNAL_H

#include "shim_config.h"

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#if defined(MBEDTLS_THREADING_C)
#include <mbedtls/threading.h>
#endif
#include <mbedtls/x509_crl.h>
#include <mbedtls/x509_crt.h>

#include <openssl/bio.h>
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <mbedtls-openssl-compat/platform.h>

/* Every public function is defined with SHIM_EXPORT; everything else in the
 * library, mbedTLS included, stays hidden. */
#define SHIM_EXPORT __attribute__((visibility("default")))

/* ---- Errors: the one guard-macro family ------------------------------- */

void shim_err_push(int lib, int reason, const char *file, int line, const char *func,
                   const char *data);
/* shim_err_push without data, with lib and reason packed into one code: a
 * call with four arguments instead of six, at each of several hundred
 * places (a device counts the bytes). */
void shim_err_raise(unsigned long packed, const char *file, int line, const char *func);

/* Pushes an error entry that records where it was raised. */
#define SHIM_ERR(lib, reason) \
    shim_err_raise(ERR_PACK((lib), 0, (reason)), __FILE__, __LINE__, __func__)
#define SHIM_ERR_DATA(lib, reason, data) \
    shim_err_push((lib), (reason), __FILE__, __LINE__, __func__, (data))

/* Unless cond holds, push (lib, reason) and return ret. */
#define SHIM_ENSURE(cond, lib, reason, ret) \
    do {                                    \
        if (!(cond)) {                      \
            SHIM_ERR(lib, reason);          \
            return ret;                     \
        }                                   \
    } while (0)

/* A function this build leaves out: push ERR_R_UNSUPPORTED, return ret. */
#define SHIM_UNSUPPORTED(lib, ret)              \
    do {                                        \
        SHIM_ERR((lib), ERR_R_UNSUPPORTED);     \
        return ret;                             \
    } while (0)

/* NULL argument: OpenSSL would crash; we report it. */
#define SHIM_ENSURE_ARG(ptr, lib, ret) SHIM_ENSURE((ptr) != NULL, lib, ERR_R_PASSED_NULL_PARAMETER, ret)

/* Unless cond holds, push (lib, reason) and jump to the function's err label,
 * where the failure value was set beforehand. */
#define SHIM_GUARD(cond, lib, reason) \
    do {                              \
        if (!(cond)) {                \
            SHIM_ERR(lib, reason);    \
            goto err;                 \
        }                             \
    } while (0)

/* ---- Reference counts --------------------------------------------------- */

static inline int shim_ref_inc(int *refs)
{
    return __atomic_add_fetch(refs, 1, __ATOMIC_RELAXED);
}

/* Returns the count left; 0 means the caller must free the object. */
static inline int shim_ref_dec(int *refs)
{
    return __atomic_sub_fetch(refs, 1, __ATOMIC_ACQ_REL);
}

/* ---- Memory --------------------------------------------------------------- */

/* Every allocation of the library goes through these (see mem.c). */
void *shim_malloc_at(size_t n, const char *file, int line);
void *shim_calloc_at(size_t count, size_t size, const char *file, int line);
void *shim_realloc_at(void *p, size_t n, const char *file, int line);
void shim_free_at(void *p, const char *file, int line);
/* Marks the allocator as in use (mbedTLS is about to allocate too). */
void shim_mem_started(void);

/* The platform: the time of day (the application's source, else the C
 * library's), broken down in UTC, and the warning of a test-only build. */
time_t shim_now(void);
void shim_tm_from_seconds(long long secs, struct tm *tm);
void shim_platform_warn_once(void);
#define shim_malloc(n) shim_malloc_at((n), __FILE__, __LINE__)
#define shim_calloc(c, n) shim_calloc_at((c), (n), __FILE__, __LINE__)
#define shim_realloc(p, n) shim_realloc_at((p), (n), __FILE__, __LINE__)
#define shim_free(p) shim_free_at((p), __FILE__, __LINE__)

/* ---- Locks ---------------------------------------------------------------- */

/* A mutex where mbedTLS has threads, nothing where it has none. */
#if defined(MBEDTLS_THREADING_C)
typedef mbedtls_threading_mutex_t shim_lock;
static inline void shim_lock_init(shim_lock *l)
{
    mbedtls_mutex_init(l);
}
static inline void shim_lock_free(shim_lock *l)
{
    mbedtls_mutex_free(l);
}
static inline void shim_lock_take(shim_lock *l)
{
    (void)mbedtls_mutex_lock(l);
}
static inline void shim_lock_give(shim_lock *l)
{
    (void)mbedtls_mutex_unlock(l);
}
#else
typedef int shim_lock;
static inline void shim_lock_init(shim_lock *l)
{
    (void)l;
}
static inline void shim_lock_free(shim_lock *l)
{
    (void)l;
}
static inline void shim_lock_take(shim_lock *l)
{
    (void)l;
}
static inline void shim_lock_give(shim_lock *l)
{
    (void)l;
}
#endif

/* ---- Library ------------------------------------------------------------ */

/* Initialises PSA (and so the RNG) once; 1 on success, 0 with an error
 * pushed on failure. */
int shim_library_init(void);

/* ---- BIOs --------------------------------------------------------------- */

struct bio_method_st {
    int type;
    const char *name;
    /* A method has the int-length forms (OpenSSL's classic contract:
     * > 0 bytes moved, 0 end of data, < 0 failure, would-block being a
     * failure with the retry flags set) or the size_t (_ex) forms, which
     * return 1 with the count or 0. */
    int (*write_int)(BIO *b, const char *data, int len);
    int (*write_ex)(BIO *b, const char *data, size_t len, size_t *written);
    int (*read_int)(BIO *b, char *data, int len);
    int (*read_ex)(BIO *b, char *data, size_t len, size_t *readbytes);
    int (*puts)(BIO *b, const char *str);
    int (*gets)(BIO *b, char *buf, int size);
    long (*ctrl)(BIO *b, int cmd, long larg, void *parg);
    int (*create)(BIO *b);
    int (*destroy)(BIO *b);
    long (*callback_ctrl)(BIO *b, int cmd, BIO_info_cb *fp);
};

struct bio_st {
    const BIO_METHOD *method;
    int flags;
    int retry_reason;
    int init;
    int shutdown; /* BIO_CLOSE: free the underlying resource with the BIO */
    int num;      /* descriptor, or the memory BIO's end-of-data value */
    void *ptr;    /* method-specific state */
    BIO *next_bio;
    BIO *prev_bio;
    int refs;
    uint64_t num_read;
    uint64_t num_write;
    BIO_callback_fn_ex callback_ex;
    BIO_callback_fn callback; /* old style, used only without callback_ex */
    char *callback_arg;
    CRYPTO_EX_DATA ex_data;
};

/* A filter's retry state is its next BIO's (OpenSSL's BIO_copy_next_retry). */
void shim_bio_copy_next_retry(BIO *b);

/* BIO_puts for a method with an int-length write: writes strlen(str). */
int shim_puts_by_write(BIO *b, const char *str);

/* Replaces *field with a copy of value (NULL allowed). 1, or 0 with an
 * error pushed. */
int shim_replace_string(char **field, const char *value);

/* Wipes len bytes at p (secrets may be there), then frees it; NULL is fine. */
void shim_wipe_free(void *p, size_t len);

/* The descriptor of a descriptor BIO, else -1. */
int shim_bio_fd_of(const BIO *b);

/* Reads and writes on the socket in b->num, with OpenSSL's retry rules. */
int shim_desc_read(BIO *b, char *out, int outl);
int shim_desc_write(BIO *b, const char *in, int inl);

/* Splits "host:port", "[v6 address]:port", "host" or "port" (which of the
 * last two a lone word is: prefer_service) into new strings, either NULL.
 * 1 on success; 0 with an error pushed. */
int shim_parse_host_service(const char *text, int prefer_service, char **host, char **service);

/* The address family for getaddrinfo() from BIO_FAMILY_*; -1 if none. */
int shim_bio_family(int bio_family);

/* ---- Certificates and keys ---------------------------------------------- */

/* Parsed certificates and keys are immutable once loaded and shared by
 * reference between a context, its connections and their mbedTLS configs,
 * so replacing a context's certificate never frees one a live connection
 * still uses. */
typedef struct shim_crls shim_crls;

typedef struct shim_certs {
    int refs;
    mbedtls_x509_crt chain; /* own chain: leaf first; CA list: any order */
} shim_certs;

/* A key is what OpenSSL calls an EVP_PKEY. */
struct evp_pkey_st {
    int refs;
    mbedtls_pk_context pk;
};
typedef struct evp_pkey_st shim_key;

/* An object identifier: one of the table's (shared, never freed), or a
 * copy of one the table does not name (nid NID_undef, dynamic). */
struct asn1_object_st {
    int nid;
    const char *sn;
    const char *ln;
    const unsigned char *der; /* the DER contents, without tag and length */
    size_t len;
    int dynamic;
};

/* The table's object for DER contents, or a new unnamed one; NULL with an
 * error if the contents are not an identifier. */
ASN1_OBJECT *shim_obj_from_der(const unsigned char *der, size_t len);
/* The table's object for a NID, or NULL (no error pushed). */
ASN1_OBJECT *shim_obj_by_nid(int nid);
/* A name from its DER (the Name SEQUENCE, tag included), and that DER
 * back (NULL for a name not read from DER). */
X509_NAME *shim_x509_name(const unsigned char *der, size_t der_len);
const unsigned char *shim_x509_name_der(const X509_NAME *name, size_t *len);

/* ASN.1 values: a string of a type holding a copy of data; an integer
 * from DER contents; a time from its fields (UTCTime through 2049). */
ASN1_STRING *shim_asn1_string(int type, const unsigned char *data, size_t len);
ASN1_INTEGER *shim_asn1_integer(const unsigned char *der, size_t len);
ASN1_TIME *shim_asn1_time(int year, int month, int day, int hour, int minute, int second);
/* -1 if t is at or before when (NULL: now), 1 if after, 0 if t is bad. */
int shim_asn1_time_cmp_now(const ASN1_TIME *t, const time_t *when);
/* OpenSSL's i2d convention for len encoded bytes at der: the length; with
 * out, the bytes also at *out (a new buffer, the caller's to OPENSSL_free,
 * when *out is NULL; else *out moves past them). -1 with an error of lib
 * when a buffer cannot be had or len does not fit an int. */
int shim_i2d_out(const unsigned char *der, size_t len, unsigned char **out, int lib);

/* Characters of a string type: 0 for UTF-8, else bytes per character, -1
 * for a type without characters. */
int shim_asn1_char_width(int type);
/* The next character at p; its length in bytes, 0 at the end, -1 if bad. */
int shim_asn1_next_char(const unsigned char *p, size_t len, int width, unsigned long *c);
int shim_utf8_encode(unsigned long c, unsigned char out[4]);
/* A string printed with ASN1_STRFLGS_* escapes (to nowhere when bio is
 * NULL); the number of characters, or -1. */
long shim_asn1_print_string(BIO *bio, const ASN1_STRING *str, unsigned long flags);

/* A certificate object: exactly one certificate, or none after X509_new. */
struct x509_st {
    int refs;
    mbedtls_x509_crt crt;
    /* What OpenSSL's getters hand out, made when the certificate is read. */
    X509_NAME *subject;
    X509_NAME *issuer;
    ASN1_INTEGER *serial;
    ASN1_TIME *not_before;
    ASN1_TIME *not_after;
    EVP_PKEY *pubkey;
};

/* A new X509 holding a copy of one DER certificate; NULL with an error. */
X509 *shim_x509_from_der(const unsigned char *der, size_t len);

/* The next PEM block whose label accept() takes, skipping others: its text
 * from the BEGIN line to the END line, NUL-terminated (len excludes the
 * NUL), for mbedTLS's PEM parsers. At the end of the input, NULL with
 * PEM_R_NO_START_LINE. Free with shim_pem_free (the text may hold a key). */
char *shim_pem_next_block(BIO *bp, int (*accept)(const char *label), size_t *len);
void shim_pem_free(char *block, size_t len);
/* The DER of the next PEM block whose label accept() takes: a new buffer
 * (shim_free), or NULL with an error. */
unsigned char *shim_pem_read_der(BIO *bp, int (*accept)(const char *label), size_t *der_len);
/* The DER of a block shim_pem_next_block gave: a new buffer (shim_free),
 * or NULL with an error. */
unsigned char *shim_pem_decode(const char *block, size_t block_len, size_t *der_len);
/* Writes der as a PEM block between the given lines ("-----BEGIN ...-----\n"):
 * 1, or 0 with an error. */
int shim_pem_write(BIO *bp, const char *header, const char *footer, const unsigned char *der,
                   size_t der_len);

/* A password from a pem_password_cb (or u itself without a callback), as
 * OpenSSL asks for one; its length, or -1 with an error pushed. */
int shim_pem_password(pem_password_cb *cb, void *u, char *buf, int size);

shim_certs *shim_certs_new(void);
void shim_certs_up(shim_certs *c);
void shim_certs_free(shim_certs *c);
shim_key *shim_key_new(void);
void shim_key_up(shim_key *k);
void shim_key_free(shim_key *k);

/* Parses PEM (up to max_certs of the certificates in it) or DER (one
 * certificate) into a new chain that starts with a copy of base, if given.
 * NULL with an error pushed on failure. For PEM, data[len] must be a NUL. */
shim_certs *shim_certs_parse(const shim_certs *base, const unsigned char *data, size_t len,
                             int type, size_t max_certs);
/* A key from PEM or DER; an encrypted one asks cb (or takes u) for its
 * password, as OpenSSL's PEM readers do. */
shim_key *shim_key_parse(const unsigned char *data, size_t len, int type, pem_password_cb *cb,
                         void *u);

/* mbedTLS falls back to DER when it finds no PEM block; OpenSSL, asked for
 * PEM, fails. data is NUL-terminated. */
int shim_has_pem_block(const unsigned char *data);

/* What a context or a connection presents as itself (OpenSSL's CERT); a
 * connection starts with a share of its context's. */
struct shim_identity {
    X509 *leaf;
    STACK_OF(X509) *chain; /* sent after the leaf (a chain file, set0_chain); NULL: none */
    shim_key *key;
    /* What mbedTLS is given: the leaf, then the chain or, without one, the
     * context's extra chain certificates. Rebuilt on every change. */
    shim_certs *sent;
    pem_password_cb *passwd_cb; /* for encrypted PEM keys */
    void *passwd_userdata;
};

/* Install a certificate (and, with replace_chain, the chain after it,
 * NULL for none) or a key, with OpenSSL's rules when the other half is
 * already set. The references are taken over, also on failure. ctx
 * supplies extra chain certificates (may be NULL). 1, or 0 with an error
 * pushed. */
int shim_own_set_cert(struct shim_identity *own, const SSL_CTX *ctx, X509 *leaf,
                      int replace_chain, STACK_OF(X509) *chain);
long shim_own_ctrl(struct shim_identity *own, const SSL_CTX *ctx, int cmd, long larg,
                   void *parg, int *handled);
long shim_ctx_add_extra_cert(SSL_CTX *ctx, X509 *x);
long shim_ctx_clear_extra_certs(SSL_CTX *ctx);
int shim_own_set_key(struct shim_identity *own, shim_key *key);
/* Splits a parsed chain file into its leaf and the rest, then installs them. */
int shim_own_set_chain_file(struct shim_identity *own, const SSL_CTX *ctx, shim_certs *file);
void shim_own_share(struct shim_identity *to, const struct shim_identity *from);
/* OpenSSL's automatic chain for a lone leaf, from the trusted list; NULL
 * when the list adds nothing. */
shim_certs *shim_certs_auto_chain(const shim_certs *sent, const shim_certs *store);
void shim_own_clear(struct shim_identity *own);

/* Reads a whole file into memory, NUL-terminated (len excludes the NUL).
 * Returns NULL with an error pushed on failure. Free with shim_wipe_free. */
unsigned char *shim_file_read(const char *path, size_t *len);

/* ---- Methods, contexts, connections ------------------------------------- */

struct ssl_method_st {
    int version;     /* TLS_ANY_VERSION, or the one version it speaks */
    int can_connect; /* OpenSSL's ssl_connect is defined */
    int can_accept;  /* OpenSSL's ssl_accept is defined */
};

/* What a session ticket key callback sets up (evp_cipher.c): an AES-CBC
 * key, IV and direction, and an HMAC key and digest, which ssl_session.c
 * then seals and opens the ticket with. */
struct evp_cipher_st {
    int nid;
    size_t key_len;
    size_t iv_len;
};
struct evp_cipher_ctx_st {
    const EVP_CIPHER *cipher; /* NULL until set */
    int encrypt;
    unsigned char key[32];
    unsigned char iv[16];
};
#define SHIM_MAC_KEY_MAX 128
struct shim_mac_key {
    const EVP_MD *md; /* NULL until set */
    unsigned char key[SHIM_MAC_KEY_MAX];
    size_t key_len;
    int keyed;
};
struct evp_mac_ctx_st {
    struct shim_mac_key mac;
};
struct hmac_ctx_st {
    struct shim_mac_key mac;
};
/* mbedTLS's number for an EVP_MD (evp_md.c). */
mbedtls_md_type_t shim_md_type(const EVP_MD *md);

/* SSL_CTX_set_msg_callback's callback. */
typedef void (*shim_msg_cb)(int write_p, int version, int content_type, const void *buf,
                            size_t len, SSL *ssl, void *arg);
/* SSL_CTX_set_tmp_dh_callback's callback, and what asks it for a
 * server's parameters (ssl_dh.c), reached only through the connection's or
 * context's pointer to it, so that the DH code stays out of programs that
 * never set such a callback. */
typedef DH *(*shim_tmp_dh_cb)(SSL *ssl, int is_export, int keylength);
typedef void (*shim_ask_dh_cb)(SSL *s, shim_tmp_dh_cb cb);
/* A copy of SSL_CTX_set_tmp_dh's parameters: p's bytes, then g's. */
struct shim_dh_params {
    size_t p_len;
    size_t g_len;
    unsigned char bytes[];
};

struct ssl_ctx_st {
    int refs;
    const SSL_METHOD *method;
    int min_version; /* 0: no lower bound, as in OpenSSL */
    int max_version; /* 0: no upper bound */
    uint32_t mode;
    uint64_t options;
    int quiet_shutdown;
    uint8_t max_fragment_mode; /* TLSEXT_max_fragment_length_*: what a client asks for */
    uint16_t max_send_fragment; /* the longest record we send; 0: mbedTLS's */
    int verify_mode;
    SSL_verify_cb verify_cb;
    X509_VERIFY_PARAM *param;
    struct shim_identity own;
    X509 **extra_certs; /* SSL_CTX_add_extra_chain_cert's, owned */
    size_t extra_count;
    X509_STORE *store;
    int (*cert_verify_cb)(X509_STORE_CTX *ctx, void *arg); /* replaces chain verification */
    void *cert_verify_arg;
    STACK_OF(X509_NAME) *client_ca; /* names a server asks client certificates of */
    int (*client_cert_cb)(SSL *ssl, X509 **x509, EVP_PKEY **pkey);
    unsigned char *alpn; /* the protocols a client offers, wire form */
    unsigned int alpn_len;
    SSL_CTX_alpn_select_cb_func alpn_select_cb;
    void *alpn_select_arg;
    const struct shim_alpn_ops *alpn_ops; /* NULL until a list or callback is set */
    int (*servername_cb)(SSL *s, int *al, void *arg);
    void *servername_arg;
    SSL_client_hello_cb_fn client_hello_cb;
    void *client_hello_arg;
    const struct shim_hello_ops *hello_ops; /* NULL until a hello callback is set */
    /* Cipher lists as SSL_CTX_get_ciphers gives them (TLS 1.3 suites
     * first), and the TLS 1.3 part on its own; NULL: OpenSSL's defaults. */
    STACK_OF(SSL_CIPHER) *cipher_list;
    STACK_OF(SSL_CIPHER) *tls13_ciphersuites;
    int security_level;
    const struct shim_cipher_ops *cipher_ops; /* NULL until a list or level is set */
    /* Groups and signature algorithms (0-terminated IANA ids; NULL:
     * mbedTLS's defaults), applied with the level by ssl_groups.c. */
    uint16_t *groups;
    uint16_t *sigalgs;
    const struct shim_params_ops *params_ops; /* NULL until a list or level is set */
    int dh_auto; /* a server may do DHE (SSL_CTX_set_dh_auto) */
    struct shim_dh_params *dh_params; /* SSL_CTX_set_tmp_dh's (ssl_dh.c) */
    shim_tmp_dh_cb dh_cb;             /* SSL_CTX_set_tmp_dh_callback's */
    shim_ask_dh_cb ask_dh_cb;         /* set with dh_cb */
    void (*info_cb)(const SSL *ssl, int where, int ret);
    shim_msg_cb msg_cb; /* ssl_negotiated.c reports to it, with msg_cb_arg */
    void *msg_cb_arg;
    SSL_psk_client_cb_func psk_client_cb;
    SSL_psk_server_cb_func psk_server_cb;
    SSL_psk_use_session_cb_func psk_use_session_cb;
    SSL_psk_find_session_cb_func psk_find_session_cb;
    SSL_CTX_keylog_cb_func keylog_cb;
    /* Formats and hands over a key log line (ssl_debug.c), installed with
     * the callback. */
    void (*keylog_emit)(SSL *s, int type, const unsigned char *secret, size_t len);
    /* Sessions (ssl_session.c): OpenSSL's defaults, set at SSL_CTX_new. */
    long session_cache_mode;
    long session_cache_size;
    long session_timeout;
    size_t num_tickets;
    int (*new_session_cb)(SSL *ssl, SSL_SESSION *session);
    SSL_SESSION *(*get_session_cb)(SSL *ssl, const unsigned char *id, int len, int *copy);
    void (*remove_session_cb)(SSL_CTX *ctx, SSL_SESSION *session);
    /* The application's ticket keys (SSL_CTX_set_tlsext_ticket_key_evp_cb,
     * or the older HMAC_CTX form); NULL: the context's own key. */
    int (*ticket_key_evp_cb)(SSL *s, unsigned char *name, unsigned char *iv, EVP_CIPHER_CTX *cctx,
                             EVP_MAC_CTX *hctx, int enc);
    int (*ticket_key_cb)(SSL *s, unsigned char *name, unsigned char *iv, EVP_CIPHER_CTX *cctx,
                         HMAC_CTX *hctx, int enc);
    unsigned char sid_ctx[32];
    unsigned int sid_ctx_len;
    /* OpenSSL's SSL_CTX_sess_* counters, by SSL_CTRL_SESS_* command
     * (SHIM_SESSION_STAT): handshakes are counted by the core, the cache's
     * figures by ssl_session.c, which is linked whenever there is a cache. */
    int session_stats[SSL_CTRL_SESS_CACHE_FULL - SSL_CTRL_SESS_NUMBER + 1];
    /* Ticket keys and the session cache, made when first needed, and how
     * to empty and free them (the remove callback sees each session go). */
    struct shim_session_store *session_store;
    void (*session_store_free)(SSL_CTX *ctx, struct shim_session_store *store);
    CRYPTO_EX_DATA ex_data;
};

/* What OpenSSL's cipher-string aliases select on: one bit per value, so
 * that an alias is a mask. */
enum shim_cipher_kx {
    SHIM_KX_RSA = 1 << 0,
    SHIM_KX_ECDHE = 1 << 1,
    SHIM_KX_DHE = 1 << 2,
    SHIM_KX_PSK = 1 << 3,
    SHIM_KX_ECDHEPSK = 1 << 4,
    SHIM_KX_DHEPSK = 1 << 5,
    SHIM_KX_RSAPSK = 1 << 6,
    SHIM_KX_ANY = 1 << 7, /* TLS 1.3 */
};
#define SHIM_KX_ANY_PSK (SHIM_KX_PSK | SHIM_KX_ECDHEPSK | SHIM_KX_DHEPSK | SHIM_KX_RSAPSK)

enum shim_cipher_auth {
    SHIM_AU_RSA = 1 << 0,
    SHIM_AU_ECDSA = 1 << 1,
    SHIM_AU_PSK = 1 << 2,
    SHIM_AU_ANY = 1 << 3, /* TLS 1.3 */
};

enum shim_cipher_enc {
    SHIM_ENC_AES128 = 1 << 0, /* CBC */
    SHIM_ENC_AES256 = 1 << 1,
    SHIM_ENC_AESGCM128 = 1 << 2,
    SHIM_ENC_AESGCM256 = 1 << 3,
    SHIM_ENC_AESCCM128 = 1 << 4,
    SHIM_ENC_AESCCM256 = 1 << 5,
    SHIM_ENC_AESCCM8_128 = 1 << 6,
    SHIM_ENC_AESCCM8_256 = 1 << 7,
    SHIM_ENC_CHACHA20 = 1 << 8,
    SHIM_ENC_CAMELLIA128 = 1 << 9, /* CBC */
    SHIM_ENC_CAMELLIA256 = 1 << 10,
    SHIM_ENC_ARIAGCM128 = 1 << 11,
    SHIM_ENC_ARIAGCM256 = 1 << 12,
};

enum shim_cipher_mac {
    SHIM_MAC_SHA1 = 1 << 0,
    SHIM_MAC_SHA256 = 1 << 1,
    SHIM_MAC_SHA384 = 1 << 2,
    SHIM_MAC_AEAD = 1 << 3,
};

#define SHIM_CIPHER_NOT_DEFAULT 1 /* in ALL, not in OpenSSL's DEFAULT */
#define SHIM_CIPHER_FIPS 2        /* in OpenSSL's FIPS alias */

struct ssl_cipher_st {
    uint16_t id; /* IANA number */
    uint8_t kx;  /* enum shim_cipher_kx */
    uint8_t auth;
    uint8_t mac;
    uint8_t flags;
    uint16_t enc;
    uint16_t min_version; /* OpenSSL's: the lowest protocol version listed */
    uint16_t bits;
    const char *name;     /* OpenSSL's name */
    const char *std_name; /* IANA name */
};

/* Whose certificate is checked for which use (OpenSSL's SSL purposes). */
enum shim_purpose {
    SHIM_PURPOSE_NONE = 0,
    SHIM_PURPOSE_SSL_SERVER, /* the peer is a server */
    SHIM_PURPOSE_SSL_CLIENT, /* the peer is a client */
};

/* One verification: what is checked against what, and how far it got.
 * A verify callback sees it as its X509_STORE_CTX. */
struct x509_store_ctx_st {
    X509_STORE *store;
    X509 *cert;                 /* the target; in a handshake, once depth 0 is reached */
    STACK_OF(X509) *untrusted;  /* standalone: sent with the target */
    X509_VERIFY_PARAM *param;   /* the store's settings, then the connection's */
    shim_certs *trusted;        /* the lists checked against, pinned */
    shim_crls *crls;            /* NULL unless CRL checks are asked for */
    X509_STORE_CTX_verify_cb verify_cb;
    enum shim_purpose purpose;
    SSL *ssl;                   /* in a handshake: the connection */
    int error;
    int error_depth;
    X509 *current;
    STACK_OF(X509) *chain;      /* from the top down to the current certificate, leaf first */
    int top_depth;              /* depth of the first certificate checked, -1 before */
    int stopped;                /* the callback refused: later certificates change nothing */
    int id_error;               /* the X509_V_ERR_* of a host/e-mail/address mismatch */
};

/* Sets up a verification's lists and settings (the pinned lists take new
 * references). */
int shim_store_ctx_setup(X509_STORE_CTX *ctx, X509_STORE *store, shim_certs *trusted,
                         shim_crls *crls, const X509_VERIFY_PARAM *conn_param);
/* The mbedTLS per-certificate callback for one verification (p is the
 * X509_STORE_CTX); OpenSSL's checks and the application's callback. */
int shim_verify_one(void *p, mbedtls_x509_crt *crt, int depth, uint32_t *flags);

/* OpenSSL's X509_VERIFY_PARAM: what is checked beyond the chain. */
struct X509_VERIFY_PARAM_st {
    char **hosts; /* any one may match */
    int host_count;
    unsigned int hostflags;
    char *email;
    unsigned char ip[16];
    size_t ip_len;
    int depth; /* -1: OpenSSL's default */
    unsigned long flags;
    time_t check_time;
    char *peername; /* the certificate name that matched a host */
};

/* A trust store: the trusted certificates (replaced, never changed in
 * place) and the verification parameters they come with. */
/* A list of CRLs, shared like a certificate list. */
struct shim_crls {
    int refs;
    mbedtls_x509_crl list;
};
void shim_crls_up(shim_crls *c);
void shim_crls_free(shim_crls *c);
/* A new list: base's CRLs and one more. */
shim_crls *shim_crls_with(const shim_crls *base, const X509_CRL *crl);
/* A new list: base's CRLs and those of a PEM buffer (NULL, *found 0, when
 * it holds none; NULL with an error when one is damaged). */
shim_crls *shim_crls_parse_pem(const shim_crls *base, const unsigned char *data, size_t len,
                               int *found);
/* Whether the list has a CRL from crt's issuer. */
int shim_crls_cover(const shim_crls *c, const mbedtls_x509_crt *crt);

struct x509_store_st {
    int refs;
    shim_certs *certs;
    shim_crls *crls;
    X509_VERIFY_PARAM *param;
    /* Hashed directories, read as OpenSSL would find their files. */
    char **dirs;
    size_t dir_count;
    shim_lock lock;      /* guards what follows: connections share a store */
    char *dir_stamp;     /* the directories' state when last read */
    shim_certs *dir_certs;
    shim_crls *dir_crls;
    shim_certs *merged_certs; /* certs + dir_certs, made from these two: */
    shim_certs *merged_from[2];
    shim_crls *merged_crls;
    shim_crls *merged_crls_from[2];
};
void shim_store_set_certs(X509_STORE *store, shim_certs *certs);
void shim_store_set_crls(X509_STORE *store, shim_crls *crls);
/* What a connection verifies with: the store's certificates and CRLs and
 * those of its directories, as new references (either may be NULL). */
void shim_store_snapshot(X509_STORE *store, shim_certs **certs, shim_crls **crls);
/* Re-reads the directories if they changed; called with the lock held. */
void shim_store_refresh_dirs(X509_STORE *store);
/* A new list: a's certificates, then b's (either may be NULL). */
shim_certs *shim_certs_concat(const shim_certs *a, const shim_certs *b);
shim_crls *shim_crls_concat(const shim_crls *a, const shim_crls *b);
unsigned long shim_store_flags(const X509_STORE *store);

/* A new stack holding a reference to each certificate of from. */
STACK_OF(X509) *shim_x509_stack_share(const STACK_OF(X509) *from);

/* The verification depth in effect: OpenSSL's default is 100. */
#define SHIM_DEFAULT_VERIFY_DEPTH 100
int shim_param_depth(const X509_VERIFY_PARAM *param);

/* Checks a leaf against the param's hosts, e-mail and address, in
 * OpenSSL's order; X509_V_OK or the mismatch. */
int shim_param_check_identity(X509_VERIFY_PARAM *param, X509 *leaf);

enum shim_hs_state {
    SHIM_HS_BEFORE = 0, /* nothing sent or received yet */
    SHIM_HS_RUNNING,
    SHIM_HS_DONE,
};

enum shim_rwstate {
    SHIM_NOTHING = 0,
    SHIM_READING,
    SHIM_WRITING,
    SHIM_X509_LOOKUP, /* the client certificate callback asked to be called again */
    SHIM_CLIENT_HELLO_CB, /* the client hello callback asked to be called again */
};

/* What the transport adapter saw during the current call; the result
 * translator reads it to tell a transport failure from a TLS one. */
enum shim_io_error {
    SHIM_IO_OK = 0,
    SHIM_IO_NO_RBIO,
    SHIM_IO_NO_WBIO,
    SHIM_IO_SYSCALL, /* the BIO failed without asking for a retry */
    /* The shim refused the peer's hello where OpenSSL would have (no shared
     * version, an unsafe legacy server, a callback's refusal...): io_alert
     * goes to the peer, io_reason onto the queue. */
    SHIM_IO_REFUSED,
    SHIM_IO_PAUSED, /* not a failure: a hello callback asked to be called again */
};

/* Records a refusal of the peer's hello; returns SHIM_IO_REFUSED. */
enum shim_io_error shim_refuse_hello(SSL *s, int alert, int reason);

/* A small parser of the incoming record headers. mbedTLS does not expose a
 * received alert or the raw first record, which OpenSSL's reasons depend on;
 * the plaintext part of the stream shows both. */
struct shim_record_sniff {
    unsigned char header[5];
    size_t header_have;
    size_t body_left;
    unsigned char body_first[2];
    size_t body_have;
    int records_seen;
    int first_record_reason; /* SSL_R_* when the first record is not TLS */
    int last_alert;          /* last plaintext alert description, or -1 */
    /* The first record (the peer's hello) is kept until checked. */
    unsigned char *first_record;
    size_t first_record_len;
    size_t first_record_have;
};

struct ssl_st {
    int refs;
    SSL_CTX *ctx;
    /* The context the connection was made with, once SSL_set_SSL_CTX has
     * switched away from it (OpenSSL's session context); NULL before. */
    SSL_CTX *session_ctx;
    const SSL_METHOD *method;
    int server;   /* OpenSSL's SSL_is_server() */
    int role_set; /* connect or accept state chosen */
    BIO *rbio;
    BIO *wbio;

    /* Settings, copied from the context at SSL_new as OpenSSL does. */
    int min_version;
    int max_version;
    uint32_t mode;
    uint64_t options;
    int quiet_shutdown;
    uint8_t max_fragment_mode;
    uint16_t max_send_fragment;
    int verify_mode;
    SSL_verify_cb verify_cb;
    struct shim_identity own;
    char *sni_name;
    X509_VERIFY_PARAM *param;
    STACK_OF(X509_NAME) *client_ca; /* NULL: the context's */
    unsigned char *alpn; /* the protocols a client offers, wire form */
    unsigned int alpn_len;
    const struct shim_alpn_ops *alpn_ops; /* NULL until a list is set */
    const struct shim_hello_ops *hello_ops; /* the context's, when it has hello callbacks */
    STACK_OF(SSL_CIPHER) *cipher_list; /* NULL: the context's */
    STACK_OF(SSL_CIPHER) *tls13_ciphersuites; /* NULL: the context's */
    int security_level;
    const struct shim_cipher_ops *cipher_ops; /* NULL while the defaults hold */
    uint16_t *groups;  /* NULL: the context's */
    uint16_t *sigalgs; /* NULL: the context's */
    const struct shim_params_ops *params_ops; /* NULL while the defaults hold */
    int dh_auto; /* 0: the context's; 1 on, -1 off (SSL_set_dh_auto) */
    struct shim_dh_params *dh_params; /* NULL: the context's */
    shim_tmp_dh_cb dh_cb;             /* NULL: the context's */
    shim_ask_dh_cb ask_dh_cb;         /* NULL: the context's */
    void (*info_cb)(const SSL *ssl, int where, int ret); /* NULL: the context's */
    shim_msg_cb msg_cb; /* NULL: the context's (taken when the handshake starts) */
    void *msg_cb_arg;   /* NULL: the context's */
    SSL_psk_client_cb_func psk_client_cb; /* NULL: the context's */
    SSL_psk_server_cb_func psk_server_cb; /* NULL: the context's */
    SSL_psk_use_session_cb_func psk_use_session_cb;   /* NULL: the context's */
    SSL_psk_find_session_cb_func psk_find_session_cb; /* NULL: the context's */
    char *psk_identity; /* a server's: the client's identity (TLS 1.2) */
    int psk_ready;      /* a PSK is there: PSK suites may be offered or chosen */
    unsigned char sid_ctx[32];
    unsigned int sid_ctx_len; /* 0: the context's */
    CRYPTO_EX_DATA ex_data;

    /* mbedTLS state, set up at the first handshake call. */
    int frozen;
    int version_lo; /* the versions the config allows */
    int version_hi;
    mbedtls_ssl_config conf;
    mbedtls_ssl_context tls;
    shim_certs *ca_certs; /* the store's trusted list, pinned at set-up */
    shim_crls *ca_crls;   /* its CRLs, when CRL checks are asked for */
    mbedtls_x509_crt *dn_hints; /* the client CA names, as mbedTLS sends them */
    const char **alpn_names; /* ALPN protocols as mbedTLS takes them: offered, or chosen */
    int *cipher_ids; /* the suites mbedTLS was given, when not the defaults */
    uint16_t *group_ids;  /* the groups mbedTLS was given, when not its defaults */
    uint16_t *sigalg_ids; /* the signature algorithms, likewise */
    int client_cert_asked;      /* the client certificate callback has answered */
    shim_certs *auto_chain; /* what is sent when OpenSSL would build the chain */
    /* Given to mbedTLS when no CA is loaded: with no list at all it fails
     * before the verify callback can accept a certificate, as OpenSSL
     * lets it. An empty list trusts nothing. */
    mbedtls_x509_crt no_ca;

    /* State the shim owns, because mbedTLS does not keep it. */
    enum shim_hs_state hs_state;
    int fatal;    /* sticky: a fatal error ended the connection */
    int shutdown; /* SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN */
    enum shim_rwstate rwstate;
    enum shim_io_error io_error;
    int io_alert;      /* SHIM_IO_REFUSED: the alert to send */
    int io_reason;     /* SHIM_IO_REFUSED: the reason to queue */
    int io_errno;      /* errno of the failed transport call */
    int io_blocked;    /* the transport would block during this call */
    int transport_eof; /* the transport reported end of data */
    int wbio_unflushed; /* written to since the last flush */
    /* An SSL_write that returned a WANT: what it was called with, how much
     * of it went out, and the length of the mbedTLS call that must be
     * repeated as it was (mbedTLS reports any other length as written). */
    int wpend_active;
    const void *wpend_buf;
    size_t wpend_done;
    size_t wpend_chunk;
    /* What SSL_peek took out of mbedTLS: the start of the current record,
     * handed to SSL_read first. */
    unsigned char *peek_buf;
    size_t peek_cap;
    size_t peek_off;
    size_t peek_len;
    long verify_result;
    /* What verification saw: the peer's certificates, and the check itself
     * (its chain is the verified chain). */
    X509 *peer_cert;
    STACK_OF(X509) *peer_chain;
    X509_STORE_CTX *vctx;
    int verify_rejected; /* our verify callback failed the handshake */
    struct shim_record_sniff sniff;
    int in_hello_cb; /* a hello callback runs: the ClientHello getters work */
    /* client_random then server_random, as mbedTLS reports them with the
     * keys (it forgets them after the handshake); zero before. */
    unsigned char randoms[64];
    /* Sessions (ssl_session.c): the current one (set to resume, then the
     * one the handshake made), whether it was resumed, and what tells:
     * the session id of our own ClientHello and the TLS 1.2 master secret
     * for SSL_SESSION_get_master_key. */
    SSL_SESSION *session;
    /* A server's TLS 1.2 session while the handshake runs: the one found
     * to resume (pending_found), or the new one mbedTLS cached. */
    SSL_SESSION *pending_session;
    int pending_found;
    int session_reused;
    int own_hello_seen;
    unsigned char own_session_id[32];
    size_t own_session_id_len;
    unsigned char master_secret[48];
    size_t master_secret_len;
    unsigned char *client_hello; /* a server's, once checked (its server name is read from it) */
    size_t client_hello_len;
    /* The end of the ClientHello, kept from mbedTLS while the client hello
     * callback asks to be called again. */
    unsigned char *hello_held;
    size_t hello_held_len;
    /* What the handshake messages showed (ssl_negotiated.c): made by the
     * first bytes it sees, gone with the connection. */
    struct shim_handshake_watch *watch;
};

/* SSL_CTX_ctrl/SSL_ctrl commands that act alike on a context and a
 * connection. Sets *handled to 0 for any other command. */
long shim_ctrl_common(const SSL_METHOD *method, int *min_version, int *max_version,
                      uint32_t *mode, int cmd, long larg, int *handled);

/* A new, unconnected SSL with from's context, settings and role. */
SSL *shim_conn_dup_settings(const SSL *from);

/* Forgets the data path's state (peeked bytes, a pending write). */
void shim_io_reset(SSL *s);

/* Frees the mbedTLS config and context, if set up. */
void shim_conn_teardown(SSL *s);

/* The versions this build can negotiate, and the range the connection's
 * settings allow within them. 0 when nothing is left. Versions below TLS
 * 1.2 do not exist in mbedTLS 3; asking for them only narrows the range.
 * Inline: the handshake's set-up is the one caller a device links. */
static inline int shim_conn_version_range(const SSL *s, int *lo, int *hi)
{
    int min = SHIM_HAVE_TLS1_2 ? TLS1_2_VERSION : TLS1_3_VERSION;
    int max = SHIM_HAVE_TLS1_3 ? TLS1_3_VERSION : TLS1_2_VERSION;

    if (s->method->version != TLS_ANY_VERSION) {
        if (s->method->version < min || s->method->version > max)
            return 0;
        min = max = s->method->version;
    }
    if (s->min_version > min)
        min = s->min_version;
    if (s->max_version != 0 && s->max_version < max)
        max = s->max_version;
    /* With two versions, switching one off moves an end of the range. */
    if ((s->options & SSL_OP_NO_TLSv1_2) && min == TLS1_2_VERSION)
        min = TLS1_3_VERSION;
    if ((s->options & SSL_OP_NO_TLSv1_3) && max == TLS1_3_VERSION)
        max = TLS1_2_VERSION;
    if (min > max)
        return 0;
    *lo = min;
    *hi = max;
    return 1;
}

/* Sets up the mbedTLS config and context (the "freeze point"). 1 on
 * success; 0 with an error pushed. */
int shim_conn_setup(SSL *s);
/* A TLSEXT_max_fragment_length_* mode this build can ask for; 0 with
 * OpenSSL's error queued when not. */
int shim_max_fragment_mode_ok(uint8_t mode);
/* SSL_CTX_set_max_send_fragment's rule on a context's or connection's
 * record limit: 1 when m is taken, 0 when refused (ssl_ctx.c). */
int shim_set_max_send_fragment(uint16_t *limit, long m);
/* ALPN's code (ssl_alpn.c), reached only through this table, which the
 * setters install: a device that never sets a list or a callback links
 * none of it. */
struct shim_alpn_ops {
    /* Copies a wire-form protocol list into *dst (NULL for an empty one). */
    int (*copy)(unsigned char **dst, unsigned int *dst_len, const unsigned char *src,
                unsigned int src_len);
    /* A client's offer into the config at set-up: 1, or 0 with an error. */
    int (*configure)(SSL *s);
    /* A server's choice from the ClientHello, through the application's
     * callback, before mbedTLS reads the hello. */
    enum shim_io_error (*choose)(SSL *s, const unsigned char *hello, size_t len);
};

/* The server's hello callbacks (ssl_servername.c), reached only through
 * this table, which their setters install. */
struct shim_hello_ops {
    /* What a server decides from the ClientHello in OpenSSL's order: the
     * client hello callback, the version, the server name and its
     * callback; then the config follows a context switch. SHIM_IO_PAUSED
     * when the client hello callback asked to be called again. */
    enum shim_io_error (*process)(SSL *s, const unsigned char *hello, size_t len);
    /* Keeps the hello's last bytes from mbedTLS while paused; returns
     * mbedTLS's WANT_READ or an error code. */
    int (*hold)(SSL *s, const unsigned char *buf, size_t len);
    /* A receive call while paused: asks the callback again, and hands the
     * kept bytes over once it agrees. */
    int (*resume)(SSL *s, unsigned char *buf, size_t len);
};

/* The table, for code that needs the ClientHello looked at before
 * mbedTLS reads it even without callbacks; NULL in builds without SNI. */
const struct shim_hello_ops *shim_hello_processing(void);
/* The ClientHello check every server makes: a version in common. */
enum shim_io_error shim_client_hello_check(SSL *s, const unsigned char *hello, size_t len);
/* The transport's look at the peer's complete hello: SHIM_IO_OK to hand
 * it to mbedTLS. */
enum shim_io_error shim_check_peer_hello(SSL *s);
/* Applies what may have changed during a server's hello callbacks (the
 * context, options, verification) to the config, before mbedTLS reads the
 * ClientHello. 0, or the SSL_R_* reason it failed with. */
int shim_conn_reconfigure(SSL *s);

/* Cipher lists (ssl_cipher_list.c), reached only through this table,
 * which the setters install: a device that keeps the defaults links none
 * of the cipher-string code. */
struct shim_cipher_ops {
    /* The suites mbedTLS is given, from the list and security level, and
     * the versions narrowed to those with a suite: 1, or 0 with an error. */
    int (*configure)(SSL *s);
    /* A server's TLS 1.3 choice by its own order, when the options ask
     * for it, before mbedTLS reads the ClientHello. */
    void (*prefer_server_order)(SSL *s, const unsigned char *hello, size_t len);
};

/* Groups, signature algorithms and the level's demands on them and on the
 * peer's certificate (ssl_groups.c), reached through this table. */
struct shim_params_ops {
    /* Into the config at set-up: 1, or 0 with an error. */
    int (*configure)(SSL *s);
    /* Frees what configure made, and with all also the lists. */
    void (*release)(SSL *s, int all);
    void (*release_ctx)(SSL_CTX *ctx);
    /* A server has the client's hello, before mbedTLS reads it. */
    void (*client_hello)(SSL *s, const unsigned char *hello, size_t len);
};
const struct shim_params_ops *shim_params_ops(void);

/* Gives mbedTLS the PSK side (ssl_psk.c): a client's key from its
 * callbacks, a server's lookup. 1 when TLS 1.2 PSK suites can run, 0 when
 * not, -1 when a callback failed the handshake (error queued). */
int shim_psk_configure(SSL *s);

/* The table, for SSL_CTX_set_options: asking for the server's order
 * needs the list code even with the default list. */
const struct shim_cipher_ops *shim_cipher_list_ops(void);

/* OpenSSL 3.0's session lifetime for TLS (SSL_CTX_get_timeout). */
#define SHIM_SESSION_TIMEOUT 7200

/* One of a context's SSL_CTX_sess_* counters, by its SSL_CTRL_SESS_*
 * command; shim_count adds one (contexts are shared between threads). */
#define SHIM_SESSION_STAT(ctx, cmd) ((ctx)->session_stats[(cmd) - SSL_CTRL_SESS_NUMBER])
static inline void shim_count(int *counter)
{
    (void)__atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
}

/* The security level OpenSSL has on this platform by default (Debian
 * builds OpenSSL 3 with 2; upstream's is 1). */
#define SHIM_DEFAULT_SECURITY_LEVEL 2

/* The info callback's value for an alert: level << 8 | description. */
#define SHIM_CLOSE_NOTIFY_ALERT (1 << 8)
#define SHIM_FATAL_ALERT(description) ((2 << 8) | (description))

/* Sessions (ssl_session.c) follow the handshake through these events.
 * The core's definition does nothing; ssl_session.c's replaces it at link
 * time whenever a program uses any session function, so a device that
 * never does links none of that code (docs/embedded.md). */
enum shim_session_event {
    SHIM_SESSION_CONFIGURE,  /* the config is being made */
    SHIM_SESSION_SETUP,      /* the mbedTLS context is set up */
    SHIM_SESSION_OWN_HELLO,  /* our first handshake record (data) */
    SHIM_SESSION_PEER_HELLO, /* a client's view of the ServerHello (data) */
    SHIM_SESSION_SECRET,     /* the TLS 1.2 master secret (data) */
    SHIM_SESSION_DONE,       /* the handshake is over */
    SHIM_SESSION_TICKET,     /* a TLS 1.3 client read a NewSessionTicket */
    SHIM_SESSION_CLEAR,      /* SSL_clear: the connection is over */
    SHIM_SESSION_FREE,       /* the connection goes */
};
void shim_session_event(SSL *s, enum shim_session_event event, const unsigned char *data,
                        size_t len);
/* A context was made (its ticket keys come now, before a server forks its
 * workers); the same arrangement as shim_session_event. */
void shim_session_ctx_made(SSL_CTX *ctx);
/* A definition the linker replaces when another object defines it too.
 * From a static library, the linker takes the first member defining a
 * symbol it lacks: a weak default must sit in an object every program
 * links (ssl_handshake.c) and which comes before the override. */
#define SHIM_WEAK __attribute__((weak))

/* The text of an error only the DH code pushes: its library's name when
 * library is set, else its reason's; NULL for any other error. err.c's
 * default knows none; dh.c's replaces it. */
const char *shim_dh_error_text(unsigned long e, int library);

/* The handshake's bytes as they cross the transport, for what OpenSSL
 * reports of the negotiation and mbedTLS keeps private (the key exchange
 * group, the peer's signature algorithm). The core's definition does
 * nothing; ssl_negotiated.c's replaces it when a program asks for one. */
enum shim_handshake_bytes {
    SHIM_BYTES_RECEIVED,
    SHIM_BYTES_SENT,
    SHIM_BYTES_FORGET, /* the connection is torn down */
};
void shim_handshake_bytes(SSL *s, enum shim_handshake_bytes what, const unsigned char *p,
                          size_t n);

/* OpenSSL's info callback: the connection's, else its context's. */
void shim_info(const SSL *s, int where, int ret);

/* Runs the handshake as far as the transport allows: OpenSSL's return value
 * convention (1, or -1 with the state set for SSL_get_error). */
int shim_handshake(SSL *s);

/* A row of the translation table: an mbedTLS failure and OpenSSL's reason. */
struct shim_result_row {
    int mbedtls_code;
    int lib;
    int reason;
};

/* The table itself, for the unit test that walks it. */
const struct shim_result_row *shim_result_rows(size_t *count);

/* The one translation point from an mbedTLS result to OpenSSL's view: marks
 * the connection (fatal latch, rwstate, errno), pushes the error entry, and
 * returns -1. ret must be negative. */
int shim_result_fail(SSL *s, int mbedtls_ret);

/* A call on a connection that already failed: OpenSSL refuses to go on
 * and adds nothing to the queue. Returns -1. */
int shim_fatal_again(SSL *s);

/* mbedTLS transport callbacks over the connection's BIOs. */
int shim_transport_send(void *ctx, const unsigned char *buf, size_t len);
int shim_transport_recv(void *ctx, unsigned char *buf, size_t len);

/* Flushes the write BIO after output, as OpenSSL does for buffering BIOs. */
void shim_transport_flush(SSL *s);

/* Resets the per-call transport observations before an mbedTLS call. */
void shim_transport_begin(SSL *s);

/* Verification: the mbedTLS per-certificate callback; what a handshake's
 * verification starts from, and the peer's certificates once it is over. */
int shim_verify_cert(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags);
int shim_verify_begin(SSL *s);
void shim_verify_clear(SSL *s);
int shim_verify_capture_peer(SSL *s);

/* Client certificates: the CA names a server sends (mbedTLS's form, for
 * TLS 1.2's CertificateRequest), and the client's certificate callback
 * (1 go on, -1 with SSL_X509_LOOKUP when it asked to be called again, 0
 * failed). */
int shim_client_ca_configure(SSL *s);
int shim_client_cert_callback(SSL *s);

/* OpenSSL's host name check of a certificate (SAN DNS or IP entries, else the
 * subject CN), with OpenSSL's wildcard rules and X509_CHECK_FLAG_* flags.
 * 1 on match, with a copy of the matching name in *peername if not NULL. */
int shim_host_matches(const mbedtls_x509_crt *crt, const char *host, unsigned int flags,
                      char **peername);
/* Whether a certificate's SAN has this address; whether it names this
 * e-mail address (SAN, else the subject's emailAddress, as OpenSSL). */
int shim_ip_matches(const mbedtls_x509_crt *crt, const unsigned char *ip, size_t len);
int shim_email_matches(const mbedtls_x509_crt *crt, const char *email, unsigned int flags);
/* A flag of ours beside X509_CHECK_FLAG_*: the host is a DNS name even if
 * it reads as an address (X509_check_host never matches IP entries). */
#define SHIM_CHECK_AS_DNS 0x10000u
/* One DNS name from a certificate against the host name, by OpenSSL's
 * rules (wildcards, case, leading-dot host names) and flags. 1 on match. */
int shim_dns_name_matches(const unsigned char *pattern, size_t len, const char *host,
                          unsigned int flags);
/* Parses a textual IPv4 or IPv6 address; returns its length (4 or 16) or 0. */
size_t shim_parse_ip(const char *text, unsigned char out[16]);

/* Whether a ClientHello handshake message offers a version in [lo, hi]:
 * 1 yes, 0 no, -1 malformed (left for mbedTLS to reject). */
int shim_client_hello_versions_overlap(const unsigned char *msg, size_t len, int lo, int hi);
/* Whether a ServerHello handshake message picks TLS 1.2 or lower without a
 * renegotiation_info extension (RFC 5746): 1 yes, 0 no, -1 malformed. */
int shim_server_hello_is_legacy(const unsigned char *msg, size_t len);
/* The protocol list of a ClientHello's ALPN extension, in wire form: 1 with
 * *list and *list_len, 0 without the extension, -1 when malformed. */
int shim_client_hello_alpn(const unsigned char *msg, size_t len, const unsigned char **list,
                           size_t *list_len);
/* The longest host name SNI carries (RFC 6066). */
#define SHIM_SNI_MAX_LEN 255
/* The supported_groups list of a ClientHello (two bytes a group): 1 with
 * *list set, 0 without one, -1 when malformed. */
int shim_client_hello_groups(const unsigned char *msg, size_t len, const unsigned char **list,
                             size_t *list_len);
/* The host name of a ClientHello's server_name extension (not
 * NUL-terminated): 1 with *name and *name_len, 0 without the extension, -1
 * when malformed (OpenSSL takes exactly one host_name entry). */
int shim_client_hello_server_name(const unsigned char *msg, size_t len, const unsigned char **name,
                                  size_t *name_len);
/* A ClientHello's fields, pointing into the message. */
struct shim_client_hello {
    unsigned int legacy_version;
    const unsigned char *random; /* 32 bytes */
    const unsigned char *session_id;
    size_t session_id_len;
    const unsigned char *ciphers;
    size_t ciphers_len;
    const unsigned char *compression;
    size_t compression_len;
    const unsigned char *extensions; /* the extension list, without its length */
    size_t extensions_len;
};
/* 1 with *ch filled, 0 when the message is not a well-formed ClientHello. */
int shim_client_hello_parse(const unsigned char *msg, size_t len, struct shim_client_hello *ch);
/* What a ServerHello says about resumption. */
struct shim_server_hello {
    const unsigned char *session_id;
    size_t session_id_len;
    size_t cipher_suite;
    int tls13;              /* it has supported_versions: TLS 1.3 */
    int pre_shared_key;     /* TLS 1.3: the server accepted a PSK (a ticket) */
    size_t key_share_group; /* TLS 1.3: the group of its key share, or 0 */
};
/* 1 with *sh filled, 0 when the message is not a well-formed ServerHello. */
int shim_server_hello_parse(const unsigned char *msg, size_t len, struct shim_server_hello *sh);
/* The next extension of a list: 1 with its type and data, advancing *p
 * and *left; 0 at the end or at a malformed entry. */
int shim_hello_next_extension(const unsigned char **p, size_t *left, unsigned int *type,
                              const unsigned char **data, size_t *data_len);

/* Frees what the record watcher kept. */
void shim_sniff_free(struct shim_record_sniff *sn);

/* Whether a server may do DHE: it has DH parameters (ssl_groups.c). */
int shim_dh_on(const SSL *s);
/* The security bits a level asks for (0 to 5; others are clamped). */
unsigned int shim_level_bits(int level);
/* Gives mbedTLS's server config p and g (copied): 0 when out of memory. */
int shim_give_dh(SSL *s, const unsigned char *p, size_t p_len, const unsigned char *g, size_t g_len);
/* What a DH setter does besides storing: the cipher list keeps DHE
 * suites and set-up gives the parameters. */
void shim_dh_settings_used(const struct shim_cipher_ops **cipher_ops,
                           const struct shim_params_ops **params_ops);
/* OpenSSL's NID for a group's IANA number (ssl_groups.c). */
long shim_group_nid(uint16_t id);
/* The groups a set-up connection gave mbedTLS, 0-terminated, in its order. */
const uint16_t *shim_conn_groups(const SSL *s);

/* Cipher table lookup by IANA number; NULL if the table lacks it. */
const SSL_CIPHER *shim_cipher_by_id(uint16_t id);
/* Every suite this build has, in OpenSSL's preference order. */
const SSL_CIPHER *shim_cipher_table(size_t *count);
/* OpenSSL's DEFAULT list order, restricted to what mbedTLS has, less DHE
 * for a server (it has no DH parameters by default); 0-ended. */
const int *shim_default_ciphersuites(int server);

#endif /* SHIM_INTERNAL_H */
