/*
 * rules_int.h -- internal layout of compiled rules and verdicts (src/rules/
 * only).
 *
 * Files: groups.c (substituent group classes, docs/class-definitions.md §3),
 * classdef.c (compiling "[class]" entries into rc_def), embed.c (core
 * embeddings, regions, differences, limbs), identity.c (parent fragment,
 * stereo-free keys, isomorphism), rules.c (public API, precedence, alerts),
 * verdict.c (the verdict object and explanations), similar.c (analogue
 * alerts).
 */
#ifndef CORDON_RULES_INT_H
#define CORDON_RULES_INT_H

#include "cordon/kb.h"
#include "cordon/rules.h"
#include "core/core.h"
#include "mol/mol_int.h"

/* ---- substituent group classes (groups.c) ---- */

/* In order of specificity: the explanation names the first class, in this
 * order, that a group belongs to and the limb allows. */
enum rg_class {
    RG_HALO,
    RG_HYDROXY,
    RG_NITRO,
    RG_AMINO,
    RG_ALKYL,
    RG_ALKENYL,
    RG_HALOALKYL,
    RG_ALKOXY,
    RG_ALKOXYCARBONYL,
    RG_ACYLOXY,
    RG_ALKOXYALKYL,
    RG_ALKYLENEDIOXY,
    RG_ESTER,
    RG_ETHER,
    RG_CARBOXYLIC_ACYL,
    RG_OXYCARBONYL,
    RG_CARBAMOYL,
    RG_ACYL,
    RG_AROMATIC_MONOCYCLE,
    RG_HETEROMONOCYCLE,
    RG_MONOCYCLE,
    RG_ACETAL,
    RG_ANY,
    /* internal: only through "covers: esters, ethers" (docs/rules.md §4) */
    RG_O_ESTER, /* -O-C(=O)-R: an ester of a hydroxy group */
    RG_O_ETHER, /* -O-R, R attached by carbon: an ether of a hydroxy */
    RG_C_ROOT,  /* any group attached by a carbon (esters and ethers of a
                   listed substance's OH, identity.c) */
    RG_NCLASSES
};
#define RG_BIT(c) (1u << (c))
#define RG_RINGS                                                               \
    (RG_BIT(RG_AROMATIC_MONOCYCLE) | RG_BIT(RG_HETEROMONOCYCLE) |              \
     RG_BIT(RG_MONOCYCLE))

extern const char *const cordon__rg_names[RG_NCLASSES];
/* Class from a data word (incl. aliases: alkoxyl, hydroxyl, halogen,
 * halogeno, aromatic monocycle); -1 if unknown. */
int cordon__rg_from_word(const char *w, size_t n);

/* A group of molecule atoms hanging on a region by one or two bonds. */
typedef struct rg_group {
    const int *atoms; /* molecule atom indices */
    int natoms;
    int nattach;  /* 1 or 2 */
    int root[2];  /* group atom of each attachment */
    int base[2];  /* region atom of each attachment */
    int order[2]; /* bond order of each attachment */
} rg_group;

/* Per-evaluation scratch the classifier needs: in_group[atom] == stamp
 * marks the group's atoms. */
typedef struct rg_ctx {
    const cordon_mol *mol;
    int *mark;
    int stamp;
} rg_ctx;

/* Every class the group belongs to, as RG_BIT mask.  For ring classes the
 * group's root must be a ring atom; *bare (may be NULL) is set to 1 when the
 * group is the ring and nothing else.  Effective charges: docs/rules.md §3.*/
uint32_t cordon__rg_classify(const rg_ctx *c, const rg_group *g, int *bare);
/* Molecule-level helpers shared with identity.c. */
int cordon__eff_charge(const cordon_mol *m, int a);
int cordon__eff_hcount(const cordon_mol *m, int a);
int cordon__is_halogen(int elem);
/* Neighbours that are not hydrogen atoms ([2H] and [3H] stay in the graph
 * as atoms; they count as hydrogens). */
int cordon__heavy_degree(const cordon_mol *m, int a);
/* Index of the SSSR ring containing atom a if a is in exactly one ring,
 * else -1. */
