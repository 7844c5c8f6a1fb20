"""Form validation: an invalid value is refused with 400 and a Chinese
message beside the field (span.field-error right after it), the form comes
back with what was typed, and nothing at all is saved (one transaction per
action: a valid change in the same form is not half-saved). Also adding a
project to a programme (on a server of its own)."""

import re
import unittest
import uuid

import harness as h


def snapshot(project):
    db = h.db_path()
    return (h.query(db, "SELECT * FROM project WHERE id = ?", (project,)),
            h.query(db, "SELECT * FROM indicator WHERE project_id = ? ORDER BY id", (project,)),
            h.query(db, "SELECT * FROM project_unit WHERE project_id = ? ORDER BY id", (project,)),
            h.query(db, "SELECT * FROM standard WHERE project_id = ? ORDER BY id", (project,)),
            h.query_one(db, "SELECT count(*) FROM audit"))


class ProjectForm(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = h.login_as("admin")
        # the first project: several indicators
        cls.project, = h.query_one(h.db_path(), "SELECT project_id FROM indicator GROUP BY project_id "
                                                "HAVING count(*) >= 3 ORDER BY project_id LIMIT 1")
        cls.action = f"/admin/project/{cls.project}"

    def fields(self):
        return h.form_fields(self.admin.get(self.action).text, self.action)

    def test_invalid_targets(self):
        for bad in ("-5", "abc", "1e3", "5 所", "１２ab"):
            with self.subTest(target=bad):
                before = snapshot(self.project)
                # a valid change beside it must not be saved either
                f = h.replace_field(self.fields(), "title", "不应保存的标题")
                f = h.replace_field(f, "indicators[0].target", bad)
                r = self.admin.post(self.action, f)
                self.assertEqual(r.status, 400)
                self.assertEqual(h.field_error(r.text, "indicators[0].target"), "目标值必须是数字")
                self.assertIn("表单有误，请按提示修改后再保存", r.text)
                self.assertEqual(len(re.findall(r'class="field-error"', r.text)), 1, "only the bad field")
                self.assertEqual(snapshot(self.project), before, "nothing saved")

    def test_full_width_digits_are_a_number(self):
        before = snapshot(self.project)
        old = h.field_value(self.fields(), "indicators[0].target")
        f = h.replace_field(self.fields(), "indicators[0].target", "１２")
        r = self.admin.post(self.action, f)
        self.assertEqual(r.status, 303, h.text_of(r.text)[:300])
        target = h.query_one(h.db_path(), "SELECT target FROM indicator WHERE project_id = ? ORDER BY position "
                                          "LIMIT 1", (self.project,))[0]
        self.assertEqual(target, 12)
        r = self.admin.post(self.action, h.replace_field(self.fields(), "indicators[0].target", old))
        self.assertEqual(r.status, 303)
        self.assertEqual(snapshot(self.project)[:4], before[:4])

    def test_other_fields(self):
        cases = [
            ("title", "", "请填写实事名称"),
            ("deadline", "2022-13-45", "完成时限不是有效日期（例如2022-12-31）"),
            ("no", "0", "序号必须是1到999之间的整数"),
            ("indicators[1].measure", "", "请填写计量单位"),
            ("title", "长" * 301, "实事名称过长（最多300个字）"),
        ]
        for name, value, message in cases:
            with self.subTest(field=name, value=value[:10]):
                before = snapshot(self.project)
                r = self.admin.post(self.action, h.replace_field(self.fields(), name, value))
                self.assertEqual(r.status, 400)
                self.assertEqual(h.field_error(r.text, name), message)
                self.assertEqual(snapshot(self.project), before)

    def test_the_form_comes_back_with_what_was_typed(self):
        r = self.admin.post(self.action, h.replace_field(self.fields(), "indicators[0].target", "abc"))
        self.assertEqual(r.status, 400)
        back = h.form_fields(r.text, self.action)
        # today it comes back as "0": saving the form again would set the target to 0
        self.assertEqual(h.field_value(back, "indicators[0].target"), "abc")

    def test_a_bad_date_comes_back_as_typed(self):
        r = self.admin.post(self.action, h.replace_field(self.fields(), "deadline", "2022-13-45"))
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_value(h.form_fields(r.text, self.action), "deadline"), "2022-13-45")

    def test_message_stays_beside_its_indicator_when_a_row_is_removed(self):
        f = self.fields()
        second = h.field_value(f, "indicators[1].name")
        f = f + [("indicators[0].remove", "1")]
        f = h.replace_field(f, "indicators[1].target", "abc")
        r = self.admin.post(self.action, f)
        self.assertEqual(r.status, 400)
        # the message must sit in the row of the indicator whose target was wrong
        rows = [row for row in re.findall(r"<tr>.*?</tr>", r.text) if "field-error" in row]
        self.assertEqual(len(rows), 1)
        self.assertIn(f'value="{second}"', rows[0])

    def test_missing_indicator_name_is_reported_on_its_row(self):
        f = self.fields()
        n = int(h.field_value(f, "n_indicators"))
        last = n - 1  # a blank row the form offers for a new indicator
        f = h.replace_field(f, f"indicators[{last}].target", "5")
        f = h.replace_field(f, f"indicators[{last}].measure", "个")
        r = self.admin.post(self.action, f)
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, f"indicators[{last}].name"), "请填写指标名称")


