"""Importing a notice on the web (issue 6): upload, the review form with the
notice's sentence beside each field, a field corrected, confirmation; bad
files refused with a message; nothing stored before confirmation."""

import json
import os
import unittest

import harness as h

SEED = os.path.join(os.path.dirname(__file__), "..", "data", "linzi-2022-notice.txt")
EXPECTED = os.path.join(os.path.dirname(__file__), "..", "..", "data", "demo", "linzi-2022.json")
CONFIRM = "/admin/import/confirm"


def programmes():
    return h.query_one(h.db_path(), "SELECT count(*) FROM programme")[0]


class NoticeImport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = h.login_as("admin")

    def upload(self, name, data):
        page = self.admin.get("/admin/import")
        self.assertEqual(page.status, 200)
        return self.admin.post_multipart("/admin/import", files=[("file", name, data)])

    def test_seed_notice_round_trip(self):
        before = programmes()
        r = self.upload("通知.txt", open(SEED, "rb").read())
        self.assertEqual(r.status, 200, h.text_of(r.text)[:300])
        self.assertIn("核对通知草稿", r.text)
        # the sentence of the notice beside the field, and what is doubtful marked
        self.assertIn("原文：新建幼儿园3所，提供公办学位735个。", r.text)
        self.assertIn("请核对：", r.text)
        self.assertEqual(programmes(), before, "nothing is stored before confirmation")
        fields = h.form_fields(r.text, CONFIRM)
        self.assertEqual(h.field_value(fields, "projects[2].report_title"), "实施困境儿童救助项目")

        # a wrong value comes back with its message, as typed, and nothing is stored
        bad = h.replace_field(fields, "projects[0].indicators[1].target", "七百")
        r2 = self.admin.post(CONFIRM, bad)
        self.assertEqual(r2.status, 400)
        self.assertEqual(h.field_error(r2.text, "projects[0].indicators[1].target"), "目标值必须是数字")
        self.assertIn('value="七百"', r2.text)
        self.assertIn("原文：", r2.text, "the notes come back with the form")
        self.assertEqual(programmes(), before)

        # corrected and confirmed: a programme equal to the reference, with one change
        fields = h.replace_field(fields, "projects[0].indicators[0].name", "新建公办幼儿园")
        r3 = self.admin.post(CONFIRM, fields)
        self.assertEqual(r3.status, 303, h.text_of(r3.text)[:300])
        pid = int(r3.location.rsplit("/", 1)[1])
        out = h.run_cli("program", "show", str(pid), "--json", "--db", h.db_path())
        got = json.loads(out.stdout)
        want = json.load(open(EXPECTED))
        self.assertEqual(got["projects"][0]["indicators"][0]["name"], "新建公办幼儿园")
        pairs = lambda p: [(i["target"], i["measure"]) for pr in p["projects"] for i in pr["indicators"]]
        self.assertEqual(pairs(got), pairs(want))
        for key in ("title", "year", "issuer", "issued", "coordinator", "contact", "report_form_title"):
            self.assertEqual(got[key], want[key], key)
        self.assertEqual([pr["report_title"] for pr in got["projects"]], [pr["report_title"] for pr in want["projects"]])
        self.assertEqual([[u["name"] for u in pr["units"]] for pr in got["projects"]],
                         [[u["name"] for u in pr["units"]] for pr in want["projects"]])
        # its quarterly rounds were made, and the creation is audited
        rounds = h.query_one(h.db_path(), "SELECT count(*) FROM round WHERE programme_id = ?", (pid,))[0]
        self.assertEqual(rounds, 3)
        action, = h.query_one(h.db_path(), "SELECT action FROM audit WHERE entity = 'programme' AND entity_id = ? "
                                           "ORDER BY id DESC LIMIT 1", (pid,))
        self.assertEqual(action, "programme.create")

    def test_bad_files_are_refused_with_a_message(self):
        before = programmes()
        for name, data, message in (
            ("x.txt", b"\x00\x01\x02binary\xff\xfe" * 100, "文件"),
            ("x.txt", "这是一份没有编号项目的普通文件。\n".encode(), "未找到编号的实事项目"),
            ("x.docx", b"PK\x03\x04not really a zip", ""),
        ):
            with self.subTest(name=name, data=data[:20]):
                r = self.upload(name, data)
                self.assertEqual(r.status, 400)
                msg = h.field_error(r.text, "file")
                self.assertTrue(msg and message in msg, msg)
        self.assertEqual(programmes(), before)
