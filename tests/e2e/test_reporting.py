"""Quarterly reporting end to end (issue 4), against a server of this
module's own on a fresh demo database (harness.PrivateServer: the cycle
closes a round and moves a programme's figures, which the shared server's
other tests must not see):

- the whole cycle on the open 2022年第四季度: unit01 (区教体局) opens its report
  on project 1 prefilled from its previous report and its ledger, saves a
  draft, is refused a submission without 本季度具体措施, submits; the
  coordinator returns it (a reason required), unit01 sees the reason,
  edits and resubmits, the coordinator accepts; every version is listed and
  two compare field by field; the overview and the dashboard of the round
  show the accepted figures;
- a submitted report is read-only; a closed round refuses every change;
- another unit's reporter gets 403 on every URL of the report, the plan,
  the ledger and the files; a draft's evidence is not the coordinator's or
  the leaders' to open;
- uploads: over the size limit, a renamed executable (refused, nothing
  left behind), real PDF/PNG/DOCX (accepted, downloaded back identical);
- the work ledger: an entry counted toward an indicator with evidence,
  running totals, field messages, XLSX/CSV exports, deletion.

(报送情况 and 催报 are test_reminders.py's.)"""

import csv
import datetime
import io
import re
import struct
import unittest
import zipfile
import zlib

import harness as h

PS = None  # the module's server


def setUpModule():
    global PS
    PS = h.PrivateServer("reporting")


def tearDownModule():
    PS.finish()


OTHER_UNIT = "只能查看和修改本单位的内容"

# ---- files -------------------------------------------------------------------------------

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def png_bytes():
    """A valid 2x2 RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def docx_bytes(text="实施方案：测试"):
    """A tiny valid DOCX: content types, package relationship, one paragraph."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   f'<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return buf.getvalue()


# an x86-64 ELF header and some code-like bytes, as a renamed executable has
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(range(256)) * 16

