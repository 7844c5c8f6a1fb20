"""harness.py - what the end-to-end tests share: the scratch database, a
server started on a free port, an HTTP session with its own cookie jar that
never follows redirects, form and CSRF helpers, and the checks every
response must pass (security headers; well-formed HTML that respects the
page's own Content-Security-Policy).

run.py starts one server on a fresh demo database and passes it to the
tests through the environment:

    SHISHI_BIN       the binary under test (absolute path)
    SHISHI_BASE_URL  http://127.0.0.1:PORT of the shared server
    SHISHI_DB        its database
    SHISHI_SERVER_LOG  its stderr (the access log)
    SHISHI_E2E_TMP   a scratch directory the tests may write into

A test that needs a pristine state (throttling, shutdown) starts its own
server with Server(...) on its own copy of the demo database; a module or
class that changes much runs on a PrivateServer, whose finish() checks it
as run.py checks the shared one. tests/durability/test_durability.py
imports this module too (Server, Session).

Standard library only.
"""

import datetime
import http.client
import io
import os
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

PASSWORD = "demo-pass-123"

# ---- the environment run.py sets up -----------------------------------------------


def env(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run the tests through tests/e2e/run.py BIN")
    return value


def binary():
    return env("SHISHI_BIN")


def base_url():
    return env("SHISHI_BASE_URL")


def db_path():
    return env("SHISHI_DB")


def scratch_dir():
    return env("SHISHI_E2E_TMP")


def server_log_path():
    return env("SHISHI_SERVER_LOG")


def run_cli(*args, check=True):
    """Runs the binary with args; returns CompletedProcess (text)."""
    p = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=60)
    if check and p.returncode != 0:
        raise AssertionError(f"shishi {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p


def make_demo_db(path):
    """A fresh demo database at path (every demo account has PASSWORD)."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    run_cli("demo", "--db", path, "--password", PASSWORD)
    return path


def fresh_db(name):
    """A fresh demo database in the scratch directory, for a private server."""
    d = tempfile.mkdtemp(prefix=name + "-", dir=scratch_dir())
    return make_demo_db(os.path.join(d, "demo.db"))


def query(db, sql, params=()):
    """Rows of a read-only query against a database the server may hold open."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def query_one(db, sql, params=()):
    rows = query(db, sql, params)
    return rows[0] if rows else None


def audit_count(db=None):
    """The number of audit rows in db (the shared server's by default)."""
    return query_one(db or db_path(), "SELECT count(*) FROM audit")[0]


def utc(seconds_from_now=0):
    """A timestamp as the database stores them (UTC, whole seconds)."""
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_from_now)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def self_signed_cert(name="tls"):
    """(cert.pem, key.pem) of a fresh self-signed certificate for
    127.0.0.1 made with openssl in the scratch directory, or None when
    there is no openssl."""
    openssl = shutil.which("openssl")
    if not openssl:
        return None
    d = tempfile.mkdtemp(prefix=name + "-", dir=scratch_dir())
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def parse_routes(text):
    """`shishi routes` output -> list of dicts (method, pattern, roles, flags, summary)."""
    routes = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise AssertionError(f"`shishi routes` line is not 5 tab-separated fields: {line!r}")
        method, pattern, roles, flags, summary = parts
        routes.append({
            "method": method,
            "pattern": pattern,
            "roles": frozenset(r for r in roles.split(",") if r),
            "flags": frozenset(f for f in flags.split(",") if f and f != "-"),
            "summary": summary,
        })
    return routes


# ---- a server of our own ------------------------------------------------------------

PORT_LINE = re.compile(r"shishi serving .* on (https?)://.* \(port (\d+)\)")


