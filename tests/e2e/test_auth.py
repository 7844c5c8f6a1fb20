"""Logging in and out: each demo role, wrong and unknown accounts, the
one-time password that must be changed at first login, logout, idle and
absolute expiry, the session cookie's flags, that the database keeps only a
hash of the token, and that a login never redirects to another site."""

import hashlib
import os
import re
import sqlite3
import unittest
import urllib.parse
import uuid

import harness as h
from harness import PASSWORD, Session


def browser_resolve(base, location):
    """The URL a browser goes to for a Location header (the WHATWG URL rules
    that matter here: surrounding spaces and controls and every tab and
    newline are dropped; a backslash is a slash in http URLs)."""
    loc = location.strip("".join(map(chr, range(0x21))))
    loc = re.sub(r"[\t\n\r]", "", loc).replace("\\", "/")
    return urllib.parse.urljoin(base, loc)


def who(page):
    """The "login（role…）" the page header shows, or None."""
    m = re.search(r'<div class="who"><span>([^<]*)</span>', page.text)
    return m.group(1) if m else None


class Login(unittest.TestCase):
    def test_each_demo_role_logs_in_and_sees_the_overview(self):
        cases = {
            "admin": "admin（协调办公室）",
            "viewer": "viewer（领导）",
            "unit01": "unit01（责任单位·区教体局）",
        }
        for login, header in cases.items():
            with self.subTest(login=login):
                s = Session()
                r = s.login(login)
                self.assertEqual(r.location, "/")
                self.assertIn("sid", s.cookies)
                self.assertNotIn("pre", s.cookies, "the pre-login cookie is cleared at login")
                home = s.get("/")
                self.assertEqual(home.status, 200)
                self.assertEqual(who(home), header)
                self.assertIn("<h1>2022年为全区妇女儿童办实事</h1>", home.text)
                self.assertIn("实施教育资源品质提升工程", home.text)
                admin_nav = 'href="/admin/users"' in home.text
                self.assertEqual(admin_nav, login == "admin", "only the coordinator has admin links")

    def test_wrong_password_shows_the_form_again(self):
        s = Session()
        r = s.login("unit05", "not-the-password", expect=401)
        self.assertIn("账号或密码错误", r.text)
        self.assertNotIn("sid", s.cookies)
        fields = dict(h.form_fields(r.text, "/login"))
        self.assertEqual(fields["login"], "unit05", "the login is kept")
        self.assertEqual(fields["password"], "", "the password is never echoed")
        self.assertTrue(fields["csrf"])
        # and it really is not logged in
        self.assertEqual(s.get("/").status, 303)

    def test_unknown_login_gets_the_same_answer(self):
        a = Session().login("unit05", "not-the-password", expect=401)
        b = Session().login("no-such-user", "not-the-password", expect=401)
        self.assertIn("账号或密码错误", b.text)

        def normal(page, login):
            t = re.sub(r'name="csrf" value="[^"]*"', "", page.text)
            return t.replace(f'value="{login}"', 'value=""')

        self.assertEqual(normal(a, "unit05"), normal(b, "no-such-user"),
                         "a wrong password and an unknown account must be indistinguishable")

    def test_empty_fields(self):
        s = Session()
        token = h.csrf_of(s.get("/login").text)
        r = s.post("/login", {"login": "", "password": "x"}, csrf=token)
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "login"), "请填写账号")
        r = s.post("/login", {"login": "admin", "password": ""}, csrf=token)
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "password"), "请填写密码")

    def test_invalid_field_is_marked_for_assistive_technology(self):
        # a field with an error carries aria-invalid="true" (an attribute, not escaped text)
        s = Session()
        token = h.csrf_of(s.get("/login").text)
        r = s.post("/login", {"login": "", "password": "x"}, csrf=token)
        tag = re.search(r'<input [^>]*name="login"[^>]*>', r.text).group(0)
        self.assertIn('aria-invalid="true"', tag)

    def test_login_goes_to_next_but_only_on_this_site(self):
        anon = Session()
        r = anon.get("/project/1")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.location, "/login?next=%2Fproject%2F1")
        cases = {"/project/1": "/project/1", "//evil.example/x": "/", "/\\evil.example": "/",
                 "https://evil.example/": "/", "/p/1?round=2": "/p/1?round=2"}
        for nxt, want in cases.items():
            with self.subTest(next=nxt):
                s = Session()
                form = s.get("/login?next=" + urllib.parse.quote(nxt, safe=""))
                self.assertEqual(h.field_value(h.form_fields(form.text, "/login"), "next"), want)
                r = s.post("/login", {"login": "viewer", "password": PASSWORD, "next": nxt},
                           csrf=h.csrf_of(form.text))
                self.assertEqual(r.status, 303)
                self.assertEqual(r.location, want)

    def test_no_open_redirect_after_login(self):
        # whatever `next` says, the browser must stay on this site: resolve the
        # Location as a browser does (WHATWG: tabs and newlines are dropped first)
        base = h.base_url()
        here = urllib.parse.urlsplit(base).netloc
        for nxt in ("//evil.example/", "/\\evil.example/", "/\t/evil.example/", "/\n/evil.example/",
                    "/\r\n/evil.example/", "\t//evil.example/", "https://evil.example/", "/%2F/evil.example/",
                    "/\t\\evil.example/", "javascript:alert(1)"):
            with self.subTest(next=nxt):
                s = Session()
                token = h.csrf_of(s.get("/login").text)
                r = s.post("/login", {"login": "viewer", "password": PASSWORD, "next": nxt}, csrf=token)
                self.assertEqual(r.status, 303)
                target = browser_resolve(base + "/login", r.location)
                self.assertEqual(urllib.parse.urlsplit(target).netloc, here,
                                 f"next={nxt!r} -> Location {r.location!r} -> {target}")

    def test_logged_in_user_is_sent_away_from_the_login_page(self):
        s = h.login_as("viewer")
        r = s.get("/login")
        self.assertEqual((r.status, r.location), (303, "/"))


