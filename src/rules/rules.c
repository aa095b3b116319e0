/*
 * rules.c -- compiling the knowledge base into rules, and evaluating a
 * molecule into verdicts: identity with listed entries, generic
 * definitions, precursor clauses, precedence, analogue alerts
 * (docs/rules.md).  The verdict object and explanations are in verdict.c.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cordon/smiles.h"
#include "rules/verdict_int.h"

/* ---- compiling ---- */

/* Heap sort of indices by key (qsort would need a context pointer). */
static void sift(int *ix, const rl_listed *l, int start, int end)
{
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, sw = root;
        if (l[ix[sw]].key < l[ix[child]].key)
            sw = child;
        if (child + 1 <= end && l[ix[sw]].key < l[ix[child + 1]].key)
            sw = child + 1;
        if (sw == root)
            return;
        {
            int t = ix[root];
            ix[root] = ix[sw];
            ix[sw] = t;
        }
        root = sw;
    }
}

static void sort_by_key(int *ix, const rl_listed *l, int n)
{
    int start, end;
    for (start = (n - 2) / 2; start >= 0; start--)
        sift(ix, l, start, n - 1);
    for (end = n - 1; end > 0; end--) {
        int t = ix[end];
        ix[end] = ix[0];
        ix[0] = t;
        sift(ix, l, 0, end - 1);
    }
}

static int add_jur(cordon_rules *r, const char *j)
{
    int i;
    if (!j)
        return CORDON_OK;
    for (i = 0; i < r->njurs; i++)
        if (!strcmp(r->jurs[i], j))
            return CORDON_OK;
    if (cordon__grow(r->alloc, (void **)&r->jurs, sizeof *r->jurs, &r->cap_jurs,
                     (size_t)r->njurs + 1))
        return CORDON_ENOMEM;
    r->jurs[r->njurs++] = j;
    return CORDON_OK;
}

static int add_date(cordon_rules *r, const char *jur, int32_t d)
{
    if (d <= 0)
        return CORDON_OK;
    if (cordon__grow(r->alloc, (void **)&r->dates, sizeof *r->dates,
                     &r->cap_dates, (size_t)r->ndates + 1))
        return CORDON_ENOMEM;
    r->dates[r->ndates].jur = jur;
    r->dates[r->ndates].date = d;
    r->ndates++;
    return CORDON_OK;
}

static int entry_dates(cordon_rules *r, const cordon_kb_entry *e,
                       const char *jur)
{
    int i, n = cordon_kb_entry_num_periods(e), rc = CORDON_OK;
    for (i = 0; i < n && !rc; i++) {
        const cordon_kb_period *p = cordon_kb_entry_period(e, i);
        rc = add_date(r, jur, p->from);
        if (!rc && p->to)
            rc = add_date(r, jur, cordon_date_next_day(p->to));
    }
    return rc;
}

/* Listed entries by SMILES text during compilation: many structures are
 * listed in several jurisdictions (570 distinct texts in 1,163 entries),
 * and an entry whose text an earlier one has shares its molecule and
 * keys (open addressing; slots hold listed index + 1, 0 empty, and
 * its text). */
typedef struct smi_seen {
    int *slot;
    const char **text;
    size_t mask;
} smi_seen;