class Server:
    """`shishi serve` on a free port. stderr goes to a log file (a pipe nobody
    reads would fill with access-log lines and stall the server)."""

    def __init__(self, db, listen="127.0.0.1:0", threads=2, extra=(), env=None, log_path=None):
        self.db = db
        self.listen = listen
        self.threads = threads
        self.extra = list(extra)
        self.env = env  # variables added to the server's environment (TZ=...)
        self.proc = None
        self.port = None
        self.scheme = "http"
        self.log_path = log_path or db + ".serve.log"

    @property
    def host(self):
        return self.listen.rsplit(":", 1)[0].strip("[]") or "127.0.0.1"

    @property
    def base_url(self):
        h = self.host
        return f"{self.scheme}://[{h}]:{self.port}" if ":" in h else f"{self.scheme}://{h}:{self.port}"

    def start(self, timeout=15):
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [binary(), "serve", "--db", self.db, "--listen", self.listen,
             "--threads", str(self.threads), *self.extra],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
            env=dict(os.environ, **self.env) if self.env else None)
        log.close()
        deadline = time.monotonic() + timeout
        while self.port is None:
            m = PORT_LINE.search(self.log())
            if m:
                self.scheme, self.port = m.group(1), int(m.group(2))
                break
            if self.proc.poll() is not None:
                raise RuntimeError(f"shishi serve exited {self.proc.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"shishi serve did not log its port:\n{self.log()}")
            time.sleep(0.02)
        if self.port == 0:
            self.kill()
            raise RuntimeError(f"shishi serve logged port 0:\n{self.log()}")
        # the log line comes after MHD_start_daemon: it should answer now; make sure
        while True:
            try:
                r = Session(self.base_url).get("/public/", check=False)
                if r.status == 200:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"shishi serve does not answer on {self.base_url}:\n{self.log()}")
            time.sleep(0.05)

    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def stop(self, timeout=5):
        """SIGTERM; returns the exit status. Raises if it does not stop in time."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"shishi serve did not stop within {timeout}s of SIGTERM")
        self.proc = None
        return rc

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


class PrivateServer:
    """A test module's own server on its own fresh demo database, for tests
    that change much (close rounds, import tables, move a programme's
    figures) and must not disturb the shared server's other tests, or be
    disturbed by them. finish() stops it and checks what run.py checks of
    the shared one: a clean exit after SIGTERM, no 5xx in its access log,
    integrity_check and `shishi audit verify`.

        ps = PrivateServer("reporting")
        admin = ps.login("admin")
        ...
        ps.finish()   # raises AssertionError listing what is wrong
    """

    def __init__(self, name, extra=(), env=None):
        self.db = fresh_db(name)
        self.server = Server(self.db, threads=2, extra=extra, env=env).start()
        self.base = self.server.base_url
        self.files_dir = self.db + ".files"  # the default --files

    def login(self, login, password=PASSWORD):
        return login_as(login, password, base=self.base)

    def session(self):
        return Session(self.base)

    def query(self, sql, params=()):
        return query(self.db, sql, params)

    def query_one(self, sql, params=()):
        return query_one(self.db, sql, params)

    def one(self, sql, params=()):
        """The value of a one-column row, the row itself if it has more
        columns, None if there is none."""
        row = self.query_one(sql, params)
        return row[0] if row and len(row) == 1 else row

    def round_id(self, name):
        return self.one("SELECT id FROM round WHERE name = ?", (name,))

    def audit_count(self):
        return audit_count(self.db)

    def stored_files(self):
        """Paths (relative) of every file in the files directory but tmp/."""
        out = set()
        for root, dirs, files in os.walk(self.files_dir):
            rel = os.path.relpath(root, self.files_dir)
            if rel == "tmp" or rel.startswith("tmp" + os.sep):
                continue
            out.update(os.path.normpath(os.path.join(rel, f)) for f in files)
        return out

    def tmp_files(self):
        d = os.path.join(self.files_dir, "tmp")
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    def tmp_files_left(self, timeout=5):
        """tmp_files() once the requests so far have ended: an upload's
        temporary file goes when its request completes, just after the
        answer, so this polls until tmp/ is empty or the deadline."""
        deadline = time.monotonic() + timeout
        while self.tmp_files() and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.tmp_files()

    def finish(self):
        problems = stop_and_check(self.server)
        if problems:
            raise AssertionError(f"private server on {self.db}:\n  " + "\n  ".join(problems))


def stop_and_check(server):
    """Stops a Server with SIGTERM and returns what is wrong (an empty list
    when nothing is): not a clean exit, no 'stopped; database closed', a 5xx
    in its access log, its database failing integrity_check or `shishi
    audit verify`."""
    problems = []
    try:
        rc = server.stop(timeout=5)
    except AssertionError as e:
        problems.append(str(e))
        rc = None
    if rc != 0:
        problems.append(f"the server exited {rc} after SIGTERM, want 0")
    log = server.log()
    if "stopped; database closed" not in log:
        problems.append("the server did not log 'stopped; database closed'")
    errors = re.findall(r"^\S+ \S+ \S+ \S+ 5\d\d .*$", log, re.M)
    if errors:
        problems.append("the server answered with a 5xx:\n    " + "\n    ".join(errors[:10]))
    check = query(server.db, "PRAGMA integrity_check")
    if check != [("ok",)]:
        problems.append(f"integrity_check: {check}")
    verify = run_cli("audit", "verify", "--db", server.db, check=False)
    if verify.returncode != 0:
        problems.append(f"shishi audit verify: {verify.stderr.strip()}")
    return problems


# ---- HTTP ---------------------------------------------------------------------------


class Response:
    def __init__(self, method, path, raw, body):
        self.method = method
        self.path = path
        self.status = raw.status
        self.reason = raw.reason
        self.headers = raw.headers  # http.client.HTTPMessage: case-insensitive
        self.body = body
        self._text = None

    @property
    def text(self):
        if self._text is None:
            self._text = self.body.decode("utf-8", errors="replace")
        return self._text

    def header(self, name):
        return self.headers.get(name)

    @property
    def location(self):
        return self.headers.get("Location")

    @property
    def is_html(self):
        return (self.headers.get("Content-Type") or "").startswith("text/html")

    def set_cookies(self):
        """[(name, value, {attribute-lowercase: value or True})] of every Set-Cookie."""
        out = []
        for line in self.headers.get_all("Set-Cookie") or []:
            parts = [p.strip() for p in line.split(";")]
            name, _, value = parts[0].partition("=")
            attrs = {}
            for p in parts[1:]:
                k, eq, v = p.partition("=")
                attrs[k.lower()] = v if eq else True
            out.append((name, value, attrs))
        return out

    def __repr__(self):
        return f"<{self.method} {self.path} -> {self.status}>"


class Session:
    """A browser-like client: its own cookie jar, redirects not followed.

    Every response is checked by check_response() unless check=False: a
    page that lacks the security headers or whose HTML is malformed fails
    whichever test fetched it."""

    def __init__(self, base=None):
        self.base = base or base_url()
        u = urllib.parse.urlsplit(self.base)
        self.scheme, self.host, self.port = u.scheme, u.hostname, u.port
        self.cookies = {}
        self.csrf = None  # the session's token, once known

    def connection(self, timeout=15):
        if self.scheme == "https":
            # the tests' own self-signed certificate
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=ctx)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method, path, body=None, headers=None, check=True):
        h = dict(headers or {})
        if self.cookies and "Cookie" not in h:
            h["Cookie"] = self.cookie_header()
        conn = self.connection()
        try:
            try:
                conn.request(method, path, body=body, headers=h)
            except (BrokenPipeError, ConnectionResetError) as sending:
                # the server answered before the end of a body it refuses
                # (a declared length over the limit) and closed: read what
                # it said, as a browser does
                try:
                    raw = conn.getresponse()
                except (OSError, http.client.HTTPException):
                    raise sending from None
            else:
                raw = conn.getresponse()
            data = raw.read()
        finally:
            conn.close()
        r = Response(method, path, raw, data)
        for name, value, attrs in r.set_cookies():
            if value == "" or attrs.get("max-age") == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if check:
            check_response(r)
        return r

    def get(self, path, headers=None, check=True):
        return self.request("GET", path, headers=headers, check=check)

    def post(self, path, fields=(), headers=None, check=True, csrf=True):
        """POSTs fields (a dict or a list of pairs) urlencoded. csrf=True adds
        this session's token (fetched if not known yet), a string adds that
        string, None/False adds none."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf is True and not any(k == "csrf" for k, _ in pairs):
            pairs.append(("csrf", self.ensure_csrf()))
        elif isinstance(csrf, str):
            pairs.append(("csrf", csrf))
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        body = urllib.parse.urlencode(pairs).encode()
        return self.request("POST", path, body=body, headers=h, check=check)

    def post_multipart(self, path, fields=(), files=(), check=True, csrf=True):
        """POSTs multipart/form-data: fields as pairs, files as (name,
        filename, bytes) triples; the csrf as in post()."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf is True and not any(k == "csrf" for k, _ in pairs):
            pairs.append(("csrf", self.ensure_csrf()))
        boundary = "----shishi-e2e-" + os.urandom(8).hex()
        out = []
        for k, v in pairs:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode()
                       + str(v).encode() + b"\r\n")
        for k, filename, data in files:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{filename}"\r\n'
                       "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        out.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, body=b"".join(out), check=check,
                            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def ensure_csrf(self):
        if self.csrf is None:
            page = "/password" if "sid" in self.cookies else "/login"
            self.csrf = csrf_of(self.get(page).text)
        return self.csrf

    def login(self, login, password=PASSWORD, expect=303):
        """Logs in through the form; returns the POST's response."""
        self.csrf = None
        form = self.get("/login")
        assert form.status == 200, f"GET /login: {form.status}"
        token = csrf_of(form.text)
        r = self.post("/login", {"login": login, "password": password, "next": "/"}, csrf=token)
        if expect is not None:
            assert r.status == expect, (
                f"login {login}: status {r.status}, want {expect}\n{text_of(r.text)[:400]}")
        if r.status == 303:
            self.csrf = None
            self.ensure_csrf()
        return r


