/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ASN.1 values as OpenSSL hands them out: strings (with their characters,
 * UTF-8 conversion and OpenSSL's escaping rules for printing), integers
 * and times.
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- Strings ---------------------------------------------------------------------- */

SHIM_EXPORT ASN1_STRING *ASN1_STRING_type_new(int type)
{
    ASN1_STRING *s = shim_calloc(1, sizeof(*s));

    SHIM_ENSURE(s != NULL, ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE, NULL);
    s->type = type;
    return s;
}

SHIM_EXPORT ASN1_STRING *ASN1_STRING_new(void)
{
    return ASN1_STRING_type_new(V_ASN1_OCTET_STRING);
}

SHIM_EXPORT void ASN1_STRING_free(ASN1_STRING *a)
{
    if (a == NULL)
        return;
    shim_free(a->data);
    shim_free(a);
}

/* Copies len bytes (strlen(data) when len < 0) and a NUL after them, as
 * OpenSSL keeps one so that data reads as a C string. */
SHIM_EXPORT int ASN1_STRING_set(ASN1_STRING *str, const void *data, int len)
{
    unsigned char *copy;

    SHIM_ENSURE_ARG(str, ERR_LIB_ASN1, 0);
    if (len < 0) {
        SHIM_ENSURE_ARG(data, ERR_LIB_ASN1, 0);
        len = (int)strlen(data);
    }
    SHIM_ENSURE(len < INT_MAX, ERR_LIB_ASN1, ASN1_R_TOO_LONG, 0);
    copy = shim_malloc((size_t)len + 1);
    SHIM_ENSURE(copy != NULL, ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE, 0);
    if (data != NULL && len > 0)
        memcpy(copy, data, (size_t)len);
    copy[len] = '\0';
    shim_free(str->data);
    str->data = copy;
    str->length = len;
    return 1;
}

ASN1_STRING *shim_asn1_string(int type, const unsigned char *data, size_t len)
{
    ASN1_STRING *s;

    SHIM_ENSURE(len < INT_MAX, ERR_LIB_ASN1, ASN1_R_TOO_LONG, NULL);
    s = ASN1_STRING_type_new(type);
    if (s != NULL && !ASN1_STRING_set(s, data, (int)len)) {
        ASN1_STRING_free(s);
        return NULL;
    }
    return s;
}

SHIM_EXPORT ASN1_STRING *ASN1_STRING_dup(const ASN1_STRING *a)
{
    ASN1_STRING *copy;

    SHIM_ENSURE_ARG(a, ERR_LIB_ASN1, NULL);
    copy = shim_asn1_string(a->type, a->data, (size_t)a->length);
    if (copy != NULL)
        copy->flags = a->flags;
    return copy;
}

/* OpenSSL's order: length, then bytes, then type. */
SHIM_EXPORT int ASN1_STRING_cmp(const ASN1_STRING *a, const ASN1_STRING *b)
{
    int diff = a->length - b->length;

    if (diff == 0 && a->length > 0)
        diff = memcmp(a->data, b->data, (size_t)a->length);
    return diff != 0 ? diff : a->type - b->type;
}

SHIM_EXPORT const unsigned char *ASN1_STRING_get0_data(const ASN1_STRING *x)
{
    return x != NULL ? x->data : NULL;
}

SHIM_EXPORT unsigned char *ASN1_STRING_data(ASN1_STRING *x)
{
    return x != NULL ? x->data : NULL;
}

SHIM_EXPORT int ASN1_STRING_length(const ASN1_STRING *x)
{
    return x != NULL ? x->length : 0;
}

SHIM_EXPORT int ASN1_STRING_type(const ASN1_STRING *x)
{
    return x != NULL ? x->type : 0;
}

/* ---- Characters --------------------------------------------------------------------- */

int shim_asn1_char_width(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING:
        return 0;
    case V_ASN1_NUMERICSTRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_T61STRING:
    case V_ASN1_VIDEOTEXSTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_UTCTIME:
    case V_ASN1_GENERALIZEDTIME:
    case V_ASN1_GRAPHICSTRING:
    case V_ASN1_VISIBLESTRING:
    case V_ASN1_GENERALSTRING:
        return 1;
    case V_ASN1_BMPSTRING:
        return 2;
    case V_ASN1_UNIVERSALSTRING:
        return 4;
    default:
        return -1;
    }
}

