/* cmd_screen.c -- 'cordon screen': screen files of molecules against the
 * law (src/screen/ does the work; this file is options and terminal). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cordon/screen.h"
#include "kb_out.h"

const char cmd_screen_help[] =
    "usage: cordon screen [OPTIONS] [FILE...]\n"
    "\n"
    "Screens every molecule of the files (SMILES, SDF/MOL, InChI; plain or\n"
    "gzip; '-' or no FILE = standard input; detected automatically) and\n"
    "says, per record and in input order, whether it is controlled in each\n"
    "jurisdiction on the date, on what basis and under which provision.\n"
    "\n"
    "Options:\n"
    "  -j, --jurisdiction LIST  US,CN,UN,GB,CA,... or all (default all)\n"
    "  -d, --date YYYY-MM-DD    date of the law applied (default today, UTC)\n"
    "  -f, --format FMT         text | jsonl | csv | sdf (default text on a\n"
    "                           terminal, jsonl otherwise)\n"
    "  -t, --threads N          worker threads (default: all cores)\n"
    "      --only-hits          write only controlled and unreadable records\n"
    "      --input-format FMT   auto | smi | sdf | inchi (default auto)\n"
    "      --kb DIR             knowledge base directory (default built in)\n"
    "      --no-progress        no progress line on standard error\n"
    "      --no-alerts          skip analogue alerts (~40% less CPU;\n"
    "                           \"alerts\" stays []); csv and sdf never\n"
    "                           compute them\n"
    "\n"
    "JSON Lines output, one object per record:\n"
    "  {\"id\",\"input\",\"results\":[{\"jurisdiction\",\"date\",\"status\","
    "\"basis\",\n"
    "   \"schedule\",\"entry\",\"name\",\"limbs\",\"citation\","
    "\"effective_from\"}],\n"
    "   \"alerts\":[...]}\n"
    "  or, for a record that cannot be read,\n"
    "  {\"id\",\"record\",\"error\":{\"message\",\"offset\"}}\n"
    "status is controlled, precursor or not_controlled; basis listed,\n"
    "class or precursor.  A bad record never stops the run.\n"
    "\n"
    "Exit status: 0 nothing controlled; 1 at least one record controlled or\n"
    "a listed precursor (wins over 3); 3 some records could not be read and\n"
    "none is controlled; 2 usage or I/O error.\n"
    "See docs/man/cordon-screen.md.\n";

struct out {
    FILE *f;
};

static int write_out(void *ud, const char *s, size_t n)
{
    struct out *o = ud;
    return fwrite(s, 1, n, o->f) == n ? 0 : -1;
}

struct progress {
    double last;
    int shown;
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void hms(char *buf, size_t cap, double s)
{
    long t = (long)(s + 0.5);
    snprintf(buf, cap, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

/* "\r  1234567 records  250000 rec/s  0:00:05  ETA 0:00:12" on stderr. */
static void show_progress(void *ud, const cordon_screen_stats *st)
{
    struct progress *p = ud;
    double t = mono(), rate;
    char el[32], eta[48] = "";
    if (t - p->last < 0.2)
        return;
    p->last = t;
    rate = st->elapsed > 0 ? (double)st->records / st->elapsed : 0;
    hms(el, sizeof el, st->elapsed);
    if (st->bytes_total && st->bytes_read && st->elapsed > 0.5) {
        double frac = (double)st->bytes_read / (double)st->bytes_total;
        char rem[32];
        if (frac > 0 && frac <= 1) {
            hms(rem, sizeof rem, st->elapsed * (1 - frac) / frac);
            snprintf(eta, sizeof eta, "  %3.0f%%  ETA %s", frac * 100, rem);
        }
    }
    fprintf(stderr, "\r\033[K  %llu records  %.0f rec/s  %s%s",
            (unsigned long long)st->records, rate, el, eta);
    p->shown = 1;
}

struct args {
    const char *jur, *date, *format, *kb, *infmt;
    int threads, only_hits, no_progress, no_alerts;
    char **files;
    int nfiles;
};

static int parse_args(int argc, char **argv, struct args *a)
{
    int i, r;
    const char *v;
    memset(a, 0, sizeof *a);
    a->files = argv + 1;
    for (i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--only-hits")) {
            a->only_hits = 1;
            continue;
        }
        if (!strcmp(s, "--no-progress")) {
            a->no_progress = 1;
            continue;
        }
        if (!strcmp(s, "--no-alerts")) {
            a->no_alerts = 1;
            continue;
        }
#define OPT(l, sh, dst)                                                        \
    if ((r = kbcli_opt(argc, argv, &i, l, &v)) != 0 ||                         \
        (r = kbcli_opt(argc, argv, &i, sh, &v)) != 0) {                        \
        if (r < 0)                                                             \
            return cli_usage_error("screen", "%s needs a value", s);           \
        dst = v;                                                               \
        continue;                                                              \
    }
        OPT("--jurisdiction", "-j", a->jur)
        OPT("--date", "-d", a->date)
        OPT("--format", "-f", a->format)
        OPT("--kb", "--kb", a->kb)
        OPT("--input-format", "--input-format", a->infmt)
        if ((r = kbcli_opt(argc, argv, &i, "--threads", &v)) != 0 ||
            (r = kbcli_opt(argc, argv, &i, "-t", &v)) != 0) {
            char *end;
            long n;
            if (r < 0)
                return cli_usage_error("screen", "%s needs a value", s);
            n = strtol(v, &end, 10);
            if (*end || n < 0 || n > 256)
                return cli_usage_error("screen", "bad thread count '%s'", v);
            a->threads = (int)n;
            continue;
        }
#undef OPT
        if (s[0] == '-' && s[1] != '\0')
            return cli_usage_error("screen", "unknown option '%s'", s);
        a->files[a->nfiles++] = argv[i];
    }
    return 0;
}

