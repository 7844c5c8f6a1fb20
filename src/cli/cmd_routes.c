/* cmd_routes.c - `shishi routes`: the routing table with who may use each
 * route, for the docs and for the tests that walk every route. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/vocab.h"
#include "web/routes.h"

int cmd_routes(const CliCommand *cmd, Arena *a, int argc, char **argv)
{
    (void)a;
    int n_pos, rc = cli_parse(cmd, argc, argv, NULL, NULL, 0, &n_pos);
    if (rc) return rc;
    size_t n;
    const Route *routes = router_routes(&n);
    for (size_t i = 0; i < n; i++) {
        printf("%s\t%s\t", routes[i].method == METHOD_POST ? "POST" : "GET", routes[i].pattern);
        const char *sep = "";
        for (int role = 0; role < ROLE__MAX; role++)
            if (routes[i].allow & ALLOW(role)) {
                printf("%s%s", sep, role_name((enum Role)role));
                sep = ",";
            }
        printf("\t%s%s\t%s\n", routes[i].unit_of ? "own-unit" : "-",
               routes[i].flags & RF_GUEST_ONLY ? ",guest-only" : "", routes[i].summary);
    }
    return EXIT_OK;
}
