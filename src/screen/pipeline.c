/*
 * pipeline.c -- the streaming screen: reader -> batches -> workers ->
 * ordered writer.
 *
 * The calling thread frames records (cordon_reader_next_record: framing
 * only, no parsing) into batches of up to batch_records records, hands them
 * to worker threads through a ring of `window` batches, and writes finished
 * batches strictly in ring order, so output follows input order.  When the
 * ring is full the caller waits for the oldest batch: memory is bounded by
 * window x (batch text + batch output) whatever the input size.  Workers
 * own their molecule and verdict objects (cordon_screen_ctx); the compiled
 * screen is shared read-only.
 *
 * With one thread the caller does everything inline (no thread is
 * started), which is also what the per-core benchmark measures.
 */
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "screen/screen_int.h"

#define BATCH_TEXT_MAX ((size_t)1 << 20) /* close a batch after 1 MiB */

enum { B_FREE = 0, B_FILLED, B_TAKEN, B_DONE };

struct brec {
    size_t text_off, text_len, id_off, id_len, msg_off;
    uint64_t number;
    size_t line;
    int status;
};

struct batch {
    cordon_buf in; /* record texts, ids and framing messages */
    struct brec *recs;
    size_t nrec, cap;
    cordon_buf out;
    uint64_t records, controlled, unreadable;
    uint64_t by_jur[SCREEN_MAX_JUR];
    int state;
    int rc; /* CORDON_ENOMEM from a worker */
};

