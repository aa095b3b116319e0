/*
 * verdict.c -- evaluating one molecule into verdicts (identity, classes,
 * precursor clauses, precedence, alerts) and the verdict object's
 * accessors.  The order of the steps and the precedence rules are in
 * docs/rules.md §1; every string a verdict hands out lives in the verdict
 * and is re-pointed once per evaluation (finalize) after all growth.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rules/verdict_int.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static const char *const status_names[] = {"not_controlled", "controlled",
                                           "precursor"};
static const char *const basis_names[] = {"", "listed", "class", "precursor"};
static const char *const change_names[] = {"unchanged", "substituted",
                                           "replaced", "removed"};

const char *cordon_verdict_status_str(int s)
{
    return s >= 0 && s <= 2 ? status_names[s] : "";
}

const char *cordon_basis_str(int b)
{
    return b >= 0 && b <= 3 ? basis_names[b] : "";
}

cordon_status cordon_verdict_new(cordon_verdict **out,
                                 const cordon_allocator *alloc)
{
    cordon_verdict *v;
    *out = NULL;
    if (!(v = cordon__calloc(alloc, 1, sizeof *v)))
        return CORDON_ENOMEM;
    v->alloc = alloc;
    v->sc.alloc = alloc;
    *out = v;
    return CORDON_OK;
}

void cordon_verdict_free(cordon_verdict *v)
{
    size_t i;
    if (!v)
        return;
    for (i = 0; i < v->cap_expls; i++) {
        cordon__ev_result_free(v->alloc, &v->expls[i].r);
        cordon__free(v->alloc, v->expls[i].regs);
        cordon__free(v->alloc, v->expls[i].subs);
        cordon__buf_free(&v->expls[i].text);
    }
    for (i = 0; i < v->cap_defres; i++)
        cordon__ev_result_free(v->alloc, &v->defres[i]);
    cordon__free(v->alloc, v->expls);
    cordon__free(v->alloc, v->defres);
    cordon__free(v->alloc, v->demb);
    cordon__free(v->alloc, v->demb_off);
    cordon__free(v->alloc, v->demb_n);
    cordon__free(v->alloc, v->demb_all);
    cordon__free(v->alloc, v->results);
    cordon__free(v->alloc, v->wanted);
    cordon__free(v->alloc, v->jc_results);
    cordon__free(v->alloc, v->finds);
    cordon__free(v->alloc, v->alerts);
    cordon__free(v->alloc, v->frag);
    cordon__free(v->alloc, v->frag2);
    cordon__free(v->alloc, v->seen);
    cordon__free(v->alloc, v->work);
    cordon__free(v->alloc, v->hits);
    cordon__free(v->alloc, v->usim);
    cordon__free(v->alloc, v->ucount);
    cordon__free(v->alloc, v->cand);
    cordon__ev_result_free(v->alloc, &v->dres);
    cordon__ev_free(&v->sc);
    cordon__free(v->alloc, v);
}

/* ---- helpers ---- */

static int conf_rank(const char *c)
{
    if (!c || !*c)
        return -1;
    switch (c[0]) {
    case 'V':
        return 0;
    case 'S':
        return 1;
    case 'D':
        return 2;
    case 'U':
        return 3;
    default:
        return -1;
    }
}

static int reserve(cordon_verdict *v, int natoms)
{
    size_t n = (size_t)natoms + 1;
    if (cordon__ev_reserve(&v->sc, natoms))
        return CORDON_ENOMEM;
    if (n > v->cap_work) {
        cordon__free(v->alloc, v->frag);
        cordon__free(v->alloc, v->frag2);
        cordon__free(v->alloc, v->seen);
        cordon__free(v->alloc, v->work);
        v->frag = cordon__malloc(v->alloc, n);
        v->frag2 = cordon__malloc(v->alloc, n);
        v->seen = cordon__malloc(v->alloc, n);
        v->work = cordon__malloc(v->alloc, 2 * n * sizeof *v->work);
        if (!v->frag || !v->frag2 || !v->seen || !v->work) {
            v->cap_work = 0;
            return CORDON_ENOMEM;
        }
        v->cap_work = n;
    }
    return CORDON_OK;
}

static void norm_jur(char *out, const char *in)
{
    int i;
    for (i = 0; i < 7 && in[i]; i++)
        out[i] = (char)toupper((unsigned char)in[i]);
    out[i] = '\0';
    if (out[0] == 'U' && out[1] == 'K' && !out[2])
        memcpy(out, "GB", 3);
}

/* k in the sorted array a[0..n)? */
static int has_u64(const uint64_t *a, int n, uint64_t k)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && a[lo] == k;
}

/* Hit order: entries whose own structure is the parent before entries
 * written as a salt or mixture (codeine before a "CBr.codeine" entry),
 * then KB order. */
static int hit_before(const cordon_rules *r, int ha, int hb)
{
    int a = ha >> 2, b = hb >> 2;
    if ((ha & 3) != (hb & 3))
        return (ha & 3) < (hb & 3); /* identical, stereoisomer, ester, ether */
    if (r->listed[a].salt_form != r->listed[b].salt_form)
        return r->listed[a].salt_form < r->listed[b].salt_form;
    return a < b;
}

/* Oxygen a has two heavy neighbours and no H (cordon__heavy_degree,
 * cordon__eff_hcount: an uncharged atom's hydrogens are its own and its H
 * neighbours). */
static int ether_o(const cordon_mol *mol, int a)
{
    const cordon_atom *at = &mol->atoms[a];
    int k;
    if (at->charge)
        return cordon__heavy_degree(mol, a) == 2 && !cordon__eff_hcount(mol, a);
    if (at->degree != 2 || cordon__atom_hcount(at))
        return 0;
    for (k = mol->nbr_start[a]; k < mol->nbr_start[a + 1]; k++)
        if (mol->atoms[mol->nbrs[k].atom].elem == 1)
            return 0;
    return 1;
}

/* An ester or ether differs from the structure at one of its OH oxygens
 * (cordon__rc_build_derivative's sites; the other atoms keep their
 * neighbours), which then has two heavy neighbours and no H: without one
 * (type 2 * 2: aliphatic O; find_derivatives has checked that the fragment
 * has some), no structure can match. */
static int has_ether_o(const cordon_verdict *v, const cordon_mol *mol)
{
    int k;
    for (k = 0; k < mol->natoms; k++)
        if ((v->sc.acode[k] | 1) == 2 * 2 * 2 + 1 &&
            mol->atoms[k].degree >= 2 && ether_o(mol, k))
            return 1;
    return 0;
}

