/*
 * notice_text.c - a notice's bytes to text the parsers can match: encoding
 * detection (UTF-8, UTF-16 with BOM, else GB18030 via iconv), and the
 * normalised copy with its map back to the published text. See
 * notice_internal.h.
 */
#include "io/notice_internal.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <utf8proc.h>

#include "lib/utf8.h"

/* ---- decoding ----------------------------------------------------------------- */

/* iconv from_code -> UTF-8 into the arena; false on any invalid sequence. */
static bool convert(const char *from_code, const unsigned char *in, size_t n, Arena *a,
                    char **out, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", from_code);
    if (cd == (iconv_t)-1) return false;
    size_t cap = n * 2 + 16;
    char *buf = arena_alloc(a, cap);
    char *ip = (char *)in, *op = buf;
    size_t il = n, ol = cap - 1;
    bool ok = true;
    while (il > 0) {
        if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            if (errno == E2BIG) {
                /* GB18030 to UTF-8 grows at most 2x, so this is only a guard. */
                size_t used = (size_t)(op - buf);
                cap *= 2;
                char *nb = arena_alloc(a, cap);
                memcpy(nb, buf, used);
                buf = nb;
                op = buf + used;
                ol = cap - 1 - used;
                continue;
            }
            ok = false; /* EILSEQ or EINVAL: not this encoding */
            break;
        }
    }
    iconv_close(cd);
    if (!ok) return false;
    *op = '\0';
    *out = buf;
    *out_len = (size_t)(op - buf);
    return true;
}

/* How well bytes read as UTF-8: the first bad byte's offset (NPOS if
 * none), and how many multi-byte characters were good and bytes bad. */
static size_t utf8_damage(const unsigned char *d, size_t n, size_t *good, size_t *bad)
{
    size_t first = NPOS;
    *good = *bad = 0;
    const char *p = (const char *)d, *end = p + n;
    while (p < end) {
        const char *at = p;
        int32_t cp = utf8_decode(&p, end);
        if (cp < 0) {
            if (first == NPOS) first = (size_t)(at - (const char *)d);
            (*bad)++;
        } else if (cp >= 0x80) {
            (*good)++;
        }
    }
    return first;
}