def login_as(login, password=PASSWORD, base=None):
    s = Session(base)
    s.login(login, password)
    return s


def raw_request(port, head, body=b"", chunks=None, host="127.0.0.1", timeout=10):
    """Sends a request by hand (the body may be refused half-way) and reads
    the status line, headers and body of the answer. Returns (status,
    headers dict lowercased, body bytes). A server that answers before the
    end of a body it refuses may close the connection on us (a reset): what
    it sent before that is read all the same; every read is bounded by
    timeout, so a server that holds the connection fails the caller."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect((host, port))
    data = b""

    def more():
        nonlocal data
        try:
            d = s.recv(65536)
        except ConnectionResetError:
            return False  # the answer before the reset is in data, if any
        data += d
        return bool(d)

    try:
        s.sendall(head)
        try:
            if chunks is not None:
                for c in chunks:
                    s.sendall(c)
            elif body:
                s.sendall(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered early and closed: read what it said
        while b"\r\n\r\n" not in data and more():
            pass
        head_end = data.find(b"\r\n\r\n")
        if head_end < 0:
            raise AssertionError(f"no complete answer: {data[:200]!r}")
        lines = data[:head_end].decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        want = head_end + 4 + int(headers.get("content-length", "0"))
        while len(data) < want and more():
            pass
        return status, headers, data[head_end + 4:want]
    finally:
        s.close()


# ---- reading pages ---------------------------------------------------------------


def csrf_of(html):
    m = re.search(r'<input type="hidden" name="csrf" value="([^"]*)"', html)
    if not m:
        raise AssertionError("no csrf field on the page")
    return m.group(1)


class FormReader(HTMLParser):
    """The fields of the form whose action is `action`, as a browser would
    submit them: inputs (checkboxes only when checked), the selected option
    of each select (or the first), textareas."""

    def __init__(self, action, method=None):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.method = method
        self.in_form = False
        self.found = False
        self.fields = []
        self.select = None  # [name, first option value, selected value]
        self.option_value = None
        self.option_text = None
        self.textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            method = (a.get("method") or "get").lower()
            if a.get("action") == self.action and not self.found and self.method in (None, method):
                self.in_form = self.found = True
            return
        if not self.in_form:
            return
        if tag == "input":
            name = a.get("name")
            if not name or "disabled" in a:
                return
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "reset"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "select":
            self.select = [a.get("name"), None, None]
        elif tag == "option" and self.select is not None:
            self.option_value = a.get("value")
            self.option_text = ""
            if self.select[1] is None:
                self.select[1] = self.option_value
            if "selected" in a:
                self.select[2] = self.option_value
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "select" and self.select is not None:
            name, first, selected = self.select
            if name:
                v = selected if selected is not None else first
                self.fields.append((name, v if v is not None else ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            if name:
                # the parser keeps the newline right after <textarea>; browsers drop it
                self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def form_fields(html, action, method=None):
    """[(name, value)] of the (first) form posting to action, in document
    order; with method ("get" or "post"), of the first such form that uses
    it."""
    p = FormReader(action, method)
    p.feed(html)
    p.close()
    if not p.found:
        raise AssertionError(f"no form with action {action!r} on the page")
    return p.fields


def replace_field(fields, name, value):
    """fields with name's value replaced (it must be present)."""
    out, seen = [], False
    for k, v in fields:
        if k == name:
            out.append((k, value))
            seen = True
        else:
            out.append((k, v))
    if not seen:
        raise AssertionError(f"form has no field {name!r}")
    return out


