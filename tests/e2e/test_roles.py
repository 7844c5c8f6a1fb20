"""The role matrix: every route of `shishi routes`, for every role (public,
admin, reporter unit01, viewer), requested over HTTP, against an explicit
table of who may use it. A route that is in the routing table but not in
EXPECT fails the test, so a route cannot be added without a rule. Also the
unit-ownership rule (a reporter sees only its own unit) and which reports
each role may read."""

import re
import unittest
import urllib.parse
import uuid

import harness as h

ALL = frozenset({"public", "admin", "reporter", "viewer"})
USERS = frozenset({"admin", "reporter", "viewer"})
ADMIN = frozenset({"admin"})
READERS = frozenset({"admin", "viewer"})      # the coordinator and the leaders
REPORTER = frozenset({"reporter"})           # a unit's own work
OFFICE_OR_UNIT = frozenset({"admin", "reporter"})

# (method, pattern) -> the roles that may use it. Keep in step with
# src/web/routes.c on purpose: a change of rule must change this table.
EXPECT = {
    ("GET", "/login"): ALL,
    ("POST", "/login"): ALL,
    ("POST", "/logout"): USERS,
    ("GET", "/password"): USERS,
    ("POST", "/password"): USERS,
    ("GET", "/"): USERS,
    ("GET", "/p/{id}"): USERS,
    ("GET", "/project/{id}"): USERS,
    ("GET", "/unit/{id}"): USERS,  # a reporter only its own unit: see Ownership
    ("GET", "/p/{id}/dashboard"): READERS,
    # rounds and the quarterly table
    ("GET", "/p/{id}/rounds"): USERS,
    ("POST", "/p/{id}/rounds"): ADMIN,
    ("POST", "/round/{id}"): ADMIN,
    ("GET", "/round/{id}/table"): READERS,
    ("GET", "/round/{id}/table.docx"): READERS,
    ("GET", "/round/{id}/table.xlsx"): READERS,
    ("GET", "/round/{id}/table.csv"): READERS,
    ("GET", "/round/{id}/import"): OFFICE_OR_UNIT,  # a reporter's import writes only its own unit
    ("POST", "/round/{id}/import"): OFFICE_OR_UNIT,
    ("POST", "/round/{id}/import/confirm"): OFFICE_OR_UNIT,
    ("GET", "/round/{id}/status"): READERS,
    ("GET", "/round/{id}/reminders"): READERS,
    ("POST", "/round/{id}/reminders"): ADMIN,
    # a unit's report, its contact person, plan, ledger and files
    ("GET", "/report/{id}/{id}/{id}"): USERS,
    ("POST", "/report/{id}/{id}/{id}"): REPORTER,
    ("POST", "/report/{id}/{id}/{id}/review"): ADMIN,
    ("POST", "/report/{id}/{id}/{id}/evidence"): REPORTER,
    ("GET", "/report/{id}/{id}/{id}/versions"): USERS,
    ("POST", "/unit/{id}/project/{id}/contact"): OFFICE_OR_UNIT,
    ("POST", "/unit/{id}/project/{id}/plan"): REPORTER,
    ("GET", "/unit/{id}/project/{id}/ledger"): USERS,
    ("POST", "/unit/{id}/project/{id}/ledger"): REPORTER,
    ("GET", "/unit/{id}/project/{id}/ledger.xlsx"): USERS,
    ("GET", "/unit/{id}/project/{id}/ledger.csv"): USERS,
    ("POST", "/ledger/{id}/delete"): REPORTER,
    ("GET", "/file/{id}"): USERS,
    ("POST", "/file/{id}/delete"): REPORTER,
    ("GET", "/admin/import"): ADMIN,
    ("POST", "/admin/import"): ADMIN,
    ("POST", "/admin/import/confirm"): ADMIN,
    ("GET", "/admin/programme/{id}"): ADMIN,
    ("POST", "/admin/programme/{id}"): ADMIN,
    ("GET", "/admin/programme/{id}/new-project"): ADMIN,
    ("POST", "/admin/programme/{id}/new-project"): ADMIN,
    ("GET", "/admin/project/{id}"): ADMIN,
    ("POST", "/admin/project/{id}"): ADMIN,
    ("GET", "/admin/units"): ADMIN,
    ("POST", "/admin/units"): ADMIN,
    ("GET", "/admin/users"): ADMIN,
    ("POST", "/admin/users"): ADMIN,
    ("POST", "/admin/users/{id}/disable"): ADMIN,
    ("POST", "/admin/users/{id}/enable"): ADMIN,
    ("POST", "/admin/users/{id}/reset"): ADMIN,
    ("GET", "/admin/audit"): ADMIN,
    # supervision notices and the bulletin
    ("GET", "/p/{id}/supervise"): READERS,
    ("POST", "/p/{id}/supervise"): ADMIN,
    ("GET", "/p/{id}/supervise.docx"): READERS,
    ("GET", "/round/{id}/bulletin"): READERS,
    ("POST", "/round/{id}/bulletin"): ADMIN,
    ("GET", "/round/{id}/bulletin.docx"): READERS,
    # publication, objections and search
    ("GET", "/admin/publish"): ADMIN,
    ("GET", "/admin/programme/{id}/publish"): ADMIN,
    ("POST", "/admin/programme/{id}/publish"): ADMIN,
    ("GET", "/admin/programme/{id}/objections"): ADMIN,
    ("GET", "/search"): USERS,
    ("GET", "/public/"): ALL,
    ("GET", "/public/p/{id}"): ALL,
    ("GET", "/public/p/{id}/objection"): ALL,
    ("POST", "/public/p/{id}/objection"): ALL,
    ("GET", "/static/{name}"): ALL,
}

