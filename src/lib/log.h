/*
 * log.h - diagnostics on stderr, one line each, safe from any thread.
 */
#ifndef SHISHI_LOG_H
#define SHISHI_LOG_H

enum LogLevel { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Lines below LOG_INFO are dropped. */
void log_msg(enum LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