MIME = {
    "pdf": "application/pdf",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# ---- the demo's ids ----------------------------------------------------------------------

def unit_of(login):
    return PS.one("SELECT unit_id FROM user WHERE login = ?", (login,))


def project_id(no):
    return PS.one("SELECT id FROM project WHERE no = ?", (no,))


def report_row(rnd, project, unit):
    """(status, version, measures, return_reason) or None."""
    return PS.query_one("SELECT status, version, measures, return_reason FROM report "
                        "WHERE round_id = ? AND project_id = ? AND unit_id = ?", (rnd, project, unit))


def num(v):
    """A figure as the pages write it (12, 12.5)."""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


class ReportCycle(unittest.TestCase):
    """One report through draft → submitted → returned → submitted →
    accepted, in order (one test: each step needs the one before)."""

    @classmethod
    def setUpClass(cls):
        cls.q3, cls.q4 = PS.round_id("2022年第三季度"), PS.round_id("2022年第四季度")
        cls.p1 = project_id(1)
        cls.u1 = unit_of("unit01")
        cls.url = f"/report/{cls.q4}/{cls.p1}/{cls.u1}"
        cls.ind = dict(PS.query("SELECT name, id FROM indicator WHERE project_id = ?", (cls.p1,)))
        cls.unit01 = PS.login("unit01")
        cls.admin = PS.login("admin")
        cls.viewer = PS.login("viewer")
        cls.unit02 = PS.login("unit02")

    def form(self):
        page = self.unit01.get(self.url)
        self.assertEqual(page.status, 200, h.snippet(page.text))
        return page, h.form_fields(page.text, self.url)

    def send(self, fields, action, who=None):
        return (who or self.unit01).post(self.url, list(fields) + [("action", action)])

    def overview(self, rnd):
        page = self.admin.get(f"/p/1?round={rnd}")
        self.assertEqual(page.status, 200)
        return h.overview_projects(page.text)[1]

    def test_the_whole_cycle(self):
        q4, p1, u1, ind = self.q4, self.p1, self.u1, self.ind
        before_q4 = self.overview(q4)
        before_q3 = self.overview(self.q3)
        self.assertEqual(before_q4["indicators"]["提供公办学位"]["actual"], "600个", "the Q3 figure counts at Q4")
        self.assertEqual(before_q4["status"], "滞后", "Q3's figures at the year's end: 新建多功能运动场地 4/5")
        dash_before = h.status_counts(self.admin.get(f"/p/1/dashboard?round={q4}").text)

        # the ledger moves one figure past the last report: 新建多功能运动场地 2 in the ledger + 3 = 5 > 4
        r = self.unit01.post(f"/unit/{u1}/project/{p1}/ledger", {
            "date": "2022-10-15", "content": "E2E：新建多功能运动场地3片通过验收", "place": "辛店街道",
            "indicator": str(ind["新建多功能运动场地"]), "quantity": "3", "funds": ""})
        self.assertEqual(r.status, 303, h.snippet(r.text))

        # ---- 1. the report opens prefilled: the previous report, or the ledger where it is larger
        self.assertIsNone(report_row(q4, p1, u1), "nothing stored before the first save")
        page, fields = self.form()
        self.assertIn("未报", h.text_of(page.text))
        prev = dict(PS.query("SELECT rv.indicator_id, rv.actual FROM report_value rv JOIN report r ON r.id = rv.report_id "
                             "WHERE r.round_id = ? AND r.project_id = ? AND r.unit_id = ?", (self.q3, p1, u1)))
        ledger = dict(PS.query("SELECT indicator_id, sum(quantity) FROM ledger_entry WHERE unit_id = ? AND "
                               "project_id = ? AND indicator_id IS NOT NULL AND entry_date <= '2022-12-31' "
                               "GROUP BY indicator_id", (u1, p1)))
        for name, iid in ind.items():
            want = max(v for v in (prev.get(iid), ledger.get(iid)) if v is not None)
            self.assertEqual(h.field_value(fields, f"value_{iid}"), num(want), name)
        self.assertEqual(h.field_value(fields, f"value_{ind['提供公办学位']}"), "600", "from the Q3 report")
        self.assertEqual(h.field_value(fields, f"value_{ind['新建多功能运动场地']}"), "5", "from the ledger (2 + 3)")
        q3_measures = PS.one("SELECT measures FROM report WHERE round_id = ? AND project_id = ? AND unit_id = ?",
                             (self.q3, p1, u1))
        self.assertEqual(h.field_value(fields, "measures"), q3_measures, "the text starts from Q3's")
        self.assertEqual(h.field_value(fields, "version"), "0")

        # ---- 2. a draft
        draft = "E2E草稿：第四季度继续推进辛店街道幼儿园改扩建。"
        r = self.send(h.replace_field(fields, "measures", draft), "save")
        self.assertEqual((r.status, r.location), (303, f"{self.url}?saved=save"), h.snippet(r.text))
        self.assertIn("草稿已保存。", self.unit01.get(r.location).text)
        self.assertEqual(report_row(q4, p1, u1), ("draft", 1, draft, None))

        # evidence on the draft: the unit's own, nobody else's yet
        r = self.unit01.post_multipart(f"{self.url}/evidence", files=[("file", "验收报告.pdf", PDF)])
        self.assertEqual((r.status, r.location), (303, self.url), h.snippet(r.text))
        evidence = PS.one("SELECT id FROM attachment WHERE kind = 'evidence' AND report_id = "
                          "(SELECT id FROM report WHERE round_id = ? AND project_id = ? AND unit_id = ?)", (q4, p1, u1))
        self.assertIsNotNone(evidence)
        self.assertEqual(self.unit01.get(f"/file/{evidence}").body, PDF)
        for who, s in (("admin", self.admin), ("viewer", self.viewer)):
            with self.subTest(draft_evidence_for=who):
                r = s.get(f"/file/{evidence}")
                self.assertEqual(r.status, 403)
                self.assertNotEqual(r.body, PDF)
                self.assertIn("尚未报送", r.text)
                r = s.get(self.url)
                self.assertEqual(r.status, 403, "a draft is only its unit's to read")
                self.assertNotIn(draft, r.text)

        # another unit's reporter: 403 on every URL of this report, and nothing changes
        audit = PS.audit_count()
        for method, path in [("GET", self.url), ("POST", self.url), ("POST", f"{self.url}/evidence"),
                             ("GET", f"{self.url}/versions"), ("GET", f"/file/{evidence}"),
                             ("POST", f"/file/{evidence}/delete")]:
            with self.subTest(unit02=method + " " + path):
                if method == "GET":
                    r = self.unit02.get(path)
                elif path.endswith("/evidence"):
                    r = self.unit02.post_multipart(path, files=[("file", "冒名.pdf", PDF)])
                else:
                    r = self.unit02.post(path, {"version": "1", "measures": "冒名修改", "action": "submit"})
                self.assertEqual(r.status, 403)
                self.assertIn(OTHER_UNIT, r.text)
                self.assertNotIn(draft, r.text)
                self.assertNotEqual(r.body, PDF)
        self.assertEqual(PS.audit_count(), audit)
        self.assertEqual(report_row(q4, p1, u1), ("draft", 1, draft, None))
        self.assertEqual(PS.one("SELECT count(*) FROM attachment WHERE report_id IS NOT NULL AND unit_id = ?",
                                (unit_of("unit02"),)), 0)

        # ---- 3. a submission needs 本季度具体措施; a figure must be a number
        page, fields = self.form()
        self.assertEqual(h.field_value(fields, "version"), "1")
        self.assertEqual(h.field_value(fields, "measures"), draft)
        r = self.send(h.replace_field(fields, "measures", "  \n"), "submit")
        self.assertEqual(r.status, 400, h.snippet(r.text))
        self.assertEqual(h.field_error(r.text, "measures"), "报送前请填写本季度具体措施及任务进度情况")
        bad = h.replace_field(fields, f"value_{ind['提供公办学位']}", "七百")
        r = self.send(bad, "submit")
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, f"value_{ind['提供公办学位']}"), "提供公办学位必须是数字")
        self.assertEqual(report_row(q4, p1, u1), ("draft", 1, draft, None), "a refused submission stores nothing")

        # ---- 4. submitted
        first = "E2E第一次报送：辛店街道幼儿园改扩建完成主体工程，新增公办学位100个。"
        fields = h.replace_field(fields, "measures", first)
        fields = h.replace_field(fields, f"value_{ind['提供公办学位']}", "700")
        r = self.send(fields, "submit")
        self.assertEqual((r.status, r.location), (303, f"{self.url}?saved=submit"), h.snippet(r.text))
        page = self.unit01.get(r.location)
        self.assertIn("已报送，等待协调办公室审核。", page.text)
        self.assertEqual(report_row(q4, p1, u1), ("submitted", 2, first, None))
        self.assertEqual(self.overview(q4)["indicators"]["提供公办学位"]["actual"], "700个",
                         "a submitted figure counts")

        # read-only now: no form, and a POST is a conflict that changes nothing
        self.assertNotIn(f'action="{self.url}"', page.text)
        self.assertNotIn('name="measures"', page.text)
        self.assertIn(first, h.text_of(page.text))
        audit = PS.audit_count()
        r = self.send(h.replace_field(fields, "version", "2"), "save")
        self.assertEqual(r.status, 409)
        self.assertIn("报告已报送，只有被退回后才能修改", h.text_of(r.text))
        r = self.unit01.post_multipart(f"{self.url}/evidence", files=[("file", "补充.pdf", PDF + b"%more")])
        self.assertEqual(r.status, 409)
        self.assertIn("报告已报送，不能再修改佐证材料", h.text_of(r.text))
        r = self.unit01.post(f"/file/{evidence}/delete", {})
        self.assertEqual(r.status, 409)
        self.assertEqual(PS.audit_count(), audit)
        self.assertEqual(report_row(q4, p1, u1), ("submitted", 2, first, None))
        # and the evidence is the coordinator's to open now
        r = self.admin.get(f"/file/{evidence}")
        self.assertEqual((r.status, r.body), (200, PDF))

        # ---- 5. returned: a reason is required
        review = self.admin.get(self.url)
        self.assertIn(f'action="{self.url}/review"', review.text)
        r = self.admin.post(f"{self.url}/review", {"decision": "return", "reason": " "})
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "reason"), "退回时请填写退回理由")
        self.assertEqual(report_row(q4, p1, u1)[0], "submitted")
        reason = "E2E退回：新增学位数与教育统计系统不一致，请核实后重报。"
        r = self.admin.post(f"{self.url}/review", {"decision": "return", "reason": reason})
        self.assertEqual((r.status, r.location), (303, self.url), h.snippet(r.text))
        self.assertEqual(report_row(q4, p1, u1), ("returned", 3, first, reason))
        self.assertEqual(self.overview(q4)["indicators"]["提供公办学位"]["actual"], "600个",
                         "a returned figure no longer counts")

        # ---- 6. the unit sees the reason at the top, edits, resubmits
        page, fields = self.form()
        alert = re.search(r'<div class="notice error" role="alert">(.*?)</div>', page.text, re.S)
        self.assertTrue(alert, "the reason is shown as an alert")
        self.assertIn(f"协调办公室退回了此报告：{reason}", h.text_of(alert.group(1)))
        self.assertLess(page.text.index(reason), page.text.index(f'action="{self.url}"'), "above the form")
        self.assertEqual(h.field_value(fields, "measures"), first)
        second = "E2E重新报送：经与教育统计系统核对，辛店街道幼儿园改扩建完成，公办学位735个全部提供。"
        fields = h.replace_field(fields, "measures", second)
        for name, value in (("提供公办学位", "735"), ("配套可调节课桌椅的中小学", "8")):
            fields = h.replace_field(fields, f"value_{ind[name]}", value)
        r = self.send(fields, "submit")
        self.assertEqual(r.status, 303, h.snippet(r.text))
        self.assertEqual(report_row(q4, p1, u1), ("submitted", 4, second, None), "the reason is cleared")

        # ---- 7. accepted
        r = self.admin.post(f"{self.url}/review", {"decision": "accept"})
        self.assertEqual((r.status, r.location), (303, self.url))
        self.assertEqual(report_row(q4, p1, u1), ("accepted", 5, second, None))
        self.assertEqual(self.unit01.post(f"{self.url}/review", {"decision": "accept"}).status, 403)
        r = self.admin.post(f"{self.url}/review", {"decision": "return", "reason": "再退回"})
        self.assertEqual(r.status, 409, "an accepted report is not reviewed again")
        self.assertEqual(report_row(q4, p1, u1)[0], "accepted")

        # ---- 8. every version, and two compared field by field
        for s in (self.unit01, self.admin):
            page = s.get(f"{self.url}/versions")
            self.assertEqual(page.status, 200)
            rows = h.table_rows(page.text, "<h2>历次版本</h2>")[1:]
            self.assertEqual([(r[0], r[1], r[2]) for r in rows],
                             [("1", "草稿", "unit01"), ("2", "已报", "unit01"), ("3", "退回", "admin"),
                              ("4", "已报", "unit01"), ("5", "已采纳", "admin")])
        # by default the last two: only the state moved
        diff = h.table_rows(page.text, '<table class="diff">')[1:]
        self.assertEqual(diff, [["状态", "已报", "已采纳"]])
        page = self.admin.get(f"{self.url}/versions?a=2&b=4")
        self.assertIn("第2版 → 第4版", h.text_of(page.text))
        diff = {row[0]: (row[1], row[2]) for row in h.table_rows(page.text, '<table class="diff">')[1:]}
        self.assertEqual(diff, {
            "本季度具体措施及任务进度情况": (first, second),
            "提供公办学位": ("700", "735"),
            "配套可调节课桌椅的中小学": ("7", "8"),
        })
        page = self.admin.get(f"{self.url}/versions?a=2&b=3")
        diff = {row[0]: (row[1], row[2]) for row in h.table_rows(page.text, '<table class="diff">')[1:]}
        self.assertEqual(diff, {"状态": ("已报", "退回"), "退回理由": ("", reason)})

        # ---- 9. the programme's progress moved at Q4, and only there
        after = self.overview(q4)
        self.assertEqual(after["indicators"]["提供公办学位"],
                         {"target": "≥735个", "actual": "735个", "completion": "100.0%", "status": "已完成"})
        self.assertEqual(after["indicators"]["新建多功能运动场地"]["actual"], "5片")
        self.assertEqual(after["indicators"]["配套可调节课桌椅的中小学"]["actual"], "8所")
        self.assertEqual(after["status"], "已完成")
        self.assertEqual(self.overview(self.q3), before_q3, "Q3 is as it was")
        dash = self.admin.get(f"/p/1/dashboard?round={q4}").text
        row = h.dashboard_indicators(dash)[(1, "提供公办学位")]
        self.assertEqual((row["actual"], row["completion"], row["expected"], row["status"]),
                         ("735", "100.0%", "100.0%", "已完成"))
        counts = h.status_counts(dash)
        self.assertEqual(counts.get("已完成", 0), dash_before.get("已完成", 0) + 1)
        self.assertEqual(counts.get("滞后", 0), dash_before.get("滞后", 0) - 1)
        rounds, movement = h.dashboard_movement(dash)
        self.assertEqual(movement[1][rounds.index("2022年第四季度")], "已完成")
        self.assertEqual(movement[1][rounds.index("2022年第三季度")], "序时推进")
        # the leader reads the accepted report and its figures too
        page = self.viewer.get(self.url)
        self.assertEqual(page.status, 200)
        self.assertIn(second, h.text_of(page.text))


