"""The audit trail: each change made through the web application (a project
edit, a unit, creating an account, resetting its password, disabling and
enabling it, changing one's own password) adds exactly one row with who,
from where, what, and before/after; the coordinator sees it on
/admin/audit; `shishi audit verify` finds the chain intact."""

import datetime
import json
import re
import unittest
import uuid

import harness as h

AUDIT_COLS = "id, at, login, address, action, entity, entity_id, before, after"


def last_id():
    return h.query_one(h.db_path(), "SELECT coalesce(max(id), 0) FROM audit")[0]


def rows_since(first):
    rows = h.query(h.db_path(), f"SELECT {AUDIT_COLS} FROM audit WHERE id > ? ORDER BY id", (first,))
    keys = [k.strip() for k in AUDIT_COLS.split(",")]
    return [dict(zip(keys, r)) for r in rows]


class Trail(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = h.login_as("admin")

    def one_row(self, since, action, entity, entity_id, login="admin"):
        rows = rows_since(since)
        self.assertEqual(len(rows), 1, f"want exactly one audit row, got {[r['action'] for r in rows]}")
        row = rows[0]
        self.assertEqual((row["action"], row["entity"], row["entity_id"], row["login"]),
                         (action, entity, entity_id, login))
        self.assertEqual(row["address"], "127.0.0.1")
        at = datetime.datetime.strptime(row["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        age = (datetime.datetime.now(datetime.timezone.utc) - at).total_seconds()
        self.assertTrue(-5 < age < 120, f"audit time {row['at']} is not now")
        for col in ("before", "after"):
            if row[col] is not None:
                json.loads(row[col])  # JSON text
        return row

    def new_account(self):
        login = "e2e-audit-" + uuid.uuid4().hex[:6]
        since = last_id()
        r = self.admin.post("/admin/users", {"login": login, "display_name": "", "role": "reporter",
                                             "unit": "区妇联"})
        self.assertEqual(r.status, 200)
        password = re.search(r'<code class="secret">([^<]+)</code>', r.text).group(1)
        uid, = h.query_one(h.db_path(), "SELECT id FROM user WHERE login = ?", (login,))
        return login, uid, password, since

    def test_project_edit(self):
        project, = h.query_one(h.db_path(), "SELECT project_id FROM indicator GROUP BY project_id "
                                            "ORDER BY project_id DESC LIMIT 1")
        programme, = h.query_one(h.db_path(), "SELECT programme_id FROM project WHERE id = ?", (project,))
        action = f"/admin/project/{project}"
        fields = h.form_fields(self.admin.get(action).text, action)
        name = h.field_value(fields, "indicators[0].name")
        old = float(h.field_value(fields, "indicators[0].target"))
        new = old + 7
        since = last_id()
        r = self.admin.post(action, h.replace_field(fields, "indicators[0].target", f"{new:g}"))
        self.assertEqual(r.status, 303)
        row = self.one_row(since, "programme.update", "programme", programme)

        def target(doc):
            for p in json.loads(doc)["projects"]:
                for ind in p.get("indicators", []):
                    if ind["name"] == name:
                        return float(ind["target"])
            self.fail(f"indicator {name} not in the audit JSON")

        self.assertEqual(target(row["before"]), old)
        self.assertEqual(target(row["after"]), new)
        # the coordinator reads it on the audit page, with before and after
        page = self.admin.get("/admin/audit")
        self.assertEqual(page.status, 200)
        m = re.search(r"<tr><td>%d</td>.*?</tr>" % row["id"], page.text, re.S)
        self.assertIsNotNone(m, "the new row is listed")
        entry = m.group(0)
        self.assertIn("<td>admin</td>", entry)
        self.assertIn("<td>127.0.0.1</td>", entry)
        self.assertIn("<td>programme.update</td>", entry)
        self.assertIn("修改前", entry)
        self.assertIn("修改后", entry)
        self.assertIn(f"{new:g}", h.text_of(entry))
        # put it back: one more row
        since = last_id()
        fields = h.form_fields(self.admin.get(action).text, action)
        self.assertEqual(self.admin.post(action, h.replace_field(fields, "indicators[0].target", f"{old:g}")).status, 303)
        self.one_row(since, "programme.update", "programme", programme)

    def test_unit_edit(self):
        unit, name, email = h.query_one(h.db_path(), "SELECT id, name, email FROM unit ORDER BY id DESC LIMIT 1")
        fields = h.form_fields(self.admin.get("/admin/units").text, "/admin/units")
        since = last_id()
        r = self.admin.post("/admin/units", h.replace_field(fields, f"u{unit}.email", "e2e@example.org"))
        self.assertEqual(r.status, 303)
        row = self.one_row(since, "unit.update", "unit", unit)
        self.assertEqual(json.loads(row["before"]).get("email"), email)
        self.assertEqual(json.loads(row["after"]), {"name": name, "email": "e2e@example.org"})

    def test_account_created(self):
        login, uid, password, since = self.new_account()
        row = self.one_row(since, "user.create", "user", uid)
        after = json.loads(row["after"])
        self.assertEqual(after.get("login"), login)
        self.assertEqual(after.get("role"), "reporter")
        for col in (row["before"] or "", row["after"]):
            self.assertNotIn(password, col, "no password in the audit trail")
            self.assertNotIn("$argon2", col, "no password hash in the audit trail")

    def test_password_reset(self):
        login, uid, password, _ = self.new_account()
        since = last_id()
        r = self.admin.post(f"/admin/users/{uid}/reset")
        self.assertEqual(r.status, 200)
        new_password = re.search(r'<code class="secret">([^<]+)</code>', r.text).group(1)
        row = self.one_row(since, "user.reset_password", "user", uid)
        self.assertIsNotNone(row["before"], "the state before the reset is recorded")
        self.assertIsNotNone(row["after"], "the state after the reset is recorded")
        self.assertEqual(json.loads(row["after"]).get("must_change_password"), True)
        for col in (row["before"], row["after"]):
            for secret in (password, new_password, "$argon2"):
                self.assertNotIn(secret, col)
        # the one-time password works, the old one does not
        h.Session().login(login, password, expect=401)
        self.assertEqual(h.Session().login(login, new_password).location, "/password")

    def test_disable_and_enable(self):
        login, uid, password, _ = self.new_account()
        since = last_id()
        self.assertEqual(self.admin.post(f"/admin/users/{uid}/disable").status, 303)
        row = self.one_row(since, "user.disable", "user", uid)
        self.assertIsNotNone(row["before"], "the state before is recorded")
        self.assertEqual(json.loads(row["before"]).get("disabled"), False)
        self.assertEqual(json.loads(row["after"]).get("disabled"), True)
        since = last_id()
        self.assertEqual(self.admin.post(f"/admin/users/{uid}/enable").status, 303)
        row = self.one_row(since, "user.enable", "user", uid)
        self.assertEqual(json.loads(row["before"]).get("disabled"), True)
        self.assertEqual(json.loads(row["after"]).get("disabled"), False)

    def test_cannot_disable_oneself(self):
        uid, = h.query_one(h.db_path(), "SELECT id FROM user WHERE login = 'admin'")
        since = last_id()
        r = self.admin.post(f"/admin/users/{uid}/disable")
        self.assertEqual(r.status, 409)
        self.assertIn("不能停用自己的账号", r.text)
        self.assertEqual(rows_since(since), [])

    def test_own_password_change(self):
        login, uid, password, _ = self.new_account()
        s = h.Session()
        s.login(login, password)
        since = last_id()
        r = s.post("/password", {"current": password, "new1": "chosen-pass-42", "new2": "chosen-pass-42"})
        self.assertEqual(r.status, 303)
        row = self.one_row(since, "user.password", "user", uid, login=login)
        for col in (row["before"] or "", row["after"] or ""):
            self.assertNotIn("chosen-pass-42", col)

    def test_reading_pages_writes_no_audit_row(self):
        since = last_id()
        for path in ("/", "/p/1", "/project/1", "/admin/users", "/admin/audit", "/public/"):
            self.admin.get(path)
        self.assertEqual(rows_since(since), [])

    def test_chain_verifies(self):
        p = h.run_cli("audit", "verify", "--db", h.db_path(), check=False)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("intact", p.stdout)


if __name__ == "__main__":
    unittest.main()
