/* cmd_match.c -- STUB: 'cordon match' is not implemented yet. */
#include "cli.h"

const char cmd_match_help[] =
    "usage: cordon match ...\n\n(not implemented yet)\n";

int cmd_match(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("match", "not implemented yet");
    return CLI_EXIT_USAGE;
}
