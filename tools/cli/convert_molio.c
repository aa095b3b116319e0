/* convert_molio.c -- MOL/SDF/InChI output of 'cordon convert' (see
 * convert_molio.h and docs/molfile.md). */
#include <stdlib.h>
#include <string.h>

#include "convert_molio.h"
#include "cordon/inchi.h"
#include "cordon/molfile.h"
#include "cordon/normalize.h"

struct molio_out {
    cordon_molfile_writer *w;
    char buf[65536];
};

int molio_output_format(const char *name)
{
    if (!strcmp(name, "mol"))
        return MOLIO_TO_MOL;
    if (!strcmp(name, "sdf") || !strcmp(name, "sd"))
        return MOLIO_TO_SDF;
    if (!strcmp(name, "inchi"))
        return MOLIO_TO_INCHI;
    if (!strcmp(name, "inchikey"))
        return MOLIO_TO_INCHIKEY;
    return MOLIO_TO_NONE;
}

int molio_out_new(molio_out **out)
{
    molio_out *o = calloc(1, sizeof *o);
    *out = NULL;
    if (!o)
        return CORDON_ENOMEM;
    if (cordon_molfile_writer_new(&o->w, NULL) != CORDON_OK) {
        free(o);
        return CORDON_ENOMEM;
    }
    *out = o;
    return CORDON_OK;
}

void molio_out_free(molio_out *o)
{
    if (!o)
        return;
    cordon_molfile_writer_free(o->w);
    free(o);
}

/* The record as read, up to and including "M  END" (mol) or whole (sdf). */
static void copy_record(FILE *f, const char *text, size_t len, int sdf)
{
    size_t pos = 0;
    while (pos < len) {
        const char *l = text + pos, *nl = memchr(l, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - l) : len - pos;
        fwrite(l, 1, ll, f);
        fputc('\n', f);
        pos += ll + (nl ? 1 : 0);
        if (!sdf && ll >= 6 && !memcmp(l, "M  END", 6))
            return;
    }
    if (sdf)
        fputs("$$$$\n", f);
}

int molio_write(molio_out *o, FILE *f, int fmt, const cordon_mol *mol,
                const char *id, const char *text, size_t len, int from_sdf,
                int parent, cordon_error *err)
{
    const char *out;
    size_t n;
    int rc;
    char key[CORDON_INCHIKEY_LEN + 1];
    switch (fmt) {
    case MOLIO_TO_MOL:
    case MOLIO_TO_SDF:
        if (from_sdf && !parent) {
            copy_record(f, text, len, fmt == MOLIO_TO_SDF);
            return CORDON_OK;
        }
        rc = cordon_molfile_write(o->w, mol,
                                  fmt == MOLIO_TO_SDF ? CORDON_MOLFILE_SDF : 0u,
                                  &out, &n, err);
        if (rc == CORDON_OK)
            fwrite(out, 1, n, f);
        return rc;
    case MOLIO_TO_INCHI:
    case MOLIO_TO_INCHIKEY:
        if (from_sdf && !parent)
            rc = cordon_inchi_from_molfile(text, len, 0, o->buf, sizeof o->buf,
                                           &n, err);
        else
            rc = cordon_mol_inchi(mol, 0, o->buf, sizeof o->buf, &n, err);
        if (rc == CORDON_OK && fmt == MOLIO_TO_INCHIKEY)
            rc = cordon_inchi_key(o->buf, n, key, err);
        if (rc == CORDON_OK)
            fprintf(f, "%s %s\n", fmt == MOLIO_TO_INCHI ? o->buf : key, id);
        return rc;
    default:
        return CORDON_EINVAL;
    }
}

int molio_parent(cordon_mol **out, const cordon_mol *mol, cordon_error *err)
{
    return cordon_mol_normalize(out, mol, CORDON_NORM_PARENT, err);
}
