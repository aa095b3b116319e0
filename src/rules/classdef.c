/*
 * classdef.c -- compiles a "[class ...]" knowledge-base entry (the generic
 * definition as data, docs/class-definitions.md §2) into an rc_def: the
 * parent compound with its regions, the anchor to embed, the branches, and
 * the limbs.  Every malformed key is a CORDON_EKB with the entry id in
 * err->rule and the line in err->line.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cordon/smiles.h"
#include "rules/rules_int.h"

#define MAX_PARENT (RC_MAX_ANCHOR * 4)

typedef struct cctx {
    rc_def *d;
    const cordon_kb_entry *e;
    const cordon_allocator *a;
    cordon_error *err;
    char *arena;
    size_t used, cap;
    int maps[RC_MAX_REGIONS][32]; /* map numbers per region */
    int nmaps[RC_MAX_REGIONS];
} cctx;

static int fail(cctx *c, int line, const char *fmt, const char *arg)
{
    cordon__error(c->err, CORDON_EKB, (size_t)-1, fmt, arg);
    if (c->err) {
        snprintf(c->err->rule, sizeof c->err->rule, "%s",
                 cordon_kb_entry_id(c->e));
        c->err->line = (size_t)line;
    }
    return CORDON_EKB;
}

static int field_line(const cordon_kb_entry *e, const char *key, int i)
{
    /* kb.h has no per-field line accessor; the entry line is close enough
     * for a reviewer, and the message names the key and value. */
    (void)key;
    (void)i;
    return cordon_kb_entry_line(e);
}

/* Copies s[0..n) trimmed into the arena. */
static const char *save(cctx *c, const char *s, size_t n)
{
    char *p;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (c->used + n + 1 > c->cap)
        return NULL;
    p = c->arena + c->used;
    memcpy(p, s, n);
    p[n] = '\0';
    c->used += n + 1;
    return p;
}

/* Splits v at '|' into at most max trimmed parts (in the arena). */
static int split(cctx *c, const char *v, char sep, const char **parts, int max)
{
    int n = 0;
    const char *s = v;
    for (;;) {
        const char *q = strchr(s, sep);
        size_t len = q ? (size_t)(q - s) : strlen(s);
        if (n == max)
            return -1;
        if (!(parts[n++] = save(c, s, len)))
            return -1;
        if (!q)
            return n;
        s = q + 1;
    }
}

static int region_index(const rc_def *d, const char *name)
{
    int i;
    for (i = 0; i < d->nregions; i++)
        if (!strcmp(d->regions[i].name, name))
            return i;
    return -1;
}

static int parse_int_list(const char *s, int *out, int max)
{
    int n = 0;
    while (*s) {
        char *end;
        long v;
        while (*s == ' ' || *s == ',')
            s++;
        if (!*s)
            break;
        v = strtol(s, &end, 10);
        if (end == s || v <= 0 || v > 100000 || n == max)
            return -1;
        out[n++] = (int)v;
        s = end;
    }
    return n;
}

static int parse_regions(cctx *c)
{
    rc_def *d = c->d;
    int i, n = cordon_kb_entry_field_count(c->e, "region");
    static const char *const kinds[] = {"fixed", "branch", "chain", "ring"};
    if (n == 0)
        return fail(c, cordon_kb_entry_line(c->e), "class has no '%s' line",
                    "region");
    for (i = 0; i < n; i++) {
        const char *p[4];
        int k, kind = -1, line = field_line(c->e, "region", i);
        if (split(c, cordon_kb_entry_field(c->e, "region", i), '|', p, 4) !=
                4 ||
            d->nregions == RC_MAX_REGIONS)
            return fail(c, line, "region: expected NAME | MAPS | KIND | %s",
                        "DESCRIPTION");
        for (k = 0; k < 4; k++)
            if (!strcmp(p[2], kinds[k]))
                kind = k;
        if (kind < 0)
            return fail(c, line, "region: unknown kind '%s'", p[2]);
        if (region_index(d, p[0]) >= 0)
            return fail(c, line, "region '%s' defined twice", p[0]);
        c->nmaps[d->nregions] = parse_int_list(p[1], c->maps[d->nregions], 32);
        if (c->nmaps[d->nregions] <= 0)
            return fail(c, line, "region: bad map list '%s'", p[1]);
        d->regions[d->nregions].name = p[0];
        d->regions[d->nregions].kind = kind;
        d->regions[d->nregions].desc = p[3];
        d->nregions++;
    }
    return CORDON_OK;
}

