/*
 * export_demo.c - writes the Linzi 2022 table (tests/unit/table_fixture.h)
 * as table.docx, table.xlsx and table.csv, and a sample bulletin as
 * document.docx, into the directory given, for tests/export/check.sh to
 * check and render. Built by check.sh against build/rel/libshishi.a.
 *
 *   export_demo DIR
 */
#include <stdio.h>
#include <stdlib.h>

#include "../unit/table_fixture.h"
#include "io/docx_document.h"
#include "io/report_table.h"

static int save(const char *dir, const char *name, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "export_demo: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

typedef int (*Writer)(const ReportTable *, Arena *, void **, size_t *, Err *);

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: export_demo DIR\n");
        return 2;
    }
    Arena *a = arena_new();
    ReportTable t = linzi_table(a);
    static const struct {
        const char *name;
        Writer fn;
    } outs[] = {{"table.docx", table_docx}, {"table.xlsx", table_xlsx}, {"table.csv", table_csv}};
    int rc = 0;
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
        Err e = ERR_INIT;
        void *data;
        size_t len;
        if (outs[i].fn(&t, a, &data, &len, &e) < 0) {
            fprintf(stderr, "export_demo: %s: %s\n", outs[i].name, e.msg);
            rc = 1;
        } else if (save(argv[1], outs[i].name, data, len) < 0) {
            rc = 1;
        }
    }

    static const DocBlock blocks[] = {
        {DOC_PLAIN, "各责任单位："},
        {DOC_BODY, "现将2022年第三季度为全区妇女儿童办实事工作进展情况通报如下。"},
        {DOC_HEADING1, "一、总体进展情况"},
        {DOC_BODY, "截至9月底，10件实事中已完成1件，序时推进7件，滞后2件。各责任单位能够按照实施方案扎实推进，"
                   "城乡妇女“两癌”免费检查、困境儿童救助等项目进展较快。"},
        {DOC_HEADING1, "二、存在的问题"},
        {DOC_HEADING2, "（一）部分项目进度滞后"},
        {DOC_BODY, "婴幼儿照护服务指导中心建设、教室灯具更换等任务完成比例低于序时进度。\n"
                   "区教体局、区卫健局要分析原因，倒排工期，确保年底前完成。"},
        {DOC_HEADING2, "（二）个别单位报送不及时"},
        {DOC_BODY, "第三季度有2个单位逾期报送进展情况。"},
        {DOC_SIGNATURE, "临淄区妇女儿童工作委员会办公室\n2022年10月10日"},
    };
    DocDocument doc = {.title = "关于2022年第三季度为全区妇女儿童办实事工作进展情况的通报",
                       .blocks = blocks,
                       .n_blocks = sizeof blocks / sizeof blocks[0]};
    Err e = ERR_INIT;
    void *data;
    size_t len;
    if (docx_document(&doc, a, &data, &len, &e) < 0) {
        fprintf(stderr, "export_demo: document.docx: %s\n", e.msg);
        rc = 1;
    } else if (save(argv[1], "document.docx", data, len) < 0) {
        rc = 1;
    }
    arena_free(a);
    return rc;
}