static int ctz64(uint64_t x)
{
    return __builtin_ctzll(x);
}

/* have[k] >= need[k] for every one of the RL_NTYPE buckets (SSE2, part of
 * every x86-64, sixteen at a time: min(have, need) == need). */
_Static_assert(RL_NTYPE % 16 == 0, "hist_contains reads 16 buckets at once");
static int hist_contains(const unsigned char *have, const unsigned char *need)
{
#if defined(__SSE2__)
    int k;
    for (k = 0; k < RL_NTYPE; k += 16) {
        __m128i h = _mm_loadu_si128((const __m128i *)(const void *)(have + k));
        __m128i n = _mm_loadu_si128((const __m128i *)(const void *)(need + k));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(h, n), n)) != 0xffff)
            return 0;
    }
    return 1;
#else
    int k;
    for (k = 0; k < RL_NTYPE; k++)
        if (have[k] < need[k])
            return 0;
    return 1;
#endif
}

/* The structure at dorder position di, of a size in range and past the
 * mask tests (find_derivatives): CORDON_OK to go on, 1 to stop (the
 * fragment has no ether oxygen), or an error status.  Adds its entries to
 * v->hits when the molecule is an ester or ether of it. */
static int derivative_at(const cordon_rules *r, cordon_verdict *v,
                         const cordon_mol *mol, int di, int hatoms,
                         unsigned char *mt, int *have_types)
{
    const struct rl_dneed *dn = &r->dneed[di];
    const rc_def *d;
    int ok, kind, li, k, rc, u;
    uint64_t key;
    /* cordon__rc_may_embed, inline from compact tables: the counts of 3
     * or more (the masks are tested) */
    for (k = 0, ok = 1; ok && k < dn->nk && k < RL_DNEED; k++)
        ok = dn->n[k] <= v->sc.counts.n[dn->k[k]];
    if (!ok)
        return CORDON_OK;
    d = r->deriv[u = r->dorder[di]];
    /* the anchor (the whole structure) must fit the atom types (its size
     * is in range: find_derivatives visits only [lo, hi)) */
    if (dn->nk > RL_DNEED && !cordon__rc_may_embed(d, &v->sc.counts))
        return CORDON_OK;
    /* every atom but the site oxygens keeps its type: histogram
     * containment (a necessary condition, hashed buckets); first, the
     * ether oxygen every derivative has */
    if (!*have_types) {
        if (!has_ether_o(v, mol))
            return 1;
        cordon__type_hist(mol, v->frag, NULL, mt, RL_NTYPE, hatoms);
        *have_types = 1;
    }
    if (!hist_contains(mt, r->utype[u]))
        return CORDON_OK;
    v->sc.max_uncovered = 0;
    if ((rc = cordon__rc_evaluate(d, mol, &v->sc, &v->dres)))
        return rc;
    if (!v->dres.matched || v->dres.uncovered || !v->dres.ndiff)
        return CORDON_OK;
    kind = 3; /* ether unless an ester limb was used */
    for (li = 0; li < d->nlimbs; li++)
        if ((v->dres.limbs & (1u << li)) && !strcmp(d->limbs[li].id, "ester"))
            kind = 2;
    key = r->listed[r->uniq_rep[u]].key;
    for (k = r->uniq_first[u];
         k < r->nlisted && r->listed[r->by_key[k]].key == key; k++) {
        const rl_listed *l = &r->listed[r->by_key[k]];
        unsigned cov = cordon_kb_entry_covers(r->kb, l->e);
        if (!(cov &
              (kind == 2 ? CORDON_KB_COVERS_ESTERS : CORDON_KB_COVERS_ETHERS)))
            continue;
        if (cordon__grow(v->alloc, (void **)&v->hits, sizeof *v->hits,
                         &v->cap_hits, (size_t)v->nhits + 1))
            return CORDON_ENOMEM;
        v->hits[v->nhits++] = r->by_key[k] << 2 | kind;
    }
    return CORDON_OK;
}

/* Esters and ethers of listed structures: entries whose coverage names
 * them ("isomers, esters, ethers"); the molecule is the structure with
 * acyl or carbon groups on its OH oxygens and nothing else changed. */
static int find_derivatives(const cordon_rules *r, cordon_verdict *v,
                            const cordon_mol *mol, int heavy)
{
    unsigned char mt[RL_NTYPE];
    int k, rc, have_types = 0, lo, hi, w, hatoms;
    const uint64_t *ge = v->sc.counts.ge;
    if (!r->deriv || !v->sc.counts.n[2 * 2])
        return CORDON_OK;
    /* every atom heavy (the preparation's count): no hydrogen atoms */
    hatoms = heavy >= 0 && heavy == mol->natoms ? 0 : -1;
    /* heavy atoms (the type counts' total), capped as r->uheavy is */
    if (heavy < 0)
        for (k = 0, heavy = 0; k < RC_NTYPE; k++)
            heavy += v->sc.counts.n[k];
    heavy = heavy > 255 ? 255 : heavy;
    /* the listed structure must be smaller than the molecule and at least
     * half of it (docs/rules.md §3: an "ether of 1,4-butanediol" is not
     * any molecule with an O(CH2)4O linker); dorder is sorted by size */
    lo = r->dfirst[(heavy + 1) / 2];
    hi = r->dfirst[heavy];
    for (w = lo / 64; lo < hi && w <= (hi - 1) / 64; w++) {
        /* the structures of word w in [lo, hi) that pass the masks, in
         * dorder */
        uint64_t cand = ~(uint64_t)0, miss;
        int p;
        if (w == lo / 64)
            cand &= ~(uint64_t)0 << (lo % 64);
        if (w == (hi - 1) / 64 && hi % 64)
            cand &= ~(~(uint64_t)0 << (hi % 64));
        for (p = 0; p < 3 && cand; p++)
            for (miss = r->dneed_any[p] & ~ge[p]; miss; miss &= miss - 1)
                cand &= ~r->dneeds[((size_t)p * 64 + (size_t)ctz64(miss)) *
                                       (size_t)r->dwords +
                                   (size_t)w];
        for (; cand; cand &= cand - 1) {
            rc = derivative_at(r, v, mol, w * 64 + ctz64(cand), hatoms, mt,
                               &have_types);
            if (rc == 1)
                return CORDON_OK; /* no ether oxygen */
            if (rc)
                return rc;
        }
    }
    return CORDON_OK;
}

