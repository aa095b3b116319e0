/* cmd_inspect.c -- STUB: 'cordon inspect' is not implemented yet. */
#include "cli.h"

const char cmd_inspect_help[] =
    "usage: cordon inspect ...\n\n(not implemented yet)\n";

int cmd_inspect(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("inspect", "not implemented yet");
    return CLI_EXIT_USAGE;
}
