/* SPDX-License-Identifier: Apache-2.0 */
/* shim/asn1.c as a device uses it: broken-down UTC time without gmtime_r,
 * checked against the C library's over 1900-2200. */
#define _POSIX_C_SOURCE 200809L

#include <string.h>
#include <time.h>

#include "internal.h"
#include "testlib.h"

static int same_tm(const struct tm *a, const struct tm *b)
{
    return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon && a->tm_mday == b->tm_mday &&
           a->tm_hour == b->tm_hour && a->tm_min == b->tm_min && a->tm_sec == b->tm_sec &&
           a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday;
}

static int utc_time_without_gmtime(void)
{
    /* 1900-01-01 to 2200-01-01, in steps that visit every hour, minute,
     * second, weekday and leap day over the range. */
    const long long from = -2208988800LL;
    const long long to = 7258118400LL;
    long long t;
    int ok = 0;

    for (t = from; t < to; t += 86400LL * 3 + 3661) {
        struct tm ours;
        struct tm libc;
        time_t tt = (time_t)t;

        shim_tm_from_seconds(t, &ours);
        CHECK(gmtime_r(&tt, &libc) != NULL);
        if (!same_tm(&ours, &libc))
            fprintf(stderr, "  at %lld\n", t);
        CHECK(same_tm(&ours, &libc));
    }
    ok = 1;
out:
    return ok;
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        {"UTC time without gmtime_r", utc_time_without_gmtime},
    };

    return test_main(argc, argv, cases, sizeof(cases) / sizeof(cases[0]));
}
