/*
 * fuzz_molfile.c -- libFuzzer target for the MOL/SDF reader (V2000 and
 * V3000 parsing, stereo from coordinates, data items), the writer on what
 * was read (write, re-read: the re-read must succeed), and the InChI route
 * straight from the record.  The input is one SDF record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cordon/inchi.h"
#include "cordon/molfile.h"

/* Heavy atoms: a hydrogen drawn with an odd bond (aromatic bond to H) is
 * kept on first reading but written as a plain single bond and folded on
 * the second, so hydrogens are not compared. */
static int heavy_atoms(const cordon_mol *m)
{
    int i, n = 0;
    for (i = 0; i < cordon_mol_num_atoms(m); i++)
        n += cordon_mol_atom_elem(m, i) != 1;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    cordon_mol *m = NULL, *m2 = NULL;
    cordon_molfile_writer *w = NULL;
    cordon_molfile_opts o = CORDON_MOLFILE_OPTS_INIT;
    cordon_error e = CORDON_ERROR_INIT;
    char buf[4096];
    const char *out;
    size_t n;
    if (size > 1 << 16)
        return 0;
    o.max_atoms = 300;
    if (cordon_mol_new(&m, NULL) || cordon_mol_new(&m2, NULL) ||
        cordon_molfile_writer_new(&w, NULL))
        abort();
    if (cordon_molfile_read_opts(m, s, size, &o, &e) == CORDON_OK) {
        unsigned v;
        for (v = 0; v < 2; v++) {
            if (cordon_molfile_write(
                    w, m, CORDON_MOLFILE_SDF | (v ? CORDON_MOLFILE_V3000 : 0),
                    &out, &n, &e) != CORDON_OK)
                abort();
            o.perceive = 0;
            if (cordon_molfile_read_opts(m2, out, n, &o, &e) != CORDON_OK)
                abort(); /* what we write we must read back */
            o.perceive = 1;
            if (heavy_atoms(m2) != heavy_atoms(m))
                abort();
        }
        (void)cordon_mol_inchi(m, 0, buf, sizeof buf, NULL, &e);
    }
    if (size < 8192)
        (void)cordon_inchi_from_molfile(s, size, 0, buf, sizeof buf, NULL, &e);
    cordon_molfile_writer_free(w);
    cordon_mol_free(m);
    cordon_mol_free(m2);
    return 0;
}
