"""CSRF: every POST route of `shishi routes` refuses, with 403, a form
without the session's token, with a wrong one, or with another session's;
and nothing changes. The login form is protected too (double-submit
cookie)."""

import re
import secrets
import unittest
import uuid

import harness as h
from harness import PASSWORD, Session

REFUSED = "安全令牌"  # the 403 page says the form lacks a valid security token


class Forms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        login = "e2e-csrf-" + uuid.uuid4().hex[:6]
        h.run_cli("user", "add", login, "--role", "viewer", "--db", h.db_path())
        cls.target, = h.query_one(h.db_path(), "SELECT id FROM user WHERE login = ?", (login,))
        ids = h.Ids(h.db_path())
        file_id = h.upload_plan(h.login_as("unit01"), ids.own_unit, ids.project)
        cls.ids = h.Ids(h.db_path(), target_user=cls.target, file=file_id)
        cls.posts = [r for r in h.routes() if r["method"] == "POST"]

    def test_there_are_post_routes(self):
        self.assertGreaterEqual(len(self.posts), 10)

    def test_every_post_without_a_valid_token_is_refused(self):
        # each route as a role it allows, so that only the token can be the reason
        users = {"admin": h.login_as("admin"), "reporter": h.login_as("unit01")}
        other = h.login_as("admin")
        self.assertNotEqual(users["admin"].csrf, other.csrf, "each session has its own token")
        before = h.audit_count()
        # fields that would change something, were the token right
        fields = {"title": "改过的标题", "login": "e2e-csrf-new", "role": "viewer", "current": PASSWORD,
                  "new1": "another-pass-1", "new2": "another-pass-1", "no": "1"}
        for route in self.posts:
            if route["pattern"] == "/login":
                continue  # a logged-in user is sent home before any form is read: see Login below
            role = "admin" if "admin" in route["roles"] else "reporter"
            self.assertIn(role, route["roles"], route)
            user = users[role]
            tokens = {
                "missing": None,
                "empty": "",
                "wrong": secrets.token_urlsafe(32),
                "another session's": other.csrf,
                "with a suffix": user.csrf + "x",
                "truncated": user.csrf[:-1],
            }
            path = self.ids.path(route["pattern"])
            for what, token in tokens.items():
                with self.subTest(path=path, token=what):
                    r = user.post(path, fields, csrf=token if token is not None else None)
                    self.assertEqual(r.status, 403, h.text_of(r.text)[:200])
                    self.assertIn(REFUSED, r.text)
        self.assertEqual(h.audit_count(), before, "a refused form changes nothing")
        for user in users.values():
            self.assertEqual(user.get("/").status, 200, "the session survived a logout without token")
        self.assertEqual(h.query_one(h.db_path(), "SELECT disabled FROM user WHERE id = ?", (self.target,)), (0,))

    def test_a_token_in_the_query_string_does_not_count(self):
        admin = h.login_as("admin")
        r = admin.post(f"/admin/users/{self.target}/disable?csrf={admin.csrf}", {}, csrf=None)
        self.assertEqual(r.status, 403)

    def test_first_login_password_form_needs_the_token(self):
        login = "e2e-csrf-first-" + uuid.uuid4().hex[:6]
        out = h.run_cli("user", "add", login, "--role", "viewer", "--db", h.db_path()).stdout
        one_time = re.search(r"one-time password: (\S+)", out).group(1)
        s = Session()
        s.login(login, one_time)
        r = s.post("/password", {"current": one_time, "new1": "a-new-pass-1", "new2": "a-new-pass-1"}, csrf=None)
        self.assertEqual(r.status, 403)
        self.assertEqual(h.query_one(h.db_path(), "SELECT must_change_password FROM user WHERE login = ?",
                                     (login,)), (1,))


class Login(unittest.TestCase):
    """The login form: the token is the pre-login cookie's, sent back in the form."""

    def creds(self):
        return {"login": "viewer", "password": PASSWORD}

    def test_right_token_logs_in(self):
        s = Session()
        token = h.csrf_of(s.get("/login").text)
        self.assertEqual(s.cookies.get("pre"), token)
        self.assertEqual(s.post("/login", self.creds(), csrf=token).status, 303)

    def test_missing_token(self):
        s = Session()
        s.get("/login")
        r = s.post("/login", self.creds(), csrf=None)
        self.assertEqual(r.status, 403)
        self.assertIn(REFUSED, r.text)
        self.assertNotIn("sid", s.cookies)

    def test_wrong_token(self):
        s = Session()
        s.get("/login")
        r = s.post("/login", self.creds(), csrf=secrets.token_urlsafe(32))
        self.assertEqual(r.status, 403)
        self.assertNotIn("sid", s.cookies)

    def test_token_without_its_cookie(self):
        s = Session()
        token = h.csrf_of(s.get("/login").text)
        s.cookies.clear()
        r = s.post("/login", self.creds(), csrf=token)
        self.assertEqual(r.status, 403)
        self.assertNotIn("sid", s.cookies)

    def test_token_of_another_visitor(self):
        a, b = Session(), Session()
        a.get("/login")
        token_b = h.csrf_of(b.get("/login").text)
        r = a.post("/login", self.creds(), csrf=token_b)
        self.assertEqual(r.status, 403)

    def test_attacker_chosen_cookie_and_token(self):
        # both halves forged by a page that cannot set our cookies is the
        # only thing double-submit cannot tell apart; a malformed pair is refused
        s = Session()
        s.cookies["pre"] = "short"
        r = s.post("/login", self.creds(), csrf="short")
        self.assertEqual(r.status, 403)


if __name__ == "__main__":
    unittest.main()
