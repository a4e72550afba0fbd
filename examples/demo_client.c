/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A TLS client written the way long-lived OpenSSL programs are: OpenSSL 1.0
 * initialisation, SSLv23_client_method(), SSL_set_fd() on a connected
 * socket, SNI and host name check, verification against a CA file. It
 * builds unchanged against OpenSSL or this library.
 *
 * usage: demo_client CAFILE PORT [tls1.2]
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

int main(int argc, char **argv)
{
    struct sockaddr_in addr;
    SSL_CTX *ctx;
    SSL *ssl = NULL;
    char reply[256];
    const char *msg = "hello from the client";
    long verify;
    int fd = -1;
    int n;
    int status = 1;

    if (argc < 3) {
        fprintf(stderr, "usage: %s CAFILE PORT [tls1.2]\n", argv[0]);
        return 2;
    }
    SSL_library_init();
    SSL_load_error_strings();

    ctx = SSL_CTX_new(SSLv23_client_method());
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, argv[1], NULL) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (argc > 3 && strcmp(argv[3], "tls1.2") == 0)
        SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((unsigned short)atoi(argv[2]));
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
        perror("connect");
        goto done;
    }
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    if (SSL_connect(ssl) != 1) {
        fprintf(stderr, "client: handshake failed, verify result %ld\n",
                SSL_get_verify_result(ssl));
        ERR_print_errors_fp(stderr);
        goto done;
    }
    verify = SSL_get_verify_result(ssl);
    printf("client: protocol %s, cipher %s, verify result %ld (%s)\n", SSL_get_version(ssl),
           SSL_get_cipher(ssl), verify, X509_verify_cert_error_string(verify));
    if (SSL_write(ssl, msg, (int)strlen(msg)) <= 0) {
        ERR_print_errors_fp(stderr);
        goto done;
    }
    n = SSL_read(ssl, reply, sizeof(reply) - 1);
    if (n <= 0) {
        ERR_print_errors_fp(stderr);
        goto done;
    }
    reply[n] = '\0';
    printf("client: received \"%s\"\n", reply);
    if (SSL_shutdown(ssl) == 0)
        SSL_shutdown(ssl);
    status = 0;
done:
    SSL_free(ssl);
    if (fd >= 0)
        close(fd);
    SSL_CTX_free(ctx);
    return status;
}
