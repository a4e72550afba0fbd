/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A TLS server written the way long-lived OpenSSL programs are: OpenSSL 1.0
 * initialisation, SSLv23_server_method(), SSL_set_fd() on an accepted socket.
 * It builds unchanged against OpenSSL or this library.
 *
 * usage: demo_server CERT KEY PORTFILE
 * Listens on 127.0.0.1 (a free port, written to PORTFILE), serves one client:
 * prints what was negotiated, answers one line, closes.
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

static int listen_loopback(const char *portfile)
{
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    FILE *f;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(fd, 1) != 0 ||
        getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
        perror("listen");
        return -1;
    }
    f = fopen(portfile, "w");
    if (f == NULL) {
        perror(portfile);
        return -1;
    }
    fprintf(f, "%d\n", ntohs(addr.sin_port));
    fclose(f);
    return fd;
}

int main(int argc, char **argv)
{
    SSL_CTX *ctx;
    SSL *ssl = NULL;
    char line[256];
    int listener;
    int fd = -1;
    int n;
    int status = 1;

    if (argc != 4) {
        fprintf(stderr, "usage: %s CERT KEY PORTFILE\n", argv[0]);
        return 2;
    }
    SSL_library_init();
    SSL_load_error_strings();
    OpenSSL_add_all_algorithms();

    ctx = SSL_CTX_new(SSLv23_server_method());
    if (ctx == NULL || SSL_CTX_use_certificate_chain_file(ctx, argv[1]) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, argv[2], SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    listener = listen_loopback(argv[3]);
    if (listener < 0)
        goto done;
    fd = accept(listener, NULL, NULL);
    close(listener);
    if (fd < 0) {
        perror("accept");
        goto done;
    }
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) != 1) {
        fprintf(stderr, "server: handshake failed\n");
        ERR_print_errors_fp(stderr);
        goto done;
    }
    printf("server: protocol %s, cipher %s\n", SSL_get_version(ssl), SSL_get_cipher(ssl));
    n = SSL_read(ssl, line, sizeof(line) - 1);
    if (n <= 0) {
        ERR_print_errors_fp(stderr);
        goto done;
    }
    line[n] = '\0';
    printf("server: received \"%s\"\n", line);
    snprintf(line, sizeof(line), "hello from the server over %s", SSL_get_version(ssl));
    if (SSL_write(ssl, line, (int)strlen(line)) <= 0) {
        ERR_print_errors_fp(stderr);
        goto done;
    }
    /* Close as OpenSSL programs do: send close_notify, then wait for the
     * client's. */
    if (SSL_shutdown(ssl) == 0)
        SSL_shutdown(ssl);
    status = 0;
done:
    SSL_free(ssl);
    if (fd >= 0)
        close(fd);
    SSL_CTX_free(ctx);
    fflush(stdout);
    return status;
}