class FirstLogin(unittest.TestCase):
    def must_change_flow(self, login, one_time):
        s = Session()
        r = s.login(login, one_time)
        self.assertEqual(r.location, "/password", "a one-time password leads to /password")
        # every other page sends it back to /password
        for path in ("/", "/p/1", "/project/1", "/unit/2"):
            r = s.get(path)
            self.assertEqual((r.status, r.location), (303, "/password"), path)
        # /public/ and the stylesheet stay reachable
        self.assertEqual(s.get("/public/").status, 200)
        page = s.get("/password")
        self.assertEqual(page.status, 200)
        self.assertIn("这是一次性密码，请先设置您自己的密码", page.text)
        new = "better-" + uuid.uuid4().hex[:10]
        # mistakes are explained beside the field and change nothing
        r = s.post("/password", {"current": one_time, "new1": new, "new2": new + "x"})
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "new2"), "两次输入的新密码不一致")
        r = s.post("/password", {"current": "wrong-current", "new1": new, "new2": new})
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "current"), "当前密码不正确")
        r = s.post("/password", {"current": one_time, "new1": "short", "new2": "short"})
        self.assertEqual(r.status, 400)
        self.assertIsNotNone(h.field_error(r.text, "new1"))
        self.assertEqual(s.get("/").location, "/password", "still must change")
        # the real change
        r = s.post("/password", {"current": one_time, "new1": new, "new2": new})
        self.assertEqual((r.status, r.location), (303, "/"))
        self.assertEqual(s.get("/").status, 200)
        self.assertNotIn("这是一次性密码", s.get("/password").text)
        # the old password no longer works, the new one does
        Session().login(login, one_time, expect=401)
        r = Session().login(login, new)
        self.assertEqual(r.location, "/")
        self.assertEqual(h.query_one(h.db_path(), "SELECT must_change_password FROM user WHERE login = ?",
                                     (login,)), (0,))

    def test_account_from_the_command_line(self):
        login = "e2e-first-" + uuid.uuid4().hex[:6]
        out = h.run_cli("user", "add", login, "--role", "viewer", "--db", h.db_path()).stdout
        one_time = re.search(r"one-time password: (\S+)", out).group(1)
        self.must_change_flow(login, one_time)

    def test_account_from_the_admin_page(self):
        admin = h.login_as("admin")
        login = "e2e-clerk-" + uuid.uuid4().hex[:6]
        r = admin.post("/admin/users", {"login": login, "display_name": "", "role": "reporter",
                                        "unit": "区卫健局"})
        self.assertEqual(r.status, 200)
        m = re.search(r'<code class="secret">([^<]+)</code>', r.text)
        self.assertIsNotNone(m, "the one-time password is shown once")
        self.assertIn(login, r.text)
        self.must_change_flow(login, m.group(1))
        row = h.query_one(h.db_path(), "SELECT u.role, n.name FROM user u JOIN unit n ON n.id = u.unit_id "
                                        "WHERE u.login = ?", (login,))
        self.assertEqual(row, ("reporter", "区卫健局"))


