"""报送情况, 催报 and the 督办单 end to end, on a server of this module's own
(harness.PrivateServer, in China time) whose --smtp points at an SMTP
sink of its own (socketserver: HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT, and STARTTLS when it is given a certificate; messages kept in
memory; recipients starting with "bounce" are refused with 550).

On the demo's 2022年第三季度 (data/demo/README.md) only 区财政局 (nothing on
project 2), 区农业农村局 (a draft on 8) and 区卫健局 (returned on 2) have not
submitted; e-mails must reach the sink for them and for nobody else.

Standard library only.
"""

import datetime
import email
import email.policy
import html
import re
import socket
import socketserver
import sqlite3
import ssl
import threading
import time
import unittest

import harness as h

ROUND = "2022年第三季度"
FROM = "banshi@linzi.gov.cn"
CHINA = {"TZ": "Asia/Shanghai"}

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

PS = None    # the module's server
SINK = None  # its SMTP sink


def setUpModule():
    global PS, SINK
    SINK = SmtpSink()
    PS = h.PrivateServer("reminders", extra=["--smtp", f"smtp://127.0.0.1:{SINK.port}", "--smtp-from", FROM],
                         env=CHINA)


def tearDownModule():
    try:
        PS.finish()
    finally:
        SINK.stop()


# ---- the SMTP sink ----------------------------------------------------------------------

class SmtpSink(socketserver.ThreadingTCPServer):
    """With tls (an ssl.SSLContext) it offers STARTTLS and records, per
    STARTTLS, whether the client began a TLS handshake on it and how the
    handshake ended."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, tls=None):
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.tls = tls
        self.messages = []          # dicts: mail_from, rcpts, data (bytes), tls (bool)
        self.upgrades = []          # dicts: client_hello (bool), result ("ok" or the SSL error)
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self):
        return self.server_address[1]

    def taken(self):
        with self.lock:
            return list(self.messages)

    def upgraded(self, timeout=10):
        """The STARTTLS upgrades so far, once each has ended (the client may
        be done before the sink has seen the handshake out)."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                out = [dict(u) for u in self.upgrades]
            if all(u["result"] is not None for u in out) or time.monotonic() > deadline:
                return out
            time.sleep(0.02)

    def stop(self):
        self.shutdown()
        self.server_close()


class SmtpHandler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, text):
        self.wfile.write(text.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def starttls(self):
        """Answers STARTTLS and turns the connection into TLS; returns
        whether it did."""
        self.reply("220 go ahead")
        # a TLS handshake record (0x16) is what a client that upgrades sends first
        try:
            first = self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            first = b""
        upgrade = {"client_hello": first == b"\x16", "result": None}
        with self.server.lock:
            self.server.upgrades.append(upgrade)
        try:
            conn = self.server.tls.wrap_socket(self.connection, server_side=True)
            result = "ok"
        except (ssl.SSLError, OSError) as e:
            result = getattr(e, "reason", None) or str(e) or type(e).__name__
        with self.server.lock:
            upgrade["result"] = result
        if result != "ok":
            return False
        self.connection = conn
        self.rfile = conn.makefile("rb")
        self.wfile = conn.makefile("wb")
        return True

    def handle(self):
        self.reply("220 sink.test ESMTP test sink")
        mail_from, rcpts, tls = None, [], False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd[:4].upper()
            if verb == "EHLO":
                offer = b"250-STARTTLS\r\n" if self.server.tls and not tls else b""
                self.wfile.write(b"250-sink.test\r\n250-8BITMIME\r\n" + offer + b"250 SIZE 10485760\r\n")
                self.wfile.flush()
            elif verb == "HELO":
                self.reply("250 sink.test")
            elif cmd.upper() == "STARTTLS" and self.server.tls and not tls:
                if not self.starttls():
                    return
                mail_from, rcpts, tls = None, [], True  # the client starts over with EHLO
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
                        {"mail_from": mail_from, "rcpts": rcpts, "data": b"".join(lines), "tls": tls})
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


