/*
 * perceive_int.h -- pieces shared by the perception files of src/mol/
 * (valence.c, rings.c, kekulize.c, aromaticity.c, perceive.c).  Element
 * data and the rules follow RDKit 2022.09's defaults; docs/perception.md
 * gives the sources.
 */
#ifndef CORDON_PERCEIVE_INT_H
#define CORDON_PERCEIVE_INT_H

#include "mol/mol_int.h"

/* Scratch slots of cordon__mol_work used by perception (slot 0 is the
 * readers'). */
enum {
    WORK_RING_A = 1,
    WORK_RING_B = 2,
    WORK_RING_C = 3,
    WORK_RING_D = 4,
    WORK_KEKULE = 5,
    WORK_AROM = 6,
    WORK_AROM_B = 7,
    /* per-atom bond sums (BOND_SUM_*), written by valence and read by
     * kekulize, before aromaticity takes the slot */
    WORK_BOND_SUM = 7
};

/* A bond sum: twice the bond valence (aromatic = 3) in the low 32 bits,
 * the number of aromatic bonds in bits 32-47, of zero-order bonds in bits
 * 48-63.  Valence (or, before it, the SMILES reader: see
 * CORDON__PERCEIVED_BOND_SUMS) writes one per atom (natoms + 1 entries,
 * the last one 0).  Kekulize keeps the valence current as it turns
 * aromatic bonds into single and double ones, for aromatize; there the
 * aromatic count is the number of double bonds kekulize gave the atom
 * (BOND_SUM_KEKDBL), and the last entry is BOND_SUM_F_OUTSIDE when one of
 * those bonds is in no ring of the set (ring perception's cap on rings per
 * system), ORed with BOND_SUM_F_BRACKET from valence. */
#define BOND_SUM_VAL2(x) ((int)(uint32_t)(x))
#define BOND_SUM_AROM(x) ((int)(((x) >> 32) & 0xffffu))
#define BOND_SUM_ZERO(x) ((int)((x) >> 48))
#define BOND_SUM_AROM_ONE ((uint64_t)1 << 32)
#define BOND_SUM_ZERO_ONE ((uint64_t)1 << 48)
#define BOND_SUM_KEKDBL(x) BOND_SUM_AROM(x)
#define BOND_SUM_F_OUTSIDE 1u
#define BOND_SUM_F_BRACKET                                                     \
    2u /* an atom with a fixed H count may take radicals */
#define BOND_SUM_F_ABOVE                                                       \
    4u /* an aromatic atom of several allowed                                  \
          valences is above its default one */

/* What one bond adds to each of its atoms' sums, by order (zero to
 * quadruple, aromatic). */
static const uint64_t cordon__bond_sum_tab[CORDON_BOND_AROMATIC + 1] = {
    BOND_SUM_ZERO_ONE, 2, 4, 6, 8, 3 + BOND_SUM_AROM_ONE};

/* mol->perceived bit: the WORK_BOND_SUM slot holds the bond sums of the
 * molecule's bonds, and its atoms and bonds have no ring fields set (ring
 * counts 0, no IN_RING flag).
 * Set by the SMILES reader, which counts them as it adds bonds, right
 * before it calls perception; valence uses and clears it. */
#define CORDON__PERCEIVED_BOND_SUMS 0x80u

/* Element data (RDKit atomic_data.cpp), in valence.c: allowed valences
 * ascending (a last -1: any higher one too; {-1}: no rules, metals) and
 * outer-shell electrons, by atomic number. */
typedef struct cordon__valence_list {
    signed char n, v[4];
} cordon__valence_list;
extern const cordon__valence_list cordon__valence_tab[119];
extern const unsigned char cordon__outer_tab[119];

/* Outer-shell electrons. */
static inline int cordon__elem_outer(int elem)
{
    return cordon__outer_tab[elem];
}

/* -1: no rule (metals). */
static inline int cordon__elem_default_valence(int elem)
{
    return cordon__valence_tab[elem].v[0];
}

/* RDKit isEarlyAtom: fewer than four outer electrons. */
static inline int cordon__elem_early(int elem)
{
    return elem > 0 && cordon__outer_tab[elem] < 4;
}

/* The charge as it shifts allowed valences (RDKit: negated for early atoms,
 * and a positive charge on carbon counts as negative, GitHub #539). */
static inline int cordon__valence_charge(int elem, int charge)
{
    if (cordon__elem_early(elem))
        charge = -charge;
    if (elem == 6 && charge > 0)
        charge = -charge;
    return charge;
}

/* MolOps::assignRadicals: radicals on atoms with a fixed H count; sum:
 * the bond sums as kekulize leaves them. */
void cordon__mol_assign_radicals(cordon_mol *mol, const uint64_t *sum);
/* Implicit hydrogens of the atoms written aromatic that aromaticity left
 * non-aromatic, again from their Kekulé bonds by the non-aromatic rule
 * (RDKit: c1c#p#C[se]c1 gives [PH]).  Only atoms above their default
 * valence (BOND_SUM_F_ABOVE) can change. */
void cordon__mol_kekule_hydrogens(cordon_mol *mol);

#endif /* CORDON_PERCEIVE_INT_H */
