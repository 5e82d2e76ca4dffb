/* httpd.h - a small HTTP/1.1 server for documents generated in memory (libmicrohttpd).
 *
 * Every libmicrohttpd call of chronicle lives in httpd.c; the rest of the program sees requests
 * and responses as the plain structs below. The server reads no files: a handler answers each
 * request with headers and a body it holds in memory (a GBytes).
 *
 * What the module does by itself: it answers any method other than GET and HEAD with 405 and
 * "Allow: GET, HEAD" without calling the handler, never reads a request body, answers HEAD with
 * the headers and Content-Length of the GET response and no body, and adds Date. It limits the
 * number of connections, their idle time and the memory a request may use (see
 * cli_httpd_options).
 *
 * Threads: the handler runs on the server's own threads, several at a time; it must be
 * thread-safe. cli_httpd_start() returns once the socket is bound and listening.
 *
 * Ownership: the handler fills a caller-provided cli_httpd_response through the setters, which
 * copy strings and take a reference to the body. cli_httpd_stop(NULL) is a no-op.
 */
#ifndef CHRON_CLI_HTTPD_H
#define CHRON_CLI_HTTPD_H

#include <gio/gio.h>

typedef struct cli_httpd cli_httpd;

/* One request, valid only during the handler call. */
typedef struct cli_httpd_request {
    const char *method; /* "GET" or "HEAD" */
    const char *path;   /* the path as sent, percent-decoded, without the query string */
    void *priv;         /* the connection, for cli_httpd_request_header() */
} cli_httpd_request;

/* A request header's value (case-insensitive name), or NULL. Borrowed, valid during the call. */
const char *cli_httpd_request_header(const cli_httpd_request *req, const char *name);

/* The answer a handler fills in; status 0 means 500. */
typedef struct cli_httpd_response {
    guint status;
    GBytes *body;      /* NULL: no body; owned (set it with cli_httpd_response_set_body) */
    GPtrArray *header; /* name, value, name, value, ...: owned copies */
} cli_httpd_response;

/* Sets the status and the body (a new reference is taken; body may be NULL). */
void cli_httpd_response_set_body(cli_httpd_response *resp, guint status, GBytes *body);
/* Adds a header (both strings copied). */
void cli_httpd_response_add_header(cli_httpd_response *resp, const char *name, const char *value);

typedef void (*cli_httpd_handler)(const cli_httpd_request *req, cli_httpd_response *resp,
                                  gpointer data);

typedef struct cli_httpd_options {
    GInetSocketAddress *address; /* where to listen; port 0 picks a free one */
    guint connection_limit;      /* simultaneous connections; 256 when 0 */
    guint timeout;               /* seconds a connection may stay idle; 10 when 0 */
    gsize memory_limit;          /* bytes a request (line and headers) may use; 16 KiB when 0 */
    guint threads;               /* worker threads; the number of processors (at most 4) when 0 */
} cli_httpd_options;

/* Binds and starts serving; handler is called for every GET and HEAD request. Returns NULL and
 * sets error when the address cannot be used. */
cli_httpd *cli_httpd_start(const cli_httpd_options *opt, cli_httpd_handler handler, gpointer data,
                           GError **error);
/* The port the server listens on (the real one when 0 was asked for). */
guint16 cli_httpd_port(const cli_httpd *h);
/* Stops accepting, waits for the requests in progress to end and frees the server. */
void cli_httpd_stop(cli_httpd *h);

#endif
