/* main.c -- the cordon binary: global options and subcommand dispatch. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cordon/cordon.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
    const char *summary;
};

#define CLI_ENTRY(name, summary)                                               \
    {#name, cmd_##name, cmd_##name##_help, summary},
static const struct command commands[] = {CLI_COMMANDS(CLI_ENTRY)};
#undef CLI_ENTRY
#define NCOMMANDS (sizeof commands / sizeof commands[0])

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "cordon%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'cordon help%s%s'.\n", cmd ? " " : "",
            cmd ? cmd : "");
    return CLI_EXIT_USAGE;
}

void cli_warn(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "cordon%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void print_usage(FILE *f)
{
    size_t i;
    fprintf(f, "usage: cordon [--version] [--help] COMMAND [ARGS...]\n\n"
               "cordon tells whether a chemical is a controlled substance in "
               "a given\njurisdiction on a given date, and why.\n\n"
               "Commands:\n");
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nRun 'cordon help COMMAND' for a command's options, output "
               "and exit codes.\n");
}

static const struct command *find(const char *name)
{
    size_t i;
    for (i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

static int help(int argc, char **argv)
{
    const struct command *c;
    if (argc < 2) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    c = find(argv[1]);
    if (!c)
        return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
    fputs(c->help, stdout);
    return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    const struct command *c;
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("cordon %s\n", cordon_version());
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "help"))
        return help(argc - 1, argv + 1);
    if (argv[1][0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
    c = find(argv[1]);
    if (!c)
        return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
    if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
        fputs(c->help, stdout);
        return CLI_EXIT_OK;
    }
    return c->run(argc - 1, argv + 1);
}
