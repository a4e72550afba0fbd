/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The baseline: the TLS 1.3 handshake of the firmware test, written
 * against mbedTLS directly, with the same certificates, the same cipher
 * suite (the one the OpenSSL API negotiates there) and group, and the
 * same measurement. What a connection of firmware_test needs beyond this
 * is what the OpenSSL API costs.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/platform.h>
#include <mbedtls/platform_time.h>
#include <mbedtls/psa_util.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include <psa/crypto.h>

#include "board.h"
#include "measure.h"
#include "test_certs.h"

/* ---- What the library's platform layer would provide ---------------------------- */

/* Predictable bytes: the emulator has no random source (test only). */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    static unsigned long long state = 0x9e3779b97f4a7c15ull;
    size_t i;

    (void)data;
    for (i = 0; i < len; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        output[i] = (unsigned char)state;
    }
    *olen = len;
    return 0;
}

struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf);
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    time_t t = (time_t)*tt;

    return gmtime_r(&t, tm_buf);
}

mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return (mbedtls_ms_time_t)time(NULL) * 1000;
}

static mbedtls_time_t board_time(mbedtls_time_t *timer)
{
    mbedtls_time_t now = (mbedtls_time_t)time(NULL);

    if (timer != NULL)
        *timer = now;
    return now;
}

static void *counting_calloc(size_t n, size_t size)
{
    void *p = n != 0 && size > (size_t)-1 / n ? NULL : measure_malloc(n * size);

    if (p != NULL)
        memset(p, 0, n * size);
    return p;
}

/* ---- An in-memory transport, like a BIO pair's ------------------------------------- */

struct pipe {
    unsigned char data[17 * 1024];
    size_t len;
};

static struct pipe to_server;
static struct pipe to_client;

struct end {
    struct pipe *in;
    struct pipe *out;
};

static int pipe_send(void *ctx, const unsigned char *buf, size_t len)
{
    struct end *e = ctx;
    size_t room = sizeof(e->out->data) - e->out->len;

    if (room == 0)
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    if (len > room)
        len = room;
    memcpy(e->out->data + e->out->len, buf, len);
    e->out->len += len;
    return (int)len;
}

static int pipe_recv(void *ctx, unsigned char *buf, size_t len)
{
    struct end *e = ctx;

    if (e->in->len == 0)
        return MBEDTLS_ERR_SSL_WANT_READ;
    if (len > e->in->len)
        len = e->in->len;
    memcpy(buf, e->in->data, len);
    memmove(e->in->data, e->in->data + len, e->in->len - len);
    e->in->len -= len;
    return (int)len;
}

/* ---- The handshake ----------------------------------------------------------------- */

static const int suites[] = {MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256, 0};

static int step(mbedtls_ssl_context *ssl, enum owner owner)
{
    int ret;

    measure_set_owner(owner);
    ret = mbedtls_ssl_handshake(ssl);
    measure_set_owner(OWNER_OTHER);
    return ret;
}