class Logout(unittest.TestCase):
    def test_logout_ends_the_session(self):
        s = h.login_as("viewer")
        sid = s.cookies["sid"]
        r = s.post("/logout")
        self.assertEqual((r.status, r.location), (303, "/login"))
        self.assertNotIn("sid", s.cookies, "the cookie is cleared")
        cleared = [c for c in r.set_cookies() if c[0] == "sid"]
        self.assertTrue(cleared and cleared[0][2].get("max-age") == "0")
        # the old cookie, replayed, is worth nothing
        replay = Session()
        replay.cookies["sid"] = sid
        r = replay.get("/")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.location.startswith("/login"))
        digest = hashlib.sha256(sid.encode()).digest()
        self.assertIsNone(h.query_one(h.db_path(), "SELECT id FROM session WHERE token_hash = ?", (digest,)))

    def test_a_forged_cookie_is_not_a_session(self):
        s = Session()
        s.cookies["sid"] = "A" * 43
        r = s.get("/")
        self.assertEqual(r.status, 303)
        r = s.login("viewer")
        self.assertNotEqual(s.cookies["sid"], "A" * 43, "login issues a fresh token")


class Expiry(unittest.TestCase):
    """Sessions end after two idle hours and after twelve hours in any case.
    The clock is moved in the database rather than waited for."""

    def session_with(self, **columns):
        s = h.login_as("viewer")
        digest = hashlib.sha256(s.cookies["sid"].encode()).digest()
        con = sqlite3.connect(h.db_path(), timeout=10)
        with con:
            for col, value in columns.items():
                con.execute(f"UPDATE session SET {col} = ? WHERE token_hash = ?", (value, digest))
        con.close()
        return s, digest

    def test_idle_session_ends(self):
        s, digest = self.session_with(last_seen=h.utc(-2 * 3600 - 60))
        r = s.get("/")
        self.assertEqual((r.status, r.location), (303, "/login?next=%2F"))
        self.assertIsNone(h.query_one(h.db_path(), "SELECT id FROM session WHERE token_hash = ?", (digest,)))

    def test_old_session_ends_even_if_busy(self):
        s, _ = self.session_with(expires_at=h.utc(-1), last_seen=h.utc(-30))
        self.assertEqual(s.get("/").status, 303)

    def test_use_keeps_a_session_alive(self):
        s, digest = self.session_with(last_seen=h.utc(-90 * 60))
        self.assertEqual(s.get("/").status, 200)
        last_seen, = h.query_one(h.db_path(), "SELECT last_seen FROM session WHERE token_hash = ?", (digest,))
        self.assertGreaterEqual(last_seen, h.utc(-60), "the idle clock was reset")

    def test_password_reset_ends_the_sessions_of_that_account(self):
        login = "e2e-reset-" + uuid.uuid4().hex[:6]
        out = h.run_cli("user", "add", login, "--role", "viewer", "--db", h.db_path()).stdout
        one_time = re.search(r"one-time password: (\S+)", out).group(1)
        user = Session()
        user.login(login, one_time)
        self.assertEqual(user.get("/password").status, 200)
        uid, = h.query_one(h.db_path(), "SELECT id FROM user WHERE login = ?", (login,))
        self.assertEqual(h.login_as("admin").post(f"/admin/users/{uid}/reset").status, 200)
        self.assertEqual(user.get("/password").status, 303, "the reset ended the session")
        Session().login(login, one_time, expect=401)


