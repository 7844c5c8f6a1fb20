"""Escaping: a project retitled `<script>alert(1)</script>` through the real
edit form (with markup in its text and a unit's department too) renders
inert on every page where it appears, for every role; and text that a
visitor sends back (a login, a `next` path, a display name) is escaped
where it is shown again. Every page fetched is also checked for well-formed
HTML by the harness, which would see an injected element as a stray tag."""

import re
import unittest
import urllib.parse
import uuid

import harness as h
from harness import Session

TITLE = "<script>alert(1)</script>"
TITLE_ESC = "&lt;script&gt;alert(1)&lt;/script&gt;"
TEXT = 'Text <img src=x onerror="alert(2)"> & more'
TEXT_ESC = "Text &lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; more"
DEPT = '"><svg onload=alert(3)>'
DEPT_ESC = "&quot;&gt;&lt;svg onload=alert(3)&gt;"
RAW = ["<script>alert(1)", "<img src=x onerror", "<svg onload"]


class RetitledProject(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        db = h.db_path()
        # the last project: its lead unit, and that unit's reporter
        cls.project, = h.query_one(db, "SELECT id FROM project ORDER BY no DESC LIMIT 1")
        cls.programme, = h.query_one(db, "SELECT programme_id FROM project WHERE id = ?", (cls.project,))
        cls.unit, = h.query_one(db, "SELECT unit_id FROM project_unit WHERE project_id = ? AND role = 'lead'",
                                (cls.project,))
        cls.reporter, = h.query_one(db, "SELECT login FROM user WHERE unit_id = ? ORDER BY id LIMIT 1", (cls.unit,))
        cls.admin = h.login_as("admin")
        action = f"/admin/project/{cls.project}"
        cls.original = h.form_fields(cls.admin.get(action).text, action)
        fields = h.replace_field(cls.original, "title", TITLE)
        fields = h.replace_field(fields, "text", TEXT)
        fields = h.replace_field(fields, "units[0].department", DEPT)
        r = cls.admin.post(action, fields)
        assert r.status == 303, f"saving the project: {r.status} {h.text_of(r.text)[:300]}"
        assert r.location == f"/project/{cls.project}", r.location

    @classmethod
    def tearDownClass(cls):
        action = f"/admin/project/{cls.project}"
        current = h.form_fields(cls.admin.get(action).text, action)
        fields = [(k, v) for k, v in cls.original if k != "csrf"]
        fields.append(("csrf", h.field_value(current, "csrf")))
        r = cls.admin.post(action, fields)
        assert r.status == 303, f"restoring the project: {r.status}"

    def test_stored_as_typed(self):
        row = h.query_one(h.db_path(), "SELECT title, body FROM project WHERE id = ?", (self.project,))
        self.assertEqual(row, (TITLE, TEXT))

    def assert_inert(self, page, want):
        self.assertEqual(page.status, 200, page.path)
        for raw in RAW:
            self.assertNotIn(raw, page.text, f"{page.path} carries raw markup {raw!r}")
        for w in want:
            self.assertIn(w, page.text, f"{page.path} lacks {w!r}")

    def test_every_page_that_shows_it(self):
        p, u, g = self.project, self.unit, self.programme
        pages = {
            "admin": {
                "/": [TITLE_ESC],
                f"/p/{g}": [TITLE_ESC],
                f"/project/{p}": [TITLE_ESC, TEXT_ESC, DEPT_ESC],
                f"/unit/{u}": [TITLE_ESC, DEPT_ESC],
                f"/admin/programme/{g}": [TITLE_ESC],
                f"/admin/project/{p}": [TITLE_ESC, TEXT_ESC, DEPT_ESC],
                "/admin/audit": [TITLE_ESC],
                "/public/": [TITLE_ESC, TEXT_ESC],
            },
            "viewer": {"/": [TITLE_ESC], f"/project/{p}": [TITLE_ESC, TEXT_ESC, DEPT_ESC]},
            self.reporter: {"/": [TITLE_ESC], f"/unit/{u}": [TITLE_ESC, DEPT_ESC]},
            None: {"/public/": [TITLE_ESC, TEXT_ESC]},
        }
        for login, paths in pages.items():
            s = h.login_as(login) if login else Session()
            for path, want in paths.items():
                with self.subTest(login=login, path=path):
                    self.assert_inert(s.get(path), want)

    def test_title_element_and_heading(self):
        page = self.admin.get(f"/project/{self.project}")
        self.assertIn(f"<title>{TITLE_ESC} · 实事</title>", page.text)
        self.assertRegex(page.text, r"<h1>\d+\. " + re.escape(TITLE_ESC))
        form = self.admin.get(f"/admin/project/{self.project}")
        self.assertIn(f'name="title" value="{TITLE_ESC}"', form.text)
        self.assertEqual(h.field_value(h.form_fields(form.text, f"/admin/project/{self.project}"), "title"),
                         TITLE, "the edit form gives back exactly what was typed")

    def test_public_page_shows_no_internal_detail(self):
        page = Session().get("/public/")
        self.assertNotIn("svg onload", page.text, "a unit's department is internal")

    def test_audit_records_the_markup_as_data(self):
        row = h.query_one(h.db_path(), "SELECT after FROM audit WHERE action = 'programme.update' "
                                       "ORDER BY id DESC LIMIT 1")
        self.assertIn(TITLE, row[0].replace("\\/", "/"))


class Reflected(unittest.TestCase):
    def test_login_is_escaped_when_the_form_comes_back(self):
        s = Session()
        login = '"><script>alert(4)</script>'
        r = s.login(login, "some-password", expect=None)
        self.assertIn(r.status, (400, 401))
        self.assertNotIn("<script>alert(4)", r.text)
        self.assertEqual(h.field_value(h.form_fields(r.text, "/login"), "login"), login)

    def test_next_is_escaped_in_the_login_form(self):
        nxt = '/"><script>alert(5)</script>'
        page = Session().get("/login?next=" + urllib.parse.quote(nxt, safe=""))
        self.assertNotIn("<script>alert(5)", page.text)
        self.assertIn(h.field_value(h.form_fields(page.text, "/login"), "next"), (nxt, "/"))

    def test_display_name_on_the_accounts_page(self):
        admin = h.login_as("admin")
        login = "e2e-esc-" + uuid.uuid4().hex[:6]
        name = "<b onmouseover=alert(6)>名</b>"
        r = admin.post("/admin/users", {"login": login, "display_name": name, "role": "viewer", "unit": ""})
        self.assertEqual(r.status, 200, h.text_of(r.text)[:300])
        page = admin.get("/admin/users")
        self.assertIn("&lt;b onmouseover=alert(6)&gt;名&lt;/b&gt;", page.text)
        self.assertNotIn("<b onmouseover", page.text)

    def test_error_pages_do_not_reflect_the_path(self):
        admin = h.login_as("admin")
        r = admin.get("/%3Cscript%3Ealert(7)%3C/script%3E")
        self.assertEqual(r.status, 404)
        self.assertNotIn("<script>alert(7)", r.text)


if __name__ == "__main__":
    unittest.main()