static int build_opts(const struct args *a, cordon_screen_opts *o,
                      cordon_reader_opts *ro)
{
    cordon_error err = CORDON_ERROR_INIT;
    o->jurisdictions = a->jur;
    if (a->date && cordon_kb_parse_date(&o->date, a->date, strlen(a->date),
                                        &err) != CORDON_OK)
        return cli_usage_error("screen", "bad date '%s' (want YYYY-MM-DD)",
                               a->date);
    if (a->format) {
        o->format = cordon_screen_format_from_name(a->format);
        if (o->format < 0)
            return cli_usage_error("screen", "unknown format '%s'", a->format);
    } else {
        o->format = isatty(1) ? CORDON_SCREEN_TEXT : CORDON_SCREEN_JSONL;
    }
    o->color =
        o->format == CORDON_SCREEN_TEXT && isatty(1) && !getenv("NO_COLOR");
    o->threads = a->threads;
    o->only_hits = a->only_hits;
    o->no_alerts = a->no_alerts;
    if (a->infmt) {
        int f = cordon_format_from_name(a->infmt);
        if (f < 0)
            return cli_usage_error("screen", "unknown input format '%s'",
                                   a->infmt);
        ro->format = (cordon_format)f;
    }
    return 0;
}

static int screen_files(const cordon_screen *s, const struct args *a,
                        const cordon_reader_opts *ro, cordon_screen_stats *st)
{
    static char *stdin_only[] = {"-"};
    char **files = a->nfiles ? a->files : stdin_only;
    int n = a->nfiles ? a->nfiles : 1, i, failed = 0;
    struct out o = {stdout};
    struct progress p = {0, 0};
    int want_progress = !a->no_progress && isatty(2);
    cordon_error err = CORDON_ERROR_INIT;
    if (cordon_screen_begin(s, write_out, &o, &err) != CORDON_OK)
        failed = 1;
    for (i = 0; i < n && !failed; i++) {
        cordon_reader *r = NULL;
        if (cordon_reader_open(&r, files[i], ro, NULL, &err) != CORDON_OK) {
            cli_warn("screen", "%s", err.message);
            failed = 1;
            break;
        }
        if (cordon_screen_run(s, r, write_out, &o,
                              want_progress ? show_progress : NULL, &p, st,
                              &err) != CORDON_OK) {
            cli_warn("screen", "%s: %s", files[i], err.message);
            failed = 1;
        }
        cordon_reader_free(r);
    }
    if (p.shown)
        fputs("\r\033[K", stderr);
    if (!failed && cordon_screen_finish(s, st, write_out, &o, &err))
        failed = 1;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_warn("screen", "cannot write output");
        failed = 1;
    }
    return failed;
}

int cmd_screen(int argc, char **argv)
{
    struct args a;
    cordon_screen_opts so = CORDON_SCREEN_OPTS_INIT;
    cordon_reader_opts ro = CORDON_READER_OPTS_INIT;
    cordon_screen_stats st;
    cordon_error err = CORDON_ERROR_INIT;
    cordon_kb *kb = NULL;
    cordon_screen *s = NULL;
    int rc;
    if ((rc = parse_args(argc, argv, &a)) != 0 ||
        (rc = build_opts(&a, &so, &ro)) != 0)
        return rc;
    if ((rc = kbcli_load("screen", a.kb, &kb)) != 0)
        return rc;
    if (cordon_screen_new(&s, kb, &so, NULL, &err) != CORDON_OK) {
        cordon_kb_free(kb);
        return err.status == CORDON_EINVAL
                   ? cli_usage_error("screen", "%s", err.message)
                   : (cli_warn("screen", "%s", err.message), CLI_EXIT_USAGE);
    }
    setvbuf(stdout, NULL, _IOFBF, (size_t)1 << 16);
    memset(&st, 0, sizeof st);
    rc = screen_files(s, &a, &ro, &st) ? CLI_EXIT_USAGE
         : st.controlled               ? CLI_EXIT_HIT
         : st.unreadable               ? CLI_EXIT_BADREC
                                       : CLI_EXIT_OK;
    if (st.unreadable && so.format != CORDON_SCREEN_TEXT)
        cli_warn("screen", "%llu of %llu records could not be read",
                 (unsigned long long)st.unreadable,
                 (unsigned long long)st.records);
    cordon_screen_free(s);
    cordon_kb_free(kb);
    return rc;
}