class Cookie(unittest.TestCase):
    def test_session_cookie_flags(self):
        s = Session()
        form = s.get("/login")
        pre = [c for c in form.set_cookies() if c[0] == "pre"]
        self.assertEqual(len(pre), 1, "the login form sets its CSRF cookie")
        self.assertIn("httponly", pre[0][2])
        self.assertEqual(pre[0][2].get("samesite"), "Strict")
        r = s.post("/login", {"login": "viewer", "password": PASSWORD}, csrf=h.csrf_of(form.text))
        self.assertEqual(r.status, 303)
        sid = [c for c in r.set_cookies() if c[0] == "sid"]
        self.assertEqual(len(sid), 1)
        name, value, attrs = sid[0]
        self.assertRegex(value, r"^[A-Za-z0-9_-]{43}$", "32 random bytes, base64url")
        self.assertIn("httponly", attrs)
        self.assertEqual(attrs.get("samesite"), "Lax")
        self.assertEqual(attrs.get("path"), "/")
        self.assertNotIn("secure", attrs, "no Secure flag over plain HTTP")
        self.assertNotIn("domain", attrs)
        self.assertTrue(0 < int(attrs.get("max-age", "0")) <= 12 * 3600, attrs)

    def test_database_keeps_only_the_hash_of_the_token(self):
        s = h.login_as("viewer")
        token = s.cookies["sid"]
        db = h.db_path()
        digest = hashlib.sha256(token.encode()).digest()
        row = h.query_one(db, "SELECT id FROM session WHERE token_hash = ?", (digest,))
        self.assertIsNotNone(row, "the session row is found by the SHA-256 of the cookie")
        for row in h.query(db, "SELECT * FROM session"):
            for col in row:
                if isinstance(col, bytes):
                    self.assertNotIn(token.encode(), col)
                else:
                    self.assertNotIn(token, str(col))
        # nor anywhere else in the files (the WAL holds the latest pages)
        for suffix in ("", "-wal"):
            if os.path.exists(db + suffix):
                with open(db + suffix, "rb") as f:
                    self.assertNotIn(token.encode(), f.read(), f"token found in {db + suffix}")


class Disabled(unittest.TestCase):
    def test_disabled_account_cannot_log_in_and_its_sessions_end(self):
        login = "e2e-gone-" + uuid.uuid4().hex[:6]
        out = h.run_cli("user", "add", login, "--role", "viewer", "--db", h.db_path()).stdout
        one_time = re.search(r"one-time password: (\S+)", out).group(1)
        user = Session()
        user.login(login, one_time)
        self.assertEqual(user.get("/password").status, 200)
        uid = h.query_one(h.db_path(), "SELECT id FROM user WHERE login = ?", (login,))[0]
        admin = h.login_as("admin")
        r = admin.post(f"/admin/users/{uid}/disable")
        self.assertEqual((r.status, r.location), (303, "/admin/users"))
        r = user.get("/password")
        self.assertEqual(r.status, 303, "disabling ends the account's sessions")
        r = Session().login(login, one_time, expect=403)
        self.assertIn("该账号已停用", r.text)
        r = admin.post(f"/admin/users/{uid}/enable")
        self.assertEqual(r.status, 303)
        Session().login(login, one_time)


if __name__ == "__main__":
    unittest.main()
