/* test_screen.c -- the screening pipeline (src/screen/): order, bad records,
 * formats, jurisdictions, bounded memory, potency table. */
#include <stdio.h>

#include "cordon/screen.h"
#include "unit.h"

struct sink {
    char *data;
    size_t len, cap;
};

static int sink_write(void *ud, const char *s, size_t n)
{
    struct sink *k = ud;
    if (k->len + n + 1 > k->cap) {
        size_t c = k->cap ? k->cap * 2 : 4096;
        while (c < k->len + n + 1)
            c *= 2;
        k->data = realloc(k->data, c);
        assert_non_null(k->data);
        k->cap = c;
    }
    memcpy(k->data + k->len, s, n);
    k->len += n;
    k->data[k->len] = '\0';
    return 0;
}

static const char *const catalogue_bad =
    "CCO ethanol\n"
    "C1CC bad-ring\n"
    "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1 acetylfentanyl\n"
    "c1ccccc1 benzene\n";

/* Screens text with opts; output into *out; returns the status. */
static int screen_text(const cordon_kb *kb, const char *text,
                       const cordon_screen_opts *o, struct sink *out,
                       cordon_screen_stats *st)
{
    cordon_screen *s = NULL;
    cordon_reader *r = NULL;
    cordon_error err = CORDON_ERROR_INIT;
    int rc;
    memset(st, 0, sizeof *st);
    rc = cordon_screen_new(&s, kb, o, NULL, &err);
    if (rc != CORDON_OK)
        return rc;
    assert_int_equal(
        cordon_reader_open_mem(&r, text, strlen(text), NULL, NULL, &err),
        CORDON_OK);
    rc = cordon_screen_begin(s, sink_write, out, &err);
    if (rc == CORDON_OK)
        rc = cordon_screen_run(s, r, sink_write, out, NULL, NULL, st, &err);
    if (rc == CORDON_OK)
        rc = cordon_screen_finish(s, st, sink_write, out, &err);
    cordon_reader_free(r);
    cordon_screen_free(s);
    return rc;
}

static cordon_kb *builtin(void)
{
    cordon_kb *kb = NULL;
    assert_int_equal(cordon_kb_load_builtin(&kb, NULL, NULL), CORDON_OK);
    return kb;
}

static void test_screen__bad_record_does_not_stop_batch(void **state)
{
    cordon_kb *kb = builtin();
    cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
    cordon_screen_stats st;
    struct sink out = {0};
    (void)state;
    o.jurisdictions = "US";
    o.date = 20200101;
    o.threads = 1;
    assert_int_equal(screen_text(kb, catalogue_bad, &o, &out, &st), CORDON_OK);
    assert_int_equal(st.records, 4);
    assert_int_equal(st.unreadable, 1);
    assert_int_equal(st.controlled, 1);
    assert_non_null(strstr(out.data, "{\"id\":\"bad-ring\",\"record\":2,"
                                     "\"error\":{\"message\":"));
    /* acetylfentanyl: US Schedule I, listed, 21 CFR 1308.11(b) */
    assert_non_null(strstr(out.data, "\"id\":\"acetylfentanyl\""));
    assert_non_null(strstr(out.data, "\"status\":\"controlled\",\"basis\":"
                                     "\"listed\",\"schedule\":\"I\""));
    /* order: ethanol, bad-ring, acetylfentanyl, benzene */
    assert_true(strstr(out.data, "ethanol") < strstr(out.data, "bad-ring"));
    assert_true(strstr(out.data, "bad-ring") <
                strstr(out.data, "\"id\":\"acetylfentanyl\""));
    assert_true(strstr(out.data, "\"id\":\"acetylfentanyl\"") <
                strstr(out.data, "benzene"));
    free(out.data);
    cordon_kb_free(kb);
}

