/*
 * eval.c -- the bridge from the screen to the rules engine (rules.h):
 * compiles the rules once per screen, keeps one cordon_verdict per worker,
 * and turns results and alerts into screen hits.
 */
#include <stdio.h>
#include <string.h>

#include "cordon/rules.h"
#include "screen/screen_int.h"

struct eval_state {
    cordon_verdict *v;
    const char *jur[SCREEN_MAX_JUR];
};

int screen__rules_new(cordon_screen *s, cordon_error *err)
{
    cordon_rules *rules = NULL;
    int rc = cordon_rules_compile(&rules, s->kb, NULL, s->alloc, err);
    if (rc != CORDON_OK)
        return rc;
    s->rules = rules;
    return CORDON_OK;
}

void screen__rules_free(cordon_screen *s)
{
    cordon_rules_free(s->rules);
    s->rules = NULL;
}

int screen__eval_new(cordon_screen_ctx *c)
{
    struct eval_state *st = cordon__calloc(c->s->alloc, 1, sizeof *st);
    int i;
    if (!st)
        return CORDON_ENOMEM;
    if (cordon_verdict_new(&st->v, c->s->alloc) != CORDON_OK) {
        cordon__free(c->s->alloc, st);
        return CORDON_ENOMEM;
    }
    for (i = 0; i < c->s->njur; i++)
        st->jur[i] = c->s->jur[i];
    c->eval = st;
    return CORDON_OK;
}

void screen__eval_free(cordon_screen_ctx *c)
{
    struct eval_state *st = c->eval;
    if (!st)
        return;
    cordon_verdict_free(st->v);
    cordon__free(c->s->alloc, st);
    c->eval = NULL;
}

/* Precision of the period start that r->effective_from came from. */
static int from_precision(const cordon_verdict *v, const cordon_result *r)
{
    const cordon_finding *f;
    if (r->finding < 0 || r->finding >= cordon_verdict_num_findings(v))
        return CORDON_KB_DATE_DAY;
    f = cordon_verdict_finding(v, r->finding);
    return f->period ? f->period->from_precision : CORDON_KB_DATE_DAY;
}

/* strcmp(a, b) == 0 for the short jurisdiction codes, without a call. */
static int streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

int screen__eval(cordon_screen_ctx *c)
{
    struct eval_state *st = c->eval;
    const cordon_screen *s = c->s;
    unsigned flags = CORDON_EVAL_NO_DETAIL;
    int i, ji, n, rc;
    if (s->opts.no_alerts || (s->opts.format != CORDON_SCREEN_TEXT &&
                              s->opts.format != CORDON_SCREEN_JSONL))
        flags |= CORDON_EVAL_NO_ALERTS;
    rc = cordon_rules_evaluate(s->rules, c->mol, st->jur, s->njur, s->date,
                               flags, st->v, NULL);
    if (rc != CORDON_OK)
        return rc;
    n = cordon_verdict_num_results(st->v);
    for (i = 0; i < n; i++) {
        const cordon_result *r = cordon_verdict_result(st->v, i);
        screen_hit h;
        int jidx = -1;
        /* results come in the order asked; check that slot first */
        if (i < s->njur && streq(s->jur[i], r->jurisdiction))
            jidx = i;
        for (ji = 0; jidx < 0 && ji < s->njur; ji++)
            if (streq(s->jur[ji], r->jurisdiction))
                jidx = ji;
        /* a not-controlled line of an asked jurisdiction is the one
         * complete_hits (record.c) writes: no finding, no basis */
        if (r->status == CORDON_NOT_CONTROLLED && jidx >= 0)
            continue;
        memset(&h, 0, sizeof h);
        h.jurisdiction = r->jurisdiction;
        h.jidx = jidx;
        h.hit = r->status != CORDON_NOT_CONTROLLED;
        h.status = cordon_verdict_status_str(r->status);
        h.basis = cordon_basis_str(r->basis);
        h.schedule = r->schedule;
        h.entry = r->entry_id;
        h.name = r->name;
        if (r->limbs) {
            size_t ln = strlen(r->limbs);
            if (ln >= sizeof h.limbs)
                ln = sizeof h.limbs - 1;
            memcpy(h.limbs, r->limbs, ln);
        }
        h.citation = r->citation;
        h.effective_from = r->effective_from;
        h.effective_precision = from_precision(st->v, r);
        h.confidence = r->confidence;
        if ((rc = screen__add_hit(c, &h)) != CORDON_OK)
            return rc;
    }
    n = cordon_verdict_num_alerts(st->v);
    for (i = 0; i < n; i++) {
        const cordon_alert *a = cordon_verdict_alert(st->v, i);
        char buf[512];
        int k;
        if (a->kind == CORDON_ALERT_SIMILAR)
            k = snprintf(buf, sizeof buf,
                         "%s: similar to %s (%s), Tanimoto %.2f -- possible "
                         "analogue, needs expert review",
                         a->jurisdiction, a->name, a->entry_id, a->similarity);
        else
            k = snprintf(buf, sizeof buf, "%s: %s", a->jurisdiction,
                         a->message);
        if (k < 0)
            continue;
        if ((size_t)k >= sizeof buf)
            k = (int)sizeof buf - 1;
        if ((rc = screen__add_alert(c, buf, (size_t)k)) != CORDON_OK)
            return rc;
    }
    return CORDON_OK;
}
