/*
 * routes.h - the one routing table. Each row names the method, the path
 * pattern ({id} matches a positive integer), who may use it, and the
 * handler. The router checks all of that — and the CSRF token of every
 * POST, and for reporters that the object belongs to their unit — before a
 * handler runs. Authorisation lives here and nowhere else.
 */
#ifndef SHISHI_ROUTES_H
#define SHISHI_ROUTES_H

#include <stddef.h>

#include "web/request.h"

#define ALLOW(role) (1u << (role))
#define ALLOW_PUBLIC ALLOW(ROLE_PUBLIC)
#define ALLOW_ADMIN ALLOW(ROLE_ADMIN)
#define ALLOW_REPORTER ALLOW(ROLE_REPORTER)
#define ALLOW_VIEWER ALLOW(ROLE_VIEWER)
#define ALLOW_USERS (ALLOW_ADMIN | ALLOW_REPORTER | ALLOW_VIEWER)
#define ALLOW_ALL (ALLOW_USERS | ALLOW_PUBLIC)

enum RouteFlags {
    RF_NONE = 0,
    RF_FIRST_LOGIN = 1,  /* usable while the account must still change its password */
    RF_GUEST_ONLY = 2,   /* logged-in users are sent to the home page (the login form) */
};

typedef void (*Handler)(Request *r);
/* For reporters: the unit owning the object the path names (0 when there
 * is no such object: 404). The router refuses a reporter of another unit. */
typedef Id (*UnitOf)(Request *r);

struct Route {
    enum Method method;     /* METHOD_GET also answers HEAD */
    const char *pattern;    /* "/project/{id}" */
    unsigned allow;         /* ALLOW_* mask */
    unsigned flags;         /* RF_* */
    Handler handler;
    UnitOf unit_of;         /* NULL: not unit-scoped */
    const char *summary;    /* for `shishi routes` and the docs */
};

/* The table, for `shishi routes` and the tests that walk it. */
const Route *router_routes(size_t *n);

/* Loads the session, finds the route, checks role, ownership and CSRF,
 * runs the handler; leaves the response in r. */
void router_dispatch(Request *r);

#endif