/* heavy: the counts' total when known (cordon__rc_prepare_parent's atom
 * count: its counts hold every fragment atom), else -1 */
static int find_hits(const cordon_rules *r, cordon_verdict *v,
                     const cordon_mol *mol, int heavy)
{
    int lo = 0, hi = r->nlisted, i, rc;
    uint64_t key, ekey;
    v->nhits = 0;
    if (!v->sc.prepared)
        cordon__rc_prepare(&v->sc, mol);
    /* the same compound has the same atom counts per type, and per type
     * in a ring (a necessary condition: key0's atom invariants hold the
     * element, aromaticity and ring membership; cheaper than key0) */
    ekey = cordon__type_key(&v->sc.counts);
    if (!(r->ekey_bits[(ekey & 4095) >> 6] >> (ekey & 63) & 1) ||
        !has_u64(r->ekeys, r->nlisted, ekey) ||
        !has_u64(r->keys0, r->nlisted, cordon__graph_key0(mol, v->frag)))
        goto derivatives;
    key = cordon__graph_key(mol, v->frag, v->work);
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (r->listed[r->by_key[mid]].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < r->nlisted && r->listed[r->by_key[i]].key == key; i++) {
        const rl_listed *l = &r->listed[r->by_key[i]];
        int same = cordon__same_compound(l->mol, l->frag, mol, v->frag, &v->sc);
        if (same < 0)
            return CORDON_ENOMEM;
        if (!same)
            continue;
        if (cordon__grow(v->alloc, (void **)&v->hits, sizeof *v->hits,
                         &v->cap_hits, (size_t)v->nhits + 1))
            return CORDON_ENOMEM;
        /* (listed index << 2) | kind: 0 identical, 1 another
         * stereoisomer, 2 an ester, 3 an ether (derivatives below) */
        v->hits[v->nhits++] = r->by_key[i] << 2 | (same == 2);
    }
derivatives:
    if (!v->nhits && (rc = find_derivatives(r, v, mol, heavy)))
        return rc;
    for (i = 1; i < v->nhits; i++) {
        int j = i, t = v->hits[i];
        while (j > 0 && hit_before(r, t, v->hits[j - 1])) {
            v->hits[j] = v->hits[j - 1];
            j--;
        }
        v->hits[j] = t;
    }
    return CORDON_OK;
}

static int new_expl(cordon_verdict *v, int def, const ev_result *res)
{
    vexpl *x;
    size_t old = v->cap_expls;
    if ((size_t)v->nexpls + 1 > v->cap_expls) {
        if (cordon__grow(v->alloc, (void **)&v->expls, sizeof *v->expls,
                         &v->cap_expls, (size_t)v->nexpls + 1))
            return -1;
        memset(v->expls + old, 0, sizeof *v->expls * (v->cap_expls - old));
        for (; old < v->cap_expls; old++)
            v->expls[old].text.alloc = v->alloc;
    }
    x = &v->expls[v->nexpls];
    x->def = def;
    if (cordon__ev_result_copy(v->alloc, &x->r, res))
        return -1;
    return v->nexpls++;
}

/* Adds a finding when it applies (in force, or ALL_DATES) and its coverage
 * clauses admit the form of the molecule.  def/res: class findings. */
static int add_find(const cordon_rules *r, cordon_verdict *v, const char *jur,
                    const cordon_kb_entry *e, int status, int basis,
                    const char *match, int salt, int other_stereo, int32_t date,
                    unsigned flags, int def, const ev_result *res)
{
    const cordon_kb_period *p = NULL;
    int in_force = cordon_kb_entry_in_force(e, date, &p);
    unsigned cov = cordon_kb_entry_covers(r->kb, e);
    vfind *f;
    const char *c1, *c2;
    if (!in_force && !(flags & CORDON_EVAL_ALL_DATES))
        return CORDON_OK;
    if (cov && salt && !(cov & CORDON_KB_COVERS_SALTS))
        return CORDON_OK;
    /* another stereoisomer of a listed stereoisomer: only through an
     * isomer clause (docs/rules.md §3) */
    if (cov && other_stereo &&
        !(cov & (CORDON_KB_COVERS_ISOMERS | CORDON_KB_COVERS_OPTICAL_ISOMERS |
                 CORDON_KB_COVERS_STEREOISOMERS |
                 CORDON_KB_COVERS_GEOMETRIC_ISOMERS)))
        return CORDON_OK;
    if (cordon__grow(v->alloc, (void **)&v->finds, sizeof *v->finds,
                     &v->cap_finds, (size_t)v->nfinds + 1))
        return CORDON_ENOMEM;
    f = &v->finds[v->nfinds];
    memset(f, 0, sizeof *f);
    f->pub.jurisdiction = jur;
    f->pub.status = status;
    f->pub.basis = basis;
    f->pub.entry = e;
    f->pub.match = match;
    f->pub.period = in_force ? p : NULL;
    f->pub.in_force = in_force;
    f->pub.expl = -1;
    if (in_force && p)
        f->pub.effective_from = p->from;
    else if (cordon_kb_entry_num_periods(e) > 0)
        f->pub.effective_from = cordon_kb_entry_period(e, 0)->from;
    snprintf(f->citation, sizeof f->citation, "%s",
             cordon_kb_entry_field(e, "citation", 0)
                 ? cordon_kb_entry_field(e, "citation", 0)
                 : "");
    /* a class may tag its definition apart from its dates
     * (docs/class-definitions.md §2): the period tag then speaks for the
     * date, the definition tag for the text */
    c1 = cordon_kb_entry_field(e, "definition-confidence", 0);
    if (!c1)
        c1 = cordon_kb_entry_field(e, "confidence", 0);
    c2 = in_force && p ? p->confidence : NULL;
    if (conf_rank(c2) > conf_rank(c1))
        c1 = c2;
    f->conf[0] = c1 && conf_rank(c1) >= 0 ? c1[0] : '\0';
    f->conf[1] = '\0';
    if (def >= 0) {
        const rc_def *d = &r->defs[def];
        int li;
        size_t n = 0;
        for (li = 0; li < d->nlimbs; li++) {
            if (!(res->limbs & (1u << li)))
                continue;
            n += (size_t)snprintf(f->limbs + n, sizeof f->limbs - n, "%s%s",
                                  n ? "," : "", d->limbs[li].id);
            if (n >= sizeof f->limbs)
                n = sizeof f->limbs - 1;
            if (d->limbs[li].cite[0]) {
                size_t cl = strlen(f->citation);
                snprintf(f->citation + cl, sizeof f->citation - cl, "; %s",
                         d->limbs[li].cite);
            }
        }
        if (res->since > f->pub.effective_from)
            f->pub.effective_from = res->since;
        if ((f->pub.expl = new_expl(v, def, res)) < 0)
            return CORDON_ENOMEM;
    }
    v->nfinds++;
    return CORDON_OK;
}