# Routes only for visitors: a logged-in user is sent home instead.
GUEST_ONLY = {("GET", "/login"), ("POST", "/login")}
# Logging out ends at the login form: that redirect is its success.
LOGOUT = ("POST", "/logout")
# Routes whose unit the router checks for reporters (see Ownership).
OWN_UNIT = {
    ("GET", "/unit/{id}"),
    ("GET", "/report/{id}/{id}/{id}"), ("POST", "/report/{id}/{id}/{id}"),
    ("POST", "/report/{id}/{id}/{id}/evidence"), ("GET", "/report/{id}/{id}/{id}/versions"),
    ("POST", "/unit/{id}/project/{id}/contact"), ("POST", "/unit/{id}/project/{id}/plan"),
    ("GET", "/unit/{id}/project/{id}/ledger"), ("POST", "/unit/{id}/project/{id}/ledger"),
    ("GET", "/unit/{id}/project/{id}/ledger.xlsx"), ("GET", "/unit/{id}/project/{id}/ledger.csv"),
    ("POST", "/ledger/{id}/delete"), ("GET", "/file/{id}"), ("POST", "/file/{id}/delete"),
}

# GET routes that answer with a file, not a page.
DOWNLOADS = {("GET", "/static/{name}"), ("GET", "/round/{id}/table.docx"), ("GET", "/round/{id}/table.xlsx"),
             ("GET", "/round/{id}/table.csv"), ("GET", "/file/{id}"), ("GET", "/round/{id}/bulletin.docx"),
             ("GET", "/p/{id}/supervise.docx"), ("GET", "/unit/{id}/project/{id}/ledger.xlsx"),
             ("GET", "/unit/{id}/project/{id}/ledger.csv")}

LOGINS = {"admin": "admin", "reporter": "unit01", "viewer": "viewer"}


