#!/usr/bin/env python3
"""test_reminders.py - 报送情况 and 催报 end to end, against the real server.

Self-contained: it makes its own demo database, starts its own SMTP sink
(socketserver: HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; messages kept
in memory; recipients starting with "bounce" are refused with 550) and its
own `shishi serve --smtp` pointing at it, in China time. It runs under
tests/e2e/run.py (unittest discovery; SHISHI_BIN and SHISHI_E2E_TMP are
taken from there) or alone:

    python3 tests/e2e/test_reminders.py [BIN]

On the demo's 2022年第三季度 (data/demo/README.md) only 区财政局 (nothing on
project 2), 区农业农村局 (a draft on 8) and 区卫健局 (returned on 2) have not
submitted; e-mails must reach the sink for them and for nobody else.

Standard library only.
"""

import email
import email.policy
import html
import http.client
import os
import re
import shutil
import signal
import socketserver
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PASSWORD = "demo-pass-123"
ROUND = "2022年第三季度"
FROM = "banshi@linzi.gov.cn"

# who has an address: the three laggards and three units that have reported
EMAILS = {
    "区财政局": "czj@linzi.gov.cn",
    "区农业农村局": "nyj@linzi.gov.cn",
    "区卫健局": "wjj@linzi.gov.cn",
    "区教体局": "jtj@linzi.gov.cn",    # everything accepted
    "区司法局": "sfj@linzi.gov.cn",    # submitted, but late
    "团区委": "tqw@linzi.gov.cn",      # submitted, awaiting review
}
LAGGARDS = {"区财政局", "区农业农村局", "区卫健局"}


# ---- the SMTP sink ----------------------------------------------------------------------

class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.messages = []          # dicts: mail_from, rcpts, data (bytes)
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self):
        return self.server_address[1]

    def taken(self):
        with self.lock:
            return list(self.messages)

    def stop(self):
        self.shutdown()
        self.server_close()


class SmtpHandler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, text):
        self.wfile.write(text.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.reply("220 sink.test ESMTP test sink")
        mail_from, rcpts = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd[:4].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")
                self.wfile.flush()
            elif verb == "HELO":
                self.reply("250 sink.test")
            elif verb == "MAIL":
                m = re.search(r"<([^>]*)>", cmd)
                mail_from, rcpts = (m.group(1) if m else ""), []
                self.reply("250 OK")
            elif verb == "RCPT":
                m = re.search(r"<([^>]*)>", cmd)
                if mail_from is None or not m:
                    self.reply("503 need MAIL first")
                elif m.group(1).startswith("bounce"):
                    self.reply("550 no such mailbox")
                else:
                    rcpts.append(m.group(1))
                    self.reply("250 OK")
            elif verb == "DATA":
                if not rcpts:
                    self.reply("503 need RCPT first")
                    continue
                self.reply("354 end with <CRLF>.<CRLF>")
                lines = []
                while True:
                    data = self.rfile.readline()
                    if not data or data == b".\r\n":
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                with self.server.lock:
                    self.server.messages.append(
                        {"mail_from": mail_from, "rcpts": rcpts, "data": b"".join(lines)})
                mail_from, rcpts = None, []
                self.reply("250 OK queued")
            elif verb == "RSET":
                mail_from, rcpts = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


# ---- the server and a client ---------------------------------------------------------------

def binary():
    b = os.environ.get("SHISHI_BIN") or os.path.join(ROOT, "shishi")
    if not os.access(b, os.X_OK):
        raise RuntimeError(f"{b} is not an executable: build it first (make)")
    return os.path.abspath(b)


class Server:
    def __init__(self, db, extra=()):
        self.db = db
        self.log_path = db + f".serve-{len(extra)}.log"
        env = dict(os.environ, TZ="Asia/Shanghai")
        env.pop("SHISHI_DB", None)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [binary(), "serve", "--db", db, "--listen", "127.0.0.1:0", "--threads", "2", *extra],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, env=env)
        deadline = time.monotonic() + 15
        self.port = None
        while self.port is None:
            m = re.search(r"\(port (\d+)\)", self.log())
            if m:
                self.port = int(m.group(1))
            elif self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"shishi serve did not start:\n{self.log()}")
            else:
                time.sleep(0.02)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


