/*
 * molfile_parse.c -- the MDL connection table, V2000 and V3000, into the
 * plain arrays of molfile_int.h (CTfile Formats, BIOVIA 2020, chapters 4-6).
 *
 * V2000 is column-oriented: fields are read at their specified columns,
 * and a line shorter than a field leaves that field at its default (real
 * files often drop trailing zero fields).  V3000 lines ("M  V30 ...") are
 * token-oriented with '-' continuation lines.
 *
 * What is accepted (with the behaviour of RDKit's molfile parser where the
 * specification leaves room): charges and isotopes in the atom block and in
 * M CHG / M ISO / M RAD (the first M CHG line resets the atom-block charges,
 * the first M RAD line the atom-block radicals); D and T as hydrogen
 * isotopes; A, Q, *, R, R# and other query/pseudo atoms as dummy atoms
 * (R-group numbers from M RGP become the isotope, as RDKit writes [1*]);
 * aliases (A lines), S SKP, groups and Sgroups are skipped.
 *
 * What is rejected, with the line number: atom lists (L, M ALS, V3000
 * "[C,N]" / NOT lists), query bond types 5-8, dative (9) and hydrogen (10)
 * bonds, malformed numbers, bad atom indices, duplicated bonds.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/molfile_int.h"

static const short avg_mass[119] = {
    0,   1,   4,   7,   9,   11,  12,  14,  16,  19,  20,  23,  24,  27,  28,
    31,  32,  35,  40,  39,  40,  45,  48,  51,  52,  55,  56,  59,  59,  64,
    65,  70,  73,  75,  79,  80,  84,  85,  88,  89,  91,  93,  96,  98,  101,
    103, 106, 108, 112, 115, 119, 122, 128, 127, 131, 133, 137, 139, 140, 141,
    144, 145, 150, 152, 157, 159, 162, 165, 167, 169, 173, 175, 178, 181, 184,
    186, 190, 192, 195, 197, 201, 204, 207, 209, 209, 210, 222, 223, 226, 227,
    232, 231, 238, 237, 244, 243, 247, 247, 251, 252, 257, 258, 259, 262, 267,
    268, 269, 270, 269, 278, 281, 281, 285, 284, 289, 288, 293, 292, 294};

int cordon__mf_avg_mass(int elem)
{
    return elem >= 0 && elem <= 118 ? avg_mass[elem] : 0;
}

/* Line cursor over the record. */
typedef struct cursor {
    const char *s;
    size_t len, pos;
    const char *l; /* current line, without newline and trailing '\r' */
    size_t ll, off, no;
    cordon_error *err;
} cursor;

static int next_line(cursor *c)
{
    const char *nl;
    if (c->pos >= c->len)
        return 0;
    c->l = c->s + c->pos;
    c->off = c->pos;
    nl = memchr(c->l, '\n', c->len - c->pos);
    c->ll = nl ? (size_t)(nl - c->l) : c->len - c->pos;
    c->pos += c->ll + (nl ? 1 : 0);
    if (c->ll && c->l[c->ll - 1] == '\r')
        c->ll--;
    c->no++;
    return 1;
}

static int fail(cursor *c, int status, const char *fmt, const char *what)
{
    cordon__error(c->err, status, c->off, fmt, what, c->no);
    if (c->err)
        c->err->line = c->no;
    return status;
}

#define PARSE_FAIL(c, what)                                                    \
    fail((c), CORDON_EPARSE, "bad %s on line %zu", (what))

/* Integer in columns [a, a+w) of the current line; blank or missing = 0. */
static int col_int(cursor *c, size_t a, size_t w, int *out, const char *what)
{
    char tmp[16];
    size_t i, n = 0;
    long v;
    char *end;
    *out = 0;
    for (i = a; i < a + w && i < c->ll; i++)
        if (c->l[i] != ' ' && c->l[i] != '\t')
            tmp[n++] = c->l[i];
    if (n == 0)
        return CORDON_OK;
    tmp[n] = '\0';
    v = strtol(tmp, &end, 10);
    if (*end || v < -99999 || v > 9999999)
        return PARSE_FAIL(c, what);
    *out = (int)v;
    return CORDON_OK;
}