class ClosedRound(unittest.TestCase):
    """A closed round is read-only for everyone; reopened, it takes changes again."""

    @classmethod
    def setUpClass(cls):
        cls.q3 = PS.round_id("2022年第三季度")
        cls.p8, cls.p9 = project_id(8), project_id(9)
        cls.u13, cls.u15 = unit_of("unit13"), unit_of("unit15")  # 区农业农村局 (a draft), 区司法局 (submitted)
        cls.admin = PS.login("admin")
        cls.unit13 = PS.login("unit13")
        cls.draft_url = f"/report/{cls.q3}/{cls.p8}/{cls.u13}"
        cls.submitted_url = f"/report/{cls.q3}/{cls.p9}/{cls.u15}"

    def change_round(self, action, **fields):
        r = self.admin.post(f"/round/{self.q3}", {"action": action, **fields})
        return r

    def test_closed_round_refuses_changes_and_reopens(self):
        draft = report_row(self.q3, self.p8, self.u13)
        self.assertEqual(draft[0], "draft", "the demo's Q3 draft")
        self.assertEqual(report_row(self.q3, self.p9, self.u15)[0], "submitted")
        fields = h.form_fields(self.unit13.get(self.draft_url).text, self.draft_url)
        # evidence on the draft while the round is open, to try to remove once it is closed
        r = self.unit13.post_multipart(f"{self.draft_url}/evidence", files=[("file", "关闭前.pdf", PDF + b"%closed")])
        self.assertEqual(r.status, 303, h.snippet(r.text))
        evidence = PS.one("SELECT max(a.id) FROM attachment a JOIN report r ON r.id = a.report_id "
                          "WHERE a.kind = 'evidence' AND r.round_id = ? AND r.project_id = ? AND r.unit_id = ?",
                          (self.q3, self.p8, self.u13))
        self.assertIsNotNone(evidence)

        r = self.change_round("close")
        self.assertEqual((r.status, r.location), (303, "/p/1/rounds"), h.snippet(r.text))
        try:
            self.assertEqual(PS.one("SELECT closed FROM round WHERE id = ?", (self.q3,)), 1)
            rounds = self.admin.get("/p/1/rounds")
            row = next(r for r in h.table_rows(rounds.text, "<h1>报送轮次</h1>") if r and r[0] == "2022年第三季度")
            self.assertIn("已关闭", row)
            audit = PS.audit_count()

            page = self.unit13.get(self.draft_url)
            self.assertEqual(page.status, 200)
            self.assertIn("（本轮已关闭）", h.text_of(page.text))
            self.assertNotIn(f'action="{self.draft_url}"', page.text, "no form in a closed round")

            r = self.unit13.post(self.draft_url, h.replace_field(fields, "measures", "关闭后修改") + [("action", "save")])
            self.assertEqual(r.status, 409)
            self.assertIn("本轮次已关闭，不能再修改", h.text_of(r.text))
            r = self.unit13.post(self.draft_url, h.replace_field(fields, "measures", "关闭后报送") + [("action", "submit")])
            self.assertEqual(r.status, 409)
            r = self.unit13.post_multipart(f"{self.draft_url}/evidence", files=[("file", "关闭后.pdf", PDF)])
            self.assertEqual(r.status, 409)
            self.assertIn("本轮次已关闭，不能再修改", h.text_of(r.text))
            # nor can the draft's evidence be removed
            r = self.unit13.post(f"/file/{evidence}/delete", {})
            self.assertEqual(r.status, 409)
            self.assertIn("本轮次已关闭，不能再修改", h.text_of(r.text))
            self.assertIsNotNone(PS.one("SELECT id FROM attachment WHERE id = ?", (evidence,)))
            r = self.admin.post(f"{self.submitted_url}/review", {"decision": "accept"})
            self.assertEqual(r.status, 409)
            self.assertIn("本轮次已关闭，不能再审核", h.text_of(r.text))
            self.assertNotIn(f'action="{self.submitted_url}/review"', self.admin.get(self.submitted_url).text)
            r = self.admin.post(f"/round/{self.q3}/import/confirm", {
                "n": "1", "as": "draft", "p0": str(self.p8), "u0": str(self.u13), "r0": "1", "t0": "关闭后导入"})
            self.assertEqual(r.status, 409)
            self.assertIn("本轮次已关闭，不能导入", h.text_of(r.text))
            r = self.change_round("move", due="2022-10-20")
            self.assertEqual(r.status, 409)
            self.assertIn("已关闭的轮次不能调整报送期限", h.text_of(r.text))

            self.assertEqual(PS.audit_count(), audit, "nothing was written")
            self.assertEqual(report_row(self.q3, self.p8, self.u13), draft)
            self.assertEqual(report_row(self.q3, self.p9, self.u15)[0], "submitted")
            self.assertEqual(PS.one("SELECT due_date FROM round WHERE id = ?", (self.q3,)), "2022-10-05")
        finally:
            r = self.change_round("reopen")
            self.assertEqual(r.status, 303)
        self.assertEqual(PS.one("SELECT closed FROM round WHERE id = ?", (self.q3,)), 0)
        page = self.unit13.get(self.draft_url)
        self.assertIn(f'action="{self.draft_url}"', page.text)
        r = self.unit13.post(self.draft_url, h.replace_field(fields, "measures", "重新开放后补充") + [("action", "save")])
        self.assertEqual(r.status, 303, h.snippet(r.text))
        self.assertEqual(report_row(self.q3, self.p8, self.u13)[:3], ("draft", draft[1] + 1, "重新开放后补充"))
        r = self.unit13.post(f"/file/{evidence}/delete", {})
        self.assertEqual((r.status, r.location), (303, self.draft_url), h.snippet(r.text))
        self.assertIsNone(PS.one("SELECT id FROM attachment WHERE id = ?", (evidence,)))


