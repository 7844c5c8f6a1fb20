/* assets.c - static files compiled into the binary. See assets.h. */
#include "web/assets.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lib/embed.h"
#include "web/cache.h"

extern const EmbeddedFile asset_files[];

static char stylesheet_url[64];
static pthread_once_t url_once = PTHREAD_ONCE_INIT;

/* FNV-1a: a content fingerprint for the URL, not security */
static uint32_t fingerprint(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

static void make_url(void)
{
    const EmbeddedFile *f = embed_find(asset_files, "style.css");
    snprintf(stylesheet_url, sizeof stylesheet_url, "/static/style.css?v=%08x",
             f ? fingerprint(f->data, f->len) : 0u);
}

const char *assets_stylesheet_url(void)
{
    pthread_once(&url_once, make_url);
    return stylesheet_url;
}

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".css") == 0) return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".svg") == 0) return "image/svg+xml";
    if (dot && strcmp(dot, ".png") == 0) return "image/png";
    if (dot && strcmp(dot, ".ico") == 0) return "image/x-icon";
    return "application/octet-stream";
}

void page_static(Request *r)
{
    const char *name = r->path + strlen("/static/");
    const EmbeddedFile *f = strchr(name, '/') ? NULL : embed_find(asset_files, name);
    if (!f) {
        resp_error(r, 404, "文件不存在");
        return;
    }
    size_t idx = (size_t)(f - asset_files);
    /* embedded files never change while the process runs: version 1 */
    if (cache_lookup(r, CACHE_STYLESHEET, (Id)idx, 1)) return;
    r->status = 200;
    r->content_type_out = mime_of(name);
    buf_append(&r->body, f->data, f->len);
    resp_header(r, "Cache-Control", "public, max-age=31536000, immutable");
}
