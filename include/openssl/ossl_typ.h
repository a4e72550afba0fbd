/* SPDX-License-Identifier: Apache-2.0 */
/* OpenSSL 1.1 name of <openssl/types.h>, kept for legacy programs. */
#include <openssl/types.h>