/* Many small batches through 4 workers give the bytes of 1 thread. */
static void test_screen__threads_keep_input_order(void **state)
{
    cordon_kb *kb = builtin();
    cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
    cordon_screen_stats st;
    struct sink a = {0}, b = {0};
    char *text = malloc(200000);
    size_t n = 0;
    int i;
    (void)state;
    assert_non_null(text);
    for (i = 0; i < 2000; i++)
        n += (size_t)snprintf(text + n, 200000 - n, "%s r%d\n",
                              i % 7 == 0
                                  ? "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"
                              : i % 11 == 0 ? "C1CC"
                                            : "c1ccccc1CCN",
                              i);
    o.date = 20200101;
    o.threads = 1;
    assert_int_equal(screen_text(kb, text, &o, &a, &st), CORDON_OK);
    assert_int_equal(st.records, 2000);
    o.threads = 4;
    o.batch_records = 3; /* many batches, ring of 2 per worker */
    o.window = 8;
    assert_int_equal(screen_text(kb, text, &o, &b, &st), CORDON_OK);
    assert_int_equal(st.records, 2000);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    free(a.data);
    free(b.data);
    free(text);
    cordon_kb_free(kb);
}

static void test_screen__only_hits_and_csv(void **state)
{
    cordon_kb *kb = builtin();
    cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
    cordon_screen_stats st;
    struct sink out = {0};
    (void)state;
    o.jurisdictions = "us,CN";
    o.date = 20200101;
    o.only_hits = 1;
    o.format = CORDON_SCREEN_CSV;
    assert_int_equal(screen_text(kb, catalogue_bad, &o, &out, &st), CORDON_OK);
    /* header, the error row, two acetylfentanyl rows (US, CN) */
    assert_non_null(strstr(out.data, "id,record,input,jurisdiction,date,"));
    assert_null(strstr(out.data, "ethanol"));
    assert_null(strstr(out.data, "benzene"));
    assert_non_null(strstr(out.data, "acetylfentanyl,3,CC(=O)N"));
    assert_non_null(strstr(out.data, ",US,2020-01-01,controlled,listed,I,"));
    assert_non_null(strstr(out.data, "bad-ring,2,C1CC,,,error,"));
    /* per-jurisdiction totals, in the order asked: US, CN */
    assert_int_equal(st.by_jurisdiction[0], 1);
    assert_int_equal(st.by_jurisdiction[1], 1);
    assert_int_equal(st.by_jurisdiction[2], 0);
    free(out.data);
    cordon_kb_free(kb);
}

static void test_screen__date_before_listing(void **state)
{
    cordon_kb *kb = builtin();
    cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
    cordon_screen_stats st;
    struct sink out = {0};
    (void)state;
    o.jurisdictions = "US";
    o.date = 20100101; /* before the 2015 temporary order and 2018 class */
    assert_int_equal(screen_text(kb,
                                 "CC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1 af\n",
                                 &o, &out, &st),
                     CORDON_OK);
    assert_int_equal(st.controlled, 0);
    assert_non_null(strstr(out.data, "\"status\":\"not_controlled\""));
    free(out.data);
    cordon_kb_free(kb);
}

static void test_screen__unknown_jurisdiction_is_einval(void **state)
{
    cordon_kb *kb = builtin();
    cordon_screen *s = NULL;
    cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
    cordon_error err = CORDON_ERROR_INIT;
    (void)state;
    o.jurisdictions = "US,XX";
    assert_int_equal(cordon_screen_new(&s, kb, &o, NULL, &err), CORDON_EINVAL);
    assert_null(s);
    assert_non_null(strstr(err.message, "XX"));
    o.jurisdictions = "uk,un";
    assert_int_equal(cordon_screen_new(&s, kb, &o, NULL, &err), CORDON_OK);
    assert_int_equal(cordon_screen_num_jurisdictions(s), 2);
    assert_string_equal(cordon_screen_jurisdiction(s, 0), "GB");
    assert_string_equal(cordon_screen_jurisdiction(s, 1), "UN");
    cordon_screen_free(s);
    cordon_kb_free(kb);
}

static void test_screen__format_names(void **state)
{
    (void)state;
    assert_int_equal(cordon_screen_format_from_name("jsonl"),
                     CORDON_SCREEN_JSONL);
    assert_int_equal(cordon_screen_format_from_name("csv"), CORDON_SCREEN_CSV);
    assert_int_equal(cordon_screen_format_from_name("sdf"), CORDON_SCREEN_SDF);
    assert_int_equal(cordon_screen_format_from_name("text"),
                     CORDON_SCREEN_TEXT);
    assert_int_equal(cordon_screen_format_from_name("xml"), -1);
}