static int compile_listed(cordon_rules *r, const cordon_kb_entry *e,
                          int precursor, cordon_mol *tmp, ev_scratch *sc,
                          uint64_t **work, size_t *cap_work, smi_seen *seen)
{
    const char *smi = cordon_kb_entry_field(e, "smiles", 0);
    rl_listed *l;
    int rc, salt, stereo, *slot = NULL;
    cordon_error perr = CORDON_ERROR_INIT;
    if (!smi)
        return CORDON_OK;
    if (seen->slot) {
        size_t h = (size_t)cordon__fnv1a(smi, strlen(smi));
        for (h &= seen->mask; seen->slot[h]; h = (h + 1) & seen->mask)
            if (!strcmp(seen->text[h], smi))
                break;
        slot = &seen->slot[h];
        seen->text[h] = smi;
    }
    if (slot && *slot) {
        /* the same text, the same molecule and keys */
        if (cordon__grow(r->alloc, (void **)&r->listed, sizeof *r->listed,
                         &r->cap_listed, (size_t)r->nlisted + 1))
            return CORDON_ENOMEM;
        l = &r->listed[r->nlisted];
        *l = r->listed[*slot - 1];
        l->e = e;
        l->jur = cordon_kb_entry_field(e, "jurisdiction", 0);
        l->precursor = precursor;
        l->drug_schedule = 0; /* set_precursor_kinds, per entry */
        l->shared = 1;
        r->nlisted++;
        return CORDON_OK;
    }
    rc = cordon_smiles_read(tmp, smi, strlen(smi), NULL, &perr);
    if (rc == CORDON_ENOMEM)
        return rc;
    if (rc) {
        if (cordon__grow(r->alloc, (void **)&r->unparsed, sizeof *r->unparsed,
                         &r->cap_unparsed, (size_t)r->nunparsed + 1))
            return CORDON_ENOMEM;
        r->unparsed[r->nunparsed++] = cordon_kb_entry_id(e);
        return CORDON_OK;
    }
    if (cordon__grow(r->alloc, (void **)&r->listed, sizeof *r->listed,
                     &r->cap_listed, (size_t)r->nlisted + 1))
        return CORDON_ENOMEM;
    l = &r->listed[r->nlisted];
    memset(l, 0, sizeof *l);
    l->e = e;
    l->jur = cordon_kb_entry_field(e, "jurisdiction", 0);
    l->precursor = precursor;
    if ((rc = cordon_mol_copy(&l->mol, tmp)))
        return rc;
    r->nlisted++; /* owns l->mol from here on */
    if (!(l->frag = cordon__malloc(r->alloc, (size_t)tmp->natoms + 1)) ||
        cordon__ev_reserve(sc, tmp->natoms) ||
        cordon__grow(r->alloc, (void **)work, sizeof **work, cap_work,
                     2 * (size_t)tmp->natoms + 2))
        return CORDON_ENOMEM;
    cordon__parent_fragment(l->mol, l->frag, sc->queue, &salt, &stereo);
    l->salt_form = salt;
    l->has_stereo = stereo;
    l->key = cordon__graph_key(l->mol, l->frag, *work);
    l->key0 = cordon__graph_key0(l->mol, l->frag);
    cordon__fp_morgan(l->mol, l->frag, *work, l->fp);
    if (slot)
        *slot = r->nlisted;
    return CORDON_OK;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Bits set in a word (SWAR: pairs, nibbles, then a byte sum by multiply). */
static int popcount64(uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}

static int popcount_fp(const uint64_t *fp)
{
    int i, n = 0;
    for (i = 0; i < RL_FP_WORDS; i++)
        n += popcount64(fp[i]);
    return n;
}

/* Heavy atoms of the fragment, capped at 255. */
static unsigned char frag_heavy(const cordon_mol *m, const unsigned char *frag)
{
    int a, n = 0;
    for (a = 0; a < m->natoms; a++)
        n += frag[a] && m->atoms[a].elem != 1;
    return (unsigned char)(n > 255 ? 255 : n);
}

uint64_t cordon__type_key(const rc_counts *c)
{
    uint64_t h = 1469598103934665603ull, w;
    int k;
    /* the counts per type and per type in a ring: RC_NTYPE * 2 uint16 */
    for (k = 0; k < 2 * RC_NTYPE; k += 4) {
        memcpy(&w, c->n + k, sizeof w);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    return h;
}

/* Esters and ethers of listed structures (docs/rules.md §3): one derivative
 * definition per distinct structure with an OH that some entry lists with
 * "esters" or "ethers" coverage. */
static int build_derivatives(cordon_rules *r, ev_scratch *sc)
{
    int u, k;
    r->deriv = cordon__calloc(r->alloc, (size_t)r->nuniq + 1, sizeof *r->deriv);
    r->uheavy =
        cordon__calloc(r->alloc, (size_t)r->nuniq + 1, sizeof *r->uheavy);
    r->utype = cordon__calloc(r->alloc, (size_t)r->nuniq + 1, sizeof *r->utype);
    if (!r->deriv || !r->uheavy || !r->utype)
        return CORDON_ENOMEM;
    for (u = 0; u < r->nuniq; u++) {
        const rl_listed *rep = &r->listed[r->uniq_rep[u]];
        int want = 0, rc;
        r->uheavy[u] = frag_heavy(rep->mol, rep->frag);
        for (k = r->uniq_first[u];
             k < r->nlisted && r->listed[r->by_key[k]].key == rep->key; k++) {
            const rl_listed *l = &r->listed[r->by_key[k]];
            want |= (cordon_kb_entry_covers(r->kb, l->e) &
                     (CORDON_KB_COVERS_ESTERS | CORDON_KB_COVERS_ETHERS)) != 0;
        }
        if (!want || rep->salt_form)
            continue;
        if (!(r->deriv[u] = cordon__calloc(r->alloc, 1, sizeof(rc_def))))
            return CORDON_ENOMEM;
        rc = cordon__rc_build_derivative(r->deriv[u], rep->mol, r->alloc);
        if (!rc)
            cordon__type_hist(rep->mol, NULL, r->deriv[u]->sites_of,
                              r->utype[u], RL_NTYPE, -1);
        if (rc) {
            cordon__rc_free(r->deriv[u], r->alloc);
            cordon__free(r->alloc, r->deriv[u]);
            r->deriv[u] = NULL;
            if (rc == CORDON_ENOMEM)
                return rc;
        }
    }
    /* by heavy atoms: a molecule of n heavy atoms visits only structures
     * of n/2 to n - 1 (find_derivatives) */
    r->dorder =
        cordon__calloc(r->alloc, (size_t)r->nuniq + 1, sizeof *r->dorder);
    r->ekeys =
        cordon__calloc(r->alloc, (size_t)r->nlisted + 1, sizeof *r->ekeys);
    if (!r->dorder || !r->ekeys)
        return CORDON_ENOMEM;
    r->nderiv = 0;
    for (u = 0; u < r->nuniq; u++) {
        int j = r->nderiv++;
        if (!r->deriv[u]) {
            r->nderiv--;
            continue;
        }
        while (j > 0 && r->uheavy[r->dorder[j - 1]] > r->uheavy[u]) {
            r->dorder[j] = r->dorder[j - 1];
            j--;
        }
        r->dorder[j] = u;
    }
    r->dwords = (r->nderiv + 63) / 64;
    r->dneeds = cordon__calloc(r->alloc, 3 * 64 * (size_t)r->dwords + 1,
                               sizeof *r->dneeds);
    if (!r->dneeds)
        return CORDON_ENOMEM;
    for (k = 0; k < r->nderiv; k++)
        for (u = 0; u < 3; u++) {
            uint64_t m = r->deriv[r->dorder[k]]->need.ge[u];
            int b;
            r->dneed_any[u] |= m;
            for (b = 0; b < 64; b++)
                if (m >> b & 1)
                    r->dneeds[((size_t)u * 64 + (size_t)b) * (size_t)r->dwords +
                              (size_t)(k / 64)] |= (uint64_t)1 << (k % 64);
        }
    r->dneed =
        cordon__calloc(r->alloc, (size_t)r->nderiv + 1, sizeof *r->dneed);
    if (!r->dneed)
        return CORDON_ENOMEM;
    for (k = 0; k < r->nderiv; k++) {
        const rc_counts *need = &r->deriv[r->dorder[k]]->need;
        struct rl_dneed *dn = &r->dneed[k];
        int i;
        for (i = 0; i < RC_NCOUNT; i++) {
            if (need->n[i] < 3)
                continue;
            if (dn->nk == RL_DNEED) {
                dn->nk = RL_DNEED + 1;
                break;
            }
            dn->k[dn->nk] = (unsigned char)i;
            dn->n[dn->nk++] = need->n[i];
        }
    }
    for (k = 0; k < r->nlisted; k++) {
        const rl_listed *l = &r->listed[k];
        if (cordon__ev_reserve(sc, l->mol->natoms))
            return CORDON_ENOMEM;
        sc->frag = l->frag;
        cordon__rc_prepare(sc, l->mol);
        r->ekeys[k] = cordon__type_key(&sc->counts);
        r->ekey_bits[(r->ekeys[k] & 4095) >> 6] |= (uint64_t)1
                                                   << (r->ekeys[k] & 63);
    }
    sc->frag = NULL;
    sc->prepared = 0;
    for (k = 0, u = 0; k <= 256; k++) {
        while (u < r->nderiv && r->uheavy[r->dorder[u]] < k)
            u++;
        r->dfirst[k] = u;
    }
    qsort(r->ekeys, (size_t)r->nlisted, sizeof *r->ekeys, cmp_u64);
    return CORDON_OK;
}

/* key0 prefilter and distinct structures (for similarity, computed once
 * per structure however many jurisdictions list it). */
static int index_listed(cordon_rules *r)
{
    int i;
    size_t n = (size_t)r->nlisted;
    r->keys0 = cordon__malloc(r->alloc, sizeof *r->keys0 * n);
    r->uniq_rep = cordon__malloc(r->alloc, sizeof *r->uniq_rep * n);
    r->uniq_pop = cordon__malloc(r->alloc, sizeof *r->uniq_pop * n);
    r->uniq_first = cordon__malloc(r->alloc, sizeof *r->uniq_first * n);
    if (!r->keys0 || !r->uniq_rep || !r->uniq_pop || !r->uniq_first)
        return CORDON_ENOMEM;
    for (i = 0; i < r->nlisted; i++)
        r->keys0[i] = r->listed[i].key0;
    qsort(r->keys0, n, sizeof *r->keys0, cmp_u64);
    r->nuniq = 0;
    for (i = 0; i < r->nlisted; i++) {
        rl_listed *l = &r->listed[r->by_key[i]];
        if (i == 0 || r->listed[r->by_key[i - 1]].key != l->key) {
            r->uniq_rep[r->nuniq] = r->by_key[i];
            r->uniq_first[r->nuniq] = i;
            r->uniq_pop[r->nuniq] = popcount_fp(l->fp);
            r->nuniq++;
        }
        l->uniq = r->nuniq - 1;
    }
    return cordon__sim_build(r);
}

static void set_same_anchor(cordon_rules *r, int i)
{
    rc_def *d = &r->defs[i];
    const char *p = cordon_kb_entry_field(d->entry, "parent", 0);
    int j;
    d->same_anchor_as = -1;
    for (j = 0; j < i; j++) {
        const rc_def *e = &r->defs[j];
        if (strcmp(p, cordon_kb_entry_field(e->entry, "parent", 0)) ||
            e->nanchor != d->nanchor ||
            memcmp(e->anchor, d->anchor,
                   sizeof *d->anchor * (size_t)d->nanchor))
            continue;
        d->same_anchor_as = e->same_anchor_as >= 0 ? e->same_anchor_as : j;
        return;
    }
}

/* Anchor containment (docs/rules.md §2.1): def i's sub_anchor is a
 * smaller definition (or an equal one listed earlier) whose anchor embeds
 * in i's; def_order sorts by anchor size so it is evaluated first. */
static int order_defs(cordon_rules *r, ev_scratch *sc)
{
    int i, j;
    r->def_order =
        cordon__calloc(r->alloc, (size_t)r->ndefs + 1, sizeof *r->def_order);
    r->subcorr =
        cordon__calloc(r->alloc, (size_t)r->ndefs + 1, sizeof *r->subcorr);
    if (!r->def_order || !r->subcorr)
        return CORDON_ENOMEM;
    for (i = 0; i < r->ndefs; i++) {
        rc_def *d = &r->defs[i];
        int best = -1;
        d->sub_anchor = -1;
        for (j = 0; j < r->ndefs; j++) {
            const rc_def *e = &r->defs[j];
            int corr[RC_MAX_ANCHOR];
            if (j == i || e->same_anchor_as >= 0 || j == d->same_anchor_as ||
                e->nanchor > d->nanchor ||
                (e->nanchor == d->nanchor && j > i) ||
                (best >= 0 && r->defs[best].nanchor >= e->nanchor))
                continue;
            if (cordon__rc_anchor_within(e, d, sc, corr)) {
                best = j;
                memcpy(r->subcorr[i], corr, sizeof *corr * (size_t)e->nanchor);
            }
        }
        d->sub_anchor = best;
    }
    for (i = 0; i < r->ndefs; i++) {
        int k = i;
        while (k > 0 &&
               r->defs[r->def_order[k - 1]].nanchor > r->defs[i].nanchor) {
            r->def_order[k] = r->def_order[k - 1];
            k--;
        }
        r->def_order[k] = i;
    }
    return CORDON_OK;
}

static int compile_entries(cordon_rules *r, cordon_error *err)
{
    const cordon_kb *kb = r->kb;
    cordon_mol *tmp = NULL;
    ev_scratch sc;
    uint64_t *work = NULL;
    size_t cap_work = 0, cap;
    smi_seen seen;
    int i, rc, n = cordon_kb_num_entries(kb);
    memset(&sc, 0, sizeof sc);
    sc.alloc = r->alloc;
    /* at most n listed entries: a table at most half full (without one,
     * on allocation failure, every entry is compiled) */
    for (cap = 16; cap < 2 * (size_t)n; cap *= 2)
        ;
    seen.slot = cordon__calloc(r->alloc, cap, sizeof *seen.slot);
    seen.text = cordon__calloc(r->alloc, cap, sizeof *seen.text);
    seen.mask = cap - 1;
    if (!seen.text) {
        cordon__free(r->alloc, seen.slot);
        seen.slot = NULL;
    }
    if ((rc = cordon_mol_new(&tmp, r->alloc))) {
        cordon__free(r->alloc, seen.slot);
        cordon__free(r->alloc, seen.text);
        return rc;
    }
    for (i = 0; i < n; i++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(kb, i);
        const char *type = cordon_kb_entry_type(e);
        const char *jur = cordon_kb_entry_field(e, "jurisdiction", 0);
        int sub = !strcmp(type, "substance"), pre = !strcmp(type, "precursor");
        int cls = !strcmp(type, "class");
        if (!sub && !pre && !cls)
            continue;
        if ((rc = add_jur(r, jur)) || (rc = entry_dates(r, e, jur)))
            goto done;
        if (cls) {
            rc_def *d;
            int li;
            if (cordon__grow(r->alloc, (void **)&r->defs, sizeof *r->defs,
                             &r->cap_defs, (size_t)r->ndefs + 1)) {
                rc = CORDON_ENOMEM;
                goto done;
            }
            d = &r->defs[r->ndefs];
            rc = cordon__rc_compile(d, kb, e, r->alloc, err);
            r->ndefs++; /* partially built defs are freed uniformly */
            if (rc)
                goto done;
            set_same_anchor(r, r->ndefs - 1);
            for (li = 0; li < d->nlimbs && !rc; li++)
                rc = add_date(r, jur, d->limbs[li].since);
            if (rc)
                goto done;
            continue;
        }
        if ((rc = compile_listed(r, e, pre, tmp, &sc, &work, &cap_work, &seen)))
            goto done;
    }
    if (r->nlisted) {
        if (!(r->by_key = cordon__malloc(r->alloc, sizeof *r->by_key *
                                                       (size_t)r->nlisted))) {
            rc = CORDON_ENOMEM;
            goto done;
        }
        for (i = 0; i < r->nlisted; i++)
            r->by_key[i] = i;
        sort_by_key(r->by_key, r->listed, r->nlisted);
        if ((rc = index_listed(r)) || (rc = build_derivatives(r, &sc)))
            goto done;
    }
    rc = order_defs(r, &sc);
done:
    cordon_mol_free(tmp);
    cordon__free(r->alloc, work);
    cordon__free(r->alloc, seen.slot);
    cordon__free(r->alloc, seen.text);
    cordon__ev_free(&sc);
    return rc;
}

static int jur_index(const cordon_rules *r, const char *j)
{
    int i;
    for (i = 0; j && i < r->njurs; i++)
        if (!strcmp(r->jurs[i], j))
            return i;
    return -1;
}

/* Jurisdictions as small integers, so that evaluation compares ints. */
static void set_jidx(cordon_rules *r)
{
    int i;
    for (i = 0; i < r->nlisted; i++)
        r->listed[i].jidx = jur_index(r, r->listed[i].jur);
    for (i = 0; i < r->ndefs; i++)
        r->defs[i].jidx = jur_index(r, r->defs[i].jur);
}

/* The span of days each definition's entry is in force (dlive). */
static int set_def_live(cordon_rules *r)
{
    int i, k;
    r->dlive = cordon__calloc(r->alloc, (size_t)r->ndefs + 1, sizeof *r->dlive);
    if (!r->dlive)
        return CORDON_ENOMEM;
    for (i = 0; i < r->ndefs; i++) {
        const cordon_kb_entry *e = r->defs[i].entry;
        int n = cordon_kb_entry_num_periods(e);
        struct rl_live *l = &r->dlive[i];
        l->from = INT32_MAX; /* no period: never */
        l->to = -1;
        l->one_period = n == 1;
        l->jidx = r->defs[i].jidx;
        l->same_anchor_as = r->defs[i].same_anchor_as;
        l->sub_anchor = r->defs[i].sub_anchor;
        l->precursor = r->defs[i].precursor;
        for (k = 0; k < n; k++) {
            const cordon_kb_period *p = cordon_kb_entry_period(e, k);
            if (p->from < l->from)
                l->from = p->from;
            if (l->to && (!p->to || p->to > l->to))
                l->to = p->to;
        }
    }
    return CORDON_OK;
}

/* A precursor listed in a schedule that also lists drugs (US Schedule II
 * "immediate precursors": 4-ANPP, norfentanyl) is a controlled substance of
 * that schedule; one in a chemical list (US List I, UN Table I, China's
 * precursor catalogue, Canada's Schedule VI) stays a precursor. */
/* A precursor listed in an instrument and schedule that also list
 * substances is judged as a listed substance (rl_listed.drug_schedule).
 * The distinct (instrument, schedule) pairs of substance entries are
 * collected once. */
static int set_precursor_kinds(cordon_rules *r)
{
    int i, j, n = cordon_kb_num_entries(r->kb), npairs = 0;
    const char **pairs =
        cordon__malloc(r->alloc, sizeof *pairs * 2 * (size_t)(n > 0 ? n : 1));
    if (!pairs)
        return CORDON_ENOMEM;
    for (j = 0; j < n; j++) {
        const cordon_kb_entry *e = cordon_kb_entry_at(r->kb, j);
        const char *ein, *esc;
        int k;
        if (strcmp(cordon_kb_entry_type(e), "substance"))
            continue;
        ein = cordon_kb_entry_field(e, "instrument", 0);
        esc = cordon_kb_entry_field(e, "schedule", 0);
        if (!ein || !esc)
            continue;
        for (k = 0; k < npairs; k++)
            if (!strcmp(pairs[2 * k], ein) && !strcmp(pairs[2 * k + 1], esc))
                break;
        if (k == npairs) {
            pairs[2 * npairs] = ein;
            pairs[2 * npairs + 1] = esc;
            npairs++;
        }
    }
    for (i = 0; i < r->nlisted; i++) {
        rl_listed *l = &r->listed[i];
        const char *in, *sc;
        if (!l->precursor)
            continue;
        in = cordon_kb_entry_field(l->e, "instrument", 0);
        sc = cordon_kb_entry_field(l->e, "schedule", 0);
        if (!in || !sc)
            continue;
        for (j = 0; j < npairs; j++)
            if (!strcmp(pairs[2 * j], in) && !strcmp(pairs[2 * j + 1], sc)) {
                l->precursor = 0;
                l->drug_schedule = 1;
                break;
            }
    }
    cordon__free(r->alloc, pairs);
    return CORDON_OK;
}

/* rl.jurw from rl.jurs (sorted). */
static int set_jur_words(cordon_rules *r)
{
    int i;
    r->jurw = cordon__calloc(r->alloc, (size_t)r->njurs + 1, sizeof *r->jurw);
    if (!r->jurw)
        return CORDON_ENOMEM;
    for (i = 0; i < r->njurs; i++) {
        char w[8] = {0};
        size_t n = strlen(r->jurs[i]);
        memcpy(w, r->jurs[i], n < 8 ? n : 7);
        if (n >= 8)
            w[7] = (char)0xff;
        memcpy(&r->jurw[i], w, sizeof w);
    }
    return CORDON_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_date(const void *a, const void *b)
{
    const rl_date *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

cordon_status cordon_rules_compile(cordon_rules **out, const cordon_kb *kb,
                                   const cordon_rules_opts *opts,
                                   const cordon_allocator *alloc,
                                   cordon_error *err)
{
    cordon_rules *r;
    cordon_rules_opts def = CORDON_RULES_OPTS_INIT;
    int rc;
    *out = NULL;
    if (!kb)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "no knowledge base");
    if (opts && (opts->alert_threshold < 0 || opts->alert_threshold > 1 ||
                 opts->max_alerts < 0 || opts->max_embeddings < 1 ||
                 opts->max_steps < 1 || opts->max_atoms < 1))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "rules options out of range");
    if (!(r = cordon__calloc(alloc, 1, sizeof *r)))
        return CORDON_ENOMEM;
    r->alloc = alloc;
    r->kb = kb;
    r->opts = opts ? *opts : def;
    if ((rc = compile_entries(r, err))) {
        if (rc == CORDON_ENOMEM)
            cordon__error(err, rc, (size_t)-1, "out of memory");
        else if (rc == CORDON_ELIMIT) /* cordon__sim_build */
            cordon__error(err, rc, (size_t)-1,
                          "too many distinct listed structures");
        cordon_rules_free(r);
        return rc;
    }
    if (r->njurs)
        qsort(r->jurs, (size_t)r->njurs, sizeof *r->jurs, cmp_str);
    set_jidx(r);
    if ((rc = set_jur_words(r)) || (rc = set_precursor_kinds(r)) ||
        (rc = set_def_live(r))) {
        cordon__error(err, rc, (size_t)-1, "out of memory");
        cordon_rules_free(r);
        return rc;
    }
    if (r->ndates)
        qsort(r->dates, (size_t)r->ndates, sizeof *r->dates, cmp_date);
    *out = r;
    return CORDON_OK;
}

void cordon_rules_free(cordon_rules *r)
{
    int i;
    if (!r)
        return;
    for (i = 0; i < r->nlisted; i++) {
        if (r->listed[i].shared)
            continue;
        cordon_mol_free(r->listed[i].mol);
        cordon__free(r->alloc, r->listed[i].frag);
    }
    for (i = 0; i < r->ndefs; i++)
        cordon__rc_free(&r->defs[i], r->alloc);
    cordon__free(r->alloc, r->listed);
    cordon__free(r->alloc, r->by_key);
    cordon__free(r->alloc, r->keys0);
    cordon__free(r->alloc, r->uniq_rep);
    cordon__free(r->alloc, r->uniq_pop);
    cordon__sim_free(r);
    for (i = 0; r->deriv && i < r->nuniq; i++)
        if (r->deriv[i]) {
            cordon__rc_free(r->deriv[i], r->alloc);
            cordon__free(r->alloc, r->deriv[i]);
        }
    cordon__free(r->alloc, r->deriv);
    cordon__free(r->alloc, r->uheavy);
    cordon__free(r->alloc, r->utype);
    cordon__free(r->alloc, r->dorder);
    cordon__free(r->alloc, r->dneeds);
    cordon__free(r->alloc, r->dneed);
    cordon__free(r->alloc, r->def_order);
    cordon__free(r->alloc, r->subcorr);
    cordon__free(r->alloc, r->ekeys);
    cordon__free(r->alloc, r->uniq_first);
    cordon__free(r->alloc, r->defs);
    cordon__free(r->alloc, r->dlive);
    cordon__free(r->alloc, r->jurs);
    cordon__free(r->alloc, r->jurw);
    cordon__free(r->alloc, r->dates);
    cordon__free(r->alloc, r->unparsed);
    cordon__free(r->alloc, r);
}

const cordon_kb *cordon_rules_kb(const cordon_rules *r)
{
    return r->kb;
}

int cordon_rules_num_jurisdictions(const cordon_rules *r)
{
    return r->njurs;
}

const char *cordon_rules_jurisdiction(const cordon_rules *r, int i)
{
    return i >= 0 && i < r->njurs ? r->jurs[i] : "";
}

int cordon_rules_num_unparsed(const cordon_rules *r)
{
    return r->nunparsed;
}

const char *cordon_rules_unparsed_id(const cordon_rules *r, int i)
{
    return i >= 0 && i < r->nunparsed ? r->unparsed[i] : "";
}

int cordon_rules_change_dates(const cordon_rules *r, const char *jur,
                              int32_t *dates, int max)
{
    int i, n = 0;
    int32_t last = 0;
    if (jur && (!strcmp(jur, "UK") || !strcmp(jur, "uk")))
        jur = "GB";
    for (i = 0; i < r->ndates; i++) {
        if (jur && strcmp(r->dates[i].jur, jur))
            continue;
        if (r->dates[i].date == last)
            continue;
        last = r->dates[i].date;
        if (n < max && dates)
            dates[n] = last;
        n++;
    }
    return n;
}

cordon_status cordon_rules_structure_for_name(const cordon_rules *r,
                                              const char *q, size_t len,
                                              cordon_mol *mol,
                                              const cordon_kb_entry **entry,
                                              cordon_error *err)
{
    const cordon_kb_entry *hits[32];
    int n = cordon_kb_lookup(r->kb, q, len, hits, 32), i;
    if (entry)
        *entry = n > 0 ? hits[0] : NULL;
    if (n > 32)
        n = 32;
    for (i = 0; i < n; i++) {
        const char *smi = cordon_kb_entry_field(hits[i], "smiles", 0);
        if (!smi)
            continue;
        if (entry)
            *entry = hits[i];
        return cordon_smiles_read(mol, smi, strlen(smi), NULL, err);
    }
    return cordon__error(err, CORDON_ENOTFOUND, (size_t)-1,
                         n ? "'%.*s' names a class, not a structure"
                           : "no entry named '%.*s'",
                         (int)(len > 200 ? 200 : len), q);
}
