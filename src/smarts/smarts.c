/*
 * smarts.c -- the Daylight SMARTS parser (Daylight Theory Manual ch. 4),
 * with RDKit's readings where Daylight is vague (docs/smarts.md).
 *
 * Grammar (recursive descent; precedence from the Daylight manual §4.1):
 *   smarts   := part ('.' part)*
 *   part     := '(' chain ')' | chain     component-level grouping
 *   chain    := atom (bond? (atom | ring-digit | '(' bond? chain ')'))*
 *   expr     := and_lo ;  and_lo := or (';' or)* ;  or := and_hi (',' and_hi)*
 *   and_hi   := not ('&'? not)* ;  not := '!'* primitive
 */
#include <stdio.h>
#include <string.h>

#include "mol/mol_int.h"
#include "smarts/smarts_int.h"

#define MAX_RING_DIGITS 100
#define VAL_MAX 32767

typedef struct ring_open {
    int atom;          /* -1 when closed */
    int expr;          /* bond expression written at the opening, -1 if none */
    size_t bpos, blen; /* its text */
    size_t pos;        /* offset of the digit */
} ring_open;

typedef struct pstate {
    const char *s;
    size_t len, pos;
    size_t base; /* offset of s in the outermost SMARTS (error offsets) */
    cordon_query *q;
    const cordon_smarts_opts *opts;
    int depth;
    int *total_atoms; /* all levels, against opts->max_atoms */
    int expr_size;    /* primitives in the expression being parsed */
    cordon_error *err;
    ring_open rings[MAX_RING_DIGITS];
} pstate;

static int perr(pstate *p, size_t at, const char *fmt, const char *what)
{
    size_t off = p->base + at;
    char msg[160];
    snprintf(msg, sizeof msg, fmt, what);
    return cordon__error(p->err, CORDON_EPARSE, off, "%s at offset %zu", msg,
                         off);
}

static int oom(pstate *p)
{
    return cordon__error(p->err, CORDON_ENOMEM, (size_t)-1, "out of memory");
}

/* ---- nodes ---- */

static int new_node(pstate *p, int op, int prim, int lo, int hi, int a, int b,
                    int *out)
{
    cordon_query *q = p->q;
    qnode *n;
    if (op == QOP_PRIM && ++p->expr_size > p->opts->max_expr_size)
        return cordon__error(p->err, CORDON_ELIMIT, p->base + p->pos,
                             "expression longer than %d primitives at "
                             "offset %zu",
                             p->opts->max_expr_size, p->base + p->pos);
    if (cordon__grow(q->alloc, (void **)&q->nodes, sizeof *q->nodes,
                     &q->cap_nodes, (size_t)q->nnodes + 1))
        return oom(p);
    n = &q->nodes[q->nnodes];
    n->op = (uint8_t)op;
    n->prim = (uint8_t)prim;
    n->lo = (int16_t)lo;
    n->hi = (int16_t)hi;
    n->a = a;
    n->b = b;
    *out = q->nnodes++;
    return CORDON_OK;
}

static int prim(pstate *p, int kind, int lo, int hi, int *out)
{
    return new_node(p, QOP_PRIM, kind, lo, hi, -1, -1, out);
}