static void test_screen__one_record_for_servers(void **state)
{
    cordon_kb *kb = builtin();
    cordon_screen *s = NULL;
    cordon_screen_ctx *c = NULL;
    cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
    const char *out;
    size_t len;
    int hit = -1;
    const char *fent = "CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1";
    (void)state;
    o.jurisdictions = "US";
    o.date = 20200101;
    assert_int_equal(cordon_screen_new(&s, kb, &o, NULL, NULL), CORDON_OK);
    assert_int_equal(cordon_screen_ctx_new(&c, s), CORDON_OK);
    assert_int_equal(cordon_screen_one(c, fent, strlen(fent), "fentanyl", &out,
                                       &len, &hit, NULL),
                     CORDON_OK);
    assert_int_equal(hit, 1);
    assert_non_null(strstr(out, "\"schedule\":\"II\""));
    assert_int_equal(
        cordon_screen_one(c, "C1CC", 4, "x", &out, &len, &hit, NULL),
        CORDON_EPARSE);
    assert_non_null(strstr(out, "\"error\""));
    cordon_screen_ctx_free(c);
    cordon_screen_free(s);
    cordon_kb_free(kb);
}

/* The text between "results": and ,"alerts" of the line starting at l. */
static void results_of(const char *l, char *out, size_t cap)
{
    const char *a = strstr(l, "\"results\":"), *b;
    assert_non_null(a);
    b = strstr(a, ",\"alerts\":");
    assert_non_null(b);
    assert_true((size_t)(b - a) < cap);
    memcpy(out, a, (size_t)(b - a));
    out[b - a] = '\0';
}

/* JSON Lines writes a record with no hit and no alert from a tail made
 * once per screen, and the not-controlled lines of other records from
 * the same text: all three kinds of record must agree byte for byte with
 * the line spelled out here. */
static void test_screen__not_controlled_lines_agree(void **state)
{
    static const char *const jur[] = {"UN", "CA", "CN", "GB", "US"};
    cordon_kb *kb = builtin();
    cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
    cordon_screen_stats st;
    struct sink out = {0};
    char want[4096], got[4096], line[4096];
    const char *l2, *l3;
    size_t n = 0, k;
    int nnc = 0;
    (void)state;
    o.date = 20261129;
    o.threads = 1;
    assert_int_equal(
        screen_text(kb,
                    "CCO ethanol\n"
                    "CCOC(=O)N1CCC(Nc2ncc(Cl)c(-c3c[nH]c4ccccc34)n2)CC1 "
                    "analogue-alert\n"
                    "Cn1c(=O)c2c(ncn2C)n(C)c1=O caffeine\n",
                    &o, &out, &st),
        CORDON_OK);
    n += (size_t)snprintf(want + n, sizeof want - n,
                          "{\"id\":\"ethanol\",\"input\":\"CCO\","
                          "\"results\":[");
    for (k = 0; k < 5; k++)
        n += (size_t)snprintf(
            want + n, sizeof want - n,
            "%s{\"jurisdiction\":\"%s\",\"date\":\"2026-11-29\","
            "\"status\":\"not_controlled\",\"basis\":null,\"schedule\":"
            "null,\"entry\":null,\"name\":null,\"limbs\":[],\"citation\":"
            "null,\"effective_from\":null}",
            k ? "," : "", jur[k]);
    snprintf(want + n, sizeof want - n, "],\"alerts\":[]}\n");
    assert_memory_equal(out.data, want, strlen(want));
    /* a record with alerts and no hit: the same results */
    l2 = out.data + strlen(want);
    assert_non_null(strstr(l2, "\"alerts\":[\""));
    results_of(out.data, want, sizeof want);
    results_of(l2, got, sizeof got);
    assert_string_equal(got, want);
    /* a record controlled somewhere: its not-controlled lines as above */
    l3 = strchr(l2, '\n') + 1;
    assert_non_null(strstr(l3, "\"status\":\"controlled\""));
    for (k = 0; k < 5; k++) {
        static const char nc_head[] =
            "\"date\":\"2026-11-29\",\"status\":\"not_controlled\"";
        char obj[512], *nc;
        snprintf(obj, sizeof obj, "{\"jurisdiction\":\"%s\",", jur[k]);
        nc = strstr(l3, obj);
        assert_non_null(nc);
        if (strncmp(nc + strlen(obj), nc_head, sizeof nc_head - 1) != 0)
            continue;
        snprintf(line, sizeof line, "%.*s", (int)(strchr(nc, '}') - nc + 1),
                 nc);
        assert_non_null(strstr(want, line));
        nnc++;
    }
    assert_int_equal(nnc, 4); /* caffeine: controlled in CN only */
    free(out.data);
    cordon_kb_free(kb);
}

