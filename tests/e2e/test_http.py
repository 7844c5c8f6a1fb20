"""HTTP behaviour: security headers on every kind of response, keep-alive
(a second request reuses the connection), the request-size limit, 404 and
405, caching of the stylesheet and of /public/ (ETag, 304), the access log,
X-Forwarded-For only with --trust-proxy, idle connections timing out,
listening on IPv6, and HTTPS (Secure cookie, HSTS)."""

import http.client
import re
import socket
import time
import unittest
import uuid

import harness as h
from harness import PASSWORD, Session

LIMIT = 1 << 20  # the default form size limit


def form_head(path, length, extra=b""):
    return (b"POST " + path.encode() + b" HTTP/1.1\r\nHost: test\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: " + str(length).encode() + b"\r\n" + extra + b"\r\n")


def port():
    return Session().port


class Headers(unittest.TestCase):
    def responses(self):
        anon, admin = Session(), h.login_as("admin")
        style = re.search(r'<link rel="stylesheet" href="([^"]+)"', anon.get("/login").text).group(1)
        public = anon.get("/public/")
        return {
            "login page": anon.get("/login"),
            "redirect": anon.get("/"),
            "overview": admin.get("/"),
            "stylesheet": anon.get(style),
            "public": public,
            "public 304": anon.get("/public/", headers={"If-None-Match": public.header("ETag")}),
            "403": h.login_as("viewer").get("/admin/users"),
            "404": admin.get("/no/such/page"),
            "405": admin.post("/", {}),
            "HEAD": admin.request("HEAD", "/"),
        }

    def test_every_kind_of_response_carries_them(self):
        for what, r in self.responses().items():
            with self.subTest(response=what, status=r.status):
                self.assertEqual(h.security_header_problems(r), [])
                csp = h.csp_directives(r.header("Content-Security-Policy"))
                self.assertEqual(csp["frame-ancestors"], ["'none'"])
                self.assertNotIn("'unsafe-inline'", csp.get("script-src", csp.get("default-src")))
                self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
                self.assertTrue(r.header("Referrer-Policy"))

    def test_pages_are_not_stored_by_caches(self):
        admin = h.login_as("admin")
        for path in ("/", "/admin/users", "/admin/audit", "/password"):
            with self.subTest(path=path):
                r = admin.get(path)
                self.assertEqual(r.header("Cache-Control"), "no-store")
                self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")

    def test_413_carries_them(self):
        status, headers, _ = h.raw_request(port(), form_head("/login", LIMIT + 1), b"a" * (LIMIT + 1))
        self.assertEqual(status, 413)
        self.assertIn("frame-ancestors 'none'", headers.get("content-security-policy", ""))
        self.assertEqual(headers.get("x-content-type-options"), "nosniff")


class KeepAlive(unittest.TestCase):
    def test_second_request_reuses_the_connection(self):
        s = h.login_as("viewer")
        c = http.client.HTTPConnection(s.host, s.port, timeout=10)
        try:
            paths = ["/login", "/static/style.css", "/", "/project/1", "/no-such-page", "/public/"]
            sock, local = None, None
            for i, path in enumerate(paths):
                c.request("GET", path, headers={"Cookie": s.cookie_header()})
                r = c.getresponse()
                r.read()
                self.assertIn(r.status, (200, 303, 404), path)
                self.assertNotEqual((r.getheader("Connection") or "").lower(), "close", path)
                self.assertFalse(r.will_close, f"{path}: the server means to close the connection")
                if i == 0:
                    sock, local = c.sock, c.sock.getsockname()
                else:
                    self.assertIs(c.sock, sock, f"{path}: http.client had to reconnect")
                    self.assertEqual(c.sock.getsockname(), local)
        finally:
            c.close()

    def test_a_post_keeps_the_connection_too(self):
        s = h.login_as("viewer")
        c = http.client.HTTPConnection(s.host, s.port, timeout=10)
        try:
            c.request("GET", "/password", headers={"Cookie": s.cookie_header()})
            r = c.getresponse()
            r.read()
            local = c.sock.getsockname()
            body = f"current=x&new1=y&new2=z&csrf={s.csrf}"
            c.request("POST", "/password", body=body, headers={
                "Cookie": s.cookie_header(), "Content-Type": "application/x-www-form-urlencoded"})
            r = c.getresponse()
            r.read()
            self.assertEqual(r.status, 400)
            self.assertFalse(r.will_close)
            c.request("GET", "/", headers={"Cookie": s.cookie_header()})
            r = c.getresponse()
            r.read()
            self.assertEqual(r.status, 200)
            self.assertEqual(c.sock.getsockname(), local)
        finally:
            c.close()