int cordon__ring_of(const cordon_mol *m, int a);

/* ---- compiled class definitions (classdef.c) ---- */

#define RC_MAX_REGIONS 16
#define RC_MAX_SITES 8
#define RC_MAX_LIMBS 16
#define RC_MAX_ANCHOR 40
#define RC_MAX_COMPS 8
#define RC_MAX_CHAIN 8

enum { RC_FIXED, RC_BRANCH, RC_CHAIN, RC_RING };

/* Atom types of the anchor prefilter (embed.c, docs/rules.md §2.1):
 * element slot (C N O S P F Cl Br I, other) x aromatic. */
#define RC_NTYPE 20
/* Heavy-atom counts per type of a fragment or an anchor: all atoms
 * [0, RC_NTYPE), ring atoms [RC_NTYPE, 2 RC_NTYPE), atoms of degree >= 3
 * [2 RC_NTYPE, 3 RC_NTYPE).  An anchor embeds only where every count of
 * the molecule's fragment is at least the anchor's. */
#define RC_NCOUNT (3 * RC_NTYPE)
#define RC_NCOUNT_PAD 64 /* array length (one 64-bit mask word) */
typedef struct rc_counts {
    uint16_t n[RC_NCOUNT_PAD]; /* [RC_NCOUNT, RC_NCOUNT_PAD) stay 0 */
    /* bit k: n[k] >= 1, 2, 4 (a quick first test) */
    uint64_t ge[3];
} rc_counts;
enum { RC_REPLACE, RC_SUBSTITUTE };

typedef struct rc_region {
    const char *name; /* "R1" */
    const char *desc; /* "N-propionyl group" */
    int kind;         /* RC_FIXED ... */
} rc_region;

typedef struct rc_site {
    const char *name; /* "R3.4" */
    const char *desc;
    int region;
} rc_site;

typedef struct rc_limb {
    const char *id;   /* "A", "1", "amide" */
    uint32_t regions; /* bit per region index */
    int action;       /* RC_REPLACE / RC_SUBSTITUTE */
    uint32_t classes; /* RG_BIT mask: allowed groups / replacement */
    int subst_any;    /* replace: further substituents allowed */
    int site;         /* substitute: restricted to a site, -1 none */
    int open;         /* list ends with "etc." (China 等) */
    int32_t since;    /* limb in force only from this date, 0 = entry */
    const char *cite; /* limb's own citation ("" if none) */
} rc_limb;

/* One branch of the parent compound: a connected part of it outside the
 * fixed regions, attached to one anchor atom. */
typedef struct rc_comp {
    int attach;       /* anchor index (position in rc_def.anchor) */
    int root;         /* parent atom bonded to the anchor */
    int order;        /* bond order of that bond */
    uint32_t regions; /* regions it contains */
    int branch;       /* region index if one RC_BRANCH region, else -1 */
    int nchain;       /* chain atoms from the root, in order */
    int chain[RC_MAX_CHAIN];
    int ring_region; /* -1 if none */
    int ring_size;
    int ring[RC_MAX_ANCHOR]; /* parent ring atoms, cyclic from the atom
                                bonded to the chain (or the root) */
    int natoms;
} rc_comp;

