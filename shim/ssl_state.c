/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Connection state as OpenSSL reports it: handshake state and its names,
 * what the connection waits for, and the names of alerts.
 *
 * mbedTLS keeps its handshake state private, so the state reported while a
 * handshake runs is coarse: the first step of the role (docs/parity.md).
 */
#include "internal.h"

SHIM_EXPORT int SSL_in_init(const SSL *s)
{
    /* After a fatal error OpenSSL's state machine is "in init" again. */
    return s != NULL && (s->hs_state != SHIM_HS_DONE || s->fatal);
}

SHIM_EXPORT int SSL_in_before(const SSL *s)
{
    return s != NULL && s->hs_state == SHIM_HS_BEFORE;
}

SHIM_EXPORT int SSL_is_init_finished(const SSL *s)
{
    return s != NULL && s->hs_state == SHIM_HS_DONE && !s->fatal;
}

void shim_info(const SSL *s, int where, int ret)
{
    void (*cb)(const SSL *, int, int) = s->info_cb != NULL ? s->info_cb : s->ctx->info_cb;

    if (cb != NULL)
        cb(s, where, ret);
}

SHIM_EXPORT int SSL_want(const SSL *s)
{
    if (s == NULL)
        return SSL_NOTHING;
    switch (s->rwstate) {
    case SHIM_READING:
        return SSL_READING;
    case SHIM_WRITING:
        return SSL_WRITING;
    case SHIM_X509_LOOKUP:
        return SSL_X509_LOOKUP;
    case SHIM_CLIENT_HELLO_CB:
        return SSL_CLIENT_HELLO_CB;
    case SHIM_NOTHING:
    default:
        return SSL_NOTHING;
    }
}

SHIM_EXPORT OSSL_HANDSHAKE_STATE SSL_get_state(const SSL *s)
{
    if (s == NULL)
        return TLS_ST_BEFORE;
    switch (s->hs_state) {
    case SHIM_HS_DONE:
        return TLS_ST_OK;
    case SHIM_HS_RUNNING:
        return s->server ? TLS_ST_SR_CLNT_HELLO : TLS_ST_CW_CLNT_HELLO;
    case SHIM_HS_BEFORE:
    default:
        return TLS_ST_BEFORE;
    }
}

struct state_name {
    OSSL_HANDSHAKE_STATE state;
    const char *short_name;
    const char *long_name;
};

static const struct state_name state_names[] = {
    {TLS_ST_BEFORE, "PINIT", "before SSL initialization"},
    {TLS_ST_OK, "SSLOK", "SSL negotiation finished successfully"},
    {TLS_ST_CW_CLNT_HELLO, "TWCH", "SSLv3/TLS write client hello"},
    {TLS_ST_SR_CLNT_HELLO, "TRCH", "SSLv3/TLS read client hello"},
};

static const struct state_name *state_name_of(const SSL *s)
{
    OSSL_HANDSHAKE_STATE st = SSL_get_state(s);
    size_t i;

    for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++) {
        if (state_names[i].state == st)
            return &state_names[i];
    }
    return NULL;
}

SHIM_EXPORT const char *SSL_state_string(const SSL *s)
{
    const struct state_name *n;

    if (s != NULL && s->fatal)
        return "SSLERR";
    n = state_name_of(s);
    return n != NULL ? n->short_name : "UNKWN ";
}

SHIM_EXPORT const char *SSL_state_string_long(const SSL *s)
{
    const struct state_name *n;

    if (s != NULL && s->fatal)
        return "error";
    n = state_name_of(s);
    return n != NULL ? n->long_name : "unknown state";
}

/* ---- Alerts ---------------------------------------------------------------- */

/* value is (level << 8) | description, as the info callback passes it. */
SHIM_EXPORT const char *SSL_alert_type_string(int value)
{
    switch (value >> 8) {
    case 1:
        return "W";
    case 2:
        return "F";
    default:
        return "U";
    }
}