static int parse_sites(cctx *c)
{
    rc_def *d = c->d;
    int i, n = cordon_kb_entry_field_count(c->e, "site"), a;
    for (i = 0; i < n; i++) {
        const char *p[3];
        int maps[32], nm, k, line = field_line(c->e, "site", i);
        if (split(c, cordon_kb_entry_field(c->e, "site", i), '|', p, 3) != 3 ||
            d->nsites == RC_MAX_SITES)
            return fail(c, line, "site: expected NAME | MAPS | %s",
                        "DESCRIPTION");
        if ((nm = parse_int_list(p[1], maps, 32)) <= 0)
            return fail(c, line, "site: bad map list '%s'", p[1]);
        d->sites[d->nsites].name = p[0];
        d->sites[d->nsites].desc = p[2];
        d->sites[d->nsites].region = -1;
        for (a = 0; a < d->parent->natoms; a++)
            for (k = 0; k < nm; k++)
                if (cordon_mol_atom_map(d->parent, a) == maps[k]) {
                    int r = d->region_of[a];
                    if (d->sites[d->nsites].region >= 0 &&
                        d->sites[d->nsites].region != r)
                        return fail(c, line, "site '%s' spans two regions",
                                    p[0]);
                    d->sites[d->nsites].region = r;
                    d->sites_of[a] |= 1u << d->nsites;
                }
        if (d->sites[d->nsites].region < 0)
            return fail(c, line, "site '%s' has no atoms in the parent", p[0]);
        d->nsites++;
    }
    return CORDON_OK;
}

static int site_index(const rc_def *d, const char *name)
{
    int i;
    for (i = 0; i < d->nsites; i++)
        if (!strcmp(d->sites[i].name, name))
            return i;
    return -1;
}

static int parse_limb_option(cctx *c, rc_limb *l, const char *o, int line)
{
    rc_def *d = c->d;
    if (!strcmp(o, "open")) {
        l->open = 1;
    } else if (!strcmp(o, "substituents: any")) {
        l->subst_any = 1;
    } else if (!strcmp(o, "substituents: none")) {
        l->subst_any = 0;
    } else if (!strncmp(o, "site:", 5)) {
        const char *s = o + 5;
        while (*s == ' ')
            s++;
        if ((l->site = site_index(d, s)) < 0)
            return fail(c, line, "limb: unknown site '%s'", s);
    } else if (!strncmp(o, "since:", 6)) {
        const char *s = o + 6;
        while (*s == ' ')
            s++;
        if (cordon_kb_parse_date(&l->since, s, strlen(s), NULL))
            return fail(c, line, "limb: bad date '%s'", s);
    } else if (!strncmp(o, "cite:", 5)) {
        const char *s = o + 5;
        while (*s == ' ')
            s++;
        l->cite = s;
    } else {
        return fail(c, line, "limb: unknown option '%s'", o);
    }
    return CORDON_OK;
}

/* 1 if the limb's regions are exactly one branch's, or one ring region. */
static int replace_target_ok(const rc_def *d, uint32_t regions)
{
    int i;
    for (i = 0; i < d->ncomps; i++)
        if (d->comps[i].regions == regions ||
            (d->comps[i].ring_region >= 0 &&
             regions == 1u << d->comps[i].ring_region))
            return 1;
    return 0;
}

