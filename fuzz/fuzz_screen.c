/*
 * fuzz_screen.c -- libFuzzer target for the screening pipeline
 * (src/screen/): the input is a whole record stream (SMILES lines, SDF,
 * InChI lines; the reader detects which), screened against the built-in
 * knowledge base in every output format, one thread, small batches.  Bad
 * records must become error lines, never crashes, and every record must
 * be counted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cordon/screen.h"

static int sink(void *ud, const char *s, size_t n)
{
    size_t *total = ud;
    (void)s;
    *total += n;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* compiled once per process: the KB and one screen per format */
    static cordon_kb *kb;
    static cordon_screen *screens[4];
    static int ready;
    cordon_reader *r = NULL;
    cordon_screen_stats st;
    size_t total = 0;
    int f;
    if (!ready) {
        ready = 1;
        if (cordon_kb_load_builtin(&kb, NULL, NULL) != CORDON_OK)
            return 0;
        for (f = 0; f < 4; f++) {
            cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
            o.format = f;
            o.threads = 1;
            o.batch_records = 3;
            o.date = 20200101;
            if (cordon_screen_new(&screens[f], kb, &o, NULL, NULL) != CORDON_OK)
                screens[f] = NULL;
        }
    }
    f = size ? data[0] % 4 : 0;
    if (!screens[f])
        return 0;
    if (cordon_reader_open_mem(&r, (const char *)data, size, NULL, NULL,
                               NULL) != CORDON_OK)
        return 0;
    memset(&st, 0, sizeof st);
    cordon_screen_begin(screens[f], sink, &total, NULL);
    if (cordon_screen_run(screens[f], r, sink, &total, NULL, NULL, &st, NULL) ==
        CORDON_OK) {
        cordon_screen_finish(screens[f], &st, sink, &total, NULL);
        if (st.unreadable > st.records || st.controlled > st.records)
            abort();
        if (st.records && !total) /* every record writes something */
            abort();
    }
    cordon_reader_free(r);
    return 0;
}
