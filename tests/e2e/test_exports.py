"""The official quarterly table, the bulletin and reading filled tables
back (issue 5), against a server of this module's own on a fresh demo
database (harness.PrivateServer: the bulletin is edited and tables are
imported into 2022年第四季度):

- the round's buttons: the print page and the DOCX, XLSX and CSV downloads
  of 2022年第三季度 hold the 附件 label, the title, the five headers and every
  project; accepted reports only unless ?include=submitted;
- `shishi export` for each format, bad usage (exit 2), an unknown round (1);
- the bulletin: the draft's counts and units, the coordinator's edit kept
  and audited, its DOCX, a leader reading but not writing;
- a table exported, edited inside its zip and uploaded to 2022年第四季度:
  the preview, the drafts written; a reporter's upload writes only its
  own unit; garbage and zip bombs refused with nothing written.

(The layout itself is checked through LibreOffice by make test-export.)"""

import csv
import io
import os
import re
import struct
import tempfile
import unittest
import zipfile

import harness as h

PS = None


def setUpModule():
    global PS
    PS = h.PrivateServer("exports")


def tearDownModule():
    PS.finish()


Q3, Q4 = "2022年第三季度", "2022年第四季度"
TITLE = "2022年为区妇女儿童办实事工作进展情况报表"
HEADERS = ["序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限"]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def measures(rnd, no, unit):
    """The text of a unit's report on project no in a round."""
    return PS.one("SELECT r.measures FROM report r JOIN project p ON p.id = r.project_id JOIN unit u ON u.id = r.unit_id "
                  "JOIN round d ON d.id = r.round_id WHERE d.name = ? AND p.no = ? AND u.name = ?", (rnd, no, unit))


def short_titles():
    return [t for (t,) in PS.query("SELECT report_title FROM project ORDER BY no")]


def xml_parts_well_formed(test, z):
    for name in z.namelist():
        if name.endswith(".xml") or name.endswith(".rels"):
            with test.subTest(part=name):
                h.ET.fromstring(z.read(name))  # raises on malformed XML


def relationship_targets_exist(test, z, rels, base):
    root = h.ET.fromstring(z.read(rels))
    for rel in root:
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target")
        path = target.lstrip("/") if target.startswith("/") else os.path.normpath(os.path.join(base, target))
        test.assertIn(path, z.namelist(), f"{rels} points at {target}")


def docx_text(data):
    z = h.zip_of(data)
    return "".join(h.ooxml_texts(z, "word/document.xml"))


def xlsx_cells(data):
    """The text of every cell of the first sheet (shared strings resolved)."""
    z = h.zip_of(data)
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = h.ET.fromstring(z.read("xl/sharedStrings.xml"))
        for si in root:
            strings.append("".join(t.text or "" for t in si.iter() if t.tag.endswith("}t")))
    sheet = h.ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    out = []
    for c in sheet.iter():
        if not c.tag.endswith("}c"):
            continue
        v = next((x for x in c if x.tag.endswith("}v")), None)
        inline = "".join(t.text or "" for t in c.iter() if t.tag.endswith("}t"))
        if c.get("t") == "s" and v is not None:
            out.append(strings[int(v.text)])
        elif inline:
            out.append(inline)
        elif v is not None:
            out.append(v.text)
    return out


