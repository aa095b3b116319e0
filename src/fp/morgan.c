/*
 * morgan.c -- Morgan fingerprint, radius 2, 2048 bits, made as RDKit's
 * GetMorganFingerprintAsBitVect(mol, 2, nBits=2048) with default
 * connectivity invariants (RDKit Code/GraphMol/Fingerprints/
 * MorganFingerprints.cpp, 2022.09; docs/fingerprints.md §2).
 *
 * Hashing is boost's hash_combine as copied into RDKit (gboost):
 *   seed ^= value + 0x9e3779b9 + (seed << 6) + (seed >> 2)
 * on a 32-bit seed for the atom invariants (hash of the vector of
 * components) and the per-layer invariants, and on a 64-bit seed for the
 * (bond type, neighbour invariant) pairs (boost's hash of std::pair).
 */
#include <stdlib.h>
#include <string.h>

#include "cordon/fp.h"
#include "mol/mol_int.h"

#define MORGAN_RADIUS 2

static void combine64(uint64_t *seed, uint64_t v)
{
    *seed ^= v + 0x9e3779b9ULL + (*seed << 6) + (*seed >> 2);
}

static void combine32(uint32_t *seed, uint64_t v)
{
    uint32_t s = *seed;
    s ^= (uint32_t)(v + 0x9e3779b9ULL + (uint32_t)(s << 6) + (s >> 2));
    *seed = s;
}

/* RDKit Bond::BondType numbering. */
static uint32_t rdkit_bond_type(int order)
{
    switch (order) {
    case CORDON_BOND_SINGLE:
        return 1;
    case CORDON_BOND_DOUBLE:
        return 2;
    case CORDON_BOND_TRIPLE:
        return 3;
    case CORDON_BOND_QUADRUPLE:
        return 4;
    case CORDON_BOND_AROMATIC:
        return 12;
    default:
        return 21; /* ZERO */
    }
}

/* RDKit's delta mass, (int)(isotope mass - average atomic weight), from
 * RDKit 2022.09's own tables (PeriodicTable::getMassForIsotope and
 * getAtomicWeight) for the isotopes met in practice; pairs not listed give
 * 0, as do the listed ones whose difference truncates to 0. */
static const struct {
    int16_t elem, isotope, delta;
} delta_table[] = {
    {1, 2, 1},     {1, 3, 2},     {6, 14, 1},    {7, 13, -1},   {8, 17, 1},
    {8, 18, 2},    {11, 24, 1},   {14, 30, 1},   {15, 33, 1},   {16, 34, 1},
    {16, 35, 2},   {16, 36, 3},   {17, 37, 1},   {19, 42, 2},   {20, 45, 4},
    {24, 51, -1},  {26, 59, 3},   {27, 57, -1},  {27, 60, 1},   {31, 67, -2},
    {31, 68, -1},  {34, 75, -4},  {34, 77, -2},  {35, 76, -3},  {35, 77, -2},
    {35, 81, 1},   {35, 82, 2},   {36, 81, -2},  {37, 82, -3},  {38, 89, 1},
    {39, 90, 1},   {40, 89, -2},  {49, 111, -3}, {53, 123, -3}, {53, 124, -2},
    {53, 125, -1}, {53, 131, 4},  {54, 127, -4}, {54, 129, -2}, {54, 133, 1},
    {55, 137, 4},  {56, 133, -4}, {62, 153, 2},  {65, 161, 2},  {67, 166, 1},
    {68, 169, 1},  {71, 177, 1},  {75, 188, 1},  {79, 198, 1},  {80, 197, -3},
    {81, 201, -3}, {82, 212, 4},  {83, 213, 4},  {88, 223, -2}, {89, 225, -1}};

static int delta_mass(int elem, int isotope)
{
    size_t i;
    if (isotope == 0)
        return 0;
    for (i = 0; i < sizeof delta_table / sizeof *delta_table; i++)
        if (delta_table[i].elem == elem && delta_table[i].isotope == isotope)
            return delta_table[i].delta;
    return 0;
}

typedef struct env {
    uint64_t hash; /* of the neighbourhood bond set */
    uint32_t invar;
    int atom;
    int round;
} env;

static int env_cmp(const void *a, const void *b)
{
    const env *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    if (x->invar != y->invar)
        return x->invar < y->invar ? -1 : 1;
    return x->atom - y->atom;
}

static int nbr_cmp(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    return *x < *y ? -1 : *x > *y;
}

static void set_bit(cordon_morganfp *fp, uint32_t h)
{
    h %= CORDON_MORGAN_BITS;
    fp->w[h / 64] |= (uint64_t)1 << (h % 64);
}

static uint64_t bits_hash(const uint64_t *w, size_t nw)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < nw; i++) {
        h ^= w[i];
        h *= 1099511628211ULL;
        h ^= h >> 31;
    }
    return h;
}