def with_fields(fields, changes):
    """fields with the values of changes (a dict) in place of theirs, and
    the names fields lacks added at the end."""
    out = [(k, changes.get(k, v)) for k, v in fields]
    have = {k for k, _ in fields}
    return out + [(k, v) for k, v in changes.items() if k not in have]


def field_value(fields, name):
    for k, v in fields:
        if k == name:
            return v
    raise AssertionError(f"form has no field {name!r}")


class TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(html):
    """The visible text of a page, whitespace collapsed."""
    p = TextOf()
    p.feed(html)
    p.close()
    return re.sub(r"\s+", " ", "".join(p.parts)).strip()


def snippet(html, n=300):
    """The start of a page's visible text, for a failure message."""
    return text_of(html)[:n]


# ---- well-formed HTML -------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
# Elements whose end tag HTML lets a writer leave out: closed by the next
# sibling of the same kind or by the end of their parent (<datalist><option>).
OPTIONAL_END = {"option": {"option", "optgroup"}, "li": {"li"}, "dt": {"dt", "dd"},
                "dd": {"dt", "dd"}, "tr": {"tr"}, "td": {"td", "th"}, "th": {"td", "th"}}
ONCE = {"html", "head", "body", "title", "main"}


class WellFormed(HTMLParser):
    """Collects what is wrong with a page: unbalanced or misnested tags of
    non-void elements, end tags of void elements, duplicate attributes, and
    what the page's own CSP would block or what should never be there
    (inline script, inline event handlers, style attributes and elements)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.count = {}
        self.doctype = False
        self.in_script = False

    def where(self):
        line, col = self.getpos()
        return f"line {line} col {col}"

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def _attrs(self, tag, attrs):
        names = [k for k, _ in attrs]
        dups = {n for n in names if names.count(n) > 1}
        if dups:
            self.problems.append(f"<{tag}> repeats attribute(s) {sorted(dups)} at {self.where()}")
        for k, _ in attrs:
            if k.startswith("on"):
                self.problems.append(f"<{tag}> has inline handler {k}= at {self.where()}")
            if k == "style":
                self.problems.append(f"<{tag}> has a style attribute at {self.where()}")
        if tag == "script" and "src" not in dict(attrs):
            self.problems.append(f"inline <script> at {self.where()}")
        if tag == "style":
            self.problems.append(f"<style> element at {self.where()}")

    def in_foreign(self):
        return any(t in ("svg", "math") for t, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if not self.in_foreign():  # an SVG <title> is a tooltip, not the page's
            self.count[tag] = self.count.get(tag, 0) + 1
        if self.stack and tag in OPTIONAL_END.get(self.stack[-1][0], ()):
            self.stack.pop()  # <option>a<option>b: the first ends here
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)
        foreign = tag in ("svg", "math") or self.in_foreign()
        if not foreign:
            self.count[tag] = self.count.get(tag, 0) + 1
        if tag not in VOID and not foreign:  # <rect/> inside inline SVG is fine
            self.problems.append(f"self-closed non-void <{tag}/> at {self.where()}")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"end tag of void element </{tag}> at {self.where()}")
            return
        if not self.stack:
            self.problems.append(f"stray </{tag}> at {self.where()}")
            return
        top, opened = self.stack[-1]
        if top == tag:
            self.stack.pop()
            return
        if any(t == tag for t, _ in self.stack):
            inner = []
            for t, o in reversed(self.stack):
                if t == tag:
                    break
                inner.append(t)
            if all(t in OPTIONAL_END for t in inner):
                del self.stack[len(self.stack) - len(inner) - 1:]
                return
            self.problems.append(f"</{tag}> at {self.where()} closes over <{top}> opened at {opened}")
            while self.stack and self.stack[-1][0] != tag:
                self.stack.pop()
            self.stack.pop()
        else:
            self.problems.append(f"stray </{tag}> at {self.where()} (open: <{top}>)")

    def finish(self):
        self.close()
        for tag, opened in self.stack:
            self.problems.append(f"<{tag}> opened at {opened} is never closed")
        if not self.doctype:
            self.problems.append("no <!DOCTYPE html>")
        for tag in sorted(ONCE):
            if self.count.get(tag, 0) != 1:
                self.problems.append(f"<{tag}> appears {self.count.get(tag, 0)} times, want 1")
        return self.problems


def html_problems(html):
    p = WellFormed()
    p.feed(html)
    return p.finish()


# ---- what every response must carry -----------------------------------------------


def csp_directives(value):
    out = {}
    for part in (value or "").split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = [w.lower() for w in words[1:]]
    return out


def security_header_problems(r):
    problems = []
    csp = r.header("Content-Security-Policy")
    if not csp:
        problems.append("no Content-Security-Policy")
    else:
        d = csp_directives(csp)
        if d.get("frame-ancestors") != ["'none'"]:
            problems.append(f"CSP frame-ancestors is {d.get('frame-ancestors')}, want 'none'")
        scripts = d.get("script-src", d.get("default-src"))
        if scripts is None:
            problems.append("CSP limits no scripts (neither script-src nor default-src)")
        elif "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or "*" in scripts:
            problems.append(f"CSP allows inline or foreign scripts: {scripts}")
    if (r.header("X-Content-Type-Options") or "").lower() != "nosniff":
        problems.append(f"X-Content-Type-Options is {r.header('X-Content-Type-Options')!r}")
    rp = (r.header("Referrer-Policy") or "").lower()
    if rp not in ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"):
        problems.append(f"Referrer-Policy is {r.header('Referrer-Policy')!r}")
    return problems


def check_response(r):
    problems = security_header_problems(r)
    if r.is_html and r.method != "HEAD":
        problems += html_problems(r.text)
    if problems:
        raise AssertionError(f"{r.method} {r.path} ({r.status}):\n  " + "\n  ".join(problems))


# ---- the routing table -------------------------------------------------------------


def routes():
    return parse_routes(run_cli("routes").stdout)


# The smallest file the upload pages take (they sniff the content: a PDF).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_plan(session, unit, project, db=None):
    """Uploads an implementation plan as the reporter session (to the
    server whose database is db, the shared one by default); returns the
    new attachment's id."""
    db = db or db_path()
    before = query_one(db, "SELECT coalesce(max(id), 0) FROM attachment")[0]
    r = session.post_multipart(f"/unit/{unit}/project/{project}/plan", files=[("file", "方案.pdf", PDF)])
    if r.status != 303:
        raise AssertionError(f"uploading a plan: {r.status} {text_of(r.text)[:300]}")
    row = query_one(db, "SELECT id FROM attachment WHERE id > ? AND unit_id = ? ORDER BY id DESC LIMIT 1",
                    (before, unit))
    if not row:
        raise AssertionError("the uploaded plan is not in the attachment table")
    return row[0]