/* Every allocation failure during a run is reported, and leaks nothing. */
static void test_screen__oom_leaks_nothing(void **state)
{
    cordon_kb *kb = builtin();
    long n;
    (void)state;
    for (n = 1; n < 400; n += 7) {
        unit_alloc u = {n, 0, 0};
        cordon_allocator a = unit_allocator(&u);
        cordon_screen *s = NULL;
        cordon_reader *r = NULL;
        cordon_screen_opts o = CORDON_SCREEN_OPTS_INIT;
        struct sink out = {0};
        o.jurisdictions = "US";
        o.threads = 1;
        if (cordon_screen_new(&s, kb, &o, &a, NULL) == CORDON_OK) {
            if (cordon_reader_open_mem(&r, catalogue_bad, strlen(catalogue_bad),
                                       NULL, &a, NULL) == CORDON_OK)
                cordon_screen_run(s, r, sink_write, &out, NULL, NULL, NULL,
                                  NULL);
            cordon_reader_free(r);
            cordon_screen_free(s);
        }
        free(out.data);
        assert_int_equal(u.live, 0);
    }
    cordon_kb_free(kb);
}

/* data/kb-extra/potency.txt is what the library carries
 * (scripts/gen-potency.sh regenerates src/screen/potency_data.h). */
static void test_screen__potency_table_matches_text(void **state)
{
    FILE *f = fopen("data/kb-extra/potency.txt", "r");
    char line[1024];
    int rows = 0;
    cordon_potency p[8];
    (void)state;
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        char sub[128];
        size_t k = strcspn(line, "|");
        int n, i, found = 0;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        rows++;
        while (k > 0 && line[k - 1] == ' ')
            k--;
        snprintf(sub, sizeof sub, "%.*s", (int)k, line);
        n = cordon_potency_for_name(sub, strlen(sub), p, 8);
        for (i = 0; i < n && i < 8; i++)
            found |= strstr(line, p[i].claim) != NULL &&
                     strstr(line, p[i].source) != NULL;
        assert_true(found);
    }
    fclose(f);
    assert_int_equal(rows, 13);
    /* forgiving names: "Carfentanil", "carfentanyl" */
    assert_int_equal(cordon_potency_for_name("Carfentanil", 11, p, 8), 2);
    assert_int_equal(cordon_potency_for_name("aspirin", 7, p, 8), 0);
}

static const struct CMUnitTest group[] = {
    cmocka_unit_test(test_screen__bad_record_does_not_stop_batch),
    cmocka_unit_test(test_screen__threads_keep_input_order),
    cmocka_unit_test(test_screen__only_hits_and_csv),
    cmocka_unit_test(test_screen__date_before_listing),
    cmocka_unit_test(test_screen__unknown_jurisdiction_is_einval),
    cmocka_unit_test(test_screen__format_names),
    cmocka_unit_test(test_screen__one_record_for_servers),
    cmocka_unit_test(test_screen__not_controlled_lines_agree),
    cmocka_unit_test(test_screen__oom_leaks_nothing),
    cmocka_unit_test(test_screen__potency_table_matches_text),
};

CORDON_TEST_MAIN(group)