static int parse_limbs(cctx *c)
{
    rc_def *d = c->d;
    int i, n = cordon_kb_entry_field_count(c->e, "limb");
    if (n == 0)
        return fail(c, cordon_kb_entry_line(c->e), "class has no '%s' line",
                    "limb");
    for (i = 0; i < n; i++) {
        const char *p[12], *w[24];
        int np, nw, k, line = field_line(c->e, "limb", i);
        rc_limb *l;
        np = split(c, cordon_kb_entry_field(c->e, "limb", i), '|', p, 12);
        if (np < 4 || d->nlimbs == RC_MAX_LIMBS)
            return fail(c, line,
                        "limb: expected ID | REGIONS | ACTION | CLASSES "
                        "[| OPTION]...%s",
                        "");
        l = &d->limbs[d->nlimbs];
        memset(l, 0, sizeof *l);
        l->id = p[0];
        l->site = -1;
        l->cite = "";
        if ((nw = split(c, p[1], ',', w, 24)) < 1)
            return fail(c, line, "limb: bad region list '%s'", p[1]);
        for (k = 0; k < nw; k++) {
            int r = region_index(d, w[k]);
            if (r < 0)
                return fail(c, line, "limb: unknown region '%s'", w[k]);
            l->regions |= 1u << r;
        }
        if (!strcmp(p[2], "replace"))
            l->action = RC_REPLACE;
        else if (!strcmp(p[2], "substitute"))
            l->action = RC_SUBSTITUTE;
        else
            return fail(c, line, "limb: unknown action '%s'", p[2]);
        if ((nw = split(c, p[3], ',', w, 24)) < 1)
            return fail(c, line, "limb: bad class list '%s'", p[3]);
        for (k = 0; k < nw; k++) {
            int cl = cordon__rg_from_word(w[k], strlen(w[k]));
            if (cl < 0)
                return fail(c, line, "limb: unknown group class '%s'", w[k]);
            l->classes |= RG_BIT(cl);
        }
        for (k = 4; k < np; k++)
            if (parse_limb_option(c, l, p[k], line))
                return CORDON_EKB;
        if (l->action == RC_REPLACE && !replace_target_ok(d, l->regions))
            return fail(c, line,
                        "limb %s: replace needs the regions of one branch or "
                        "one ring region",
                        l->id);
        if (l->site >= 0 && !(l->regions & (1u << d->sites[l->site].region)))
            return fail(c, line, "limb %s: site outside its regions", l->id);
        d->nlimbs++;
    }
    return CORDON_OK;
}

/* Anchor = atoms of fixed regions, in breadth-first order from a
 * heteroatom (fewer candidates for the first atom). */
static int build_anchor(cctx *c)
{
    rc_def *d = c->d;
    const cordon_mol *pm = d->parent;
    int a, start = -1, best = -1, head;
    for (a = 0; a < pm->natoms; a++) {
        d->anchor_pos[a] = -1;
        if (d->regions[d->region_of[a]].kind == RC_FIXED) {
            /* fewest candidates first: a ring heteroatom */
            int score = (pm->atoms[a].elem != 6) * 10 +
                        ((pm->atoms[a].flags & CORDON_ATOM_IN_RING) ? 5 : 0) +
                        pm->atoms[a].degree;
            if (score > best) {
                best = score;
                start = a;
            }
        }
    }
    if (start < 0)
        return fail(c, cordon_kb_entry_line(c->e),
                    "class has no %s region (nothing to anchor on)", "fixed");
    d->nanchor = 0;
    d->anchor[d->nanchor] = start;
    d->from[d->nanchor] = -1;
    d->anchor_pos[start] = d->nanchor++;
    for (head = 0; head < d->nanchor; head++) {
        int x = d->anchor[head], k;
        for (k = pm->nbr_start[x]; k < pm->nbr_start[x + 1]; k++) {
            int y = pm->nbrs[k].atom;
            if (d->anchor_pos[y] >= 0 ||
                d->regions[d->region_of[y]].kind != RC_FIXED)
                continue;
            if (d->nanchor == RC_MAX_ANCHOR)
                return fail(c, 0, "fixed regions larger than %s atoms", "40");
            d->anchor[d->nanchor] = y;
            d->from[d->nanchor] = head;
            d->anchor_pos[y] = d->nanchor++;
        }
    }
    for (a = 0; a < pm->natoms; a++)
        if (d->regions[d->region_of[a]].kind == RC_FIXED &&
            d->anchor_pos[a] < 0)
            return fail(c, cordon_kb_entry_line(c->e),
                        "fixed regions are not %s", "connected");
    cordon__rc_anchor_need(d);
    return CORDON_OK;
}

