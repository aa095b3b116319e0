/* buf.c -- growable byte buffer. */
#include <stdio.h>
#include <string.h>

#include "core/core.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

static int buf_reserve(cordon_buf *b, size_t extra)
{
    return cordon__grow(b->alloc, (void **)&b->data, 1, &b->cap,
                        b->len + extra + 1);
}

int cordon__buf_put(cordon_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != CORDON_OK)
        return CORDON_ENOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return CORDON_OK;
}

int cordon__buf_puts(cordon_buf *b, const char *s)
{
    return cordon__buf_put(b, s, strlen(s));
}

int cordon__buf_putc(cordon_buf *b, char c)
{
    return cordon__buf_put(b, &c, 1);
}

int cordon__buf_printf(cordon_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    char small[256];
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return CORDON_EINVAL;
    if ((size_t)n < sizeof small)
        return cordon__buf_put(b, small, (size_t)n);
    if (buf_reserve(b, (size_t)n) != CORDON_OK)
        return CORDON_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return CORDON_OK;
}

/* May the 8-byte word x hold a byte JSON escapes (a control character,
 * quote or backslash)?  A superset test, exact for "no": any byte below
 * 0x23 (the controls, the quote, and also ' ' and '!') or equal to the
 * backslash, by the "has less than" / "has zero byte" word tricks
 * (Anderson, Bit Twiddling Hacks).  json_plain_run rechecks byte by byte. */
static int json_word_special(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t bs = x ^ (ones * '\\');
    return ((((x - ones * 0x23) & ~x) | ((bs - ones) & ~bs)) & highs) != 0;
}

/* Length of the prefix of s[0..n) that JSON copies as is: eight bytes at
 * a time while no word may hold a special byte (a tail shorter than a word
 * is tested as the string's last word), then byte by byte. */
static size_t json_plain_run_word(const char *s, size_t n)
{
    size_t i = 0;
    uint64_t x;
    for (;;) {
        for (; i + 8 <= n; i += 8) {
            memcpy(&x, s + i, 8);
            if (json_word_special(x))
                break;
        }
        if (i + 8 > n) {
            if (n < 8)
                break;
            memcpy(&x, s + n - 8, 8);
            if (!json_word_special(x))
                return n;
            break;
        }
        /* the word at i may hold a special byte: look at its 8 bytes */
        {
            size_t end = i + 8;
            for (; i < end; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c < 0x20 || c == '"' || c == '\\')
                    return i;
            }
        }
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == '"' || c == '\\')
            break;
    }
    return i;
}

#if defined(__SSE2__) && defined(__GNUC__)
/* The same, sixteen bytes at a time with SSE2 (part of every x86-64):
 * the exact test (unsigned c < 0x20 as min(c, 0x1f) == c, '"', '\\'), the
 * first special byte from the mask; the tail as the string's last 16
 * bytes, strings shorter than 16 by the word test. */
static __m128i json_special16(const char *p)
{
    const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x),
                        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                     _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
}

static size_t json_plain_run(const char *s, size_t n)
{
    size_t i;
    unsigned m;
    if (n < 16)
        return json_plain_run_word(s, n);
    for (i = 0; i + 16 <= n; i += 16)
        if ((m = (unsigned)_mm_movemask_epi8(json_special16(s + i))) != 0)
            return i + (size_t)__builtin_ctz(m);
    if (i == n)
        return n;
    /* bytes n - 16 .. i - 1 were plain */
    m = (unsigned)_mm_movemask_epi8(json_special16(s + n - 16)) >>
        (i - (n - 16));
    return m ? i + (size_t)__builtin_ctz(m) : n;
}
#else
static size_t json_plain_run(const char *s, size_t n)
{
    return json_plain_run_word(s, n);
}
#endif

int cordon__buf_json_str(cordon_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, run;
    char *o;
    /* room for the quotes and n plain bytes; more only when escaping */
    if (buf_reserve(b, n + 2) != CORDON_OK)
        return CORDON_ENOMEM;
    o = b->data + b->len;
    *o++ = '"';
    for (;;) {
        unsigned char c;
        run = json_plain_run(s + i, n - i);
        if (run)
            memcpy(o, s + i, run);
        o += run;
        if ((i += run) == n)
            break;
        /* the rest, this byte as a 6-byte escape, and the closing quote */
        b->len = (size_t)(o - b->data);
        if (buf_reserve(b, n - i + 6) != CORDON_OK)
            return CORDON_ENOMEM;
        o = b->data + b->len;
        c = (unsigned char)s[i++];
        *o++ = '\\';
        if (c == '"' || c == '\\') {
            *o++ = (char)c;
        } else if (c == '\n') {
            *o++ = 'n';
        } else if (c == '\t') {
            *o++ = 't';
        } else if (c == '\r') {
            *o++ = 'r';
        } else {
            o[0] = 'u';
            o[1] = o[2] = '0';
            o[3] = hex[c >> 4];
            o[4] = hex[c & 15];
            o += 5;
        }
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return CORDON_OK;
}

char *cordon__buf_extend(cordon_buf *b, size_t n)
{
    char *p;
    if (buf_reserve(b, n) != CORDON_OK)
        return NULL;
    p = b->data + b->len;
    b->len += n;
    b->data[b->len] = '\0';
    return p;
}

const char *cordon__buf_cstr(cordon_buf *b)
{
    return b->len ? b->data : "";
}

void cordon__buf_reset(cordon_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void cordon__buf_free(cordon_buf *b)
{
    cordon__free(b->alloc, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
