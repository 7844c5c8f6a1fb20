/* files.c - content-addressed file store and attachments. See files.h. */
#include "core/files.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/vocab.h"
#include "db/store.h"
#include "io/json_util.h"
#include "io/sniff.h"
#include "lib/timeutil.h"
#include "lib/utf8.h"

char *file_path(Arena *a, const char *files_dir, const char *sha256)
{
    return arena_printf(a, "%s/%.2s/%s", files_dir, sha256, sha256);
}

void file_release(Db *db, Arena *a, const char *files_dir, const char *sha256)
{
    int count = 1;
    if (store_attachment_count_sha(db, sha256, &count, NULL) == 0 && count == 0)
        unlink(file_path(a, files_dir, sha256));
}

char *file_clean_name(Arena *a, const char *name)
{
    if (!name) name = "";
    const char *base = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\') base = p + 1;
    size_t len = strlen(base);
    if (!utf8_valid(base, len)) return arena_strdup(a, "附件");
    char *out = arena_alloc(a, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)base[i];
        if (c < 0x20 || c == 0x7f || c == '"') continue;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    out[utf8_prefix_len(out, 360)] = '\0'; /* 120 CJK characters */
    return n ? out : arena_strdup(a, "附件");
}

/* SHA-256 of a file, hex. */
static int hash_file(const char *path, char hex[65], Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_IO, "file", "无法读取上传的文件");
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) crypto_hash_sha256_update(&st, buf, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) return err_set(e, ERR_IO, "file", "读取上传的文件失败");
    unsigned char out[32];
    crypto_hash_sha256_final(&st, out);
    sodium_bin2hex(hex, 65, out, sizeof out);
    return 0;
}

/* Copies src to dest durably: a temporary name, fsync, rename. The upload
 * may sit on another file system, so a rename alone would not do. */
static int copy_into_store(const char *src, const char *dest, Arena *a, Err *e)
{
    char *tmp = arena_printf(a, "%s.part", dest);
    int in = open(src, O_RDONLY), out = -1;
    if (in < 0) return err_set(e, ERR_IO, "file", "无法读取上传的文件");
    out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) {
        close(in);
        return err_set(e, ERR_IO, "file", "无法保存文件：%s", strerror(errno));
    }
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            rc = -1;
            break;
        }
    if (n < 0 || fsync(out) != 0) rc = -1;
    close(in);
    if (close(out) != 0) rc = -1;
    if (rc == 0 && rename(tmp, dest) != 0) rc = -1;
    if (rc < 0) {
        unlink(tmp);
        return err_set(e, ERR_IO, "file", "保存文件失败（磁盘已满？）");
    }
    return 0;
}

/* Evidence changes with its report: only by a clerk of the report's unit,
 * only while the round is open and the report a draft or returned.
 * sent_msg: what a submitted or accepted report answers. */
static int check_evidence(Db *db, Arena *a, const Actor *who, Id report_id, Id unit_id,
                          const char *sent_msg, Err *e)
{
    if (!report_id) return err_set(e, ERR_CONFLICT, NULL, "请先保存草稿");
    Report rep;
    Round rd;
    if (store_report_get(db, a, report_id, &rep, e) < 0 || store_round_get(db, a, rep.round_id, &rd, e) < 0)
        return -1;
    if (who->role != ROLE_REPORTER || who->unit_id != rep.unit_id || unit_id != rep.unit_id)
        return err_set(e, ERR_FORBIDDEN, NULL, "只能修改本单位报告的佐证材料");
    if (rd.closed) return err_set(e, ERR_CONFLICT, NULL, "本轮次已关闭，不能再修改");
    if (rep.status != REPORT_DRAFT && rep.status != REPORT_RETURNED)
        return err_set(e, ERR_CONFLICT, NULL, "%s", sent_msg);
    return 0;
}

static const char ADD_SENT[] = "报告已报送，不能再修改佐证材料";
static const char REMOVE_SENT[] = "报告已报送，不能删除其佐证材料";

