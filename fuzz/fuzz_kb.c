/*
 * fuzz_kb.c -- libFuzzer target for the knowledge-base parser, validator
 * and lookup (src/kb/).  The input is one .kb file; the first line, if it
 * starts with "?", is used as a lookup query instead.
 */
#include <stdint.h>
#include <string.h>

#include "cordon/kb.h"

static void ignore(void *ud, const cordon_kb_diag *d)
{
    (void)ud;
    (void)d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *q = "fentanyl";
    size_t qlen = 8;
    cordon_kb *kb = NULL;
    const cordon_kb_entry *hits[8];
    int nerr = 0, nwarn = 0, i;
    if (size > 0 && s[0] == '?') {
        const char *nl = memchr(s, '\n', size);
        q = s + 1;
        qlen = nl ? (size_t)(nl - s - 1) : size - 1;
    }
    cordon_kb_check_buffer("fuzz.kb", s, size, ignore, NULL, &nerr, &nwarn,
                           NULL, NULL);
    if (cordon_kb_load_buffer(&kb, "fuzz.kb", s, size, NULL, NULL) ==
        CORDON_OK) {
        char code[3], qz[64];
        size_t zl = qlen < sizeof qz - 1 ? qlen : sizeof qz - 1;
        cordon_kb_lookup(kb, q, qlen, hits, 8);
        memcpy(qz, q, zl);
        qz[zl] = '\0';
        cordon_kb_jurisdiction(kb, qz, code);
        for (i = 0; i < cordon_kb_num_entries(kb); i++) {
            const cordon_kb_entry *e = cordon_kb_entry_at(kb, i);
            cordon_kb_entry_in_force(e, 20200101, NULL);
            cordon_kb_entry_covers(kb, e);
            cordon_kb_find_id(kb, cordon_kb_entry_id(e));
        }
    }
    cordon_kb_free(kb);
    return 0;
}