typedef struct rc_def {
    const cordon_kb_entry *entry;
    const char *jur;
    int jidx;            /* index of jur in cordon_rules.jurs */
    int precursor;       /* class-kind: precursor (a clause) */
    int parent_included; /* the unmodified parent is a member */
    unsigned covers;     /* cordon_kb_entry_covers */
    const char *parent_name;
    char *arena; /* strings of regions, sites, limbs */
    cordon_mol *parent;
    int region_of[RC_MAX_ANCHOR * 4]; /* per parent atom */
    uint32_t sites_of[RC_MAX_ANCHOR * 4];
    rc_region regions[RC_MAX_REGIONS];
    int nregions;
    rc_site sites[RC_MAX_SITES];
    int nsites;
    rc_limb limbs[RC_MAX_LIMBS];
    int nlimbs;
    /* anchor: parent atoms of fixed regions in matching order; from[i] is
     * the position of an earlier anchor atom bonded to anchor[i], -1 for
     * the first */
    int anchor[RC_MAX_ANCHOR];
    int from[RC_MAX_ANCHOR];
    int nanchor;
    int anchor_pos[RC_MAX_ANCHOR * 4]; /* parent atom -> position or -1 */
    rc_comp comps[RC_MAX_COMPS];
    int ncomps;
    /* an earlier definition with the same parent and fixed regions (same
     * anchor embeddings), or -1: when that one's anchor does not embed,
     * this one's does not either */
    int same_anchor_as;
    int exact; /* derivative definition: anchor atoms keep their degree
                  and hydrogens, except site oxygens (one group for H) */
    /* anchor matcher tables (cordon__rc_anchor_need): the type counts;
     * per position its type code (RC_NTYPE type * 2 + in ring), the
     * number of earlier positions bonded to it, and the order + 1 of its
     * bond to earlier position j (0: none) */
    rc_counts need;
    unsigned char needk[RC_NCOUNT]; /* indices of need's nonzero counts,
                                       largest first */
    int nneed;
    /* another class definition whose anchor embeds in this one's (so
     * when that anchor does not embed, this one's does not either), or
     * -1; set by cordon_rules_compile */
    int sub_anchor;
    unsigned char acode[RC_MAX_ANCHOR];
    /* per position the anchor atom's element, and 1 when extend must call
     * anchor_compat for every candidate (exact, or a charged anchor atom) */
    unsigned char aelem[RC_MAX_ANCHOR];
    unsigned char aslow[RC_MAX_ANCHOR];
    unsigned char nback[RC_MAX_ANCHOR];
    unsigned char border[RC_MAX_ANCHOR][RC_MAX_ANCHOR];
} rc_def;

/* Builds the definition "esters and ethers of this listed structure": the
 * whole structure fixed, acyl groups (ester) or carbon groups (ether) on
 * its alcohol/phenol oxygens, carbon groups on its acid oxygens (ester).
 * Limb ids "ester", "ether".  Returns CORDON_OK, CORDON_ENOTFOUND (no OH or
 * too large), CORDON_ENOMEM. */
int cordon__rc_build_derivative(rc_def *d, const cordon_mol *m,
                                const cordon_allocator *a);
/* Compiles one [class] entry.  CORDON_EKB with err->rule / err->line set. */
int cordon__rc_compile(rc_def *d, const cordon_kb *kb, const cordon_kb_entry *e,
                       const cordon_allocator *a, cordon_error *err);
void cordon__rc_free(rc_def *d, const cordon_allocator *a);

/* ---- evaluation of one definition (embed.c) ---- */

/* Detail of a best match, written by cordon__rc_evaluate. */
typedef struct ev_region {
    int region;
    int atoms_off, natoms; /* into ev_result.atoms */
    int change;            /* EV_UNCHANGED ... */
    int gclass;            /* replaced: rg_class, -1 */
    int limb;              /* limb index, -1 */
} ev_region;
typedef struct ev_subst {
    int region;
    int attach;
    int atoms_off, natoms;
    int gclass; /* -1 = unclassified */
    int limb;   /* -1 = not allowed */
} ev_subst;
enum { EV_UNCHANGED, EV_SUBSTITUTED, EV_REPLACED, EV_REMOVED };

typedef struct ev_result {
    int ran;        /* evaluated in this call (verdict.c) */
    int matched;    /* a core embedding was found */
    int uncovered;  /* differences no limb allows */
    int ndiff;      /* differences found */
    uint32_t limbs; /* limb indices used */
    int nrepl;      /* differences read as replacements (replace limb or
                       none): substitution is the preferred reading */
    int32_t since;  /* latest limb "since" date used, 0 none */
    ev_region *regions;
    int nregions;
    size_t cap_regions;
    ev_subst *substs;
    int nsubsts;
    size_t cap_substs;
    int *atoms;
    int natoms;
    size_t cap_atoms;
} ev_result;