static int ring_of_parent(const cordon_mol *pm, int a, int *atoms, int *n)
{
    int r = cordon__ring_of(pm, a), k, s, len, k0 = 0;
    if (r < 0)
        return -1;
    s = pm->ring_start[r];
    len = pm->ring_start[r + 1] - s;
    if (len > RC_MAX_ANCHOR)
        return -1;
    for (k = 0; k < len; k++)
        if (pm->ring_atoms[s + k] == a)
            k0 = k;
    for (k = 0; k < len; k++)
        atoms[k] = pm->ring_atoms[s + (k0 + k) % len];
    *n = len;
    return 0;
}

static int build_comp(cctx *c, int seed, int *seen)
{
    rc_def *d = c->d;
    const cordon_mol *pm = d->parent;
    rc_comp *pc;
    int list[MAX_PARENT], n = 0, head, i, natt = 0, cur, prev;
    if (d->ncomps == RC_MAX_COMPS)
        return fail(c, 0, "more than %s branches", "8");
    pc = &d->comps[d->ncomps];
    memset(pc, 0, sizeof *pc);
    pc->branch = pc->ring_region = -1;
    list[n++] = seed;
    seen[seed] = 1;
    for (head = 0; head < n; head++) {
        int x = list[head], k;
        pc->regions |= 1u << d->region_of[x];
        for (k = pm->nbr_start[x]; k < pm->nbr_start[x + 1]; k++) {
            int y = pm->nbrs[k].atom;
            if (d->anchor_pos[y] >= 0) {
                natt++;
                pc->attach = d->anchor_pos[y];
                pc->root = x;
                pc->order = pm->bonds[pm->nbrs[k].bond].order;
            } else if (!seen[y]) {
                seen[y] = 1;
                list[n++] = y;
            }
        }
    }
    pc->natoms = n;
    if (natt != 1)
        return fail(c, 0,
                    "a branch of the parent must hang on the fixed "
                    "regions by exactly one bond (region %s)",
                    d->regions[d->region_of[seed]].name);
    for (i = 0; i < d->nregions; i++)
        if ((pc->regions & (1u << i)) && d->regions[i].kind == RC_BRANCH) {
            if (pc->regions != 1u << i)
                return fail(c, 0, "branch region %s shares its branch",
                            d->regions[i].name);
            pc->branch = i;
            d->ncomps++;
            return CORDON_OK;
        }
    cur = pc->root;
    prev = d->anchor[pc->attach];
    while (d->regions[d->region_of[cur]].kind == RC_CHAIN) {
        int k, next = -1, nn = 0;
        if (pc->nchain == RC_MAX_CHAIN)
            return fail(c, 0, "chain longer than %s atoms", "8");
        pc->chain[pc->nchain++] = cur;
        for (k = pm->nbr_start[cur]; k < pm->nbr_start[cur + 1]; k++) {
            int y = pm->nbrs[k].atom;
            if (y != prev && d->anchor_pos[y] < 0) {
                next = y;
                nn++;
            }
        }
        if (nn != 1)
            return fail(c, 0,
                        "chain region %s must be a simple path ending "
                        "in a ring region",
                        d->regions[d->region_of[cur]].name);
        prev = cur;
        cur = next;
    }
    if (d->regions[d->region_of[cur]].kind != RC_RING ||
        ring_of_parent(pm, cur, pc->ring, &pc->ring_size) < 0)
        return fail(c, 0, "region %s must be a monocyclic ring",
                    d->regions[d->region_of[cur]].name);
    pc->ring_region = d->region_of[cur];
    if (pc->nchain + pc->ring_size != n)
        return fail(c, 0, "atoms hang on ring region %s in the parent",
                    d->regions[pc->ring_region].name);
    for (i = 0; i < pc->ring_size; i++)
        if (d->region_of[pc->ring[i]] != pc->ring_region)
            return fail(c, 0, "ring region %s does not cover its ring",
                        d->regions[pc->ring_region].name);
    d->ncomps++;
    return CORDON_OK;
}

