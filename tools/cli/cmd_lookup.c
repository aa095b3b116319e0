/* cmd_lookup.c -- STUB: 'cordon lookup' is not implemented yet. */
#include "cli.h"

const char cmd_lookup_help[] =
    "usage: cordon lookup ...\n\n(not implemented yet)\n";

int cmd_lookup(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("lookup", "not implemented yet");
    return CLI_EXIT_USAGE;
}
