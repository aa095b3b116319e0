/* cmd_explain.c -- STUB: 'cordon explain' is not implemented yet. */
#include "cli.h"

const char cmd_explain_help[] =
    "usage: cordon explain ...\n\n(not implemented yet)\n";

int cmd_explain(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("explain", "not implemented yet");
    return CLI_EXIT_USAGE;
}