class ProgrammeForm(unittest.TestCase):
    def test_invalid_fields(self):
        admin = h.login_as("admin")
        programme, = h.query_one(h.db_path(), "SELECT id FROM programme ORDER BY id LIMIT 1")
        action = f"/admin/programme/{programme}"
        cases = [
            ("year", "abc", "年度必须是数字"),
            ("year", "1800", "年度必须是1900到2999之间的整数"),
            ("lag_threshold", "150", "严重滞后界限必须在0到100之间"),
            ("start", "明天", "实施开始日期不是有效日期（例如2022-12-31）"),
        ]
        for name, value, message in cases:
            with self.subTest(field=name, value=value):
                before = h.query(h.db_path(), "SELECT * FROM programme WHERE id = ?", (programme,))
                audit = h.query_one(h.db_path(), "SELECT count(*) FROM audit")
                fields = h.form_fields(admin.get(action).text, action)
                fields = h.replace_field(fields, "title", "不应保存")
                r = admin.post(action, h.replace_field(fields, name, value))
                self.assertEqual(r.status, 400)
                self.assertEqual(h.field_error(r.text, name), message)
                self.assertEqual(h.query(h.db_path(), "SELECT * FROM programme WHERE id = ?", (programme,)), before)
                self.assertEqual(h.query_one(h.db_path(), "SELECT count(*) FROM audit"), audit)


class UnitsForm(unittest.TestCase):
    def test_one_bad_row_saves_no_row(self):
        admin = h.login_as("admin")
        u1, u2 = [r[0] for r in h.query(h.db_path(), "SELECT id FROM unit ORDER BY id LIMIT 2")]
        before = h.query(h.db_path(), "SELECT * FROM unit ORDER BY id")
        fields = h.form_fields(admin.get("/admin/units").text, "/admin/units")
        fields = h.replace_field(fields, f"u{u1}.email", "ok@example.org")
        fields = h.replace_field(fields, f"u{u2}.email", "not an address")
        r = admin.post("/admin/units", fields)
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, f"u{u2}.email"), "电子邮箱格式不正确")
        self.assertEqual(h.query(h.db_path(), "SELECT * FROM unit ORDER BY id"), before,
                         "the valid row is not saved alone")

    def test_duplicate_name(self):
        admin = h.login_as("admin")
        (u1, n1), (u2, _) = h.query(h.db_path(), "SELECT id, name FROM unit ORDER BY id LIMIT 2")
        fields = h.form_fields(admin.get("/admin/units").text, "/admin/units")
        r = admin.post("/admin/units", h.replace_field(fields, f"u{u2}.name", n1))
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, f"u{u2}.name"), f"已有名为“{n1}”的单位")


class UsersForm(unittest.TestCase):
    def test_invalid_accounts(self):
        admin = h.login_as("admin")
        count = h.query_one(h.db_path(), "SELECT count(*) FROM user")
        cases = [
            ({"login": "", "role": "viewer", "unit": ""}, "login"),
            ({"login": "has space", "role": "viewer", "unit": ""}, "login"),
            ({"login": "admin", "role": "viewer", "unit": ""}, "login"),
            ({"login": "e2e-" + uuid.uuid4().hex[:6], "role": "reporter", "unit": ""}, "unit"),
            ({"login": "e2e-" + uuid.uuid4().hex[:6], "role": "superuser", "unit": ""}, "role"),
            ({"login": "e2e-" + uuid.uuid4().hex[:6], "role": "reporter", "unit": "没有这个单位"}, "unit"),
        ]
        for form, field in cases:
            with self.subTest(form=form):
                r = admin.post("/admin/users", form)
                self.assertEqual(r.status, 400)
                self.assertIsNotNone(h.field_error(r.text, field), f"no message beside {field}")
                self.assertNotIn('class="secret"', r.text)
        self.assertEqual(h.query_one(h.db_path(), "SELECT count(*) FROM user"), count)


