/* cmd_screen.c -- STUB: 'cordon screen' is not implemented yet. */
#include "cli.h"

const char cmd_screen_help[] =
    "usage: cordon screen ...\n\n(not implemented yet)\n";

int cmd_screen(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("screen", "not implemented yet");
    return CLI_EXIT_USAGE;
}
