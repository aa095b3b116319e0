/*
 * fp.h -- fingerprints: a substructure-screen fingerprint that rejects most
 * (molecule, pattern) pairs without matching, and a Morgan/ECFP-like
 * similarity fingerprint with Tanimoto search.  docs/fingerprints.md states
 * exactly how each bit is made, so other implementations can reproduce them.
 *
 * Fingerprints are plain fixed-size values (no allocation, no free): copy
 * them, store them in arrays, share them across threads.
 */
#ifndef CORDON_FP_H
#define CORDON_FP_H

#include "cordon/common.h"
#include "cordon/mol.h"
#include "cordon/smarts.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- substructure screen ---- */

#define CORDON_SCREEN_BITS 1024
#define CORDON_SCREEN_WORDS (CORDON_SCREEN_BITS / 64)
typedef struct cordon_screenfp {
    uint64_t w[CORDON_SCREEN_WORDS];
} cordon_screenfp;

/*
 * Screen fingerprint of a perceived molecule: element counts, atom
 * environments and short paths (docs/fingerprints.md §1).  Guarantee: if
 * query q has a match in mol, every bit of cordon_screenfp_query(q) is set
 * in cordon_screenfp_mol(mol).  Returns CORDON_OK or CORDON_EINVAL (not
 * perceived).
 */
cordon_status cordon_screenfp_mol(cordon_screenfp *out, const cordon_mol *mol);
/* Screen fingerprint of a query: only the features every match must have
 * (computed at compile time; this copies it). */
void cordon_screenfp_query(cordon_screenfp *out, const cordon_query *q);
/* 1 when every bit of query is set in mol (a match is possible), else 0. */
int cordon_screenfp_could_match(const cordon_screenfp *query,
                                const cordon_screenfp *mol);

/* ---- similarity: Morgan, radius 2, 2048 bits ---- */

#define CORDON_MORGAN_BITS 2048
#define CORDON_MORGAN_WORDS (CORDON_MORGAN_BITS / 64)
typedef struct cordon_morganfp {
    uint64_t w[CORDON_MORGAN_WORDS];
} cordon_morganfp;

/*
 * Morgan fingerprint, radius 2 (ECFP4-like), folded to 2048 bits, computed
 * as RDKit's GetMorganFingerprintAsBitVect(mol, 2, 2048) with default
 * connectivity invariants (docs/fingerprints.md §2 says how and where it
 * differs).  mol must be perceived.  Returns CORDON_OK, CORDON_EINVAL or
 * CORDON_ENOMEM.
 */
cordon_status cordon_fp_morgan(cordon_morganfp *out, const cordon_mol *mol,
                               cordon_error *err);

/* Bits set. */
int cordon_fp_popcount(const cordon_morganfp *a);
/* Tanimoto |a & b| / |a | b|; 0.0 when both are empty. */
double cordon_fp_tanimoto(const cordon_morganfp *a, const cordon_morganfp *b);

/* ---- top-k search ---- */

typedef struct cordon_fp_hit {
    size_t index;      /* position in the searched array / add order */
    double similarity; /* Tanimoto to the query */
} cordon_fp_hit;

/*
 * Searches n fingerprints for the k most similar to query with similarity
 * >= threshold.  Writes up to k hits to hits (caller's array of k), best
 * first; ties in order of index.  *nhits receives the number written.
 * Uses the Swamidass-Baldi popcount bound to skip candidates.  Returns
 * CORDON_OK or CORDON_EINVAL (k < 0).
 */
cordon_status cordon_fp_topk(const cordon_morganfp *query,
                             const cordon_morganfp *db, size_t n, size_t k,
                             double threshold, cordon_fp_hit *hits,
                             size_t *nhits);

/* Streaming top-k for inputs too large to hold (the CLI): add candidates
 * one at a time, then read the k best, best first, ties by index. */
typedef struct cordon_topk cordon_topk;
cordon_status cordon_topk_new(cordon_topk **out, size_t k, double threshold,
                              const cordon_allocator *alloc);
void cordon_topk_free(cordon_topk *t);
/* Offers (index, similarity); kept if >= threshold and among the k best. */
void cordon_topk_add(cordon_topk *t, size_t index, double similarity);
/* Sorts and returns the hits (borrowed until the next add/free); *n = count.
 */
const cordon_fp_hit *cordon_topk_result(cordon_topk *t, size_t *n);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_FP_H */
