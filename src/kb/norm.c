/*
 * norm.c -- value syntax of the knowledge base: dates, CAS numbers,
 * jurisdiction codes, coverage words, period lines and the name keys used
 * for lookup and uniqueness (docs/kb-format.md §3, §8, §9).
 */
#include <string.h>

#include "kb/kb_int.h"

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int digits(const char *s, size_t n, int *out)
{
    size_t i;
    int v = 0;
    for (i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int cordon__kb_date(const char *s, size_t len, int end, int32_t *out)
{
    int y, m = 1, d = 1, prec;
    if (len != 4 && len != 7 && len != 10)
        return -1;
    if (digits(s, 4, &y) < 0 || y < 1900 || y > 2100)
        return -1;
    prec = CORDON_KB_DATE_YEAR;
    if (end)
        m = 12;
    if (len >= 7) {
        if (s[4] != '-' || digits(s + 5, 2, &m) < 0 || m < 1 || m > 12)
            return -1;
        prec = CORDON_KB_DATE_MONTH;
    }
    d = end ? days_in_month(y, m) : 1;
    if (len == 10) {
        if (s[7] != '-' || digits(s + 8, 2, &d) < 0 || d < 1 ||
            d > days_in_month(y, m))
            return -1;
        prec = CORDON_KB_DATE_DAY;
    }
    *out = (int32_t)(y * 10000 + m * 100 + d);
    return prec;
}

cordon_status cordon_kb_parse_date(int32_t *out, const char *s, size_t len,
                                   cordon_error *err)
{
    int32_t v;
    if (!out || !s)
        return cordon__error(err, CORDON_EINVAL, (size_t)-1, "null argument");
    if (len != 10 || cordon__kb_date(s, len, 0, &v) != CORDON_KB_DATE_DAY)
        return cordon__error(err, CORDON_EPARSE, 0,
                             "date must be YYYY-MM-DD (a real calendar day)");
    *out = v;
    return CORDON_OK;
}

int cordon_kb_cas_valid(const char *s, size_t len)
{
    /* CAS check digit: digits right to left (check digit excluded) weighted
     * 1, 2, 3, ...; the sum modulo 10 is the check digit (CAS REGISTRY
     * number format, cas.org). */
    size_t i, a;
    int sum = 0, w = 1;
    if (len < 7 || len > 12 || s[len - 2] != '-' || s[len - 5] != '-')
        return 0;
    a = len - 5; /* digits in the first group */
    if (a < 2 || a > 7 || s[0] == '0')
        return 0;
    for (i = 0; i < len; i++)
        if (i != len - 2 && i != len - 5 && !is_digit((unsigned char)s[i]))
            return 0;
    for (i = len - 3;; i--) {
        if (i != len - 5) {
            sum += w++ * (s[i] - '0');
        }
        if (i == 0)
            break;
    }
    return sum % 10 == s[len - 1] - '0';
}

/* ISO 3166-1 alpha-2 officially assigned codes (ISO 3166 Maintenance
 * Agency list, 249 codes), plus UN (the drug conventions) and EU. */
static const char iso3166[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
    "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
    "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
    "HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
    "NA NC NE NF NG NI NL NO NP NR NU NZ OM "
    "PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
    "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ "
    "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UN EU ";

int cordon__kb_jurisdiction_ok(const char *code)
{
    const char *p;
    if (strlen(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' ||
        code[1] > 'Z')
        return 0;
    if (!strcmp(code, "UK"))
        return 1;
    for (p = iso3166; *p; p += 3)
        if (p[0] == code[0] && p[1] == code[1])
            return 1;
    return 0;
}

static const struct {
    const char *word;
    unsigned bit;
} covers_words[] = {
    {"none", 0},
    {"salts", CORDON_KB_COVERS_SALTS},
    {"isomers", CORDON_KB_COVERS_ISOMERS},
    {"optical-isomers", CORDON_KB_COVERS_OPTICAL_ISOMERS},
    {"geometric-isomers", CORDON_KB_COVERS_GEOMETRIC_ISOMERS},
    {"positional-isomers", CORDON_KB_COVERS_POSITIONAL_ISOMERS},
    {"stereoisomers", CORDON_KB_COVERS_STEREOISOMERS},
    {"esters", CORDON_KB_COVERS_ESTERS},
    {"ethers", CORDON_KB_COVERS_ETHERS},
    {"amides", CORDON_KB_COVERS_AMIDES},
    {"carbamates", CORDON_KB_COVERS_CARBAMATES},
    {"halides", CORDON_KB_COVERS_HALIDES},
    {"acetals", CORDON_KB_COVERS_ACETALS},
    {"preparations", CORDON_KB_COVERS_PREPARATIONS},
    {"derivatives", CORDON_KB_COVERS_DERIVATIVES},
    {"analogues", CORDON_KB_COVERS_ANALOGUES},
};

long cordon__kb_covers_word(const char *w, size_t n)
{
    size_t i;
    for (i = 0; i < sizeof covers_words / sizeof covers_words[0]; i++)
        if (strlen(covers_words[i].word) == n &&
            !memcmp(covers_words[i].word, w, n))
            return (long)covers_words[i].bit;
    return -1;
}

long cordon__kb_covers_list(const char *v, const char **bad, size_t *badlen)
{
    long bits = 0, b;
    const char *p = v;
    while (*p) {
        const char *s, *e;
        while (*p == ' ' || *p == '\t')
            p++;
        s = p;
        while (*p && *p != ',')
            p++;
        e = p;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        b = cordon__kb_covers_word(s, (size_t)(e - s));
        if (b < 0) {
            *bad = s;
            *badlen = (size_t)(e - s);
            return -1;
        }
        bits |= b;
        if (*p == ',')
            p++;
    }
    return bits;
}

static const char *trim(const char *s, const char *e, const char **end)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    *end = e;
    return s;
}

static const char *const period_kinds[] = {"permanent", "temporary",
                                           "extension", "interim"};

int cordon__kb_period(cordon_kb *kb, const char *v, cordon_kb_period *p,
                      const char **why)
{
    const char *part[4], *pend[4], *s = v, *bar, *dots, *e;
    size_t i;
    int n = 0;
    memset(p, 0, sizeof *p);
    for (n = 0; n < 4; n++) {
        bar = strchr(s, '|');
        if (n < 3 && !bar) {
            *why = "period must be 'FROM..TO | KIND | CITATION | CONFIDENCE'";
            return -1;
        }
        if (n == 3 && bar) {
            *why = "period has more than four '|'-separated parts";
            return -1;
        }
        e = bar ? bar : s + strlen(s);
        part[n] = trim(s, e, &pend[n]);
        s = bar ? bar + 1 : e;
    }
    dots = NULL;
    for (s = part[0]; s + 1 < pend[0]; s++)
        if (s[0] == '.' && s[1] == '.') {
            dots = s;
            break;
        }
    if (!dots) {
        *why = "period dates must be 'FROM..TO' (TO may be empty)";
        return -1;
    }
    if (dots - part[0] == 1 && part[0][0] == '?') {
        p->from = 0;
        p->from_precision = CORDON_KB_DATE_NONE;
    } else {
        int prec =
            cordon__kb_date(part[0], (size_t)(dots - part[0]), 0, &p->from);
        if (prec < 0) {
            *why = "bad FROM date (YYYY-MM-DD, YYYY-MM, YYYY or ?)";
            return -1;
        }
        p->from_precision = prec;
    }
    if (dots + 2 == pend[0]) {
        p->to = 0;
        p->to_precision = CORDON_KB_DATE_NONE;
    } else {
        int prec =
            cordon__kb_date(dots + 2, (size_t)(pend[0] - dots - 2), 1, &p->to);
        if (prec < 0) {
            *why = "bad TO date (YYYY-MM-DD, YYYY-MM, YYYY or empty)";
            return -1;
        }
        p->to_precision = prec;
    }
    for (i = 0; i < sizeof period_kinds / sizeof period_kinds[0]; i++)
        if ((size_t)(pend[1] - part[1]) == strlen(period_kinds[i]) &&
            !memcmp(part[1], period_kinds[i], (size_t)(pend[1] - part[1])))
            break;
    if (i == sizeof period_kinds / sizeof period_kinds[0]) {
        *why = "period kind must be permanent, temporary, extension or "
               "interim";
        return -1;
    }
    p->kind = period_kinds[i];
    if (pend[2] == part[2]) {
        *why = "period has no citation";
        return -1;
    }
    if (pend[3] - part[3] != 1 || !strchr("VSUD", part[3][0])) {
        *why = "period confidence must be V, S, U or D";
        return -1;
    }
    p->citation = cordon__kb_strndup(kb, part[2], (size_t)(pend[2] - part[2]));
    p->confidence = cordon__kb_strndup(kb, part[3], 1);
    if (!p->citation || !p->confidence) {
        *why = "out of memory";
        return -2;
    }
    return 0;
}

/* ---- name keys (docs/kb-format.md §9) ---- */

typedef struct keyw {
    char *out;
    size_t cap, n;
    int overflow;
} keyw;

static void put(keyw *w, const char *s, size_t n)
{
    if (w->n + n >= w->cap) {
        w->overflow = 1;
        return;
    }
    memcpy(w->out + w->n, s, n);
    w->n += n;
}

/* Maps one UTF-8 sequence at s (n bytes available) to its N1 spelling;
 * returns the bytes consumed. */
static size_t map_utf8(keyw *w, const unsigned char *s, size_t n)
{
    static const struct {
        const char *from, *to;
    } map[] = {
        {"\xce\xb1", "alpha"}, {"\xce\x91", "alpha"}, {"\xce\xb2", "beta"},
        {"\xce\x92", "beta"},  {"\xce\xb3", "gamma"}, {"\xce\x93", "gamma"},
        {"\xce\xb4", "delta"}, {"\xce\x94", "delta"}, {"\xcf\x89", "omega"},
        {"\xce\xa9", "omega"}, {"\xc2\xa0", " "},     {"\xc2\xad", "-"},
        {"\xe2\x80\x90", "-"}, {"\xe2\x80\x91", "-"}, {"\xe2\x80\x92", "-"},
        {"\xe2\x80\x93", "-"}, {"\xe2\x80\x94", "-"}, {"\xe2\x80\x95", "-"},
        {"\xe2\x88\x92", "-"}, {"\xe2\x80\xb2", "'"}, {"\xe2\x80\xb3", "''"},
        {"\xe2\x80\x99", "'"}, {"\xe3\x80\x80", " "}, {"\xef\xbc\x8d", "-"},
        {"\xef\xbc\x88", "("}, {"\xef\xbc\x89", ")"},
    };
    size_t i, l;
    for (i = 0; i < sizeof map / sizeof map[0]; i++) {
        l = strlen(map[i].from);
        if (l <= n && !memcmp(s, map[i].from, l)) {
            put(w, map[i].to, strlen(map[i].to));
            return l;
        }
    }
    /* any other sequence is copied whole */
    l = (s[0] >= 0xf0) ? 4 : (s[0] >= 0xe0) ? 3 : (s[0] >= 0xc0) ? 2 : 1;
    if (l > n)
        l = n;
    put(w, (const char *)s, l);
    return l;
}

static int is_sep(int c)
{
    return c == ' ' || c == '\t' || c == '-' || c == '_';
}

static int is_open(int c)
{
    return c == 0 || c == ' ' || c == '-' || c == '(' || c == '[' || c == ',' ||
           c == '\t';
}

/* Characters N2 ignores: brackets, quotes, dots, commas. */
static int is_dropped(int c)
{
    switch (c) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '\'':
    case '"':
    case '.':
    case ',':
        return 1;
    default:
        return 0;
    }
}

int cordon_kb_name_key(char *out, size_t cap, const char *s, size_t len,
                       int forgiving)
{
    char tmp[KB_KEY_CAP];
    keyw w = {tmp, sizeof tmp, 0, 0};
    size_t i, j, n;
    if (!out || cap == 0)
        return -1;
    for (i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            i += map_utf8(&w, (const unsigned char *)s + i, len - i);
            continue;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        put(&w, (const char *)&c, 1);
        i++;
    }
    if (w.overflow)
        return -1;
    /* o-/m-/p- standing alone before a hyphen */
    n = 0;
    for (i = 0; i < w.n; i++) {
        char c = tmp[i];
        const char *word = NULL;
        if ((c == 'o' || c == 'm' || c == 'p') && i + 1 < w.n &&
            tmp[i + 1] == '-' && is_open(i ? tmp[i - 1] : 0))
            word = c == 'o' ? "ortho" : c == 'm' ? "meta" : "para";
        if (word) {
            size_t l = strlen(word);
            if (n + l >= cap)
                return -1;
            memcpy(out + n, word, l);
            n += l;
            continue;
        }
        if (is_sep((unsigned char)c))
            continue;
        if (forgiving && is_dropped(c))
            continue;
        if (n + 1 >= cap)
            return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    if (!forgiving)
        return (int)n;
    /* Acyl spellings that name the same group (controlled-substances.md
     * §3.1 traps): acryloyl = acrylyl = acryl (prop-2-enoyl), butyryl =
     * butyr, valeryl = valer.  A table, not a rule: "-oyl" and "-yl" are
     * not interchangeable in general (benzoyl is PhCO, benzyl PhCH2). */
    for (i = 0, j = 0; i < n;) {
        static const struct {
            const char *from, *to;
        } fold[] = {{"acryloyl", "acryl"},
                    {"acrylyl", "acryl"},
                    {"butyryl", "butyr"},
                    {"valeryl", "valer"}};
        size_t t = 0;
        if (out[i] != 'a' && out[i] != 'b' && out[i] != 'v')
            t = sizeof fold / sizeof fold[0]; /* no entry starts here */
        for (; t < sizeof fold / sizeof fold[0]; t++) {
            size_t fl = strlen(fold[t].from), tl = strlen(fold[t].to);
            if (i + fl <= n && !memcmp(out + i, fold[t].from, fl)) {
                memmove(out + j, fold[t].to, tl);
                j += tl;
                i += fl;
                break;
            }
        }
        if (t == sizeof fold / sizeof fold[0])
            out[j++] = out[i++];
    }
    n = j;
    out[n] = '\0';
    return (int)n;
}