static int col_double(cursor *c, size_t a, size_t w, double *out,
                      const char *what)
{
    char tmp[32];
    size_t i, n = 0;
    char *end;
    *out = 0.0;
    for (i = a; i < a + w && i < c->ll && n < sizeof tmp - 1; i++)
        if (c->l[i] != ' ' && c->l[i] != '\t')
            tmp[n++] = c->l[i];
    if (n == 0)
        return CORDON_OK;
    tmp[n] = '\0';
    *out = strtod(tmp, &end);
    if (*end || *out != *out || *out > 1e7 || *out < -1e7)
        return PARSE_FAIL(c, what);
    return CORDON_OK;
}

static int starts(const cursor *c, const char *p)
{
    size_t n = strlen(p);
    return c->ll >= n && memcmp(c->l, p, n) == 0;
}

/* Symbol -> atomic number, isotope for D/T; 0 for pseudo/query atoms.
 * Returns 1 for an atom list ('L'), -1 for an unknown symbol. */
static int symbol_elem(const char *sym, size_t n, int *elem, int *iso)
{
    static const char *const pseudo[] = {"A",   "Q",   "*",  "R",  "R#",  "AH",
                                         "QH",  "X",   "XH", "M",  "MH",  "LP",
                                         "Pol", "Mod", "Lp", "Ms", "Gly", NULL};
    int e, i;
    *iso = 0;
    if (n == 1 && sym[0] == 'D') {
        *elem = 1;
        *iso = 2;
        return 0;
    }
    if (n == 1 && sym[0] == 'T') {
        *elem = 1;
        *iso = 3;
        return 0;
    }
    if (n == 1 && sym[0] == 'L')
        return 1;
    e = cordon_element_number(sym, n);
    if (e >= 0) {
        *elem = e;
        return 0;
    }
    for (i = 0; pseudo[i]; i++)
        if (strlen(pseudo[i]) == n && !memcmp(pseudo[i], sym, n)) {
            *elem = 0;
            return 0;
        }
    /* upper-case two-letter symbols ("CL", "BR") as some writers emit */
    if (n == 2 && isupper((unsigned char)sym[1])) {
        char t[2] = {sym[0], (char)tolower((unsigned char)sym[1])};
        e = cordon_element_number(t, 2);
        if (e >= 0) {
            *elem = e;
            return 0;
        }
    }
    return -1;
}

static int add_atom(cordon__mf *mf, cursor *c, cordon__mf_atom **out)
{
    if (mf->natoms >= mf->max_atoms)
        return fail(c, CORDON_ELIMIT, "more than %s atoms (line %zu)",
                    "the allowed number of");
    if (cordon__grow(mf->alloc, (void **)&mf->atoms, sizeof *mf->atoms,
                     &mf->cap_atoms, (size_t)mf->natoms + 1))
        return CORDON_ENOMEM;
    *out = &mf->atoms[mf->natoms++];
    memset(*out, 0, sizeof **out);
    (*out)->valence = -1;
    (*out)->line = c->no;
    return CORDON_OK;
}

static int add_bond(cordon__mf *mf, cursor *c, int a, int b, int type,
                    int stereo)
{
    cordon__mf_bond *bd;
    if (a < 1 || b < 1 || a > mf->natoms || b > mf->natoms || a == b)
        return PARSE_FAIL(c, "atom number in bond");
    if (type >= 5 && type <= 8) {
        char what[48];
        snprintf(what, sizeof what, "query bond type %d", type);
        return fail(c, CORDON_EPARSE, "%s on line %zu is not supported", what);
    }
    if (type == 9 || type == 10)
        return fail(c, CORDON_EPARSE, "%s bond on line %zu is not supported",
                    type == 9 ? "dative" : "hydrogen");
    if (type < 1 || type > 4)
        return PARSE_FAIL(c, "bond type");
    if (cordon__grow(mf->alloc, (void **)&mf->bonds, sizeof *mf->bonds,
                     &mf->cap_bonds, (size_t)mf->nbonds + 1))
        return CORDON_ENOMEM;
    bd = &mf->bonds[mf->nbonds++];
    bd->a = a - 1;
    bd->b = b - 1;
    bd->type = type;
    bd->stereo = stereo;
    bd->line = c->no;
    return CORDON_OK;
}