static int peek(const pstate *p, size_t k)
{
    return p->pos + k < p->len ? (unsigned char)p->s[p->pos + k] : -1;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

/* Reads an unsigned number at p->pos if there is one; *n = -1 otherwise. */
static int read_num(pstate *p, int *n)
{
    long v = 0;
    size_t start = p->pos;
    *n = -1;
    while (is_digit(peek(p, 0))) {
        v = v * 10 + (peek(p, 0) - '0');
        if (v > VAL_MAX)
            return perr(p, start, "number too large%s", "");
        p->pos++;
    }
    if (p->pos > start)
        *n = (int)v;
    return CORDON_OK;
}

/* A count after a primitive letter: a number, an RDKit range {a-b}, {a-},
 * {-b}, or nothing (then dlo..dhi). */
static int read_count(pstate *p, int dlo, int dhi, int *lo, int *hi)
{
    int rc, n;
    if (peek(p, 0) == '{') {
        size_t at = p->pos++;
        *lo = 0;
        *hi = VAL_MAX;
        if ((rc = read_num(p, &n)) != CORDON_OK)
            return rc;
        if (n >= 0)
            *lo = n;
        if (peek(p, 0) != '-')
            return perr(p, at, "malformed range%s", "");
        p->pos++;
        if ((rc = read_num(p, &n)) != CORDON_OK)
            return rc;
        if (n >= 0)
            *hi = n;
        if (peek(p, 0) != '}')
            return perr(p, at, "unclosed range%s", "");
        p->pos++;
        return CORDON_OK;
    }
    if ((rc = read_num(p, &n)) != CORDON_OK)
        return rc;
    if (n < 0) {
        *lo = dlo;
        *hi = dhi;
    } else {
        *lo = *hi = n;
    }
    return CORDON_OK;
}

/* Element symbol at p->pos inside brackets: two letters when they name an
 * element up to Lr (103), so [Cl] is chlorine but [Nh] is N with implicit
 * H as in RDKit; else one letter.  Returns the atomic number or -1. */
static int bracket_element(pstate *p, int *width)
{
    int c0 = peek(p, 0), c1 = peek(p, 1), e;
    char sym[2];
    if (c0 < 'A' || c0 > 'Z')
        return -1;
    sym[0] = (char)c0;
    if (is_lower(c1)) {
        sym[1] = (char)c1;
        e = cordon_element_number(sym, 2);
        if (e > 0 && e <= 103) {
            *width = 2;
            return e;
        }
    }
    e = cordon_element_number(sym, 1);
    *width = 1;
    return e;
}

static int parse_lowand(pstate *p, int *out);

/* $( ... ): compiles the text between the parentheses as a sub-query. */
static int parse_recursive(pstate *p, int *out);

static int parse_charge(pstate *p, int sign, int *out)
{
    int rc, n, v = 1;
    p->pos++;
    if ((rc = read_num(p, &n)) != CORDON_OK)
        return rc;
    if (n >= 0) {
        v = n;
    } else {
        while (peek(p, 0) == (sign > 0 ? '+' : '-')) {
            v++;
            p->pos++;
        }
    }
    if (v > 127)
        return perr(p, p->pos, "charge out of range%s", "");
    return prim(p, QA_CHARGE, sign * v, sign * v, out);
}

/* The one primitive of a bracket atom at p->pos.  first: nothing but an
 * isotope precedes it in the bracket (for the [H] rule). */
static int parse_primitive(pstate *p, int first, int *out)
{
    int c = peek(p, 0), rc, lo, hi, e, w;
    size_t at = p->pos;
    switch (c) {
    case '*':
        p->pos++;
        return new_node(p, QOP_TRUE, 0, 0, 0, -1, -1, out);
    case 'a':
        if (peek(p, 1) == 's') {
            p->pos += 2;
            return prim(p, QA_AROM_ELEM, 33, 33, out);
        }
        p->pos++;
        return prim(p, QA_AROMATIC, 0, 0, out);
    case '#':
        p->pos++;
        if ((rc = read_num(p, &e)) != CORDON_OK)
            return rc;
        if (e < 0 || e > 118)
            return perr(p, at, "bad atomic number after '#'%s", "");
        return prim(p, QA_ELEM, e, e, out);
    case '+':
        return parse_charge(p, 1, out);
    case '-':
        return parse_charge(p, -1, out);
    case '@':
        p->pos++;
        lo = CORDON_CHI_CCW;
        if (peek(p, 0) == '@') {
            p->pos++;
            lo = CORDON_CHI_CW;
        } else if (peek(p, 0) == '?') {
            p->pos++;
        }
        p->q->has_chiral = 1;
        return prim(p, QA_CHIRAL, lo, lo, out);
    case '$':
        if (peek(p, 1) != '(')
            return perr(p, at, "expected '(' after '$'%s", "");
        return parse_recursive(p, out);
    case 'D':
    case 'X':
    case 'v':
        if (c == 'D' && bracket_element(p, &w) > 0 && w == 2)
            break;
        if (c == 'X' && bracket_element(p, &w) > 0 && w == 2)
            break;
        p->pos++;
        if ((rc = read_count(p, 1, 1, &lo, &hi)) != CORDON_OK)
            return rc;
        return prim(p, c == 'D' ? QA_D : c == 'X' ? QA_X : QA_v, lo, hi, out);
    case 'H': {
        int nx = peek(p, 1);
        /* [H], [H+], [2H], [H:1]: a hydrogen atom; anywhere else an H
         * count (RDKit: [H,#1] is "H1 or #1"). */
        if (first && (nx == ']' || nx == '+' || nx == '-' || nx == ':')) {
            p->pos++;
            return prim(p, QA_ELEM, 1, 1, out);
        }
        if (bracket_element(p, &w) > 0 && w == 2)
            break;
        p->pos++;
        if ((rc = read_count(p, 1, 1, &lo, &hi)) != CORDON_OK)
            return rc;
        return prim(p, QA_H, lo, hi, out);
    }
    case 'h':
        p->pos++;
        if ((rc = read_count(p, 1, VAL_MAX, &lo, &hi)) != CORDON_OK)
            return rc;
        return prim(p, QA_h, lo, hi, out);
    case 'R':
        if (bracket_element(p, &w) > 0 && w == 2)
            break;
        p->pos++;
        if ((rc = read_count(p, 1, VAL_MAX, &lo, &hi)) != CORDON_OK)
            return rc;
        return prim(p, QA_R, lo, hi, out);
    case 'r':
        p->pos++;
        if ((rc = read_count(p, -1, -1, &lo, &hi)) != CORDON_OK)
            return rc;
        if (lo < 0 || (lo == 0 && hi == 0)) /* r: in a ring; r0: not */
            return prim(p, QA_R, lo < 0 ? 1 : 0, lo < 0 ? VAL_MAX : 0, out);
        return prim(p, QA_r, lo, hi, out);
    case 'x':
        p->pos++;
        if ((rc = read_count(p, 1, VAL_MAX, &lo, &hi)) != CORDON_OK)
            return rc;
        return prim(p, QA_x, lo, hi, out);
    case 'z':
    case 'Z':
        if (c == 'Z' && bracket_element(p, &w) > 0 && w == 2)
            break;
        p->pos++;
        if ((rc = read_count(p, 1, VAL_MAX, &lo, &hi)) != CORDON_OK)
            return rc;
        return prim(p, c == 'z' ? QA_z : QA_Z, lo, hi, out);
    case 'A':
        if (bracket_element(p, &w) > 0 && w == 2)
            break;
        p->pos++;
        return prim(p, QA_ALIPHATIC, 0, 0, out);
    default:
        break;
    }
    if (is_digit(c)) {
        if ((rc = read_num(p, &e)) != CORDON_OK)
            return rc;
        return prim(p, QA_ISOTOPE, e, e, out);
    }
    if (is_lower(c)) {
        static const char *const arom2[] = {"se", "te", "si", "ge", "sb"};
        static const int arom2_z[] = {34, 52, 14, 32, 51};
        size_t i;
        for (i = 0; i < sizeof arom2 / sizeof *arom2; i++)
            if (c == arom2[i][0] && peek(p, 1) == arom2[i][1]) {
                p->pos += 2;
                return prim(p, QA_AROM_ELEM, arom2_z[i], arom2_z[i], out);
            }
        switch (c) {
        case 'b':
            e = 5;
            break;
        case 'c':
            e = 6;
            break;
        case 'n':
            e = 7;
            break;
        case 'o':
            e = 8;
            break;
        case 'p':
            e = 15;
            break;
        case 's':
            e = 16;
            break;
        default:
            return perr(p, at, "unexpected character '%s' in atom",
                        (char[]){(char)c, 0});
        }
        p->pos++;
        return prim(p, QA_AROM_ELEM, e, e, out);
    }
    e = bracket_element(p, &w);
    if (e < 0) {
        if (c < 0)
            return perr(p, at, "unclosed bracket atom%s", "");
        return perr(p, at, "unexpected character '%s' in atom",
                    (char[]){(char)c, 0});
    }
    p->pos += (size_t)w;
    return prim(p, QA_ALIPH_ELEM, e, e, out);
}

/* '!'* primitive; iterative so that a long run of '!' cannot exhaust the
 * stack; an even number of '!' cancels out. */
static int parse_not(pstate *p, int first, int *out)
{
    int rc, a, neg = 0;
    while (peek(p, 0) == '!') {
        p->pos++;
        neg ^= 1;
        first = 0;
    }
    if ((rc = parse_primitive(p, first, &a)) != CORDON_OK)
        return rc;
    if (!neg) {
        *out = a;
        return CORDON_OK;
    }
    return new_node(p, QOP_NOT, 0, 0, 0, a, -1, out);
}

static int at_expr_end(const pstate *p)
{
    int c = peek(p, 0);
    return c < 0 || c == ']' || c == ',' || c == ';' || c == ':' || c == ')';
}

/* Nothing but an isotope number precedes p->pos in the bracket atom. */
static int only_isotope_before(const pstate *p)
{
    size_t i = p->pos;
    while (i > 0 && is_digit((unsigned char)p->s[i - 1]))
        i--;
    return i > 0 && p->s[i - 1] == '[';
}

static int parse_andhi(pstate *p, int *out)
{
    int rc, a, b, first = 1;
    if (at_expr_end(p) || peek(p, 0) == '&')
        return perr(p, p->pos, "empty atom expression%s", "");
    if ((rc = parse_not(p, only_isotope_before(p), &a)) != CORDON_OK)
        return rc;
    (void)first;
    for (;;) {
        if (peek(p, 0) == '&') {
            p->pos++;
            if (at_expr_end(p))
                return perr(p, p->pos, "missing operand after '&'%s", "");
        } else if (at_expr_end(p)) {
            break;
        }
        if ((rc = parse_not(p, only_isotope_before(p), &b)) != CORDON_OK)
            return rc;
        if ((rc = new_node(p, QOP_AND, 0, 0, 0, a, b, &a)) != CORDON_OK)
            return rc;
    }
    *out = a;
    return CORDON_OK;
}

static int parse_or(pstate *p, int *out)
{
    int rc, a, b;
    if ((rc = parse_andhi(p, &a)) != CORDON_OK)
        return rc;
    while (peek(p, 0) == ',') {
        p->pos++;
        if ((rc = parse_andhi(p, &b)) != CORDON_OK)
            return rc;
        if ((rc = new_node(p, QOP_OR, 0, 0, 0, a, b, &a)) != CORDON_OK)
            return rc;
    }
    *out = a;
    return CORDON_OK;
}

static int parse_lowand(pstate *p, int *out)
{
    int rc, a, b;
    if ((rc = parse_or(p, &a)) != CORDON_OK)
        return rc;
    while (peek(p, 0) == ';') {
        p->pos++;
        if ((rc = parse_or(p, &b)) != CORDON_OK)
            return rc;
        if ((rc = new_node(p, QOP_AND, 0, 0, 0, a, b, &a)) != CORDON_OK)
            return rc;
    }
    *out = a;
    return CORDON_OK;
}

static int compile_text(cordon_query **out, const char *s, size_t len,
                        size_t base, const cordon_smarts_opts *opts, int depth,
                        int *total_atoms, const cordon_allocator *alloc,
                        cordon_error *err);

static int parse_recursive(pstate *p, int *out)
{
    size_t start = p->pos + 2, i = start;
    int level = 1, bracket = 0, rc;
    cordon_query *sub = NULL;
    cordon_query *q = p->q;
    while (i < p->len) {
        char c = p->s[i];
        if (c == '[')
            bracket++;
        else if (c == ']')
            bracket--;
        else if (!bracket && c == '(')
            level++;
        else if (!bracket && c == ')' && --level == 0)
            break;
        i++;
    }
    if (i >= p->len)
        return perr(p, p->pos, "unclosed recursive smarts '$('%s", "");
    if (p->depth + 1 > p->opts->max_depth)
        return cordon__error(p->err, CORDON_ELIMIT, p->base + p->pos,
                             "recursive smarts nested deeper than %d at "
                             "offset %zu",
                             p->opts->max_depth, p->base + p->pos);
    rc = compile_text(&sub, p->s + start, i - start, p->base + start, p->opts,
                      p->depth + 1, p->total_atoms, q->alloc, p->err);
    if (rc != CORDON_OK)
        return rc;
    if (cordon__grow(q->alloc, (void **)&q->subs, sizeof *q->subs, &q->cap_subs,
                     (size_t)q->nsubs + 1)) {
        cordon_query_free(sub);
        return oom(p);
    }
    q->subs[q->nsubs] = sub;
    q->has_recursive = 1;
    p->pos = i + 1;
    return prim(p, QA_RECURSIVE, q->nsubs++, 0, out);
}

/* ---- bonds ---- */

static int is_bond_char(int c)
{
    return c == '-' || c == '=' || c == '#' || c == ':' || c == '~' ||
           c == '@' || c == '/' || c == '\\' || c == '$' || c == '!';
}

static int bond_primitive(pstate *p, int *out)
{
    int c = peek(p, 0), kind;
    switch (c) {
    case '-':
    case '/':
    case '\\':
        kind = QB_SINGLE;
        break;
    case '=':
        kind = QB_DOUBLE;
        break;
    case '#':
        kind = QB_TRIPLE;
        break;
    case '$':
        kind = QB_QUAD;
        break;
    case ':':
        kind = QB_AROMATIC;
        break;
    case '@':
        kind = QB_RING;
        break;
    case '~':
        p->pos++;
        return new_node(p, QOP_TRUE, 0, 0, 0, -1, -1, out);
    default:
        if (c < 0)
            return perr(p, p->pos, "bond at end of pattern%s", "");
        return perr(p, p->pos, "unexpected character '%s' in bond",
                    (char[]){(char)c, 0});
    }
    p->pos++;
    if ((c == '/' || c == '\\') && peek(p, 0) == '?')
        p->pos++;
    return prim(p, kind, 0, 0, out);
}

static int bond_not(pstate *p, int *out)
{
    int rc, a, neg = 0;
    while (peek(p, 0) == '!') {
        p->pos++;
        neg ^= 1;
    }
    if ((rc = bond_primitive(p, &a)) != CORDON_OK)
        return rc;
    if (!neg) {
        *out = a;
        return CORDON_OK;
    }
    return new_node(p, QOP_NOT, 0, 0, 0, a, -1, out);
}

static int bond_andhi(pstate *p, int *out)
{
    int rc, a, b;
    if ((rc = bond_not(p, &a)) != CORDON_OK)
        return rc;
    for (;;) {
        if (peek(p, 0) == '&')
            p->pos++;
        else if (!is_bond_char(peek(p, 0)))
            break;
        if ((rc = bond_not(p, &b)) != CORDON_OK)
            return rc;
        if ((rc = new_node(p, QOP_AND, 0, 0, 0, a, b, &a)) != CORDON_OK)
            return rc;
    }
    *out = a;
    return CORDON_OK;
}

static int bond_or(pstate *p, int *out)
{
    int rc, a, b;
    if ((rc = bond_andhi(p, &a)) != CORDON_OK)
        return rc;
    while (peek(p, 0) == ',') {
        p->pos++;
        if ((rc = bond_andhi(p, &b)) != CORDON_OK)
            return rc;
        if ((rc = new_node(p, QOP_OR, 0, 0, 0, a, b, &a)) != CORDON_OK)
            return rc;
    }
    *out = a;
    return CORDON_OK;
}

static int parse_bond(pstate *p, int *out)
{
    int rc, a, b;
    p->expr_size = 0;
    if ((rc = bond_or(p, &a)) != CORDON_OK)
        return rc;
    while (peek(p, 0) == ';') {
        p->pos++;
        if ((rc = bond_or(p, &b)) != CORDON_OK)
            return rc;
        if ((rc = new_node(p, QOP_AND, 0, 0, 0, a, b, &a)) != CORDON_OK)
            return rc;
    }
    *out = a;
    return CORDON_OK;
}

/* ---- graph ---- */

static int add_atom(pstate *p, int expr, int map, int group, size_t pos,
                    int *idx)
{
    cordon_query *q = p->q;
    qatom *a;
    if (++*p->total_atoms > p->opts->max_atoms)
        return cordon__error(p->err, CORDON_ELIMIT, p->base + pos,
                             "more than %d query atoms at offset %zu",
                             p->opts->max_atoms, p->base + pos);
    if (cordon__grow(q->alloc, (void **)&q->atoms, sizeof *q->atoms,
                     &q->cap_atoms, (size_t)q->natoms + 1))
        return oom(p);
    a = &q->atoms[q->natoms];
    memset(a, 0, sizeof *a);
    a->expr = expr;
    a->map = map;
    a->group = group;
    a->pos = pos;
    a->sym_prev = a->sym_next = -1;
    *idx = q->natoms++;
    return CORDON_OK;
}

static int add_bond(pstate *p, int a, int b, int expr, size_t pos, size_t akey,
                    size_t bkey)
{
    cordon_query *q = p->q;
    int i;
    if (a == b)
        return perr(p, pos, "ring bond to the same atom%s", "");
    for (i = 0; i < q->nbonds; i++)
        if ((q->bonds[i].a == a && q->bonds[i].b == b) ||
            (q->bonds[i].a == b && q->bonds[i].b == a))
            return perr(p, pos, "duplicate bond%s", "");
    if (expr < 0) {
        int rc = prim(p, QB_DEFAULT, 0, 0, &expr);
        if (rc != CORDON_OK)
            return rc;
    }
    if (cordon__grow(q->alloc, (void **)&q->bonds, sizeof *q->bonds,
                     &q->cap_bonds, (size_t)q->nbonds + 1))
        return oom(p);
    q->bonds[q->nbonds].a = a;
    q->bonds[q->nbonds].b = b;
    q->bonds[q->nbonds].expr = expr;
    q->bonds[q->nbonds].order = -1;
    q->bonds[q->nbonds].akey = akey;
    q->bonds[q->nbonds].bkey = bkey;
    q->nbonds++;
    return CORDON_OK;
}

/* Atom outside brackets: organic subset, aromatic forms, '*', 'a', 'A'. */
static int parse_bare_atom(pstate *p, int *expr)
{
    int c = peek(p, 0), c1 = peek(p, 1);
    size_t at = p->pos;
    p->expr_size = 0;
    switch (c) {
    case '*':
        p->pos++;
        return new_node(p, QOP_TRUE, 0, 0, 0, -1, -1, expr);
    case 'a':
        p->pos++;
        return prim(p, QA_AROMATIC, 0, 0, expr);
    case 'A':
        p->pos++;
        return prim(p, QA_ALIPHATIC, 0, 0, expr);
    case 'C':
        if (c1 == 'l') {
            p->pos += 2;
            return prim(p, QA_ALIPH_ELEM, 17, 17, expr);
        }
        p->pos++;
        return prim(p, QA_ALIPH_ELEM, 6, 6, expr);
    case 'B':
        if (c1 == 'r') {
            p->pos += 2;
            return prim(p, QA_ALIPH_ELEM, 35, 35, expr);
        }
        p->pos++;
        return prim(p, QA_ALIPH_ELEM, 5, 5, expr);
    case 'N':
    case 'O':
    case 'P':
    case 'S':
    case 'F':
    case 'I':
        p->pos++;
        return prim(p, QA_ALIPH_ELEM,
                    c == 'N'   ? 7
                    : c == 'O' ? 8
                    : c == 'P' ? 15
                    : c == 'S' ? 16
                    : c == 'F' ? 9
                               : 53,
                    0, expr);
    case 'b':
    case 'c':
    case 'n':
    case 'o':
    case 'p':
    case 's':
        p->pos++;
        return prim(p, QA_AROM_ELEM,
                    c == 'b'   ? 5
                    : c == 'c' ? 6
                    : c == 'n' ? 7
                    : c == 'o' ? 8
                    : c == 'p' ? 15
                               : 16,
                    0, expr);
    default:
        break;
    }
    return perr(p, at, "unexpected character '%s'", (char[]){(char)c, 0});
}

static int parse_bracket_atom(pstate *p, int *expr, int *map)
{
    int rc, n;
    size_t at = p->pos;
    p->pos++; /* '[' */
    p->expr_size = 0;
    *map = 0;
    if ((rc = parse_lowand(p, expr)) != CORDON_OK)
        return rc;
    if (peek(p, 0) == ':') {
        size_t mp = p->pos++;
        if ((rc = read_num(p, &n)) != CORDON_OK)
            return rc;
        if (n < 0)
            return perr(p, mp, "missing atom map number after ':'%s", "");
        *map = n;
    }
    if (peek(p, 0) != ']')
        return peek(p, 0) < 0
                   ? perr(p, at, "unclosed bracket atom%s", "")
                   : perr(p, p->pos, "unexpected character '%s' in atom",
                          (char[]){(char)peek(p, 0), 0});
    p->pos++;
    return CORDON_OK;
}

/* Fixes the primitive bounds of single-valued primitives written without
 * hi (the bare-atom helpers pass 0 as hi). */
static void fix_bounds(cordon_query *q)
{
    int i;
    for (i = 0; i < q->nnodes; i++) {
        qnode *n = &q->nodes[i];
        if (n->op == QOP_PRIM &&
            (n->prim == QA_ALIPH_ELEM || n->prim == QA_AROM_ELEM ||
             n->prim == QA_ELEM))
            n->hi = n->lo;
    }
}

typedef struct branch {
    int atom;
    size_t pos;
} branch;

#define MAX_BRANCH 256

static int parse_chain(pstate *p)
{
    branch stack[MAX_BRANCH];
    int nstack = 0, prev = -1, bond = -1, rc, group_open = 0;
    size_t bond_pos = 0, group_pos = 0;
    int i;
    for (i = 0; i < MAX_RING_DIGITS; i++)
        p->rings[i].atom = -1;
    while (p->pos < p->len) {
        int c = peek(p, 0);
        size_t at = p->pos;
        if (c == '(') {
            if (prev < 0) {
                if (group_open || bond >= 0)
                    return perr(p, at, "unexpected '('%s", "");
                group_open = ++p->q->ngroups;
                group_pos = at;
                p->pos++;
                continue;
            }
            if (nstack == MAX_BRANCH)
                return cordon__error(p->err, CORDON_ELIMIT, p->base + at,
                                     "branches nested deeper than %d at "
                                     "offset %zu",
                                     MAX_BRANCH, p->base + at);
            if (bond >= 0)
                return perr(p, bond_pos, "bond before '('%s", "");
            stack[nstack].atom = prev;
            stack[nstack++].pos = at;
            p->pos++;
            if (peek(p, 0) == ')')
                return perr(p, at, "empty branch%s", "");
            continue;
        }
        if (c == ')') {
            if (bond >= 0)
                return perr(p, bond_pos, "bond without a following atom%s", "");
            if (nstack > 0) {
                prev = stack[--nstack].atom;
            } else if (group_open && prev >= 0) {
                group_open = 0;
                prev = -1;
                if (p->pos + 1 < p->len && p->s[p->pos + 1] != '.')
                    return perr(p, at + 1,
                                "expected '.' after component group%s", "");
            } else {
                return perr(p, at, "unbalanced ')'%s", "");
            }
            p->pos++;
            continue;
        }
        if (c == '.') {
            if (bond >= 0)
                return perr(p, bond_pos, "bond without a following atom%s", "");
            if (prev < 0 && !(at > 0 && p->s[at - 1] == ')'))
                return perr(p, at, "empty component before '.'%s", "");
            if (nstack > 0)
                return perr(p, stack[nstack - 1].pos, "unclosed branch%s", "");
            prev = -1;
            p->pos++;
            if (p->pos >= p->len)
                return perr(p, at, "empty component after '.'%s", "");
            continue;
        }
        if (prev >= 0 && is_bond_char(c) && c != '$') {
            if (bond >= 0)
                return perr(p, at, "two bonds in a row%s", "");
            bond_pos = at;
            if ((rc = parse_bond(p, &bond)) != CORDON_OK)
                return rc;
            continue;
        }
        if (prev >= 0 && (is_digit(c) || c == '%')) {
            int d;
            ring_open *r;
            if (c == '%') {
                if (!is_digit(peek(p, 1)) || !is_digit(peek(p, 2)))
                    return perr(p, at, "'%%' needs two digits%s", "");
                d = (peek(p, 1) - '0') * 10 + (peek(p, 2) - '0');
                p->pos += 3;
            } else {
                d = c - '0';
                p->pos++;
            }
            r = &p->rings[d];
            if (r->atom < 0) {
                r->atom = prev;
                r->expr = bond;
                r->bpos = bond_pos;
                r->blen = bond >= 0 ? at - bond_pos : 0;
                r->pos = at;
            } else {
                int e = bond >= 0 ? bond : r->expr;
                size_t blen = bond >= 0 ? at - bond_pos : 0;
                if (bond >= 0 && r->expr >= 0 &&
                    (blen != r->blen ||
                     memcmp(p->s + bond_pos, p->s + r->bpos, blen))) {
                    char dd[4];
                    snprintf(dd, sizeof dd, "%d", d);
                    return perr(p, bond_pos,
                                "conflicting bonds at the two ends of ring "
                                "bond %s",
                                dd);
                }
                if ((rc = add_bond(p, r->atom, prev, e, at, r->pos, at)) !=
                    CORDON_OK)
                    return rc;
                r->atom = -1;
            }
            bond = -1;
            continue;
        }
        if (c == '[' || (c >= 'A' && c <= 'Z') || is_lower(c) || c == '*') {
            int expr, map = 0, idx = -1;
            if (c == '[')
                rc = parse_bracket_atom(p, &expr, &map);
            else
                rc = parse_bare_atom(p, &expr);
            if (rc != CORDON_OK)
                return rc;
            if ((rc = add_atom(p, expr, map, group_open, at, &idx)) !=
                CORDON_OK)
                return rc;
            if (prev >= 0 &&
                (rc = add_bond(p, prev, idx, bond, at, at,
                               p->q->atoms[prev].pos)) != CORDON_OK)
                return rc;
            prev = idx;
            bond = -1;
            continue;
        }
        if (prev < 0 && (is_bond_char(c) || is_digit(c) || c == '%'))
            return perr(p, at, "'%s' before any atom", (char[]){(char)c, 0});
        return perr(p, at, "unexpected character '%s'", (char[]){(char)c, 0});
    }
    if (bond >= 0)
        return perr(p, bond_pos, "bond at end of pattern%s", "");
    if (nstack > 0)
        return perr(p, stack[nstack - 1].pos, "unclosed branch%s", "");
    if (group_open)
        return perr(p, group_pos, "unclosed component group%s", "");
    for (i = 0; i < MAX_RING_DIGITS; i++)
        if (p->rings[i].atom >= 0) {
            char d[4];
            snprintf(d, sizeof d, "%d", i);
            return perr(p, p->rings[i].pos, "unclosed ring bond %s", d);
        }
    if (p->q->natoms == 0)
        return perr(p, 0, "empty pattern%s", "");
    return CORDON_OK;
}

/* ---- derived data: element hints, adjacency, match order ---- */

/* Element every atom matching node n has, or -1. */
static int node_elem(const cordon_query *q, int n)
{
    const qnode *x = &q->nodes[n];
    int a, b;
    switch (x->op) {
    case QOP_PRIM:
        if (x->prim == QA_ELEM || x->prim == QA_AROM_ELEM ||
            x->prim == QA_ALIPH_ELEM)
            return x->lo;
        return -1;
    case QOP_AND:
        a = node_elem(q, x->a);
        return a >= 0 ? a : node_elem(q, x->b);
    case QOP_OR:
        a = node_elem(q, x->a);
        b = node_elem(q, x->b);
        return a == b ? a : -1;
    default:
        return -1;
    }
}

/* Aromaticity every atom matching node n has: 1, 0, or -1 (either). */
static int node_arom(const cordon_query *q, int n)
{
    const qnode *x = &q->nodes[n];
    int a, b;
    switch (x->op) {
    case QOP_PRIM:
        if (x->prim == QA_AROM_ELEM || x->prim == QA_AROMATIC)
            return 1;
        if (x->prim == QA_ALIPH_ELEM || x->prim == QA_ALIPHATIC)
            return 0;
        return -1;
    case QOP_AND:
        a = node_arom(q, x->a);
        return a >= 0 ? a : node_arom(q, x->b);
    case QOP_OR:
        a = node_arom(q, x->a);
        b = node_arom(q, x->b);
        return a == b ? a : -1;
    default:
        return -1;
    }
}

/* Chirality every atom matching node n is asked to have (through AND
 * only), or CORDON_CHI_NONE. */
static int node_chiral(const cordon_query *q, int n)
{
    const qnode *x = &q->nodes[n];
    int a;
    if (x->op == QOP_PRIM)
        return x->prim == QA_CHIRAL ? x->lo : CORDON_CHI_NONE;
    if (x->op != QOP_AND)
        return CORDON_CHI_NONE;
    a = node_chiral(q, x->a);
    return a != CORDON_CHI_NONE ? a : node_chiral(q, x->b);
}

/* Bond order every bond matching node n has, or -1. */
static int node_order(const cordon_query *q, int n)
{
    const qnode *x = &q->nodes[n];
    int a, b;
    switch (x->op) {
    case QOP_PRIM:
        switch (x->prim) {
        case QB_SINGLE:
            return CORDON_BOND_SINGLE;
        case QB_DOUBLE:
            return CORDON_BOND_DOUBLE;
        case QB_TRIPLE:
            return CORDON_BOND_TRIPLE;
        case QB_AROMATIC:
            return CORDON_BOND_AROMATIC;
        case QB_QUAD:
            return CORDON_BOND_QUADRUPLE;
        default:
            return -1;
        }
    case QOP_AND:
        a = node_order(q, x->a);
        return a >= 0 ? a : node_order(q, x->b);
    case QOP_OR:
        a = node_order(q, x->a);
        b = node_order(q, x->b);
        return a == b ? a : -1;
    default:
        return -1;
    }
}

static int build_adjacency(cordon_query *q)
{
    int i, n = q->natoms;
    int32_t *fill;
    q->adj_start = cordon__calloc(q->alloc, (size_t)n + 1, sizeof(int32_t));
    q->adj =
        cordon__malloc(q->alloc, sizeof(qadj) * (size_t)(2 * q->nbonds + 1));
    fill = cordon__calloc(q->alloc, (size_t)n + 1, sizeof(int32_t));
    if (!q->adj_start || !q->adj || !fill) {
        cordon__free(q->alloc, fill);
        return CORDON_ENOMEM;
    }
    for (i = 0; i < q->nbonds; i++) {
        q->adj_start[q->bonds[i].a + 1]++;
        q->adj_start[q->bonds[i].b + 1]++;
    }
    for (i = 0; i < n; i++)
        q->adj_start[i + 1] += q->adj_start[i];
    for (i = 0; i < q->nbonds; i++) {
        int a = q->bonds[i].a, b = q->bonds[i].b;
        q->adj[q->adj_start[a] + fill[a]].atom = b;
        q->adj[q->adj_start[a] + fill[a]++].bond = i;
        q->adj[q->adj_start[b] + fill[b]].atom = a;
        q->adj[q->adj_start[b] + fill[b]++].bond = i;
    }
    cordon__free(q->alloc, fill);
    return CORDON_OK;
}

/* Selectivity score of a query atom: rarer elements and more constrained
 * atoms first, so the search fails early (heteroatoms are rarer than
 * carbon in drug-like molecules). */
static int atom_score(const cordon_query *q, int i)
{
    int e = q->atoms[i].elem, s = 0;
    int deg = q->adj_start[i + 1] - q->adj_start[i];
    if (e > 0)
        s += e == 6 ? 10 : 40;
    if (e > 8 && e != 1)
        s += 10; /* halogens, S, P: rarer still */
    if (q->atoms[i].arom == 0 && e == 6)
        s += 2;
    s += 3 * deg;
    return s;
}

static int build_order(cordon_query *q, int anchor0)
{
    int n = q->natoms, k = 0, i, j, nb = 0;
    char *placed = cordon__calloc(q->alloc, (size_t)n + 1, 1);
    q->order = cordon__malloc(q->alloc, sizeof(int32_t) * (size_t)n);
    q->parent = cordon__malloc(q->alloc, sizeof(int32_t) * (size_t)n);
    q->pbond = cordon__malloc(q->alloc, sizeof(int32_t) * (size_t)n);
    q->back_start = cordon__calloc(q->alloc, (size_t)n + 1, sizeof(int32_t));
    q->back = cordon__malloc(q->alloc, sizeof(qadj) * (size_t)(q->nbonds + 1));
    if (!placed || !q->order || !q->parent || !q->pbond || !q->back_start ||
        !q->back) {
        cordon__free(q->alloc, placed);
        return CORDON_ENOMEM;
    }
    while (k < n) {
        /* next: the best unplaced atom bonded to a placed one; else a new
         * root (atom 0 first for sub-queries) */
        int best = -1, bscore = -1, bpar = -1, bbond = -1;
        for (i = 0; i < n; i++) {
            int par = -1, pb = -1, conn = 0, sc;
            if (placed[i])
                continue;
            for (j = q->adj_start[i]; j < q->adj_start[i + 1]; j++)
                if (placed[q->adj[j].atom]) {
                    conn++;
                    if (par < 0) {
                        par = q->adj[j].atom;
                        pb = q->adj[j].bond;
                    }
                }
            if (par < 0)
                continue;
            sc = atom_score(q, i) + 100 * conn;
            if (sc > bscore) {
                best = i;
                bscore = sc;
                bpar = par;
                bbond = pb;
            }
        }
        if (best < 0) {
            for (i = 0; i < n; i++) {
                int sc;
                if (placed[i])
                    continue;
                sc = atom_score(q, i);
                if (anchor0 && i == 0)
                    sc = 1 << 20;
                if (sc > bscore) {
                    best = i;
                    bscore = sc;
                }
            }
        }
        q->order[k] = best;
        q->parent[k] = bpar;
        q->pbond[k] = bbond;
        q->back_start[k] = nb;
        for (j = q->adj_start[best]; j < q->adj_start[best + 1]; j++)
            if (placed[q->adj[j].atom] && q->adj[j].bond != bbond)
                q->back[nb++] = q->adj[j];
        placed[best] = 1;
        k++;
    }
    q->back_start[n] = nb;
    cordon__free(q->alloc, placed);
    return CORDON_OK;
}

/*
 * Identical disconnected parts ("CC.CC.CC") make a unique-match search
 * enumerate every permutation of the parts over the same atoms.  When the
 * query is a plain '.'-list of connected parts (no grouping, no ring bond
 * across a '.'), the first atoms of two parts with the same text must map
 * in increasing molecule order: permuting identical parts maps the same
 * atom set, so every unique match keeps one representative.  The matcher
 * applies this only for unique matching without fixed atoms.
 */
static void set_symmetry(cordon_query *q)
{
    size_t start[64], end[64], i;
    int nparts = 0, depth = 0, bracket = 0, a, b, first[64], last_same[64];
    const char *t = q->text;
    q->has_sym = 0;
    if (q->ngroups || q->natoms < 2)
        return;
    start[0] = 0;
    for (i = 0; i < q->textlen; i++) {
        char c = t[i];
        if (c == '[')
            bracket++;
        else if (c == ']')
            bracket--;
        else if (!bracket && c == '(')
            depth++;
        else if (!bracket && c == ')')
            depth--;
        else if (!bracket && !depth && c == '.') {
            if (nparts + 1 >= 64)
                return;
            end[nparts++] = i;
            start[nparts] = i + 1;
        }
    }
    end[nparts++] = q->textlen;
    if (nparts < 2)
        return;
    /* atoms are numbered in text order: part of atom = by position */
    for (a = 0; a < nparts; a++)
        first[a] = -1;
    for (a = 0, b = 0; a < q->natoms; a++) {
        while (b < nparts && q->atoms[a].pos >= end[b])
            b++;
        if (b == nparts)
            return;
        if (first[b] < 0)
            first[b] = a;
        q->atoms[a].group = 0;
        q->atoms[a].sym_prev = b; /* part, temporarily */
    }
    for (i = 0; i < (size_t)q->nbonds; i++)
        if (q->atoms[q->bonds[i].a].sym_prev !=
            q->atoms[q->bonds[i].b].sym_prev)
            goto reset; /* a ring bond across '.' */
    /* each part must be connected: count atoms reachable from first[] */
    for (b = 0; b < nparts; b++) {
        int n = 0, stack_top = 0, *stack, k, j;
        unsigned char *seen;
        if (first[b] < 0)
            goto reset;
        stack = cordon__malloc(q->alloc, sizeof(int) * (size_t)q->natoms);
        seen = cordon__calloc(q->alloc, (size_t)q->natoms, 1);
        if (!stack || !seen) {
            cordon__free(q->alloc, stack);
            cordon__free(q->alloc, seen);
            goto reset;
        }
        stack[stack_top++] = first[b];
        seen[first[b]] = 1;
        while (stack_top > 0) {
            k = stack[--stack_top];
            n++;
            for (j = q->adj_start[k]; j < q->adj_start[k + 1]; j++)
                if (!seen[q->adj[j].atom]) {
                    seen[q->adj[j].atom] = 1;
                    stack[stack_top++] = q->adj[j].atom;
                }
        }
        for (k = 0; k < q->natoms; k++)
            if (q->atoms[k].sym_prev == b)
                n--;
        cordon__free(q->alloc, stack);
        cordon__free(q->alloc, seen);
        if (n != 0)
            goto reset;
    }
    for (a = 0; a < q->natoms; a++)
        q->atoms[a].sym_prev = -1;
    for (a = 0; a < nparts; a++) {
        last_same[a] = -1;
        for (b = a - 1; b >= 0; b--)
            if (end[b] - start[b] == end[a] - start[a] &&
                !memcmp(t + start[a], t + start[b], end[a] - start[a])) {
                last_same[a] = b;
                break;
            }
        if (last_same[a] >= 0) {
            q->atoms[first[a]].sym_prev = first[last_same[a]];
            q->atoms[first[last_same[a]]].sym_next = first[a];
            q->has_sym = 1;
        }
    }
    return;
reset:
    for (a = 0; a < q->natoms; a++)
        q->atoms[a].sym_prev = q->atoms[a].sym_next = -1;
    q->has_sym = 0;
}

static int finish(cordon_query *q, int anchor0)
{
    int i;
    fix_bounds(q);
    for (i = 0; i < q->natoms; i++) {
        q->atoms[i].elem = (int16_t)node_elem(q, q->atoms[i].expr);
        q->atoms[i].arom = (int8_t)node_arom(q, q->atoms[i].expr);
        q->atoms[i].chiral = (uint8_t)node_chiral(q, q->atoms[i].expr);
    }
    for (i = 0; i < q->nbonds; i++)
        q->bonds[i].order = (int8_t)node_order(q, q->bonds[i].expr);
    if (build_adjacency(q) != CORDON_OK || build_order(q, anchor0) != CORDON_OK)
        return CORDON_ENOMEM;
    for (i = 0; i < q->nsubs; i++)
        if (q->subs[i]->has_chiral)
            q->has_chiral = 1;
    if (!anchor0)
        set_symmetry(q);
    cordon__screenfp_query_compute(q);
    return CORDON_OK;
}

static void free_derived(cordon_query *q)
{
    const cordon_allocator *a = q->alloc;
    cordon__free(a, q->adj_start);
    cordon__free(a, q->adj);
    cordon__free(a, q->order);
    cordon__free(a, q->parent);
    cordon__free(a, q->pbond);
    cordon__free(a, q->back_start);
    cordon__free(a, q->back);
    q->adj_start = q->order = q->parent = q->pbond = q->back_start = NULL;
    q->adj = q->back = NULL;
}

int cordon__query_renumber_by_map(cordon_query *q)
{
    int i, n = q->natoms;
    qatom *na;
    for (i = 0; i < n; i++)
        if (q->atoms[i].map < 1 || q->atoms[i].map > n)
            return CORDON_EINVAL;
    na = cordon__malloc(q->alloc, sizeof *na * (size_t)(n ? n : 1));
    if (!na)
        return CORDON_ENOMEM;
    for (i = 0; i < n; i++)
        na[q->atoms[i].map - 1] = q->atoms[i];
    for (i = 0; i < q->nbonds; i++) {
        q->bonds[i].a = q->atoms[q->bonds[i].a].map - 1;
        q->bonds[i].b = q->atoms[q->bonds[i].b].map - 1;
    }
    cordon__free(q->alloc, q->atoms);
    q->atoms = na;
    q->cap_atoms = (size_t)n;
    free_derived(q);
    if (build_adjacency(q) != CORDON_OK || build_order(q, 0) != CORDON_OK)
        return CORDON_ENOMEM;
    cordon__screenfp_query_compute(q);
    return CORDON_OK;
}

static int compile_text(cordon_query **out, const char *s, size_t len,
                        size_t base, const cordon_smarts_opts *opts, int depth,
                        int *total_atoms, const cordon_allocator *alloc,
                        cordon_error *err)
{
    pstate *p;
    cordon_query *q;
    int rc;
    *out = NULL;
    q = cordon__calloc(alloc, 1, sizeof *q);
    p = cordon__malloc(alloc, sizeof *p);
    if (!q || !p) {
        cordon__free(alloc, q);
        cordon__free(alloc, p);
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    }
    q->alloc = alloc;
    memset(p, 0, sizeof *p);
    p->s = s;
    p->len = len;
    p->base = base;
    p->q = q;
    p->opts = opts;
    p->depth = depth;
    p->total_atoms = total_atoms;
    p->err = err;
    if (len == 0)
        rc = cordon__error(err, CORDON_EPARSE, base,
                           "empty pattern at offset %zu", base);
    else
        rc = parse_chain(p);
    cordon__free(alloc, p);
    if (rc == CORDON_OK) {
        q->text = cordon__strndup(alloc, s, len);
        q->textlen = len;
        q->hash = cordon__fnv1a(s, len);
        if (!q->text || finish(q, depth > 0) != CORDON_OK)
            rc = cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    }
    if (rc != CORDON_OK) {
        cordon_query_free(q);
        return rc;
    }
    *out = q;
    return CORDON_OK;
}

cordon_status cordon_smarts_compile(cordon_query **out, const char *s,
                                    size_t len, const cordon_smarts_opts *opts,
                                    const cordon_allocator *alloc,
                                    cordon_error *err)
{
    static const cordon_smarts_opts defaults = CORDON_SMARTS_OPTS_INIT;
    int total = 0;
    if (!out || (!s && len))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "null argument");
    if (!opts)
        opts = &defaults;
    return compile_text(out, s, len, 0, opts, 0, &total, alloc, err);
}

