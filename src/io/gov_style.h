/*
 * gov_style.h - the GB/T 9704-2012 (党政机关公文格式) facts the DOCX and XLSX
 * writers share: font faces, sizes, paper and margins.
 *
 * The faces are named as an office's Windows machine knows them; files name
 * them and never embed them. Sizes: 二号 22 pt, 三号 16, 四号 14, 小四 12.
 */
#ifndef SHISHI_GOV_STYLE_H
#define SHISHI_GOV_STYLE_H

#define GOV_FONT_BODY "仿宋_GB2312"    /* body text (5.2.2) */
#define GOV_FONT_TITLE "方正小标宋简体"  /* title (7.3.1) */
#define GOV_FONT_HEI "黑体"             /* 附件 label (7.3.7), level-1 headings, table heads */
#define GOV_FONT_KAI "楷体_GB2312"      /* level-2 headings, subtitles */
#define GOV_FONT_SONG "宋体"            /* page numbers (7.5) */

/* Sizes in points. */
#define GOV_PT_2 22    /* 二号: title */
#define GOV_PT_3 16    /* 三号: label, body text */
#define GOV_PT_4 14    /* 四号: page numbers */
#define GOV_PT_S4 12   /* 小四: text inside the quarterly table (see table_docx.c) */

/* A4 in twips (1/1440 inch; 1 mm = 56.69 twips). */
#define GOV_A4_SHORT 11906
#define GOV_A4_LONG 16838

/* Portrait margins (5.2.1): top 37 mm, bottom 35, left (binding) 28,
 * right 26, leaving the 156 x 225 mm text block. */
#define GOV_MAR_TOP 2098
#define GOV_MAR_BOTTOM 1984
#define GOV_MAR_LEFT 1587
#define GOV_MAR_RIGHT 1474

/* A landscape table page is the portrait page turned so that the table's
 * head faces the binding edge (clause 8): portrait left becomes the top,
 * portrait bottom the left. The text block stays 225 x 156 mm. */
#define GOV_LMAR_TOP 1587
#define GOV_LMAR_BOTTOM 1474
#define GOV_LMAR_LEFT 1984
#define GOV_LMAR_RIGHT 2098

/* 28.95 pt: 22 lines of 三号 in the 225 mm text block (每面22行). */
#define GOV_LINE_TWIPS 579

#endif