class Matrix(unittest.TestCase):
    """On a server of its own (harness.PrivateServer): the allowed POSTs,
    sent empty, change data (a publication withdrawn, a contact cleared, a
    ledger entry deleted, a 督办 recorded) that the shared server's other
    tests must not see."""

    @classmethod
    def setUpClass(cls):
        cls.routes = h.routes()
        cls.ps = ps = h.PrivateServer("matrix")
        # the account that admin's POSTs to /admin/users/{id}/... act on
        login = "e2e-matrix-" + uuid.uuid4().hex[:6]
        h.run_cli("user", "add", login, "--role", "viewer", "--db", ps.db)
        uid, = ps.query_one("SELECT id FROM user WHERE login = ?", (login,))
        cls.sessions = {role: ps.login(login) for role, login in LOGINS.items()}
        ids = h.Ids(ps.db)
        # an attachment of the reporter's unit, for /file/{id} (the demo has none)
        file_id = h.upload_plan(cls.sessions["reporter"], ids.own_unit, ids.project, db=ps.db)
        cls.ids = h.Ids(ps.db, target_user=uid, file=file_id)
        cls.sessions["public"] = ps.session()
        cls.sessions["public"].ensure_csrf()  # the login form's token, so a refusal is not for CSRF

    @classmethod
    def tearDownClass(cls):
        cls.ps.finish()

    def test_every_route_has_a_rule(self):
        declared = {(r["method"], r["pattern"]) for r in self.routes}
        missing = sorted(declared - set(EXPECT))
        self.assertFalse(missing, f"routes without an expectation in test_roles.EXPECT: {missing}")
        stale = sorted(set(EXPECT) - declared)
        self.assertFalse(stale, f"EXPECT names routes that `shishi routes` no longer lists: {stale}")

    def test_declared_roles_match_the_table(self):
        for r in self.routes:
            key = (r["method"], r["pattern"])
            if key in EXPECT:
                with self.subTest(route=key):
                    self.assertEqual(r["roles"], EXPECT[key])
                    self.assertEqual("own-unit" in r["flags"], key in OWN_UNIT)
                    self.assertEqual("guest-only" in r["flags"], key in GUEST_ONLY)

    def request(self, role, method, path):
        s = self.sessions[role]
        if (method, path) == LOGOUT and role != "public":
            s = self.ps.login(LOGINS[role])  # a session of its own to end
            r = s.post(path, {})
            r.after = s.get("/")
            return r
        if method == "POST":
            return s.post(path, {})
        return s.request(method, path)

    def test_every_route_for_every_role(self):
        declared = [(r["method"], r["pattern"]) for r in self.routes]
        readers = "SELECT count(*) FROM audit WHERE login IN ('viewer', 'anonymous') OR login IS NULL"
        audit_before = self.ps.one(readers)
        for method, pattern in declared:
            allowed = EXPECT.get((method, pattern))
            if allowed is None:
                continue  # test_every_route_has_a_rule fails for it
            path = self.ids.path(pattern)
            methods = [method, "HEAD"] if method == "GET" else [method]
            for role in ("public", "admin", "reporter", "viewer"):
                for m in methods:
                    with self.subTest(role=role, method=m, path=path):
                        r = self.request(role, m, path)
                        self.check(role, m, path, (method, pattern), role in allowed, r)
        # the leader and the visitor changed nothing
        self.assertEqual(self.ps.one(readers), audit_before)

    def check(self, role, method, path, key, allowed, r):
        self.assertLess(r.status, 500, f"{role} {method} {path}")
        if allowed and key == LOGOUT:
            self.assertEqual((r.status, r.location), (303, "/login"))
            self.assertEqual((r.after.status, r.after.location), (303, "/login?next=%2F"),
                             "after logging out the session is gone")
            return
        if allowed:
            self.assertNotEqual(r.status, 403, f"{role} may use {method} {path}: {h.text_of(r.text)[:200]}")
            if r.status in (301, 302, 303, 307):
                self.assertFalse((r.location or "").startswith("/login"),
                                 f"{role} {method} {path} sent to {r.location}")
            if key in GUEST_ONLY and role != "public":
                self.assertEqual((r.status, r.location), (303, "/"), "a logged-in user is sent home")
            elif key[0] == "GET":
                self.assertEqual(r.status, 200, f"{role} {method} {path}: {h.text_of(r.text)[:200]}")
                if method == "GET" and key in DOWNLOADS:
                    self.assertTrue(r.body and not r.is_html, f"{path} is a download")
                elif method == "GET":
                    self.assertTrue(r.is_html and "</html>" in r.text)
                if method == "HEAD":
                    self.assertEqual(r.body, b"")
            return
        if role == "public":
            if key[0] == "GET":
                self.assertEqual(r.status, 303, f"anonymous {method} {path}")
                self.assertEqual(r.location, "/login?next=" + urllib.parse.quote(path, safe=""))
            else:
                self.assertEqual(r.status, 403, f"anonymous {method} {path}")
                self.assertIn("请先登录", r.text)
        else:
            self.assertEqual(r.status, 403, f"{role} {method} {path}")
            if method != "HEAD":
                self.assertIn("您的账号无权访问此页面", r.text)