/* Scratch reused across evaluations (owned by the verdict). */
#define EV_NTEMPS 12
typedef struct ev_scratch {
    const cordon_allocator *alloc;
    int *mark, *mark2, *comp_of, *queue, *buf;
    void *comps; /* embed.c's per-component records, cap_atoms of them */
    size_t cap_atoms;
    int stamp, stamp2;
    long steps, max_steps;
    int max_embeddings;
    /* only a reading with at most this many uncovered differences is
     * used (0: precursor clauses, derivatives, no partial alerts wanted;
     * 1: classes with partial alerts): an embedding's evaluation stops
     * once it has more, its result then has uncovered > max_uncovered and
     * its other counts are partial */
    int max_uncovered;
    int32_t date;              /* limbs with since > date are not in force */
    const unsigned char *frag; /* frag[atom] != 0: in the parent fragment */
    /* of frag (cordon__rc_prepare; the caller clears prepared whenever
     * frag or its contents change): the type counts; per atom the type
     * code, 0xff outside frag */
    int prepared;
    rc_counts counts;
    unsigned char *acode;
    int *apos; /* per atom: the anchor position mapped to it, or -1 (all -1
                  between calls) */
    /* comps hold the ncomps components of the fragment outside a set of
     * comps_nanchor anchor atoms (embed.c); cleared with prepared */
    int comps_ok, ncomps, comps_nanchor;
    ev_result temps[EV_NTEMPS];  /* nested alternatives (embed.c) */
    ev_result pre[RC_MAX_COMPS]; /* anchor atoms read first (embed.c) */
    /* anchor embeddings: with rec_on, cordon__rc_evaluate appends each one
     * it finds to rec (nrec maps of nanchor atoms); with replay set, it
     * reads those nreplay maps instead of searching (a definition with the
     * same anchor, on the same fragment) */
    int rec_on, nrec, nreplay;
    int *rec;
    size_t cap_rec;
    const int *replay;
} ev_scratch;

int cordon__ev_reserve(ev_scratch *s, int natoms);
void cordon__ev_free(ev_scratch *s);
/* Evaluates definition d against mol (parent fragment s->frag).  Fills
 * res with the best embedding's outcome (res->matched = 0 when the core
 * does not embed).  Returns CORDON_OK, CORDON_ELIMIT, CORDON_ENOMEM. */
int cordon__rc_evaluate(const rc_def *d, const cordon_mol *mol, ev_scratch *s,
                        ev_result *res);
/* The anchor prefilter (docs/rules.md §2.1): d's matcher tables from
 * d->anchor (after the anchor is built); s->counts and s->acode of
 * s->frag (s->prepared = 1); 1 if every count of have is at least the
 * anchor's, a necessary condition for the anchor to embed.
 * cordon__rc_evaluate prepares s when s->prepared is 0. */
void cordon__rc_anchor_need(rc_def *d);
void cordon__rc_prepare(ev_scratch *s, const cordon_mol *mol);
/* cordon__parent_fragment and cordon__rc_prepare in one pass, for a
 * molecule whose heavy atoms form one fragment (s->frag must be frag):
 * returns its heavy atoms (0 if none), or -1, with s unprepared and frag
 * meaningless, when there are more fragments (or too many atoms). */
int cordon__rc_prepare_parent(ev_scratch *s, const cordon_mol *mol,
                              unsigned char *frag, int *salt, int *stereo);
/* 1 if b's anchor embeds in a's anchor atoms (a's parent, anchor atoms
 * only), 0 if not or undecided; uses s (s->frag is restored).  corr (may be
 * NULL) receives, per position of b, the position of a it maps to. */
int cordon__rc_anchor_within(const rc_def *b, const rc_def *a, ev_scratch *s,
                             int *corr);
/* With corr from cordon__rc_anchor_within(b, a): every embedding of a's
 * anchor holds one of b's (a's positions corr[p] read as b's p).  Given
 * all n embeddings of b in the fragment (maps, b->nanchor atoms each),
 * 0 when none of them can grow into one of a: a position of a outside
 * corr's image, bonded to its BFS parent inside it, finds no neighbour of
 * that atom's image of its type, element and bond order outside the map
 * (a necessary condition for a's anchor to embed); else 1. */
int cordon__rc_may_extend(const rc_def *a, const rc_def *b, const int *corr,
                          const int *maps, int n, const cordon_mol *mol,
                          const ev_scratch *s);
