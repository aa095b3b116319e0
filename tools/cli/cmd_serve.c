/* cmd_serve.c -- STUB: 'cordon serve' is not implemented yet. */
#include "cli.h"

const char cmd_serve_help[] =
    "usage: cordon serve ...\n\n(not implemented yet)\n";

int cmd_serve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_warn("serve", "not implemented yet");
    return CLI_EXIT_USAGE;
}
