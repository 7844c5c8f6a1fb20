/* utf8.c - UTF-8 checks and terminal widths. See utf8.h. */
#include "utf8.h"

#include <string.h>

#include "buf.h"

int32_t utf8_decode(const char **pp, const char *end)
{
    const unsigned char *p = (const unsigned char *)*pp;
    const unsigned char *e = (const unsigned char *)end;
    if (p >= e) return -1;
    unsigned c = p[0];
    int32_t cp;
    int len;
    if (c < 0x80) {
        *pp += 1;
        return (int32_t)c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        *pp += 1;
        return -1;
    }
    if (e - p < len) {
        *pp += 1;
        return -1;
    }
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *pp += 1;
            return -1;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    /* overlong, surrogate and out-of-range forms */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *pp += 1;
        return -1;
    }
    *pp += len;
    return cp;
}

bool utf8_valid(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while (p < end) {
        if (*p == '\0') return false;
        if (utf8_decode(&p, end) < 0) return false;
    }
    return true;
}

size_t utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0) return 0;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        o[0] = (unsigned char)(0xF0 | (cp >> 18));
        o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) n++;
    return n;
}

int utf8_cp_width(int32_t cp)
{
    if (cp == 0) return 0;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
    /* combining marks commonly met in Chinese text: none are; keep the
     * general blocks so that accents do not push columns */
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) ||   /* Hangul Jamo */
        (cp >= 0x2E80 && cp <= 0x303E) ||   /* CJK radicals, punctuation (incl. U+3000) */
        (cp >= 0x3041 && cp <= 0x33FF) ||   /* kana, CJK compatibility */
        (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK extension A */
        (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified ideographs */
        (cp >= 0xA000 && cp <= 0xA4CF) ||   /* Yi */
        (cp >= 0xAC00 && cp <= 0xD7A3) ||   /* Hangul syllables */
        (cp >= 0xF900 && cp <= 0xFAFF) ||   /* CJK compatibility ideographs */
        (cp >= 0xFE30 && cp <= 0xFE4F) ||   /* CJK compatibility forms */
        (cp >= 0xFF00 && cp <= 0xFF60) ||   /* full-width forms */
        (cp >= 0xFFE0 && cp <= 0xFFE6) ||   /* full-width signs */
        (cp >= 0x1F300 && cp <= 0x1F64F) || /* pictographs */
        (cp >= 0x20000 && cp <= 0x3FFFD))   /* CJK extensions B and later */
        return 2;
    /* Ambiguous-width characters (the curly quotes “ ” of notices, the
     * em dash) are narrow, as glibc's wcwidth() and most terminals have it. */
    return 1;
}

size_t utf8_width(const char *s)
{
    size_t w = 0;
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        int32_t cp = utf8_decode(&p, end);
        w += cp < 0 ? 1 : (size_t)utf8_cp_width(cp);
    }
    return w;
}

size_t utf8_prefix_len(const char *s, size_t max_bytes)
{
    size_t n = strlen(s);
    if (n <= max_bytes) return n;
    n = max_bytes;
    while (n > 0 && (((unsigned char)s[n]) & 0xC0) == 0x80) n--;
    return n;
}

static size_t space_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
    if (n >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
        return 3; /* U+3000 ideographic space */
    return 0;
}

size_t utf8_trim(const char *s, size_t n, size_t *start)
{
    size_t a = 0, k;
    while (a < n && (k = space_at(s + a, n - a)) > 0) a += k;
    size_t b = n;
    for (;;) {
        if (b > a && space_at(s + b - 1, 1) == 1) {
            b--;
        } else if (b >= a + 3 && space_at(s + b - 3, 3) == 3) {
            b -= 3;
        } else {
            break;
        }
    }
    if (start) *start = a;
    return b - a;
}

bool utf8_blank(const char *s)
{
    return !s || utf8_trim(s, strlen(s), NULL) == 0;
}

char *utf8_tidy_lines(Arena *a, const char *s)
{
    if (!s) return arena_strdup(a, "");
    Buf b = BUF_INIT(a);
    while (*s) {
        size_t n = strcspn(s, "\r\n"), start;
        size_t t = utf8_trim(s, n, &start);
        if (t) {
            if (b.len) buf_putc(&b, '\n');
            buf_append(&b, s + start, t);
        }
        s += n;
        if (*s) s++;
    }
    return b.data ? b.data : arena_strdup(a, "");
}