int file_accept(Arena *a, const char *files_dir, const IncomingFile *in, int64_t max_bytes,
                StoredFile *out, Err *e)
{
    if (!in || (!in->tmp_path && !in->too_large) || (in->size == 0 && !in->too_large))
        return err_set(e, ERR_INVALID, "file", "请选择要上传的文件");
    if (in->too_large)
        return err_set(e, ERR_TOO_LARGE, "file", "文件超过大小限制（最大%lldMB）",
                       (long long)(max_bytes >> 20));
    FileKind kind;
    if (sniff_file(in->tmp_path, in->filename, &kind, e) < 0) return -1;
    char *sha = out->sha256;
    if (hash_file(in->tmp_path, sha, e) < 0) return -1;
    char *dir = arena_printf(a, "%s/%.2s", files_dir, sha);
    char *dest = file_path(a, files_dir, sha);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, "file", "无法保存文件：%s", strerror(errno));
    struct stat sb;
    out->existed = stat(dest, &sb) == 0;
    if (!out->existed && copy_into_store(in->tmp_path, dest, a, e) < 0) return -1;
    out->files_dir = files_dir;
    out->size = in->size;
    out->mime = kind.mime;
    out->filename = file_clean_name(a, in->filename);
    return 0;
}

void file_discard(Db *db, Arena *a, const StoredFile *sf)
{
    if (!sf->existed) file_release(db, a, sf->files_dir, sf->sha256);
}

int attachment_record(Db *db, Arena *a, const Actor *who, const StoredFile *sf, Attachment *att,
                      Err *e)
{
    char now[TS_ISO_LEN];
    ts_now(now);
    att->sha256 = arena_strdup(a, sf->sha256);
    att->size = sf->size;
    att->mime = (char *)sf->mime;
    att->filename = sf->filename;
    att->uploaded_by = who->user_id;
    att->uploaded_at = arena_strdup(a, now);
    if (db_begin(db, e) < 0) return -1;
    if (store_attachment_insert(db, att, e) < 0 ||
        audit_record(db, who, "file.upload", "attachment", att->id, NULL,
                     json_take_text(a, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I}", "kind",
                                                 attach_kind_name(att->kind), "filename", att->filename,
                                                 "sha256", sf->sha256, "size", (json_int_t)att->size,
                                                 "project_id", (json_int_t)att->project_id,
                                                 "unit_id", (json_int_t)att->unit_id)),
                     e) < 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db, e);
}

int attachment_add(Db *db, Arena *a, const Actor *who, const char *files_dir,
                   const IncomingFile *in, int64_t max_bytes, Attachment *att, Err *e)
{
    bool evidence = att->kind == ATTACH_EVIDENCE;
    /* first before the file work, to refuse early; again under the write lock */
    if (evidence && check_evidence(db, a, who, att->report_id, att->unit_id, ADD_SENT, e) < 0) return -1;
    StoredFile sf = {0};
    if (file_accept(a, files_dir, in, max_bytes, &sf, e) < 0) return -1;
    if (db_begin(db, e) < 0) goto undo;
    if ((evidence && check_evidence(db, a, who, att->report_id, att->unit_id, ADD_SENT, e) < 0) ||
        attachment_record(db, a, who, &sf, att, e) < 0) {
        db_rollback(db);
        goto undo;
    }
    if (db_commit(db, e) < 0) goto undo;
    return 0;
undo:
    file_discard(db, a, &sf);
    return -1;
}

int attachment_remove(Db *db, Arena *a, const Actor *who, const char *files_dir, Id id, Err *e)
{
    Attachment att;
    if (db_begin(db, e) < 0) return -1;
    if (store_attachment_get(db, a, id, &att, e) < 0 ||
        (att.kind == ATTACH_EVIDENCE &&
         check_evidence(db, a, who, att.report_id, att.unit_id, REMOVE_SENT, e) < 0) ||
        store_attachment_delete(db, id, e) < 0 ||
        audit_record(db, who, "file.remove", "attachment", id,
                     json_take_text(a, json_pack("{s:s, s:s}", "filename", att.filename, "sha256", att.sha256)),
                     NULL, e) < 0) {
        db_rollback(db);
        return -1;
    }
    if (db_commit(db, e) < 0) return -1;
    file_release(db, a, files_dir, att.sha256);
    return 0;
}

bool attachment_visible_to(const Attachment *att, enum ReportStatus report_status, const Actor *who)
{
    if (!who) return false;
    switch (who->role) {
    case ROLE_REPORTER:
        return who->unit_id == att->unit_id;
    case ROLE_ADMIN:
    case ROLE_VIEWER:
        return !(att->kind == ATTACH_EVIDENCE && report_status == REPORT_DRAFT);
    default:
        return false;
    }
}
