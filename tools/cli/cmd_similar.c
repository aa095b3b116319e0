/* cmd_similar.c -- STUB: 'cordon similar' is not implemented yet. */
#include "cli.h"

const char cmd_similar_help[] =
    "usage: cordon similar ...\n\n(not implemented yet)\n";

int cmd_similar(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("similar", "not implemented yet");
    return CLI_EXIT_USAGE;
}