int shim_asn1_next_char(const unsigned char *p, size_t len, int width, unsigned long *c)
{
    int i;

    if (len == 0)
        return 0;
    if (width == 0) {
        /* UTF-8: the sequence length from the first byte, no overlong
         * forms, no surrogates, nothing above U+10FFFF. */
        static const unsigned long min_value[] = {0, 0, 0x80, 0x800, 0x10000};
        int n = p[0] < 0x80 ? 1 : p[0] >= 0xc2 && p[0] < 0xe0 ? 2 : p[0] >= 0xe0 && p[0] < 0xf0 ? 3
                : p[0] >= 0xf0 && p[0] < 0xf5                    ? 4
                                                                 : -1;

        if (n < 0 || (size_t)n > len)
            return -1;
        *c = n == 1 ? p[0] : (unsigned long)p[0] & (0x3fUL >> (n - 1));
        for (i = 1; i < n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return -1;
            *c = (*c << 6) | (p[i] & 0x3f);
        }
        if (*c < min_value[n] || *c > 0x10ffff || (*c >= 0xd800 && *c <= 0xdfff))
            return -1;
        return n;
    }
    if ((size_t)width > len)
        return -1;
    *c = 0;
    for (i = 0; i < width; i++)
        *c = (*c << 8) | p[i];
    return width;
}

int shim_utf8_encode(unsigned long c, unsigned char out[4])
{
    if (c < 0x80) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (unsigned char)(0xc0 | (c >> 6));
        out[1] = (unsigned char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (unsigned char)(0xe0 | (c >> 12));
        out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (unsigned char)(0x80 | (c & 0x3f));
        return 3;
    }
    if (c <= 0x10ffff) {
        out[0] = (unsigned char)(0xf0 | (c >> 18));
        out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
        out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
        out[3] = (unsigned char)(0x80 | (c & 0x3f));
        return 4;
    }
    return -1;
}

SHIM_EXPORT int ASN1_STRING_to_UTF8(unsigned char **out, const ASN1_STRING *in)
{
    unsigned char *utf8;
    size_t cap;
    size_t used = 0;
    size_t pos = 0;
    int width;

    SHIM_ENSURE(out != NULL && in != NULL, ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER, -1);
    width = shim_asn1_char_width(in->type);
    SHIM_ENSURE(width >= 0, ERR_LIB_ASN1, ASN1_R_UNKNOWN_FORMAT, -1);
    /* A character never grows by more than four times in UTF-8. */
    cap = (size_t)in->length * 4 + 1;
    utf8 = OPENSSL_malloc(cap);
    SHIM_ENSURE(utf8 != NULL, ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE, -1);
    while (pos < (size_t)in->length) {
        unsigned long c;
        int n = shim_asn1_next_char(in->data + pos, (size_t)in->length - pos, width, &c);
        int m = n > 0 ? shim_utf8_encode(c, utf8 + used) : -1;

        if (m < 0) {
            OPENSSL_free(utf8);
            SHIM_ERR(ERR_LIB_ASN1, ASN1_R_UNKNOWN_FORMAT);
            return -1;
        }
        pos += (size_t)n;
        used += (size_t)m;
    }
    SHIM_ENSURE(used < INT_MAX, ERR_LIB_ASN1, ASN1_R_TOO_LONG, -1);
    utf8[used] = '\0';
    *out = utf8;
    return (int)used;
}

/* ---- Printing strings with OpenSSL's escapes ------------------------------------------ */