static int parse_parent(cctx *c)
{
    rc_def *d = c->d;
    const char *smi = cordon_kb_entry_field(c->e, "parent", 0);
    cordon_error perr = CORDON_ERROR_INIT;
    int rc, a, r, k, seen[MAX_PARENT];
    if (!smi)
        return fail(c, cordon_kb_entry_line(c->e), "class has no '%s' line",
                    "parent");
    if ((rc = cordon_mol_new(&d->parent, c->a)))
        return rc;
    rc = cordon_smiles_read(d->parent, smi, strlen(smi), NULL, &perr);
    if (rc == CORDON_ENOMEM)
        return rc;
    if (rc)
        return fail(c, cordon_kb_entry_line(c->e), "parent: %s", perr.message);
    if (d->parent->natoms > MAX_PARENT)
        return fail(c, 0, "parent larger than %s atoms", "160");
    if ((rc = parse_regions(c)))
        return rc;
    for (a = 0; a < d->parent->natoms; a++) {
        int map = cordon_mol_atom_map(d->parent, a), found = -1;
        for (r = 0; r < d->nregions; r++)
            for (k = 0; k < c->nmaps[r]; k++)
                if (c->maps[r][k] == map)
                    found = r;
        if (found < 0)
            return fail(c, 0, "parent atom %s has no region (atom map)",
                        cordon_element_symbol(d->parent->atoms[a].elem));
        d->region_of[a] = found;
        d->sites_of[a] = 0;
    }
    if ((rc = build_anchor(c)))
        return rc;
    memset(seen, 0, sizeof seen);
    for (a = 0; a < d->parent->natoms; a++)
        if (d->anchor_pos[a] < 0 && !seen[a] && (rc = build_comp(c, a, seen)))
            return rc;
    return CORDON_OK;
}

int cordon__rc_compile(rc_def *d, const cordon_kb *kb, const cordon_kb_entry *e,
                       const cordon_allocator *a, cordon_error *err)
{
    cctx c;
    const char *v;
    int rc, i, n;
    size_t total = 256;
    memset(d, 0, sizeof *d);
    memset(&c, 0, sizeof c);
    c.d = d;
    c.e = e;
    c.a = a;
    c.err = err;
    d->entry = e;
    d->jur = cordon_kb_entry_field(e, "jurisdiction", 0);
    d->covers = cordon_kb_entry_covers(kb, e);
    static const char *const keys[] = {"region", "site", "limb", NULL};
    for (i = 0; keys[i]; i++)
        for (n = 0; n < cordon_kb_entry_field_count(e, keys[i]); n++)
            total += 2 * strlen(cordon_kb_entry_field(e, keys[i], n)) + 32;
    if (!(c.arena = cordon__malloc(a, total)))
        return CORDON_ENOMEM;
    c.cap = total;
    d->arena = c.arena;
    v = cordon_kb_entry_field(e, "class-kind", 0);
    if (v && strcmp(v, "controlled") && strcmp(v, "precursor"))
        return fail(&c, 0,
                    "class-kind must be controlled or precursor, not "
                    "'%s'",
                    v);
    d->precursor = v && !strcmp(v, "precursor");
    v = cordon_kb_entry_field(e, "parent-included", 0);
    if (v && strcmp(v, "yes") && strcmp(v, "no"))
        return fail(&c, 0, "parent-included must be yes or no, not '%s'", v);
    d->parent_included = v && !strcmp(v, "yes");
    v = cordon_kb_entry_field(e, "parent-name", 0);
    d->parent_name = v ? v : "";
    if ((rc = parse_parent(&c)) || (rc = parse_sites(&c)) ||
        (rc = parse_limbs(&c)))
        return rc;
    return CORDON_OK;
}

