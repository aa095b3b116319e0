/* cmd_inspect.c -- 'cordon inspect': atoms and bonds as perceived, one JSON
 * object per input record.  See docs/man/cordon-inspect.md. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cordon/cordon.h"
#include "cordon/reader.h"

const char cmd_inspect_help[] =
    "usage: cordon inspect [--format FMT] [FILE...]\n"
    "\n"
    "Reads molecules (SMILES lines 'SMILES [ID]', SDF/MOL or InChI; plain or\n"
    "gzip) from each FILE, or standard input when none is given or FILE is\n"
    "'-', perceives them (implicit hydrogens, rings, aromaticity by RDKit's\n"
    "default model) and prints one JSON object a line, in input order:\n"
    "\n"
    "  {\"id\": ID, \"atoms\": [{\"symbol\": \"C\", \"charge\": 0, "
    "\"isotope\": 0,\n"
    "    \"h\": 3, \"aromatic\": false, \"in_ring\": false}, ...],\n"
    "   \"bonds\": [{\"begin\": 0, \"end\": 1, \"order\": \"single\"}, ...]}\n"
    "\n"
    "Atoms are in input order; \"h\" counts hydrogens that are not atoms of\n"
    "the graph; \"order\" is single, double, triple, quadruple, aromatic or\n"
    "zero.  A record that cannot be read gives\n"
    "\n"
    "  {\"id\": ID, \"error\": {\"message\": \"...\", \"offset\": N, "
    "\"record\": N}}\n"
    "\n"
    "(offset is the byte offset in the record text, or null) and the batch\n"
    "carries on.\n"
    "\n"
    "Options:\n"
    "  --format FMT   auto (default), smi, sdf or inchi\n"
    "  -h, --help     this text\n"
    "\n"
    "Exit status: 0 every record was read, 3 some records could not be read,\n"
    "2 usage or I/O error.\n";

static const char *order_name(int order)
{
    switch (order) {
    case CORDON_BOND_SINGLE:
        return "single";
    case CORDON_BOND_DOUBLE:
        return "double";
    case CORDON_BOND_TRIPLE:
        return "triple";
    case CORDON_BOND_QUADRUPLE:
        return "quadruple";
    case CORDON_BOND_AROMATIC:
        return "aromatic";
    default:
        return "zero";
    }
}

static void print_mol(FILE *out, const cordon_mol *mol, const char *id)
{
    int i, n = cordon_mol_num_atoms(mol), nb = cordon_mol_num_bonds(mol);
    fputs("{\"id\": ", out);
    cli_json_str(out, id);
    fputs(", \"atoms\": [", out);
    for (i = 0; i < n; i++) {
        unsigned f = cordon_mol_atom_flags(mol, i);
        fprintf(out,
                "%s{\"symbol\": \"%s\", \"charge\": %d, \"isotope\": %d, "
                "\"h\": %d, \"aromatic\": %s, \"in_ring\": %s}",
                i ? ", " : "",
                cordon_element_symbol(cordon_mol_atom_elem(mol, i)),
                cordon_mol_atom_charge(mol, i), cordon_mol_atom_isotope(mol, i),
                cordon_mol_atom_hcount(mol, i),
                (f & CORDON_ATOM_AROMATIC) ? "true" : "false",
                (f & CORDON_ATOM_IN_RING) ? "true" : "false");
    }
    fputs("], \"bonds\": [", out);
    for (i = 0; i < nb; i++)
        fprintf(out, "%s{\"begin\": %d, \"end\": %d, \"order\": \"%s\"}",
                i ? ", " : "", cordon_mol_bond_begin(mol, i),
                cordon_mol_bond_end(mol, i),
                order_name(cordon_mol_bond_order(mol, i)));
    fputs("]}\n", out);
}

static void print_error(FILE *out, const char *id, const cordon_error *e)
{
    fputs("{\"id\": ", out);
    cli_json_str(out, id);
    fputs(", \"error\": {\"message\": ", out);
    cli_json_str(out,
                 e->message[0] ? e->message : cordon_status_str(e->status));
    if (e->offset == (size_t)-1)
        fputs(", \"offset\": null", out);
    else
        fprintf(out, ", \"offset\": %zu", e->offset);
    fprintf(out, ", \"record\": %zu}}\n", e->record);
}

/* Runs one input; returns 0, CLI_EXIT_BADREC or CLI_EXIT_USAGE. */
static int inspect_file(const char *path, cordon_format fmt, cordon_mol *mol)
{
    cordon_reader *r = NULL;
    cordon_reader_opts ro = CORDON_READER_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    int rc, status = CLI_EXIT_OK;
    ro.format = fmt;
    if (cordon_reader_open(&r, path, &ro, NULL, &err) != CORDON_OK) {
        cli_warn("inspect", "%s: %s", path, err.message);
        return CLI_EXIT_USAGE;
    }
    for (;;) {
        cordon_error_clear(&err);
        rc = cordon_reader_next(r, mol, &err);
        if (rc == CORDON_ENOTFOUND)
            break;
        if (rc == CORDON_OK) {
            print_mol(stdout, mol, cordon_reader_record_id(r));
            continue;
        }
        if (rc == CORDON_EIO || rc == CORDON_ENOMEM) {
            cli_warn("inspect", "%s: %s", path, err.message);
            status = CLI_EXIT_USAGE;
            break;
        }
        print_error(stdout, cordon_reader_record_id(r), &err);
        status = CLI_EXIT_BADREC;
    }
    cordon_reader_free(r);
    return status;
}

int cmd_inspect(int argc, char **argv)
{
    cordon_format fmt = CORDON_FMT_AUTO;
    cordon_mol *mol = NULL;
    int i, first = 1, status = CLI_EXIT_OK, nfiles = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(cmd_inspect_help, stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
            const char *v =
                a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            int f = v ? cordon_format_from_name(v) : -1;
            if (f < 0)
                return cli_usage_error("inspect", "bad --format '%s'",
                                       v ? v : "");
            fmt = (cordon_format)f;
        } else if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("inspect", "unknown option '%s'", a);
        } else {
            break;
        }
    }
    first = i;
    if (cordon_mol_new(&mol, NULL) != CORDON_OK) {
        cli_warn("inspect", "out of memory");
        return CLI_EXIT_USAGE;
    }
    for (i = first; i < argc || (i == first && nfiles == 0); i++) {
        const char *path = i < argc ? argv[i] : "-";
        int rc = inspect_file(path, fmt, mol);
        nfiles++;
        if (rc == CLI_EXIT_USAGE)
            status = CLI_EXIT_USAGE;
        else if (rc == CLI_EXIT_BADREC && status == CLI_EXIT_OK)
            status = CLI_EXIT_BADREC;
    }
    cordon_mol_free(mol);
    if (fflush(stdout) != 0) {
        cli_warn("inspect", "cannot write output");
        return CLI_EXIT_USAGE;
    }
    return status;
}
