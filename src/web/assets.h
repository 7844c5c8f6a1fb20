/*
 * assets.h - the files compiled into the binary from src/web/assets/ (the
 * stylesheet), served under /static/ with a content hash in their URL so
 * browsers may keep them.
 */
#ifndef SHISHI_ASSETS_H
#define SHISHI_ASSETS_H

#include "web/request.h"

/* "/static/style.css?v=<hash>" */
const char *assets_stylesheet_url(void);
/* GET /static/{name} */
void page_static(Request *r);

#endif
