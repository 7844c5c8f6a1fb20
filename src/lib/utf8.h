/*
 * utf8.h - UTF-8 checks and terminal widths. Depends on libc only.
 *
 * Normalisation (full-width digits, NFKC) needs utf8proc and lives in io/.
 */
#ifndef SHISHI_UTF8_H
#define SHISHI_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* True when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF). NUL bytes count as invalid: text fields never
 * carry them. */
bool utf8_valid(const char *s, size_t n);

/* Decodes one code point at *p (not beyond end) and advances *p.
 * Returns the code point, or -1 for a malformed sequence (advancing one byte). */
int32_t utf8_decode(const char **p, const char *end);

/* Writes cp as UTF-8 into out (at least 4 bytes); returns bytes written (0 if invalid). */
size_t utf8_encode(int32_t cp, char *out);

/* Number of code points in a NUL-terminated string. */
size_t utf8_chars(const char *s);

/* Columns a code point takes in a terminal: 2 for East Asian wide and
 * full-width characters, 0 for combining marks, else 1. */
int utf8_cp_width(int32_t cp);
/* Columns a NUL-terminated string takes. */
size_t utf8_width(const char *s);

/* Length in bytes of the longest prefix of s that is at most max_bytes long
 * and ends on a code point boundary. */
size_t utf8_prefix_len(const char *s, size_t max_bytes);

/* Byte length of s with leading and trailing ASCII and ideographic
 * (U+3000) spaces removed; *start gets the offset of the first kept byte. */
size_t utf8_trim(const char *s, size_t n, size_t *start);

/* True when s is NULL or holds nothing but the spaces utf8_trim removes. */
bool utf8_blank(const char *s);

/* s as tidy lines: LF, CR and CRLF end a line, each line is trimmed as by
 * utf8_trim, blank lines are dropped, the rest joined by '\n'. NULL or
 * blank gives "". In the arena (also the ""). Text written into a table or a draft and
 * text read back from one are tidied the same way, so it survives. */
char *utf8_tidy_lines(Arena *a, const char *s);

#endif
