/* cmd_diff.c -- STUB: 'cordon diff' is not implemented yet. */
#include "cli.h"

const char cmd_diff_help[] =
    "usage: cordon diff ...\n\n(not implemented yet)\n";

int cmd_diff(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("diff", "not implemented yet");
    return CLI_EXIT_USAGE;
}