void cordon__rc_free(rc_def *d, const cordon_allocator *a)
{
    cordon_mol_free(d->parent);
    cordon__free(a, d->arena);
    d->parent = NULL;
    d->arena = NULL;
}

/* Derivative definitions (esters and ethers of a listed substance,
 * docs/rules.md §3): built from the structure, not from data. */
int cordon__rc_build_derivative(rc_def *d, const cordon_mol *m,
                                const cordon_allocator *a)
{
    cctx c;
    int i, k, noh = 0, rc;
    memset(d, 0, sizeof *d);
    memset(&c, 0, sizeof c);
    c.d = d;
    if (m->natoms > RC_MAX_ANCHOR || m->natoms < 2)
        return CORDON_ENOTFOUND;
    for (i = 0; i < m->natoms; i++)
        if (m->atoms[i].elem == 1)
            return CORDON_ENOTFOUND; /* explicit H atoms: not handled */
    if ((rc = cordon_mol_copy(&d->parent, m)))
        return rc;
    d->nregions = 1;
    d->regions[0].name = "entry";
    d->regions[0].desc = "listed structure";
    d->regions[0].kind = RC_FIXED;
    d->nsites = 2;
    d->sites[0].name = "alcohol-O";
    d->sites[0].desc = "alcohol or phenol oxygen";
    d->sites[1].name = "acid-O";
    d->sites[1].desc = "acid oxygen";
    for (i = 0; i < m->natoms; i++) {
        const cordon_atom *at = &m->atoms[i];
        d->region_of[i] = 0;
        d->sites_of[i] = 0;
        if (at->elem != 8 || at->degree != 1 || cordon__atom_hcount(at) != 1 ||
            at->charge)
            continue;
        {
            int nb = m->nbrs[m->nbr_start[i]].atom, acid = 0;
            if (m->atoms[nb].elem != 6)
                continue;
            for (k = m->nbr_start[nb]; k < m->nbr_start[nb + 1]; k++)
                acid |= m->atoms[m->nbrs[k].atom].elem == 8 &&
                        m->bonds[m->nbrs[k].bond].order == CORDON_BOND_DOUBLE;
            d->sites_of[i] = acid ? 2u : 1u;
            noh++;
        }
    }
    if (!noh)
        return CORDON_ENOTFOUND;
    {
        static const struct {
            const char *id;
            int site;
            int cls;
        } lb[3] = {{"ester", 0, RG_ACYL},
                   {"ether", 0, RG_C_ROOT},
                   {"ester", 1, RG_C_ROOT}};
        for (k = 0; k < 3; k++) {
            rc_limb *l = &d->limbs[k];
            memset(l, 0, sizeof *l);
            l->id = lb[k].id;
            l->regions = 1u;
            l->action = RC_SUBSTITUTE;
            l->classes = RG_BIT(lb[k].cls);
            l->site = lb[k].site;
            l->cite = "";
        }
        d->nlimbs = 3;
    }
    d->parent_name = "";
    d->same_anchor_as = -1;
    d->jidx = -1;
    d->exact = 1;
    return build_anchor(&c) ? CORDON_ENOTFOUND : CORDON_OK;
}