class SizeLimit(unittest.TestCase):
    def assert_alive(self):
        self.assertEqual(Session().get("/login").status, 200)

    def test_form_over_the_limit_by_content_length(self):
        for size in (LIMIT + 1, 5 * LIMIT):
            with self.subTest(size=size):
                status, headers, body = h.raw_request(port(), form_head("/login", size), b"a" * size)
                self.assertEqual(status, 413)
                self.assertIn("提交的内容超过了大小限制", body.decode("utf-8"))
                self.assert_alive()

    CHUNKED = (b"POST /login HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n")

    def chunks_over_the_limit(self):
        piece = b"a" * 65536
        first = b"pad=" + piece
        return ([b"%x\r\n" % len(first) + first + b"\r\n"]
                + [b"%x\r\n" % len(piece) + piece + b"\r\n"] * (LIMIT // len(piece) + 1) + [b"0\r\n\r\n"])

    def test_chunked_form_over_the_limit_gets_413_and_does_not_hold_the_server(self):
        # a body without Content-Length is counted as it comes and cut off at the
        # limit; a server that held on to it would run into raw_request's timeout
        status, _, body = h.raw_request(port(), self.CHUNKED, chunks=self.chunks_over_the_limit())
        self.assertEqual(status, 413)
        self.assertIn("提交的内容超过了大小限制", body.decode("utf-8"))
        self.assert_alive()

    def test_unparseable_form_gets_400(self):
        body = b"k" * 20000 + b"=1"  # a field name longer than the post processor's 16 KiB buffer
        status, _, _ = h.raw_request(port(), form_head("/login", len(body)), body)
        self.assertEqual(status, 400)

    def test_a_declared_length_over_the_limit_is_refused_before_the_body(self):
        # nothing of the body is sent: the answer comes from the headers alone
        status, _, _ = h.raw_request(port(), form_head("/login", 100 * LIMIT))
        self.assertEqual(status, 413)
        self.assert_alive()

    def test_just_under_the_limit_is_read(self):
        s = Session()
        token = h.csrf_of(s.get("/login").text)
        fields = f"login=viewer&password={PASSWORD}&csrf={token}&pad="
        body = fields.encode() + b"a" * (LIMIT - len(fields))
        r = s.request("POST", "/login", body=body,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status, 303, "a form of exactly the limit is accepted")


class Routing(unittest.TestCase):
    def test_unknown_path_is_404(self):
        for s in (Session(), h.login_as("admin")):
            for path in ("/nope", "/admin", "/admin/", "/static/nope.css", "/static/../README.md",
                         "/public", "/project/"):
                with self.subTest(path=path, logged_in=bool(s.cookies)):
                    r = s.get(path)
                    self.assertEqual(r.status, 404)
                    self.assertIn("不存在", r.text)

    def test_wrong_method_is_405(self):
        admin = h.login_as("admin")
        cases = [("POST", "/"), ("POST", "/public/"), ("POST", "/admin/audit"), ("GET", "/logout"),
                 ("PUT", "/login"), ("DELETE", "/project/1"), ("PATCH", "/admin/users")]
        for method, path in cases:
            with self.subTest(method=method, path=path):
                if method == "POST":
                    r = admin.post(path, {})
                else:
                    r = admin.request(method, path)
                self.assertEqual(r.status, 405)
                allow = [m.strip() for m in (r.header("Allow") or "").split(",") if m.strip()]
                self.assertTrue(allow, "405 says which methods are allowed")
                self.assertNotIn(method, allow, f"Allow: {r.header('Allow')} lists the refused method")


class Caching(unittest.TestCase):
    def test_stylesheet_is_cached_long_and_has_an_etag(self):
        anon = Session()
        href = re.search(r'<link rel="stylesheet" href="([^"]+)"', anon.get("/login").text).group(1)
        self.assertRegex(href, r"^/static/style\.css\?v=[0-9a-f]+$", "the URL changes with the content")
        r = anon.get(href)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "text/css; charset=utf-8")
        cc = r.header("Cache-Control") or ""
        m = re.search(r"max-age=(\d+)", cc)
        self.assertTrue(m and int(m.group(1)) >= 30 * 86400, cc)
        self.assertIn("immutable", cc)
        etag = r.header("ETag")
        self.assertTrue(etag)
        self.assertIn("body", r.text, "it is the stylesheet")
        again = anon.get(href, headers={"If-None-Match": etag})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")

    def test_public_page_revalidates(self):
        anon = Session()
        r = anon.get("/public/")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Cache-Control"), "no-cache")
        etag = r.header("ETag")
        self.assertTrue(etag)
        self.assertIn("2022年为全区妇女儿童办实事", r.text)
        again = anon.get("/public/", headers={"If-None-Match": etag})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.body, b"")
        self.assertEqual(again.header("ETag"), etag)
        other = anon.get("/public/", headers={"If-None-Match": '"0-0-0"'})
        self.assertEqual(other.status, 200)
        self.assertEqual(other.body, r.body)
        head = anon.request("HEAD", "/public/")
        self.assertEqual(head.status, 200)
        self.assertEqual(head.body, b"")

    def test_public_page_changes_with_the_data(self):
        admin = h.login_as("admin")
        anon = Session()
        first = anon.get("/public/")
        # a project of the programme /public/ shows: the newest public one (test_notice imports another)
        project, = h.query_one(h.db_path(), "SELECT id FROM project WHERE programme_id = (SELECT id FROM programme "
                                            "WHERE is_public = 1 ORDER BY year DESC, id DESC LIMIT 1) "
                                            "ORDER BY no LIMIT 1")
        action = f"/admin/project/{project}"
        fields = h.form_fields(admin.get(action).text, action)
        old_title = h.field_value(fields, "title")
        new_title = "公开页随数据更新" + uuid.uuid4().hex[:4]
        self.assertEqual(admin.post(action, h.replace_field(fields, "title", new_title)).status, 303)
        try:
            r = anon.get("/public/", headers={"If-None-Match": first.header("ETag")})
            self.assertEqual(r.status, 200, "the old ETag no longer matches")
            self.assertNotEqual(r.header("ETag"), first.header("ETag"))
            self.assertIn(new_title, r.text)
        finally:
            fields = h.form_fields(admin.get(action).text, action)
            self.assertEqual(admin.post(action, h.replace_field(fields, "title", old_title)).status, 303)
        self.assertNotIn(new_title, anon.get("/public/").text)