class Ownership(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ids = h.Ids(h.db_path())
        cls.reporter = h.login_as("unit01")

    def test_reporter_sees_its_own_unit(self):
        r = self.reporter.get(f"/unit/{self.ids.own_unit}")
        self.assertEqual(r.status, 200)
        self.assertIn("<h1>区教体局</h1>", r.text)
        self.assertIn("实施教育资源品质提升工程", r.text)

    def test_reporter_is_refused_another_unit(self):
        for unit in (self.ids.other_unit, 999999):
            r = self.reporter.get(f"/unit/{unit}")
            self.assertEqual(r.status, 403, unit)
            self.assertIn("只能查看和修改本单位的内容", r.text)
            self.assertNotIn("区卫健局</h1>", r.text)

    def test_others_see_any_unit(self):
        for login in ("admin", "viewer"):
            r = h.login_as(login).get(f"/unit/{self.ids.other_unit}")
            self.assertEqual(r.status, 200, login)
            self.assertIn("<h1>区卫健局</h1>", r.text)

    def test_reporter_nav_links_its_unit(self):
        home = self.reporter.get("/")
        self.assertIn(f'href="/unit/{self.ids.own_unit}"', home.text)
        self.assertNotIn('href="/admin/', home.text)
        self.assertNotIn("编辑计划", home.text)


class OwnUnitObjects(unittest.TestCase):
    """A reporter reaches its own unit's reports, ledger, files and contact
    rows, and never another unit's, whatever the path says."""

    @classmethod
    def setUpClass(cls):
        db = h.db_path()
        cls.ids = h.Ids(db)
        cls.reporter = h.login_as("unit01")
        cls.other = h.login_as("unit02")
        # another unit, a project of it, and its objects
        cls.unit2, = h.query_one(db, "SELECT unit_id FROM user WHERE login = 'unit02'")
        cls.project2, = h.query_one(db, "SELECT project_id FROM project_unit WHERE unit_id = ? ORDER BY project_id "
                                        "LIMIT 1", (cls.unit2,))
        cls.round2, = h.query_one(db, "SELECT round_id FROM report WHERE unit_id = ? AND project_id = ? "
                                      "ORDER BY round_id DESC LIMIT 1", (cls.unit2, cls.project2))
        cls.file2 = h.upload_plan(cls.other, cls.unit2, cls.project2)
        cls.ledger2, = h.query_one(db, "SELECT id FROM ledger_entry WHERE unit_id = ? ORDER BY id LIMIT 1",
                                   (cls.unit2,))

    def test_another_units_objects_are_refused(self):
        u, p, r = self.unit2, self.project2, self.round2
        cases = [
            ("GET", f"/report/{r}/{p}/{u}"),
            ("GET", f"/report/{r}/{p}/{u}/versions"),
            ("POST", f"/report/{r}/{p}/{u}"),
            ("POST", f"/report/{r}/{p}/{u}/evidence"),
            ("GET", f"/unit/{u}/project/{p}/ledger"),
            ("POST", f"/unit/{u}/project/{p}/ledger"),
            ("POST", f"/unit/{u}/project/{p}/contact"),
            ("POST", f"/unit/{u}/project/{p}/plan"),
            ("POST", f"/ledger/{self.ledger2}/delete"),
            ("GET", f"/file/{self.file2}"),
            ("POST", f"/file/{self.file2}/delete"),
        ]
        audit = h.query_one(h.db_path(), "SELECT count(*) FROM audit")
        for method, path in cases:
            with self.subTest(method=method, path=path):
                r = self.reporter.post(path, {}) if method == "POST" else self.reporter.get(path)
                self.assertEqual(r.status, 403)
                self.assertIn("只能查看和修改本单位的内容", r.text)
        self.assertEqual(h.query_one(h.db_path(), "SELECT count(*) FROM audit"), audit, "nothing changed")
        self.assertIsNotNone(h.query_one(h.db_path(), "SELECT 1 FROM ledger_entry WHERE id = ?", (self.ledger2,)))
        self.assertIsNotNone(h.query_one(h.db_path(), "SELECT 1 FROM attachment WHERE id = ?", (self.file2,)))
        # while its own unit's reporter may
        self.assertEqual(self.other.get(f"/file/{self.file2}").status, 200)

    def test_own_unit_with_a_project_it_does_not_work_on(self):
        db = h.db_path()
        u = self.ids.own_unit
        p, = h.query_one(db, "SELECT id FROM project WHERE id NOT IN (SELECT project_id FROM "
                             "project_unit WHERE unit_id = ?) ORDER BY id LIMIT 1", (u,))
        # the open round, where the unit's own report would be saved
        q4, = h.query_one(db, "SELECT id FROM round WHERE name = '2022年第四季度'")
        values = {f"value_{i}": "1" for (i,) in h.query(db, "SELECT id FROM indicator WHERE project_id = ?", (p,))}
        # the fields of the real forms (the unit page's contact form, the ledger's, the report's),
        # so that only the ownership rule can refuse them
        audit = h.audit_count()
        for method, path, fields in [
            ("POST", f"/unit/{u}/project/{p}/contact",
             {f"department_{p}": "冒名科", f"person_{p}": "冒名人", f"phone_{p}": "0533-1234567"}),
            ("POST", f"/unit/{u}/project/{p}/ledger",
             {"date": "2022-10-20", "place": "", "indicator": "", "quantity": "", "funds": "", "content": "冒名台账"}),
            ("GET", f"/unit/{u}/project/{p}/ledger", None),
            ("GET", f"/report/{q4}/{p}/{u}", None),
            ("POST", f"/report/{q4}/{p}/{u}",
             {"version": "0", **values, "measures": "冒名报告", "problems": "", "next_steps": "",
              "expected_completion": "", "action": "save"}),
        ]:
            with self.subTest(method=method, path=path):
                r = self.reporter.post(path, fields) if method == "POST" else self.reporter.get(path)
                self.assertIn(r.status, (403, 404), h.snippet(r.text, 200))
        self.assertEqual(h.audit_count(), audit, "nothing changed")
        self.assertIsNone(h.query_one(db, "SELECT 1 FROM project_unit WHERE project_id = ? AND unit_id = ?", (p, u)))
        self.assertIsNone(h.query_one(db, "SELECT 1 FROM ledger_entry WHERE content = '冒名台账'"))
        self.assertIsNone(h.query_one(db, "SELECT 1 FROM report WHERE measures = '冒名报告'"))

    def test_import_writes_only_the_reporters_unit(self):
        # confirm an import plan (the preview's hidden fields) naming another unit
        r = self.reporter.post(f"/round/{self.round2}/import/confirm", {
            "n": "1", "as": "draft", "p0": str(self.project2), "u0": str(self.unit2), "r0": "1",
            "t0": "冒名导入的内容"})
        self.assertIn(r.status, (400, 403, 409), h.text_of(r.text)[:300])
        self.assertIn("只能导入本单位的内容", r.text)
        self.assertIsNone(h.query_one(h.db_path(), "SELECT 1 FROM report WHERE measures = '冒名导入的内容'"))


class Reports(unittest.TestCase):
    """Which reports each role reads on a project page: a reporter only its
    own unit's; the coordinator and leaders everything but drafts."""

    @classmethod
    def setUpClass(cls):
        db = h.db_path()
        row = h.query_one(db, "SELECT r.project_id, r.unit_id, r.measures, u.login FROM report r "
                              "JOIN user u ON u.unit_id = r.unit_id WHERE r.status = 'draft' "
                              "AND r.measures <> '' ORDER BY r.id LIMIT 1")
        assert row, "the demo has a draft report"
        cls.project, cls.unit, cls.draft, cls.owner = row
        row = h.query_one(db, "SELECT r.measures FROM report r WHERE r.project_id = ? AND r.unit_id <> ? "
                              "AND r.status IN ('submitted', 'accepted') AND r.measures <> '' "
                              "ORDER BY r.id DESC LIMIT 1", (cls.project, cls.unit))
        cls.submitted = row[0]

    def snippet(self, text):
        return h.text_of(text)[:40]

    def test_drafts_are_hidden_from_coordinator_and_leaders(self):
        for login in ("admin", "viewer"):
            page = h.text_of(h.login_as(login).get(f"/project/{self.project}").text)
            self.assertNotIn(self.snippet(self.draft), page, login)
            self.assertIn(self.snippet(self.submitted), page, login)

    def test_reporter_reads_its_own_draft_but_not_other_units(self):
        page = h.text_of(h.login_as(self.owner).get(f"/project/{self.project}").text)
        self.assertIn(self.snippet(self.draft), page)
        self.assertNotIn(self.snippet(self.submitted), page)

    def test_reporter_of_another_unit_reads_no_report(self):
        ids = h.Ids(h.db_path())
        other_project, = h.query_one(h.db_path(), "SELECT id FROM project WHERE id NOT IN "
                                     "(SELECT project_id FROM project_unit WHERE unit_id = ?) "
                                     "ORDER BY id LIMIT 1", (ids.own_unit,))
        page = h.login_as("unit01").get(f"/project/{other_project}")
        self.assertEqual(page.status, 200)
        self.assertIn("暂无可查看的报告", page.text)
        self.assertEqual(re.findall(r'<article class="report">', page.text), [])


class NotFound(unittest.TestCase):
    def test_unknown_objects_are_404(self):
        admin = h.login_as("admin")
        for path in ("/p/999999", "/project/999999", "/unit/999999", "/admin/project/999999",
                     "/admin/programme/999999"):
            with self.subTest(path=path):
                r = admin.get(path)
                self.assertEqual(r.status, 404)
                self.assertIn("不存在", r.text)

    def test_malformed_ids_do_not_match_a_route(self):
        admin = h.login_as("admin")
        for path in ("/p/0", "/p/abc", "/p/-1", "/p/01", "/p/1/", "/project/1x", "/p/99999999999999999999"):
            with self.subTest(path=path):
                self.assertEqual(admin.get(path).status, 404)


if __name__ == "__main__":
    unittest.main()
