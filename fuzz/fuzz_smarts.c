/*
 * fuzz_smarts.c -- libFuzzer target for the SMARTS compiler (src/smarts/).
 * The input is one SMARTS; a compiled query is also asked for its
 * accessors, so every derived table (adjacency, order, element hints) is
 * read once.
 */
#include <stdint.h>
#include <string.h>

#include "cordon/smarts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cordon_query *q = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    int i, j;
    if (cordon_smarts_compile(&q, (const char *)data, size, NULL, NULL, &err) !=
        CORDON_OK)
        return 0;
    for (i = 0; i < cordon_query_num_atoms(q); i++) {
        (void)cordon_query_atom_map(q, i);
        (void)cordon_query_atom_elem(q, i);
        (void)cordon_query_atom_group(q, i);
        for (j = 0; j < cordon_query_atom_degree(q, i); j++)
            (void)cordon_query_atom_nbr(q, i, j);
    }
    for (i = 0; i < cordon_query_num_bonds(q); i++)
        (void)(cordon_query_bond_begin(q, i) + cordon_query_bond_end(q, i));
    (void)strlen(cordon_query_smarts(q));
    cordon_query_free(q);
    return 0;
}
