/*
 * params.h - typed readers of query and form fields. A handler never parses
 * raw text itself: it asks for an id, a date, a number or a string of at
 * most so many characters, and gets the value or a message in Chinese
 * recorded beside the field (req_field_error) for the form to show.
 */
#ifndef SHISHI_PARAMS_H
#define SHISHI_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "web/request.h"

/* A positive decimal id of at most 18 digits in s[0..len); false (out
 * unchanged) otherwise. Leading zeros are accepted. */
bool id_parse(const char *s, size_t len, Id *out);

/* The positive id named name in l (the query, the form); false (out
 * unchanged) when absent or malformed. */
bool param_id(const ParamList *l, const char *name, Id *out);

/* A positive id from the query string; false when absent or malformed. */
bool query_id(const Request *r, const char *name, Id *out);

/* A positive id from the form (hidden fields); false when absent or malformed. */
bool form_id(const Request *r, const char *name, Id *out);

/* A form string: valid UTF-8 without control characters (newlines allowed
 * when multiline), trimmed, at most max_chars characters. Returns NULL
 * (and records an error) when invalid or required and empty; returns ""
 * when optional and empty. */
const char *form_string(Request *r, const char *name, const char *label, size_t max_chars,
                        bool required, bool multiline);
/* Same, but NULL (without error) when empty. */
const char *form_optional(Request *r, const char *name, const char *label, size_t max_chars);

/* A date YYYY-MM-DD (also 2022/6/30, 2022年6月30日). *out = DATE_NONE when
 * empty and optional. False (with an error) when malformed. */
bool form_date(Request *r, const char *name, const char *label, bool required, int *out);

/* A non-negative number; full-width digits and thousands separators are
 * accepted. *present tells whether a value was given. */
bool form_number(Request *r, const char *name, const char *label, bool required, double *out,
                 bool *present);

/* An integer in [min, max]. */
bool form_int(Request *r, const char *name, const char *label, long min, long max, long *out);

/* One of the given stored names ("lead", "responsible"); index into names. */
bool form_choice(Request *r, const char *name, const char *label, const char *const *names,
                 size_t n, int *out);
/* The same message for a choice read with a core *_parse function
 * (core/vocab.h): records "请选择<label>" beside name unless ok; returns ok.
 *   form_chosen(r, "role", "角色", role_parse(params_get(&r->form, "role"), &role)) */
bool form_chosen(Request *r, const char *name, const char *label, bool ok);

/* A checkbox: present and "1"/"on". */
bool form_checked(const Request *r, const char *name);

/* An uploaded file read whole into the arena. */
typedef struct FileBytes {
    const char *data;
    size_t len;
    const char *filename;  /* as the browser sent it */
} FileBytes;

/* The request's uploaded file (for the pages that read one: a notice, a
 * filled table), at most max bytes. False with a Chinese message on the
 * "file" field when there is none, it is too large, or it cannot be read;
 * *status then gets 413 or 400. */
bool form_file_bytes(Request *r, size_t max, FileBytes *out, int *status);

/* Turns full-width digits, ．，－ into ASCII, drops spaces and thousands
 * separators: "１２，０００" -> "12000". In the arena. */
char *normalise_number_text(Arena *a, const char *s);

#endif
