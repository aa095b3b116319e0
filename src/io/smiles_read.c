/*
 * smiles_read.c -- the SMILES reader: OpenSMILES plus what real files
 * contain (OpenSMILES specification, http://opensmiles.org/opensmiles.html;
 * behaviour matched to RDKit's MolFromSmiles where they differ).
 *
 * One left-to-right pass builds the graph; then explicit [H] atoms are
 * folded into their neighbour's hydrogen count the way RDKit's removeHs
 * does with its default parameters (so atom indices agree with RDKit),
 * tetrahedral parities are converted from SMILES order to the neighbour
 * order of include/cordon/mol.h, '/' '\' marks become CIS/TRANS on double
 * bonds, and perception runs.
 *
 * All scratch memory lives in the molecule (cordon__mol_work), sized from
 * the input length, so a reused molecule parses without allocating.
 */
#include <assert.h>
#include <string.h>

#include "cordon/smiles.h"
#include "mol/perceive_int.h"

#define MAX_RING_NUM 99999 /* %(nnnnn), as RDKit */
#define CHI_MAX_NBR 8
#define NBR_H (-1)       /* an implicit/bracket hydrogen in a SMILES order */
#define NBR_PENDING (-2) /* a ring bond whose partner is not read yet */

typedef struct ring_open {
    int32_t num;  /* ring-closure number */
    int32_t atom; /* atom carrying the opening digit */
    int32_t chi;  /* chiral record of atom, or -1 */
    int32_t chi_pos;
    uint8_t order; /* bond order written at the opening, 0 if none */
    uint8_t dir;   /* CORDON_BONDF_UP/DOWN as written from atom, or 0 */
    size_t off;
} ring_open;

typedef struct chi_rec {
    int32_t atom;
    int32_t n;
    int32_t nb[CHI_MAX_NBR]; /* SMILES order; NBR_H for hydrogen */
    int32_t nring;           /* ring-closure digits at the atom */
} chi_rec;

typedef struct parser {
    cordon_mol *mol;
    const char *s;
    size_t len, pos;
    const cordon_smiles_opts *opts;
    cordon_error *err;
    int32_t *branch; /* atom at each open '(' */
    int nbranch, max_branch;
    ring_open *rings;
    int nrings;
    /* per atom: chiral record or -1; written only once there is a chiral
     * record (nchis > 0), and read only then */
    int32_t *chi_of;
    /* per atom, kept as bonds are added: the bond sums perception reads
     * (perceive_int.h) and the bond count (mol->nbr_start, for
     * cordon__mol_fill_adjacency) */
    uint64_t *acc;
    int32_t *deg;
    chi_rec *chis;
    int nchis, max_chis;
    int max_atoms;  /* opts->max_atoms */
    int nh;         /* hydrogen atoms read (candidates for folding) */
    int ndir;       /* '/' '\\' bond symbols read */
    int prev;       /* atom the next atom bonds to, or -1 */
    int bond_order; /* pending bond symbol: 0 none */
    unsigned bond_dir;
    size_t bond_off;
} parser;

