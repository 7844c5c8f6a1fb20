"""Graceful stop: SIGTERM while requests are in flight lets them finish
with complete answers, refuses new connections, exits 0 and leaves a
database that passes integrity_check with the WAL checkpointed away."""

import os
import re
import signal
import socket
import sqlite3
import threading
import time
import unittest
import urllib.parse

import harness as h
from harness import PASSWORD, Session


class GracefulStop(unittest.TestCase):
    def setUp(self):
        self.db = h.fresh_db("stop")
        self.server = h.Server(self.db, threads=2).start()

    def tearDown(self):
        self.server.kill()

    def slow_post(self, path, fields, cookies, headers_sent, results, i, delay):
        """A POST whose headers arrive at once and whose body arrives after
        delay seconds (after the SIGTERM): a request in flight."""
        body = urllib.parse.urlencode(fields).encode()
        head = (f"POST {path} HTTP/1.1\r\nHost: test\r\nCookie: {cookies}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        try:
            s = socket.create_connection(("127.0.0.1", self.server.port), timeout=15)
            s.sendall(head + body[:5])
            headers_sent.release()
            time.sleep(delay)
            s.sendall(body[5:])
            data = b""
            while True:
                d = s.recv(65536)
                if not d:
                    break
                data += d
                end = data.find(b"\r\n\r\n")
                if end >= 0:
                    length = int(next((l.split(b":")[1] for l in data[:end].split(b"\r\n")
                                       if l.lower().startswith(b"content-length:")), b"0"))
                    if len(data) >= end + 4 + length:
                        break
            s.close()
            results[i] = data
        except Exception as e:  # noqa: BLE001 - reported by the test
            results[i] = e
            headers_sent.release()

    def test_requests_in_flight_finish(self):
        # some logged-in sessions whose forms will arrive slowly
        sessions = [h.login_as(login, base=self.server.base_url) for login in ("admin", "unit01", "viewer")]
        n = 6
        results = [None] * n
        sent = threading.Semaphore(0)
        threads = []
        for i in range(n):
            s = sessions[i % len(sessions)]
            if i % 2 == 0:
                # a password form that fails validation (400) ...
                args = ("/password", {"current": "x", "new1": "y", "new2": "z", "csrf": s.csrf})
            else:
                # ... or a login, which writes its session (303)
                anon = Session(self.server.base_url)
                token = h.csrf_of(anon.get("/login").text)
                args = ("/login", {"login": "viewer", "password": PASSWORD, "csrf": token})
                s = anon
            t = threading.Thread(target=self.slow_post,
                                 args=(*args, s.cookie_header(), sent, results, i, 0.5 + 0.1 * i))
            t.start()
            threads.append(t)
        for _ in range(n):
            self.assertTrue(sent.acquire(timeout=10))
        time.sleep(0.1)  # the server has read the headers: the requests are in flight
        self.server.proc.send_signal(signal.SIGTERM)
        # a new connection is refused soon after the signal
        time.sleep(0.2)
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", self.server.port), timeout=2).close()
        for t in threads:
            t.join(timeout=20)
        rc = self.server.proc.wait(timeout=10)
        self.assertEqual(rc, 0, self.server.log())
        for i, data in enumerate(results):
            with self.subTest(request=i):
                self.assertIsInstance(data, bytes, f"request {i}: {data!r}")
                status = int(data.split(b" ", 2)[1])
                self.assertIn(status, (303, 400), data[:300])
                head, _, body = data.partition(b"\r\n\r\n")
                length = int(next(l.split(b":")[1] for l in head.split(b"\r\n")
                                  if l.lower().startswith(b"content-length:")))
                self.assertEqual(len(body), length, "a complete answer")
        log = self.server.log()
        self.assertIn("finishing requests in flight", log)
        self.assertIn("stopped; database closed", log)
        self.assertNotIn("(aborted)", log)
        after = log.split("finishing requests in flight", 1)[1]
        self.assertEqual(len(re.findall(r" POST /(?:login|password) (?:303|400) ", after)), n,
                         "every slow request was answered after the signal")
        # the database is whole and the WAL was checkpointed on close
        wal = self.db + "-wal"
        self.assertFalse(os.path.exists(wal) and os.path.getsize(wal) > 0, "WAL left with frames")
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
        self.assertEqual(con.execute("PRAGMA foreign_key_check").fetchall(), [])
        logins = con.execute("SELECT count(*) FROM session").fetchone()[0]
        con.close()
        self.assertGreaterEqual(logins, len(sessions) + n // 2, "the logins in flight were saved")
        self.assertEqual(h.run_cli("audit", "verify", "--db", self.db, check=False).returncode, 0)

    def test_sigint_stops_too(self):
        self.server.proc.send_signal(signal.SIGINT)
        self.assertEqual(self.server.proc.wait(timeout=5), 0)
        self.assertIn("stopped; database closed", self.server.log())

    def test_idle_keep_alive_connection_does_not_delay_the_stop(self):
        c = socket.create_connection(("127.0.0.1", self.server.port), timeout=5)
        status, _, _ = h.raw_request(self.server.port, b"GET /login HTTP/1.1\r\nHost: t\r\n\r\n")
        self.assertEqual(status, 200)
        c.sendall(b"GET /login HTTP/1.1\r\nHost: t\r\n\r\n")
        c.recv(65536)  # an answered request; the connection stays open, idle
        # stop() fails unless the server exits within its timeout: the server
        # waits up to 10 s for requests in flight, and an idle connection is none
        self.assertEqual(self.server.stop(timeout=5), 0)
        c.close()


if __name__ == "__main__":
    unittest.main()
