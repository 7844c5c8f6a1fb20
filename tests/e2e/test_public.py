#!/usr/bin/env python3
"""test_public.py - the public side of issue 7, end to end, on a server of
its own (self-contained: it starts `shishi serve` on a fresh demo database
and stops it, so it needs nothing from tests/e2e/harness.py).

    python3 tests/e2e/test_public.py [BIN]      (BIN: $SHISHI_BIN, else ./shishi)

A marker string is planted in a draft report, in a returned report's text
and its return reason, in a unit's responsible person (and a marker phone
number in its phone), in a ledger entry and in an objection. /public/,
/public/p/{id} and every file `shishi publish` writes must never contain
them, while the accepted figures of the published round appear and change
when the coordinator publishes another round. Also: objections are stored
and listed, search as unit02 never returns unit01's draft, and /public/
answers If-None-Match with 304 until its data changes.
"""

import datetime
import html.parser
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

MARK = "PLANTED-MARKER-7f3a"
MARK_PHONE = "0533-97319731"
PASSWORD = "demo-e2e-pass"
HERE = os.path.dirname(os.path.abspath(__file__))


def binary():
    b = os.environ.get("SHISHI_BIN") or os.path.join(HERE, "..", "..", "shishi")
    return os.path.abspath(b)


def run_cli(*args, check=True):
    p = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=60)
    if check and p.returncode != 0:
        raise AssertionError(f"shishi {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class Session:
    """Cookies kept by hand; redirects are returned, not followed."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        c.close()
        for k, v in resp.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return resp

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, form):
        return self.request("POST", path, form=form)

    @staticmethod
    def csrf_of(text):
        m = re.search(r'name="csrf" value="([^"]+)"', text)
        if not m:
            raise AssertionError("no csrf field in the page")
        return m.group(1)

    def login(self, login):
        page = self.get("/login")
        r = self.post("/login", {"csrf": self.csrf_of(page.text), "login": login,
                                 "password": PASSWORD, "next": "/"})
        if r.status != 303 or "sid" not in self.cookies:
            raise AssertionError(f"login {login}: {r.status}")
        self.csrf = self.csrf_of(self.get("/password").text)
        return self


class _FormFields(html.parser.HTMLParser):
    """The fields of one form (by its action) as a browser would send them."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields = {}
        self.textarea = None
        self.select = None
        self.found = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action and a.get("method") == "post"
            self.found = self.found or self.inside
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "file", "checkbox"):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.fields[self.textarea] = ""
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and ("selected" in a or self.select not in self.fields):
            self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.fields[self.textarea] += data


def form_fields(text, action):
    """Every field of the form posting to action, with its current value."""
    p = _FormFields(action)
    p.feed(text)
    if not p.found:
        raise AssertionError(f"no form for {action}")
    return p.fields