struct pipe {
    const cordon_screen *s;
    cordon_format fmt;
    struct batch *ring;
    size_t nring;
    size_t head, take, tail; /* fill / work / write counters (mod nring) */
    int quit;
    int writer_waits; /* the caller sleeps on done_cv for ring[tail] */
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void batch_reset(struct batch *b)
{
    cordon__buf_reset(&b->in);
    cordon__buf_reset(&b->out);
    b->nrec = 0;
    b->records = b->controlled = b->unreadable = 0;
    memset(b->by_jur, 0, sizeof b->by_jur);
    b->rc = CORDON_OK;
}

static void batch_free(const cordon_allocator *a, struct batch *b)
{
    cordon__buf_free(&b->in);
    cordon__buf_free(&b->out);
    cordon__free(a, b->recs);
}

/* Frames up to batch_records records into b.  Returns 1 if the input goes
 * on, 0 at its end, CORDON_EIO / CORDON_ENOMEM on failure. */
static int batch_fill(const cordon_screen *s, cordon_reader *r, struct batch *b,
                      cordon_error *err)
{
    size_t max = s->opts.batch_records ? s->opts.batch_records : 256;
    /* the reader writes e only for a bad record; it is cleared after one */
    cordon_error e = CORDON_ERROR_INIT;
    while (b->nrec < max && b->in.len < BATCH_TEXT_MAX) {
        struct brec *br;
        const char *t, *id, *msg;
        char *o;
        size_t tl, ml;
        int rc = cordon_reader_next_record(r, &e);
        if (rc == CORDON_ENOTFOUND)
            return 0;
        if (rc == CORDON_EIO) {
            if (err)
                *err = e;
            return CORDON_EIO;
        }
        if (b->nrec == b->cap &&
            cordon__grow(s->alloc, (void **)&b->recs, sizeof *b->recs, &b->cap,
                         b->nrec + 1))
            return CORDON_ENOMEM;
        br = &b->recs[b->nrec++];
        memset(br, 0, sizeof *br);
        br->status = rc;
        br->number = cordon_reader_record_number(r);
        br->line = cordon_reader_record_line(r);
        tl = 0;
        t = id = msg = "";
        if (rc == CORDON_OK) {
            t = cordon_reader_record_text(r, &tl);
            id = cordon_reader_record_id(r);
        } else {
            msg = e.message;
        }
        br->text_len = tl;
        br->id_len = strlen(id);
        ml = strlen(msg);
        /* text, id and message, each NUL-terminated, in one append */
        if (!(o = cordon__buf_extend(&b->in, tl + br->id_len + ml + 3)))
            return CORDON_ENOMEM;
        br->text_off = (size_t)(o - b->in.data);
        br->id_off = br->text_off + tl + 1;
        br->msg_off = br->id_off + br->id_len + 1;
        memcpy(o, t, tl);
        o[tl] = '\0';
        memcpy(o + tl + 1, id, br->id_len);
        o[tl + 1 + br->id_len] = '\0';
        memcpy(o + br->msg_off - br->text_off, msg, ml);
        o[br->msg_off - br->text_off + ml] = '\0';
        if (rc != CORDON_OK)
            cordon_error_clear(&e);
    }
    return 1;
}

/* Runs every record of b through c; output into b->out.  The counters are
 * kept in locals and stored once: with threads, the caller is meanwhile
 * filling the next batch of the ring, whose fields may share a cache line
 * with this one's. */
static void batch_process(cordon_screen_ctx *c, cordon_format fmt,
                          struct batch *b)
{
    uint64_t by_jur[SCREEN_MAX_JUR] = {0}, controlled_n = 0, bad_n = 0;
    size_t i;
    int k;
    for (i = 0; i < b->nrec; i++) {
        const struct brec *br = &b->recs[i];
        screen_rec r;
        int controlled = 0, bad = 0, written = 0;
        r.text = b->in.data + br->text_off;
        r.len = br->text_len;
        r.id = b->in.data + br->id_off;
        r.id_len = br->id_len;
        r.number = br->number;
        r.line = br->line;
        r.status = br->status;
        r.msg = b->in.data + br->msg_off;
        if (screen__record(c, fmt, &r, &b->out, &controlled, &bad, &written)) {
            b->rc = CORDON_ENOMEM;
            break;
        }
        controlled_n += (uint64_t)controlled;
        for (k = 0; c->hit_mask >> k; k++)
            by_jur[k] += (c->hit_mask >> k) & 1u;
        bad_n += (uint64_t)bad;
    }
    b->records += i;
    b->controlled += controlled_n;
    b->unreadable += bad_n;
    for (k = 0; k < SCREEN_MAX_JUR; k++)
        b->by_jur[k] += by_jur[k];
}

struct worker {
    struct pipe *p;
    cordon_screen_ctx *ctx;
    pthread_t tid;
    int started;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct pipe *p = w->p;
    for (;;) {
        struct batch *b;
        pthread_mutex_lock(&p->mu);
        while (!p->quit && p->ring[p->take % p->nring].state != B_FILLED)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->ring[p->take % p->nring].state != B_FILLED) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        b = &p->ring[p->take % p->nring];
        b->state = B_TAKEN;
        p->take++;
        pthread_mutex_unlock(&p->mu);
        batch_process(w->ctx, p->fmt, b);
        pthread_mutex_lock(&p->mu);
        b->state = B_DONE;
        /* the caller waits only for the oldest batch (output order) */
        if (p->writer_waits && b == &p->ring[p->tail % p->nring])
            pthread_cond_signal(&p->done_cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

static void add_stats(cordon_screen_stats *st, const struct batch *b,
                      cordon_reader *r, double t0)
{
    int k;
    st->records += b->records;
    st->controlled += b->controlled;
    for (k = 0; k < SCREEN_MAX_JUR && k < 32; k++)
        st->by_jurisdiction[k] += b->by_jur[k];
    st->unreadable += b->unreadable;
    st->bytes_read = cordon_reader_bytes_read(r);
    st->bytes_total = cordon_reader_bytes_total(r);
    st->elapsed = now_s() - t0;
}

/* Writes batch b (done) and recycles it. */
static int batch_flush(struct batch *b, cordon_screen_write_fn wf, void *wud,
                       cordon_error *err)
{
    if (b->rc != CORDON_OK)
        return cordon__error(err, b->rc, (size_t)-1, "out of memory");
    if (b->out.len && wf(wud, b->out.data, b->out.len))
        return cordon__error(err, CORDON_EIO, (size_t)-1,
                             "cannot write output");
    return CORDON_OK;
}

static int run_inline(const cordon_screen *s, cordon_reader *r,
                      cordon_screen_write_fn wf, void *wud,
                      cordon_screen_progress_fn pf, void *pud,
                      cordon_screen_stats *st, double t0, cordon_error *err)
{
    struct batch b;
    cordon_screen_ctx *c = NULL;
    int rc, more = 1;
    memset(&b, 0, sizeof b);
    b.in.alloc = b.out.alloc = s->alloc;
    if ((rc = cordon_screen_ctx_new(&c, s)) != CORDON_OK)
        return cordon__error(err, rc, (size_t)-1, "out of memory");
    while (more) {
        batch_reset(&b);
        more = batch_fill(s, r, &b, err);
        if (more < 0) {
            rc = more == CORDON_ENOMEM
                     ? cordon__error(err, more, (size_t)-1, "out of memory")
                     : more;
            break;
        }
        batch_process(c, cordon_reader_format(r), &b);
        if ((rc = batch_flush(&b, wf, wud, err)) != CORDON_OK)
            break;
        add_stats(st, &b, r, t0);
        if (pf)
            pf(pud, st);
    }
    cordon_screen_ctx_free(c);
    batch_free(s->alloc, &b);
    return rc;
}

static int start_workers(struct pipe *p, struct worker *ws, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        ws[i].p = p;
        if (cordon_screen_ctx_new(&ws[i].ctx, p->s) != CORDON_OK)
            return CORDON_ENOMEM;
        if (pthread_create(&ws[i].tid, NULL, worker_main, &ws[i]) != 0)
            return CORDON_ENOMEM;
        ws[i].started = 1;
    }
    return CORDON_OK;
}

static void stop_workers(struct pipe *p, struct worker *ws, int n)
{
    int i;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < n; i++) {
        if (ws[i].started)
            pthread_join(ws[i].tid, NULL);
        cordon_screen_ctx_free(ws[i].ctx);
    }
}

/* The caller's loop: fill free slots, write finished ones in order, wait
 * only when the ring is full or the input has ended. */
static int run_threads(struct pipe *p, cordon_reader *r,
                       cordon_screen_write_fn wf, void *wud,
                       cordon_screen_progress_fn pf, void *pud,
                       cordon_screen_stats *st, double t0, cordon_error *err)
{
    int more = 1, rc = CORDON_OK;
    for (;;) {
        struct batch *b;
        while (more && p->head - p->tail < p->nring) {
            b = &p->ring[p->head % p->nring];
            batch_reset(b);
            more = batch_fill(p->s, r, b, err);
            if (more < 0)
                return more == CORDON_ENOMEM
                           ? cordon__error(err, more, (size_t)-1,
                                           "out of memory")
                           : more;
            if (b->nrec == 0)
                break;
            pthread_mutex_lock(&p->mu);
            b->state = B_FILLED;
            p->head++;
            pthread_cond_signal(&p->work_cv);
            pthread_mutex_unlock(&p->mu);
        }
        if (p->tail == p->head)
            return rc;
        b = &p->ring[p->tail % p->nring];
        pthread_mutex_lock(&p->mu);
        while (b->state != B_DONE) {
            p->writer_waits = 1;
            pthread_cond_wait(&p->done_cv, &p->mu);
        }
        p->writer_waits = 0;
        pthread_mutex_unlock(&p->mu);
        if ((rc = batch_flush(b, wf, wud, err)) != CORDON_OK)
            return rc;
        add_stats(st, b, r, t0);
        b->state = B_FREE;
        p->tail++;
        if (pf)
            pf(pud, st);
    }
}

static int pipe_init(struct pipe *p, const cordon_screen *s, cordon_format fmt)
{
    size_t i;
    memset(p, 0, sizeof *p);
    p->s = s;
    p->fmt = fmt;
    p->nring = s->opts.window ? s->opts.window : (size_t)s->threads * 4;
    if (p->nring < 2)
        p->nring = 2;
    p->ring = cordon__calloc(s->alloc, p->nring, sizeof *p->ring);
    if (!p->ring)
        return CORDON_ENOMEM;
    for (i = 0; i < p->nring; i++)
        p->ring[i].in.alloc = p->ring[i].out.alloc = s->alloc;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    return CORDON_OK;
}

static void pipe_free(struct pipe *p)
{
    size_t i;
    for (i = 0; i < p->nring; i++)
        batch_free(p->s->alloc, &p->ring[i]);
    cordon__free(p->s->alloc, p->ring);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work_cv);
    pthread_cond_destroy(&p->done_cv);
}

