/*
 * smtp.h - one plain-text e-mail through an SMTP server, with libcurl.
 *
 * The message is built here as RFC 5322 text: Date, Message-ID, From, To,
 * Subject (RFC 2047 base64 encoded-words of UTF-8), MIME-Version and a
 * text/plain; charset=UTF-8 body in base64 with 76-character lines, so that
 * Chinese text reaches old mail clients intact whatever their transport.
 * Addresses are bare (name@host): a value that could break out of its
 * header is refused, never sent.
 */
#ifndef SHISHI_SMTP_H
#define SHISHI_SMTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"

/* Seconds allowed to connect, and for the whole exchange: short, because
 * the coordinator waits for the page while the server talks to the SMTP
 * server. */
#define SMTP_CONNECT_TIMEOUT 5
#define SMTP_TOTAL_TIMEOUT 20

/* True for a bare address local@domain of printable ASCII without spaces,
 * angle brackets, commas, quotes or control characters (at most 254 bytes). */
bool smtp_address_ok(const char *addr);

/* base64 (RFC 4648, with padding) of data[0..n), broken into lines of at
 * most wrap characters separated by CRLF (wrap 0: one line). In a. */
char *smtp_base64(Arena *a, const void *data, size_t n, size_t wrap);

/* A header value: returned as is when it is printable ASCII, else as
 * RFC 2047 "=?UTF-8?B?...?=" encoded-words of at most 75 characters, split
 * on character boundaries and folded with CRLF SP. In a. */
char *smtp_encode_header(Arena *a, const char *text_utf8);

/* The whole message, CRLF line ends, ready for DATA. when is the Date
 * (seconds since the epoch, shown in local time with its offset);
 * message_id is without angle brackets, NULL for a random one at the
 * sender's domain. The body's line ends become CRLF before encoding. */
char *smtp_message(Arena *a, const char *from, const char *to, const char *subject,
                   const char *body_utf8, int64_t when, const char *message_id);

/* Sends one message to one recipient through url: smtp://host:port
 * (plain), smtps://host:port (TLS from the start), or smtp://host:port?starttls
 * (STARTTLS when the server offers it, CURLUSESSL_TRY). Credentials may be
 * in the URL (smtp://user:password@host). Returns 0 once the server has
 * accepted the message; -1 with e otherwise: ERR_INVALID for a bad address
 * or URL, ERR_IO with a Chinese message naming the cause, e->field "smtp"
 * when the server cannot be used at all (later messages would fail alike)
 * and "email" when it refused this message. The URL, which may
 * hold a password, never appears in messages. Safe from any thread. */
int smtp_send(const char *url, const char *from, const char *to, const char *subject,
              const char *body_utf8, Err *e);

#endif