int cordon__add_alert(cordon_verdict *v, int kind, const char *jur,
                      const cordon_kb_entry *e, double sim, int expl)
{
    valert *a;
    if (cordon__grow(v->alloc, (void **)&v->alerts, sizeof *v->alerts,
                     &v->cap_alerts, (size_t)v->nalerts + 1))
        return CORDON_ENOMEM;
    a = &v->alerts[v->nalerts++];
    memset(a, 0, sizeof *a);
    a->pub.kind = kind;
    a->pub.jurisdiction = jur;
    a->pub.entry = e;
    a->pub.similarity = sim;
    a->pub.expl = expl;
    return CORDON_OK;
}

static int eval_defs(const cordon_rules *r, cordon_verdict *v,
                     const cordon_mol *mol, int nheavy, int alerts,
                     int32_t date, unsigned flags);

/* Adds the findings of the current fragment (v->frag, v->hits, v->defres)
 * for one jurisdiction, in precedence order (pass 0: listed substances,
 * 1: classes, 2: listed precursors, 3: precursor clauses; docs/rules.md
 * §1), each with its rank; a class finding is superseded by a listed
 * substance of the same fragment ("not otherwise controlled").  mixture: the
 * fragment is another component of the record than the parent. */
static int collect(const cordon_rules *r, cordon_verdict *v, vres *res,
                   int salt, int stereo, int mixture, int32_t date,
                   unsigned flags)
{
    const char *jur = res->jur;
    int i, first = v->nfinds, rc = CORDON_OK, pass, listed_sub = -1;
    if (!v->nhits && !v->ndefs_covered)
        return CORDON_OK; /* nothing to find */
    for (pass = 0; pass < 4 && !rc; pass++) {
        int before = v->nfinds;
        if (pass == 0 || pass == 2) {
            for (i = 0; i < v->nhits && !rc; i++) {
                const rl_listed *l = &r->listed[v->hits[i] >> 2];
                int kind = v->hits[i] & 3, other = kind == 1;
                if (l->jidx != res->jidx || l->precursor != (pass == 2))
                    continue;
                /* "stereoisomer": another one than the listed stereoisomer,
                 * or a specified one of a substance listed without stereo */
                rc = add_find(
                    r, v, jur, l->e,
                    pass ? CORDON_PRECURSOR : CORDON_CONTROLLED,
                    pass ? CORDON_BASIS_PRECURSOR : CORDON_BASIS_LISTED,
                    mixture                               ? "mixture"
                    : other || (stereo && !l->has_stereo) ? "stereoisomer"
                    : salt                                ? "salt"
                                                          : "identical",
                    salt, other, date, flags, -1, NULL);
            }
        } else {
            for (i = 0; i < r->ndefs && !rc; i++) {
                const rc_def *d = &r->defs[i];
                const ev_result *er = &v->defres[i];
                if (d->jidx != res->jidx || d->precursor != (pass == 3) ||
                    !er->matched || er->uncovered ||
                    (er->ndiff == 0 && !d->parent_included))
                    continue;
                rc = add_find(r, v, jur, d->entry,
                              pass == 3 ? CORDON_PRECURSOR : CORDON_CONTROLLED,
                              pass == 3 ? CORDON_BASIS_PRECURSOR
                                        : CORDON_BASIS_CLASS,
                              pass == 3 ? "clause" : "class", salt, 0, date,
                              flags, i, er);
            }
        }
        for (i = before; i < v->nfinds; i++)
            v->finds[i].rank = pass;
    }
    if (rc)
        return rc;
    for (i = first; i < v->nfinds; i++) {
        cordon_finding *f = &v->finds[i].pub;
        if (!f->in_force)
            continue;
        if (f->basis == CORDON_BASIS_LISTED && listed_sub < 0)
            listed_sub = i;
        if (f->basis == CORDON_BASIS_CLASS && listed_sub >= 0)
            f->superseded = 1;
    }
    return CORDON_OK;
}

/* The deciding finding of a jurisdiction: in force, not superseded, lowest
 * rank, first (the parent's findings come first).  Returns 1 if any. */
static int decide(cordon_verdict *v, vres *res)
{
    int i, primary = -1;
    for (i = 0; i < v->nfinds; i++) {
        vfind *f = &v->finds[i];
        if (f->pub.jurisdiction != res->jur)
            continue;
        f->pub.primary = 0;
        if (!f->pub.in_force || f->pub.superseded)
            continue;
        if (primary < 0 || f->rank < v->finds[primary].rank)
            primary = i;
    }
    res->pub.finding = primary;
    if (primary < 0) {
        res->pub.status = CORDON_NOT_CONTROLLED;
        res->pub.basis = CORDON_BASIS_NONE;
        return 0;
    }
    v->finds[primary].pub.primary = 1;
    res->pub.status = v->finds[primary].pub.status;
    res->pub.basis = v->finds[primary].pub.basis;
    return 1;
}

/* Findings, precedence and alerts for one jurisdiction (the parent). */
static int judge(const cordon_rules *r, cordon_verdict *v,
                 const cordon_mol *mol, vres *res, int salt, int stereo,
                 int32_t date, unsigned flags)
{
    const char *jur = res->jur;
    int i, rc;
    if ((v->nhits || v->ndefs_covered) &&
        (rc = collect(r, v, res, salt, stereo, 0, date, flags)))
        return rc;
    if (decide(v, res) || (flags & CORDON_EVAL_NO_ALERTS))
        return CORDON_OK;
    if ((rc = cordon__similar_alerts(r, v, mol, jur, res->jidx, date)))
        return rc;
    if (!v->ndefs_partial)
        return rc;
    for (i = 0; i < r->ndefs && !rc; i++) {
        const rc_def *d = &r->defs[i];
        const ev_result *er = &v->defres[i];
        int x;
        if (d->jidx != res->jidx || d->precursor || !er->matched ||
            er->uncovered != 1 || !cordon__def_in_force(r, i, date))
            continue;
        if ((x = new_expl(v, i, er)) < 0)
            return CORDON_ENOMEM;
        rc = cordon__add_alert(v, CORDON_ALERT_PARTIAL, jur, d->entry, 0.0, x);
    }
    return rc;
}