cordon_status cordon_screen_run(const cordon_screen *s, cordon_reader *r,
                                cordon_screen_write_fn write_fn, void *wud,
                                cordon_screen_progress_fn progress, void *pud,
                                cordon_screen_stats *st, cordon_error *err)
{
    cordon_screen_stats local;
    struct pipe p;
    struct worker *ws;
    double t0 = now_s();
    int rc;
    if (!st) {
        memset(&local, 0, sizeof local);
        st = &local;
    }
    t0 -= st->elapsed; /* accumulate across inputs */
    if (s->threads <= 1)
        return run_inline(s, r, write_fn, wud, progress, pud, st, t0, err);
    if (pipe_init(&p, s, cordon_reader_format(r)) != CORDON_OK)
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    ws = cordon__calloc(s->alloc, (size_t)s->threads, sizeof *ws);
    if (!ws) {
        pipe_free(&p);
        return cordon__error(err, CORDON_ENOMEM, (size_t)-1, "out of memory");
    }
    rc = start_workers(&p, ws, s->threads);
    if (rc == CORDON_OK)
        rc = run_threads(&p, r, write_fn, wud, progress, pud, st, t0, err);
    else
        cordon__error(err, rc, (size_t)-1, "cannot start worker threads");
    stop_workers(&p, ws, s->threads);
    cordon__free(s->alloc, ws);
    pipe_free(&p);
    return rc;
}
