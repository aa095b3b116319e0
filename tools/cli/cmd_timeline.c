/* cmd_timeline.c -- STUB: 'cordon timeline' is not implemented yet. */
#include "cli.h"

const char cmd_timeline_help[] =
    "usage: cordon timeline ...\n\n(not implemented yet)\n";

int cmd_timeline(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("timeline", "not implemented yet");
    return CLI_EXIT_USAGE;
}