class Ids:
    """Real ids of the demo database for the {id}s of each route pattern.
    The reporter is unit01 (区教体局); its unit, a project it works on, the
    latest round it reported in, its newest ledger entry and (when given)
    an attachment of it are used for every role, so that every role may
    see them. A pattern whose first segment is not known here fails loudly:
    a new kind of route needs its ids added."""

    def __init__(self, db, target_user=None, file=None):
        self.programme = query_one(db, "SELECT id FROM programme ORDER BY id LIMIT 1")[0]
        self.own_unit, = query_one(db, "SELECT unit_id FROM user WHERE login = 'unit01'")
        self.project, = query_one(db, "SELECT project_id FROM project_unit WHERE unit_id = ? "
                                      "ORDER BY project_id LIMIT 1", (self.own_unit,))
        self.other_unit, = query_one(db, "SELECT id FROM unit WHERE id <> ? ORDER BY id LIMIT 1",
                                     (self.own_unit,))
        row = query_one(db, "SELECT round_id FROM report WHERE unit_id = ? AND project_id = ? "
                            "ORDER BY round_id DESC LIMIT 1", (self.own_unit, self.project))
        self.round = row[0] if row else query_one(db, "SELECT id FROM round ORDER BY id LIMIT 1")[0]
        row = query_one(db, "SELECT id FROM ledger_entry WHERE unit_id = ? ORDER BY id DESC LIMIT 1",
                        (self.own_unit,))
        self.ledger = row[0] if row else None
        self.user = target_user
        self.file = file
        # a unit behind on a project at the third quarter, for the 督办单 routes
        q3, = query_one(db, "SELECT id FROM round WHERE name = '2022年第三季度'")
        proj, = query_one(db, "SELECT id FROM project WHERE no = 10")
        lead, = query_one(db, "SELECT unit_id FROM project_unit WHERE project_id = ? AND role = 'lead'", (proj,))
        self.supervise_query = f"?round={q3}&project={proj}&unit={lead}"

    def ids_for(self, pattern):
        segs = pattern.strip("/").split("/")
        key = "/".join(segs[:2]) if segs[0] == "admin" else segs[0]
        return {
            "p": [self.programme],
            "project": [self.project],
            "unit": [self.own_unit, self.project],
            "round": [self.round],
            "report": [self.round, self.project, self.own_unit],
            "ledger": [self.ledger],
            "file": [self.file],
            "admin/programme": [self.programme],
            "public": [self.programme],
            "admin/project": [self.project],
            "admin/users": [self.user],
        }.get(key)

    def path(self, pattern):
        """pattern with its placeholders filled."""
        out = pattern.replace("{name}", "style.css")
        n = out.count("{id}")
        if n:
            ids = self.ids_for(pattern)
            if ids is None or len(ids) < n or None in ids[:n]:
                raise AssertionError(f"do not know what to put in {pattern}: add it to harness.Ids")
            for value in ids[:n]:
                out = out.replace("{id}", str(value), 1)
        if "{" in out:
            raise AssertionError(f"do not know what to put in {pattern}: add it to harness.Ids")
        if pattern.startswith("/p/{id}/supervise"):
            out += self.supervise_query  # the notice is for a unit on a project at a round
        return out