class OtherUnit(unittest.TestCase):
    """unit02 (区卫健局) against unit01's (区教体局) plan, ledger and contact:
    403 everywhere, nothing changed (the report's URLs: ReportCycle)."""

    @classmethod
    def setUpClass(cls):
        cls.u1, cls.p1 = unit_of("unit01"), project_id(1)
        cls.unit01 = PS.login("unit01")
        cls.unit02 = PS.login("unit02")
        r = cls.unit01.post_multipart(f"/unit/{cls.u1}/project/{cls.p1}/plan", files=[("file", "实施方案.pdf", PDF)])
        assert r.status == 303, r.status
        cls.plan = PS.one("SELECT max(id) FROM attachment WHERE kind = 'plan' AND unit_id = ?", (cls.u1,))
        cls.ledger = PS.one("SELECT min(id) FROM ledger_entry WHERE unit_id = ?", (cls.u1,))

    def test_every_url_is_refused(self):
        u, p = self.u1, self.p1
        contact = PS.query_one("SELECT department, person, phone FROM project_unit WHERE unit_id = ? "
                               "AND project_id = ?", (u, p))
        audit = PS.audit_count()
        cases = [
            ("GET", f"/file/{self.plan}", None),
            ("POST", f"/file/{self.plan}/delete", {}),
            ("POST", f"/ledger/{self.ledger}/delete", {}),
            ("GET", f"/unit/{u}/project/{p}/ledger", None),
            ("GET", f"/unit/{u}/project/{p}/ledger.xlsx", None),
            ("GET", f"/unit/{u}/project/{p}/ledger.csv", None),
            ("POST", f"/unit/{u}/project/{p}/ledger", {"date": "2022-10-01", "content": "冒名台账"}),
            ("POST", f"/unit/{u}/project/{p}/contact",
             {f"department_{p}": "冒名科", f"person_{p}": "冒名人", f"phone_{p}": "110"}),
            ("POST", f"/unit/{u}/project/{p}/plan", "file"),
            ("GET", f"/unit/{u}", None),
        ]
        for method, path, fields in cases:
            with self.subTest(method=method, path=path):
                if method == "GET":
                    r = self.unit02.get(path)
                elif fields == "file":
                    r = self.unit02.post_multipart(path, files=[("file", "冒名方案.pdf", PDF)])
                else:
                    r = self.unit02.post(path, fields)
                self.assertEqual(r.status, 403)
                self.assertTrue(r.is_html, "an error page, not the file")
                self.assertIn(OTHER_UNIT, r.text)
                self.assertNotIn("学前教育科", r.text)
        self.assertEqual(PS.audit_count(), audit, "nothing changed")
        self.assertIsNotNone(PS.query_one("SELECT 1 FROM ledger_entry WHERE id = ?", (self.ledger,)))
        self.assertIsNotNone(PS.query_one("SELECT 1 FROM attachment WHERE id = ?", (self.plan,)))
        self.assertEqual(PS.query_one("SELECT department, person, phone FROM project_unit WHERE unit_id = ? "
                                      "AND project_id = ?", (u, p)), contact)
        # while its own reporter, the coordinator and the leaders open the plan
        for login in ("unit01", "admin", "viewer"):
            r = (self.unit01 if login == "unit01" else PS.login(login)).get(f"/file/{self.plan}")
            self.assertEqual((r.status, r.body), (200, PDF), login)