static int radical_charge_code(cordon__mf_atom *at, int code)
{
    /* atom-block charge field: 1 +3, 2 +2, 3 +1, 4 doublet, 5 -1, 6 -2,
     * 7 -3 */
    static const int chg[8] = {0, 3, 2, 1, 0, -1, -2, -3};
    if (code < 0 || code > 7)
        return -1;
    at->charge = chg[code];
    if (code == 4)
        at->radical = 2;
    return 0;
}

static int v2000_atom(cordon__mf *mf, cursor *c)
{
    cordon__mf_atom *at;
    char sym[4];
    size_t i, n = 0;
    int rc, dd, ccc, vvv, map, iso, kind;
    if (c->ll < 32)
        return PARSE_FAIL(c, "atom line");
    if ((rc = add_atom(mf, c, &at)) != CORDON_OK)
        return rc;
    if ((rc = col_double(c, 0, 10, &at->x, "x coordinate")) ||
        (rc = col_double(c, 10, 10, &at->y, "y coordinate")) ||
        (rc = col_double(c, 20, 10, &at->z, "z coordinate")))
        return rc;
    for (i = 31; i < 34 && i < c->ll; i++)
        if (c->l[i] != ' ')
            sym[n++] = c->l[i];
    kind = symbol_elem(sym, n, &at->elem, &iso);
    if (kind == 1)
        return fail(c, CORDON_EPARSE, "%s on line %zu is not supported (query)",
                    "atom list");
    if (kind < 0)
        return PARSE_FAIL(c, "element symbol");
    if ((rc = col_int(c, 34, 2, &dd, "mass difference")) ||
        (rc = col_int(c, 36, 3, &ccc, "charge")) ||
        (rc = col_int(c, 39, 3, &at->parity, "atom parity")) ||
        (rc = col_int(c, 48, 3, &vvv, "valence")) ||
        (rc = col_int(c, 60, 3, &map, "atom map")))
        return rc;
    at->isotope = iso;
    if (dd && at->elem > 0)
        at->isotope = cordon__mf_avg_mass(at->elem) + dd;
    if (radical_charge_code(at, ccc))
        return PARSE_FAIL(c, "charge");
    if (vvv < 0 || vvv > 15)
        return PARSE_FAIL(c, "valence");
    if (vvv)
        at->valence = vvv == 15 ? 0 : vvv;
    at->map = map > 0 ? map : 0;
    return CORDON_OK;
}

static int v2000_bond(cordon__mf *mf, cursor *c)
{
    int a, b, t, st, rc;
    if (c->ll < 9)
        return PARSE_FAIL(c, "bond line");
    if ((rc = col_int(c, 0, 3, &a, "atom number in bond")) ||
        (rc = col_int(c, 3, 3, &b, "atom number in bond")) ||
        (rc = col_int(c, 6, 3, &t, "bond type")) ||
        (rc = col_int(c, 9, 3, &st, "bond stereo")))
        return rc;
    if (st != 0 && st != 1 && st != 3 && st != 4 && st != 6)
        st = 0;
    return add_bond(mf, c, a, b, t, st);
}

