/*
 * rules.h -- verdicts: is a molecule controlled in a jurisdiction on a date,
 * on what basis, and why.
 *
 * A cordon_rules is compiled once from a loaded knowledge base (kb.h): the
 * structures of every listed substance and precursor are parsed and keyed,
 * and every generic definition ("[class ...]" entry, docs/class-
 * definitions.md) is compiled into a core scaffold with named regions and
 * limbs.  The compiled object is immutable and may be shared by any number
 * of threads; it borrows the cordon_kb, which must outlive it.
 *
 * Evaluation takes one perceived molecule (mol.h), a set of jurisdictions
 * and a date, and fills a caller-owned cordon_verdict, which is reused from
 * call to call (one per thread) so the hot path does not allocate once it
 * has grown.  Per jurisdiction the engine decides, in this order
 * (docs/rules.md):
 *
 *   1. listed: the molecule's parent (salts stripped, neutralised) is the
 *      same compound as an individually listed substance, or a precursor
 *      listed in a drug schedule (US Schedule II immediate precursors);
 *      salts, charged forms and (under an isomer clause) stereoisomers of
 *      listed entries are the entry;
 *   2. class: a generic definition in force on the date covers it, every
 *      difference from the definition's parent compound being allowed by
 *      one of its limbs (US "fentanyl-related substances" limbs A-E, China
 *      2019 conditions 1-4, UK generic 1-6 [U]);
 *   3. precursor: a listed precursor, or a precursor class clause (US List I
 *      "4-AP and its amides, carbamates, halides and salts", "4-piperidone
 *      and its acetals, amides, carbamates, salts").
 *
 * Precedence follows the law: an individually listed substance is reported
 * as listed, never as a class member (21 CFR 1308.11(h)(30) "not otherwise
 * controlled in any schedule"; HALT Fentanyl Act (e)(3)): carfentanil is
 * "Schedule II, listed", not "Schedule I, FRS".  A controlled substance
 * outranks a precursor listing of the same molecule.
 *
 * Analogue alerts are never verdicts: when a jurisdiction's status is
 * not_controlled, the evaluator reports the nearest listed substances by
 * fingerprint similarity at or above a documented threshold, and any
 * partial class match ("possible analogue -- needs expert review").
 *
 * Dates are integers YYYYMMDD (kb.h).  All returned strings are borrowed,
 * NUL-terminated, never NULL ("" when absent), and stay valid until the
 * next evaluation into the same verdict, cordon_verdict_free, or
 * cordon_rules_free / cordon_kb_free, whichever comes first.
 */
#ifndef CORDON_RULES_H
#define CORDON_RULES_H

#include "cordon/common.h"
#include "cordon/kb.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cordon_rules cordon_rules;
typedef struct cordon_verdict cordon_verdict;

/* ---- compiling ---- */

typedef struct cordon_rules_opts {
    /* Nearest-listed alerts: Tanimoto similarity on the fp.h Morgan
     * fingerprint (radius 2) at or above this value.  Default 0.55; see
     * docs/rules.md §6 for why. */
    double alert_threshold;
    int max_alerts; /* similarity alerts per jurisdiction, default 3 */
    /* Core embeddings examined per class definition and molecule (ring
     * symmetry gives several); default 64.  More -> the first 64. */
    int max_embeddings;
    /* Matcher work budget per evaluation (search steps); default 1000000.
     * Exceeding it returns CORDON_ELIMIT. */
    long max_steps;
    /* Molecules with more heavy atoms return CORDON_ELIMIT; default 2000. */
    int max_atoms;
} cordon_rules_opts;
#define CORDON_RULES_OPTS_INIT                                                 \
    {                                                                          \
        0.55, 3, 64, 1000000L, 2000                                            \
    }

/*
 * Compiles every substance, precursor and class entry of kb.  opts may be
 * NULL (defaults); alloc may be NULL.  kb is borrowed and must outlive the
 * rules.  Returns CORDON_OK, CORDON_EKB (a class definition is malformed:
 * err->rule is the entry id, err->line its line, err->message says which
 * key), CORDON_EINVAL (bad opts), CORDON_ENOMEM.  A listed entry whose
 * structure does not parse is skipped, not an error
 * (cordon_rules_num_unparsed).
 */
cordon_status cordon_rules_compile(cordon_rules **out, const cordon_kb *kb,
                                   const cordon_rules_opts *opts,
                                   const cordon_allocator *alloc,
                                   cordon_error *err);
void cordon_rules_free(cordon_rules *rules);

/* Entries whose "smiles" the SMILES reader rejected are left out of
 * identity matching (cordon kb check reports them); their ids, for a
 * warning. */
int cordon_rules_num_unparsed(const cordon_rules *rules);
const char *cordon_rules_unparsed_id(const cordon_rules *rules, int i);

/* The knowledge base the rules were compiled from (borrowed). */
const cordon_kb *cordon_rules_kb(const cordon_rules *rules);