class Uploads(unittest.TestCase):
    """Evidence of a draft report and an implementation plan, as unit02
    (区卫健局) on project 4 in 2022年第四季度."""

    @classmethod
    def setUpClass(cls):
        cls.q4, cls.p4, cls.u2 = PS.round_id("2022年第四季度"), project_id(4), unit_of("unit02")
        cls.unit02 = PS.login("unit02")
        cls.report = f"/report/{cls.q4}/{cls.p4}/{cls.u2}"
        fields = h.form_fields(cls.unit02.get(cls.report).text, cls.report)
        r = cls.unit02.post(cls.report, fields + [("action", "save")])
        assert r.status == 303, h.snippet(r.text)
        cls.targets = {"evidence": f"{cls.report}/evidence", "plan": f"/unit/{cls.u2}/project/{cls.p4}/plan"}

    def attachments(self):
        return PS.one("SELECT count(*) FROM attachment")

    def assert_nothing_left(self, stored_before, rows_before, audit_before):
        self.assertEqual(self.attachments(), rows_before, "no attachment row")
        self.assertEqual(PS.audit_count(), audit_before, "nothing audited")
        self.assertEqual(PS.stored_files(), stored_before, "no file in the store")
        self.assertEqual(PS.tmp_files_left(), [], "tmp/ is empty after the request")

    def test_over_the_size_limit(self):
        cases = [
            # 21 MB: over the whole body's limit, refused from its declared length
            (21 << 20, "提交的内容超过了大小限制"),
            # just over the file limit but within the body's: refused as it streams, beside the field
            ((20 << 20) + 200_000, "文件超过大小限制（最大20MB）"),
        ]
        for size, message in cases:
            data = b"%PDF-1.4\n" + b"0" * size
            for kind, path in self.targets.items():
                with self.subTest(size=size, kind=kind):
                    stored, rows, audit = PS.stored_files(), self.attachments(), PS.audit_count()
                    r = self.unit02.post_multipart(path, files=[("file", "大文件.pdf", data)])
                    self.assertEqual(r.status, 413)
                    self.assertIn(message, h.text_of(r.text))
                    if size < 21 << 20:
                        self.assertIn(message, h.field_errors(r.text), "beside the file field")
                    self.assert_nothing_left(stored, rows, audit)

    def test_a_renamed_executable_is_refused(self):
        for kind, path in self.targets.items():
            with self.subTest(kind=kind):
                stored, rows, audit = PS.stored_files(), self.attachments(), PS.audit_count()
                r = self.unit02.post_multipart(path, files=[("file", "方案.pdf", ELF)])
                self.assertEqual(r.status, 400)
                errors = h.field_errors(r.text)
                self.assertTrue(any("不支持的文件类型" in e for e in errors), errors)
                self.assert_nothing_left(stored, rows, audit)
        # a zip that is not a Word or Excel file either
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("run.sh", "#!/bin/sh\necho hi\n")
        stored, rows, audit = PS.stored_files(), self.attachments(), PS.audit_count()
        r = self.unit02.post_multipart(self.targets["plan"], files=[("file", "方案.docx", buf.getvalue())])
        self.assertEqual(r.status, 400)
        self.assertTrue(any("不是允许的文件类型" in e for e in h.field_errors(r.text)), h.field_errors(r.text))
        self.assert_nothing_left(stored, rows, audit)

    def test_real_files_are_stored_and_come_back_identical(self):
        files = [("佐证照片.png", png_bytes(), "png"), ("验收报告.pdf", PDF + b"% evidence\n", "pdf"),
                 ("实施方案.docx", docx_bytes(), "docx")]
        for kind, path in self.targets.items():
            for name, data, ext in files:
                with self.subTest(kind=kind, name=name):
                    before = PS.one("SELECT coalesce(max(id), 0) FROM attachment")
                    r = self.unit02.post_multipart(path, files=[("file", name, data)])
                    self.assertEqual(r.status, 303, h.snippet(r.text))
                    row = PS.query_one("SELECT id, mime, filename, size, sha256, kind FROM attachment WHERE id > ?",
                                       (before,))
                    self.assertIsNotNone(row, "stored")
                    fid, mime, filename, size, sha, stored_kind = row
                    self.assertEqual((mime, filename, size, stored_kind), (MIME[ext], name, len(data), kind))
                    self.assertIn(f"{sha[:2]}/{sha}", PS.stored_files(), "kept under its content hash")
                    got = self.unit02.get(f"/file/{fid}")
                    self.assertEqual(got.status, 200)
                    self.assertEqual(got.body, data, "byte-identical")
                    self.assertEqual(got.header("Content-Type"), mime)
                    disposition, star, _ = h.download_names(got)
                    self.assertEqual((disposition, star), ("attachment", name))
                    self.assertEqual(got.header("X-Content-Type-Options"), "nosniff")
        # the report lists its evidence, the unit page its newest plan
        page = h.text_of(self.unit02.get(self.report).text)
        for name, _, _ in files:
            self.assertIn(name, page)
        unit = self.unit02.get(f"/unit/{self.u2}").text
        self.assertIn("实施方案.docx</a>", unit)
        self.assertEqual(PS.tmp_files_left(), [])