int ntext_decode(const unsigned char *d, size_t n, Arena *a, char **out, size_t *out_len, Err *e)
{
    char *u = NULL;
    size_t ulen = 0;
    if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
        d += 3;
        n -= 3;
    }
    if (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
        if (!convert(d[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", d + 2, n - 2, a, &u, &ulen))
            return err_set(e, ERR_INVALID, "file", "文件编码无法识别：UTF-16文本中含有无效字符");
    } else if (memchr(d, '\0', n)) {
        return err_set(e, ERR_INVALID, "file",
                       "文件不是文本文件（含有二进制数据），请上传.txt或.docx格式的通知");
    } else if (utf8_valid((const char *)d, n)) {
        u = arena_strndup(a, (const char *)d, n);
        ulen = n;
    } else {
        size_t good, bad, at = utf8_damage(d, n, &good, &bad);
        /* UTF-8 with a few broken bytes would read as GB18030 mojibake */
        if (good >= 20 * bad)
            return err_set(e, ERR_INVALID, "file",
                           "文件是UTF-8编码，但第%zu字节处已损坏，请重新保存后上传", at + 1);
        if (!convert("GB18030", d, n, a, &u, &ulen))
            return err_set(e, ERR_INVALID, "file",
                           "文件编码无法识别：既不是UTF-8（第%zu字节处无效）也不是GB18030/GBK编码的文本",
                           at + 1);
    }
    if (ulen > NOTICE_MAX_TEXT)
        return err_set(e, ERR_TOO_LARGE, "file", "通知文本过长（%.1f MB），最多%u MB",
                       (double)ulen / (1024.0 * 1024.0), NOTICE_MAX_TEXT / (1024 * 1024));
    /* Line ends to LF; page breaks to line breaks; other control characters
     * are a sign of binary data that happened to decode. */
    size_t w = 0, controls = 0;
    for (size_t i = 0; i < ulen; i++) {
        unsigned char c = (unsigned char)u[i];
        if (c == '\r') {
            if (i + 1 < ulen && u[i + 1] == '\n') continue;
            u[w++] = '\n';
        } else if (c == '\f' || c == '\v') {
            u[w++] = '\n';
        } else if (c < 0x20 && c != '\t' && c != '\n') {
            controls++;
        } else if (c == 0x7F) {
            controls++;
        } else {
            u[w++] = (char)c;
        }
    }
    u[w] = '\0';
    if (controls > 8 && controls * 50 > ulen)
        return err_set(e, ERR_INVALID, "file",
                       "文件不是文本文件（含有大量控制字符），请上传.txt或.docx格式的通知");
    *out = u;
    *out_len = w;
    return 0;
}

/* ---- normalising ------------------------------------------------------------------ */

bool cp_is_han(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

typedef struct Out {
    char *s;
    uint32_t *map;
    size_t len, cap;
    Arena *a;
} Out;

static void out_put(Out *o, const char *bytes, size_t n, uint32_t from)
{
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap * 2 + n + 16;
        o->s = arena_grow(o->a, o->s, o->len, cap, 1);
        o->map = arena_grow(o->a, o->map, o->len, cap, sizeof(uint32_t));
        o->cap = cap;
    }
    memcpy(o->s + o->len, bytes, n);
    for (size_t i = 0; i < n; i++) o->map[o->len + i] = from;
    o->len += n;
}

static void out_cp(Out *o, int32_t cp, uint32_t from)
{
    char b[4];
    size_t n = utf8_encode(cp, b);
    if (n) out_put(o, b, n, from);
}

/* Characters kept as they are although NFKC would fold them: circled
 * numbers number items (① must not become 1), 〇 is a digit of dates,
 * ㎡ a measure. */
static bool protected_cp(int32_t cp)
{
    return (cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x2776 && cp <= 0x277F) || cp == 0x33A1 ||
           cp == 0x3007;
}

/* One character of the normalised text. */
static void normalise_cp(Out *o, int32_t cp, uint32_t from)
{
    if (cp < 0x80) {
        char c = (char)cp;
        if (cp == '\t' || cp == '\n' || cp >= 0x20) out_put(o, &c, 1, from);
        return;
    }
    if (cp_is_han(cp) && cp < 0xF900) {
        out_cp(o, cp, from);
        return;
    }
    switch (cp) {
    case 0x3000: case 0x00A0: case 0x202F: case 0x205F:
        out_put(o, " ", 1, from);
        return;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
        return;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0x301C: case 0xFE63: case 0xFF0D:
        out_put(o, "-", 1, from);
        return;
    case 0x223C: case 0xFF5E:
        out_put(o, "~", 1, from);
        return;
    case 0x300C: case 0x300E: /* 「『 read as the usual quotes */
        out_cp(o, 0x201C, from);
        return;
    case 0x300D: case 0x300F:
        out_cp(o, 0x201D, from);
        return;
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) {
        out_put(o, " ", 1, from);
        return;
    }
    if (protected_cp(cp)) {
        out_cp(o, cp, from);
        return;
    }
    utf8proc_int32_t buf[32];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
    if (n <= 0 || n > 32) {
        out_cp(o, cp, from);
        return;
    }
    if (n > 1) n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        int32_t c = buf[i];
        if (c == 0x3000 || c == 0xA0) c = ' ';
        if (c < 0x20 && c != '\t' && c != '\n') continue;
        out_cp(o, c, from);
    }
}

static bool ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

void ntext_build(NText *t, const char *orig, size_t len, bool keep_spaces, Arena *a)
{
    Out o = {NULL, NULL, 0, 0, a};
    o.cap = len + len / 4 + 64;
    o.s = arena_alloc(a, o.cap);
    o.map = arena_array(a, o.cap, sizeof(uint32_t));
    const char *p = orig, *end = orig + len;
    while (p < end) {
        uint32_t from = (uint32_t)(p - orig);
        int32_t cp = utf8_decode(&p, end);
        if (cp >= 0) normalise_cp(&o, cp, from);
    }
    /* Spaces: one between words in Latin script; none between Chinese
     * characters, around punctuation or inside numbers ("中小学 500间",
     * "1 200名"), where they are typesetting, not text. */
    size_t w = 0;
    for (size_t i = 0; i < o.len; i++) {
        char c = o.s[i];
        if (c != ' ') {
            o.s[w] = c;
            o.map[w++] = o.map[i];
            continue;
        }
        size_t j = i;
        while (j < o.len && o.s[j] == ' ') j++;
        char prev = w > 0 ? o.s[w - 1] : '\n';
        char next = j < o.len ? o.s[j] : '\n';
        bool keep = keep_spaces ? (prev != '\n' && next != '\n')
                                : (ascii_alnum(prev) && ascii_alnum(next) &&
                                   !(ascii_digit(prev) && ascii_digit(next)));
        if (keep) {
            o.s[w] = ' ';
            o.map[w++] = o.map[i];
        }
        i = j - 1;
    }
    o.s[w] = '\0';
    o.map[w] = (uint32_t)len;
    t->orig = orig;
    t->orig_len = len;
    t->s = o.s;
    t->len = w;
    t->map = o.map;
}

void ntext_orig_range(const NText *t, size_t s, size_t e, size_t *os, size_t *oe)
{
    if (s > t->len) s = t->len;
    if (e > t->len) e = t->len;
    if (e < s) e = s;
    *os = t->map[s];
    /* The end of a range inside one expanded character (㈠ -> "(一)")
     * extends to the end of that character. */
    size_t j = e;
    while (j > s && j < t->len && t->map[j] == t->map[j - 1]) j++;
    *oe = j >= t->len ? t->orig_len : t->map[j];
    if (*oe < *os) *oe = *os;
}

char *ntext_orig(const NText *t, size_t s, size_t e, Arena *a)
{
    size_t os, oe;
    ntext_orig_range(t, s, e, &os, &oe);
    size_t start;
    size_t n = utf8_trim(t->orig + os, oe - os, &start);
    return arena_strndup(a, t->orig + os + start, n);
}

char *ntext_join(const NText *t, const NPiece *p, size_t n, Arena *a)
{
    size_t total = 1;
    for (size_t i = 0; i < n; i++) {
        if (p[i].lit) {
            total += strlen(p[i].lit);
        } else {
            size_t os, oe;
            ntext_orig_range(t, p[i].s, p[i].e, &os, &oe);
            total += oe - os;
        }
    }
    char *out = arena_alloc(a, total);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        const char *src;
        size_t len;
        if (p[i].lit) {
            src = p[i].lit;
            len = strlen(src);
        } else {
            size_t os, oe;
            ntext_orig_range(t, p[i].s, p[i].e, &os, &oe);
            src = t->orig + os;
            len = oe - os;
        }
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)src[k];
            if (c == ' ' || c == '\t' || c == '\n') continue;
            if (c == 0xE3 && k + 2 < len && (unsigned char)src[k + 1] == 0x80 &&
                (unsigned char)src[k + 2] == 0x80) {
                k += 2; /* U+3000 */
                continue;
            }
            out[w++] = (char)c;
        }
    }
    out[w] = '\0';
    return out;
}