int main(void)
{
    mbedtls_x509_crt ca;
    mbedtls_x509_crt server_cert;
    mbedtls_pk_context server_key;
    mbedtls_ssl_config client_conf;
    mbedtls_ssl_config server_conf;
    mbedtls_ssl_context client;
    mbedtls_ssl_context server;
    struct end client_end = {&to_client, &to_server};
    struct end server_end = {&to_server, &to_client};
    uint64_t start;
    uint64_t cycles;
    int rc = MBEDTLS_ERR_SSL_WANT_READ;
    int rs = MBEDTLS_ERR_SSL_WANT_READ;
    int turn;
    int ok;

    board_clock_start();
    mbedtls_platform_set_calloc_free(counting_calloc, measure_free);
    mbedtls_platform_set_time(board_time);
    if (psa_crypto_init() != PSA_SUCCESS) {
        printf("FAIL psa_crypto_init\n");
        return 1;
    }
    mbedtls_x509_crt_init(&ca);
    mbedtls_x509_crt_init(&server_cert);
    mbedtls_pk_init(&server_key);
    mbedtls_ssl_config_init(&client_conf);
    mbedtls_ssl_config_init(&server_conf);
    mbedtls_ssl_init(&client);
    mbedtls_ssl_init(&server);
    ok = mbedtls_x509_crt_parse(&ca, (const unsigned char *)test_ca_pem,
                                sizeof(test_ca_pem)) == 0 &&
         mbedtls_x509_crt_parse(&server_cert, (const unsigned char *)test_server_pem,
                                sizeof(test_server_pem)) == 0 &&
         mbedtls_pk_parse_key(&server_key, (const unsigned char *)test_server_key,
                              sizeof(test_server_key), NULL, 0, mbedtls_psa_get_random,
                              MBEDTLS_PSA_RANDOM_STATE) == 0 &&
         mbedtls_ssl_config_defaults(&client_conf, MBEDTLS_SSL_IS_CLIENT,
                                     MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT) == 0 &&
         mbedtls_ssl_config_defaults(&server_conf, MBEDTLS_SSL_IS_SERVER,
                                     MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT) == 0;
    if (!ok) {
        printf("FAIL set-up\n");
        return 1;
    }
    mbedtls_ssl_conf_rng(&client_conf, mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
    mbedtls_ssl_conf_rng(&server_conf, mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
    mbedtls_ssl_conf_min_tls_version(&client_conf, MBEDTLS_SSL_VERSION_TLS1_3);
    mbedtls_ssl_conf_min_tls_version(&server_conf, MBEDTLS_SSL_VERSION_TLS1_3);
    mbedtls_ssl_conf_ciphersuites(&client_conf, suites);
    mbedtls_ssl_conf_ciphersuites(&server_conf, suites);
    mbedtls_ssl_conf_authmode(&client_conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&client_conf, &ca, NULL);
    mbedtls_ssl_conf_authmode(&server_conf, MBEDTLS_SSL_VERIFY_NONE);
    if (mbedtls_ssl_conf_own_cert(&server_conf, &server_cert, &server_key) != 0) {
        printf("FAIL own certificate\n");
        return 1;
    }
    measure_set_owner(OWNER_CLIENT);
    ok = mbedtls_ssl_setup(&client, &client_conf) == 0 &&
         mbedtls_ssl_set_hostname(&client, "localhost") == 0;
    measure_set_owner(OWNER_SERVER);
    ok = ok && mbedtls_ssl_setup(&server, &server_conf) == 0;
    measure_set_owner(OWNER_OTHER);
    if (!ok) {
        printf("FAIL ssl set-up\n");
        return 1;
    }
    mbedtls_ssl_set_bio(&client, &client_end, pipe_send, pipe_recv, NULL);
    mbedtls_ssl_set_bio(&server, &server_end, pipe_send, pipe_recv, NULL);
    start = board_cycles();
    for (turn = 0; turn < 200 && (rc != 0 || rs != 0); turn++) {
        if (rc != 0)
            rc = step(&client, OWNER_CLIENT);
        if (rs != 0)
            rs = step(&server, OWNER_SERVER);
        if ((rc != 0 && rc != MBEDTLS_ERR_SSL_WANT_READ && rc != MBEDTLS_ERR_SSL_WANT_WRITE) ||
            (rs != 0 && rs != MBEDTLS_ERR_SSL_WANT_READ && rs != MBEDTLS_ERR_SSL_WANT_WRITE))
            break;
    }
    cycles = board_cycles() - start;
    if (rc != 0 || rs != 0) {
        printf("FAIL handshake: client -0x%04x server -0x%04x\n", (unsigned)-rc, (unsigned)-rs);
        return 1;
    }
    printf("raw TLS 1.3: %s, verify %u\n", mbedtls_ssl_get_ciphersuite(&client),
           (unsigned)mbedtls_ssl_get_verify_result(&client));
    printf("raw TLS 1.3: handshake cycles %llu\n", (unsigned long long)board_ticks_to_cycles(cycles));
    printf("raw TLS 1.3: heap peak client %u server %u (bytes)\n",
           (unsigned)measure_peak(OWNER_CLIENT), (unsigned)measure_peak(OWNER_SERVER));
    mbedtls_ssl_free(&client);
    mbedtls_ssl_free(&server);
    mbedtls_ssl_config_free(&client_conf);
    mbedtls_ssl_config_free(&server_conf);
    mbedtls_x509_crt_free(&ca);
    mbedtls_x509_crt_free(&server_cert);
    mbedtls_pk_free(&server_key);
    printf("PASS\n");
    return 0;
}