/* Jurisdiction codes that have at least one substance, precursor or class
 * entry, sorted ("CN", "GB", "UN", "US", ...). */
int cordon_rules_num_jurisdictions(const cordon_rules *rules);
const char *cordon_rules_jurisdiction(const cordon_rules *rules, int i);

/* ---- evaluating ---- */

/* Status of a jurisdiction's verdict or of a finding. */
typedef enum cordon_verdict_status {
    CORDON_NOT_CONTROLLED = 0,
    CORDON_CONTROLLED = 1,
    CORDON_PRECURSOR = 2
} cordon_verdict_status;

/* What the status rests on. */
typedef enum cordon_basis {
    CORDON_BASIS_NONE = 0,     /* not controlled */
    CORDON_BASIS_LISTED = 1,   /* an individually listed substance */
    CORDON_BASIS_CLASS = 2,    /* a generic (class-wide) definition */
    CORDON_BASIS_PRECURSOR = 3 /* a listed precursor or precursor clause */
} cordon_basis;

/* "controlled", "precursor", "not_controlled" / "listed", "class",
 * "precursor", "" -- the words of the JSON output. */
const char *cordon_verdict_status_str(int status);
const char *cordon_basis_str(int basis);

/* Evaluation flags. */
#define CORDON_EVAL_NO_ALERTS 0x01u /* skip analogue alerts (faster) */
#define CORDON_EVAL_NO_DETAIL 0x02u /* skip region/substituent detail */
#define CORDON_EVAL_ALL_DATES                                                  \
    0x04u /* also report findings whose entry is                               \
             not in force on the date (in_force                                \
             = 0): for explain and timeline */

cordon_status cordon_verdict_new(cordon_verdict **out,
                                 const cordon_allocator *alloc);
void cordon_verdict_free(cordon_verdict *v);

/*
 * Evaluates mol (perceived: cordon_mol_perceive or a reader did it; not
 * modified) for njur jurisdiction codes (e.g. {"US","CN"}; "UK" is read as
 * "GB"; jurisdictions == NULL or njur == 0 means every jurisdiction of
 * cordon_rules_num_jurisdictions) on date (YYYYMMDD), replacing the
 * contents of v.  A jurisdiction the knowledge base does not know gets a
 * not_controlled result (the caller may warn).  Returns CORDON_OK,
 * CORDON_EINVAL (date not a calendar date, unknown flag),
 * CORDON_ELIMIT (opts.max_atoms or max_steps), CORDON_ENOMEM.  On failure
 * v is empty.
 */
cordon_status cordon_rules_evaluate(const cordon_rules *rules,
                                    const cordon_mol *mol,
                                    const char *const *jurisdictions, int njur,
                                    int32_t date, unsigned flags,
                                    cordon_verdict *v, cordon_error *err);

/* The verdict for one jurisdiction: one per jurisdiction evaluated, in the
 * order asked. */
typedef struct cordon_result {
    const char *jurisdiction; /* "US", "CN", "GB" */
    int32_t date;             /* YYYYMMDD evaluated */
    int status;               /* cordon_verdict_status */
    int basis;                /* cordon_basis */
    const char *schedule;     /* "I", "II", "List I", "Supplementary" */
    const char *entry_id;     /* KB id of the deciding entry */
    const char *name;         /* its primary name */
    const char *limbs;        /* class: limb ids used, comma-separated in
                                 the definition's order ("A,C", "1,4");
                                 "" otherwise */
    const char *citation;     /* the period's citation, else the entry's */
    int32_t effective_from;   /* first day of the period in force; 0 when
                                 the start is unknown ("?") */
    const char *confidence;   /* weakest of the entry's and the period's
                                 tags: "V", "S", "U", "D"; "" if none */
    int finding;              /* index of the deciding finding, -1 when
                                 not_controlled */
} cordon_result;

int cordon_verdict_num_results(const cordon_verdict *v);
const cordon_result *cordon_verdict_result(const cordon_verdict *v, int i);

/*
 * Every entry that applies to the molecule, deciding or not (e.g. norfentanyl
 * is a Schedule II immediate precursor and, from 2020-05-15, also a List I
 * 4-AP amide; carfentanil is Schedule II and would otherwise fit the FRS
 * class).  Ordered by jurisdiction as asked, then precedence.  The
 * deciding finding of a result has primary = 1; a class finding that the
 * listing pre-empts has superseded = 1.
 */