# ---- reading the pages and the mail ---------------------------------------------------------

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
        con = sqlite3.connect(PS.db, timeout=10)
        cls.unit = dict(con.execute("SELECT name, id FROM unit").fetchall())
        for name, addr in EMAILS.items():
            con.execute("UPDATE unit SET email = ? WHERE name = ?", (addr, name))
        cls.project = dict(con.execute("SELECT no, id FROM project").fetchall())
        # the responsible person the list shows beside the missing project
        con.execute("UPDATE project_unit SET department = '预算科', person = '张明', phone = '0533-7180001' "
                    "WHERE project_id = ? AND unit_id = ?", (cls.project[2], cls.unit["区财政局"]))
        con.commit()
        con.close()
        cls.round = PS.round_id(ROUND)
        cls.q2 = PS.round_id("2022年第二季度")
        cls.pairs = set(PS.query("SELECT project_id, unit_id FROM project_unit"))
        cls.admin_id = PS.one("SELECT id FROM user WHERE login = 'admin'")
        cls.admin = PS.login("admin")
        cls.path = f"/round/{cls.round}/reminders"

    def reminders(self):
        return PS.query("SELECT u.name, m.level, m.channel, m.recipient, m.delivered, m.error, "
                        "m.sent_by, m.message FROM reminder m JOIN unit u ON u.id = m.unit_id "
                        "WHERE m.round_id = ? ORDER BY m.id", (self.round,))

    def report(self, project_no, unit):
        return f"/report/{self.round}/{self.project[project_no]}/{self.unit[unit]}"

    def other_server(self, name, extra=()):
        """A second server on this module's database, in China time."""
        return h.Server(PS.db, extra=extra, env=CHINA, log_path=f"{PS.db}.{name}.log").start()

    # -- the matrix --

    def test_01_matrix_labels(self):
        r = self.admin.get(f"/round/{self.round}/status")
        self.assertEqual(r.status, 200)
        page = r.text
        a = links(page)
        self.assertEqual(a.get(self.report(2, "区财政局")), "未报")
        self.assertEqual(a.get(self.report(8, "区农业农村局")), "草稿")
        self.assertEqual(a.get(self.report(2, "区卫健局")), "退回")
        self.assertEqual(a.get(self.report(9, "区司法局")), "逾期报送")
        self.assertEqual(a.get(self.report(9, "区检察院")), "已报")
        self.assertEqual(a.get(self.report(1, "区教体局")), "已采纳")
        # a cell only where the unit takes part in the project
        cells = [href for href in a if href.startswith(f"/report/{self.round}/")]
        self.assertEqual(len(cells), len(self.pairs))
        for href in cells:
            _, _, _, p, u = href.split("/")
            self.assertIn((int(p), int(u)), self.pairs)
        # totals: 19 expected, 1 late, 2 not sent (none + draft), 1 returned
        self.assertRegex(page, r"<b>19</b> 应报")
        self.assertRegex(page, r"<b>1</b> 逾期报送")
        self.assertRegex(page, r"<b>2</b> 未报")
        self.assertRegex(page, r"<b>1</b> 退回待重报")
        # the second quarter: accepted, but first sent late
        q2 = links(self.admin.get(f"/round/{self.q2}/status").text)
        self.assertEqual(q2.get(f"/report/{self.q2}/{self.project[2]}/{self.unit['区民政局']}"), "已采纳（逾期）")
        self.assertEqual(q2.get(f"/report/{self.q2}/{self.project[8]}/{self.unit['区人社局']}"), "已采纳")
        # every round of the demo is past due: 区司法局's rate counts its late report
        self.assertIn("按时报送率", page)

    def test_02_who_may_see(self):
        viewer = PS.login("viewer")
        for path in (f"/round/{self.round}/status", self.path):
            r = viewer.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertNotIn('name="action"', r.text)   # read-only: no forms to act
        self.assertEqual(viewer.post(self.path, {"action": "email_all"}).status, 403)
        reporter = PS.login("unit01")
        for path in (f"/round/{self.round}/status", self.path):
            self.assertEqual(reporter.get(path).status, 403, path)
        self.assertEqual(SINK.taken(), [])
        self.assertEqual(self.reminders(), [])

    def test_03_list_of_laggards(self):
        r = self.admin.get(self.path)
        self.assertEqual(r.status, 200)
        page = r.text
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
        r = self.admin.post(self.path, {"action": "email_all"})
        self.assertEqual(r.status, 303)
        self.assertIn("done=email&ok=3&failed=0", r.location)
        self.check_sent(SINK.taken(), "【提醒】")
        rows = self.reminders()
        self.assertEqual(len(rows), 3)
        for name, level, channel, recipient, delivered, error, sent_by, message in rows:
            self.assertIn(name, LAGGARDS)
            self.assertEqual((level, channel, delivered, error), ("remind", "email", 1, None))
            self.assertEqual(recipient, EMAILS[name])
            self.assertEqual(sent_by, self.admin_id)
            self.assertIn(name + "：", message)
        self.assertEqual(PS.one("SELECT count(*) FROM audit WHERE action = 'reminder.email'"), 3)
        self.assertIn("已发送催报邮件3封", self.admin.get(r.location).text)

    def test_05_second_send_urges(self):
        page = self.admin.get(self.path).text
        for name in LAGGARDS:
            row = row_of(page, self.unit[name])
            self.assertIn('<option value="urge" selected>', row, name)
            self.assertIn("<b>催办</b>", row, name)
        before = len(SINK.taken())
        r = self.admin.post(self.path, {"action": "email_all"})
        self.assertEqual(r.status, 303)
        self.assertIn("ok=3&failed=0", r.location)
        self.check_sent(SINK.taken()[before:], "【催办】")
        rows = self.reminders()
        self.assertEqual(len(rows), 6)
        self.assertEqual(sorted(r[1] for r in rows[3:]), ["urge"] * 3)
        self.assertTrue(all(r[4] == 1 for r in rows))

    def test_06_submitted_units_are_refused(self):
        before = len(SINK.taken())
        for name in ("区教体局", "区司法局", "团区委"):
            r = self.admin.post(self.path, {"action": "email", "unit": self.unit[name], "level": "remind"})
            self.assertEqual(r.status, 409, name)
            self.assertIn("不能再催报", r.text)
            r = self.admin.post(self.path, {"action": "record", "unit": self.unit[name], "level": "remind",
                                            "channel": "phone"})
            self.assertEqual(r.status, 409, name)
        self.assertEqual(len(SINK.taken()), before)
        self.assertEqual(len(self.reminders()), 6)
        # a forged CSRF token changes nothing either
        r = self.admin.post(self.path, {"action": "email_all", "csrf": "x" * 43})
        self.assertEqual(r.status, 403)
        self.assertEqual(len(SINK.taken()), before)

    def test_07_phone_call_recorded(self):
        r = self.admin.post(self.path, {
            "action": "record", "unit": self.unit["区财政局"], "level": "supervise",
            "channel": "phone", "recipient": "张明 0533-7180001", "note": "电话督办，承诺当日报送"})
        self.assertEqual(r.status, 303)
        name, level, channel, recipient, delivered, error, sent_by, message = self.reminders()[-1]
        self.assertEqual((name, level, channel, recipient, delivered, message),
                         ("区财政局", "supervise", "phone", "张明 0533-7180001", 1, "电话督办，承诺当日报送"))
        page = self.admin.get(self.path).text
        self.assertIn("督办 · 电话", row_of(page, self.unit["区财政局"]))
        # 督办 is the last level: it stays proposed
        self.assertIn('<option value="supervise" selected>', row_of(page, self.unit["区财政局"]))
        self.assertIn("电话督办，承诺当日报送", page)

    def test_08_refused_mail_is_recorded(self):
        con = sqlite3.connect(PS.db, timeout=10)
        con.execute("UPDATE unit SET email = 'bounce@linzi.gov.cn' WHERE name = '区卫健局'")
        con.commit()
        con.close()
        before = len(SINK.taken())
        r = self.admin.post(self.path, {"action": "email", "unit": self.unit["区卫健局"], "level": "supervise"})
        self.assertEqual(r.status, 303)
        self.assertIn("ok=0&failed=1", r.location)
        self.assertEqual(len(SINK.taken()), before)
        name, level, channel, recipient, delivered, error, _, _ = self.reminders()[-1]
        self.assertEqual((name, level, channel, recipient, delivered),
                         ("区卫健局", "supervise", "email", "bounce@linzi.gov.cn", 0))
        self.assertIn("550", error)
        self.assertIn("未送达", self.admin.get(r.location).text)

    def test_09_without_smtp(self):
        plain = self.other_server("plain")
        try:
            admin = h.login_as("admin", base=plain.base_url)
            r = admin.get(self.path)
            self.assertEqual(r.status, 200)
            self.assertIn("未配置邮件服务器", r.text)
            self.assertNotIn('value="email"', r.text)
            self.assertNotIn('value="email_all"', r.text)
            self.assertIn('value="record"', r.text)
            n = len(self.reminders())
            self.assertEqual(admin.post(self.path, {"action": "email_all"}).status, 409)
            self.assertEqual(len(self.reminders()), n)
        finally:
            self.assertEqual(h.stop_and_check(plain), [])

    def test_10_starttls_not_offered_sends_in_the_clear(self):
        # "?starttls" asks for STARTTLS if the server offers it (CURLUSESSL_TRY);
        # this sink does not, so the message still goes, in the clear
        tls = self.other_server("starttls", ["--smtp", f"smtp://127.0.0.1:{SINK.port}?starttls",
                                             "--smtp-from", FROM])
        try:
            admin = h.login_as("admin", base=tls.base_url)
            before = len(SINK.taken())
            r = admin.post(self.path, {"action": "email", "unit": self.unit["区财政局"], "level": "supervise"})
            self.assertEqual(r.status, 303)
            self.assertIn("ok=1&failed=0", r.location)
            sent = SINK.taken()[before:]
            self.assertEqual([(m["rcpts"], m["tls"]) for m in sent], [([EMAILS["区财政局"]], False)])
            self.assertIn("【督办】", decode(sent[0])["Subject"])
            self.assertEqual(SINK.upgraded(), [])
        finally:
            self.assertEqual(h.stop_and_check(tls), [])


    def test_11_starttls_when_offered(self):
        # a sink that offers STARTTLS (with a certificate of its own): "?starttls" must take it
        pem = h.self_signed_cert("smtp-tls")
        if not pem:
            self.skipTest("no openssl to make a test certificate")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(*pem)
        sink = SmtpSink(tls=ctx)
        tls = self.other_server("starttls-offered", ["--smtp", f"smtp://127.0.0.1:{sink.port}?starttls",
                                                     "--smtp-from", FROM])
        try:
            admin = h.login_as("admin", base=tls.base_url)
            r = admin.post(self.path, {"action": "email", "unit": self.unit["区财政局"], "level": "supervise"})
            self.assertEqual(r.status, 303)
            upgrades = sink.upgraded()
            self.assertEqual(len(upgrades), 1, "the client asked for STARTTLS once")
            self.assertTrue(upgrades[0]["client_hello"], "and began a TLS handshake on the connection")
            # the sink's certificate is its own, which the server rightly does not trust
            # (libcurl verifies against the system's CAs): the upgrade fails, and the
            # message is not sent in the clear instead
            self.assertNotEqual(upgrades[0]["result"], "ok", upgrades)
            self.assertEqual(sink.taken(), [], "nothing went in the clear")
            self.assertIn("ok=0&failed=1", r.location)
            name, level, channel, recipient, delivered, error, _, _ = self.reminders()[-1]
            self.assertEqual((name, level, channel, recipient, delivered),
                             ("区财政局", "supervise", "email", EMAILS["区财政局"], 0))
            self.assertTrue(error.startswith("无法与邮件服务器建立加密连接"), error)
        finally:
            sink.stop()
            self.assertEqual(h.stop_and_check(tls), [])

    # -- the 督办单 --

    def test_12_supervise_notice_recorded(self):
        unit, project = self.unit["区财政局"], self.project[2]
        by = datetime.date.today() + datetime.timedelta(days=30)
        by_cn = f"{by.year}年{by.month}月{by.day}日"
        url = "/p/1/supervise"
        page = self.admin.get(f"{url}?round={self.round}&project={project}&unit={unit}")
        self.assertEqual(page.status, 200, h.snippet(page.text))
        fields = h.form_fields(page.text, url, method="post")
        self.assertEqual([(k, h.field_value(fields, k)) for k in ("round", "project", "unit")],
                         [("round", str(self.round)), ("project", str(project)), ("unit", str(unit))])
        n, audit, mails = len(self.reminders()), PS.audit_count(), len(SINK.taken())
        last = PS.one("SELECT max(id) FROM reminder")

        r = self.admin.post(url, h.replace_field(fields, "by", by.isoformat()))
        self.assertEqual(r.status, 200, h.snippet(r.text))
        self.assertIn("已记入本轮督办记录", r.text)
        self.assertIn(f"于{by_cn}前将整改措施", h.text_of(r.text))
        self.assertNotIn(f'action="{url}"', r.text, "recorded: the form to record it again is gone")
        # one row in the round's escalation log: 督办 by written notice, and its audit row
        self.assertEqual(len(self.reminders()), n + 1)
        rid = PS.one("SELECT max(id) FROM reminder")
        self.assertGreater(rid, last)
        name, level, channel, recipient, delivered, error, sent_by, message = self.reminders()[-1]
        self.assertEqual((name, level, channel, delivered, error, sent_by),
                         ("区财政局", "supervise", "notice", 1, None, self.admin_id))
        self.assertTrue(message.startswith("督办通知单\n区财政局：\n"), message[:40])
        self.assertIn("实施城乡妇女“两癌”免费检查及救助项目", message)
        self.assertIn(f"于{by_cn}前将整改措施", message)
        self.assertEqual(PS.audit_count(), audit + 1)
        self.assertEqual(PS.query("SELECT action, entity, entity_id, login FROM audit ORDER BY id DESC LIMIT 1"),
                         [("reminder.supervise_notice", "reminder", rid, "admin")])
        self.assertEqual(len(SINK.taken()), mails, "a written notice is no e-mail")
        # the reminders page lists it in the unit's history
        self.assertIn("督办 · 书面通知", row_of(self.admin.get(self.path).text, unit))

    def test_13_supervise_notice_refused(self):
        unit, project = self.unit["区财政局"], self.project[2]
        n, audit = len(self.reminders()), PS.audit_count()
        yesterday = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
        for fields, status in (
            ({"round": self.round, "project": project, "unit": unit, "by": yesterday}, 400),
            ({"round": self.round, "project": project, "unit": self.unit["区教体局"]}, 400),  # not on project 2
            ({"round": self.round, "project": project}, 400),
        ):
            with self.subTest(fields=fields):
                self.assertEqual(self.admin.post("/p/1/supervise", fields).status, status)
        # a leader reads the notice but may not record it
        viewer = PS.login("viewer")
        self.assertEqual(viewer.post("/p/1/supervise", {"round": self.round, "project": project,
                                                         "unit": unit}).status, 403)
        self.assertEqual((len(self.reminders()), PS.audit_count()), (n, audit), "nothing recorded")


if __name__ == "__main__":
    unittest.main()
