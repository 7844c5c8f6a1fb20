/*
 * notice_internal.h - what the notice_*.c files share; not for other layers.
 *
 * The importer reads the notice twice over: the text as published (orig:
 * UTF-8, LF line ends) is what the reviewer sees in titles, texts and source
 * sentences; a normalised copy (full-width digits and punctuation folded by
 * utf8proc's NFKC, stray spaces between Chinese characters and inside
 * numbers removed) is what the parsers match against. Every parser works in
 * offsets of the normalised text and maps back to the original through
 * NText.map when it emits a string.
 *
 * The pipeline (notice_import.c): decode (notice_text.c or notice_docx.c) ->
 * normalise -> header (notice_meta.c) -> numbered items (notice_segment.c) ->
 * units (notice_units.c) -> ending: date, contact, coordinator
 * (notice_meta.c) -> targets and standards (notice_target.c, notice_name.c,
 * notice_standard.c, on notice_number.c's tokens) -> attachment table
 * (notice_table.c) -> units in order, defaults, notes sorted.
 */
#ifndef SHISHI_NOTICE_INTERNAL_H
#define SHISHI_NOTICE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "io/notice.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/strmap.h"

#define NPOS ((size_t)-1)

/* Per project: more than these is no real project, only a way to make the
 * importer slow; the rest is flagged, not taken. */
#define NPROJ_MAX_UNITS 40
#define NPROJ_MAX_INDICATORS 100
#define NPROJ_MAX_STANDARDS 30
#define NPROJ_MAX_FLAGS 40
/* Name-building looks at most this many bytes either side of a number. */
#define NNAME_REACH 240

/* ---- text (notice_text.c) ------------------------------------------------- */

typedef struct NText {
    const char *orig;     /* as published, UTF-8 */
    size_t orig_len;
    const char *s;        /* normalised, NUL-terminated */
    size_t len;
    const uint32_t *map;  /* len + 1 entries: orig offset of the character each
                             normalised byte came from; map[len] == orig_len */
} NText;

/* A piece of a string being assembled: a normalised range, or a literal. */
typedef struct NPiece {
    size_t s, e;
    const char *lit;  /* when set, s and e are ignored */
} NPiece;

/* Converts the bytes of a text file to UTF-8 with LF line ends: UTF-8 (with
 * or without BOM), UTF-16 with BOM, else GB18030 (which covers GBK and
 * GB2312) through iconv. -1 with a Chinese message for binary data or bytes
 * that are neither. */
int ntext_decode(const unsigned char *data, size_t len, Arena *a, char **out, size_t *out_len,
                 Err *e);

/* Builds the normalised text of orig[0..len). keep_spaces keeps every space
 * (collapsed to one), for parsers where a space separates names. */
void ntext_build(NText *t, const char *orig, size_t len, bool keep_spaces, Arena *a);

/* The published text of the normalised range [s, e), trimmed of spaces. */
char *ntext_orig(const NText *t, size_t s, size_t e, Arena *a);
/* Original offsets of the normalised range [s, e). */
void ntext_orig_range(const NText *t, size_t s, size_t e, size_t *os, size_t *oe);
/* Concatenates the published text of the pieces, without any spaces: names. */
char *ntext_join(const NText *t, const NPiece *p, size_t n, Arena *a);

/* Small matchers on the normalised text; positions are byte offsets. */
bool nt_at(const NText *t, size_t pos, size_t end, const char *lit);
size_t nt_find(const NText *t, size_t s, size_t e, const char *lit);   /* NPOS if none */
size_t nt_rfind(const NText *t, size_t s, size_t e, const char *lit);  /* start of the last */
int32_t nt_cp(const NText *t, size_t pos, size_t end, size_t *next);   /* -1 at end */
size_t nt_prev(const NText *t, size_t start, size_t pos);              /* previous boundary */
size_t nt_chars(const NText *t, size_t s, size_t e);
bool nt_ends(const NText *t, size_t s, size_t e, const char *lit);
/* The longest literal of the NULL-terminated list at pos, or NULL. */
const char *nt_match(const NText *t, size_t pos, size_t end, const char *const *list);
/* Skips ASCII spaces and tabs forward / backward. */
size_t nt_skip_space(const NText *t, size_t pos, size_t end);
size_t nt_trim_end(const NText *t, size_t s, size_t e);
bool cp_is_han(int32_t cp);