class _FieldError(HTMLParser):
    """Finds the span.field-error that directly follows a form control."""

    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.state = "looking"  # -> "inside" (select/textarea) -> "after" -> "in-span" -> "done"
        self.closing = None
        self.message = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.state == "looking" and tag in ("input", "select", "textarea") and a.get("name") == self.name:
            self.state = "after" if tag == "input" else "inside"
            self.closing = tag
        elif self.state == "after":
            if tag == "span" and "field-error" in (a.get("class") or "").split():
                self.state, self.message = "in-span", ""
            else:
                self.state = "done"

    def handle_endtag(self, tag):
        if self.state == "inside" and tag == self.closing:
            self.state = "after"
        elif self.state == "in-span" and tag == "span":
            self.state = "done"
        elif self.state == "after":
            self.state = "done"

    def handle_data(self, data):
        if self.state == "in-span":
            self.message += data
        elif self.state == "after" and data.strip():
            self.state = "done"


def field_error(html, name):
    """The message of the span.field-error right after the control named
    name (an input, or a select or textarea after its end tag), or None."""
    p = _FieldError(name)
    p.feed(html)
    p.close()
    return p.message


def field_errors(html):
    """Every message of a span.field-error on the page, in order."""
    return [text_of(m) for m in re.findall(r'<span class="field-error"[^>]*>(.*?)</span>', html, re.S)]