/* ---- matchers -------------------------------------------------------------------- */

bool nt_at(const NText *t, size_t pos, size_t end, const char *lit)
{
    size_t n = strlen(lit);
    if (end > t->len) end = t->len;
    return pos <= end && end - pos >= n && memcmp(t->s + pos, lit, n) == 0;
}

size_t nt_find(const NText *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit);
    if (e > t->len) e = t->len;
    if (n == 0 || s >= e || e - s < n) return NPOS;
    const char *hit = memmem(t->s + s, e - s, lit, n);
    return hit ? (size_t)(hit - t->s) : NPOS;
}

size_t nt_rfind(const NText *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit);
    if (e > t->len) e = t->len;
    if (n == 0 || s >= e || e - s < n) return NPOS;
    for (size_t i = e - n + 1; i-- > s;)
        if (memcmp(t->s + i, lit, n) == 0) return i;
    return NPOS;
}

int32_t nt_cp(const NText *t, size_t pos, size_t end, size_t *next)
{
    if (end > t->len) end = t->len;
    if (pos >= end) {
        if (next) *next = pos;
        return -1;
    }
    const char *p = t->s + pos;
    int32_t cp = utf8_decode(&p, t->s + end);
    if (next) *next = (size_t)(p - t->s);
    return cp;
}

size_t nt_prev(const NText *t, size_t start, size_t pos)
{
    if (pos <= start) return start;
    pos--;
    while (pos > start && (((unsigned char)t->s[pos]) & 0xC0) == 0x80) pos--;
    return pos;
}

size_t nt_chars(const NText *t, size_t s, size_t e)
{
    size_t n = 0;
    for (size_t i = s; i < e && i < t->len; i++)
        if ((((unsigned char)t->s[i]) & 0xC0) != 0x80) n++;
    return n;
}

bool nt_ends(const NText *t, size_t s, size_t e, const char *lit)
{
    size_t n = strlen(lit);
    return e >= s && e - s >= n && memcmp(t->s + e - n, lit, n) == 0;
}

const char *nt_match(const NText *t, size_t pos, size_t end, const char *const *list)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; list[i]; i++) {
        size_t n = strlen(list[i]);
        if (n > best_n && nt_at(t, pos, end, list[i])) {
            best = list[i];
            best_n = n;
        }
    }
    return best;
}

size_t nt_skip_space(const NText *t, size_t pos, size_t end)
{
    while (pos < end && (t->s[pos] == ' ' || t->s[pos] == '\t')) pos++;
    return pos;
}

size_t nt_trim_end(const NText *t, size_t s, size_t e)
{
    while (e > s && (t->s[e - 1] == ' ' || t->s[e - 1] == '\t' || t->s[e - 1] == '\n')) e--;
    return e;
}