void cordon_query_free(cordon_query *q)
{
    const cordon_allocator *a;
    int i;
    if (!q)
        return;
    a = q->alloc;
    for (i = 0; i < q->nsubs; i++)
        cordon_query_free(q->subs[i]);
    cordon__free(a, q->subs);
    cordon__free(a, q->atoms);
    cordon__free(a, q->bonds);
    cordon__free(a, q->nodes);
    cordon__free(a, q->adj_start);
    cordon__free(a, q->adj);
    cordon__free(a, q->order);
    cordon__free(a, q->parent);
    cordon__free(a, q->pbond);
    cordon__free(a, q->back_start);
    cordon__free(a, q->back);
    cordon__free(a, q->text);
    cordon__free(a, q);
}

/* ---- accessors ---- */

int cordon_query_num_atoms(const cordon_query *q)
{
    return q ? q->natoms : 0;
}

int cordon_query_num_bonds(const cordon_query *q)
{
    return q ? q->nbonds : 0;
}

int cordon_query_bond_begin(const cordon_query *q, int bond)
{
    return bond >= 0 && bond < q->nbonds ? q->bonds[bond].a : -1;
}

int cordon_query_bond_end(const cordon_query *q, int bond)
{
    return bond >= 0 && bond < q->nbonds ? q->bonds[bond].b : -1;
}

int cordon_query_atom_degree(const cordon_query *q, int atom)
{
    if (atom < 0 || atom >= q->natoms)
        return 0;
    return q->adj_start[atom + 1] - q->adj_start[atom];
}

int cordon_query_atom_nbr(const cordon_query *q, int atom, int i)
{
    if (i < 0 || i >= cordon_query_atom_degree(q, atom))
        return -1;
    return q->adj[q->adj_start[atom] + i].atom;
}

int cordon_query_atom_map(const cordon_query *q, int atom)
{
    return atom >= 0 && atom < q->natoms ? q->atoms[atom].map : 0;
}

int cordon_query_atom_by_map(const cordon_query *q, int map)
{
    int i;
    for (i = 0; i < q->natoms; i++)
        if (q->atoms[i].map == map && map != 0)
            return i;
    return -1;
}

int cordon_query_atom_elem(const cordon_query *q, int atom)
{
    return atom >= 0 && atom < q->natoms ? q->atoms[atom].elem : -1;
}

int cordon_query_atom_group(const cordon_query *q, int atom)
{
    return atom >= 0 && atom < q->natoms ? q->atoms[atom].group : 0;
}

const char *cordon_query_smarts(const cordon_query *q)
{
    return q && q->text ? q->text : "";
}