SHIM_EXPORT const char *SSL_alert_type_string_long(int value)
{
    switch (value >> 8) {
    case 1:
        return "warning";
    case 2:
        return "fatal";
    default:
        return "unknown";
    }
}

struct alert_name {
    int desc;
    const char *short_name;
    const char *long_name;
};

/* OpenSSL's names, spelling included. */
static const struct alert_name alert_names[] = {
    {SSL_AD_CLOSE_NOTIFY, "CN", "close notify"},
    {SSL_AD_UNEXPECTED_MESSAGE, "UM", "unexpected_message"},
    {SSL_AD_BAD_RECORD_MAC, "BM", "bad record mac"},
    {SSL_AD_DECRYPTION_FAILED, "DC", "decryption failed"},
    {SSL_AD_RECORD_OVERFLOW, "RO", "record overflow"},
    {SSL_AD_DECOMPRESSION_FAILURE, "DF", "decompression failure"},
    {SSL_AD_HANDSHAKE_FAILURE, "HF", "handshake failure"},
    {SSL_AD_NO_CERTIFICATE, "NC", "no certificate"},
    {SSL_AD_BAD_CERTIFICATE, "BC", "bad certificate"},
    {SSL_AD_UNSUPPORTED_CERTIFICATE, "UC", "unsupported certificate"},
    {SSL_AD_CERTIFICATE_REVOKED, "CR", "certificate revoked"},
    {SSL_AD_CERTIFICATE_EXPIRED, "CE", "certificate expired"},
    {SSL_AD_CERTIFICATE_UNKNOWN, "CU", "certificate unknown"},
    {SSL_AD_ILLEGAL_PARAMETER, "IP", "illegal parameter"},
    {SSL_AD_UNKNOWN_CA, "CA", "unknown CA"},
    {SSL_AD_ACCESS_DENIED, "AD", "access denied"},
    {SSL_AD_DECODE_ERROR, "DE", "decode error"},
    {SSL_AD_DECRYPT_ERROR, "CY", "decrypt error"},
    {SSL_AD_EXPORT_RESTRICTION, "ER", "export restriction"},
    {SSL_AD_PROTOCOL_VERSION, "PV", "protocol version"},
    {SSL_AD_INSUFFICIENT_SECURITY, "IS", "insufficient security"},
    {SSL_AD_INTERNAL_ERROR, "IE", "internal error"},
    {SSL_AD_USER_CANCELLED, "US", "user canceled"},
    {SSL_AD_NO_RENEGOTIATION, "NR", "no renegotiation"},
    {SSL_AD_UNSUPPORTED_EXTENSION, "UE", "unsupported extension"},
    {SSL_AD_CERTIFICATE_UNOBTAINABLE, "CO", "certificate unobtainable"},
    {SSL_AD_UNRECOGNIZED_NAME, "UN", "unrecognized name"},
    {SSL_AD_BAD_CERTIFICATE_STATUS_RESPONSE, "BR", "bad certificate status response"},
    {SSL_AD_BAD_CERTIFICATE_HASH_VALUE, "BH", "bad certificate hash value"},
    {SSL_AD_UNKNOWN_PSK_IDENTITY, "UP", "unknown PSK identity"},
};

static const struct alert_name *alert_name_of(int value)
{
    size_t i;

    for (i = 0; i < sizeof(alert_names) / sizeof(alert_names[0]); i++) {
        if (alert_names[i].desc == (value & 0xff))
            return &alert_names[i];
    }
    return NULL;
}

SHIM_EXPORT const char *SSL_alert_desc_string(int value)
{
    const struct alert_name *n = alert_name_of(value);

    return n != NULL ? n->short_name : "UK";
}

SHIM_EXPORT const char *SSL_alert_desc_string_long(int value)
{
    const struct alert_name *n = alert_name_of(value);

    return n != NULL ? n->long_name : "unknown";
}
