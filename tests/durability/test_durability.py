#!/usr/bin/env python3
"""test_durability.py - an acknowledged report survives kill -9 (issue 4).

    python3 tests/durability/test_durability.py ./shishi [--rounds N]

Standard library only, and the end-to-end tests' harness
(tests/e2e/harness.py: Server, Session). It makes its own database with
`shishi generate` (one programme, 16 projects, 16 units, so that each unit
leads a project and owns a figure on it, and has a draft there in the last
round), starts `shishi serve` on a free port, and runs 16 clients, each a
thread logged in as a different reporter, each saving its own draft over
and over. Save number n carries n in the measures text, in the problems
text and in the unit's indicator figure (n / 1000, so that a percentage
stays within 100). A client records the last n the server acknowledged
with 303 and the last n it sent.

While they save, the server gets SIGKILL. It is started again on the same
file, and then for every client:
  - the stored n is at least the last acknowledged one and at most the
    last sent one: nothing acknowledged is lost, nothing invented;
  - the texts, the figure, the report's version, its newest version row
    and the number of its audit rows all say the same n: a save is whole
    or absent, never half-written;
  - the restarted server shows the reporter that text.
Then PRAGMA integrity_check is "ok", the file is still in WAL mode, and
`shishi audit verify` exits 0.

A kill -9 tests that a save is acknowledged only once committed and that a
crash leaves every commit whole; it cannot test the power cut that
synchronous=FULL guards against (the page cache survives a killed process).

The test asserts nothing about speed. Exit 0 when every check holds.
"""
import http.client
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import harness as h  # noqa: E402

CLIENTS = 16
PASSWORD = "durability-test"
MIN_ACKS = 3          # saves each client must have acknowledged before the kill
START_TIMEOUT = 20.0  # seconds for the server to start, and for the clients to warm up


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def serve(db, scratch, name):
    """shishi serve on a free port (as many threads as the server would
    take by default), its stderr in scratch/name.log."""
    return h.Server(db, threads=os.cpu_count() or 2, log_path=os.path.join(scratch, name + ".log"),
                    extra=["--quiet", "--files", os.path.join(scratch, "files")]).start(timeout=START_TIMEOUT)


def marker(n):
    return "durability save #%d#" % n


def counter_in(text):
    m = re.search(r"durability save #(\d+)#", text or "")
    return int(m.group(1)) if m else None


class Client(threading.Thread):
    """A reporter saving its draft until the connection dies."""

    def __init__(self, base, target, killing):
        super().__init__(daemon=True)
        self.base = base
        self.t = target
        self.killing = killing  # set just before the planned kill
        self.acked = 0       # the last save answered with 303
        self.sent = 0        # the last save sent
        self.error = None    # an unexpected answer, or a lost connection, before the kill
        self.ready = threading.Event()
        self.stop = threading.Event()

    def run(self):
        s = h.Session(self.base)
        try:
            s.login(self.t["login"], PASSWORD)
            r = s.get(self.t["path"])
            check(r.status == 200, "%s: GET %s: %d" % (self.t["login"], self.t["path"], r.status))
            csrf = s.csrf
            version = int(h.field_value(h.form_fields(r.text, self.t["path"], method="post"), "version"))
            check(version == self.t["version"], "%s: the page is at version %d, the database at %d"
                  % (self.t["login"], version, self.t["version"]))
            n = 0
            while not self.stop.is_set():
                n += 1
                form = {"csrf": csrf, "version": str(version), "action": "save",
                        "measures": "本季度推进情况：" + marker(n),
                        "problems": marker(n), "next_steps": "继续推进。",
                        "expected_completion": "",
                        "value_%d" % self.t["indicator"]: "%g" % (n / 1000)}
                self.sent = n
                try:
                    r = s.post(self.t["path"], form)
                except (OSError, http.client.HTTPException) as e:
                    # once the server is killed, n may or may not have been stored;
                    # before that, a lost connection is a fault of the server's
                    if not self.killing.is_set():
                        self.error = "%s: save %d before the kill: %s" % (self.t["login"], n, e)
                    return
                if r.status != 303:
                    self.error = "%s: save %d answered %d: %s" % (
                        self.t["login"], n, r.status, re.sub(r"\s+", " ", r.text)[:300])
                    return
                self.acked = n
                version += 1
                if n >= MIN_ACKS:
                    self.ready.set()
        except (Failure, AssertionError, OSError, http.client.HTTPException) as e:
            if self.error is None and not self.stop.is_set():
                self.error = "%s: %s" % (self.t["login"], e)
        finally:
            self.ready.set()


