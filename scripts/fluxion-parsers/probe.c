/*
 * Asks flux-core's libhostlist and libidset (the libraries Fluxion calls for R,
 * RFC 31 hostlist/ranks constraints and resource-query) how they read a text.
 * One request per input line, fields separated by a TAB (or, when the line has a \x1f, by \x1f):
 *   H <hostlist>           hostlist_decode: "ok <count> <encode> <hosts...>" or "err <errno>"
 *   F <hostlist> <name>    hostlist_find after hostlist_decode: "ok <index>" / "err ..."
 *   A <hostlist>           hostlist_append onto an empty list (the constraint path)
 *   I <idset>              idset_decode_ex: "ok <count> <encode>" or "err <errno> <text>"
 *   T <idset> <id>         idset_test after idset_decode: "ok 1|0" / "err ..."
 * Written for flux4j's parity tests; see run.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <flux/hostlist.h>
#include <flux/idset.h>

static void print_hosts (struct hostlist *hl)
{
    int n = hostlist_count (hl);
    char *enc = hostlist_encode (hl);
    printf ("ok %d %s", n, enc ? enc : "(null)");
    free (enc);
    for (int i = 0; i < n && i < 12; i++)
        printf (" %s", hostlist_nth (hl, i));
    if (n > 12)
        printf (" ...");
    printf ("\n");
}

int main (void)
{
    char line[65536];
    while (fgets (line, sizeof (line), stdin)) {
        line[strcspn (line, "\n")] = '\0';
        const char *sep = strchr (line, 0x1f) ? "\x1f" : "\t";
        char *op = strtok (line, sep);
        char *a = strtok (NULL, sep);
        char *b = strtok (NULL, sep);
        if (!op)
            continue;
        if (!a)
            a = "";
        errno = 0;
        if (op[0] == 'H' || op[0] == 'A') {
            struct hostlist *hl;
            if (op[0] == 'H')
                hl = hostlist_decode (a);
            else {
                hl = hostlist_create ();
                if (hostlist_append (hl, a) < 0) {
                    hostlist_destroy (hl);
                    hl = NULL;
                }
            }
            if (!hl)
                printf ("err %d\n", errno);
            else {
                print_hosts (hl);
                hostlist_destroy (hl);
            }
        } else if (op[0] == 'F') {
            struct hostlist *hl = hostlist_decode (a);
            if (!hl)
                printf ("err %d\n", errno);
            else {
                printf ("ok %d\n", hostlist_find (hl, b ? b : ""));
                hostlist_destroy (hl);
            }
        } else if (op[0] == 'I') {
            idset_error_t error;
            error.text[0] = '\0';
            struct idset *ids = idset_decode_ex (a, -1, 0, IDSET_FLAG_AUTOGROW, &error);
            if (!ids)
                printf ("err %d %s\n", errno, error.text);
            else {
                char *enc = idset_encode (ids, IDSET_FLAG_RANGE);
                printf ("ok %zu %s\n", idset_count (ids), enc ? enc : "(null)");
                free (enc);
                idset_destroy (ids);
            }
        } else if (op[0] == 'T') {
            struct idset *ids = idset_decode (a);
            if (!ids)
                printf ("err %d\n", errno);
            else {
                printf ("ok %d\n", idset_test (ids, (unsigned int) strtoul (b, NULL, 10)) ? 1 : 0);
                idset_destroy (ids);
            }
        }
        fflush (stdout);
    }
    return 0;
}
