/*
 * cli.h -- shared pieces of the cordon command-line tool.
 *
 * Every subcommand lives in tools/cli/cmd_NAME.c and defines
 *   int cmd_NAME(int argc, char **argv);   argv[0] is the subcommand name
 *   extern const char cmd_NAME_help[];     its manual text (cordon help NAME)
 * and is registered in the table in main.c.  The CLI uses only the public
 * headers in include/cordon/.
 *
 * Exit codes shared by all subcommands (docs/man/cordon.md):
 *   0 success / nothing controlled, 1 something controlled (screen),
 *   2 usage or I/O error, 3 some records could not be read.
 */
#ifndef CORDON_CLI_H
#define CORDON_CLI_H

#include <stdio.h>

#define CLI_EXIT_OK 0
#define CLI_EXIT_HIT 1
#define CLI_EXIT_USAGE 2
#define CLI_EXIT_BADREC 3

/* Prints "cordon NAME: message" and a hint to stderr; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints "cordon NAME: message" to stderr. */
void cli_warn(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Writes s as a JSON string literal (with quotes) to f. */
void cli_json_str(FILE *f, const char *s);

#define CLI_COMMANDS(X)                                                        \
    X(convert, "convert molecules between SMILES, MOL/SDF, InChI, InChIKey")   \
    X(inspect, "print atoms and bonds as perceived, one JSON object a line")   \
    X(match, "find records that match SMARTS patterns")                        \
    X(similar, "rank records by fingerprint similarity to a query")            \
    X(screen, "screen molecules against the law: controlled where and why")    \
    X(explain, "explain the verdict for one substance")                        \
    X(lookup, "look a substance up by name or CAS number")                     \
    X(kb, "check, export and summarise the knowledge base")                    \
    X(diff, "what one jurisdiction controls and another does not")             \
    X(timeline, "every change of legal status of one substance")

#define CLI_DECLARE(name, summary)                                             \
    int cmd_##name(int argc, char **argv);                                     \
    extern const char cmd_##name##_help[];
CLI_COMMANDS(CLI_DECLARE)
#undef CLI_DECLARE

#endif /* CORDON_CLI_H */
