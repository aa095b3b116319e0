/*
 * replay.c -- runs a libFuzzer target without libFuzzer: feeds it every
 * file in the corpus directories given (default fuzz/corpus/<target>), so
 * committed corpora are replayed as ordinary tests under any compiler.
 * Prints "replay TARGET: N inputs" and exits 0 unless the target crashes.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
        free(buf);
        fclose(f);
        return 0;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    return 1;
}

static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int count = 0;
    if (!d)
        return 0;
    while ((e = readdir(d))) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            count += replay_file(path);
    }
    closedir(d);
    return count;
}

int main(int argc, char **argv)
{
    int i, total = 0;
    for (i = 1; i < argc; i++)
        total += replay_dir(argv[i]);
    printf("replay %s: %d inputs\n", argc > 1 ? argv[1] : "(none)", total);
    return 0;
}