/* The record's other components (a mixture: "any material, compound,
 * mixture or preparation which contains" a controlled substance): each
 * carbon-containing fragment that is not a known counter-ion or solvent is
 * judged like the parent; its findings have match "mixture" (or "class")
 * and can decide a jurisdiction, whose alerts are then dropped. */
static int mixture_components(const cordon_rules *r, cordon_verdict *v,
                              const cordon_mol *mol, int32_t date,
                              unsigned flags)
{
    unsigned char *parent = v->frag;
    int n, i, rc = CORDON_OK, ncomp = 0;
    memcpy(v->seen, parent, (size_t)mol->natoms);
    v->frag = v->frag2;
    v->sc.frag = v->frag2;
    while (!rc && ncomp < 16 &&
           (n = cordon__next_component(mol, v->seen, v->frag, v->sc.queue)) >
               0) {
        if (!cordon__component_organic(mol, v->sc.queue, n))
            continue;
        ncomp++;
        v->have_fp = 0;
        v->sc.prepared = v->sc.comps_ok = 0;
        if (r->nlisted && (rc = find_hits(r, v, mol, -1)))
            break;
        if ((rc = eval_defs(r, v, mol, n, 0, date, flags)))
            break;
        for (i = 0; i < v->nresults && !rc; i++)
            rc = collect(r, v, &v->results[i], 1, 0, 1, date, flags);
    }
    v->frag = parent;
    v->sc.frag = parent;
    v->sc.prepared = v->sc.comps_ok = 0;
    if (rc || !ncomp)
        return rc;
    for (i = 0; i < v->nresults; i++) {
        int k, j = 0;
        if (!decide(v, &v->results[i]))
            continue;
        for (k = 0; k < v->nalerts; k++) /* controlled after all */
            if (v->alerts[k].pub.jurisdiction != v->results[i].jur)
                v->alerts[j++] = v->alerts[k];
        v->nalerts = j;
    }
    return CORDON_OK;
}

/* ---- explanations ---- */

/* "R4+R5": the names of every region entry read as the same change of
 * the same atoms as entry i (a branch replaced as a whole). */
static int same_change(const cordon_expl_region *a, const cordon_expl_region *b)
{
    return a->natoms == b->natoms &&
           (!a->natoms || !memcmp(a->atoms, b->atoms,
                                  sizeof *a->atoms * (size_t)a->natoms)) &&
           a->change == b->change && !strcmp(a->limb, b->limb);
}

static int region_text(vexpl *x, int i, int *nparts)
{
    const cordon_expl_region *o = &x->regs[i];
    char names[128];
    size_t n;
    int j;
    for (j = 0; j < i; j++)
        if (same_change(&x->regs[j], o))
            return CORDON_OK; /* printed with an earlier region */
    n = (size_t)snprintf(names, sizeof names, "%s", o->region);
    for (j = i + 1; j < x->nregs && n < sizeof names; j++)
        if (same_change(&x->regs[j], o))
            n += (size_t)snprintf(names + n, sizeof names - n, "+%s",
                                  x->regs[j].region);
    if (cordon__buf_printf(&x->text, "%s%s%s: ", *nparts ? "; " : "",
                           o->limb[0] ? "limb " : "no limb", o->limb))
        return CORDON_ENOMEM;
    (*nparts)++;
    if (!strcmp(o->change, "removed"))
        return cordon__buf_printf(&x->text, "%s removed", names) ? CORDON_ENOMEM
                                                                 : CORDON_OK;
    if (!strcmp(o->group_class, "any-group"))
        return cordon__buf_printf(&x->text, "%s replaced by another group",
                                  names)
                   ? CORDON_ENOMEM
                   : CORDON_OK;
    if (!strcmp(o->group_class, "unclassified"))
        return cordon__buf_printf(
                   &x->text, "%s replaced by a group of no listed class", names)
                   ? CORDON_ENOMEM
                   : CORDON_OK;
    return cordon__buf_printf(&x->text, "%s replaced by %s", names,
                              o->group_class)
               ? CORDON_ENOMEM
               : CORDON_OK;
}

static int build_expl(const cordon_rules *r, cordon_verdict *v, vexpl *x)
{
    const rc_def *d = &r->defs[x->def];
    const ev_result *er = &x->r;
    int reg, i, nparts = 0;
    x->nregs = x->nsubs = 0;
    if (cordon__grow(v->alloc, (void **)&x->regs, sizeof *x->regs, &x->cap_regs,
                     (size_t)er->nregions + 1) ||
        cordon__grow(v->alloc, (void **)&x->subs, sizeof *x->subs, &x->cap_subs,
                     (size_t)er->nsubsts + 1))
        return CORDON_ENOMEM;
    cordon__buf_reset(&x->text);
    for (reg = 0; reg < d->nregions; reg++)
        for (i = 0; i < er->nregions; i++) {
            const ev_region *e = &er->regions[i];
            cordon_expl_region *o;
            if (e->region != reg)
                continue;
            o = &x->regs[x->nregs++];
            o->region = d->regions[reg].name;
            o->description = d->regions[reg].desc;
            o->atoms = er->atoms + e->atoms_off;
            o->natoms = e->natoms;
            o->change = change_names[e->change];
            o->group_class = e->gclass >= 0 ? cordon__rg_names[e->gclass]
                             : e->change == EV_REPLACED ? "unclassified"
                                                        : "";
            o->limb = e->limb >= 0 ? d->limbs[e->limb].id : "";
        }
    for (i = 0; i < x->nregs; i++)
        if ((!strcmp(x->regs[i].change, "replaced") ||
             !strcmp(x->regs[i].change, "removed")) &&
            region_text(x, i, &nparts))
            return CORDON_ENOMEM;
    for (i = 0; i < er->nsubsts; i++) {
        const ev_subst *e = &er->substs[i];
        cordon_expl_subst *o = &x->subs[x->nsubs++];
        o->region = d->regions[e->region].name;
        o->attach = e->attach;
        o->atoms = er->atoms + e->atoms_off;
        o->natoms = e->natoms;
        o->group_class =
            e->gclass >= 0 ? cordon__rg_names[e->gclass] : "unclassified";
        o->limb = e->limb >= 0 ? d->limbs[e->limb].id : "";
        if (cordon__buf_printf(&x->text, "%s%s%s: %s group on %s (atom %d)",
                               nparts ? "; " : "",
                               e->limb >= 0 ? "limb " : "no limb", o->limb,
                               o->group_class, o->region, e->attach))
            return CORDON_ENOMEM;
        if (e->limb < 0) {
            /* a limb whose list ends with "etc." (China's 等) */
            int li;
            for (li = 0; li < d->nlimbs; li++)
                if (d->limbs[li].open && d->limbs[li].action == RC_SUBSTITUTE &&
                    (d->limbs[li].regions & (1u << e->region)))
                    break;
            if (li < d->nlimbs &&
                cordon__buf_printf(&x->text,
                                   " -- limb %s's list ends with 'etc.'",
                                   d->limbs[li].id))
                return CORDON_ENOMEM;
        }
        nparts++;
    }
    if (!nparts &&
        cordon__buf_puts(&x->text, "no difference from the parent compound"))
        return CORDON_ENOMEM;
    x->textp = cordon__buf_cstr(&x->text);
    return CORDON_OK;
}