class Public(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="shishi-public-", dir=os.environ.get("SHISHI_E2E_TMP"))
        cls.db = os.path.join(cls.tmp, "demo.db")
        run_cli("demo", "--db", cls.db, "--password", PASSWORD)
        cls.log_path = os.path.join(cls.tmp, "serve.log")
        log = open(cls.log_path, "wb")
        cls.proc = subprocess.Popen([binary(), "serve", "--db", cls.db, "--listen", "127.0.0.1:0",
                                     "--threads", "2"], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=log)
        log.close()
        deadline = time.monotonic() + 15
        cls.port = None
        while cls.port is None:
            with open(cls.log_path, encoding="utf-8", errors="replace") as f:
                log_text = f.read()
            m = re.search(r"\(port (\d+)\)", log_text)
            if m:
                cls.port = int(m.group(1))
            elif cls.proc.poll() is not None or time.monotonic() > deadline:
                cls.proc.kill()
                raise RuntimeError("shishi serve did not start:\n" + log_text)
            else:
                time.sleep(0.02)
        cls.admin = Session(cls.port).login("admin")
        cls.unit01 = Session(cls.port).login("unit01")
        cls.unit02 = Session(cls.port).login("unit02")
        cls.plant()

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        try:
            rc = cls.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            cls.proc.kill()
            rc = None
        ok = rc == 0
        if ok and not os.environ.get("SHISHI_E2E_KEEP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)
        elif not ok:
            print(f"test_public: server exited {rc}; kept {cls.tmp}", file=sys.stderr)

    # ---- the planted data ------------------------------------------------------------

    @classmethod
    def save_report(cls, s, rid, pid, uid, fields, action):
        url = f"/report/{rid}/{pid}/{uid}"
        page = s.get(url)
        assert page.status == 200, (url, page.status)
        form = form_fields(page.text, url)
        form.update(fields)
        form["action"] = action
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
        form = form_fields(page.text, url)
        self.assertEqual(form["round"], str(round_id))
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
        anon = Session(self.port)
        pages = {"/public/ (visitor)": anon.get("/public/"),
                 "/public/p/1 (visitor)": anon.get("/public/p/1"),
                 "/public/ (admin)": self.admin.get("/public/"),
                 "/public/ (unit01)": self.unit01.get("/public/")}
        for where, r in pages.items():
            self.assertEqual(r.status, 200, where)
        return {k: v.text for k, v in pages.items()}

    def export(self):
        out = tempfile.mkdtemp(prefix="publish-", dir=self.tmp)
        p = run_cli("publish", "--program", "1", "--out", out, "--db", self.db)
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
        text = Session(self.port).get("/public/").text
        self.assert_clean(text, "/public/ at Q2")
        self.assertIn("数据截至2022年6月30日", text)
        self.assertNotIn("数据截至2022年9月30日", text)
        index = self.export()["index.html"]
        self.assertIn("数据截至2022年6月30日", index)

        # Q4 published: nothing of Q4 is accepted, so Q3's accepted figures stand, never the
        # draft's 777 or the returned 17771; once unit01 submits and admin accepts, its figure shows
        self.publish(self.q4)
        text = Session(self.port).get("/public/").text
        self.assert_clean(text, "/public/ at Q4")
        self.assertIn("数据截至2022年12月31日", text)
        url = f"/report/{self.q4}/{self.p1}/{self.unit01_id}"
        self.save_report(self.unit01, self.q4, self.p1, self.unit01_id,
                         {"measures": "第四季度已全部完成", "problems": "", "next_steps": "",
                          self.value_fields_p1[1]: "735"}, "submit")
        text = Session(self.port).get("/public/").text
        self.assertNotIn(">735个</td>", text, "a submitted figure is not public before it is accepted")
        r = self.admin.post(url + "/review", {"csrf": self.admin.csrf, "decision": "accept"})
        self.assertEqual(r.status, 303)
        text = Session(self.port).get("/public/").text
        self.assertIn(">735个</td>", text, "the accepted figure is public")
        self.assert_clean(text, "/public/ after acceptance")

    def test_4_etag_and_304(self):
        anon = Session(self.port)
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
        anon = Session(self.port)
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
        csrf = Session.csrf_of(form.text)
        # without the token: refused
        r = Session(self.port).post("/public/p/1/objection", {"body": "无令牌"})
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
        self.assertNotIn("前提出", Session(self.port).get("/public/").text)
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
        self.assertEqual(Session(self.port).get(f"/search?q={q}").status, 303)
        r = self.admin.get("/search?q=" + urllib.parse.quote("<b>x</b>"))
        self.assertNotIn("<b>x</b>", r.text)

    def test_6_command_line(self):
        self.assertEqual(run_cli("publish", "--db", self.db, check=False).returncode, 2)
        p = run_cli("publish", "--program", "999", "--out", os.path.join(self.tmp, "x"),
                    "--db", self.db, check=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(p.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        os.environ["SHISHI_BIN"] = sys.argv.pop(1)
    unittest.main(verbosity=2)
