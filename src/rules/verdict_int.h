/*
 * verdict_int.h -- layout of cordon_rules and cordon_verdict (src/rules/
 * only).
 */
#ifndef CORDON_VERDICT_INT_H
#define CORDON_VERDICT_INT_H

#include "rules/rules_int.h"

/* A listed substance or precursor with a structure. */
typedef struct rl_listed {
    const cordon_kb_entry *e;
    const char *jur;
    int jidx;          /* index of jur in cordon_rules.jurs */
    int precursor;     /* a [precursor] entry in a chemical list */
    int drug_schedule; /* a [precursor] entry in a drug schedule (US
                          Schedule II immediate precursors): judged as a
                          listed substance */
    cordon_mol *mol;
    unsigned char *frag;
    uint64_t key, key0;
    int salt_form;  /* the entry's structure has other fragments or charges
                       that the parent fragment drops */
    int uniq;       /* index of its distinct structure (same key) */
    int has_stereo; /* its structure specifies stereo */
    int shared;     /* mol and frag are an earlier entry's (same SMILES) */
    uint64_t fp[RL_FP_WORDS];
} rl_listed;

/* Hash of the atom counts per type and per type in a ring (rc_counts
 * n[0, 2 RC_NTYPE)): element slot and aromaticity, the types the graph
 * keys' atom invariants include; equal counts, equal hashes. */
uint64_t cordon__type_key(const rc_counts *c);
/* Atom-type histogram buckets (derivative prefilter). */
#define RL_NTYPE 64
/* Type counts of 3 or more held per derivative structure (find_hits). */
#define RL_DNEED 9

typedef struct rl_date {
    const char *jur;
    int32_t date;
} rl_date;

struct cordon_rules {
    const cordon_allocator *alloc;
    const cordon_kb *kb;
    cordon_rules_opts opts;
    rl_listed *listed;
    int nlisted;
    size_t cap_listed;
    int *by_key;             /* listed indices sorted by key */
    uint64_t *keys0;         /* sorted key0 of every listed entry */
    int nuniq;               /* distinct listed structures */
    int *uniq_rep;           /* a listed index per distinct structure */
    int *uniq_pop;           /* its fingerprint's bit count */
    struct rl_sim *analogue; /* analogue alert index (similar.c) */
    int *uniq_first;         /* position in by_key of each distinct structure's
                                first entry; its entries follow while key equal */
    rc_def **deriv; /* per distinct structure: its esters and ethers, or NULL
                       (no OH, or no entry covers esters/ethers) */
    unsigned char *uheavy; /* heavy atoms per structure (capped at 255) */
    unsigned char (*utype)[RL_NTYPE]; /* atom-type histogram per structure,
                                         site oxygens left out */
    int *dorder; /* the structures with a derivative definition, by heavy
                    atoms (uheavy[u]), then index */
    int nderiv;
    /* the anchor masks as bit sets over dorder positions (dwords words
     * each): dneeds + (p * 64 + k) * dwords has bit i set when
     * deriv[dorder[i]]'s need.ge[p] has bit k; dneed_any[p], the bits k
     * some structure needs.  A structure passes the mask test of
     * cordon__rc_may_embed when no bit k it needs is missing from the
     * fragment's ge[p]: the scan clears, per missing bit, every structure
     * that needs it */
    uint64_t *dneeds;
    uint64_t dneed_any[3];
    int dwords;
    /* per dorder position: the anchor's type counts of 3 or more (the
     * masks decide counts of 1 and 2), k and n; nk = RL_DNEED + 1 when
     * there are more (then cordon__rc_may_embed decides) */
    struct rl_dneed {
        unsigned char nk, k[RL_DNEED];
        uint16_t n[RL_DNEED];
    } * dneed;
    /* bit (k & 4095) set for every key k of ekeys: most molecules' key
     * misses it and needs no search */
    uint64_t ekey_bits[64];
    /* dfirst[n]: position in dorder of the first structure of at least n
     * heavy atoms (n <= 255, uheavy's cap) */
    int dfirst[257];
    uint64_t *ekeys; /* sorted cordon__type_key of every listed entry's
                        parent fragment (identity prefilter) */
    rc_def *defs;
    int ndefs;
    /* per definition: the days its entry is in force lie in [from, to]
     * (to 0: open), exactly so when one_period (else ask the KB); and the
     * rc_def fields eval_defs reads for every definition, together */
    struct rl_live {
        int32_t from, to;
        int one_period;
        int jidx, same_anchor_as, sub_anchor, precursor;
    } * dlive;
    int *def_order; /* evaluation order: every sub_anchor before its def */
    /* per definition with a sub_anchor: the position of its anchor that
     * each position of the sub_anchor's maps to (cordon__rc_may_extend) */
    int (*subcorr)[RC_MAX_ANCHOR];
    size_t cap_defs;
    const char **jurs;
    /* per jurisdiction: its name NUL-padded to 8 bytes, as a word (a name
     * of 8 bytes or more: its first 7 and 0xff, which no vres.jur is) */
    uint64_t *jurw;
    int njurs;
    size_t cap_jurs;
    rl_date *dates;
    int ndates;
    size_t cap_dates;
    const char **unparsed; /* ids of entries whose smiles did not parse */
    int nunparsed;
    size_t cap_unparsed;
};

