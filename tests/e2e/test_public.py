"""The public side of issue 7, end to end, on a server of this module's
own (harness.PrivateServer: the tests publish and withdraw rounds, which
the shared server's other tests must not see).

A marker string is planted in a draft report, in a returned report's text
and its return reason, in a unit's responsible person (and a marker phone
number in its phone), in a ledger entry and in an objection. /public/,
/public/p/{id} and every file `shishi publish` writes must never contain
them, while the accepted figures of the published round appear and change
when the coordinator publishes another round. Also: objections are stored
and listed, search as unit02 never returns unit01's draft, /public/
answers If-None-Match with 304 until its data changes, and /admin/publish
is the newest programme's publishing page.
"""

import datetime
import os
import re
import tempfile
import unittest
import urllib.parse

import harness as h

MARK = "PLANTED-MARKER-7f3a"
MARK_PHONE = "0533-97319731"

PS = None


def setUpModule():
    global PS
    PS = h.PrivateServer("public")


def tearDownModule():
    PS.finish()


class Public(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = PS.login("admin")
        cls.unit01 = PS.login("unit01")
        cls.unit02 = PS.login("unit02")
        cls.plant()

    # ---- the planted data ------------------------------------------------------------

    @classmethod
    def save_report(cls, s, rid, pid, uid, fields, action):
        url = f"/report/{rid}/{pid}/{uid}"
        page = s.get(url)
        assert page.status == 200, (url, page.status)
        form = h.with_fields(h.form_fields(page.text, url, method="post"), dict(fields, action=action))
        r = s.post(url, form)
        assert r.status == 303, (url, r.status, re.findall(r'field-error[^>]*>([^<]+)', r.text))
        return page.text

    @classmethod
    def plant(cls):
        rounds = {}
        page = cls.admin.get("/p/1").text
        for rid, name in re.findall(r'<a href="/p/1\?round=(\d+)"[^>]*>([^<]+)</a>', page):
            rounds[name] = int(rid)
        cls.q2, cls.q3, cls.q4 = rounds["2022年第二季度"], rounds["2022年第三季度"], rounds["2022年第四季度"]
        cls.unit01_id = int(re.search(r'href="/unit/(\d+)"', cls.unit01.get("/").text).group(1))
        # project 1: led by unit01 (区教体局); project 2: led by unit02 (区卫健局)
        overview = cls.admin.get("/p/1").text
        projects = re.findall(r'<a href="/project/(\d+)">', overview)
        cls.p1, cls.p2 = int(projects[0]), int(projects[1])
        u2 = re.search(r'href="/unit/(\d+)"', cls.unit02.get("/").text)
        cls.unit02_id = int(u2.group(1))

        # a draft (never submitted) with a figure that must never be public
        form = cls.unit01.get(f"/report/{cls.q4}/{cls.p1}/{cls.unit01_id}").text
        value_fields = re.findall(r'name="(value_\d+)"', form)
        cls.value_fields_p1 = value_fields
        fields = {"measures": f"草稿 {MARK} 内容", "problems": MARK, "next_steps": MARK}
        fields[value_fields[1]] = "777"  # 提供公办学位: a number no report of the demo has
        cls.save_report(cls.unit01, cls.q4, cls.p1, cls.unit01_id, fields, "save")

        # a report submitted and returned, with the marker in its text and in the reason
        form = cls.unit02.get(f"/report/{cls.q4}/{cls.p2}/{cls.unit02_id}").text
        v2 = re.findall(r'name="(value_\d+)"', form)
        fields = {"measures": f"退回的报告 {MARK}", "problems": "", "next_steps": ""}
        fields[v2[0]] = "17771"
        cls.save_report(cls.unit02, cls.q4, cls.p2, cls.unit02_id, fields, "submit")
        url = f"/report/{cls.q4}/{cls.p2}/{cls.unit02_id}/review"
        r = cls.admin.post(url, {"csrf": cls.admin.csrf, "decision": "return",
                                 "reason": f"退回理由 {MARK}"})
        assert r.status == 303, r.status

        # the responsible person and phone of a unit
        r = cls.unit01.post(f"/unit/{cls.unit01_id}/project/{cls.p1}/contact", {
            "csrf": cls.unit01.csrf, f"department_{cls.p1}": f"科室{MARK}",
            f"person_{cls.p1}": MARK, f"phone_{cls.p1}": MARK_PHONE})
        assert r.status == 303, r.status

        # a ledger entry
        r = cls.unit01.post(f"/unit/{cls.unit01_id}/project/{cls.p1}/ledger", {
            "csrf": cls.unit01.csrf, "date": "2022-10-20", "content": f"台账 {MARK}",
            "place": MARK, "quantity": "", "funds": "", "indicator": ""})
        assert r.status == 303, (r.status, re.findall(r'field-error[^>]*>([^<]+)', r.text))

    # ---- helpers -------------------------------------------------------------------------

    def publish(self, round_id, until=""):
        url = "/admin/programme/1/publish"
        page = self.admin.get(f"{url}?round={round_id}&objection_until={until}")
        self.assertEqual(page.status, 200)
        form = h.form_fields(page.text, url, method="post")
        self.assertEqual(h.field_value(form, "round"), str(round_id))
        r = self.admin.post(url, form)
        self.assertEqual(r.status, 303, re.findall(r'role="alert">([^<]+)', r.text))
        return page

    def assert_absent(self, needle, text, where):
        """Fails with a little context, not the whole page."""
        i = text.find(needle)
        if i >= 0:
            self.fail(f"{where}: {needle!r} found in …{text[max(0, i - 80):i + 80]}…")

    def assert_clean(self, text, where):
        for needle, why in ((MARK, "a planted marker"), (MARK_PHONE, "a unit's phone"),
                            (">777个</td>", "the draft's figure"), ("17771", "a returned figure"),
                            # the demo's returned Q3 figure of project 2, and project 6's
                            # submitted but not accepted Q3 figure
                            ("16820", "a returned figure"), ("6820人", "an unaccepted figure"),
                            ("<script", "a script")):
            self.assert_absent(needle, text, f"{where} ({why})")

    def public_pages(self):
        anon = PS.session()
        pages = {"/public/ (visitor)": anon.get("/public/"),
                 "/public/p/1 (visitor)": anon.get("/public/p/1"),
                 "/public/ (admin)": self.admin.get("/public/"),
                 "/public/ (unit01)": self.unit01.get("/public/")}
        for where, r in pages.items():
            self.assertEqual(r.status, 200, where)
        return {k: v.text for k, v in pages.items()}

    def export(self):
        out = tempfile.mkdtemp(prefix="publish-", dir=h.scratch_dir())
        p = h.run_cli("publish", "--program", "1", "--out", out, "--db", PS.db)
        files = sorted(os.listdir(out))
        self.assertEqual(files, ["index.html", "style.css"], p.stdout)
        return {name: open(os.path.join(out, name), encoding="utf-8").read() for name in files}

    # ---- the tests -------------------------------------------------------------------------

    def test_0_the_markers_are_planted(self):
        # inside, the markers are where they were put: so their absence outside means something
        project = self.admin.get(f"/project/{self.p1}").text
        self.assertIn(MARK, project)          # the responsible person
        self.assertIn(MARK_PHONE, project)
        returned = self.admin.get(f"/report/{self.q4}/{self.p2}/{self.unit02_id}").text
        self.assertIn(f"退回理由 {MARK}", returned)
        self.assertIn(f"退回的报告 {MARK}", returned)
        draft = self.unit01.get(f"/report/{self.q4}/{self.p1}/{self.unit01_id}").text
        self.assertIn(f"草稿 {MARK} 内容", draft)
        self.assertIn('value="777"', draft)
        ledger = self.unit01.get(f"/unit/{self.unit01_id}/project/{self.p1}/ledger").text
        self.assertIn(f"台账 {MARK}", ledger)

    def test_1_nothing_but_the_notice_before_publishing(self):
        # the demo publishes its third quarter; withdrawn, only the notice is public
        self.publish("")
        for where, text in self.public_pages().items():
            self.assert_clean(text, where)
            self.assertIn("进展数据尚未公开", text, where)
            self.assertNotIn("数据截至", text, where)
            self.assertIn("新建幼儿园：≥3所", text, where)   # the notice's targets are public
            self.assertIn("7220350", text, where)           # the office's phone

    def test_3_published_round_shows_its_accepted_figures(self):
        self.publish(self.q3)
        pages = self.public_pages()
        for where, text in pages.items():
            self.assert_clean(text, where)
            self.assertIn("数据截至2022年9月30日", text, where)
            self.assertIn("<svg", text, where)
            # project 2: its Q3 report was returned, so the accepted Q2 figure stands
            self.assertRegex(text, r"城乡妇女“两癌”免费检查</td><td class=\"num\">≥21094名</td>"
                                   r"<td class=\"num\">12130名</td>", where)
        files = self.export()
        for name, text in files.items():
            self.assert_clean(text, f"publish/{name}")
        index = files["index.html"]
        self.assertIn("数据截至2022年9月30日", index)
        self.assertIn("12130名", index)
        # relative links only, no form
        for ref in re.findall(r'(?:href|src|action)="([^"]*)"', index):
            self.assertFalse(ref.startswith("/") or "://" in ref, f"absolute link {ref} in index.html")
        self.assertNotIn("<form", index)

        # another round: the figures and their date change
        self.publish(self.q2)
        text = PS.session().get("/public/").text
        self.assert_clean(text, "/public/ at Q2")
        self.assertIn("数据截至2022年6月30日", text)
        self.assertNotIn("数据截至2022年9月30日", text)
        index = self.export()["index.html"]
        self.assertIn("数据截至2022年6月30日", index)

        # Q4 published: nothing of Q4 is accepted, so Q3's accepted figures stand, never the
        # draft's 777 or the returned 17771; once unit01 submits and admin accepts, its figure shows
        self.publish(self.q4)
        text = PS.session().get("/public/").text
        self.assert_clean(text, "/public/ at Q4")
        self.assertIn("数据截至2022年12月31日", text)
        url = f"/report/{self.q4}/{self.p1}/{self.unit01_id}"
        self.save_report(self.unit01, self.q4, self.p1, self.unit01_id,
                         {"measures": "第四季度已全部完成", "problems": "", "next_steps": "",
                          self.value_fields_p1[1]: "735"}, "submit")
        text = PS.session().get("/public/").text
        self.assertNotIn(">735个</td>", text, "a submitted figure is not public before it is accepted")
        r = self.admin.post(url + "/review", {"csrf": self.admin.csrf, "decision": "accept"})
        self.assertEqual(r.status, 303)
        text = PS.session().get("/public/").text
        self.assertIn(">735个</td>", text, "the accepted figure is public")
        self.assert_clean(text, "/public/ after acceptance")

    def test_4_etag_and_304(self):
        anon = PS.session()
        r1 = anon.get("/public/")
        etag = r1.header("ETag")
        self.assertTrue(etag)
        r2 = anon.get("/public/", headers={"If-None-Match": etag})
        self.assertEqual(r2.status, 304)
        self.assertEqual(r2.body, b"")
        r3 = anon.get("/public/")
        self.assertEqual(r3.body, r1.body, "served again from memory, byte for byte")
        head = anon.request("HEAD", "/public/")
        self.assertEqual((head.status, head.body), (200, b""))
        # the data changes: a new version, and the old ETag no longer matches
        self.publish(self.q3)
        r4 = anon.get("/public/", headers={"If-None-Match": etag})
        self.assertEqual(r4.status, 200)
        self.assertNotEqual(r4.header("ETag"), etag)

    def test_5_objections_in_the_window(self):
        until = datetime.date.today() + datetime.timedelta(days=30)
        until_cn = f"{until.year}年{until.month}月{until.day}日"
        self.publish(self.q3, until.isoformat())
        anon = PS.session()
        page = anon.get("/public/")
        self.assertIn(f"可在{until_cn}前提出", page.text)
        self.assertNotIn('name="csrf"', page.text, "the cached page carries no per-visitor token")
        self.assertIsNone(page.header("Set-Cookie"))
        # the static export gives the office's phone and e-mail instead of a form
        index = self.export()["index.html"]
        self.assertIn(f"可在{until_cn}前提出", index)
        self.assertIn("请致电7220350", index)
        self.assertNotIn("<form", index)

        form = anon.get("/public/p/1/objection")
        self.assertEqual(form.status, 200)
        self.assertIn("pre", anon.cookies)
        csrf = h.csrf_of(form.text)
        # without the token: refused
        r = PS.session().post("/public/p/1/objection", {"body": "无令牌"}, csrf=None)
        self.assertEqual(r.status, 403)
        # text required
        r = anon.post("/public/p/1/objection", {"csrf": csrf, "name": "", "contact": "", "body": " "})
        self.assertEqual(r.status, 400)
        self.assertIn("请填写意见内容", r.text)
        r = anon.post("/public/p/1/objection", {"csrf": csrf, "name": "王五", "contact": "13912345678",
                                                "body": f"第二项的数字与实际不符 {MARK}"})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/public/p/1/objection?sent=1")
        self.assertIn("已收到您的意见", anon.get(r.header("Location")).text)
        # listed for the coordinator (and only there)
        listing = self.admin.get("/admin/programme/1/objections")
        self.assertEqual(listing.status, 200)
        self.assertIn(f"第二项的数字与实际不符 {MARK}", listing.text)
        self.assertIn("王五", listing.text)
        self.assertEqual(self.unit01.get("/admin/programme/1/objections").status, 403)
        for where, text in self.public_pages().items():
            self.assert_clean(text, where)
            self.assert_absent("王五", text, where)
        # audited
        audit = self.admin.get("/admin/audit").text
        self.assertIn("objection.add", audit)
        # per-address limit: five an hour
        statuses = [anon.post("/public/p/1/objection", {"csrf": csrf, "body": f"第{i}条"}).status
                    for i in range(5)]
        self.assertEqual(statuses, [303, 303, 303, 303, 429])
        # the window closed: the form says so and takes nothing
        self.publish(self.q3, "")
        self.assertNotIn("前提出", PS.session().get("/public/").text)
        r = anon.post("/public/p/1/objection", {"csrf": csrf, "body": "窗口已关闭"})
        self.assertEqual(r.status, 409)

    def test_2_search_shows_each_searcher_only_theirs(self):
        q = urllib.parse.quote(MARK)
        draft_link = f'href="/report/{self.q4}/{self.p1}/{self.unit01_id}"'
        # unit01 finds its own draft (with the marker highlighted) and its ledger entry
        own = self.unit01.get(f"/search?q={q}").text
        self.assertIn(draft_link, own)
        self.assertIn(f"<mark>{MARK}</mark>", own)
        self.assertIn(f'href="/unit/{self.unit01_id}/project/{self.p1}/ledger"', own)
        # unit02: its own returned report, never unit01's draft or ledger
        other = self.unit02.get(f"/search?q={q}").text
        self.assertNotIn(draft_link, other)
        self.assertNotIn(f"/unit/{self.unit01_id}/", other)
        self.assertIn(f'href="/report/{self.q4}/{self.p2}/{self.unit02_id}"', other)
        # the coordinator: the returned report and the ledger, not the draft
        admin = self.admin.get(f"/search?q={q}").text
        self.assertNotIn(draft_link, admin)
        self.assertIn(f'href="/report/{self.q4}/{self.p2}/{self.unit02_id}"', admin)
        # one or two characters: the LIKE fallback, same visibility
        short = self.unit02.get("/search?q=" + urllib.parse.quote("草稿")).text
        self.assertNotIn(draft_link, short)
        # the public may not search; markup in a query is text
        self.assertEqual(PS.session().get(f"/search?q={q}").status, 303)
        r = self.admin.get("/search?q=" + urllib.parse.quote("<b>x</b>"))
        self.assertNotIn("<b>x</b>", r.text)

    def test_6_command_line(self):
        self.assertEqual(h.run_cli("publish", "--db", PS.db, check=False).returncode, 2)
        out = os.path.join(tempfile.mkdtemp(prefix="publish-", dir=h.scratch_dir()), "x")
        p = h.run_cli("publish", "--program", "999", "--out", out, "--db", PS.db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)

    def test_7_admin_publish_is_the_newest_programmes(self):
        def same_page(latest, programme):
            """/admin/publish is the publishing page of programme (its forms name it)."""
            self.assertEqual(latest.status, 200)
            url = f"/admin/programme/{programme}/publish"
            h.form_fields(latest.text, url, method="get")   # the preview ...
            h.form_fields(latest.text, url, method="post")  # ... and publishing post to it
            self.assertEqual(h.text_of(latest.text), h.text_of(self.admin.get(url).text))

        self.publish(self.q3)
        latest = self.admin.get("/admin/publish")
        same_page(latest, 1)
        self.assertIn("当前公开：2022年第三季度已采纳的数据（数据截至2022年9月30日）", h.text_of(latest.text))
        # another programme, newer: the page is now its
        seed = os.path.join(os.path.dirname(__file__), "..", "data", "linzi-2022-notice.txt")
        h.run_cli("import-notice", seed, "--commit", "--db", PS.db)
        newest = PS.one("SELECT max(id) FROM programme")
        self.assertNotEqual(newest, 1)
        latest = self.admin.get("/admin/publish")
        same_page(latest, newest)
        self.assertIn("当前公开：仅通知内容，未公开进展数据", h.text_of(latest.text))
        self.assertNotIn('action="/admin/programme/1/publish"', latest.text)


if __name__ == "__main__":
    unittest.main()