/* ---- DOCX (notice_docx.c) -------------------------------------------------- */

/* The text of word/document.xml: one line a paragraph; a table cell starts a
 * line with a tab and its further paragraphs follow as lines without one, a
 * row ends with an empty line (the layout docx2txt gives, which the table
 * reader expects from text files too). -1 for a damaged or hostile file. */
int ndocx_text(const unsigned char *data, size_t len, Arena *a, char **out, size_t *out_len,
               Err *e);

/* ---- the parse context ----------------------------------------------------- */

typedef struct NLine {
    size_t s, e;  /* normalised range, without the '\n' */
    bool cell;    /* starts with a tab: a table cell or table row */
} NLine;

typedef struct NRange {
    size_t s, e;
} NRange;

#define NITEM_MAX_BLOCKS 6

typedef struct NItem {
    int no;               /* 1-based, in document order */
    int level;            /* numbering style: 1 一、 2 （一） 3 1. 4 (1) 5 ① */
    size_t line;          /* its first line */
    size_t s, e;          /* normalised: after the marker .. end of the item */
    size_t title_s, title_e;
    size_t text_s;        /* start of the text after the title */
    NRange blocks[NITEM_MAX_BLOCKS]; /* unit blocks (（责任单位：…）) inside [s, e) */
    size_t n_blocks;
} NItem;

/* Per project: capacities of its arrays and where each unit was named
 * (units are reordered, lead first, before their notes are written). */
typedef struct NProj {
    size_t units, inds, stds;
    NRange *usrc;
    bool capped; /* a NPROJ_MAX_ limit was reached (and flagged) */
    size_t flags; /* flags on things not taken, at most NPROJ_MAX_FLAGS */
} NProj;

typedef struct NCtx {
    Arena *a;
    NText t;
    NLine *lines;
    size_t n_lines;
    size_t title_line;     /* line of 关于…的通知, NPOS if none */
    size_t title_end_line; /* first line after the title */
    NItem *items;
    size_t n_items;
    size_t tail_line;      /* first line after the last item */
    size_t tail_pos;       /* normalised offset where the last item ends */
    Programme *p;
    NProj *caps;           /* per project, see NProj */
    StrMap units;          /* unit registry: normalised name -> one display name */
    NoticeNote *notes;
    size_t n_notes, cap_notes;
} NCtx;

/* A note on path with the published text of [src_s, src_e) as its source
 * (src_s == NPOS: no source). flag may be NULL. Strings are copied. */
void nnote(NCtx *c, const char *path, size_t src_s, size_t src_e, const char *flag);
/* The sentence around pos (between 。！？ or line ends), as a normalised range. */
void nsentence(const NCtx *c, size_t pos, size_t *s, size_t *e);

/* ---- meta (notice_meta.c) ---------------------------------------------------- */

/* Title line, programme title, year and header issuer: before segmenting. */
void nmeta_header(NCtx *c);
/* Issue date, signature, contact, 此件公开发布, coordinator: after segmenting. */
void nmeta_tail(NCtx *c);
/* A date written 2022年6月16日 or 二〇二二年六月十六日 at pos; its end in *after. */
bool nmeta_date_at(const NText *t, size_t pos, size_t end, int *days, size_t *after);
/* A deadline as notices write it at the start of [s, e): 2022年12月底,
 * 12月底 (of year), 2022年12月31日, 2022年12月, 年底; DATE_NONE if none. */
int nmeta_deadline(const NText *t, size_t s, size_t e, int year);

/* ---- items (notice_segment.c) ------------------------------------------------ */

/* Finds the numbered items that are the projects. -1 if there are none. */
int nseg_items(NCtx *c, Err *e);

/* ---- units (notice_units.c) -------------------------------------------------- */

/* Unit blocks in [s, e): "（责任单位：…）", "（A牵头，B配合）", a line
 * "责任单位：…". Returns how many were written to out (at most max). */
size_t nunits_find(const NText *t, size_t s, size_t e, NRange *out, size_t max);
/* Adds the units named in block b to project pi. */
void nunits_parse(NCtx *c, size_t pi, NRange b);
/* Adds the units listed in [s, e) (a table cell: names split by 、 or
 * lines) with role, unless the text gives them another. */
