/*
 * molfile.h -- MDL molfile and SDF (V2000 and V3000), reading and writing.
 *
 * Format: BIOVIA "CTfile Formats" (2020).  What is read, what is rejected
 * and how stereo is derived from coordinates is in docs/molfile.md.
 * Streaming over files of many records (and .gz) is cordon_reader's job
 * (reader.h); these functions handle one record.
 */
#ifndef CORDON_MOLFILE_H
#define CORDON_MOLFILE_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cordon_molfile_opts {
    int max_atoms; /* default 10000; more -> CORDON_ELIMIT */
    int perceive;  /* default 1: run cordon_mol_perceive */
    int props;     /* default 1: keep SDF data items as properties */
} cordon_molfile_opts;
#define CORDON_MOLFILE_OPTS_INIT                                               \
    {                                                                          \
        10000, 1, 1                                                            \
    }

/*
 * Parses one MOL block, optionally followed by SDF data items and "$$$$",
 * from (s, len) into mol (cleared first): title line -> title, data items
 * -> properties.  Perceives unless perceive is 0.  Returns CORDON_OK,
 * CORDON_EPARSE (malformed or unsupported input: query atoms lists, query
 * bonds), CORDON_ECHEM (from perception), CORDON_ELIMIT or CORDON_ENOMEM.
 * Errors carry err->line (1-based within the record) and err->offset.
 */
cordon_status cordon_molfile_read(cordon_mol *mol, const char *s, size_t len,
                                  int perceive, cordon_error *err);
/* The same with options; opts may be NULL (defaults). */
cordon_status cordon_molfile_read_opts(cordon_mol *mol, const char *s,
                                       size_t len,
                                       const cordon_molfile_opts *opts,
                                       cordon_error *err);

/* Writer flags. */
#define CORDON_MOLFILE_V3000 0x01u    /* V3000 even when V2000 would do */
#define CORDON_MOLFILE_SDF 0x02u      /* append data items and "$$$$" */
#define CORDON_MOLFILE_NO_PROPS 0x04u /* SDF without the data items */

/* A writer owns a reusable output buffer (one thread at a time). */
typedef struct cordon_molfile_writer cordon_molfile_writer;
cordon_status cordon_molfile_writer_new(cordon_molfile_writer **out,
                                        const cordon_allocator *alloc);
void cordon_molfile_writer_free(cordon_molfile_writer *w);

/*
 * Writes mol (perceived) as a MOL block (V2000, or V3000 with more than 999
 * atoms or bonds, coordinates beyond the V2000 fields, or with
 * CORDON_MOLFILE_V3000), or as an SDF record with
 * CORDON_MOLFILE_SDF.  Bonds are written in Kekulé form.  Atoms are
 * written at the molecule's coordinates (cordon_mol_coord_dim), with 2D
 * tetrahedral stereo as wedge/hash bonds chosen so that reading the file
 * back gives the stored stereo; a molecule without coordinates (from
 * SMILES or InChI) is written at (0, 0, 0) with its tetrahedral stereo as
 * MDL atom parities (read by cordon, InChI and Open Babel, ignored by
 * RDKit) and no E/Z.  Every block also carries the atom parities.
 * *out points into the writer's buffer (NUL-terminated,
 * *len bytes), valid until the next call.  Returns CORDON_OK, CORDON_EINVAL
 * (molecule not perceived) or CORDON_ENOMEM.
 */
cordon_status cordon_molfile_write(cordon_molfile_writer *w,
                                   const cordon_mol *mol, unsigned flags,
                                   const char **out, size_t *len,
                                   cordon_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_MOLFILE_H */
