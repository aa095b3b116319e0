/* cmd_convert.c -- STUB: 'cordon convert' is not implemented yet. */
#include "cli.h"

const char cmd_convert_help[] =
    "usage: cordon convert ...\n\n(not implemented yet)\n";

int cmd_convert(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("convert", "not implemented yet");
    return CLI_EXIT_USAGE;
}