static int finalize(const cordon_rules *r, cordon_verdict *v, unsigned flags)
{
    int i, rc;
    for (i = 0; i < v->nexpls; i++) {
        v->expls[i].nregs = v->expls[i].nsubs = 0;
        v->expls[i].textp = "";
        if (!(flags & CORDON_EVAL_NO_DETAIL) &&
            (rc = build_expl(r, v, &v->expls[i])))
            return rc;
    }
    for (i = 0; i < v->nfinds; i++) {
        vfind *f = &v->finds[i];
        const cordon_kb_entry *e = f->pub.entry;
        const char *s;
        f->pub.entry_id = cordon_kb_entry_id(e);
        s = cordon_kb_entry_field(e, "name", 0);
        f->pub.name = s ? s : "";
        s = cordon_kb_entry_field(e, "schedule", 0);
        f->pub.schedule = s ? s : "";
        f->pub.citation = f->citation;
        f->pub.confidence = f->conf;
        f->pub.limbs = f->limbs;
    }
    for (i = 0; i < v->nresults; i++) {
        cordon_result *o = &v->results[i].pub;
        o->jurisdiction = v->results[i].jur;
        if (o->finding >= 0) {
            const cordon_finding *f = &v->finds[o->finding].pub;
            o->schedule = f->schedule;
            o->entry_id = f->entry_id;
            o->name = f->name;
            o->limbs = f->limbs;
            o->citation = f->citation;
            o->effective_from = f->effective_from;
            o->confidence = f->confidence;
        } else {
            o->schedule = o->entry_id = o->name = o->limbs = o->citation = "";
            o->confidence = "";
            o->effective_from = 0;
        }
    }
    for (i = 0; i < v->nalerts; i++) {
        valert *a = &v->alerts[i];
        const char *s = cordon_kb_entry_field(a->pub.entry, "name", 0);
        a->pub.entry_id = cordon_kb_entry_id(a->pub.entry);
        a->pub.name = s ? s : "";
        if (a->pub.kind == CORDON_ALERT_SIMILAR &&
            (cordon_kb_entry_covers(r->kb, a->pub.entry) &
             (CORDON_KB_COVERS_ANALOGUES | CORDON_KB_COVERS_DERIVATIVES)))
            /* Canada's CDSA items cover "derivatives and analogues": not
             * decidable from structure (reference §2.4) */
            snprintf(a->message, sizeof a->message,
                     "probable analogue -- requires status determination: "
                     "similar to %s (Tanimoto %.2f), whose listing covers "
                     "derivatives and analogues",
                     a->pub.name, a->pub.similarity);
        else if (a->pub.kind == CORDON_ALERT_SIMILAR)
            snprintf(a->message, sizeof a->message,
                     "possible analogue -- needs expert review: similar to "
                     "%s (Tanimoto %.2f)",
                     a->pub.name, a->pub.similarity);
        else
            snprintf(a->message, sizeof a->message,
                     "possible analogue -- needs expert review: core of %s "
                     "matches but %s",
                     a->pub.name,
                     v->expls[a->pub.expl].textp[0]
                         ? v->expls[a->pub.expl].textp
                         : "one difference is allowed by no limb");
        a->pub.message = a->message;
    }
    return CORDON_OK;
}

/* ---- evaluation ---- */

static void clear(cordon_verdict *v)
{
    v->nresults = v->nfinds = v->nalerts = v->nexpls = 0;
    v->nhits = 0;
    v->have_fp = 0;
    v->sc.prepared = v->sc.comps_ok = 0;
}

static int jur_wanted(const cordon_verdict *v, const char *jur)
{
    int i;
    for (i = 0; i < v->nresults; i++)
        if (v->results[i].jur[0] == jur[0] && !strcmp(v->results[i].jur, jur))
            return 1;
    return 0;
}

/* The key of an explicit jurisdiction list (see jc_key); 0 if too long. */
static size_t jur_key(unsigned char *key, size_t cap, const char *const *jurs,
                      int njur)
{
    size_t n = 0;
    int i, k;
    for (i = 0; i < njur; i++) {
        const char *s = jurs[i] ? jurs[i] : "";
        if (n + 8 > cap)
            return 0;
        for (k = 0; k < 7 && s[k]; k++)
            key[n + 1 + (size_t)k] = (unsigned char)s[k];
        key[n] = (unsigned char)k;
        n += 1 + (size_t)k;
    }
    return n;
}

_Static_assert(sizeof(((vres *)0)->jur) == sizeof(uint64_t),
               "jur_cache_ok reads vres.jur as one word");

/* The cached resolution applies: same rules, same names, and every name
 * still resolves as cached (rules at a reused address). */