class AccessLog(unittest.TestCase):
    def log_lines(self, path):
        pat = re.compile(r"^(\S+) (\S+) (GET|POST|HEAD) " + re.escape(path) + r" (\d{3}) (\d+) (\d+)us",
                         re.M)
        with open(h.server_log_path(), encoding="utf-8", errors="replace") as f:
            return pat.findall(f.read())

    def log_line(self, path, more_than=0, timeout=5):
        """The access-log lines of path once there are more than more_than
        of them (the server writes a line when the request completes, just
        after the answer), or what there is at the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.log_lines(path)
            if len(found) > more_than or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def test_one_line_per_request(self):
        path = "/e2e-log-" + uuid.uuid4().hex
        r = Session().get(path)
        lines = self.log_line(path)
        self.assertEqual(len(lines), 1, lines)
        ts, address, method, status, size, usec = lines[0]
        self.assertRegex(ts, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual((address, method, int(status)), ("127.0.0.1", "GET", 404))
        self.assertEqual(int(size), len(r.body))

    def test_bytes_of_a_response_from_the_server_cache(self):
        anon = Session()
        first = len(self.log_lines("/public/"))
        anon.get("/public/")  # now in the server's cache
        before = len(self.log_line("/public/", more_than=first))  # its line is written
        self.assertEqual(before, first + 1)
        marker = "?e2e=" + uuid.uuid4().hex  # the query string is not part of the logged path
        r = anon.get("/public/" + marker)
        self.assertEqual(r.status, 200)
        lines = self.log_line("/public/", more_than=before)
        self.assertEqual(len(lines), before + 1, "one more line for the request")
        self.assertEqual(int(lines[-1][4]), len(r.body), "bytes logged for a cached page")


class PrivateServer(unittest.TestCase):
    """Options that need a server of their own."""

    @classmethod
    def setUpClass(cls):
        cls.db = h.fresh_db("http")

    def test_forwarded_for_is_ignored_without_trust_proxy(self):
        s = Session()
        token = h.csrf_of(s.get("/login").text)
        r = s.post("/login", {"login": "viewer", "password": PASSWORD}, csrf=token,
                   headers={"X-Forwarded-For": "203.0.113.9"})
        self.assertEqual(r.status, 303)
        rows = h.query(h.db_path(), "SELECT DISTINCT address FROM session")
        self.assertNotIn(("203.0.113.9",), rows)

    def test_forwarded_for_with_trust_proxy(self):
        server = h.Server(self.db, extra=["--trust-proxy"]).start()
        try:
            s = Session(server.base_url)
            token = h.csrf_of(s.get("/login").text)
            r = s.post("/login", {"login": "viewer", "password": PASSWORD}, csrf=token,
                       headers={"X-Forwarded-For": "198.51.100.7, 203.0.113.9"})
            self.assertEqual(r.status, 303)
            # this login's session (the database is shared with this class's other servers)
            self.assertEqual(h.query(self.db, "SELECT address FROM session WHERE csrf = ?", (s.ensure_csrf(),)),
                             [("203.0.113.9",)], "the address the proxy appended last")
        finally:
            self.assertEqual(server.stop(), 0)
        self.assertRegex(server.log(), r"203\.0\.113\.9 POST /login 303")

    def test_idle_connection_times_out(self):
        server = h.Server(self.db, extra=["--timeout", "1"]).start()
        try:
            # the socket's timeout bounds the wait: a server that kept the connection fails here
            c = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            c.sendall(b"GET /login HTTP/1.1\r\nHost: t\r\n")  # and never the rest
            data = c.recv(1024)
            c.close()
            self.assertEqual(data, b"", "the server gave up on the slow client")
            self.assertEqual(Session(server.base_url).get("/login").status, 200)
        finally:
            self.assertEqual(server.stop(), 0)

    def test_ipv6(self):
        try:
            probe = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            probe.bind(("::1", 0))
            probe.close()
        except OSError:
            self.skipTest("::1 is not available on this machine")
        server = h.Server(self.db, listen="[::1]:0").start()
        try:
            self.assertTrue(server.base_url.startswith("http://[::1]:"))
            s = Session(server.base_url)
            self.assertEqual(s.get("/login").status, 200)
            s.login("viewer")
            self.assertEqual(s.get("/").status, 200)
        finally:
            self.assertEqual(server.stop(), 0)
        self.assertRegex(server.log(), r"::1 GET / 200")

    def test_https(self):
        pem = h.self_signed_cert()
        if not pem:
            self.skipTest("no openssl to make a test certificate")
        cert, key = pem
        server = h.Server(self.db, extra=["--tls-cert", cert, "--tls-key", key])
        try:
            server.start()
        except RuntimeError as e:
            if "without TLS" in str(e):
                self.skipTest("libmicrohttpd was built without TLS")
            raise
        try:
            self.assertEqual(server.scheme, "https")
            s = Session(server.base_url)
            r = s.login("viewer")
            sid = [c for c in r.set_cookies() if c[0] == "sid"][0]
            self.assertIn("secure", sid[2], "the session cookie is Secure under HTTPS")
            self.assertEqual(sid[2].get("samesite"), "Lax")
            home = s.get("/")
            self.assertEqual(home.status, 200)
            self.assertRegex(home.header("Strict-Transport-Security") or "", r"max-age=\d{7,}")
            with self.assertRaises((http.client.HTTPException, OSError)):
                Session(server.base_url.replace("https:", "http:")).get("/login", check=False)
        finally:
            self.assertEqual(server.stop(), 0)

    def test_bad_listen_address_fails_cleanly(self):
        for listen in ("300.1.1.1:0", "[::1:0", "127.0.0.1:99999", "localhost:0"):
            with self.subTest(listen=listen):
                p = h.run_cli("serve", "--db", self.db, "--listen", listen, check=False)
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
                self.assertIn("--listen", p.stderr)


if __name__ == "__main__":
    unittest.main()