typedef struct cordon_finding {
    const char *jurisdiction;
    int status;                   /* CONTROLLED or PRECURSOR */
    int basis;                    /* LISTED, CLASS or PRECURSOR */
    const cordon_kb_entry *entry; /* borrowed from the kb: its periods give
                                     the entry's history (kb.h) */
    const char *entry_id, *name, *schedule, *citation, *confidence;
    const char *limbs;              /* as in cordon_result */
    const char *match;              /* how it applies: "identical",
                                       "stereoisomer", "salt" (parent of a
                                       salt or charged form), "ester",
                                       "ether" (of a listed OH), "mixture"
                                       (another component of the record),
                                       "class", "clause" (precursor class
                                       clause) */
    const cordon_kb_period *period; /* in force on the date, or NULL */
    int32_t effective_from;         /* period->from, or the first period's
                                       from when not in force */
    int in_force;                   /* 0 only with CORDON_EVAL_ALL_DATES */
    int primary;
    int superseded;
    int expl; /* explanation index (class and clause matches), -1 if none */
} cordon_finding;

int cordon_verdict_num_findings(const cordon_verdict *v);
const cordon_finding *cordon_verdict_finding(const cordon_verdict *v, int i);

/* ---- explanations: why a class definition or clause matched ---- */

/* One region of the definition's core (docs/class-definitions.md), as found
 * in the molecule. */
typedef struct cordon_expl_region {
    const char *region;      /* "R1" ... "R5", or the definition's name */
    const char *description; /* "N-propionyl group", "piperidine ring" */
    const int *atoms;        /* molecule atom indices (0-based) */
    int natoms;
    const char *change;      /* "unchanged", "substituted", "replaced",
                                "removed" */
    const char *group_class; /* replaced: class of the replacement
                                ("monocycle", "acyl", "any-group") */
    const char *limb;        /* limb id that allows the change, "" when
                                unchanged or not allowed */
} cordon_expl_region;

/* One substituent: a group hanging on a region where the parent compound
 * has hydrogen. */
typedef struct cordon_expl_subst {
    const char *region; /* region it hangs on */
    int attach;         /* region atom it is bonded to */
    const int *atoms;   /* the substituent's atoms */
    int natoms;
    const char *group_class; /* most specific class that fits: "halo",
                                "alkyl", "ester", ... "unclassified" */
    const char *limb;        /* limb that allows it, "" if none */
} cordon_expl_subst;

int cordon_verdict_expl_num_regions(const cordon_verdict *v, int expl);
const cordon_expl_region *cordon_verdict_expl_region(const cordon_verdict *v,
                                                     int expl, int i);
int cordon_verdict_expl_num_substs(const cordon_verdict *v, int expl);
const cordon_expl_subst *cordon_verdict_expl_subst(const cordon_verdict *v,
                                                   int expl, int i);
/* One-line summary, e.g. "limb C: methoxycarbonyl (ester) on R3 atom 12;
 * limb A: thiophene (monocycle) replaces R5". */
const char *cordon_verdict_expl_text(const cordon_verdict *v, int expl);

/* ---- analogue alerts (never verdicts) ---- */

typedef enum cordon_alert_kind {
    CORDON_ALERT_SIMILAR = 1, /* nearest listed substance by similarity */
    CORDON_ALERT_PARTIAL = 2  /* a class core matched but some difference
                                 is covered by no limb */
} cordon_alert_kind;

typedef struct cordon_alert {
    int kind;
    const char *jurisdiction;
    const cordon_kb_entry *entry; /* the listed substance or the class */
    const char *entry_id, *name;
    double similarity;   /* SIMILAR: Tanimoto in [threshold, 1]; PARTIAL: 0 */
    const char *message; /* "possible analogue -- needs expert review: ..." */
    int expl;            /* PARTIAL: explanation index; SIMILAR: -1 */
} cordon_alert;

/* Alerts are produced only for jurisdictions whose status is
 * not_controlled, highest similarity first, partial matches last. */
int cordon_verdict_num_alerts(const cordon_verdict *v);
const cordon_alert *cordon_verdict_alert(const cordon_verdict *v, int i);

/* ---- identity, history, timelines ---- */

/*
 * Resolves a name, synonym, CAS number or entry id through cordon_kb_lookup
 * and fills mol (cleared, perceived) with the structure of the first hit
 * that has one; *entry (may be NULL) receives that hit.  Returns CORDON_OK,
 * CORDON_ENOTFOUND (no hit, or only class entries without structure: then
 * *entry is the first hit), CORDON_ENOMEM.
 */
cordon_status cordon_rules_structure_for_name(const cordon_rules *rules,
                                              const char *q, size_t len,
                                              cordon_mol *mol,
                                              const cordon_kb_entry **entry,
                                              cordon_error *err);

/*
 * The dates on which the law of jurisdiction jur (NULL: every jurisdiction)
 * changes: each period's first day and the day after its last day, sorted
 * and distinct.  Writes up to max dates and returns how many there are.
 * A timeline evaluates the molecule at each of them (with
 * CORDON_EVAL_ALL_DATES for the entries' own histories) and prints where
 * the verdict changes.
 */
int cordon_rules_change_dates(const cordon_rules *rules, const char *jur,
                              int32_t *dates, int max);

/* The day after YYYYMMDD date (calendar arithmetic), 0 if date is not a
 * calendar date. */
int32_t cordon_date_next_day(int32_t date);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_RULES_H */