static int perr(parser *p, size_t off, const char *fmt, const char *what)
{
    return cordon__error(p->err, CORDON_EPARSE, off, fmt, what, off);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* ---- atoms ---- */

/* Aromatic symbols accepted in brackets (RDKit's lexer: b c n o p s se as te
 * si); outside brackets only b c n o p s (organic[]). */
static int aromatic_elem(const char *s, size_t n, size_t *used)
{
    char d = n > 1 ? s[1] : '\0';
    *used = 1;
    switch (s[0]) {
    case 'b':
        return 5;
    case 'c':
        return 6;
    case 'n':
        return 7;
    case 'o':
        return 8;
    case 'p':
        return 15;
    case 's':
        if (d == 'e' || d == 'i') {
            *used = 2;
            return d == 'e' ? 34 : 14;
        }
        return 16;
    case 'a':
        if (d == 's') {
            *used = 2;
            return 33;
        }
        return -1;
    case 't':
        if (d == 'e') {
            *used = 2;
            return 52;
        }
        return -1;
    default:
        return -1;
    }
}

static int new_atom(parser *p, int elem, int aromatic, size_t off)
{
    cordon_mol *mol = p->mol;
    int idx;
    if (mol->natoms >= p->max_atoms)
        return cordon__error(p->err, CORDON_ELIMIT, off,
                             "more than %d atoms at offset %zu", p->max_atoms,
                             off);
    /* setup reserved room: every atom takes at least one character */
    assert((size_t)mol->natoms < mol->cap_atoms);
    idx = cordon__mol_push_atom(mol, elem);
    p->nh += elem == 1;
    if (aromatic)
        mol->atoms[idx].flags |= CORDON_ATOM_AROM_INPUT;
    if (p->nchis)
        p->chi_of[idx] = -1;
    p->acc[idx] = 0;
    p->deg[idx] = 0;
    return idx;
}

static void chi_push(parser *p, int atom, int32_t nb)
{
    int32_t r;
    chi_rec *c;
    if (!p->nchis || (r = p->chi_of[atom]) < 0)
        return;
    c = &p->chis[r];
    if (c->n < CHI_MAX_NBR)
        c->nb[c->n] = nb;
    c->n++;
}

/* Counts a new bond a-b of the given order at both atoms. */
static inline void count_bond(parser *p, int a, int b, int order)
{
    uint64_t v = cordon__bond_sum_tab[order];
    p->acc[a] += v;
    p->acc[b] += v;
    p->deg[a]++;
    p->deg[b]++;
}

/* The bond order when none is written: aromatic between two aromatic atoms
 * or an aromatic atom and a '*' (RDKit), single otherwise. */
static inline int default_order(const cordon_mol *mol, int a, int b)
{
    const cordon_atom *x = &mol->atoms[a], *y = &mol->atoms[b];
    int ax = (x->flags & CORDON_ATOM_AROM_INPUT) != 0;
    int ay = (y->flags & CORDON_ATOM_AROM_INPUT) != 0;
    if ((ax && ay) || (ax && y->elem == 0) || (ay && x->elem == 0))
        return CORDON_BOND_AROMATIC;
    return CORDON_BOND_SINGLE;
}

/* Adds the bond prev-atom for the pending bond symbol (or the default). */
static int chain_bond(parser *p, int atom)
{
    cordon_mol *mol = p->mol;
    int order = p->bond_order, b;
    if (p->prev < 0)
        return CORDON_OK;
    if (!order)
        order = default_order(mol, p->prev, atom);
    /* room reserved by setup: a string of n characters has at most n
     * bonds (one per atom after the first, one per pair of ring digits) */
    assert((size_t)mol->nbonds < mol->cap_bonds);
    b = cordon__mol_push_bond(mol, p->prev, atom, order);
    mol->bonds[b].flags |= (uint8_t)p->bond_dir;
    count_bond(p, p->prev, atom, order);
    chi_push(p, p->prev, atom);
    chi_push(p, atom, p->prev);
    return CORDON_OK;
}

static int parse_uint(parser *p, int maxdigits, long *out)
{
    long v = 0;
    int n = 0;
    while (p->pos < p->len && is_digit(p->s[p->pos]) && n < maxdigits) {
        v = v * 10 + (p->s[p->pos] - '0');
        p->pos++;
        n++;
    }
    *out = v;
    return n;
}

/* Chirality after the symbol in a bracket atom: @, @@, @TH1/2 (tetrahedral)
 * and @AL, @SP, @TB, @OH classes (kept as CORDON_CHI_OTHER). */
static int parse_chirality(parser *p, int *chi)
{
    const char *s = p->s;
    size_t start = p->pos;
    *chi = CORDON_CHI_NONE;
    if (p->pos >= p->len || s[p->pos] != '@')
        return CORDON_OK;
    p->pos++;
    if (p->pos < p->len && s[p->pos] == '@') {
        p->pos++;
        *chi = CORDON_CHI_CW;
        return CORDON_OK;
    }
    if (p->pos + 1 < p->len) {
        char a = s[p->pos], b = s[p->pos + 1];
        long v;
        int maxv;
        if (a == 'T' && b == 'H')
            maxv = 2;
        else if (a == 'A' && b == 'L')
            maxv = 2;
        else if (a == 'S' && b == 'P')
            maxv = 3;
        else if (a == 'T' && b == 'B')
            maxv = 20;
        else if (a == 'O' && b == 'H')
            maxv = 30;
        else
            maxv = 0; /* plain '@' followed by the H count etc. */
        if (!maxv)
            goto plain;
        p->pos += 2;
        if (!parse_uint(p, 2, &v) || v < 1 || v > maxv)
            return perr(p, start, "bad chirality class %s at offset %zu",
                        a == 'T' && b == 'H'   ? "@TH"
                        : a == 'A' && b == 'L' ? "@AL"
                        : a == 'S' && b == 'P' ? "@SP"
                        : a == 'T' && b == 'B' ? "@TB"
                                               : "@OH");
        if (a == 'T' && b == 'H')
            *chi = v == 1 ? CORDON_CHI_CCW : CORDON_CHI_CW;
        else
            *chi = CORDON_CHI_OTHER;
        return CORDON_OK;
    }
plain:
    *chi = CORDON_CHI_CCW;
    return CORDON_OK;
}

/* The one-letter element symbols (cordon_element_number of one capital
 * letter, checked by test_smiles__one_letter_elements), -1 for none. */
static const int8_t upper_elem[26] = {
    ['B' - 'A'] = 5,  ['C' - 'A'] = 6,  ['F' - 'A'] = 9,  ['H' - 'A'] = 1,
    ['I' - 'A'] = 53, ['K' - 'A'] = 19, ['N' - 'A'] = 7,  ['O' - 'A'] = 8,
    ['P' - 'A'] = 15, ['S' - 'A'] = 16, ['U' - 'A'] = 92, ['V' - 'A'] = 23,
    ['W' - 'A'] = 74, ['Y' - 'A'] = 39, ['A' - 'A'] = -1, ['D' - 'A'] = -1,
    ['E' - 'A'] = -1, ['G' - 'A'] = -1, ['J' - 'A'] = -1, ['L' - 'A'] = -1,
    ['M' - 'A'] = -1, ['Q' - 'A'] = -1, ['R' - 'A'] = -1, ['T' - 'A'] = -1,
    ['X' - 'A'] = -1, ['Z' - 'A'] = -1};

/* Parses "[isotope? symbol chirality? hcount? charge? class?]". */
static int parse_bracket(parser *p, int *out)
{
    const char *s = p->s;
    size_t start = p->pos, symoff;
    long iso = 0, hcount = 0, cls = 0, v;
    int elem = -1, aromatic = 0, chi, charge = 0, rc, idx, nd;
    size_t used = 0;

    p->pos++; /* '[' */
    nd = parse_uint(p, 6, &iso);
    if (nd && (iso > 65535 || nd > 5))
        return perr(p, start, "isotope too large in %s at offset %zu", "[]");
    symoff = p->pos;
    if (p->pos >= p->len)
        return perr(p, start, "unterminated bracket atom %s at offset %zu",
                    "'['");
    if (s[p->pos] == '*') {
        elem = 0;
        used = 1;
    } else if (s[p->pos] == '#') { /* [#6]: atomic number (RDKit) */
        size_t save = p->pos;
        long z;
        p->pos++;
        if (parse_uint(p, 3, &z) && z >= 1 && z <= 118)
            elem = (int)z;
        used = p->pos - save;
        p->pos = save;
    } else if (s[p->pos] >= 'A' && s[p->pos] <= 'Z') {
        if (p->pos + 1 < p->len && s[p->pos + 1] >= 'a' && s[p->pos + 1] <= 'z')
            elem = cordon_element_number(s + p->pos, 2), used = 2;
        if (elem < 0)
            elem = upper_elem[s[p->pos] - 'A'], used = 1;
    } else if (s[p->pos] >= 'a' && s[p->pos] <= 'z') {
        elem = aromatic_elem(s + p->pos, p->len - p->pos, &used);
        aromatic = 1;
    }
    if (elem < 0)
        return perr(p, symoff, "unknown element in %s at offset %zu",
                    "bracket atom");
    p->pos += used;
    if ((rc = parse_chirality(p, &chi)) != CORDON_OK)
        return rc;
    if (p->pos < p->len && s[p->pos] == 'H') {
        p->pos++;
        if (!parse_uint(p, 2, &hcount))
            hcount = 1;
    }
    if (p->pos < p->len && (s[p->pos] == '+' || s[p->pos] == '-')) {
        char sign = s[p->pos++];
        int mag = 1;
        if (p->pos < p->len && s[p->pos] == sign) {
            p->pos++;
            mag = 2;
        } else if (parse_uint(p, 2, &v)) {
            mag = (int)v;
        }
        if (mag > 15)
            return perr(p, start, "charge too large in %s at offset %zu",
                        "bracket atom");
        charge = sign == '+' ? mag : -mag;
    }
    if (p->pos < p->len && s[p->pos] == ':') {
        p->pos++;
        if (!parse_uint(p, 9, &cls))
            return perr(p, p->pos, "missing atom class after %s at offset %zu",
                        "':'");
    }
    if (p->pos >= p->len || s[p->pos] != ']')
        return perr(p, p->pos < p->len ? p->pos : start,
                    "unterminated or malformed bracket atom %s at offset %zu",
                    "'['");
    p->pos++;
    if ((idx = new_atom(p, elem, aromatic, start)) < 0)
        return idx;
    {
        cordon_atom *a = &p->mol->atoms[idx];
        a->isotope = (uint16_t)iso;
        a->charge = (int8_t)charge;
        a->exp_h = (uint8_t)hcount;
        a->map = (int32_t)cls;
        a->chiral = (uint8_t)chi;
        a->flags |= CORDON_ATOM_NO_IMPLICIT;
    }
    if (chi != CORDON_CHI_NONE) {
        chi_rec *c = &p->chis[p->nchis];
        assert(p->nchis < p->max_chis);
        c->atom = idx;
        c->n = 0;
        c->nring = 0;
        if (!p->nchis) { /* the atoms before have no record */
            int k;
            for (k = 0; k < idx; k++)
                p->chi_of[k] = -1;
        }
        p->chi_of[idx] = p->nchis++;
        /* the preceding atom and the H count are pushed by parse_body */
    }
    *out = idx;
    return CORDON_OK;
}

/* A '*' outside brackets; any other character here is unexpected (the
 * organic-subset letters are read inline by parse_body, organic[]). */
static int parse_star(parser *p, int *out)
{
    size_t start = p->pos;
    int idx;
    if (p->s[start] != '*')
        return cordon__error(p->err, CORDON_EPARSE, start,
                             "unexpected character '%c' at offset %zu",
                             p->s[start], start);
    p->pos++;
    if ((idx = new_atom(p, 0, 0, start)) < 0)
        return idx;
    *out = idx;
    return CORDON_OK;
}

/* ---- ring closures ---- */

/* Is there a bond a-b?  Atom a has deg[a] bonds so far, all of them
 * created after a: the bonds are scanned from the last back until those
 * are seen (a is the later of the two atoms, so the fewest bonds). */
static int bond_exists(const cordon_mol *mol, const int32_t *deg, int a, int b)
{
    int i, left = deg[a];
    for (i = mol->nbonds - 1; left > 0; i--) {
        const cordon_bond *x = &mol->bonds[i];
        if (x->begin == a || x->end == a) {
            if (x->begin == b || x->end == b)
                return 1;
            left--;
        }
    }
    return 0;
}

static int ring_bond(parser *p, long num, size_t off)
{
    cordon_mol *mol = p->mol;
    int i, atom = p->prev, b, order;
    unsigned dir;
    for (i = 0; i < p->nrings; i++)
        if (p->rings[i].num == num)
            break;
    if (i == p->nrings) { /* opening */
        ring_open *r = &p->rings[p->nrings++];
        r->num = (int32_t)num;
        r->atom = atom;
        r->order = (uint8_t)p->bond_order;
        r->dir = (uint8_t)p->bond_dir;
        r->off = off;
        r->chi = p->nchis ? p->chi_of[atom] : -1;
        r->chi_pos = r->chi >= 0 ? p->chis[r->chi].n : 0;
        if (r->chi >= 0)
            p->chis[r->chi].nring++;
        chi_push(p, atom, NBR_PENDING);
        p->bond_order = 0;
        p->bond_dir = 0;
        return CORDON_OK;
    }
    {
        ring_open r = p->rings[i];
        p->rings[i] = p->rings[--p->nrings];
        if (r.atom == atom)
            return cordon__error(p->err, CORDON_EPARSE, off,
                                 "ring bond %ld joins an atom to itself at "
                                 "offset %zu",
                                 num, off);
        if (r.atom > atom ? bond_exists(mol, p->deg, r.atom, atom)
                          : bond_exists(mol, p->deg, atom, r.atom))
            return cordon__error(p->err, CORDON_EPARSE, off,
                                 "ring bond %ld duplicates the bond between "
                                 "atoms %d and %d at offset %zu",
                                 num, r.atom, atom, off);
        /* the order written at the opening wins (RDKit) */
        order = r.order ? r.order : p->bond_order;
        if (!order)
            order = default_order(mol, r.atom, atom);
        /* directions are written from the atom carrying the digit towards
         * its partner; the bond runs r.atom -> atom */
        if (r.dir)
            dir = r.dir;
        else if (p->bond_dir)
            dir = p->bond_dir ^ (CORDON_BONDF_UP | CORDON_BONDF_DOWN);
        else
            dir = 0;
        assert((size_t)mol->nbonds < mol->cap_bonds);
        b = cordon__mol_push_bond(mol, r.atom, atom, order);
        mol->bonds[b].flags |= (uint8_t)dir;
        count_bond(p, r.atom, atom, order);
        if (r.chi >= 0 && r.chi_pos < CHI_MAX_NBR)
            p->chis[r.chi].nb[r.chi_pos] = atom;
        chi_push(p, atom, r.atom);
        if (p->nchis && p->chi_of[atom] >= 0)
            p->chis[p->chi_of[atom]].nring++;
        p->bond_order = 0;
        p->bond_dir = 0;
    }
    return CORDON_OK;
}

/* ---- the main loop ---- */

static int bond_symbol(char c, int *order, unsigned *dir)
{
    *dir = 0;
    switch (c) {
    case '-':
        *order = CORDON_BOND_SINGLE;
        return 1;
    case '=':
        *order = CORDON_BOND_DOUBLE;
        return 1;
    case '#':
        *order = CORDON_BOND_TRIPLE;
        return 1;
    case '$':
        *order = CORDON_BOND_QUADRUPLE;
        return 1;
    case ':':
        *order = CORDON_BOND_AROMATIC;
        return 1;
    case '/':
        *order = CORDON_BOND_SINGLE;
        *dir = CORDON_BONDF_UP;
        return 1;
    case '\\':
        *order = CORDON_BOND_SINGLE;
        *dir = CORDON_BONDF_DOWN;
        return 1;
    }
    return 0;
}

/* What a character starts in the main loop; anything not listed is read
 * as an atom (parse_star reports the unexpected ones). */
enum { CH_ATOM = 0, CH_BOND, CH_RING, CH_OPEN, CH_CLOSE, CH_DOT, CH_END };
static const uint8_t char_class[256] = {
    [' '] = CH_END,  ['\t'] = CH_END, ['\r'] = CH_END,  ['\n'] = CH_END,
    ['-'] = CH_BOND, ['='] = CH_BOND, ['#'] = CH_BOND,  ['$'] = CH_BOND,
    [':'] = CH_BOND, ['/'] = CH_BOND, ['\\'] = CH_BOND, ['%'] = CH_RING,
    ['0'] = CH_RING, ['1'] = CH_RING, ['2'] = CH_RING,  ['3'] = CH_RING,
    ['4'] = CH_RING, ['5'] = CH_RING, ['6'] = CH_RING,  ['7'] = CH_RING,
    ['8'] = CH_RING, ['9'] = CH_RING, ['('] = CH_OPEN,  [')'] = CH_CLOSE,
    ['.'] = CH_DOT};

/* Organic-subset atoms read inline by parse_body (OpenSMILES §3.1.1: B C N
 * O P S F Cl Br I, aromatic b c n o p s): the element number, ORG_AROM for
 * the aromatic ones; Cl and Br are told from C and B by the next letter.
 * '*' and unexpected characters go through parse_star. */
#define ORG_AROM 0x80u
#define ORG_TWO 0x40u /* C or B: Cl or Br when 'l' or 'r' follows */
#define ORG_ELEM 0x3fu
static const uint8_t organic[256] = {
    ['B'] = 5 | ORG_TWO,
    ['C'] = 6 | ORG_TWO,
    ['N'] = 7,
    ['O'] = 8,
    ['P'] = 15,
    ['S'] = 16,
    ['F'] = 9,
    ['I'] = 53,
    ['b'] = 5 | ORG_AROM,
    ['c'] = 6 | ORG_AROM,
    ['n'] = 7 | ORG_AROM,
    ['o'] = 8 | ORG_AROM,
    ['p'] = 15 | ORG_AROM,
    ['s'] = 16 | ORG_AROM,
};

/* The atoms parse_body creates from organic[] entries (without ORG_TWO),
 * and its bonds by order: what cordon__mol_push_atom / _push_bond store,
 * copied whole. */
#define ORG_ATOM(z) [z] = {.elem = z}
#define ORG_AROM_ATOM(z)                                                       \
    [z | ORG_AROM] = {.elem = z, .flags = CORDON_ATOM_AROM_INPUT}
static const cordon_atom org_atom[256] = {
    ORG_ATOM(5),      ORG_ATOM(6),      ORG_ATOM(7),       ORG_ATOM(8),
    ORG_ATOM(9),      ORG_ATOM(15),     ORG_ATOM(16),      ORG_ATOM(17),
    ORG_ATOM(35),     ORG_ATOM(53),     ORG_AROM_ATOM(5),  ORG_AROM_ATOM(6),
    ORG_AROM_ATOM(7), ORG_AROM_ATOM(8), ORG_AROM_ATOM(15), ORG_AROM_ATOM(16),
};
#undef ORG_ATOM
#undef ORG_AROM_ATOM
#define ORDER_BOND(o, f)                                                       \
    [o] = {.order = o,                                                         \
           .kekule = o,                                                        \
           .flags = f,                                                         \
           .stereo_begin = -1,                                                 \
           .stereo_end = -1}
static const cordon_bond order_bond[CORDON_BOND_AROMATIC + 1] = {
    ORDER_BOND(CORDON_BOND_SINGLE, 0),
    ORDER_BOND(CORDON_BOND_DOUBLE, 0),
    ORDER_BOND(CORDON_BOND_TRIPLE, 0),
    ORDER_BOND(CORDON_BOND_QUADRUPLE, 0),
    ORDER_BOND(CORDON_BOND_AROMATIC,
               CORDON_BONDF_AROMATIC | CORDON_BONDF_AROM_INPUT),
};
#undef ORDER_BOND

/* The main loop.  The parser state the loop changes on every character
 * (position, previous atom, pending bond) lives in locals, which the
 * compiler keeps in registers (stores into the uint8_t atom fields may
 * alias anything reached through a pointer); it is written back to p
 * before the helpers that read it and reloaded after. */
static int parse_body(parser *p)
{
    cordon_mol *mol = p->mol;
    cordon_atom *const atoms = mol->atoms; /* reserved by setup */
    cordon_bond *const bonds = mol->bonds;
    const char *s = p->s;
    const size_t len = p->len;
    const int max_atoms = p->max_atoms;
    uint64_t *const acc = p->acc;
    int32_t *const deg = p->deg;
    size_t pos = p->pos, dot_off = 0;
    int prev = p->prev, bond_order = p->bond_order;
    int nat = mol->natoms, nb = mol->nbonds, nchis = p->nchis;
    unsigned bond_dir = p->bond_dir;
    /* what the last symbol leaves pending: PEND_DOT after '.', PEND_OPEN
     * right after '(' (one variable, for the registers of the loop) */
    enum { PEND_DOT = 1, PEND_OPEN = 2 };
    int rc, pend = 0;
#define SYNC_OUT()                                                             \
    (p->pos = pos, p->prev = prev, p->bond_order = bond_order,                 \
     p->bond_dir = bond_dir, mol->natoms = nat, mol->nbonds = nb)
#define SYNC_IN()                                                              \
    (pos = p->pos, prev = p->prev, bond_order = p->bond_order,                 \
     bond_dir = p->bond_dir, nat = mol->natoms, nb = mol->nbonds,              \
     nchis = p->nchis)
    /* setup's room: every atom takes a character and there are at most
     * max_atoms of them; every bond takes an atom after the first or a
     * ring-closure digit */
    assert(mol->cap_atoms >=
               (len < (size_t)max_atoms ? len : (size_t)max_atoms) &&
           mol->cap_bonds >= len);
    while (pos < len) {
        char c = s[pos];
        size_t off = pos;
        unsigned org = organic[(unsigned char)c];
        int order = 0;
        unsigned dir;
        if (org) {
            int atom;
            if (nat >= max_atoms)
                return cordon__error(p->err, CORDON_ELIMIT, off,
                                     "more than %d atoms at offset %zu",
                                     max_atoms, off);
            pos++;
            if ((org & ORG_TWO) && pos < len &&
                s[pos] == (c == 'C' ? 'l' : 'r')) {
                org = c == 'C' ? 17 : 35;
                pos++;
            }
            /* as cordon__mol_push_atom, into the room reserved by setup */
            atom = nat++;
            atoms[atom] = org_atom[org & (ORG_ELEM | ORG_AROM)];
            if (nchis)
                p->chi_of[atom] = -1;
            if (prev >= 0) {
                cordon_bond *b;
                uint64_t v;
                /* default_order: aromatic from an aromatic atom to an
                 * aromatic atom or '*' */
                if (!(order = bond_order))
                    order =
                        (org & ORG_AROM) &&
                                ((atoms[prev].flags & CORDON_ATOM_AROM_INPUT) ||
                                 atoms[prev].elem == 0)
                            ? CORDON_BOND_AROMATIC
                            : CORDON_BOND_SINGLE;
                /* as cordon__mol_push_bond */
                b = &bonds[nb++];
                *b = order_bond[order];
                b->begin = prev;
                b->end = atom;
                b->flags |= (uint8_t)bond_dir;
                v = cordon__bond_sum_tab[order];
                acc[prev] += v;
                acc[atom] = v;
                deg[prev]++;
                deg[atom] = 1;
                /* the new atom has no chiral record */
                if (nchis)
                    chi_push(p, prev, atom);
            } else {
                acc[atom] = 0;
                deg[atom] = 0;
            }
            prev = atom;
            bond_order = 0;
            bond_dir = 0;
            pend = 0;
            continue;
        }
        switch (char_class[(unsigned char)c]) {
        case CH_END:
            goto end;
        case CH_ATOM: { /* '[', '*' and unexpected characters */
            int atom = -1;
            SYNC_OUT();
            rc = c == '[' ? parse_bracket(p, &atom) : parse_star(p, &atom);
            if (rc != CORDON_OK)
                return rc;
            if ((rc = chain_bond(p, atom)) != CORDON_OK)
                return rc;
            if (mol->atoms[atom].exp_h)
                chi_push(p, atom, NBR_H); /* [C@H]: H follows the prev atom */
            SYNC_IN();
            prev = atom;
            bond_order = 0;
            bond_dir = 0;
            pend = 0;
            break;
        }
        case CH_BOND:
            (void)bond_symbol(c, &order, &dir);
            p->ndir += dir != 0;
            if (prev < 0 || bond_order)
                return cordon__error(p->err, CORDON_EPARSE, off,
                                     "unexpected bond symbol '%c' at offset "
                                     "%zu",
                                     c, off);
            bond_order = order;
            bond_dir = dir;
            p->bond_off = off;
            pos++;
            /* "\\\\" (an escaped backslash, as RDKit accepts) is one '\\' */
            if (c == '\\' && pos < len && s[pos] == '\\')
                pos++;
            break;
        case CH_RING: {
            long num;
            if (prev < 0 || (pend & PEND_OPEN))
                return cordon__error(p->err, CORDON_EPARSE, off,
                                     "ring bond not after an atom at offset "
                                     "%zu",
                                     off);
            if (c != '%') {
                num = c - '0';
                pos++;
            } else if (pos + 1 < len && s[pos + 1] == '(') {
                int nd;
                p->pos = pos + 2;
                nd = parse_uint(p, 6, &num);
                pos = p->pos;
                if (!nd || nd > 5 || pos >= len || s[pos] != ')')
                    return cordon__error(p->err, CORDON_EPARSE, off,
                                         "bad ring bond number at offset %zu",
                                         off);
                pos++;
            } else {
                p->pos = pos + 1;
                if (parse_uint(p, 2, &num) != 2 || num < 10)
                    return cordon__error(p->err, CORDON_EPARSE, off,
                                         "'%%' needs two digits, 10-99, at "
                                         "offset %zu",
                                         off);
                pos = p->pos;
            }
            SYNC_OUT();
            if ((rc = ring_bond(p, num, off)) != CORDON_OK)
                return rc;
            SYNC_IN();
            break;
        }
        case CH_OPEN:
            if (prev < 0 || bond_order || (pend & PEND_OPEN))
                return cordon__error(p->err, CORDON_EPARSE, off,
                                     "unexpected '(' at offset %zu", off);
            if (p->nbranch >= p->max_branch)
                return cordon__error(p->err, CORDON_ELIMIT, off,
                                     "branches nested deeper than %d at "
                                     "offset %zu",
                                     p->opts->max_branch_depth, off);
            p->branch[p->nbranch++] = prev;
            pos++;
            pend = PEND_OPEN;
            if (pos < len && s[pos] == ')')
                return cordon__error(p->err, CORDON_EPARSE, off,
                                     "empty branch at offset %zu", off);
            break;
        case CH_CLOSE:
            if (!p->nbranch)
                return cordon__error(p->err, CORDON_EPARSE, off,
                                     "unmatched ')' at offset %zu", off);
            if (bond_order)
                return cordon__error(p->err, CORDON_EPARSE, p->bond_off,
                                     "bond symbol not followed by an atom "
                                     "at offset %zu",
                                     p->bond_off);
            if (pend & PEND_DOT)
                return cordon__error(p->err, CORDON_EPARSE, dot_off,
                                     "'.' not followed by an atom at offset "
                                     "%zu",
                                     dot_off);
            prev = p->branch[--p->nbranch];
            pend = 0; /* nothing follows '(' directly but an atom */
            pos++;
            break;
        default: /* CH_DOT */
            if (prev < 0 || bond_order || pend)
                return cordon__error(p->err, CORDON_EPARSE, off,
                                     "unexpected '.' at offset %zu", off);
            /* '.' inside a branch is accepted (RDKit): C(C.C)C */
            prev = -1;
            pend = PEND_DOT;
            dot_off = off;
            pos++;
            break;
        }
    }
end:
    SYNC_OUT();
#undef SYNC_OUT
#undef SYNC_IN
    if (p->bond_order)
        return cordon__error(p->err, CORDON_EPARSE, p->bond_off,
                             "bond symbol not followed by an atom at offset "
                             "%zu",
                             p->bond_off);
    if (pend & PEND_DOT)
        return cordon__error(p->err, CORDON_EPARSE, dot_off,
                             "'.' not followed by an atom at offset %zu",
                             dot_off);
    if (p->nbranch)
        return cordon__error(p->err, CORDON_EPARSE, p->pos,
                             "unclosed branch at offset %zu", p->pos);
    if (p->nrings) {
        const ring_open *r = &p->rings[0];
        int i;
        for (i = 1; i < p->nrings; i++)
            if (p->rings[i].off < r->off)
                r = &p->rings[i];
        return cordon__error(p->err, CORDON_EPARSE, r->off,
                             "unclosed ring bond %d at offset %zu", (int)r->num,
                             r->off);
    }
    return CORDON_OK;
}

/* ---- after the pass: fold [H], stereo ---- */

/* RDKit removeHs defaults: an H atom is folded into its neighbour unless it
 * is isotopic, has no or several neighbours, is bonded to H or to a dummy,
 * defines double-bond stereo ('/' '\' next to a double bond) or neighbours a
 * non-tetrahedral centre. */
static int removable_h(const cordon_mol *mol, int i)
{
    const cordon_atom *a = &mol->atoms[i];
    int k, nb, b;
    if (a->elem != 1 || a->isotope || a->degree != 1 || a->exp_h)
        return 0;
    k = mol->nbr_start[i];
    nb = mol->nbrs[k].atom;
    b = mol->nbrs[k].bond;
    if (mol->atoms[nb].elem <= 1)
        return 0;
    if (mol->atoms[nb].chiral == CORDON_CHI_OTHER)
        return 0;
    if (mol->bonds[b].flags & (CORDON_BONDF_UP | CORDON_BONDF_DOWN)) {
        for (k = mol->nbr_start[nb]; k < mol->nbr_start[nb + 1]; k++)
            if (mol->bonds[mol->nbrs[k].bond].order == CORDON_BOND_DOUBLE)
                return 0;
    }
    return 1;
}

/* Folds removable H atoms; newidx (natoms entries) receives each atom's new
 * index or -1.  Returns the number folded. */
static int fold_hydrogens(cordon_mol *mol, int32_t *newidx)
{
    int i, n = 0, nb = 0, nfold = 0;
    for (i = 0; i < mol->natoms; i++) {
        newidx[i] = 0;
        if (mol->atoms[i].elem == 1 && removable_h(mol, i)) {
            int other = mol->nbrs[mol->nbr_start[i]].atom;
            cordon_atom *o = &mol->atoms[other];
            if (o->exp_h < 255)
                o->exp_h++;
            newidx[i] = -1;
            nfold++;
        }
    }
    if (!nfold)
        goto ident;
    for (i = 0; i < mol->natoms; i++) {
        if (newidx[i] < 0)
            continue;
        newidx[i] = n;
        if (n != i)
            mol->atoms[n] = mol->atoms[i];
        n++;
    }
    for (i = 0; i < mol->nbonds; i++) {
        cordon_bond b = mol->bonds[i];
        if (newidx[b.begin] < 0 || newidx[b.end] < 0)
            continue;
        b.begin = newidx[b.begin];
        b.end = newidx[b.end];
        mol->bonds[nb++] = b;
    }
    mol->natoms = n;
    mol->nbonds = nb;
    mol->perceived = 0;
    return nfold;
ident:
    for (i = 0; i < mol->natoms; i++)
        newidx[i] = i;
    return 0;
}

/* Converts each tetrahedral centre from SMILES neighbour order to the
 * stored order (H first, then neighbours in bond insertion order) by the
 * parity of the permutation between the two.  newidx maps parse-time atom
 * indices to the folded ones; NULL when nothing was folded. */
static void fix_parities(cordon_mol *mol, chi_rec *chis, int nchis,
                         const int32_t *newidx)
{
    int r, i, j;
    for (r = 0; r < nchis; r++) {
        chi_rec *c = &chis[r];
        int atom = newidx ? newidx[c->atom] : c->atom, nh = 0, n = c->n;
        int pos[CHI_MAX_NBR];
        int inv = 0, ns, deg, hfirst;
        const cordon_nbr *nb0;
        cordon_atom *a;
        if (atom < 0)
            continue;
        a = &mol->atoms[atom];
        if (a->chiral != CORDON_CHI_CCW && a->chiral != CORDON_CHI_CW)
            continue;
        ns = a->degree + (a->exp_h ? 1 : 0);
        if (n > CHI_MAX_NBR || n != ns || n < 3) {
            continue; /* not a tetrahedral layout: keep as written */
        }
        nb0 = mol->nbrs + mol->nbr_start[atom];
        deg = mol->nbr_start[atom + 1] - mol->nbr_start[atom];
        hfirst = a->exp_h ? 1 : 0;
        for (i = 0; i < n; i++) {
            int32_t x = c->nb[i];
            if (x >= 0 && newidx)
                x = newidx[x];
            if (x < 0) {
                pos[i] = 0;
                nh++;
                continue;
            }
            /* the neighbours of atom are distinct: the first match */
            for (j = 0; j < deg && nb0[j].atom != x; j++)
                ;
            if (j == deg)
                break;
            pos[i] = hfirst + j;
        }
        if (i < n || nh > 1)
            continue;
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n; j++)
                if (pos[i] > pos[j])
                    inv++;
        /* RDKit reads a three-neighbour centre (no H) with an odd number
         * of ring-closure digits as the other hand of the plain
         * permutation rule (ClC1.BrC[S@+]1[O-] is ClC[S@@+]([O-])CBr);
         * the writer applies the same rule (src/io/smiles_write.c) */
        if (n == 3 && nh == 0 && (c->nring & 1))
            inv++;
        if (inv & 1)
            a->chiral =
                a->chiral == CORDON_CHI_CCW ? CORDON_CHI_CW : CORDON_CHI_CCW;
    }
}