/* "M  XXX  n aaa vvv ..." lines: whitespace tokens after column 6. */
static int prop_pairs(cordon__mf *mf, cursor *c, int kind, int *first)
{
    long v[2 * 8 + 1];
    int n = 0, i;
    const char *p = c->l + 6, *e = c->l + c->ll;
    while (p < e && n < (int)(sizeof v / sizeof v[0])) {
        char tmp[16], *end;
        size_t k = 0;
        while (p < e && (*p == ' ' || *p == '\t'))
            p++;
        if (p >= e)
            break;
        /* the record is not NUL-terminated: copy the token first */
        while (p < e && *p != ' ' && *p != '\t' && k < sizeof tmp - 1)
            tmp[k++] = *p++;
        tmp[k] = '\0';
        if (p < e && *p != ' ' && *p != '\t')
            return PARSE_FAIL(c, "property line");
        v[n] = strtol(tmp, &end, 10);
        if (end == tmp || *end)
            return PARSE_FAIL(c, "property line");
        n++;
    }
    if (n < 1 || v[0] < 0 || v[0] > 8 || n < 1 + 2 * v[0])
        return PARSE_FAIL(c, "property line");
    if (*first) {
        for (i = 0; i < mf->natoms; i++) {
            if (kind == 'C')
                mf->atoms[i].charge = 0;
            else if (kind == 'R')
                mf->atoms[i].radical = 0;
        }
        *first = 0;
    }
    for (i = 0; i < v[0]; i++) {
        long a = v[1 + 2 * i], x = v[2 + 2 * i];
        cordon__mf_atom *at;
        if (a < 1 || a > mf->natoms)
            return PARSE_FAIL(c, "atom number in property");
        at = &mf->atoms[a - 1];
        if (kind == 'C') {
            if (x < -15 || x > 15)
                return PARSE_FAIL(c, "charge");
            at->charge = (int)x;
        } else if (kind == 'I') {
            if (x < 0 || x > 999)
                return PARSE_FAIL(c, "isotope");
            at->isotope = (int)x;
        } else if (kind == 'R') {
            if (x < 0 || x > 3)
                return PARSE_FAIL(c, "radical");
            at->radical = (int)x;
        } else if (kind == 'G') {
            if (at->elem == 0 && x >= 0 && x < 1000)
                at->isotope = (int)x;
        }
    }
    return CORDON_OK;
}

/* The V2000 properties block up to "M  END". */
static int v2000_props(cordon__mf *mf, cursor *c)
{
    int rc, first_chg = 1, first_rad = 1, dummy = 0;
    while (next_line(c)) {
        if (starts(c, "M  END"))
            return CORDON_OK;
        if (starts(c, "M  CHG"))
            rc = prop_pairs(mf, c, 'C', &first_chg);
        else if (starts(c, "M  ISO"))
            rc = prop_pairs(mf, c, 'I', &dummy);
        else if (starts(c, "M  RAD"))
            rc = prop_pairs(mf, c, 'R', &first_rad);
        else if (starts(c, "M  RGP"))
            rc = prop_pairs(mf, c, 'G', &dummy);
        else if (starts(c, "M  ALS"))
            rc = fail(c, CORDON_EPARSE,
                      "%s on line %zu is not supported (query)", "atom list");
        else if (starts(c, "A  ") || starts(c, "G  ")) {
            /* alias / group abbreviation: the text is on the next line */
            rc = next_line(c) ? CORDON_OK : PARSE_FAIL(c, "alias");
        } else if (starts(c, "S  SKP")) {
            int k, n;
            rc = col_int(c, 6, 4, &n, "S  SKP count");
            for (k = 0; k < n && rc == CORDON_OK; k++)
                if (!next_line(c))
                    rc = PARSE_FAIL(c, "S  SKP block");
        } else if (starts(c, "$$$$") || starts(c, "> ")) {
            /* no M  END (old files): the data items start here */
            c->pos = c->off;
            c->no--;
            return CORDON_OK;
        } else
            rc = CORDON_OK;
        if (rc != CORDON_OK)
            return rc;
    }
    /* a MOL block may end without M  END (old files) */
    return CORDON_OK;
}

/* ---- V3000 ---- */

/* Next token of a V3000 logical line: a quoted string, or a run of
 * non-blank characters in which parentheses may enclose blanks. */
static int v3_token(const char **p, const char *e, const char **t, size_t *n)
{
    const char *q = *p;
    int depth = 0;
    while (q < e && (*q == ' ' || *q == '\t'))
        q++;
    if (q >= e)
        return 0;
    *t = q;
    if (*q == '"') {
        for (q++; q < e && *q != '"'; q++)
            ;
        if (q < e)
            q++;
    } else {
        for (; q < e; q++) {
            if (*q == '(')
                depth++;
            else if (*q == ')' && depth > 0)
                depth--;
            else if ((*q == ' ' || *q == '\t') && depth == 0)
                break;
        }
    }
    *n = (size_t)(q - *t);
    *p = q;
    return 1;
}

static int tok_int(const char *t, size_t n, long *v)
{
    char tmp[24];
    char *end;
    if (n == 0 || n >= sizeof tmp)
        return -1;
    memcpy(tmp, t, n);
    tmp[n] = '\0';
    *v = strtol(tmp, &end, 10);
    return *end ? -1 : 0;
}