class Ledger(unittest.TestCase):
    """区残联 (unit06)'s work ledger on project 3."""

    @classmethod
    def setUpClass(cls):
        cls.u6, cls.p3 = unit_of("unit06"), project_id(3)
        cls.unit06 = PS.login("unit06")
        cls.base = f"/unit/{cls.u6}/project/{cls.p3}/ledger"
        cls.ind = PS.one("SELECT id FROM indicator WHERE project_id = ? AND name = '残疾儿童康复训练救助'", (cls.p3,))

    def entries(self):
        return PS.one("SELECT count(*) FROM ledger_entry WHERE unit_id = ?", (self.u6,))

    def add(self, **over):
        """Adds an entry counted toward 残疾儿童康复训练救助 with a PNG, fields changed by over."""
        fields = {"date": "2022-11-15", "place": "区残疾人康复中心", "indicator": str(self.ind),
                  "quantity": "5", "funds": "1500.5", "content": "E2E台账：审核通过第四批残疾儿童康复训练救助对象5名"}
        fields.update(over)
        return self.unit06.post_multipart(self.base, fields=fields, files=[("file", "救助对象名单.png", png_bytes())])

    def test_bad_fields_get_messages_and_store_nothing(self):
        tomorrow_plus = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        cases = [
            ({"quantity": "-1"}, "quantity", "数量必须是数字"),
            ({"quantity": "abc"}, "quantity", "数量必须是数字"),
            ({"date": tomorrow_plus}, "date", "日期不能晚于今天"),
            ({"date": "2022-13-01"}, "date", "日期不是有效日期（例如2022-12-31）"),
            ({"content": ""}, "content", "请填写工作内容"),
            ({"quantity": ""}, "quantity", "计入指标时请填写数量"),
        ]
        before, stored, audit = self.entries(), PS.stored_files(), PS.audit_count()
        for over, field, message in cases:
            with self.subTest(**over):
                r = self.add(**over)
                self.assertEqual(r.status, 400, h.snippet(r.text))
                self.assertEqual(h.field_error(r.text, field), message)
                # what was typed comes back
                if "quantity" in over and over["quantity"]:
                    self.assertIn(f'value="{over["quantity"]}"', r.text)
        self.assertEqual((self.entries(), PS.stored_files(), PS.audit_count()), (before, stored, audit))

    def test_entry_totals_exports_and_removal(self):
        total_before = PS.one("SELECT sum(quantity) FROM ledger_entry WHERE indicator_id = ? AND unit_id = ?",
                              (self.ind, self.u6))
        self.assertEqual(total_before, 118, "the demo's three batches: 48 + 38 + 32")
        content = "E2E台账：审核通过第四批残疾儿童康复训练救助对象5名"
        r = self.add()
        self.assertEqual((r.status, r.location), (303, self.base), h.snippet(r.text))
        entry = PS.query_one("SELECT id, entry_date, place, quantity, indicator_id, funds_fen FROM ledger_entry "
                             "WHERE unit_id = ? AND content = ?", (self.u6, content))
        self.assertIsNotNone(entry)
        lid = entry[0]
        self.assertEqual(entry[1:], ("2022-11-15", "区残疾人康复中心", 5.0, self.ind, 150050))
        fid, kind = PS.query_one("SELECT id, kind FROM attachment WHERE ledger_id = ?", (lid,))
        self.assertEqual(kind, "ledger")

        page = self.unit06.get(self.base).text
        rows = h.table_rows(page, '<table class="ledger">')
        mine = [r for r in rows if content in r]
        self.assertEqual(len(mine), 1, rows)
        self.assertEqual(mine[0][:8], ["2022-11-15", content, "区残疾人康复中心", "5", "残疾儿童康复训练救助",
                                       "123", "1500.5", "救助对象名单.png"])
        self.assertIn(f'href="/file/{fid}"', page)
        self.assertIn("残疾儿童康复训练救助：123名（目标140名）", h.text_of(page))
        self.assertEqual(self.unit06.get(f"/file/{fid}").body, png_bytes())

        # Excel: a valid workbook holding the entry
        x = self.unit06.get(self.base + ".xlsx")
        self.assertEqual(x.status, 200)
        self.assertEqual(x.header("Content-Type"), MIME["xlsx"])
        self.assertEqual(h.download_names(x)[:2], ("attachment", "工作台账-区残联-3.xlsx"))
        z = h.zip_of(x.body)
        for part in ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"):
            self.assertIn(part, z.namelist())
        strings = h.ooxml_texts(z, "xl/sharedStrings.xml") if "xl/sharedStrings.xml" in z.namelist() else []
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        self.assertTrue(content in strings or content in sheet, "the entry's text is in the workbook")

        # CSV: UTF-8 with BOM, the row parses back
        c = self.unit06.get(self.base + ".csv")
        self.assertEqual(c.status, 200)
        self.assertTrue(c.body.startswith(b"\xef\xbb\xbf"), c.body[:10])
        rows = list(csv.reader(io.StringIO(c.body.decode("utf-8-sig"))))
        row = [r for r in rows if content in r]
        self.assertEqual(len(row), 1, rows[:3])
        self.assertIn("2022-11-15", row[0])
        self.assertIn("区残疾人康复中心", row[0])
        self.assertIn("123", row[0], "the running total")

        # deleted: gone from the page, the table and the exports, its file with it
        r = self.unit06.post(f"/ledger/{lid}/delete", {})
        self.assertEqual((r.status, r.location), (303, self.base))
        self.assertIsNone(PS.query_one("SELECT 1 FROM ledger_entry WHERE id = ?", (lid,)))
        self.assertIsNone(PS.query_one("SELECT 1 FROM attachment WHERE id = ?", (fid,)))
        self.assertNotIn(content, self.unit06.get(self.base).text)
        self.assertNotIn(content, self.unit06.get(self.base + ".csv").body.decode("utf-8-sig"))
        self.assertIn("残疾儿童康复训练救助：118名（目标140名）", h.text_of(self.unit06.get(self.base).text))
        self.assertEqual(self.unit06.get(f"/file/{fid}").status, 404)


if __name__ == "__main__":
    unittest.main()
