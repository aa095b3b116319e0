/* test_reader.c -- record framing from files (src/io/reader.c): lines that
 * lie in the 64 KiB read window, lines that cross it, CRLF, a last line
 * without newline; the same records from memory. */
#include <stdio.h>
#include <unistd.h>

#include "unit.h"

#include "cordon/reader.h"

#define NREC 3000

/* Record k: a SMILES of k % 97 + 1 carbons and k % 13 chlorines (so line
 * lengths vary and lines fall across window ends), id "id-k  x". */
static size_t make_input(char *buf, size_t cap, int crlf)
{
    size_t n = 0;
    int k, j;
    for (k = 0; k < NREC; k++) {
        if (k % 500 == 7)
            n += (size_t)snprintf(buf + n, cap - n, "%s", crlf ? "\r\n" : "\n");
        for (j = 0; j < k % 97 + 1; j++)
            buf[n++] = 'C';
        for (j = 0; j < k % 13; j++)
            n += (size_t)snprintf(buf + n, cap - n, "Cl");
        n += (size_t)snprintf(buf + n, cap - n, "\tid-%d  x  ", k);
        if (k < NREC - 1)
            n += (size_t)snprintf(buf + n, cap - n, "%s", crlf ? "\r\n" : "\n");
    }
    return n;
}

static void check_records(cordon_reader *r)
{
    int k, j;
    for (k = 0; k < NREC; k++) {
        char want[512], id[32];
        size_t len, n = 0;
        const char *t;
        assert_int_equal(cordon_reader_next_record(r, NULL), CORDON_OK);
        for (j = 0; j < k % 97 + 1; j++)
            want[n++] = 'C';
        for (j = 0; j < k % 13; j++)
            want[n++] = 'C', want[n++] = 'l';
        want[n] = '\0';
        t = cordon_reader_record_text(r, &len);
        assert_int_equal(len, n);
        assert_string_equal(t, want);
        snprintf(id, sizeof id, "id-%d  x", k);
        assert_string_equal(cordon_reader_record_id(r), id);
        assert_int_equal(cordon_reader_record_number(r), (size_t)k + 1);
    }
    assert_int_equal(cordon_reader_next_record(r, NULL), CORDON_ENOTFOUND);
}

static void run_file(int crlf)
{
    static char buf[NREC * 160];
    char path[] = "/tmp/cordon-test-reader-XXXXXX";
    size_t n = make_input(buf, sizeof buf, crlf);
    int fd = mkstemp(path);
    cordon_reader *r = NULL;
    assert_true(fd >= 0);
    assert_true(n > 3 * 64 * 1024); /* several windows */
    assert_int_equal(write(fd, buf, n), (ssize_t)n);
    close(fd);
    assert_int_equal(cordon_reader_open(&r, path, NULL, NULL, NULL), CORDON_OK);
    check_records(r);
    assert_int_equal(cordon_reader_bytes_read(r), n);
    cordon_reader_free(r);
    unlink(path);
    assert_int_equal(cordon_reader_open_mem(&r, buf, n, NULL, NULL, NULL),
                     CORDON_OK);
    check_records(r);
    cordon_reader_free(r);
}

static void test_reader__lines_across_the_window(void **state)
{
    (void)state;
    run_file(0);
}

static void test_reader__crlf_lines_across_the_window(void **state)
{
    (void)state;
    run_file(1);
}

int main(void);
static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_reader__lines_across_the_window),
    cmocka_unit_test(test_reader__crlf_lines_across_the_window),
};
CORDON_TEST_MAIN(tests)
