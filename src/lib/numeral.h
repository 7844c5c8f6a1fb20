/*
 * numeral.h - Chinese numerals as official documents number things
 * (一、 （十二） 第三季度). Depends on libc only.
 */
#ifndef SHISHI_NUMERAL_H
#define SHISHI_NUMERAL_H

#include "arena.h"

#define CN_NUMBER_MAX 16  /* bytes of the longest result, with its NUL */

/* n as a Chinese numeral: 1 一, 10 十, 12 十二, 20 二十, 99 九十九. Numbers
 * outside 1-99 stay in Arabic digits ("0", "100"). Writes out and returns it. */
char *cn_number_to(int n, char out[CN_NUMBER_MAX]);
/* The same, in the arena. */
char *cn_number(Arena *a, int n);

#endif