class NewProject(unittest.TestCase):
    """The coordinator adds a project to a programme, on a server of this
    class's own (harness.PrivateServer: the shared server's programme keeps
    its ten projects)."""

    @classmethod
    def setUpClass(cls):
        cls.ps = h.PrivateServer("new-project")
        cls.admin = cls.ps.login("admin")
        cls.action = "/admin/programme/1/new-project"

    @classmethod
    def tearDownClass(cls):
        cls.ps.finish()

    def state(self):
        return (self.ps.query("SELECT * FROM project ORDER BY id"), self.ps.query("SELECT * FROM indicator ORDER BY id"),
                self.ps.query("SELECT * FROM project_unit ORDER BY id"), self.ps.audit_count())

    def form(self):
        r = self.admin.get(self.action)
        self.assertEqual(r.status, 200)
        return h.form_fields(r.text, self.action)

    def filled(self, **changes):
        """The blank form with a whole project typed in, then changes."""
        fields = {"title": "在社区建设儿童友好图书角", "report_title": "建设儿童友好图书角", "text": "在社区建设儿童友好图书角20个。",
                  "units[0].name": "区教体局", "units[0].role": "lead",
                  "indicators[0].name": "建设儿童友好图书角", "indicators[0].target": "20", "indicators[0].measure": "个"}
        fields.update(changes)
        return [(k, fields.get(k, v)) for k, v in self.form()]

    def test_the_form_offers_the_next_number_and_the_programmes_deadline(self):
        fields = self.form()
        no = self.ps.one("SELECT max(no) FROM project WHERE programme_id = 1")
        self.assertEqual(h.field_value(fields, "no"), str(no + 1))
        self.assertEqual(h.field_value(fields, "deadline"), self.ps.one("SELECT deadline FROM programme WHERE id = 1"))
        self.assertEqual(h.field_value(fields, "title"), "")

    def test_an_invalid_project_is_not_added(self):
        before = self.state()
        r = self.admin.post(self.action, self.filled(title=""))
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "title"), "请填写实事名称")
        self.assertEqual(h.field_value(h.form_fields(r.text, self.action), "indicators[0].target"), "20",
                         "the form comes back as typed")
        r = self.admin.post(self.action, self.filled(**{"indicators[0].target": "二十"}))
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "indicators[0].target"), "目标值必须是数字")
        self.assertEqual(self.state(), before, "nothing saved")

    def test_a_project_is_added(self):
        fields = self.filled()
        no = int(h.field_value(fields, "no"))
        audit = self.ps.audit_count()
        others = (self.ps.query("SELECT * FROM project ORDER BY id"), self.ps.query("SELECT * FROM indicator ORDER BY id"))
        r = self.admin.post(self.action, fields)
        self.assertEqual(r.status, 303, h.snippet(r.text))
        pid = self.ps.one("SELECT id FROM project WHERE programme_id = 1 AND no = ?", (no,))
        self.assertIsNotNone(pid)
        self.assertEqual(r.location, f"/project/{pid}")
        self.assertEqual(self.ps.query_one("SELECT title, report_title, body, deadline FROM project WHERE id = ?", (pid,)),
                         ("在社区建设儿童友好图书角", "建设儿童友好图书角", "在社区建设儿童友好图书角20个。",
                          self.ps.one("SELECT deadline FROM programme WHERE id = 1")))
        self.assertEqual(self.ps.query("SELECT name, target, measure FROM indicator WHERE project_id = ?", (pid,)),
                         [("建设儿童友好图书角", 20, "个")])
        self.assertEqual(self.ps.query("SELECT u.name, pu.role FROM project_unit pu JOIN unit u ON u.id = pu.unit_id "
                                       "WHERE pu.project_id = ?", (pid,)), [("区教体局", "lead")])
        self.assertEqual(self.ps.audit_count(), audit + 1)
        self.assertEqual(self.ps.query_one("SELECT action, entity, entity_id FROM audit ORDER BY id DESC LIMIT 1"),
                         ("programme.update", "programme", 1))
        page = self.admin.get(r.location)
        self.assertEqual(page.status, 200)
        self.assertIn("在社区建设儿童友好图书角", page.text)
        # the programme's other projects are untouched, and the next blank form offers the next number
        self.assertEqual((self.ps.query("SELECT * FROM project WHERE id <> ? ORDER BY id", (pid,)),
                          self.ps.query("SELECT * FROM indicator WHERE project_id <> ? ORDER BY id", (pid,))), others)
        self.assertEqual(h.field_value(self.form(), "no"), str(no + 1))


if __name__ == "__main__":
    unittest.main()