static int jur_cache_ok(const cordon_rules *r, const cordon_verdict *v,
                        const char *const *jurs, int njur)
{
    int i;
    size_t n = 0;
    if (!v->jc_len || v->jc_rules != r)
        return 0;
    /* jur_key(jurs) == jc_key, read in place */
    for (i = 0; i < njur; i++) {
        const char *s = jurs[i] ? jurs[i] : "";
        int k, kl;
        if (n >= v->jc_len)
            return 0;
        kl = v->jc_key[n];
        for (k = 0; k < kl; k++)
            if ((unsigned char)s[k] != v->jc_key[n + 1 + (size_t)k])
                return 0; /* a NUL in s differs from a key character */
        if (kl < 7 && s[kl])
            return 0;
        n += 1 + (size_t)kl;
    }
    if (n != v->jc_len)
        return 0;
    for (i = 0; i < v->jc_n; i++) {
        const vres *x = &v->jc_results[i];
        uint64_t w;
        if (x->jidx < 0 || x->jidx >= r->njurs)
            return 0;
        /* strcmp(r->jurs[jidx], x->jur) == 0 as one word: x->jur is at
         * most 7 letters, NUL-padded (set_jurisdictions clears it) */
        memcpy(&w, x->jur, sizeof w);
        if (w != r->jurw[x->jidx])
            return 0;
    }
    return 1;
}

static int set_jurisdictions(const cordon_rules *r, cordon_verdict *v,
                             const char *const *jurs, int njur, int32_t date)
{
    int i, all = !(njur > 0 && jurs), n = all ? r->njurs : njur;
    unsigned char key[sizeof v->jc_key];
    size_t klen;
    if (cordon__grow(v->alloc, (void **)&v->results, sizeof *v->results,
                     &v->cap_results, (size_t)n + 1) ||
        cordon__grow(v->alloc, (void **)&v->wanted, 1, &v->cap_wanted,
                     (size_t)r->njurs + 1))
        return CORDON_ENOMEM;
    memset(v->wanted, 0, (size_t)r->njurs + 1);
    if (!all && jur_cache_ok(r, v, jurs, njur)) {
        memcpy(v->results, v->jc_results, sizeof *v->results * (size_t)v->jc_n);
        v->nresults = v->jc_n;
        for (i = 0; i < v->nresults; i++) {
            v->wanted[v->results[i].jidx] = 1;
            v->results[i].pub.date = date;
        }
        return CORDON_OK;
    }
    for (i = 0; i < n; i++) {
        vres *x = &v->results[v->nresults];
        int j;
        memset(x, 0, sizeof *x);
        if (all) {
            norm_jur(x->jur, r->jurs[i]);
            x->jidx = i;
        } else {
            norm_jur(x->jur, jurs[i] ? jurs[i] : "");
            if (jur_wanted(v, x->jur))
                continue; /* asked twice */
            x->jidx = -1;
            for (j = 0; j < r->njurs; j++)
                if (r->jurs[j][0] == x->jur[0] && !strcmp(r->jurs[j], x->jur))
                    x->jidx = j;
        }
        if (x->jidx >= 0)
            v->wanted[x->jidx] = 1;
        x->pub.date = date;
        x->pub.finding = -1;
        v->nresults++;
    }
    v->jc_rules = NULL;
    klen = all ? 0 : jur_key(key, sizeof key, jurs, njur);
    if (klen &&
        !cordon__grow(v->alloc, (void **)&v->jc_results, sizeof *v->jc_results,
                      &v->cap_jc, (size_t)v->nresults + 1)) {
        memcpy(v->jc_results, v->results,
               sizeof *v->results * (size_t)v->nresults);
        memcpy(v->jc_key, key, klen);
        v->jc_len = klen;
        v->jc_n = v->nresults;
        v->jc_rules = r;
    }
    return CORDON_OK;
}

/* Evaluates the wanted definitions into v->defres.  A definition out of
 * force on date is not evaluated (unless ALL_DATES): collect drops its
 * findings and judge its alerts; it is left with ran = 0, so that its
 * unmatched result is never read as "this anchor does not embed". */
static int eval_defs(const cordon_rules *r, cordon_verdict *v,
                     const cordon_mol *mol, int nheavy, int alerts,
                     int32_t date, unsigned flags)
{
    int n, rc;
    if ((size_t)r->ndefs > v->cap_defres) {
        size_t old = v->cap_defres;
        if (cordon__grow(v->alloc, (void **)&v->defres, sizeof *v->defres,
                         &v->cap_defres, (size_t)r->ndefs))
            return CORDON_ENOMEM;
        memset(v->defres + old, 0, sizeof *v->defres * (v->cap_defres - old));
    }
    if ((size_t)r->ndefs + 1 > v->cap_dembi) {
        size_t cap = v->cap_dembi;
        if (cordon__grow(v->alloc, (void **)&v->demb_off, sizeof *v->demb_off,
                         &cap, (size_t)r->ndefs + 1))
            return CORDON_ENOMEM;
        cap = v->cap_dembi;
        if (cordon__grow(v->alloc, (void **)&v->demb_n, sizeof *v->demb_n, &cap,
                         (size_t)r->ndefs + 1))
            return CORDON_ENOMEM;
        cap = v->cap_dembi;
        if (cordon__grow(v->alloc, (void **)&v->demb_all, 1, &cap,
                         (size_t)r->ndefs + 1))
            return CORDON_ENOMEM;
        v->cap_dembi = cap;
    }
    v->ndemb = 0;
    v->ndefs_covered = v->ndefs_partial = 0;
    for (n = 0; n < r->ndefs; n++) {
        int i = r->def_order[n];
        const struct rl_live *di = &r->dlive[i];
        ev_result *er = &v->defres[i];
        int j = di->same_anchor_as, k = di->sub_anchor;
        er->matched = 0;
        er->ran = 0;
        v->demb_n[i] = -1;
        if (!nheavy || di->jidx < 0 || !v->wanted[di->jidx] ||
            (!(flags & CORDON_EVAL_ALL_DATES) &&
             !cordon__def_in_force(r, i, date)))
            continue;
        /* ran and not matched: the anchor does not embed, and then
         * neither does an anchor equal to it or containing it */
        er->ran = 1;
        if ((j >= 0 && v->defres[j].ran && !v->defres[j].matched) ||
            (k >= 0 && v->defres[k].ran && !v->defres[k].matched))
            continue;
        /* a reading with an uncovered difference counts only as a
         * partial-match alert of a class for the parent (judge), and only
         * with exactly one */
        /* every embedding of i's anchor holds one of its sub_anchor's
         * (docs/rules.md §2.1): none of those can grow into one, none */
        if (k >= 0 && v->defres[k].matched && v->demb_n[k] >= 0 &&
            v->demb_all[k] &&
            !cordon__rc_may_extend(&r->defs[i], &r->defs[k], r->subcorr[i],
                                   v->demb + v->demb_off[k], v->demb_n[k], mol,
                                   &v->sc))
            continue;
        v->sc.max_uncovered = !di->precursor && alerts;
        /* an equal anchor has the embeddings of j, in the same order */
        if (j >= 0 && v->demb_n[j] >= 0) {
            v->sc.replay = v->demb + v->demb_off[j];
            v->sc.nreplay = v->demb_n[j];
        }
        v->sc.rec_on = 1;
        rc = cordon__rc_evaluate(&r->defs[i], mol, &v->sc, er);
        v->sc.rec_on = 0;
        v->sc.replay = NULL;
        if (rc)
            return rc;
        if (er->matched) {
            size_t len = (size_t)v->sc.nrec * (size_t)r->defs[i].nanchor;
            if (cordon__grow(v->alloc, (void **)&v->demb, sizeof *v->demb,
                             &v->cap_demb, v->ndemb + len + 1))
                return CORDON_ENOMEM;
            memcpy(v->demb + v->ndemb, v->sc.rec, sizeof *v->demb * len);
            v->demb_off[i] = (int)v->ndemb;
            v->demb_n[i] = v->sc.nrec;
            v->demb_all[i] = v->sc.nrec < v->sc.max_embeddings;
            v->ndemb += len;
        }
        v->ndefs_covered += er->matched && !er->uncovered;
        v->ndefs_partial += er->matched && er->uncovered == 1 && !di->precursor;
    }
    return CORDON_OK;
}