static int tok_double(const char *t, size_t n, double *v)
{
    char tmp[40];
    char *end;
    if (n == 0 || n >= sizeof tmp)
        return -1;
    memcpy(tmp, t, n);
    tmp[n] = '\0';
    *v = strtod(tmp, &end);
    return (*end || *v != *v || *v > 1e7 || *v < -1e7) ? -1 : 0;
}

/* Reads one logical V3000 line (joining '-' continuations) into buf.
 * Returns 1, 0 at end of record, or a negative status. */
static int v3_line(cursor *c, cordon_buf *buf, size_t *first_line)
{
    cordon__buf_reset(buf);
    *first_line = 0;
    for (;;) {
        size_t n;
        if (!next_line(c))
            return *first_line ? PARSE_FAIL(c, "V3000 continuation") : 0;
        if (!*first_line)
            *first_line = c->no;
        if (starts(c, "M  END"))
            return buf->len ? PARSE_FAIL(c, "V3000 continuation") : 0;
        if (!starts(c, "M  V30"))
            return PARSE_FAIL(c, "V3000 line (expected 'M  V30')");
        n = c->ll - 6;
        while (n && (c->l[6 + n - 1] == ' ' || c->l[6 + n - 1] == '\t'))
            n--;
        if (n && c->l[6 + n - 1] == '-') {
            if (cordon__buf_put(buf, c->l + 6, n - 1))
                return CORDON_ENOMEM;
            continue;
        }
        if (cordon__buf_put(buf, c->l + 6, n) || cordon__buf_putc(buf, ' '))
            return CORDON_ENOMEM;
        return 1;
    }
}

static int keyeq(const char *t, size_t n, const char *key, const char **val,
                 size_t *vn)
{
    size_t k = strlen(key);
    if (n <= k || memcmp(t, key, k) != 0)
        return 0;
    *val = t + k;
    *vn = n - k;
    return 1;
}

static int v3_atom(cordon__mf *mf, cursor *c, const char *p, const char *e)
{
    cordon__mf_atom *at;
    const char *t, *v;
    size_t n, vn;
    long id, x;
    int rc, kind, iso, i;
    if (!v3_token(&p, e, &t, &n) || tok_int(t, n, &id) || id < 1)
        return PARSE_FAIL(c, "V3000 atom index");
    if ((rc = add_atom(mf, c, &at)) != CORDON_OK)
        return rc;
    at->id = (int)id;
    if (!v3_token(&p, e, &t, &n))
        return PARSE_FAIL(c, "V3000 atom type");
    if (t[0] == '[' || (n == 3 && !memcmp(t, "NOT", 3)))
        return fail(c, CORDON_EPARSE, "%s on line %zu is not supported (query)",
                    "atom list");
    if (n >= 2 && t[0] == '"')
        t++, n -= 2;
    kind = symbol_elem(t, n, &at->elem, &iso);
    if (kind == 1)
        return fail(c, CORDON_EPARSE, "%s on line %zu is not supported (query)",
                    "atom list");
    if (kind < 0)
        return PARSE_FAIL(c, "element symbol");
    at->isotope = iso;
    if (!v3_token(&p, e, &t, &n) || tok_double(t, n, &at->x) ||
        !v3_token(&p, e, &t, &n) || tok_double(t, n, &at->y) ||
        !v3_token(&p, e, &t, &n) || tok_double(t, n, &at->z))
        return PARSE_FAIL(c, "V3000 coordinate");
    if (!v3_token(&p, e, &t, &n) || tok_int(t, n, &x))
        return PARSE_FAIL(c, "V3000 atom map");
    at->map = x > 0 ? (int)x : 0;
    while (v3_token(&p, e, &t, &n)) {
        if (keyeq(t, n, "CHG=", &v, &vn)) {
            if (tok_int(v, vn, &x) || x < -15 || x > 15)
                return PARSE_FAIL(c, "charge");
            at->charge = (int)x;
        } else if (keyeq(t, n, "CFG=", &v, &vn)) {
            if (tok_int(v, vn, &x) || x < 0 || x > 3)
                return PARSE_FAIL(c, "atom configuration");
            at->parity = (int)x;
        } else if (keyeq(t, n, "MASS=", &v, &vn)) {
            if (tok_int(v, vn, &x) || x < 0 || x > 999)
                return PARSE_FAIL(c, "isotope");
            at->isotope = (int)x;
        } else if (keyeq(t, n, "RAD=", &v, &vn)) {
            if (tok_int(v, vn, &x) || x < 0 || x > 3)
                return PARSE_FAIL(c, "radical");
            at->radical = (int)x;
        } else if (keyeq(t, n, "VAL=", &v, &vn)) {
            if (tok_int(v, vn, &x) || x < -1 || x > 15)
                return PARSE_FAIL(c, "valence");
            at->valence = x == -1 ? 0 : (int)x;
            if (x == 0)
                at->valence = -1;
        } else if (keyeq(t, n, "RGROUPS=", &v, &vn)) {
            /* "(1 n)": the R-group number becomes the dummy's isotope */
            long cnt, r;
            const char *q = v + 1, *qe = v + vn - 1, *tt;
            size_t tn;
            if (vn < 3 || v[0] != '(' || !v3_token(&q, qe, &tt, &tn) ||
                tok_int(tt, tn, &cnt) || cnt < 1 ||
                !v3_token(&q, qe, &tt, &tn) || tok_int(tt, tn, &r))
                return PARSE_FAIL(c, "RGROUPS");
            if (at->elem == 0 && r >= 0 && r < 1000)
                at->isotope = (int)r;
        }
    }
    for (i = 0; i < mf->natoms - 1 && mf->natoms < 64; i++)
        if (mf->atoms[i].id == at->id)
            return PARSE_FAIL(c, "V3000 atom index (duplicate)");
    return CORDON_OK;
}

