/* smtp.c - building an RFC 5322 message and handing it to an SMTP server
 * through libcurl. See smtp.h. */
#include "io/smtp.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/buf.h"
#include "lib/utf8.h"

bool smtp_address_ok(const char *addr)
{
    if (!addr) return false;
    size_t n = strlen(addr);
    if (n < 3 || n > 254) return false;
    const char *at = strchr(addr, '@');
    if (!at || at == addr || at[1] == '\0' || strchr(at + 1, '@')) return false;
    for (const char *p = addr; *p; p++) {
        unsigned char c = (unsigned char)*p;
        /* anything that could end the header, the <address> or the list */
        if (c <= 0x20 || c >= 0x7f || strchr("<>,;:\"()[]\\", c)) return false;
    }
    return true;
}

char *smtp_base64(Arena *a, const void *data, size_t n, size_t wrap)
{
    size_t size = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *line = arena_alloc(a, size);
    sodium_bin2base64(line, size, data, n, sodium_base64_VARIANT_ORIGINAL);
    size_t len = strlen(line);
    if (!wrap || len <= wrap) return line;
    Buf b = BUF_INIT(a);
    buf_reserve(&b, len + (len / wrap + 1) * 2);
    for (size_t i = 0; i < len; i += wrap) {
        if (i) buf_puts(&b, "\r\n");
        buf_append(&b, line + i, len - i < wrap ? len - i : wrap);
    }
    return b.data;
}

/* Encoded-words carry at most this many bytes of text: 39 bytes are 52
 * base64 characters, so "=?UTF-8?B?" + 52 + "?=" is 64 characters and even
 * the first line "Subject: " + word stays within RFC 2047's 76. A multiple
 * of 3 leaves no padding inside a run of words. */
#define WORD_BYTES 39