/* Direction of bond b read from atom x towards the other end: UP, DOWN or
 * 0. */
static unsigned dir_from(const cordon_bond *b, int x)
{
    unsigned d = b->flags & (CORDON_BONDF_UP | CORDON_BONDF_DOWN);
    if (!d || b->begin == x)
        return d;
    return d ^ (CORDON_BONDF_UP | CORDON_BONDF_DOWN);
}

/* '/' '\' marks -> CIS/TRANS on double bonds (OpenSMILES §3.7: F/C=C/F is
 * trans). */
static void assign_bond_stereo(cordon_mol *mol)
{
    int i, k;
    for (i = 0; i < mol->nbonds; i++) {
        cordon_bond *b = &mol->bonds[i];
        int ends[2] = {b->begin, b->end}, refs[2] = {-1, -1}, e;
        unsigned dirs[2] = {0, 0};
        if (b->order != CORDON_BOND_DOUBLE)
            continue;
        for (e = 0; e < 2; e++) {
            int x = ends[e];
            for (k = mol->nbr_start[x]; k < mol->nbr_start[x + 1]; k++) {
                const cordon_bond *o = &mol->bonds[mol->nbrs[k].bond];
                unsigned d;
                if (mol->nbrs[k].bond == i)
                    continue;
                /* read as ref->x on the begin side, x->ref on the end */
                d = dir_from(o, e == 0 ? mol->nbrs[k].atom : x);
                if (d) {
                    refs[e] = mol->nbrs[k].atom;
                    dirs[e] = d;
                    break;
                }
            }
        }
        if (refs[0] < 0 || refs[1] < 0)
            continue;
        b->stereo =
            dirs[0] == dirs[1] ? CORDON_BSTEREO_TRANS : CORDON_BSTEREO_CIS;
        b->stereo_begin = refs[0];
        b->stereo_end = refs[1];
    }
}