cordon_status cordon_rules_evaluate(const cordon_rules *r,
                                    const cordon_mol *mol,
                                    const char *const *jurs, int njur,
                                    int32_t date, unsigned flags,
                                    cordon_verdict *v, cordon_error *err)
{
    int rc, salt = 0, stereo = 0, nheavy, i, others;
    clear(v);
    if (!date || date != v->date_ok) {
        if (!cordon__date_valid(date))
            return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                                 "date %ld is not a calendar date (YYYYMMDD)",
                                 (long)date);
        v->date_ok = date;
    }
    if (flags & ~(CORDON_EVAL_NO_ALERTS | CORDON_EVAL_NO_DETAIL |
                  CORDON_EVAL_ALL_DATES))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "unknown evaluation flag");
    if (mol->natoms && !(mol->perceived & CORDON_PERCEIVED_RINGS))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule is not perceived");
    if ((rc = reserve(v, mol->natoms)))
        goto fail;
    v->sc.frag = v->frag;
    nheavy = cordon__rc_prepare_parent(&v->sc, mol, v->frag, &salt, &stereo);
    if ((others = nheavy < 0) != 0)
        nheavy =
            cordon__parent_fragment(mol, v->frag, v->sc.queue, &salt, &stereo);
    if (nheavy > r->opts.max_atoms) {
        rc = cordon__error(err, CORDON_ELIMIT, (size_t)-1,
                           "molecule has %d heavy atoms (limit %d)", nheavy,
                           r->opts.max_atoms);
        clear(v);
        return rc;
    }
    v->sc.frag = v->frag;
    v->sc.date = date;
    v->sc.steps = 0;
    v->sc.max_steps = r->opts.max_steps;
    v->sc.max_embeddings = r->opts.max_embeddings;
    if ((rc = set_jurisdictions(r, v, jurs, njur, date)))
        goto fail;
    if (nheavy && r->nlisted &&
        (rc = find_hits(r, v, mol, others ? -1 : nheavy)))
        goto fail;
    if ((rc = eval_defs(r, v, mol, nheavy, !(flags & CORDON_EVAL_NO_ALERTS),
                        date, flags)))
        goto fail;
    for (i = 0; i < v->nresults; i++)
        if ((rc = judge(r, v, mol, &v->results[i], salt, stereo, date, flags)))
            goto fail;
    for (i = 0; others && i < mol->natoms; i++)
        if (!v->frag[i] && mol->atoms[i].elem > 1)
            break;
    others = others && i < mol->natoms;
    if (others && (rc = mixture_components(r, v, mol, date, flags)))
        goto fail;
    if ((rc = finalize(r, v, flags)))
        goto fail;
    return CORDON_OK;
fail:
    clear(v);
    if (rc == CORDON_ELIMIT)
        return cordon__error(err, rc, (size_t)-1,
                             "rules evaluation exceeded its work budget");
    return cordon__error(err, rc, (size_t)-1, "out of memory");
}

/* ---- accessors ---- */

int cordon_verdict_num_results(const cordon_verdict *v)
{
    return v->nresults;
}

const cordon_result *cordon_verdict_result(const cordon_verdict *v, int i)
{
    return i >= 0 && i < v->nresults ? &v->results[i].pub : NULL;
}

int cordon_verdict_num_findings(const cordon_verdict *v)
{
    return v->nfinds;
}

const cordon_finding *cordon_verdict_finding(const cordon_verdict *v, int i)
{
    return i >= 0 && i < v->nfinds ? &v->finds[i].pub : NULL;
}

int cordon_verdict_num_alerts(const cordon_verdict *v)
{
    return v->nalerts;
}

const cordon_alert *cordon_verdict_alert(const cordon_verdict *v, int i)
{
    return i >= 0 && i < v->nalerts ? &v->alerts[i].pub : NULL;
}

int cordon_verdict_expl_num_regions(const cordon_verdict *v, int x)
{
    return x >= 0 && x < v->nexpls ? v->expls[x].nregs : 0;
}

const cordon_expl_region *cordon_verdict_expl_region(const cordon_verdict *v,
                                                     int x, int i)
{
    if (x < 0 || x >= v->nexpls || i < 0 || i >= v->expls[x].nregs)
        return NULL;
    return &v->expls[x].regs[i];
}

int cordon_verdict_expl_num_substs(const cordon_verdict *v, int x)
{
    return x >= 0 && x < v->nexpls ? v->expls[x].nsubs : 0;
}

const cordon_expl_subst *cordon_verdict_expl_subst(const cordon_verdict *v,
                                                   int x, int i)
{
    if (x < 0 || x >= v->nexpls || i < 0 || i >= v->expls[x].nsubs)
        return NULL;
    return &v->expls[x].subs[i];
}

const char *cordon_verdict_expl_text(const cordon_verdict *v, int x)
{
    if (x < 0 || x >= v->nexpls)
        return "";
    return v->expls[x].textp ? v->expls[x].textp : "";
}
