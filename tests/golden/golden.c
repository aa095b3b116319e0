/*
 * golden.c -- runs declarative CLI test cases (tests/golden/NAME.case) against
 * the cordon binary and ends with the line "N passed, N failed".
 *
 * usage: golden CORDON_BINARY FILE.case...
 *
 * Case file syntax, one directive a line ('#' lines and blank lines between
 * cases are comments):
 *   === NAME          starts a case
 *   $ ARGS            arguments after the binary (shell-like quoting: '' "")
 *   < TEXT            one line of standard input (repeatable)
 *   <file PATH        standard input from a file (path from the repo root)
 *   > TEXT            one expected line of standard output (exact, in order;
 *                     a bare '>' is an empty line)
 *   >* TEXT           standard output must contain TEXT (no exact compare
 *                     unless '>' lines are also given)
 *   >! TEXT           standard output must not contain TEXT
 *   ! TEXT            standard error must contain TEXT
 *   ? N               expected exit code (default 0)
 * A case runs when the next '===' or the end of the file is reached.
 * The child gets 60 s; a hang is a failure, never a stuck suite.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXARGS 64
#define MAXLIST 4096

struct text {
    char *data;
    size_t len, cap;
};

static void text_add(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t c = t->cap ? t->cap * 2 : 1024;
        while (c < t->len + n + 1)
            c *= 2;
        t->data = realloc(t->data, c);
        if (!t->data) {
            fprintf(stderr, "golden: out of memory\n");
            exit(2);
        }
        t->cap = c;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

struct kase {
    char name[256];
    char file[256];
    int line;
    char args[4096];
    struct text in, out;
    int have_out;
    char *contains[MAXLIST];
    int ncontains;
    char *absent[MAXLIST];
    int nabsent;
    char *errs[MAXLIST];
    int nerrs;
    int code;
    int active;
};

static const char *bin;
static int passed, failed;

static int split_args(char *s, char **argv)
{
    int n = 0;
    char *w = s;
    while (*s && n < MAXARGS - 1) {
        char *start;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        start = w;
        while (*s && *s != ' ' && *s != '\t') {
            if (*s == '\'' || *s == '"') {
                char q = *s++;
                while (*s && *s != q)
                    *w++ = *s++;
                if (*s)
                    s++;
            } else {
                *w++ = *s++;
            }
        }
        if (*s)
            s++;
        *w++ = '\0';
        argv[n++] = start;
    }
    argv[n] = NULL;
    return n;
}

static void read_all(int fd, struct text *t)
{
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        text_add(t, buf, (size_t)n);
}

/* Runs the child, feeding stdin from a temp file and collecting output
 * through temp files (no pipe deadlocks). */
static int run_case(struct kase *k, struct text *out, struct text *err)
{
    char *argv[MAXARGS + 1];
    char args[4096];
    char inpath[] = "/tmp/golden-in-XXXXXX";
    char outpath[] = "/tmp/golden-out-XXXXXX";
    char errpath[] = "/tmp/golden-err-XXXXXX";
    int infd = mkstemp(inpath), outfd = mkstemp(outpath),
        errfd = mkstemp(errpath);
    int status = 0, waited = 0;
    pid_t pid;
    if (infd < 0 || outfd < 0 || errfd < 0)
        return -1;
    if (k->in.len && write(infd, k->in.data, k->in.len) != (ssize_t)k->in.len)
        return -1;
    lseek(infd, 0, SEEK_SET);
    snprintf(args, sizeof args, "%s", k->args);
    argv[0] = (char *)bin;
    split_args(args, argv + 1);
    pid = fork();
    if (pid == 0) {
        dup2(infd, 0);
        dup2(outfd, 1);
        dup2(errfd, 2);
        execv(bin, argv);
        _exit(127);
    }
    while (waitpid(pid, &status, WNOHANG) == 0) {
        usleep(10000);
        if (++waited > 6000) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            status = -1;
            break;
        }
    }
    lseek(outfd, 0, SEEK_SET);
    lseek(errfd, 0, SEEK_SET);
    read_all(outfd, out);
    read_all(errfd, err);
    close(infd);
    close(outfd);
    close(errfd);
    unlink(inpath);
    unlink(outpath);
    unlink(errpath);
    if (status == -1)
        return -2;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