# ---- downloads -----------------------------------------------------------------------


def download_names(r):
    """(disposition type, filename*, filename) of a response's
    Content-Disposition (filename* decoded from RFC 5987)."""
    value = r.header("Content-Disposition") or ""
    kind = value.split(";", 1)[0].strip().lower()
    star = re.search(r"filename\*=UTF-8''([^;\s]+)", value, re.I)
    plain = re.search(r'filename="([^"]*)"', value)
    return (kind, urllib.parse.unquote(star.group(1)) if star else None,
            plain.group(1) if plain else None)


def zip_of(data):
    """The zip archive of a download (zipfile.ZipFile), after checking that
    it opens and every member's CRC is right."""
    z = zipfile.ZipFile(io.BytesIO(data))
    bad = z.testzip()
    if bad is not None:
        raise AssertionError(f"zip member {bad} is corrupt")
    return z


def ooxml_texts(z, part):
    """The text runs (w:t in Word, t in Excel) of an XML part, in document
    order; the part must be well-formed XML."""
    root = ET.fromstring(z.read(part))
    return [el.text or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "t"]


# ---- reading the overview and the dashboard --------------------------------------------


def _cells(row_html):
    return [text_of(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.S)]


def table_rows(html, after):
    """The rows (lists of cell texts, header rows included) of the first
    table after the marker text `after` on the page."""
    at = html.find(after)
    if at < 0:
        raise AssertionError(f"no {after!r} on the page")
    start = html.find("<table", at)
    end = html.find("</table>", start)
    if start < 0 or end < 0:
        raise AssertionError(f"no table after {after!r}")
    return [_cells(tr) for tr in re.findall(r"<tr>(.*?)</tr>", html[start:end], re.S)]


