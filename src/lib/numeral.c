/* numeral.c - Chinese numerals. See numeral.h. */
#include "numeral.h"

#include <stdio.h>

char *cn_number_to(int n, char out[CN_NUMBER_MAX])
{
    static const char *const D[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n <= 0 || n >= 100) snprintf(out, CN_NUMBER_MAX, "%d", n);
    else if (n < 10) snprintf(out, CN_NUMBER_MAX, "%s", D[n]);
    else snprintf(out, CN_NUMBER_MAX, "%s十%s", n < 20 ? "" : D[n / 10], n % 10 ? D[n % 10] : "");
    return out;
}

char *cn_number(Arena *a, int n)
{
    char buf[CN_NUMBER_MAX];
    return arena_strdup(a, cn_number_to(n, buf));
}
