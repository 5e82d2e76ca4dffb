/* httpd.c - the HTTP server behind chronicle serve: the only file that talks to libmicrohttpd. */
#include "httpd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

struct cli_httpd {
    struct MHD_Daemon *daemon;
    cli_httpd_handler handler;
    gpointer data;
    guint16 port;
};

const char *cli_httpd_request_header(const cli_httpd_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->priv, MHD_HEADER_KIND, name);
}

void cli_httpd_response_set_body(cli_httpd_response *resp, guint status, GBytes *body)
{
    resp->status = status;
    if (body)
        g_bytes_ref(body);
    if (resp->body)
        g_bytes_unref(resp->body);
    resp->body = body;
}

void cli_httpd_response_add_header(cli_httpd_response *resp, const char *name, const char *value)
{
    g_ptr_array_add(resp->header, g_strdup(name));
    g_ptr_array_add(resp->header, g_strdup(value));
}

static void unref_bytes(void *bytes)
{
    g_bytes_unref(bytes);
}

/* Hands resp to libmicrohttpd, which keeps a reference to the body until it is sent. */
static enum MHD_Result queue(struct MHD_Connection *conn, const cli_httpd_response *resp)
{
    struct MHD_Response *r = NULL;
    gsize len = resp->body ? g_bytes_get_size(resp->body) : 0;
    if (len > 0) {
        GBytes *body = g_bytes_ref(resp->body);
        r = MHD_create_response_from_buffer_with_free_callback_cls(
            len, (void *)g_bytes_get_data(body, NULL), unref_bytes, body);
        if (!r)
            g_bytes_unref(body);
    } else {
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    if (!r)
        return MHD_NO;
    for (guint i = 0; i + 1 < resp->header->len; i += 2)
        MHD_add_response_header(r, g_ptr_array_index(resp->header, i),
                                g_ptr_array_index(resp->header, i + 1));
    enum MHD_Result ret = MHD_queue_response(conn, resp->status ? resp->status : 500, r);
    MHD_destroy_response(r);
    return ret;
}

static void answer_static(cli_httpd_response *resp, guint status, const char *text)
{
    GBytes *body = g_bytes_new_static(text, strlen(text));
    cli_httpd_response_set_body(resp, status, body);
    g_bytes_unref(body);
    cli_httpd_response_add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
}

/* libmicrohttpd's access handler. The first call comes with the request line and headers: a
 * request that is not GET or HEAD, or that announces a body, is answered there and then, which
 * makes libmicrohttpd close the connection without reading the body. Any other request is
 * answered on the next call (answering on the first call would also close the connection, and
 * keep-alive matters for calendar clients and benchmarks alike). */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    static char headers_seen; /* *req_cls marks a request whose first call is done */
    cli_httpd *h = cls;
    cli_httpd_response resp = {0, NULL, g_ptr_array_new_with_free_func(g_free)};
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
        answer_static(&resp, MHD_HTTP_METHOD_NOT_ALLOWED,
                      "405 method not allowed: only GET and HEAD\n");
        cli_httpd_response_add_header(&resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    } else if (!*req_cls) {
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if ((cl && strcmp(cl, "0") != 0) ||
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
            answer_static(&resp, 413, "413 this server takes no request bodies\n");
        else {
            *req_cls = &headers_seen;
            g_ptr_array_unref(resp.header);
            return MHD_YES;
        }
    } else if (*upload_data_size != 0) {
        g_ptr_array_unref(resp.header);
        return MHD_NO; /* a body nobody announced: drop the connection */
    } else {
        cli_httpd_request req = {method, url, conn};
        h->handler(&req, &resp, h->data);
    }
    enum MHD_Result ret = queue(conn, &resp);
    if (resp.body)
        g_bytes_unref(resp.body);
    g_ptr_array_unref(resp.header);
    return ret;
}

/* libmicrohttpd's messages (bind failures, dropped connections) go to stderr with our prefix. */
static void log_message(void *cls, const char *fmt, va_list ap)
{
    char *msg = g_strdup_vprintf(fmt, ap);
    g_strchomp(msg);
    fprintf(stderr, "chronicle serve: httpd: %s\n", msg);
    g_free(msg);
}

cli_httpd *cli_httpd_start(const cli_httpd_options *opt, cli_httpd_handler handler, gpointer data,
                           GError **error)
{
    struct sockaddr_storage addr;
    if (!g_socket_address_to_native(G_SOCKET_ADDRESS(opt->address), &addr, sizeof addr, error))
        return NULL;
    guint threads = opt->threads ? opt->threads : CLAMP(g_get_num_processors(), 1, 4);
    unsigned int flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
    if (addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    cli_httpd *h = g_new0(cli_httpd, 1);
    h->handler = handler;
    h->data = data;
    h->daemon = MHD_start_daemon(
        flags, g_inet_socket_address_get_port(opt->address), NULL, NULL, on_request, h,
        MHD_OPTION_EXTERNAL_LOGGER, log_message, NULL, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)(opt->connection_limit ? opt->connection_limit : 256),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)(opt->timeout ? opt->timeout : 10),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(opt->memory_limit ? opt->memory_limit : 16 * 1024), MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned int)threads, MHD_OPTION_END);
    if (!h->daemon) {
        char *where = g_socket_connectable_to_string(G_SOCKET_CONNECTABLE(opt->address));
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot listen on %s", where);
        g_free(where);
        g_free(h);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
    h->port = info ? info->port : g_inet_socket_address_get_port(opt->address);
    return h;
}

guint16 cli_httpd_port(const cli_httpd *h)
{
    return h->port;
}

void cli_httpd_stop(cli_httpd *h)
{
    if (!h)
        return;
    MHD_stop_daemon(h->daemon);
    g_free(h);
}