void nunits_add(NCtx *c, size_t pi, size_t s, size_t e, enum UnitRole role);
/* Puts lead units first, keeping the notice's order otherwise. */
void nunits_finish(NCtx *c, size_t pi);

/* ---- numbers (notice_number.c) ----------------------------------------------- */

enum NumKind {
    NUM_COUNT = 0,  /* number + measure word: a possible target */
    NUM_PERCENT,
    NUM_MONEY,      /* 元, 万元 */
    NUM_AGE,        /* 35－64岁, 3岁以下 */
    NUM_YEAR,       /* 2022年 */
    NUM_DATE,       /* 6月, 16日, 12月底 */
    NUM_DURATION,   /* 3年, 6个月 */
    NUM_RANGE,      /* 3-5所 */
    NUM_OTHER,      /* no measure word, a document number, a phone number */
};

typedef struct NumTok {
    size_t s, e;        /* whole token: 不少于 … 以上 */
    size_t ns, ne;      /* the number as written: 300余, “十”, 3.3万 */
    size_t ms, me;      /* its measure word */
    double value;
    char measure[20];   /* canonical measure: "人次", "%", "元" */
    enum NumKind kind;
    enum Comparator cmp;
    bool approx;        /* 余, 多, 约, 近, 左右 */
    bool chinese;       /* written in Chinese numerals */
    bool ordinal;       /* 第三, 前3名 */
} NumTok;

/* Finds the next number in [pos, end) and classifies it; false when none. */
bool nnum_next(const NText *t, size_t pos, size_t end, NumTok *tok);
/* Parses Chinese numerals in [s, e) strictly (一百零五, 两千, 十二); -1 if not. */
double nnum_chinese(const NText *t, size_t s, size_t e);
bool cp_is_cn_digit(int32_t cp);

/* ---- targets, names, standards ------------------------------------------------- */

/* Indicators and standards of project pi, from its title and text. */
void ntarget_project(NCtx *c, size_t pi);

/* What the name builder knows about a clause. */
typedef struct NClause {
    size_t s, e;          /* the sub-clause holding the number */
    size_t verb_s, verb_e;/* leading verb of the clause's first part, for 、-lists */
    size_t prev_s, prev_e;/* previous clause in the sentence, NPOS if none */
    bool prev_has_target;
    NRange prev_obj;      /* what the previous target counted (村级综合服务中心),
                             s == NPOS if none: for "改造提升8个" after it */
} NClause;

/* A short indicator name ("新建幼儿园") for tok in clause k; *flag gets a
 * Chinese reason when the name was guessed from context; *obj the range
 * naming what is counted (s == NPOS when not found). */
char *nname_indicator(NCtx *c, const NClause *k, const NumTok *tok, const char **flag, NRange *obj);
/* The verb that [s, e) starts with (新建, 新建设, 送), or false. */
bool nname_leading_verb(const NText *t, size_t s, size_t e, size_t *vs, size_t *ve);
/* Shortens a noun phrase: drops lists before 等, modifiers before 的, fillers. */
size_t nname_compress(const NText *t, size_t s, size_t e, NPiece *out, size_t max);
/* Skips adverbials (年内, 全年, 力争 …) at the start of [s, e). */
size_t nname_skip_adverbials(const NText *t, size_t s, size_t e);

/* Standards (每人补贴15000元…) in clause [s, e) of project pi; prev is the
 * clause before it in the sentence (for 进行机构集中训练的，每人…). Returns
 * true when the clause's money was taken as standards. */
bool nstandard_clause(NCtx *c, size_t pi, size_t s, size_t e, size_t prev_s, size_t prev_e,
                      size_t sent_s, size_t sent_e);

/* ---- attachment table (notice_table.c) ------------------------------------------- */

/* Short titles, deadlines and missing units from the attachment's table,
 * and the report form's title. */
void ntable_apply(NCtx *c);

/* ---- building the programme (notice_import.c) --------------------------------- */

Indicator *nproj_add_indicator(NCtx *c, size_t pi);
Standard *nproj_add_standard(NCtx *c, size_t pi);
ProjectUnit *nproj_add_unit(NCtx *c, size_t pi);

#endif