typedef struct vres {
    cordon_result pub;
    char jur[8];
    int jidx; /* index in cordon_rules.jurs, -1 if unknown */
} vres;

typedef struct vfind {
    cordon_finding pub;
    char limbs[96];
    char citation[512];
    char conf[2];
    int rank; /* precedence pass (0 listed .. 3 clause) */
} vfind;

typedef struct valert {
    cordon_alert pub;
    char message[256];
} valert;

typedef struct vexpl {
    int def;
    ev_result r;
    cordon_expl_region *regs;
    size_t cap_regs;
    int nregs;
    cordon_expl_subst *subs;
    size_t cap_subs;
    int nsubs;
    cordon_buf text;
    const char *textp; /* cordon__buf_cstr(&text) after build */
} vexpl;

struct cordon_verdict {
    const cordon_allocator *alloc;
    vres *results;
    int nresults;
    size_t cap_results;
    unsigned char *wanted; /* per rules jurisdiction: asked in this call */
    size_t cap_wanted;
    /* the last explicit jurisdiction list, resolved (set_jurisdictions);
     * key: per name its length (at most 7, what norm_jur reads) and
     * characters */
    const cordon_rules *jc_rules;
    unsigned char jc_key[64];
    int32_t date_ok; /* the last date found valid (0: none, never valid) */
    size_t jc_len;
    vres *jc_results;
    size_t cap_jc;
    int jc_n;
    vfind *finds;
    int nfinds;
    size_t cap_finds;
    valert *alerts;
    int nalerts;
    size_t cap_alerts;
    vexpl *expls; /* kept across calls: their buffers are reused */
    int nexpls;
    size_t cap_expls;
    ev_result *defres; /* one per rules definition */
    size_t cap_defres;
    /* per definition evaluated on the current fragment: its anchor
     * embeddings, demb_n[i] maps from demb + demb_off[i] (-1: none kept),
     * all of them when demb_all[i] (fewer than max_embeddings) */
    int *demb;
    size_t cap_demb;
    int *demb_off, *demb_n;
    unsigned char *demb_all;
    size_t cap_dembi;
    size_t ndemb;
    ev_scratch sc;
    unsigned char *frag;
    unsigned char *frag2; /* another component of a mixture */
    unsigned char *seen;  /* atoms of components already judged */
    uint64_t *work;
    size_t cap_work;
    /* definitions read with no uncovered difference (findings), and
     * classes read with exactly one (partial alerts): eval_defs */
    int ndefs_covered;
    int ndefs_partial;
    int *hits; /* listed indices identical to the molecule */
    int nhits;
    size_t cap_hits;
    uint64_t fp[RL_FP_WORDS];
    int have_fp;
    double *usim; /* similarity per distinct listed structure */
    size_t cap_usim;
    uint16_t *ucount; /* prefix bits shared with each distinct structure
                         (similar.c) */
    size_t cap_ucount;
    ev_result dres; /* derivative checks */
    int *cand;      /* distinct structures at or above the threshold, best
                       first */
    int ncand;
    size_t cap_cand;
};

/* cordon_kb_entry_in_force of definition i's entry on date. */
static inline int cordon__def_in_force(const cordon_rules *r, int i,
                                       int32_t date)
{
    const struct rl_live *l = &r->dlive[i];
    if (date < l->from || (l->to && date > l->to))
        return 0;
    return l->one_period ||
           cordon_kb_entry_in_force(r->defs[i].entry, date, NULL);
}

/* ---- analogue alerts (similar.c) ---- */

typedef struct rl_sim rl_sim;
/* Builds r->analogue from the distinct structures' fingerprints (after nuniq,
 * uniq_rep and uniq_pop are set); cordon__sim_free releases it.  0,
 * CORDON_ENOMEM, or CORDON_ELIMIT past 65,536 distinct structures. */
int cordon__sim_build(cordon_rules *r);
void cordon__sim_free(cordon_rules *r);
/* Once per fragment (v->have_fp): its fingerprint into v->fp (bits
 * renumbered by the index's rank: cordon__sim_query_fp gives it back), and the
 * distinct structures at or above alert_threshold into v->cand[0..ncand),
 * most similar first (ties: lower index), with v->usim[u] their Tanimoto
 * similarity -- the same as a scan of every structure. */
int cordon__sim_search(const cordon_rules *r, cordon_verdict *v,
                       const cordon_mol *mol);
/* The fingerprint of the last cordon__sim_search (v->fp), bits numbered as
 * cordon__fp_morgan numbers them. */
void cordon__sim_query_fp(const cordon_rules *r, const cordon_verdict *v,
                          uint64_t fp[RL_FP_WORDS]);
/* Adds up to max_alerts similarity alerts for jurisdiction jur (index
 * jidx): distinct listed structures in force on date, most similar first,
 * at or above alert_threshold.  The query fingerprint and similarities are
 * computed once per molecule (v->have_fp). */
int cordon__similar_alerts(const cordon_rules *r, cordon_verdict *v,
                           const cordon_mol *mol, const char *jur, int jidx,
                           int32_t date);
/* Appends an alert to the verdict (verdict.c). */
int cordon__add_alert(cordon_verdict *v, int kind, const char *jur,
                      const cordon_kb_entry *e, double sim, int expl);

#endif /* CORDON_VERDICT_INT_H */
