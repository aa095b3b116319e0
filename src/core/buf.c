/* buf.c -- growable byte buffer. */
#include <stdio.h>
#include <string.h>

#include "core/core.h"

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

int cordon__buf_json_str(cordon_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, run;
    if (cordon__buf_putc(b, '"') != CORDON_OK)
        return CORDON_ENOMEM;
    while (i < n) {
        unsigned char c;
        char esc[6] = {'\\', 'u', '0', '0', 0, 0};
        int rc;
        /* plain characters are copied a run at a time */
        for (run = i; run < n; run++) {
            c = (unsigned char)s[run];
            if (c < 0x20 || c == '"' || c == '\\')
                break;
        }
        if (run > i && cordon__buf_put(b, s + i, run - i) != CORDON_OK)
            return CORDON_ENOMEM;
        if ((i = run) == n)
            break;
        c = (unsigned char)s[i++];
        if (c == '"' || c == '\\') {
            char two[2] = {'\\', (char)c};
            rc = cordon__buf_put(b, two, 2);
        } else if (c == '\n') {
            rc = cordon__buf_put(b, "\\n", 2);
        } else if (c == '\t') {
            rc = cordon__buf_put(b, "\\t", 2);
        } else if (c == '\r') {
            rc = cordon__buf_put(b, "\\r", 2);
        } else {
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            rc = cordon__buf_put(b, esc, 6);
        }
        if (rc != CORDON_OK)
            return rc;
    }
    return cordon__buf_putc(b, '"');
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