static void finish(struct kase *k)
{
    struct text out = {0}, err = {0};
    int code, ok = 1, i;
    char why[512] = "";
    if (!k->active)
        return;
    text_add(&out, "", 0);
    text_add(&err, "", 0);
    code = run_case(k, &out, &err);
    if (code == -2) {
        ok = 0;
        snprintf(why, sizeof why, "timed out");
    } else if (code != k->code) {
        ok = 0;
        snprintf(why, sizeof why, "exit code %d, expected %d", code, k->code);
    }
    if (ok && k->have_out && strcmp(out.data, k->out.data ? k->out.data : "")) {
        ok = 0;
        snprintf(why, sizeof why, "standard output differs");
    }
    for (i = 0; ok && i < k->ncontains; i++)
        if (!strstr(out.data, k->contains[i])) {
            ok = 0;
            snprintf(why, sizeof why, "output lacks \"%.200s\"",
                     k->contains[i]);
        }
    for (i = 0; ok && i < k->nabsent; i++)
        if (strstr(out.data, k->absent[i])) {
            ok = 0;
            snprintf(why, sizeof why, "output has \"%.200s\"", k->absent[i]);
        }
    for (i = 0; ok && i < k->nerrs; i++)
        if (!strstr(err.data, k->errs[i])) {
            ok = 0;
            snprintf(why, sizeof why, "stderr lacks \"%.200s\"", k->errs[i]);
        }
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s:%d %s: %s\n  $ cordon %s\n", k->file, k->line, k->name,
               why, k->args);
        if (k->have_out)
            printf("--- expected stdout\n%s", k->out.data ? k->out.data : "");
        printf("--- actual stdout\n%.4000s", out.data);
        printf("--- actual stderr\n%.2000s\n", err.data);
    }
    free(out.data);
    free(err.data);
    free(k->in.data);
    free(k->out.data);
    for (i = 0; i < k->ncontains; i++)
        free(k->contains[i]);
    for (i = 0; i < k->nabsent; i++)
        free(k->absent[i]);
    for (i = 0; i < k->nerrs; i++)
        free(k->errs[i]);
    memset(k, 0, sizeof *k);
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p)
        exit(2);
    memcpy(p, s, n);
    return p;
}

static void load_file(struct text *t, const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "golden: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    read_all(fd, t);
    close(fd);
}

static void run_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[65536];
    int lineno = 0;
    static struct kase k;
    if (!f) {
        fprintf(stderr, "golden: cannot open %s\n", path);
        failed++;
        return;
    }
    memset(&k, 0, sizeof k);
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        lineno++;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (!strncmp(line, "===", 3)) {
            finish(&k);
            k.active = 1;
            k.line = lineno;
            snprintf(k.file, sizeof k.file, "%s", path);
            snprintf(k.name, sizeof k.name, "%.200s", line[3] ? line + 4 : "");
            continue;
        }
        if (!k.active || n == 0 || line[0] == '#')
            continue;
        if (line[0] == '$' && (line[1] == ' ' || line[1] == '\0')) {
            snprintf(k.args, sizeof k.args, "%s", line[1] ? line + 2 : "");
        } else if (!strncmp(line, "<file ", 6)) {
            load_file(&k.in, line + 6);
        } else if (line[0] == '<') {
            text_add(&k.in, line + (n > 1 ? 2 : 1), n > 1 ? n - 2 : 0);
            text_add(&k.in, "\n", 1);
        } else if (!strncmp(line, ">* ", 3) && k.ncontains < MAXLIST) {
            k.contains[k.ncontains++] = dupstr(line + 3);
        } else if (!strncmp(line, ">! ", 3) && k.nabsent < MAXLIST) {
            k.absent[k.nabsent++] = dupstr(line + 3);
        } else if (line[0] == '>') {
            k.have_out = 1;
            text_add(&k.out, line + (n > 1 ? 2 : 1), n > 1 ? n - 2 : 0);
            text_add(&k.out, "\n", 1);
        } else if (!strncmp(line, "! ", 2) && k.nerrs < MAXLIST) {
            k.errs[k.nerrs++] = dupstr(line + 2);
        } else if (!strncmp(line, "? ", 2)) {
            k.code = (int)strtol(line + 2, NULL, 10);
        } else {
            fprintf(stderr, "golden: %s:%d: unknown directive\n", path, lineno);
            failed++;
        }
    }
    finish(&k);
    fclose(f);
}

int main(int argc, char **argv)
{
    int i;
    if (argc < 3) {
        fprintf(stderr, "usage: golden CORDON_BINARY FILE.case...\n");
        return 2;
    }
    bin = argv[1];
    for (i = 2; i < argc; i++)
        run_file(argv[i]);
    printf("golden: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
