"""Login throttling: after a few wrong passwords an account must wait (429
with Retry-After), even with the right password; the wait grows but stays
bounded (a minute per account), so an attacker cannot lock a real user out
for long; other accounts from the same address are not affected until the
per-address allowance is used up. Each test has a private server, since
the counters live in the database."""

import datetime
import os
import shutil
import sqlite3
import tempfile
import unittest

import harness as h
from harness import PASSWORD, Session

ACCOUNT_FREE = 5    # wrong passwords an account may make before it waits
ADDRESS_FREE = 10   # ... and an address
ACCOUNT_MAX = 60    # seconds: the longest an account is kept out


class Throttle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.template = h.fresh_db("throttle")

    def setUp(self):
        d = tempfile.mkdtemp(prefix="throttle-", dir=h.scratch_dir())
        self.db = os.path.join(d, "demo.db")
        shutil.copy(self.template, self.db)
        self.server = h.Server(self.db).start()

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)

    def attempt(self, login, password, status):
        s = Session(self.server.base_url)
        r = s.login(login, password, expect=None)
        self.assertEqual(r.status, status, f"{login}: {h.text_of(r.text)[:200]}")
        return r

    def retry_after(self, r):
        value = r.header("Retry-After")
        self.assertIsNotNone(value, "a 429 says when to try again")
        self.assertRegex(value, r"^[0-9]+$")
        return int(value)

    def let_the_wait_run_out(self, key):
        """Rather than sleep through a wait (against timestamps of whole
        seconds), let it run out in the database."""
        con = sqlite3.connect(self.db, timeout=10)
        with con:
            n = con.execute("UPDATE login_throttle SET blocked_until = ? WHERE key = ?", (h.utc(-1), key)).rowcount
        con.close()
        self.assertEqual(n, 1, f"no throttle row {key}")

    def test_account_waits_after_repeated_failures_even_with_the_right_password(self):
        for _ in range(ACCOUNT_FREE):
            self.attempt("unit02", "wrong-password", 401)
        r = self.attempt("unit02", PASSWORD, 429)
        wait = self.retry_after(r)
        self.assertTrue(1 <= wait <= ACCOUNT_MAX, wait)
        self.assertIn("登录失败次数过多", r.text)
        self.assertIn(f"请{wait}秒后再试", r.text)
        self.assertNotIn("sid", r.text)
        self.assertFalse([c for c in r.set_cookies() if c[0] == "sid"], "no session while throttled")
        # another account from the same address is not locked
        self.attempt("unit03", "wrong-password", 401)
        self.attempt("unit04", PASSWORD, 303)

    def test_delay_grows_and_a_success_clears_it(self):
        for _ in range(ACCOUNT_FREE):
            self.attempt("unit02", "wrong-password", 401)
        first = self.retry_after(self.attempt("unit02", "wrong-password", 429))
        self.assertLessEqual(first, 3)  # the first wait is short (2 s)
        self.let_the_wait_run_out("login:unit02")
        self.attempt("unit02", "wrong-password", 401)  # one more failure...
        second = self.retry_after(self.attempt("unit02", PASSWORD, 429))
        self.assertGreater(second, first, "...makes the next wait longer")
        self.assertLessEqual(second, ACCOUNT_MAX)
        # a success (once allowed) clears the count: a new mistake is not punished at once
        self.let_the_wait_run_out("login:unit02")
        self.attempt("unit02", PASSWORD, 303)
        self.assertIsNone(h.query_one(self.db, "SELECT 1 FROM login_throttle WHERE key = 'login:unit02'"))
        self.attempt("unit02", "wrong-password", 401)
        self.attempt("unit02", PASSWORD, 303)

    def test_account_wait_is_bounded_however_many_failures(self):
        # as if the account had failed 40 times within the hour (we do not wait minutes)
        con = sqlite3.connect(self.db, timeout=10)
        with con:
            con.execute("INSERT OR REPLACE INTO login_throttle(key, failures, last_failure, blocked_until) "
                        "VALUES ('login:unit06', 40, ?, ?)", (h.utc(-5), h.utc(-1)))
        con.close()
        self.attempt("unit06", "wrong-password", 401)  # the 41st
        wait = self.retry_after(self.attempt("unit06", PASSWORD, 429))
        self.assertTrue(ACCOUNT_MAX - 3 <= wait <= ACCOUNT_MAX, f"Retry-After {wait}, want about {ACCOUNT_MAX}")
        row = h.query_one(self.db, "SELECT failures, last_failure, blocked_until FROM login_throttle "
                                   "WHERE key = 'login:unit06'")
        self.assertEqual(row[0], 41)
        fmt = "%Y-%m-%dT%H:%M:%SZ"
        span = (datetime.datetime.strptime(row[2], fmt) - datetime.datetime.strptime(row[1], fmt)).total_seconds()
        self.assertLessEqual(span, ACCOUNT_MAX)

    def test_address_is_limited_after_failures_across_accounts(self):
        # failures spread over ten accounts, each well under its own allowance:
        # none of them is refused until the address has used up its allowance
        for n in range(2, 2 + ADDRESS_FREE):
            self.attempt(f"unit{n:02d}", "wrong-password", 401)
        r = self.attempt("unit14", PASSWORD, 429)
        wait = self.retry_after(r)
        self.assertTrue(1 <= wait <= 15 * 60, wait)
        row = h.query_one(self.db, "SELECT failures FROM login_throttle WHERE key = 'addr:127.0.0.1'")
        self.assertEqual(row, (ADDRESS_FREE,))
        self.assertIsNone(h.query_one(self.db, "SELECT 1 FROM login_throttle WHERE key = 'login:unit14'"),
                          "the refused account itself was not charged")

    def test_unknown_accounts_count_too(self):
        for _ in range(ACCOUNT_FREE):
            self.attempt("nobody-here", "x-password", 401)
        self.retry_after(self.attempt("nobody-here", "x-password", 429))


if __name__ == "__main__":
    unittest.main()