def targets(db):
    """Each reporter's draft on the project its unit leads, in the last round,
    and the first indicator of that project the unit owns."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        rows = con.execute("""
            SELECT u.login, u.unit_id, pu.project_id,
                   (SELECT id FROM round WHERE programme_id = pr.programme_id
                     ORDER BY period_end DESC, id DESC LIMIT 1),
                   (SELECT i.id FROM indicator i WHERE i.project_id = pr.id
                     AND coalesce(i.owner_unit_id, pu.unit_id) = pu.unit_id
                     ORDER BY i.position LIMIT 1)
            FROM user u
            JOIN project_unit pu ON pu.unit_id = u.unit_id AND pu.role = 'lead'
            JOIN project pr ON pr.id = pu.project_id
            WHERE u.role = 'reporter' ORDER BY u.login, pr.no""").fetchall()
        out, seen = [], set()
        for login, unit, project, rnd, indicator in rows:
            if login in seen or indicator is None:
                continue
            rep = con.execute("SELECT status, version FROM report WHERE round_id = ? AND "
                              "project_id = ? AND unit_id = ?", (rnd, project, unit)).fetchone()
            check(rep is not None and rep[0] == "draft",
                  "%s: the generated report is not a draft: %r" % (login, rep))
            seen.add(login)
            out.append({"login": login, "unit": unit, "project": project, "round": rnd,
                        "indicator": indicator, "version": rep[1],
                        "path": "/report/%d/%d/%d" % (rnd, project, unit)})
        return out
    finally:
        con.close()


def verify_stored(db, clients):
    """Every client's report after the restart, read straight from the file."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        total = 0
        for c in clients:
            t = c.t
            rid, measures, problems, version = con.execute(
                "SELECT id, measures, problems, version FROM report WHERE round_id = ? AND "
                "project_id = ? AND unit_id = ?", (t["round"], t["project"], t["unit"])).fetchone()
            n = counter_in(measures) or 0
            who = "%s (acknowledged %d, sent %d)" % (t["login"], c.acked, c.sent)
            check(n >= c.acked, "%s: an acknowledged save is lost: the report holds save %d"
                  % (who, n))
            check(n <= c.sent, "%s: the report holds save %d, never sent" % (who, n))
            check(counter_in(problems) == (n or None),
                  "%s: measures say save %d, problems %r" % (who, n, problems))
            value = con.execute("SELECT actual FROM report_value WHERE report_id = ? AND "
                                "indicator_id = ?", (rid, t["indicator"])).fetchone()
            if n:
                check(value is not None and round(value[0] * 1000) == n,
                      "%s: text of save %d, figure %r" % (who, n, value))
            check(version == t["version"] + n,
                  "%s: text of save %d, version %d (started at %d)" % (who, n, version, t["version"]))
            snap = con.execute("SELECT snapshot FROM report_version WHERE report_id = ? "
                               "ORDER BY version DESC LIMIT 1", (rid,)).fetchone()
            check(snap is not None and (n == 0 or marker(n) in snap[0]),
                  "%s: the newest version row is not save %d" % (who, n))
            audits = con.execute("SELECT count(*) FROM audit WHERE entity = 'report' AND "
                                 "entity_id = ? AND action = 'report.save'", (rid,)).fetchone()[0]
            check(audits == n, "%s: %d saves stored, %d audit rows" % (who, n, audits))
            total += n
        return total
    finally:
        con.close()


def verify_served(base, clients):
    """The restarted server shows each reporter its last stored save."""
    for c in clients:
        s = h.Session(base)
        s.login(c.t["login"], PASSWORD)
        r = s.get(c.t["path"])
        check(r.status == 200, "%s: GET %s after restart: %d" % (c.t["login"], c.t["path"], r.status))
        n = counter_in(r.text) or 0
        check(n >= c.acked, "%s: the restarted server shows save %d, %d was acknowledged"
              % (c.t["login"], n, c.acked))