char *smtp_encode_header(Arena *a, const char *text)
{
    bool plain = true;
    for (const char *p = text; *p && plain; p++)
        plain = (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f;
    if (plain) return arena_strdup(a, text);
    Buf b = BUF_INIT(a);
    const char *p = text;
    while (*p) {
        size_t n = utf8_prefix_len(p, WORD_BYTES);
        if (n == 0) n = 1; /* malformed byte: carry it rather than loop */
        if (p != text) buf_puts(&b, "\r\n ");
        buf_printf(&b, "=?UTF-8?B?%s?=", smtp_base64(a, p, n, 0));
        p += n;
    }
    return b.data;
}

/* "Mon, 10 Oct 2022 10:00:00 +0800", whatever the process's locale. */
static char *rfc5322_date(Arena *a, int64_t when)
{
    static const char *const DAYS[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t = (time_t)when;
    struct tm tm;
    localtime_r(&t, &tm);
    long off = tm.tm_gmtoff / 60;
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    return arena_printf(a, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld", DAYS[tm.tm_wday % 7],
                        tm.tm_mday, MONTHS[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour,
                        tm.tm_min, tm.tm_sec, sign, off / 60, off % 60);
}

static char *random_message_id(Arena *a, const char *from)
{
    unsigned char r[12];
    char hex[sizeof r * 2 + 1];
    if (sodium_init() < 0) abort(); /* only when the system has no randomness at all */
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    const char *domain = strchr(from, '@');
    return arena_printf(a, "%s.shishi@%s", hex, domain ? domain + 1 : "localhost");
}

char *smtp_message(Arena *a, const char *from, const char *to, const char *subject,
                   const char *body, int64_t when, const char *message_id)
{
    /* text/plain is sent in canonical form: every line ends in CRLF */
    Buf text = BUF_INIT(a);
    for (const char *p = body ? body : ""; *p; p++) {
        if (*p == '\r' && p[1] == '\n') continue; /* the \n that follows writes the CRLF */
        if (*p == '\n' || *p == '\r') buf_puts(&text, "\r\n");
        else buf_putc(&text, *p);
    }
    Buf m = BUF_INIT(a);
    buf_printf(&m, "Date: %s\r\n", rfc5322_date(a, when));
    buf_printf(&m, "Message-ID: <%s>\r\n", message_id ? message_id : random_message_id(a, from));
    buf_printf(&m, "From: %s\r\n", from);
    buf_printf(&m, "To: %s\r\n", to);
    buf_printf(&m, "Subject: %s\r\n", smtp_encode_header(a, subject ? subject : ""));
    buf_puts(&m, "MIME-Version: 1.0\r\n"
                 "Content-Type: text/plain; charset=UTF-8\r\n"
                 "Content-Transfer-Encoding: base64\r\n"
                 "\r\n");
    buf_puts(&m, smtp_base64(a, text.data ? text.data : "", text.len, 76));
    buf_puts(&m, "\r\n");
    return m.data;
}

/* ---- sending ------------------------------------------------------------------ */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_start(void)
{
    /* once per process, before any handle: curl_global_init is not
     * thread-safe in every libcurl a Debian release may carry */
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

typedef struct MailBody {
    const char *data;
    size_t len, pos;
} MailBody;

static size_t read_cb(char *buffer, size_t size, size_t nitems, void *userdata)
{
    MailBody *u = userdata;
    size_t room = size * nitems, left = u->len - u->pos;
    size_t n = left < room ? left : room;
    memcpy(buffer, u->data + u->pos, n);
    u->pos += n;
    return n;
}

static const char *cause_of(CURLcode rc)
{
    switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT: return "邮件服务器地址不正确";
    case CURLE_COULDNT_RESOLVE_HOST: return "找不到邮件服务器";
    case CURLE_COULDNT_CONNECT: return "无法连接邮件服务器";
    case CURLE_OPERATION_TIMEDOUT: return "连接邮件服务器超时";
    case CURLE_LOGIN_DENIED: return "邮件服务器拒绝登录（用户名或密码不正确）";
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION: return "无法与邮件服务器建立加密连接";
    default: return "邮件服务器未接受这封邮件";
    }
}

static bool server_failure(CURLcode rc)
{
    return rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT ||
           rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_CONNECT ||
           rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_LOGIN_DENIED ||
           rc == CURLE_USE_SSL_FAILED || rc == CURLE_SSL_CONNECT_ERROR ||
           rc == CURLE_PEER_FAILED_VERIFICATION;
}

int smtp_send(const char *url, const char *from, const char *to, const char *subject,
              const char *body_utf8, Err *e)
{
    if (!url || (strncmp(url, "smtp://", 7) != 0 && strncmp(url, "smtps://", 8) != 0))
        return err_set(e, ERR_INVALID, "smtp", "邮件服务器地址应以 smtp:// 或 smtps:// 开头");
    if (!smtp_address_ok(from))
        return err_set(e, ERR_INVALID, "from", "发件人邮箱地址不正确");
    if (!smtp_address_ok(to))
        return err_set(e, ERR_INVALID, "email", "收件人邮箱地址“%s”不正确", to ? to : "");
    pthread_once(&curl_once, curl_start);

    Arena *a = arena_new();
    /* "?starttls" is ours, not curl's: strip it and ask for STARTTLS */
    const char *q = strstr(url, "?starttls");
    bool starttls = q && q[9] == '\0';
    const char *target = starttls ? arena_strndup(a, url, (size_t)(q - url)) : url;
    char *msg = smtp_message(a, from, to, subject, body_utf8, (int64_t)time(NULL), NULL);
    MailBody up = {msg, strlen(msg), 0};
    char errbuf[CURL_ERROR_SIZE] = "";

    int result = 0;
    CURL *c = curl_easy_init();
    if (!c) {
        arena_free(a);
        return err_set(e, ERR_INTERNAL, NULL, "邮件发送组件初始化失败");
    }
    struct curl_slist *rcpt = curl_slist_append(NULL, arena_printf(a, "<%s>", to));
    curl_easy_setopt(c, CURLOPT_URL, target);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, arena_printf(a, "<%s>", from));
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.len);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)SMTP_CONNECT_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)SMTP_TOTAL_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* worker threads: no SIGALRM for timeouts */
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    if (starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);

    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        long code = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        /* curl's own words help whoever reads the reminder's error later;
         * they name the host at most, never the URL's credentials */
        const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
        /* field "smtp": the server itself is unusable, later messages would
         * fail the same way; "email": it refused this one message */
        const char *field = server_failure(rc) ? "smtp" : "email";
        if (code >= 400)
            err_set(e, ERR_IO, field, "%s（服务器答复 %ld：%s）", cause_of(rc), code, detail);
        else
            err_set(e, ERR_IO, field, "%s（%s）", cause_of(rc), detail);
        result = -1;
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    arena_free(a);
    return result;
}
