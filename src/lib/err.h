/*
 * err.h - errors as values.
 *
 * A function that can fail returns int (0 = ok, -1 = failed) and fills an Err
 * the caller owns. msg is for the person using shishi (Chinese on pages, or a
 * one-line English message on the command line where the issue says so);
 * field names the form field or input item that caused it, so the web layer can
 * show the message beside it.
 */
#ifndef SHISHI_ERR_H
#define SHISHI_ERR_H

#include <stdarg.h>

enum ErrCode {
    ERR_NONE = 0,
    ERR_INVALID,    /* bad input: the user can correct it */
    ERR_NOT_FOUND,  /* no such object */
    ERR_FORBIDDEN,  /* the role may not do this */
    ERR_CONFLICT,   /* the object's state does not allow it (closed round, submitted report) */
    ERR_TOO_LARGE,  /* input over a limit */
    ERR_IO,         /* file, database or network failure */
    ERR_INTERNAL,   /* a bug or an unexpected library failure */
};

typedef struct Err {
    enum ErrCode code;  /* ERR_NONE while nothing failed */
    char field[48];     /* input field that caused it, "" if none */
    char msg[512];      /* message for the user, UTF-8 */
} Err;

#define ERR_INIT {ERR_NONE, "", ""}

/* Sets code, field (may be NULL) and a formatted message; returns -1 so that
 * callers can write `return err_set(e, ...)`. e may be NULL. Keeps the first
 * error: a later err_set on an Err already set does nothing. */
int err_set(Err *e, enum ErrCode code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void err_clear(Err *e);

#endif