/* Where the text goes: a BIO, or nowhere while only counting. */
struct sink {
    BIO *bio;
    long count;
    int failed;
};

static void put(struct sink *out, const char *text, size_t len)
{
    if (out->bio != NULL && len > 0 && BIO_write(out->bio, text, (int)len) != (int)len)
        out->failed = 1;
    out->count += (long)len;
}

static void put_str(struct sink *out, const char *text)
{
    put(out, text, strlen(text));
}

/* The characters RFC 2253 escapes anywhere in a value. */
static int is_2253_special(unsigned long c)
{
    return c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';';
}

/* One character, escaped as flags ask. first and last say where it is,
 * for RFC 2253's rules on '#' and spaces; *needs_quotes is set when quoting
 * mode would have to quote the value. */
static void put_char(struct sink *out, unsigned long c, unsigned long flags, int first, int last,
                     int *needs_quotes)
{
    char buf[24];
    int special = is_2253_special(c) || (first && (c == '#' || c == ' ')) || (last && c == ' ');

    if (c > 0xff && !(flags & ASN1_STRFLGS_UTF8_CONVERT)) {
        snprintf(buf, sizeof(buf), c > 0xffff ? "\\W%08lX" : "\\U%04lX", c);
        put_str(out, buf);
        return;
    }
    if (c > 0x7f && (flags & ASN1_STRFLGS_ESC_MSB)) {
        snprintf(buf, sizeof(buf), "\\%02lX", c);
        put_str(out, buf);
        return;
    }
    if ((c < 0x20 || c == 0x7f) && (flags & ASN1_STRFLGS_ESC_CTRL)) {
        snprintf(buf, sizeof(buf), "\\%02lX", c);
        put_str(out, buf);
        return;
    }
    /* A backslash is escaped under any escaping flag, and never asks for
     * quotes. */
    if (c == '\\' &&
        (flags & (ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB))) {
        put_str(out, "\\\\");
        return;
    }
    if (special && (flags & ASN1_STRFLGS_ESC_2253)) {
        if (flags & ASN1_STRFLGS_ESC_QUOTE) {
            /* Inside quotes only the quote and the backslash need one. */
            *needs_quotes = 1;
            if (c == '"')
                put_str(out, "\\");
        } else {
            put_str(out, "\\");
        }
    }
    buf[0] = (char)c;
    put(out, buf, 1);
}

/* The characters of a string (in UTF-8 bytes with UTF8_CONVERT). */
static void put_chars(struct sink *out, const ASN1_STRING *str, int width, unsigned long flags,
                      int *needs_quotes)
{
    unsigned char *utf8 = NULL;
    const unsigned char *p = str->data;
    size_t len = (size_t)str->length;
    size_t pos = 0;

    if ((flags & ASN1_STRFLGS_UTF8_CONVERT) && width >= 0) {
        int n = ASN1_STRING_to_UTF8(&utf8, str);

        if (n < 0) {
            out->failed = 1;
            return;
        }
        p = utf8;
        len = (size_t)n;
        width = 1;
    }
    if (width < 0)
        width = 1;
    while (pos < len) {
        unsigned long c;
        int n = shim_asn1_next_char(p + pos, len - pos, width, &c);

        if (n <= 0) {
            out->failed = 1;
            break;
        }
        put_char(out, c, flags, pos == 0, pos + (size_t)n == len, needs_quotes);
        pos += (size_t)n;
    }
    OPENSSL_free(utf8);
}