/* Scratch layout, all sized from the input length. */
static int setup(parser *p, size_t len)
{
    size_t n = len + 2, nb, off = 0, need, na;
    char *w;
    cordon_mol *mol = p->mol;
    int maxb = p->opts->max_branch_depth;
    if (maxb < 1)
        maxb = 1;
    nb = (size_t)maxb < n ? (size_t)maxb : n;
#define ALIGN(x) (((x) + 15u) & ~(size_t)15u)
    need = ALIGN(nb * sizeof(int32_t)) + ALIGN(n * sizeof(ring_open)) +
           ALIGN(n * sizeof(int32_t)) + ALIGN((n / 2 + 1) * sizeof(chi_rec));
    /* every atom takes at least one character */
    na = (p->opts->max_atoms > 0 && (size_t)p->opts->max_atoms < len
              ? (size_t)p->opts->max_atoms
              : len) +
         1;
    if (!(w = cordon__mol_work(mol, 0, need)) ||
        cordon__mol_reserve(mol, na, len + 1) ||
        cordon__grow(mol->alloc, (void **)&mol->nbr_start,
                     sizeof *mol->nbr_start, &mol->cap_nbr_start, na) ||
        !(p->acc = cordon__mol_work(mol, WORK_BOND_SUM, sizeof(uint64_t) * na)))
        return cordon__error(p->err, CORDON_ENOMEM, (size_t)-1,
                             "out of memory");
    p->deg = mol->nbr_start;
    p->branch = (int32_t *)(void *)(w + off);
    off += ALIGN(nb * sizeof(int32_t));
    p->rings = (ring_open *)(void *)(w + off);
    off += ALIGN(n * sizeof(ring_open));
    p->chi_of = (int32_t *)(void *)(w + off);
    off += ALIGN(n * sizeof(int32_t));
    p->chis = (chi_rec *)(void *)(w + off);
    p->max_branch = (int)nb;
    p->max_chis = (int)(n / 2 + 1);
#undef ALIGN
    return CORDON_OK;
}