def status_counts(html):
    """{label: n} of the page's ul.counts (the overview's and the dashboard's
    count of projects by status or by warning colour)."""
    m = re.search(r'<ul class="counts">(.*?)</ul>', html, re.S)
    if not m:
        raise AssertionError("no ul.counts on the page")
    return {label: int(n) for n, label in re.findall(r"<b>(\d+)</b>\s*([^<]+?)\s*</li>", m.group(1))}


def overview_projects(html):
    """The overview table (/p/ID?round=R) as {project no: {"status": its
    status, "indicators": {name: {"target", "actual", "completion",
    "status"}}}}; a project without indicators has an empty dict."""
    out = {}
    for body in re.findall(r'<tbody class="row-[^"]*">(.*?)</tbody>', html, re.S):
        rows = [_cells(tr) for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
        first = rows[0]
        no = int(first[0])
        project = {"title": first[1], "units": first[2], "status": first[-1], "indicators": {}}
        ind_rows = [first[3:-1]] + rows[1:] if len(first) > 5 else []
        for cells in ind_rows:
            name, target, actual, completion, status = cells
            project["indicators"][name] = {"target": target, "actual": actual, "completion": completion,
                                           "status": status}
        out[no] = project
    if not out:
        raise AssertionError("no project rows in the overview")
    return out


def dashboard_indicators(html):
    """The dashboard's 各项指标 table: {(project no, indicator name): {"target",
    "actual", "completion", "expected", "gap", "status"}}."""
    out = {}
    for cells in table_rows(html, "<h2>各项指标</h2>")[1:]:
        no, name, target, actual, completion, expected, gap, status = cells
        out[(int(no), name)] = {"target": target, "actual": actual, "completion": completion,
                                "expected": expected, "gap": gap, "status": status}
    return out


def dashboard_movement(html):
    """The dashboard's 各轮次变化 table: ([round names], {project no: [status or
    colour at each round]})."""
    rows = table_rows(html, "<h2>各轮次变化</h2>")
    rounds = rows[0][1:]
    return rounds, {int(r[0].split(".", 1)[0]): r[1:] for r in rows[1:]}