class Table(unittest.TestCase):
    """2022年第三季度's table from the round's buttons."""

    @classmethod
    def setUpClass(cls):
        cls.q3 = PS.round_id(Q3)
        cls.admin = PS.login("admin")
        cls.viewer = PS.login("viewer")
        cls.accepted = measures(Q3, 1, "区教体局")
        cls.returned = measures(Q3, 2, "区卫健局")     # sent back: never in the table
        cls.submitted = measures(Q3, 3, "团区委")       # awaiting review: only with include=submitted
        cls.draft = measures(Q3, 8, "区农业农村局")      # never
        for text in (cls.accepted, cls.returned, cls.submitted, cls.draft):
            assert text, "the demo's Q3 reports"
        cls.submitted_key = cls.submitted[:30]

    def assert_selection(self, text, include_submitted, what):
        self.assertIn(self.accepted[:30], text, f"{what}: an accepted report")
        self.assertNotIn(self.returned[:30], text, f"{what}: the returned report")
        self.assertNotIn(self.draft[:30], text, f"{what}: the draft")
        if include_submitted:
            self.assertIn(self.submitted_key, text, f"{what}: a submitted report with include=submitted")
        else:
            self.assertNotIn(self.submitted_key, text, f"{what}: a submitted report by default")

    def assert_holds_the_table(self, text, what, titled=True):
        if titled:  # a CSV holds the cells only
            self.assertIn(TITLE, text, what)
            self.assertIn(f"（{Q3}）", text, what)
        at = -1
        for header in HEADERS:  # in reading order
            at = text.find(header, at + 1)
            self.assertGreaterEqual(at, 0, f"{what}: header {header} in order")
        for title in short_titles():
            self.assertIn(title, text, what)

    def test_the_print_page(self):
        rounds = self.admin.get("/p/1/rounds").text
        self.assertIn(f'href="/round/{self.q3}/table"', rounds, "the round's button")
        for s, who in ((self.admin, "admin"), (self.viewer, "viewer")):
            page = s.get(f"/round/{self.q3}/table")
            self.assertEqual(page.status, 200, who)
            for ext in ("docx", "xlsx", "csv"):
                self.assertIn(f'href="/round/{self.q3}/table.{ext}"', page.text)
        html = page.text
        self.assertIn('<p class="label">附件</p>', html)
        self.assertIn(f'<h1 class="official-title">{TITLE}</h1>', html)
        rows = h.table_rows(html, '<table class="official">')
        self.assertEqual(rows[0], HEADERS)
        self.assertEqual([r[1] for r in rows[1:]], short_titles())
        self.assertEqual([r[0] for r in rows[1:]], [str(i) for i in range(1, 11)])
        text = h.text_of(html)
        self.assert_holds_the_table(text, "print page")
        self.assert_selection(text, False, "print page")
        # several units: one a line, each paragraph headed by its unit
        self.assertEqual(rows[2][2].split(), ["区卫健局", "区妇联", "区民政局", "区财政局"])
        self.assertTrue(rows[2][3].startswith("区妇联："), rows[2][3][:20])
        # A4 landscape for print, in the page's own stylesheet
        css_path = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
        css = self.admin.get(css_path).text
        self.assertRegex(css, r"@page\s*\{[^}]*size:\s*A4\s+landscape")
        # with submitted reports
        page = self.admin.get(f"/round/{self.q3}/table?include=submitted")
        self.assert_selection(h.text_of(page.text), True, "print page ?include=submitted")
        self.assertIn(f'href="/round/{self.q3}/table.docx?include=submitted"', page.text)

    def download(self, ext, query=""):
        r = self.admin.get(f"/round/{self.q3}/table.{ext}{query}")
        self.assertEqual(r.status, 200)
        kind, name, _ = h.download_names(r)
        self.assertEqual((kind, name), ("attachment", f"{TITLE}（{Q3}）.{ext}"))
        return r

    def test_docx(self):
        r = self.download("docx")
        self.assertEqual(r.header("Content-Type"), DOCX_MIME)
        z = h.zip_of(r.body)
        for part in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                     "word/styles.xml"):
            self.assertIn(part, z.namelist())
        xml_parts_well_formed(self, z)
        relationship_targets_exist(self, z, "_rels/.rels", "")
        relationship_targets_exist(self, z, "word/_rels/document.xml.rels", "word")
        types = z.read("[Content_Types].xml").decode()
        self.assertIn('PartName="/word/document.xml"', types)
        document = z.read("word/document.xml").decode()
        self.assertIn('w:orient="landscape"', document, "landscape A4")
        self.assertIn("<w:tblHeader", document, "the header row repeats on each page")
        text = "".join(h.ooxml_texts(z, "word/document.xml"))
        self.assertTrue(text.startswith("附件"), text[:20])
        self.assert_holds_the_table(text, "docx")
        self.assert_selection(text, False, "docx")
        self.assert_selection(docx_text(self.download("docx", "?include=submitted").body), True, "docx submitted")

    def test_xlsx(self):
        r = self.download("xlsx")
        self.assertEqual(r.header("Content-Type"), XLSX_MIME)
        z = h.zip_of(r.body)
        for part in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/worksheets/sheet1.xml", "xl/styles.xml"):
            self.assertIn(part, z.namelist())
        xml_parts_well_formed(self, z)
        relationship_targets_exist(self, z, "xl/_rels/workbook.xml.rels", "xl")
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn("<mergeCell ", sheet, "the title is merged across the columns")
        self.assertRegex(sheet, r'<pane [^>]*state="frozen"', "a frozen header")
        self.assertRegex(sheet, r'<pageSetup [^>]*orientation="landscape"')
        cells = xlsx_cells(r.body)
        self.assertEqual(cells[0], "附件")
        text = "\n".join(cells)
        self.assert_holds_the_table(text, "xlsx")
        self.assert_selection(text, False, "xlsx")
        self.assertEqual([c for c in cells if c in HEADERS], HEADERS)
        self.assert_selection("\n".join(xlsx_cells(self.download("xlsx", "?include=submitted").body)), True,
                              "xlsx submitted")

    def test_csv(self):
        r = self.download("csv")
        self.assertEqual(r.header("Content-Type"), "text/csv; charset=utf-8")
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM")
        rows = list(csv.reader(io.StringIO(r.body[3:].decode("utf-8"), newline="")))
        self.assertEqual(rows[0], HEADERS)
        body = rows[1:]
        self.assertEqual(len(body), 10, [r[:2] for r in body])
        self.assertTrue(all(len(row) == 5 for row in body))
        self.assertEqual([row[0] for row in body], [str(i) for i in range(1, 11)])
        self.assertEqual([row[1] for row in body], short_titles())
        self.assertEqual(body[1][2].split("\n"), ["区卫健局", "区妇联", "区民政局", "区财政局"])
        self.assertEqual(body[0][3], self.accepted, "the cell holds the report's text exactly")
        self.assertEqual({row[4] for row in body}, {"2022年12月底"})
        self.assert_selection(r.body.decode("utf-8-sig"), False, "csv")
        self.assert_selection(self.download("csv", "?include=submitted").body.decode("utf-8-sig"), True,
                              "csv submitted")

    def test_command_line(self):
        d = tempfile.mkdtemp(prefix="export-", dir=h.scratch_dir())
        for fmt in ("docx", "xlsx", "csv", "html"):
            with self.subTest(format=fmt):
                out = os.path.join(d, f"table.{fmt}")
                p = h.run_cli("export", "--db", PS.db, "--round", Q3, "--format", fmt, "-o", out, check=False)
                self.assertEqual(p.returncode, 0, p.stderr)
                with open(out, "rb") as f:
                    data = f.read()
                if fmt == "docx":
                    text = docx_text(data)
                elif fmt == "xlsx":
                    text = "\n".join(xlsx_cells(data))
                elif fmt == "csv":
                    self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
                    text = data.decode("utf-8-sig")
                else:
                    self.assertTrue(data.startswith(b"<!DOCTYPE html>"))
                    text = h.text_of(data.decode("utf-8"))
                self.assert_holds_the_table(text, f"shishi export --format {fmt}", titled=fmt != "csv")
                self.assert_selection(text, False, f"shishi export --format {fmt}")
        out = os.path.join(d, "with-submitted.csv")
        p = h.run_cli("export", "--db", PS.db, "--round", Q3, "--format", "csv", "-o", out, "--include-submitted",
                      check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assert_selection(open(out, encoding="utf-8-sig").read(), True, "--include-submitted")

        bad = [
            ["export", "--db", PS.db, "--round", Q3, "--format", "pdf", "-o", os.path.join(d, "x.pdf")],
            ["export", "--db", PS.db, "--round", Q3, "-o", os.path.join(d, "x.csv")],
            ["export", "--db", PS.db, "--round", Q3, "--format", "csv"],
            ["export", "--db", PS.db, "--format", "csv", "-o", os.path.join(d, "x.csv")],
            ["export", "--db", PS.db, "--round", Q3, "--format", "csv", "-o", os.path.join(d, "x.csv"), "--bogus"],
        ]
        for args in bad:
            with self.subTest(usage=args[3:]):
                p = h.run_cli(*args, check=False)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertIn("usage:", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(d, "x.csv")) or os.path.exists(os.path.join(d, "x.pdf")))
        p = h.run_cli("export", "--db", PS.db, "--round", "2030年第一季度", "--format", "csv", "-o",
                      os.path.join(d, "none.csv"), check=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
        self.assertIn("2030年第一季度", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(d, "none.csv")))

    def test_command_line_names_an_unknown_programme(self):
        d = tempfile.mkdtemp(prefix="export-", dir=h.scratch_dir())
        p = h.run_cli("export", "--db", PS.db, "--program", "99", "--round", Q3, "--format", "csv", "-o",
                      os.path.join(d, "x.csv"), check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("99", p.stderr, "the message names the programme that does not exist, not the round")

    def test_downloads_keep_their_extension_for_old_clients(self):
        # a browser that does not read filename* (RFC 5987) saves the plain
        # filename: it must still end in .docx/.xlsx/.csv to open in Office
        for ext in ("docx", "xlsx", "csv"):
            with self.subTest(ext=ext):
                _, name, fallback = h.download_names(self.download(ext))
                self.assertTrue(fallback.endswith("." + ext), f"filename={fallback!r} (filename*={name!r})")


class Bulletin(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.q3 = PS.round_id(Q3)
        cls.url = f"/round/{cls.q3}/bulletin"
        cls.admin = PS.login("admin")
        cls.viewer = PS.login("viewer")

    def test_draft_edit_docx_and_the_leaders_view(self):
        page = self.admin.get(self.url)
        self.assertEqual(page.status, 200)
        self.assertIn("以下是根据本轮数据生成的草稿", page.text)
        fields = h.form_fields(page.text, self.url)
        draft = h.field_value(fields, "text")
        # the demo's Q3 (data/demo/README.md)
        self.assertTrue(draft.startswith("关于2022年为全区妇女儿童办实事第三季度进展情况的通报"), draft[:40])
        for words in ("共10项", "截至2022年9月30日", "已完成2项", "序时推进4项", "滞后2项", "严重滞后1项",
                      "逾期报送1份：区司法局（全方位保障妇女儿童合法权益）",
                      "未报送2份：区财政局（实施城乡妇女“两癌”免费检查及救助项目）、区农业农村局（实施巾帼创业创新行动）",
                      "退回修改尚未重新报送1份：区卫健局", "实施家庭品质提升工程（区妇联）"):
            self.assertIn(words, draft)
        missing = re.search(r"未报送2份：[^；。]*", draft).group(0)
        self.assertNotIn("区司法局", missing, "late is not missing")

        # the coordinator's edit is kept with the round and audited
        # (the text is kept trimmed)
        edited = draft.replace("现将有关情况通报如下。", "现将有关情况通报如下。E2E：请各单位对照整改，于10月20日前书面反馈。",
                               1).strip()
        self.assertNotEqual(edited, draft)
        audit = PS.one("SELECT count(*) FROM audit WHERE action = 'bulletin.save'")
        r = self.admin.post(self.url, h.replace_field(fields, "text", edited))
        self.assertEqual((r.status, r.location), (303, self.url), h.snippet(r.text))
        self.assertEqual(PS.one("SELECT count(*) FROM audit WHERE action = 'bulletin.save'"), audit + 1)
        self.assertEqual(PS.one("SELECT text FROM bulletin WHERE round_id = ?", (self.q3,)), edited)
        page = self.admin.get(self.url)
        self.assertIn("已保存的修改稿", page.text)
        self.assertEqual(h.field_value(h.form_fields(page.text, self.url), "text"), edited, "kept: reload shows it")
        self.assertIn("bulletin.save", h.text_of(self.admin.get("/admin/audit").text))
        # an empty text is refused and keeps the saved one
        r = self.admin.post(self.url, h.replace_field(fields, "text", ""))
        self.assertEqual(r.status, 400)
        self.assertTrue(h.field_error(r.text, "text"))
        self.assertEqual(PS.one("SELECT text FROM bulletin WHERE round_id = ?", (self.q3,)), edited)

        # its Word file holds the edited text
        for s in (self.admin, self.viewer):
            d = s.get(f"{self.url}.docx")
            self.assertEqual(d.status, 200)
            self.assertEqual(d.header("Content-Type"), DOCX_MIME)
            self.assertEqual(h.download_names(d)[:2], ("attachment", f"{Q3}进展情况通报.docx"))
            z = h.zip_of(d.body)
            xml_parts_well_formed(self, z)
            text = "".join(h.ooxml_texts(z, "word/document.xml"))
            self.assertIn("E2E：请各单位对照整改，于10月20日前书面反馈。", text)
            self.assertIn("关于2022年为全区妇女儿童办实事第三季度进展情况的通报", text)
        # and the command line prints it
        out = h.run_cli("bulletin", "--db", PS.db, "--round", Q3).stdout
        self.assertIn("E2E：请各单位对照整改，于10月20日前书面反馈。", out)

        # a leader reads it, without a form, and cannot write it
        page = self.viewer.get(self.url)
        self.assertEqual(page.status, 200)
        self.assertIn("E2E：请各单位对照整改", h.text_of(page.text))
        self.assertNotIn("<textarea", page.text)
        self.assertNotIn(f'action="{self.url}"', page.text)
        r = self.viewer.post(self.url, {"text": "领导改写"})
        self.assertEqual(r.status, 403)
        self.assertEqual(PS.one("SELECT text FROM bulletin WHERE round_id = ?", (self.q3,)), edited)
        self.assertEqual(PS.login("unit01").get(self.url).status, 403, "not a unit's page")


def edited_zip(data, part, old, new):
    """data (a DOCX or XLSX) with old replaced by new once in part."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == part:
                text = body.decode("utf-8")
                if old not in text:
                    raise AssertionError(f"{old!r} is not in {part}")
                body = text.replace(old, new, 1).encode("utf-8")
            zo.writestr(info, body)
    return out.getvalue()


def without_table(docx):
    """docx with its body replaced by one paragraph: a Word file, but no table."""
    z = zipfile.ZipFile(io.BytesIO(docx))
    xml = z.read("word/document.xml").decode("utf-8")
    body = re.sub(r"<w:body>.*</w:body>", "<w:body><w:p><w:r><w:t>本季度无进展。</w:t></w:r></w:p></w:body>", xml, flags=re.S)
    xml_start = xml.index("<w:body>")
    return edited_zip(docx, "word/document.xml", xml[xml_start:], body[xml_start:])


def bomb(docx, size):
    """docx with size bytes of spaces added to word/document.xml, deflated
    as far as they go (about 1000:1)."""
    return edited_zip(docx, "word/document.xml", "<w:body>", "<w:body>" + " " * size)


def lying(data, part, declared):
    """data with part's uncompressed size in the zip headers set to declared
    (a bomb whose headers lie: only inflating it shows its size)."""
    b = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    assert b[info.header_offset:info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", b, info.header_offset + 22, declared)
    i = 0
    while (i := bytes(b).find(b"PK\x01\x02", i)) >= 0:
        n = struct.unpack_from("<H", b, i + 28)[0]
        if bytes(b[i + 46:i + 46 + n]) == part.encode():
            struct.pack_into("<I", b, i + 24, declared)
        i += 4
    return bytes(b)


class ReadBack(unittest.TestCase):
    """Q3's table, filled in by hand (edited inside its zip), read into Q4."""

    @classmethod
    def setUpClass(cls):
        cls.q3, cls.q4 = PS.round_id(Q3), PS.round_id(Q4)
        cls.admin = PS.login("admin")
        cls.unit01 = PS.login("unit01")
        cls.docx = cls.admin.get(f"/round/{cls.q3}/table.docx").body
        cls.xlsx = cls.admin.get(f"/round/{cls.q3}/table.xlsx").body
        cls.jtj = measures(Q3, 1, "区教体局")
        cls.ybj = measures(Q3, 5, "临淄医保分局")
        # the accepted Q3 reports: what the default export holds
        cls.exported = {(no, unit): text for no, unit, text in PS.query(
            "SELECT p.no, u.name, r.measures FROM report r JOIN project p ON p.id = r.project_id "
            "JOIN unit u ON u.id = r.unit_id WHERE r.round_id = ? AND r.status = 'accepted' AND r.measures <> ''",
            (cls.q3,))}

    def q4_reports(self):
        return {(no, unit): (status, version, text) for no, unit, status, version, text in PS.query(
            "SELECT p.no, u.name, r.status, r.version, r.measures FROM report r JOIN project p ON p.id = r.project_id "
            "JOIN unit u ON u.id = r.unit_id WHERE r.round_id = ?", (self.q4,))}

    def upload(self, session, name, data, rnd=None):
        return session.post_multipart(f"/round/{rnd or self.q4}/import", files=[("file", name, data)])

    def preview_items(self, page):
        """{(project no, unit): text} of the preview's 将写入的报告 table."""
        rows = h.table_rows(page, "将写入的报告")[1:]
        return {(int(r[1].split(".", 1)[0]), r[2]): r[3] for r in rows}

    def skipped(self, page):
        try:
            return h.table_rows(page, "未导入的内容")[1:]
        except AssertionError:
            return []

    def confirm(self, session, page, rnd=None, as_="draft"):
        action = f"/round/{rnd or self.q4}/import/confirm"
        fields = h.replace_field(h.form_fields(page, action), "as", as_)
        return session.post(action, fields)

    def test_1_docx_edited_then_imported_as_drafts(self):
        self.assertEqual(self.q4_reports(), {}, "Q4 starts empty")
        changed = "E2E手工填写：" + self.jtj
        data = edited_zip(self.docx, "word/document.xml", self.jtj, changed)
        r = self.upload(self.admin, "进展情况报表（手填）.docx", data)
        self.assertEqual(r.status, 200, h.snippet(r.text))
        self.assertIn(f"导入预览 · {Q4}", h.text_of(r.text))
        items = self.preview_items(r.text)
        want = dict(self.exported)
        want[(1, "区教体局")] = changed
        self.assertEqual(items, want, "every exported report is matched back to its project and unit")
        self.assertEqual(self.skipped(r.text), [["7", "实施“十百千万”文化惠民项目", "本季度具体措施及任务进度情况为空"]],
                         "the empty row is listed, not dropped silently")
        self.assertEqual(self.q4_reports(), {}, "nothing is written before confirmation")
        done = self.confirm(self.admin, r.text)
        self.assertEqual(done.status, 200, h.snippet(done.text))
        self.assertIn(f"已写入{len(want)}份报告（草稿）", h.text_of(done.text))
        self.assertEqual(self.q4_reports(), {k: ("draft", 1, v) for k, v in want.items()})
        self.assertEqual(PS.one("SELECT count(*) FROM audit WHERE action = 'report.import_table'"), len(want))

    def test_2_xlsx_edited_then_imported_over_the_drafts(self):
        changed = "E2E表格填写：" + self.ybj
        data = edited_zip(self.xlsx, "xl/sharedStrings.xml", self.ybj, changed)
        r = self.upload(self.admin, "进展情况报表（手填）.xlsx", data)
        self.assertEqual(r.status, 200, h.snippet(r.text))
        items = self.preview_items(r.text)
        self.assertEqual(items[(5, "临淄医保分局")], changed)
        self.assertEqual(items[(1, "区教体局")], self.jtj)
        self.assertEqual(len(items), len(self.exported))
        before = self.q4_reports()
        done = self.confirm(self.admin, r.text)
        self.assertEqual(done.status, 200, h.snippet(done.text))
        after = self.q4_reports()
        self.assertEqual(after[(5, "临淄医保分局")], ("draft", before[(5, "临淄医保分局")][1] + 1, changed))
        self.assertEqual(after[(1, "区教体局")][2], self.jtj)

    def test_3_a_reporter_writes_only_its_own_unit(self):
        data = edited_zip(self.xlsx, "xl/sharedStrings.xml", self.ybj, "E2E冒名填写：" + self.ybj)
        form = self.unit01.get(f"/round/{self.q4}/import")
        self.assertIn("只会导入本单位的内容", form.text)
        r = self.upload(self.unit01, "报表.xlsx", data)
        self.assertEqual(r.status, 200, h.snippet(r.text))
        self.assertEqual(self.preview_items(r.text), {(1, "区教体局"): self.jtj})
        skipped = self.skipped(r.text)
        others = {row[1] for row in skipped if row[2] == "不是本单位的内容，不会导入"}
        self.assertEqual(others, {f"{h.text_of(t)} · {u}" for t, u in PS.query(
            "SELECT p.report_title, u.name FROM report r JOIN project p ON p.id = r.project_id JOIN unit u "
            "ON u.id = r.unit_id WHERE r.round_id = ? AND r.status = 'accepted' AND r.measures <> '' "
            "AND u.name <> '区教体局'", (self.q3,))}, "every other unit's paragraph is listed as not imported")
        before = self.q4_reports()
        done = self.confirm(self.unit01, r.text)
        self.assertEqual(done.status, 200, h.snippet(done.text))
        self.assertIn("已写入1份报告（草稿）", h.text_of(done.text))
        after = self.q4_reports()
        self.assertEqual(after[(1, "区教体局")][:2], ("draft", before[(1, "区教体局")][1] + 1))
        self.assertEqual({k: v for k, v in after.items() if k != (1, "区教体局")},
                         {k: v for k, v in before.items() if k != (1, "区教体局")}, "no other unit touched")
        self.assertNotIn("E2E冒名填写", str(after))

    def test_4_submitted_and_accepted_reports_are_not_overwritten(self):
        # Q3's own table back into Q3: everything there is accepted
        r = self.upload(self.admin, "报表.docx", self.docx, rnd=self.q3)
        self.assertEqual(r.status, 200)
        audit = PS.one("SELECT count(*) FROM audit")
        done = self.confirm(self.admin, r.text, rnd=self.q3, as_="submitted")
        self.assertEqual(done.status, 200)
        self.assertIn("已写入0份报告", h.text_of(done.text))
        kept = [row for row in self.skipped(done.text) if row[2] == "该单位本轮报告已报送，未覆盖"]
        self.assertEqual(len(kept), len(self.exported))
        self.assertEqual(PS.one("SELECT count(*) FROM audit"), audit)

    def test_5_garbage_and_bombs_are_refused_and_write_nothing(self):
        cases = [
            ("乱码.docx", os.urandom(2048), "文件不是有效的Word或Excel文件"),
            ("截断.docx", self.docx[: len(self.docx) // 2], "文件不是有效的Word或Excel文件"),
            ("无表格.docx", without_table(self.docx), "没有找到进展情况报表"),
            ("炸弹.docx", bomb(self.docx, 20 << 20), "疑似压缩炸弹"),
            ("大炸弹.docx", bomb(self.docx, 40 << 20), "过大"),
            ("谎报大小.docx", lying(bomb(self.docx, 40 << 20), "word/document.xml", 5000), "疑似压缩炸弹"),
        ]
        audit, reports = PS.one("SELECT count(*) FROM audit"), PS.one("SELECT count(*) FROM report")
        for name, data, message in cases:
            for who, s in (("admin", self.admin), ("unit01", self.unit01)):
                with self.subTest(file=name, who=who):
                    r = self.upload(s, name, data)
                    self.assertEqual(r.status, 400, h.snippet(r.text))
                    msg = h.field_error(r.text, "file")
                    self.assertTrue(msg and message in msg, msg)
                    self.assertNotIn("confirm", r.text)
        self.assertEqual((PS.one("SELECT count(*) FROM audit"), PS.one("SELECT count(*) FROM report")), (audit, reports))
        self.assertEqual(PS.tmp_files_left(), [])


if __name__ == "__main__":
    unittest.main()