/* The DER of a string of a type with no characters, as "#" and hex. */
static void put_dump(struct sink *out, const ASN1_STRING *str, unsigned long flags)
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char header[6];
    size_t header_len = 0;
    char pair[2];
    size_t i;

    put_str(out, "#");
    if (flags & ASN1_STRFLGS_DUMP_DER) {
        size_t len = (size_t)str->length;

        header[header_len++] = (unsigned char)str->type;
        if (len < 0x80) {
            header[header_len++] = (unsigned char)len;
        } else {
            size_t bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;

            header[header_len++] = (unsigned char)(0x80 | bytes);
            while (bytes-- > 0)
                header[header_len++] = (unsigned char)(len >> (8 * bytes));
        }
    }
    for (i = 0; i < header_len + (size_t)str->length; i++) {
        unsigned char b = i < header_len ? header[i] : str->data[i - header_len];

        pair[0] = hex[b >> 4];
        pair[1] = hex[b & 0xf];
        put(out, pair, 2);
    }
}

static const char *type_name(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING:
        return "UTF8STRING";
    case V_ASN1_PRINTABLESTRING:
        return "PRINTABLESTRING";
    case V_ASN1_T61STRING:
        return "T61STRING";
    case V_ASN1_IA5STRING:
        return "IA5STRING";
    case V_ASN1_BMPSTRING:
        return "BMPSTRING";
    case V_ASN1_UNIVERSALSTRING:
        return "UNIVERSALSTRING";
    case V_ASN1_VISIBLESTRING:
        return "VISIBLESTRING";
    case V_ASN1_NUMERICSTRING:
        return "NUMERICSTRING";
    case V_ASN1_OCTET_STRING:
        return "OCTET STRING";
    default:
        return "UNKNOWN";
    }
}

long shim_asn1_print_string(BIO *bio, const ASN1_STRING *str, unsigned long flags)
{
    int width = shim_asn1_char_width(str->type);
    struct sink out = {bio, 0, 0};
    int needs_quotes = 0;

    if (flags & ASN1_STRFLGS_SHOW_TYPE) {
        put_str(&out, type_name(str->type));
        put_str(&out, ":");
    }
    if ((flags & ASN1_STRFLGS_DUMP_ALL) ||
        (width < 0 && (flags & ASN1_STRFLGS_DUMP_UNKNOWN))) {
        put_dump(&out, str, flags);
        return out.failed ? -1 : out.count;
    }
    /* Quotes are decided by a first, counting pass. */
    if ((flags & ASN1_STRFLGS_ESC_QUOTE) && (flags & ASN1_STRFLGS_ESC_2253)) {
        struct sink counter = {NULL, 0, 0};

        put_chars(&counter, str, width, flags, &needs_quotes);
    }
    if (needs_quotes)
        put_str(&out, "\"");
    put_chars(&out, str, width, flags, &needs_quotes);
    if (needs_quotes)
        put_str(&out, "\"");
    return out.failed ? -1 : out.count;
}

SHIM_EXPORT int ASN1_STRING_print_ex(BIO *out, const ASN1_STRING *str, unsigned long flags)
{
    long n;

    SHIM_ENSURE(out != NULL && str != NULL, ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER, -1);
    n = shim_asn1_print_string(out, str, flags);
    return n > INT_MAX ? -1 : (int)n;
}

/* ---- Integers ------------------------------------------------------------------------- */

ASN1_INTEGER *shim_asn1_integer(const unsigned char *der, size_t len)
{
    int negative = len > 0 && (der[0] & 0x80);
    ASN1_INTEGER *a = shim_asn1_string(negative ? V_ASN1_NEG_INTEGER : V_ASN1_INTEGER, der, len);
    unsigned char *m;
    size_t skip = 0;
    size_t i;

    if (a == NULL)
        return NULL;
    /* OpenSSL keeps the magnitude, big-endian without leading zeros, and
     * the sign in the type. */
    m = a->data;
    if (negative) {
        for (i = 0; i < len; i++)
            m[i] = (unsigned char)~m[i];
        for (i = len; i-- > 0;) {
            if (++m[i] != 0)
                break;
        }
    }
    while (skip + 1 < len && m[skip] == 0)
        skip++;
    memmove(m, m + skip, len - skip + 1);
    a->length = (int)(len - skip);
    return a;
}

