/* cmd_kb.c -- STUB: 'cordon kb' is not implemented yet. */
#include "cli.h"

const char cmd_kb_help[] =
    "usage: cordon kb ...\n\n(not implemented yet)\n";

int cmd_kb(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("kb", "not implemented yet");
    return CLI_EXIT_USAGE;
}