cordon_status cordon_fp_morgan(cordon_morganfp *out, const cordon_mol *mol,
                               cordon_error *err)
{
    int n, nb, i, j, layer, rc = CORDON_OK;
    size_t nw, nprev = 0;
    uint32_t *cur = NULL, *next = NULL;
    uint64_t *nh = NULL, *nh_next = NULL, *nbrs = NULL;
    env *envs = NULL, *prev = NULL;
    unsigned char *dead = NULL;
    const cordon_allocator *al;
    memset(out, 0, sizeof *out);
    if (!mol || (mol->natoms > 0 && !(mol->perceived & CORDON_PERCEIVED_RINGS)))
        return cordon__error(err, CORDON_EINVAL, (size_t)-1,
                             "molecule not perceived");
    al = mol->alloc;
    n = mol->natoms;
    nb = mol->nbonds;
    if (n == 0)
        return CORDON_OK;
    nw = ((size_t)nb + 63) / 64 + 1;
    cur = cordon__malloc(al, sizeof *cur * (size_t)n);
    next = cordon__malloc(al, sizeof *next * (size_t)n);
    nh = cordon__calloc(al, (size_t)n * nw, sizeof *nh);
    nh_next = cordon__calloc(al, (size_t)n * nw, sizeof *nh_next);
    nbrs = cordon__malloc(al, sizeof *nbrs * (size_t)(2 * nb + 1));
    envs = cordon__malloc(al, sizeof *envs * (size_t)n);
    prev = cordon__malloc(al, sizeof *prev * (size_t)n * MORGAN_RADIUS);
    dead = cordon__calloc(al, (size_t)n, 1);
    if (!cur || !next || !nh || !nh_next || !nbrs || !envs || !prev || !dead) {
        rc = cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
        goto done;
    }
    for (i = 0; i < n; i++) {
        const cordon_atom *a = &mol->atoms[i];
        int deg = mol->nbr_start[i + 1] - mol->nbr_start[i];
        int h = cordon__atom_hcount(a), hn = h, k;
        uint32_t seed = 0;
        /* RDKit: getTotalNumHs(true) counts [2H]/[3H] neighbours too */
        for (k = mol->nbr_start[i]; k < mol->nbr_start[i + 1]; k++)
            hn += mol->atoms[mol->nbrs[k].atom].elem == 1;
        combine32(&seed, a->elem);
        combine32(&seed, (uint32_t)(deg + h));
        combine32(&seed, (uint32_t)hn);
        combine32(&seed, (uint32_t)(int32_t)a->charge);
        combine32(&seed, (uint32_t)delta_mass(a->elem, a->isotope));
        if (a->ring_count)
            combine32(&seed, 1);
        cur[i] = seed;
        set_bit(out, cur[i]);
    }
    for (layer = 0; layer < MORGAN_RADIUS; layer++) {
        int ne = 0;
        for (i = 0; i < n; i++) {
            int nn = 0, deg = mol->nbr_start[i + 1] - mol->nbr_start[i];
            uint32_t invar = (uint32_t)layer;
            uint64_t *mine = nh_next + (size_t)i * nw;
            /* a dead atom keeps its bond set and passes invariant 0 on
             * (RDKit: nextLayerInvariants is zero-initialised) */
            memcpy(mine, nh + (size_t)i * nw, nw * sizeof *mine);
            next[i] = 0;
            if (deg == 0)
                dead[i] = 1;
            if (dead[i])
                continue;
            for (j = mol->nbr_start[i]; j < mol->nbr_start[i + 1]; j++) {
                int o = mol->nbrs[j].atom, b = mol->nbrs[j].bond;
                const uint64_t *theirs = nh + (size_t)o * nw;
                size_t w;
                mine[b / 64] |= (uint64_t)1 << (b % 64);
                for (w = 0; w < nw; w++)
                    mine[w] |= theirs[w];
                nbrs[nn++] =
                    ((uint64_t)rdkit_bond_type(mol->bonds[b].order) << 32) |
                    cur[o];
            }
            qsort(nbrs, (size_t)nn, sizeof *nbrs, nbr_cmp);
            combine32(&invar, cur[i]);
            for (j = 0; j < nn; j++) {
                uint64_t ph = 0;
                combine64(&ph, nbrs[j] >> 32);
                combine64(&ph, nbrs[j] & 0xffffffffULL);
                combine32(&invar, ph);
            }
            next[i] = invar;
            envs[ne].hash = bits_hash(mine, nw);
            envs[ne].invar = invar;
            envs[ne].atom = i;
            ne++;
        }
        /* RDKit sorts the round's environments and keeps the first of each
         * bond set not seen before; equal sets: smallest invariant first. */
        qsort(envs, (size_t)ne, sizeof *envs, env_cmp);
        for (i = 0; i < ne; i++) {
            const uint64_t *mine = nh_next + (size_t)envs[i].atom * nw;
            int seen = 0;
            size_t k;
            for (k = 0; k < nprev && !seen; k++) {
                const uint64_t *buf = prev[k].round == layer ? nh_next : nh;
                seen = prev[k].hash == envs[i].hash &&
                       !memcmp(buf + (size_t)prev[k].atom * nw, mine,
                               nw * sizeof *mine);
            }
            if (seen) {
                dead[envs[i].atom] = 1;
                continue;
            }
            set_bit(out, envs[i].invar);
            envs[i].round = layer;
            prev[nprev++] = envs[i];
        }
        {
            uint32_t *t = cur;
            uint64_t *u = nh;
            cur = next;
            next = t;
            nh = nh_next;
            nh_next = u;
        }
    }
done:
    cordon__free(al, cur);
    cordon__free(al, next);
    cordon__free(al, nh);
    cordon__free(al, nh_next);
    cordon__free(al, nbrs);
    cordon__free(al, envs);
    cordon__free(al, prev);
    cordon__free(al, dead);
    return rc;
}