SHIM_EXPORT long ASN1_INTEGER_get(const ASN1_INTEGER *a)
{
    unsigned long value = 0;
    int i;

    if (a == NULL)
        return 0;
    if ((a->type & ~V_ASN1_NEG) != V_ASN1_INTEGER)
        return -1;
    SHIM_ENSURE(a->length <= (int)sizeof(long), ERR_LIB_ASN1, ASN1_R_TOO_LARGE, -1);
    for (i = 0; i < a->length; i++)
        value = (value << 8) | a->data[i];
    SHIM_ENSURE(value <= LONG_MAX, ERR_LIB_ASN1, ASN1_R_TOO_LARGE, -1);
    return (a->type & V_ASN1_NEG) ? -(long)value : (long)value;
}

/* ---- DER output ----------------------------------------------------------------------- */

int shim_i2d_out(const unsigned char *der, size_t len, unsigned char **out, int lib)
{
    SHIM_ENSURE(len <= INT_MAX, lib, ERR_R_INTERNAL_ERROR, -1);
    if (out == NULL)
        return (int)len;
    if (*out == NULL) {
        *out = shim_malloc(len > 0 ? len : 1);
        SHIM_ENSURE(*out != NULL, lib, ERR_R_MALLOC_FAILURE, -1);
        memcpy(*out, der, len);
    } else {
        memcpy(*out, der, len);
        *out += len;
    }
    return (int)len;
}

/* ---- Times --------------------------------------------------------------------------- */

/* RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
ASN1_TIME *shim_asn1_time(int year, int month, int day, int hour, int minute, int second)
{
    char text[32];
    int utc = year >= 1950 && year < 2050;

    if (utc)
        snprintf(text, sizeof(text), "%02d%02d%02d%02d%02d%02dZ", year % 100, month, day, hour,
                 minute, second);
    else
        snprintf(text, sizeof(text), "%04d%02d%02d%02d%02d%02dZ", year, month, day, hour, minute,
                 second);
    return shim_asn1_string(utc ? V_ASN1_UTCTIME : V_ASN1_GENERALIZEDTIME,
                            (const unsigned char *)text, strlen(text));
}

/* n decimal digits at p; -1 if they are not all digits. */
static int digits(const unsigned char *p, int n)
{
    int value = 0;
    int i;

    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        value = value * 10 + (p[i] - '0');
    }
    return value;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return month == 2 && leap ? 29 : days[month - 1];
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long days_from_civil(int year, int month, int day)
{
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

/* A time's fields in tm (UTC); 0 if it is not a valid time. Accepts what
 * certificates carry: YYMMDDHHMM[SS]Z and YYYYMMDDHHMM[SS][.fff]Z. */
static int time_fields(const ASN1_TIME *t, struct tm *tm)
{
    const unsigned char *p = t->data;
    int len = t->length;
    int year;
    int pos;

    if (p == NULL)
        return 0;
    if (t->type == V_ASN1_UTCTIME) {
        if (len < 11 || (year = digits(p, 2)) < 0)
            return 0;
        year += year < 50 ? 2000 : 1900;
        pos = 2;
    } else if (t->type == V_ASN1_GENERALIZEDTIME) {
        if (len < 13 || (year = digits(p, 4)) < 0)
            return 0;
        pos = 4;
    } else {
        return 0;
    }
    memset(tm, 0, sizeof(*tm));
    tm->tm_year = year - 1900;
    tm->tm_mon = digits(p + pos, 2) - 1;
    tm->tm_mday = digits(p + pos + 2, 2);
    tm->tm_hour = digits(p + pos + 4, 2);
    tm->tm_min = digits(p + pos + 6, 2);
    pos += 8;
    if (pos + 2 <= len && p[pos] >= '0' && p[pos] <= '9') {
        tm->tm_sec = digits(p + pos, 2);
        pos += 2;
    }
    if (t->type == V_ASN1_GENERALIZEDTIME && pos < len && p[pos] == '.') {
        pos++;
        while (pos < len && p[pos] >= '0' && p[pos] <= '9')
            pos++;
    }
    if (pos != len - 1 || p[pos] != 'Z')
        return 0;
    if (tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1 ||
        tm->tm_mday > days_in_month(year, tm->tm_mon + 1) || tm->tm_hour < 0 ||
        tm->tm_hour > 23 || tm->tm_min < 0 || tm->tm_min > 59 || tm->tm_sec < 0 ||
        tm->tm_sec > 59)
        return 0;
    {
        long days = days_from_civil(year, tm->tm_mon + 1, tm->tm_mday);

        tm->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
        tm->tm_yday = (int)(days - days_from_civil(year, 1, 1));
    }
    return 1;
}

/* Seconds since the epoch of broken-down UTC time. */
static long long tm_seconds(const struct tm *tm)
{
    return (long long)days_from_civil(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday) * 86400 +
           tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

/* Broken-down UTC time of seconds since the epoch (no gmtime_r: it is not
 * everywhere this library runs). */
void shim_tm_from_seconds(long long secs, struct tm *tm)
{
    /* One 64-bit division; the civil date fits in 32-bit arithmetic. */
    long days = (long)(secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));
    long rem = (long)(secs - (long long)days * 86400);
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    int year = (int)(yoe + era * 400 + (month <= 2));

    memset(tm, 0, sizeof(*tm));
    tm->tm_year = year - 1900;
    tm->tm_mon = month - 1;
    tm->tm_mday = day;
    tm->tm_hour = (int)(rem / 3600);
    tm->tm_min = (int)(rem % 3600 / 60);
    tm->tm_sec = (int)(rem % 60);
    tm->tm_wday = (int)((days % 7 + 11) % 7);
    tm->tm_yday = (int)(days - days_from_civil(year, 1, 1));
}

static void now_tm(struct tm *tm)
{
    shim_tm_from_seconds((long long)shim_now(), tm);
}

SHIM_EXPORT int ASN1_TIME_to_tm(const ASN1_TIME *s, struct tm *tm)
{
    if (s == NULL) {
        now_tm(tm);
        return 1;
    }
    return time_fields(s, tm);
}

SHIM_EXPORT int ASN1_TIME_check(const ASN1_TIME *t)
{
    struct tm tm;

    return t != NULL && time_fields(t, &tm);
}

SHIM_EXPORT int ASN1_TIME_print(BIO *bp, const ASN1_TIME *tm)
{
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm fields;

    SHIM_ENSURE_ARG(bp, ERR_LIB_ASN1, 0);
    if (tm == NULL || !time_fields(tm, &fields)) {
        BIO_write(bp, "Bad time value", 14);
        return 0;
    }
    return BIO_printf(bp, "%s %2d %02d:%02d:%02d %d GMT", months[fields.tm_mon], fields.tm_mday,
                      fields.tm_hour, fields.tm_min, fields.tm_sec, fields.tm_year + 1900) > 0;
}

SHIM_EXPORT int ASN1_TIME_diff(int *pday, int *psec, const ASN1_TIME *from, const ASN1_TIME *to)
{
    struct tm a;
    struct tm b;
    long long diff;

    if (!ASN1_TIME_to_tm(from, &a) || !ASN1_TIME_to_tm(to, &b)) {
        SHIM_ERR(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE);
        return 0;
    }
    diff = tm_seconds(&b) - tm_seconds(&a);
    if (pday != NULL)
        *pday = (int)(diff / 86400);
    if (psec != NULL)
        *psec = (int)(diff % 86400);
    return 1;
}

int shim_asn1_time_cmp_now(const ASN1_TIME *t, const time_t *when)
{
    struct tm fields;
    long long at = (long long)(when != NULL ? *when : shim_now());

    if (t == NULL || !time_fields(t, &fields))
        return 0;
    /* OpenSSL: -1 when the time is before or at the moment, else 1. */
    return tm_seconds(&fields) <= at ? -1 : 1;
}