static int v3_atom_pos(const cordon__mf *mf, long id)
{
    int i;
    if (id >= 1 && id <= mf->natoms && mf->atoms[id - 1].id == id)
        return (int)id;
    for (i = 0; i < mf->natoms; i++)
        if (mf->atoms[i].id == id)
            return i + 1;
    return 0;
}

static int v3_bond(cordon__mf *mf, cursor *c, const char *p, const char *e)
{
    const char *t, *v;
    size_t n, vn;
    long id, type, a, b, x;
    int st = 0;
    if (!v3_token(&p, e, &t, &n) || tok_int(t, n, &id) ||
        !v3_token(&p, e, &t, &n) || tok_int(t, n, &type) ||
        !v3_token(&p, e, &t, &n) || tok_int(t, n, &a) ||
        !v3_token(&p, e, &t, &n) || tok_int(t, n, &b))
        return PARSE_FAIL(c, "V3000 bond line");
    while (v3_token(&p, e, &t, &n)) {
        if (keyeq(t, n, "CFG=", &v, &vn)) {
            if (tok_int(v, vn, &x) || x < 0 || x > 3)
                return PARSE_FAIL(c, "bond configuration");
            st = x == 1 ? 1 : x == 3 ? 6 : x == 2 ? (type == 2 ? 3 : 4) : 0;
        } else if (keyeq(t, n, "ENDPTS=", &v, &vn)) {
            return fail(c, CORDON_EPARSE, "%s on line %zu is not supported",
                        "multi-centre (ENDPTS) bond");
        }
    }
    if (type < 0 || type > 99)
        return PARSE_FAIL(c, "bond type");
    return add_bond(mf, c, v3_atom_pos(mf, a), v3_atom_pos(mf, b), (int)type,
                    st);
}