class Client:
    """A cookie jar that never follows redirects."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        for c in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = c.partition("=")
            self.cookies[name] = rest.split(";")[0]
        conn.close()
        return resp.status, resp.headers, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form, page=None):
        """POSTs form with the CSRF token of page (fetched from path if not given)."""
        if page is None:
            _, _, page = self.get(path)
        m = re.search(r'name="csrf" value="([^"]+)"', page)
        if not m:
            raise AssertionError(f"no CSRF token on {path}")
        return self.request("POST", path, dict(form, csrf=m.group(1)))

    def login(self, login):
        status, _, _ = self.post("/login", {"login": login, "password": PASSWORD, "next": "/"},
                                 page=self.get("/login")[2])
        if status != 303:
            raise AssertionError(f"login {login}: {status}")
        return self


def links(page):
    """{href: text} of every <a> of the page, text unescaped and stripped."""
    out = {}
    for m in re.finditer(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page, re.S):
        out[html.unescape(m.group(1))] = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
    return out


def row_of(page, unit_id):
    m = re.search(rf'<tr id="unit-{unit_id}">(.*?)</tr>', page, re.S)
    return m.group(1) if m else None


def decode(message):
    return email.message_from_bytes(message["data"], policy=email.policy.default)


# ---- the tests -----------------------------------------------------------------------------

class Reminders(unittest.TestCase):
    """One scenario in order: the numbered tests depend on the ones before."""

    @classmethod
    def setUpClass(cls):
        parent = os.environ.get("SHISHI_E2E_TMP")
        cls.tmp = tempfile.mkdtemp(prefix="reminders-", dir=parent)
        cls.db = os.path.join(cls.tmp, "demo.db")
        subprocess.run([binary(), "demo", "--db", cls.db, "--password", PASSWORD], check=True,
                       capture_output=True, timeout=60)
        con = sqlite3.connect(cls.db)
        cls.unit = dict(con.execute("SELECT name, id FROM unit").fetchall())
        for name, addr in EMAILS.items():
            con.execute("UPDATE unit SET email = ? WHERE name = ?", (addr, name))
        cls.project = dict(con.execute("SELECT no, id FROM project").fetchall())
        cls.round = con.execute("SELECT id FROM round WHERE name = ?", (ROUND,)).fetchone()[0]
        cls.q2 = con.execute("SELECT id FROM round WHERE name = '2022年第二季度'").fetchone()[0]
        # the responsible person the list shows beside the missing project
        con.execute("UPDATE project_unit SET department = '预算科', person = '张明', phone = '0533-7180001' "
                    "WHERE project_id = ? AND unit_id = ?", (cls.project[2], cls.unit["区财政局"]))
        cls.pairs = set(con.execute("SELECT project_id, unit_id FROM project_unit").fetchall())
        cls.admin_id = con.execute("SELECT id FROM user WHERE login = 'admin'").fetchone()[0]
        con.commit()
        con.close()
        cls.sink = SmtpSink()
        cls.server = Server(cls.db, ["--smtp", f"smtp://127.0.0.1:{cls.sink.port}",
                                     "--smtp-from", FROM])
        cls.admin = Client(cls.server.port).login("admin")
        cls.path = f"/round/{cls.round}/reminders"

    @classmethod
    def tearDownClass(cls):
        rc = cls.server.stop()
        cls.sink.stop()
        if rc == 0 and not os.environ.get("SHISHI_E2E_KEEP"):
            shutil.rmtree(cls.tmp, ignore_errors=True)
            return
        print(f"reminders: scratch kept in {cls.tmp} (server exited {rc})", file=sys.stderr)
        if rc != 0:
            raise AssertionError(f"shishi serve exited {rc} after SIGTERM, want 0:\n{cls.server.log()[-2000:]}")

    def rows(self, sql, params=()):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def reminders(self):
        return self.rows("SELECT u.name, m.level, m.channel, m.recipient, m.delivered, m.error, "
                         "m.sent_by, m.message FROM reminder m JOIN unit u ON u.id = m.unit_id "
                         "WHERE m.round_id = ? ORDER BY m.id", (self.round,))

    def report(self, project_no, unit):
        return f"/report/{self.round}/{self.project[project_no]}/{self.unit[unit]}"

    # -- the matrix --

    def test_01_matrix_labels(self):
        status, _, page = self.admin.get(f"/round/{self.round}/status")
        self.assertEqual(status, 200)
        a = links(page)
        self.assertEqual(a.get(self.report(2, "区财政局")), "未报")
        self.assertEqual(a.get(self.report(8, "区农业农村局")), "草稿")
        self.assertEqual(a.get(self.report(2, "区卫健局")), "退回")
        self.assertEqual(a.get(self.report(9, "区司法局")), "逾期报送")
        self.assertEqual(a.get(self.report(9, "区检察院")), "已报")
        self.assertEqual(a.get(self.report(1, "区教体局")), "已采纳")
        # a cell only where the unit takes part in the project
        cells = [h for h in a if h.startswith(f"/report/{self.round}/")]
        self.assertEqual(len(cells), len(self.pairs))
        for h in cells:
            _, _, _, p, u = h.split("/")
            self.assertIn((int(p), int(u)), self.pairs)
        # totals: 19 expected, 1 late, 2 not sent (none + draft), 1 returned
        self.assertRegex(page, r"<b>19</b> 应报")
        self.assertRegex(page, r"<b>1</b> 逾期报送")
        self.assertRegex(page, r"<b>2</b> 未报")
        self.assertRegex(page, r"<b>1</b> 退回待重报")
        # the second quarter: accepted, but first sent late
        _, _, q2 = self.admin.get(f"/round/{self.q2}/status")
        self.assertEqual(links(q2).get(f"/report/{self.q2}/{self.project[2]}/{self.unit['区民政局']}"),
                         "已采纳（逾期）")
        self.assertEqual(links(q2).get(f"/report/{self.q2}/{self.project[8]}/{self.unit['区人社局']}"),
                         "已采纳")
        # every round of the demo is past due: 区司法局's rate counts its late report
        self.assertIn("按时报送率", page)

    def test_02_who_may_see(self):
        viewer = Client(self.server.port).login("viewer")
        for path in (f"/round/{self.round}/status", self.path):
            status, _, page = viewer.get(path)
            self.assertEqual(status, 200, path)
            self.assertNotIn('name="action"', page)   # read-only: no forms to act
        self.assertEqual(viewer.post(self.path, {"action": "email_all"}, page=page)[0], 403)
        reporter = Client(self.server.port).login("unit01")
        for path in (f"/round/{self.round}/status", self.path):
            self.assertEqual(reporter.get(path)[0], 403, path)
        self.assertEqual(self.sink.taken(), [])
        self.assertEqual(self.reminders(), [])

    def test_03_list_of_laggards(self):
        status, _, page = self.admin.get(self.path)
        self.assertEqual(status, 200)
        listed = set(int(x) for x in re.findall(r'<tr id="unit-(\d+)">', page))
        self.assertEqual(listed, {self.unit[n] for n in LAGGARDS})
        czj = row_of(page, self.unit["区财政局"])
        self.assertIn("预算科 张明 0533-7180001", czj)
        self.assertIn("逾期", czj)
        for name in LAGGARDS:
            row = row_of(page, self.unit[name])
            self.assertIn('<option value="remind" selected>', row, name)
            self.assertIn("<b>提醒</b>", row, name)
        self.assertIn("发送催报邮件", page)

    # -- e-mail --

    def check_sent(self, messages, tag):
        by_rcpt = {}
        for m in messages:
            self.assertEqual(m["mail_from"], FROM)
            self.assertEqual(len(m["rcpts"]), 1)
            by_rcpt[m["rcpts"][0]] = decode(m)
        self.assertEqual(set(by_rcpt), {EMAILS[n] for n in LAGGARDS})
        for name in LAGGARDS:
            msg = by_rcpt[EMAILS[name]]
            self.assertEqual(msg["To"], EMAILS[name])
            self.assertEqual(msg["From"], FROM)
            self.assertTrue(msg["Message-ID"])
            self.assertTrue(msg["Date"])
            self.assertEqual(msg.get_content_type(), "text/plain")
            self.assertEqual(msg.get_content_charset(), "utf-8")
            self.assertEqual(msg["Content-Transfer-Encoding"], "base64")
            self.assertIn(tag, msg["Subject"])
            self.assertIn(ROUND, msg["Subject"])
            body = msg.get_content()
            self.assertTrue(body.startswith(name + "："), body[:40])
            self.assertIn("报送期限为2022年10月5日", body)
            self.assertIn("已逾期", body)
            self.assertIn("联系人：区妇儿办", body)
        self.assertIn("“两癌”", by_rcpt[EMAILS["区财政局"]].get_content())
        self.assertIn("巾帼创新创业", by_rcpt[EMAILS["区农业农村局"]].get_content())
        self.assertIn("已填写草稿，尚未提交", by_rcpt[EMAILS["区农业农村局"]].get_content())
        self.assertIn("退回理由", by_rcpt[EMAILS["区卫健局"]].get_content())

    def test_04_send_to_all(self):
        status, headers, _ = self.admin.post(self.path, {"action": "email_all"})
        self.assertEqual(status, 303)
        self.assertIn("done=email&ok=3&failed=0", headers["Location"])
        self.check_sent(self.sink.taken(), "【提醒】")
        rows = self.reminders()
        self.assertEqual(len(rows), 3)
        for name, level, channel, recipient, delivered, error, sent_by, message in rows:
            self.assertIn(name, LAGGARDS)
            self.assertEqual((level, channel, delivered, error), ("remind", "email", 1, None))
            self.assertEqual(recipient, EMAILS[name])
            self.assertEqual(sent_by, self.admin_id)
            self.assertIn(name + "：", message)
        audit = self.rows("SELECT count(*) FROM audit WHERE action = 'reminder.email'")[0][0]
        self.assertEqual(audit, 3)
        _, _, page = self.admin.get(headers["Location"])
        self.assertIn("已发送催报邮件3封", page)

    def test_05_second_send_urges(self):
        _, _, page = self.admin.get(self.path)
        for name in LAGGARDS:
            row = row_of(page, self.unit[name])
            self.assertIn('<option value="urge" selected>', row, name)
            self.assertIn("<b>催办</b>", row, name)
        before = len(self.sink.taken())
        status, headers, _ = self.admin.post(self.path, {"action": "email_all"}, page=page)
        self.assertEqual(status, 303)
        self.assertIn("ok=3&failed=0", headers["Location"])
        self.check_sent(self.sink.taken()[before:], "【催办】")
        rows = self.reminders()
        self.assertEqual(len(rows), 6)
        self.assertEqual(sorted(r[1] for r in rows[3:]), ["urge"] * 3)
        self.assertTrue(all(r[4] == 1 for r in rows))

    def test_06_submitted_units_are_refused(self):
        before = len(self.sink.taken())
        for name in ("区教体局", "区司法局", "团区委"):
            status, _, page = self.admin.post(self.path, {"action": "email", "unit": self.unit[name],
                                                          "level": "remind"})
            self.assertEqual(status, 409, name)
            self.assertIn("不能再催报", page)
            status, _, _ = self.admin.post(self.path, {"action": "record", "unit": self.unit[name],
                                                       "level": "remind", "channel": "phone"})
            self.assertEqual(status, 409, name)
        self.assertEqual(len(self.sink.taken()), before)
        self.assertEqual(len(self.reminders()), 6)
        # a forged CSRF token changes nothing either
        status, _, _ = self.admin.request("POST", self.path, {"action": "email_all", "csrf": "x" * 43})
        self.assertEqual(status, 403)
        self.assertEqual(len(self.sink.taken()), before)

    def test_07_phone_call_recorded(self):
        status, headers, _ = self.admin.post(self.path, {
            "action": "record", "unit": self.unit["区财政局"], "level": "supervise",
            "channel": "phone", "recipient": "张明 0533-7180001", "note": "电话督办，承诺当日报送"})
        self.assertEqual(status, 303)
        name, level, channel, recipient, delivered, error, sent_by, message = self.reminders()[-1]
        self.assertEqual((name, level, channel, recipient, delivered, message),
                         ("区财政局", "supervise", "phone", "张明 0533-7180001", 1, "电话督办，承诺当日报送"))
        _, _, page = self.admin.get(self.path)
        self.assertIn("督办 · 电话", row_of(page, self.unit["区财政局"]))
        # 督办 is the last level: it stays proposed
        self.assertIn('<option value="supervise" selected>', row_of(page, self.unit["区财政局"]))
        self.assertIn("电话督办，承诺当日报送", page)

    def test_08_refused_mail_is_recorded(self):
        con = sqlite3.connect(self.db, timeout=10)
        con.execute("UPDATE unit SET email = 'bounce@linzi.gov.cn' WHERE name = '区卫健局'")
        con.commit()
        con.close()
        before = len(self.sink.taken())
        status, headers, _ = self.admin.post(self.path, {"action": "email", "unit": self.unit["区卫健局"],
                                                         "level": "supervise"})
        self.assertEqual(status, 303)
        self.assertIn("ok=0&failed=1", headers["Location"])
        self.assertEqual(len(self.sink.taken()), before)
        name, level, channel, recipient, delivered, error, _, _ = self.reminders()[-1]
        self.assertEqual((name, level, channel, recipient, delivered),
                         ("区卫健局", "supervise", "email", "bounce@linzi.gov.cn", 0))
        self.assertIn("550", error)
        _, _, page = self.admin.get(headers["Location"])
        self.assertIn("未送达", page)

    def test_09_without_smtp(self):
        plain = Server(self.db)
        try:
            admin = Client(plain.port).login("admin")
            status, _, page = admin.get(self.path)
            self.assertEqual(status, 200)
            self.assertIn("未配置邮件服务器", page)
            self.assertNotIn('value="email"', page)
            self.assertNotIn('value="email_all"', page)
            self.assertIn('value="record"', page)
            n = len(self.reminders())
            status, _, page = admin.post(self.path, {"action": "email_all"}, page=page)
            self.assertEqual(status, 409)
            self.assertEqual(len(self.reminders()), n)
        finally:
            self.assertEqual(plain.stop(), 0)

    def test_10_starttls_when_offered(self):
        # "?starttls" asks for STARTTLS if the server offers it (CURLUSESSL_TRY);
        # the sink does not, so the message still goes, in the clear
        tls = Server(self.db, ["--smtp", f"smtp://127.0.0.1:{self.sink.port}?starttls",
                               "--smtp-from", FROM])
        try:
            admin = Client(tls.port).login("admin")
            before = len(self.sink.taken())
            status, headers, _ = admin.post(self.path, {"action": "email", "unit": self.unit["区财政局"],
                                                        "level": "supervise"})
            self.assertEqual(status, 303)
            self.assertIn("ok=1&failed=0", headers["Location"])
            sent = self.sink.taken()[before:]
            self.assertEqual([m["rcpts"] for m in sent], [[EMAILS["区财政局"]]])
            self.assertIn("【督办】", decode(sent[0])["Subject"])
        finally:
            self.assertEqual(tls.stop(), 0)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        os.environ["SHISHI_BIN"] = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
