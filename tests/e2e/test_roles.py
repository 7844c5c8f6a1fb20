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
from harness import Session

ALL = frozenset({"public", "admin", "reporter", "viewer"})
USERS = frozenset({"admin", "reporter", "viewer"})
ADMIN = frozenset({"admin"})

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
    ("GET", "/public/"): ALL,
    ("GET", "/static/{name}"): ALL,
}

# Routes only for visitors: a logged-in user is sent home instead.
GUEST_ONLY = {("GET", "/login"), ("POST", "/login")}
# Logging out ends at the login form: that redirect is its success.
LOGOUT = ("POST", "/logout")
# Routes whose unit the router checks for reporters.
OWN_UNIT = {("GET", "/unit/{id}")}

LOGINS = {"admin": "admin", "reporter": "unit01", "viewer": "viewer"}


class Matrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.routes = h.routes()
        # the account that admin's POSTs to /admin/users/{id}/... act on
        login = "e2e-matrix-" + uuid.uuid4().hex[:6]
        h.run_cli("user", "add", login, "--role", "viewer", "--db", h.db_path())
        uid, = h.query_one(h.db_path(), "SELECT id FROM user WHERE login = ?", (login,))
        cls.ids = h.Ids(h.db_path(), target_user=uid)
        cls.sessions = {role: h.login_as(login) for role, login in LOGINS.items()}
        cls.sessions["public"] = Session()
        cls.sessions["public"].ensure_csrf()  # the login form's token, so a refusal is not for CSRF

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
            s = h.login_as(LOGINS[role])  # a session of its own to end
            r = s.post(path, {})
            r.after = s.get("/")
            return r
        if method == "POST":
            return s.post(path, {})
        return s.request(method, path)

    def test_every_route_for_every_role(self):
        declared = [(r["method"], r["pattern"]) for r in self.routes]
        audit_before = h.query_one(h.db_path(), "SELECT count(*) FROM audit WHERE login <> 'admin'")[0]
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
        # nobody but the coordinator changed anything
        audit_after = h.query_one(h.db_path(), "SELECT count(*) FROM audit WHERE login <> 'admin'")[0]
        self.assertEqual(audit_before, audit_after)

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
                self.assertEqual(r.status, 200, f"{role} {method} {path}")
                if method == "GET" and key[1] != "/static/{name}":
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