cordon_status cordon_smiles_read(cordon_mol *mol, const char *s, size_t len,
                                 const cordon_smiles_opts *opts,
                                 cordon_error *err)
{
    static const cordon_smiles_opts defaults = CORDON_SMILES_OPTS_INIT;
    parser p;
    int rc, sums = 1;
    cordon_mol_clear(mol);
    memset(&p, 0, sizeof p);
    p.mol = mol;
    p.s = s;
    p.len = len;
    p.opts = opts ? opts : &defaults;
    p.max_atoms = p.opts->max_atoms;
    p.err = err;
    p.prev = -1;
    if ((rc = setup(&p, len)) != CORDON_OK)
        return rc;
    if ((rc = parse_body(&p)) != CORDON_OK)
        return rc;
    /* the bond counts are in nbr_start, the bond sums in their slot */
    p.acc[mol->natoms] = 0;
    if (cordon__mol_fill_adjacency(mol))
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    if (p.nh) {
        /* chi_of is no longer needed: reuse it for the new indices */
        int32_t *newidx = p.chi_of;
        if (fold_hydrogens(mol, newidx)) {
            sums = 0;
            if (cordon__mol_build_adjacency(mol))
                return cordon__error(err, CORDON_ENOMEM, (size_t)-1,
                                     "out of memory");
        }
        fix_parities(mol, p.chis, p.nchis, newidx);
    } else if (p.nchis) { /* no H atom: the indices stay */
        fix_parities(mol, p.chis, p.nchis, NULL);
    }
    if (p.ndir) /* CIS/TRANS come only from '/' '\\' marks */
        assign_bond_stereo(mol);
    if (!p.opts->perceive)
        return CORDON_OK;
    if (sums) /* valence takes the sums counted here */
        mol->perceived |= CORDON__PERCEIVED_BOND_SUMS;
    return cordon_mol_perceive(mol, p.opts->perceive_flags, err);
}
