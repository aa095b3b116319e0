/* test_buf.c -- growable buffers (src/core/buf.c), JSON string escaping. */
#include <stdio.h>

#include "unit.h"

#include "core/core.h"

/* The escaping contract written out byte by byte: '"' '\\' and control
 * bytes escaped (\n \t \r short forms, others \u00XX), every other byte,
 * UTF-8 and DEL included, copied. */
static void naive_json(char *out, const char *s, size_t n)
{
    size_t i;
    char *o = out;
    *o++ = '"';
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        } else if (c == '\n') {
            *o++ = '\\', *o++ = 'n';
        } else if (c == '\t') {
            *o++ = '\\', *o++ = 't';
        } else if (c == '\r') {
            *o++ = '\\', *o++ = 'r';
        } else if (c < 0x20) {
            o += snprintf(o, 7, "\\u%04x", c);
        } else {
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    *o = '\0';
}

/* Every special byte at every position of strings up to 40 bytes (the
 * scans have 8- or 16-byte blocks and a tail read as the last block),
 * appended to a buffer that already holds text. */
static void test_buf__json_str_escapes_at_every_position(void **state)
{
    static const unsigned char special[] = {'"',  '\\', '\n', '\t', '\r', 0x01,
                                            0x1f, 0x00, 0x7f, 0x80, 0xc3, 0xff,
                                            ' ',  '!',  '#',  '[',  ']',  '/'};
    size_t n, pos, k;
    (void)state;
    for (n = 1; n <= 40; n++)
        for (pos = 0; pos < n; pos++)
            for (k = 0; k < sizeof special; k++) {
                char s[48], want[320];
                cordon_buf b = CORDON_BUF_INIT;
                size_t i;
                for (i = 0; i < n; i++)
                    s[i] = (char)('A' + (i % 26));
                s[pos] = (char)special[k];
                assert_int_equal(cordon__buf_puts(&b, "x:"), CORDON_OK);
                assert_int_equal(cordon__buf_json_str(&b, s, n), CORDON_OK);
                want[0] = 'x', want[1] = ':';
                naive_json(want + 2, s, n);
                assert_int_equal(b.len, strlen(want));
                assert_memory_equal(b.data, want, b.len + 1);
                cordon__buf_free(&b);
            }
}

static void test_buf__json_str_of_a_smiles_and_chembl_id(void **state)
{
    cordon_buf b = CORDON_BUF_INIT;
    const char *smi = "O=C(Nc1ccccc1)Nc1ccc(/C=C2\\C(=O)Nc3ccc(Cl)cc32)cc1";
    (void)state;
    assert_int_equal(cordon__buf_json_str(&b, smi, strlen(smi)), CORDON_OK);
    assert_string_equal(
        b.data, "\"O=C(Nc1ccccc1)Nc1ccc(/C=C2\\\\C(=O)Nc3ccc(Cl)cc32)cc1\"");
    cordon__buf_reset(&b);
    assert_int_equal(cordon__buf_json_str(&b, "CHEMBL246684\tchembl35", 21),
                     CORDON_OK);
    assert_string_equal(b.data, "\"CHEMBL246684\\tchembl35\"");
    cordon__buf_reset(&b);
    assert_int_equal(cordon__buf_json_str(&b, "", 0), CORDON_OK);
    assert_string_equal(b.data, "\"\"");
    cordon__buf_free(&b);
}

/* A string of nothing but escapes grows the buffer six-fold. */
static void test_buf__json_str_all_escapes_grows(void **state)
{
    cordon_buf b = CORDON_BUF_INIT;
    char s[1000];
    size_t i;
    (void)state;
    memset(s, 0x02, sizeof s);
    assert_int_equal(cordon__buf_json_str(&b, s, sizeof s), CORDON_OK);
    assert_int_equal(b.len, 2 + 6 * sizeof s);
    for (i = 0; i < sizeof s; i++)
        assert_memory_equal(b.data + 1 + 6 * i, "\\u0002", 6);
    cordon__buf_free(&b);
}

int main(void);
static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_buf__json_str_escapes_at_every_position),
    cmocka_unit_test(test_buf__json_str_of_a_smiles_and_chembl_id),
    cmocka_unit_test(test_buf__json_str_all_escapes_grows),
};
CORDON_TEST_MAIN(tests)
