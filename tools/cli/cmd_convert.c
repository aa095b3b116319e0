/* cmd_convert.c -- 'cordon convert': molecules from SMILES, SDF/MOL or InChI
 * to SMILES or canonical SMILES (here) and MOL/SDF/InChI/InChIKey
 * (convert_molio.c).  See docs/man/cordon-convert.md. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "convert_molio.h"
#include "cordon/cordon.h"
#include "cordon/reader.h"

const char cmd_convert_help[] =
    "usage: cordon convert --to FMT [--from FMT] [options] [FILE...]\n"
    "\n"
    "Reads molecules (SMILES lines 'SMILES [ID]', SDF/MOL or InChI; plain or\n"
    "gzip) from each FILE, or standard input when none is given or FILE is\n"
    "'-', and writes them in input order, one record per input record:\n"
    "\n"
    "  smi        'SMILES ID' lines, atoms in input order\n"
    "  can        'SMILES ID' lines, canonical SMILES: the same string for\n"
    "             the same molecule whatever the input atom order, stereo\n"
    "             kept (docs/canonical-smiles.md)\n"
    "  mol, sdf   MOL block / SDF records\n"
    "  inchi      'InChI ID' lines;  inchikey: 'InChIKey ID' lines\n"
    "\n"
    "A record that cannot be read or written prints one line on standard\n"
    "error:\n"
    "  cordon convert: FILE: record N (id ID): MESSAGE\n"
    "and, for smi and can, the line ' ID' (an empty SMILES, as in the\n"
    "NextMove SMILES benchmark files) so output lines stay one per input\n"
    "record; the batch carries on.\n"
    "\n"
    "Options:\n"
    "  --to FMT       smi, can, mol, sdf, inchi or inchikey (required)\n"
    "  --from FMT     auto (default), smi, sdf or inchi\n"
    "  --parent       convert the parent form (largest fragment, neutralised)\n"
    "  --kekule       SMILES with Kekulé bonds, no lower-case atoms\n"
    "  --no-stereo    SMILES without tetrahedral and E/Z marks\n"
    "  -h, --help     this text\n"
    "\n"
    "Exit status: 0 every record was converted, 3 some records could not be\n"
    "read or written, 2 usage or I/O error.\n";

/* Output formats: SMILES ones here, the others in convert_molio.c. */
typedef enum out_format {
    OUT_SMI,
    OUT_CAN,
    OUT_MOL,
    OUT_SDF,
    OUT_INCHI,
    OUT_INCHIKEY
} out_format;

typedef struct convert {
    out_format to;
    cordon_format from;
    unsigned smiles_flags;
    int parent;
    cordon_mol *mol;
    cordon_smiles_writer *sw;
    molio_out *mo;
} convert;

static int parse_to(const char *name, out_format *to)
{
    if (!strcmp(name, "smi") || !strcmp(name, "smiles"))
        *to = OUT_SMI;
    else if (!strcmp(name, "can"))
        *to = OUT_CAN;
    else
        switch (molio_output_format(name)) {
        case MOLIO_TO_MOL:
            *to = OUT_MOL;
            break;
        case MOLIO_TO_SDF:
            *to = OUT_SDF;
            break;
        case MOLIO_TO_INCHI:
            *to = OUT_INCHI;
            break;
        case MOLIO_TO_INCHIKEY:
            *to = OUT_INCHIKEY;
            break;
        default:
            return -1;
        }
    return 0;
}

static int molio_fmt(out_format to)
{
    switch (to) {
    case OUT_MOL:
        return MOLIO_TO_MOL;
    case OUT_SDF:
        return MOLIO_TO_SDF;
    case OUT_INCHI:
        return MOLIO_TO_INCHI;
    case OUT_INCHIKEY:
        return MOLIO_TO_INCHIKEY;
    default:
        return MOLIO_TO_NONE;
    }
}

/* Writes one perceived record; returns its status (err filled). */
static int write_record(convert *c, cordon_reader *r, const cordon_mol *mol,
                        cordon_error *err)
{
    const char *id = cordon_reader_record_id(r), *smi, *text;
    size_t len;
    int rc;
    switch (c->to) {
    case OUT_SMI:
    case OUT_CAN:
        rc = cordon_smiles_write(
            c->sw, mol,
            c->smiles_flags | (c->to == OUT_CAN ? CORDON_SMILES_CANONICAL : 0u),
            &smi, &len, err);
        if (rc == CORDON_OK) {
            fwrite(smi, 1, len, stdout);
            putchar(' ');
            fputs(id, stdout);
            putchar('\n');
        }
        return rc;
    case OUT_MOL:
    case OUT_SDF:
    case OUT_INCHI:
    case OUT_INCHIKEY:
        text = cordon_reader_record_text(r, &len);
        return molio_write(c->mo, stdout, molio_fmt(c->to), mol, id, text, len,
                           cordon_reader_format(r) == CORDON_FMT_SDF, c->parent,
                           err);
    }
    return CORDON_EINVAL;
}