def one_round(binary, scratch, k):
    db = os.path.join(scratch, "durability-%d.db" % k)
    subprocess.run([binary, "generate", "--db", db, "--programmes", "1", "--projects", str(CLIENTS),
                    "--units", str(CLIENTS), "--rounds", "2", "--seed", str(k + 1),
                    "--password", PASSWORD], check=True, stdout=subprocess.DEVNULL)
    ts = targets(db)
    check(len(ts) == CLIENTS, "expected %d reporters with drafts, found %d" % (CLIENTS, len(ts)))

    server = serve(db, scratch, "serve-%d" % k)
    killing = threading.Event()
    clients = [Client(server.base_url, t, killing) for t in ts]
    try:
        for c in clients:
            c.start()
        deadline = time.monotonic() + START_TIMEOUT
        for c in clients:
            c.ready.wait(max(0.0, deadline - time.monotonic()))
        errors = [c.error for c in clients if c.error]
        check(not errors, "before the kill:\n  " + "\n  ".join(errors))
        slow = [c.t["login"] for c in clients if c.acked < MIN_ACKS]
        check(not slow, "clients without %d acknowledged saves after %.0f s: %s"
              % (MIN_ACKS, START_TIMEOUT, ", ".join(slow)))
        time.sleep(random.uniform(0.1, 0.6))  # somewhere in the middle of saves
        # the kill must be ours: a server that crashed on its own is a failure
        check(server.proc is not None and server.proc.poll() is None,
              "the server exited %s before the planned kill:\n%s"
              % (server.proc and server.proc.returncode, server.log()[-3000:]))
        errors = [c.error for c in clients if c.error]
        check(not errors, "before the kill:\n  " + "\n  ".join(errors))
        killing.set()
        server.kill()                          # SIGKILL
    finally:
        for c in clients:
            c.stop.set()
        server.kill()
        for c in clients:
            c.join(30)
    errors = [c.error for c in clients if c.error]
    check(not errors, "unexpected answers:\n  " + "\n  ".join(errors))
    acked = sum(c.acked for c in clients)
    in_flight = sum(c.sent - c.acked for c in clients)

    server = serve(db, scratch, "restart-%d" % k)
    try:
        stored = verify_stored(db, clients)
        verify_served(server.base_url, clients)
    finally:
        rc = server.stop(timeout=15)
    check(rc == 0, "the restarted server exited %s after SIGTERM, want 0" % rc)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        ic = [r[0] for r in con.execute("PRAGMA integrity_check")]
        mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()
    check(ic == ["ok"], "integrity_check: %s" % "; ".join(ic))
    check(mode == "wal", "journal_mode is %s, not wal" % mode)
    av = subprocess.run([binary, "audit", "verify", "--db", db], capture_output=True, text=True)
    check(av.returncode == 0, "shishi audit verify: exit %d: %s%s" % (av.returncode, av.stdout, av.stderr))
    print("durability: %d clients, %d saves acknowledged, %d in flight at kill -9; after restart "
          "%d stored, each whole, none lost; integrity_check ok; audit trail intact"
          % (len(clients), acked, in_flight, stored))


def main():
    args = sys.argv[1:]
    rounds = 1
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 1:
        print("usage: test_durability.py ./shishi [--rounds N]", file=sys.stderr)
        return 2
    binary = os.path.abspath(args[0])
    scratch = tempfile.mkdtemp(prefix="shishi-durability-")
    os.environ["SHISHI_BIN"] = binary  # harness's Server runs it
    try:
        for k in range(rounds):
            one_round(binary, scratch, k)
    except (Failure, AssertionError, RuntimeError) as e:
        print("durability: FAILED: %s\n(scratch kept in %s)" % (e, scratch), file=sys.stderr)
        return 1
    subprocess.run(["rm", "-rf", scratch])
    return 0


if __name__ == "__main__":
    sys.exit(main())
