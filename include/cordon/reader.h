/*
 * reader.h -- streaming molecule records from files, stdin or memory.
 *
 * One reader serves every subcommand: SMILES files ("SMILES[ws ID]" per
 * line), SDF/MOL (records ended by "$$$$"), InChI lines, plain or gzip
 * (zlib reads both transparently).  Memory use is bounded by the largest
 * record, whatever the file size.  A bad record is reported through err
 * (with err->record, err->line and err->offset within the record text) and
 * the next call carries on with the following record.
 */
#ifndef CORDON_READER_H
#define CORDON_READER_H

#include "cordon/common.h"
#include "cordon/mol.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cordon_format {
    CORDON_FMT_AUTO = 0, /* detect from the first non-blank bytes */
    CORDON_FMT_SMI,
    CORDON_FMT_SDF,  /* also a single MOL block */
    CORDON_FMT_INCHI /* "InChI=... [ID]" per line */
} cordon_format;

/* Parses "auto", "smi", "smiles", "sdf", "mol", "inchi"; -1 if unknown. */
int cordon_format_from_name(const char *name);

typedef struct cordon_reader cordon_reader;

typedef struct cordon_reader_opts {
    cordon_format format; /* default CORDON_FMT_AUTO */
    size_t max_record;    /* bytes; default 16 MiB -> CORDON_ELIMIT */
    int perceive;         /* default 1 */
} cordon_reader_opts;
#define CORDON_READER_OPTS_INIT                                                \
    {                                                                          \
        CORDON_FMT_AUTO, (size_t)16 << 20, 1                                   \
    }

/* Opens path ("-" = standard input).  opts may be NULL. */
cordon_status cordon_reader_open(cordon_reader **out, const char *path,
                                 const cordon_reader_opts *opts,
                                 const cordon_allocator *alloc,
                                 cordon_error *err);
/* Reads from a memory buffer, which must outlive the reader. */
cordon_status cordon_reader_open_mem(cordon_reader **out, const char *s,
                                     size_t len, const cordon_reader_opts *opts,
                                     const cordon_allocator *alloc,
                                     cordon_error *err);
void cordon_reader_free(cordon_reader *r);

/*
 * Reads the next record into mol (cleared first; its title is the record
 * id).  Returns CORDON_OK, CORDON_ENOTFOUND at end of input, or the status
 * of a bad record (the reader stays usable), or CORDON_EIO.
 */
cordon_status cordon_reader_next(cordon_reader *r, cordon_mol *mol,
                                 cordon_error *err);

/*
 * Frames the next record without parsing it (for pipelines that parse in
 * worker threads): afterwards the record_* accessors below describe it.
 * Returns CORDON_OK, CORDON_ENOTFOUND at end of input, CORDON_ELIMIT for a
 * record over opts.max_record (skipped; the next call carries on) or
 * CORDON_EIO.  Added by the screen pipeline (src/screen/).
 */
cordon_status cordon_reader_next_record(cordon_reader *r, cordon_error *err);

/* The last record: raw text (the SMILES/InChI token, or the whole MOL block
 * with its data items), id (SMILES id / SDF title, or the record number when
 * empty), 1-based number, 1-based first line.  Borrowed until the next call. */
const char *cordon_reader_record_text(const cordon_reader *r, size_t *len);
const char *cordon_reader_record_id(const cordon_reader *r);
size_t cordon_reader_record_number(const cordon_reader *r);
size_t cordon_reader_record_line(const cordon_reader *r);
/* The detected (or given) format. */
cordon_format cordon_reader_format(const cordon_reader *r);
/* Bytes consumed so far and total input size (0 if unknown, e.g. stdin or
 * gzip), for progress reports. */
uint64_t cordon_reader_bytes_read(const cordon_reader *r);
uint64_t cordon_reader_bytes_total(const cordon_reader *r);

#ifdef __cplusplus
}
#endif

#endif /* CORDON_READER_H */
