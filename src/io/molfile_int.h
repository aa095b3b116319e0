/*
 * molfile_int.h -- the parsed form of one MDL molfile record (V2000 or
 * V3000), shared by the molfile reader (which builds a cordon_mol from it)
 * and the InChI bridge (which hands coordinates and wedges to libinchi the
 * way the InChI program reads a molfile).
 *
 * Atoms and bonds are in file order, 0-based.  Nothing is interpreted
 * beyond the CTfile specification (Dassault/BIOVIA "CTfile Formats",
 * 2020): charges and isotopes are already merged from the atom block and
 * the M CHG/M ISO/M RAD lines.
 */
#ifndef CORDON_MOLFILE_INT_H
#define CORDON_MOLFILE_INT_H

#include "core/core.h"
#include "cordon/mol.h"

typedef struct cordon__mf_atom {
    double x, y, z;
    int elem;    /* atomic number, 0 for query/dummy atoms (A, Q, *, R#) */
    int charge;  /* formal charge */
    int isotope; /* absolute mass number, 0 = natural */
    int radical; /* MDL radical code: 0 none, 1 singlet, 2 doublet, 3 trip */
    int map;     /* atom-atom mapping number */
    int valence; /* explicit valence from vvv / VAL=, -1 if not given */
    int parity;  /* MDL atom parity: 0 none, 1 odd, 2 even, 3 either */
    int id;      /* V3000 atom index as written (V2000: position + 1) */
    size_t line; /* 1-based line in the record */
} cordon__mf_atom;

typedef struct cordon__mf_bond {
    int a, b;   /* 0-based atoms; a is the narrow end of a wedge */
    int type;   /* MDL bond type 1..4 (5..10 are rejected) */
    int stereo; /* V2000 code: 0 none, 1 wedge, 4 either, 6 hash,
                   3 either double bond */
    size_t line;
} cordon__mf_bond;

typedef struct cordon__mf {
    const cordon_allocator *alloc;
    cordon__mf_atom *atoms;
    cordon__mf_bond *bonds;
    int natoms, nbonds;
    size_t cap_atoms, cap_bonds;
    int dim;       /* 0 all coordinates zero, 2 flat, 3 any z != 0 */
    int v3000;     /* 1 when the connection table is V3000 */
    int max_atoms; /* limit, CORDON_ELIMIT beyond */
    const char *title;
    size_t title_len;
    size_t end_offset; /* offset just past "M  END" (data items follow) */
    size_t end_line;   /* line number of "M  END" */
} cordon__mf;

/* Parses the connection table of (s, len).  mf->alloc and mf->max_atoms
 * must be set; mf's arrays are (re)used.  Errors carry err->line. */
int cordon__mf_parse(cordon__mf *mf, const char *s, size_t len,
                     cordon_error *err);
void cordon__mf_free(cordon__mf *mf);

/* Rounded standard atomic weight (for the V2000 mass-difference field). */
int cordon__mf_avg_mass(int elem);

#endif /* CORDON_MOLFILE_INT_H */