static void report(const char *path, cordon_reader *r, const cordon_error *e)
{
    char where[64] = "";
    if (e->offset != (size_t)-1 && !strstr(e->message, "offset"))
        snprintf(where, sizeof where, " at offset %zu", e->offset);
    cli_warn("convert", "%s: record %zu (id %s): %s%s", path,
             e->record ? e->record : cordon_reader_record_number(r),
             cordon_reader_record_id(r),
             e->message[0] ? e->message : cordon_status_str(e->status), where);
}

/* Runs one input; returns 0, CLI_EXIT_BADREC or CLI_EXIT_USAGE. */
static int convert_file(convert *c, const char *path)
{
    cordon_reader *r = NULL;
    cordon_reader_opts ro = CORDON_READER_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    int rc, status = CLI_EXIT_OK;
    ro.format = c->from;
    if (cordon_reader_open(&r, path, &ro, NULL, &err) != CORDON_OK) {
        cli_warn("convert", "%s: %s", path, err.message);
        return CLI_EXIT_USAGE;
    }
    for (;;) {
        cordon_mol *parent = NULL;
        int written = 0;
        cordon_error_clear(&err);
        rc = cordon_reader_next(r, c->mol, &err);
        if (rc == CORDON_ENOTFOUND)
            break;
        if (rc == CORDON_EIO || rc == CORDON_ENOMEM) {
            cli_warn("convert", "%s: %s", path, err.message);
            status = CLI_EXIT_USAGE;
            break;
        }
        /* InChI of an SDF record comes from the record itself (the InChI
         * library perceives it), so a valence cordon rejects is no bar */
        if (rc == CORDON_ECHEM && !c->parent &&
            (c->to == OUT_INCHI || c->to == OUT_INCHIKEY) &&
            cordon_reader_format(r) == CORDON_FMT_SDF) {
            cordon_error_clear(&err);
            rc = write_record(c, r, c->mol, &err);
            written = 1;
        }
        if (rc == CORDON_OK && c->parent)
            rc = molio_parent(&parent, c->mol, &err);
        if (rc == CORDON_OK && !written)
            rc = write_record(c, r, parent ? parent : c->mol, &err);
        cordon_mol_free(parent);
        if (rc != CORDON_OK) {
            report(path, r, &err);
            if (c->to == OUT_SMI || c->to == OUT_CAN) {
                putchar(' ');
                fputs(cordon_reader_record_id(r), stdout);
                putchar('\n');
            }
            status = CLI_EXIT_BADREC;
        }
    }
    cordon_reader_free(r);
    return status;
}

static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n))
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] == '\0')
        return *i + 1 < argc ? argv[++*i] : "";
    return NULL;
}

int cmd_convert(int argc, char **argv)
{
    convert c;
    int i, first, status = CLI_EXIT_OK, have_to = 0;
    memset(&c, 0, sizeof c);
    c.from = CORDON_FMT_AUTO;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(cmd_convert_help, stdout);
            return CLI_EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--to")) != NULL) {
            if (parse_to(v, &c.to) < 0)
                return cli_usage_error("convert", "bad --to '%s'", v);
            have_to = 1;
        } else if ((v = opt_value(argc, argv, &i, "--from")) != NULL) {
            int f = cordon_format_from_name(v);
            if (f < 0)
                return cli_usage_error("convert", "bad --from '%s'", v);
            c.from = (cordon_format)f;
        } else if (!strcmp(a, "--parent")) {
            c.parent = 1;
        } else if (!strcmp(a, "--kekule")) {
            c.smiles_flags |= CORDON_SMILES_KEKULE;
        } else if (!strcmp(a, "--no-stereo")) {
            c.smiles_flags |= CORDON_SMILES_NO_STEREO;
        } else if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("convert", "unknown option '%s'", a);
        } else {
            break;
        }
    }
    if (!have_to)
        return cli_usage_error("convert", "--to is required");
    first = i;
    if (cordon_mol_new(&c.mol, NULL) != CORDON_OK ||
        cordon_smiles_writer_new(&c.sw, NULL) != CORDON_OK ||
        molio_out_new(&c.mo) != CORDON_OK) {
        cli_warn("convert", "out of memory");
        status = CLI_EXIT_USAGE;
        goto done;
    }
    for (i = first; i < argc || i == first; i++) {
        int rc = convert_file(&c, i < argc ? argv[i] : "-");
        if (rc == CLI_EXIT_USAGE)
            status = CLI_EXIT_USAGE;
        else if (rc == CLI_EXIT_BADREC && status == CLI_EXIT_OK)
            status = CLI_EXIT_BADREC;
    }
    if (fflush(stdout) != 0) {
        cli_warn("convert", "cannot write output");
        status = CLI_EXIT_USAGE;
    }
done:
    molio_out_free(c.mo);
    cordon_smiles_writer_free(c.sw);
    cordon_mol_free(c.mol);
    return status;
}