int cordon__rc_may_embed(const rc_def *d, const rc_counts *have);
int cordon__ev_result_copy(const cordon_allocator *a, ev_result *dst,
                           const ev_result *src);
void cordon__ev_result_free(const cordon_allocator *a, ev_result *r);

/* ---- identity (identity.c) ---- */

/* Marks the parent fragment of mol in frag (natoms bytes): the connected
 * component with most heavy atoms (ties: more carbons, then lowest atom
 * index).  *salt = 1 when other fragments exist or an atom of the parent
 * carries a charge that cordon__eff_charge neutralises; *stereo = 1 when
 * the parent has tetrahedral or double-bond stereo.  Returns the number of
 * heavy atoms of the parent. */
int cordon__parent_fragment(const cordon_mol *mol, unsigned char *frag,
                            int *queue, int *salt, int *stereo);
/* The next connected component of heavy atoms not yet in seen: written to
 * frag (natoms bytes, cleared first) and queue, marked in seen; returns its
 * size, 0 when none is left. */
int cordon__next_component(const cordon_mol *mol, unsigned char *seen,
                           unsigned char *frag, int *queue);
/* 1 if the component (atoms) contains carbon and is not a known counter-ion
 * or solvent. */
int cordon__component_organic(const cordon_mol *mol, const int *atoms, int n);
/* splitmix64 finaliser: the mixing step of the graph key and of the
 * similarity fingerprint (identity.c, similar.c). */
static inline uint64_t cordon__mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}
/* Round 0 of the graph key for atom a of the fragment: element, effective
 * charge and hydrogen count, heavy degree in the fragment, aromaticity,
 * ring membership, mixed. */
uint64_t cordon__atom_invariant(const cordon_mol *m, const unsigned char *frag,
                                int a);
/* One Weisfeiler-Lehman round over the fragment: next[a] from cur[a] and
 * its heavy neighbours' labels combined commutatively. */
void cordon__wl_refine(const cordon_mol *m, const unsigned char *frag,
                       const uint64_t *cur, uint64_t *next);
/* Stereo-free, charge-neutralised, isotope-free graph hash of the
 * fragment (Weisfeiler-Lehman refinement).  work: 2 * natoms uint64. */
uint64_t cordon__graph_key(const cordon_mol *mol, const unsigned char *frag,
                           uint64_t *work);
/* The atom-type multiset part of the key (round 0 of the refinement): a
 * cheap prefilter, equal whenever the full keys are equal. */
uint64_t cordon__graph_key0(const cordon_mol *mol, const unsigned char *frag);
/* Same compound?  0: no; 1: yes, and no tetrahedral centre specified in
 * both has opposite configurations; 2: same constitution, different
 * stereoisomer; -1: out of memory.  Isomorphism under effective charges and
 * hydrogen counts; double-bond stereo is not compared. */
int cordon__same_compound(const cordon_mol *a, const unsigned char *fa,
                          const cordon_mol *b, const unsigned char *fb,
                          ev_scratch *s);

/* Morgan-type similarity fingerprint (radius 2, 2048 bits) from the same
 * refinement (similar.c), and its Tanimoto coefficient (docs/rules.md §6). */
#define RL_FP_BITS 2048
#define RL_FP_WORDS (RL_FP_BITS / 64)
void cordon__fp_morgan(const cordon_mol *mol, const unsigned char *frag,
                       uint64_t *work, uint64_t fp[RL_FP_WORDS]);
double cordon__fp_tanimoto(const uint64_t *a, const uint64_t *b);

/* Histogram (nb buckets, counts capped at 255) of atom types (element,
 * heavy degree, hydrogens, aromaticity, ring membership) of the fragment;
 * atoms with skip[a] set (may be NULL) are left out.  hatoms: 0 when m is
 * known to have no hydrogen atoms (frag then holds no hydrogen), else -1. */
void cordon__type_hist(const cordon_mol *m, const unsigned char *frag,
                       const uint32_t *skip, unsigned char *out, int nb,
                       int hatoms);

/* Date helpers. */
int cordon__date_valid(int32_t d);

#endif /* CORDON_RULES_INT_H */