static int v3000_ctab(cordon__mf *mf, cursor *c)
{
    cordon_buf buf = CORDON_BUF_INIT;
    size_t first;
    int rc, state = 0; /* 0 outside, 1 atoms, 2 bonds, 3 other block */
    int in_ctab = 0, depth = 0;
    buf.alloc = mf->alloc;
    for (;;) {
        const char *p, *e;
        rc = v3_line(c, &buf, &first);
        if (rc <= 0)
            break;
        p = buf.data;
        e = buf.data + buf.len;
        while (p < e && *p == ' ')
            p++;
        if (!strncmp(p, "BEGIN CTAB", 10)) {
            in_ctab = 1;
        } else if (!strncmp(p, "END CTAB", 8)) {
            in_ctab = 0;
        } else if (!strncmp(p, "COUNTS", 6)) {
            continue;
        } else if (!strncmp(p, "BEGIN ATOM", 10) && depth == 0) {
            state = 1;
        } else if (!strncmp(p, "BEGIN BOND", 10) && depth == 0) {
            state = 2;
        } else if (!strncmp(p, "END ATOM", 8) || !strncmp(p, "END BOND", 8)) {
            state = 0;
        } else if (!strncmp(p, "BEGIN ", 6)) {
            depth++;
            state = 3;
        } else if (!strncmp(p, "END ", 4)) {
            if (depth > 0)
                depth--;
            state = 0;
        } else if (state == 1) {
            if ((rc = v3_atom(mf, c, p, e)) != CORDON_OK)
                break;
        } else if (state == 2) {
            if ((rc = v3_bond(mf, c, p, e)) != CORDON_OK)
                break;
        }
        (void)in_ctab;
    }
    cordon__buf_free(&buf);
    return rc < 0 ? rc : CORDON_OK;
}

/* ---- the record ---- */

int cordon__mf_parse(cordon__mf *mf, const char *s, size_t len,
                     cordon_error *err)
{
    cursor c;
    int rc, na, nb, i, nlists;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.len = len;
    c.err = err;
    mf->natoms = mf->nbonds = 0;
    mf->dim = 0;
    mf->v3000 = 0;
    if (!next_line(&c))
        return fail(&c, CORDON_EPARSE, "%s (line %zu)", "empty MOL record");
    mf->title = c.l;
    mf->title_len = c.ll;
    if (!next_line(&c) || !next_line(&c) || !next_line(&c))
        return fail(&c, CORDON_EPARSE, "%s (line %zu)",
                    "MOL record ends before the counts line");
    if (c.ll >= 39 && !memcmp(c.l + 34, "V3000", 5))
        mf->v3000 = 1;
    else
        for (i = 0; i + 5 <= (int)c.ll && !mf->v3000; i++)
            if (!memcmp(c.l + i, "V3000", 5))
                mf->v3000 = 1;
    if (mf->v3000) {
        rc = v3000_ctab(mf, &c);
    } else {
        if ((rc = col_int(&c, 0, 3, &na, "atom count")) ||
            (rc = col_int(&c, 3, 3, &nb, "bond count")) ||
            (rc = col_int(&c, 6, 3, &nlists, "atom list count")))
            return rc;
        if (na < 0 || nb < 0)
            return PARSE_FAIL(&c, "counts line");
        if (na > mf->max_atoms)
            return fail(&c, CORDON_ELIMIT, "more than %s atoms (line %zu)",
                        "the allowed number of");
        for (i = 0; i < na; i++) {
            if (!next_line(&c))
                return fail(&c, CORDON_EPARSE, "%s (line %zu)",
                            "record ends inside the atom block");
            if ((rc = v2000_atom(mf, &c)) != CORDON_OK)
                return rc;
        }
        for (i = 0; i < nb; i++) {
            if (!next_line(&c))
                return fail(&c, CORDON_EPARSE, "%s (line %zu)",
                            "record ends inside the bond block");
            if ((rc = v2000_bond(mf, &c)) != CORDON_OK)
                return rc;
        }
        if (nlists > 0)
            return fail(&c, CORDON_EPARSE,
                        "%s after line %zu is not supported (query)",
                        "atom list block");
        rc = v2000_props(mf, &c);
    }
    if (rc != CORDON_OK)
        return rc;
    mf->end_offset = c.pos;
    mf->end_line = c.no;
    for (i = 0; i < mf->natoms; i++) {
        const cordon__mf_atom *a = &mf->atoms[i];
        if (a->z > 1e-4 || a->z < -1e-4) {
            mf->dim = 3;
            break;
        }
        if (a->x != 0.0 || a->y != 0.0)
            mf->dim = 2;
    }
    return CORDON_OK;
}

void cordon__mf_free(cordon__mf *mf)
{
    cordon__free(mf->alloc, mf->atoms);
    cordon__free(mf->alloc, mf->bonds);
    mf->atoms = NULL;
    mf->bonds = NULL;
    mf->cap_atoms = mf->cap_bonds = 0;
}
