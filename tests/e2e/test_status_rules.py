"""Status rules end to end across their boundaries (issue 7), on a server
of this module's own (harness.PrivateServer: the rounds and figures are
its own).

Project 5 (扩大儿童健康保障范围, one indicator, reported by 临淄医保分局) gets
a target of 1820, so that in every round below the boundaries are whole
numbers: the expected share e = (period end − start) / (deadline − start)
(DESIGN.md) is d/364, and 1820·e = 5d. The coordinator adds extra rounds;
in each the unit submits a figure and the coordinator accepts it:

    round end    d    figure                          status
    2022-10-10  282   1820(e − 0.2)     = 1046       滞后 (the boundary belongs to 滞后)
    2022-10-20  292   1820(e − 0.2) − 1 = 1095       严重滞后
    2022-10-31  303   1820 (returned: must not count) → still 严重滞后 from 1095
                      then 1820e − 1    = 1514       滞后
    2022-12-05  338   1820e             = 1690       序时推进 (the boundary belongs to 序时推进)
    2022-12-31  364   1820                            已完成

Project 7 (护校安全, no indicators) follows its unit's self-assessment:
未启动, 推进中, a returned 已完成 that must not count, then 已完成.

After each step the overview and the dashboard of that round are read.
Then the programme switches to the 红黄蓝 scheme and the dashboard's
labels become colours: 黄 for 滞后, 红 for 严重滞后, 蓝 for on schedule
within 30 days of the deadline."""

import datetime
import re
import unittest
from fractions import Fraction

import harness as h

PS = None


def setUpModule():
    global PS
    PS = h.PrivateServer("status")


def tearDownModule():
    PS.finish()


TARGET = 1820
INDICATOR = "纳入儿童血液病恶性肿瘤救治管理病种"


def pct(share):
    """A share as the pages print it (C's %.1f of share·100)."""
    return f"{float(share) * 100:.1f}%"


class StatusRules(unittest.TestCase):
    """One scenario in order: each numbered test builds on the ones before."""

    @classmethod
    def setUpClass(cls):
        cls.admin = PS.login("admin")
        cls.viewer = PS.login("viewer")
        cls.unit09 = PS.login("unit09")   # 临淄医保分局, project 5
        cls.unit11 = PS.login("unit11")   # 临淄公安分局, project 7
        cls.p5, cls.p7 = PS.one("SELECT id FROM project WHERE no = 5"), PS.one("SELECT id FROM project WHERE no = 7")
        cls.u9, cls.u11 = PS.one("SELECT unit_id FROM user WHERE login = 'unit09'"), \
            PS.one("SELECT unit_id FROM user WHERE login = 'unit11'")
        cls.ind = PS.one("SELECT id FROM indicator WHERE project_id = ?", (cls.p5,))
        start, deadline, threshold = PS.query_one("SELECT start_date, deadline, lag_threshold FROM programme WHERE id = 1")
        project_deadline = PS.one("SELECT deadline FROM project WHERE id = ?", (cls.p5,))
        cls.start = datetime.date.fromisoformat(start)
        cls.deadline = datetime.date.fromisoformat(project_deadline or deadline)
        cls.threshold = Fraction(str(threshold))
        cls.rounds = {}

    # ---- the rule, computed here from DESIGN.md ---------------------------------------

    def expected_share(self, period_end):
        e = Fraction((period_end - self.start).days, (self.deadline - self.start).days)
        return min(max(e, Fraction(0)), Fraction(1))

    def status_of(self, actual, e):
        c = min(Fraction(actual) / TARGET, Fraction(1))
        if c >= 1:
            return "已完成"
        if c >= e:
            return "序时推进"
        if e - c <= self.threshold:
            return "滞后"
        return "严重滞后"

    # ---- acting through the pages ---------------------------------------------------------

    def add_round(self, name, period_end):
        r = self.admin.post("/p/1/rounds", {"name": name, "period_end": period_end.isoformat(), "due": ""})
        self.assertEqual(r.status, 303, h.snippet(r.text))
        rid, due = PS.query_one("SELECT id, due_date FROM round WHERE name = ?", (name,))
        self.assertEqual(due, (period_end + datetime.timedelta(days=5)).isoformat(), "due: period end + 5 days")
        self.rounds[name] = (rid, period_end)
        return rid

    def report(self, session, rid, project, unit, change):
        url = f"/report/{rid}/{project}/{unit}"
        page = session.get(url)
        self.assertEqual(page.status, 200, h.snippet(page.text))
        fields = [(k, v) for k, v in h.form_fields(page.text, url) if k not in change]
        r = session.post(url, fields + list(change.items()) + [("action", "submit")])
        self.assertEqual(r.status, 303, f"submitting {change}: {h.snippet(r.text)}")
        return url

    def review(self, url, accept=True):
        fields = {"decision": "accept"} if accept else {"decision": "return", "reason": "E2E：数字与台账不符，请核实"}
        r = self.admin.post(f"{url}/review", fields)
        self.assertEqual(r.status, 303, h.snippet(r.text))
        status = "accepted" if accept else "returned"
        rid, pid, uid = map(int, url.rsplit("/", 3)[1:])
        self.assertEqual(PS.one("SELECT status FROM report WHERE round_id = ? AND project_id = ? AND unit_id = ?",
                                (rid, pid, uid)), status)

    def figure(self, rid, actual, accept=True):
        url = self.report(self.unit09, rid, self.p5, self.u9,
                          {f"value_{self.ind}": str(actual), "measures": f"E2E：截至本轮累计{actual}个"})
        self.review(url, accept)

    def self_assess(self, rid, status, accept=True):
        url = self.report(self.unit11, rid, self.p7, self.u11,
                          {"self_status": status, "measures": f"E2E：自评{status}"})
        self.review(url, accept)

    # ---- reading the pages ----------------------------------------------------------------

    def check_round(self, name, actual, p7_status):
        """The overview and the dashboard of the round show project 5 at
        `actual` with the status the rule gives, and project 7 at p7_status."""
        rid, period_end = self.rounds[name]
        e = self.expected_share(period_end)
        want = self.status_of(actual, e)
        c = min(Fraction(actual) / TARGET, Fraction(1))

        overview = self.admin.get(f"/p/1?round={rid}").text
        self.assertIn(f"{name}：统计截至", overview)
        self.assertIn(f"序时进度 {pct(e)}", h.text_of(overview))
        projects = h.overview_projects(overview)
        self.assertEqual(projects[5]["indicators"][INDICATOR],
                         {"target": f"≥{TARGET}个", "actual": f"{actual}个", "completion": pct(c), "status": want},
                         f"overview at {name}")
        self.assertEqual(projects[5]["status"], want, f"overview at {name}")
        self.assertEqual(projects[7]["status"], p7_status, f"overview at {name}: project 7")

        for who, s in (("admin", self.admin), ("viewer", self.viewer)):
            dash = s.get(f"/p/1/dashboard?round={rid}").text
            line = re.search(r'<p class="round">(.*?)</p>', dash).group(1)
            self.assertEqual(h.text_of(line), f"{name} · 统计截至{period_end.year}年{period_end.month}月"
                                              f"{period_end.day}日 · 序时进度 {pct(e)}")
            row = h.dashboard_indicators(dash)[(5, INDICATOR)]
            self.assertEqual(row, {"target": f"{TARGET}个", "actual": str(actual), "completion": pct(c),
                                   "expected": pct(e), "gap": f"{float(c - e) * 100:+.1f}", "status": want},
                             f"dashboard ({who}) at {name}")
            rounds, movement = h.dashboard_movement(dash)
            self.assertEqual(rounds[-1], name, "the movement runs up to the round shown")
            self.assertEqual(movement[5][-1], want, f"dashboard ({who}) at {name}")
            self.assertEqual(movement[7][-1], p7_status, f"dashboard ({who}) at {name}: project 7")
            laggard = re.search(r'<section class="laggard"><h3>5\. .*?</section>', dash, re.S)
            if want in ("滞后", "严重滞后"):
                self.assertTrue(laggard, f"project 5 is a laggard at {name}")
                self.assertIn(["临淄医保分局", "待遇保障科", "周慧", "0533-7180296", "督办单"],
                              h.table_rows(laggard.group(0), "<table"), "who is responsible, and the phone")
                self.assertIn(f"落后{float(e - c) * 100:.1f}个百分点", h.text_of(laggard.group(0)))
            else:
                self.assertFalse(laggard, f"project 5 is no laggard at {name}")
        return want

    # ---- the scenario ----------------------------------------------------------------------

    def test_1_setup(self):
        # the target, through the project form
        form = self.admin.get(f"/admin/project/{self.p5}").text
        fields = h.form_fields(form, f"/admin/project/{self.p5}")
        self.assertEqual(h.field_value(fields, "indicators[0].name"), INDICATOR)
        r = self.admin.post(f"/admin/project/{self.p5}", h.replace_field(fields, "indicators[0].target", str(TARGET)))
        self.assertEqual(r.status, 303, h.snippet(r.text))
        self.assertEqual(PS.one("SELECT target FROM indicator WHERE id = ?", (self.ind,)), TARGET)
        # a bad round is refused beside its field
        r = self.admin.post("/p/1/rounds", {"name": "E2E越界", "period_end": "2023-01-31", "due": ""})
        self.assertEqual(r.status, 400)
        self.assertEqual(h.field_error(r.text, "period_end"), "截止日期必须在实施期内")
        for i, end in enumerate(("2022-10-10", "2022-10-20", "2022-10-31", "2022-12-05"), 1):
            self.add_round(f"E2E调度{i}", datetime.date.fromisoformat(end))
        q4 = PS.one("SELECT id FROM round WHERE name = '2022年第四季度'")
        self.rounds["2022年第四季度"] = (q4, datetime.date(2022, 12, 31))

    def test_2_exactly_e_minus_threshold_is_behind(self):
        rid, end = self.rounds["E2E调度1"]
        e = self.expected_share(end)
        actual = TARGET * (e - self.threshold)
        self.assertEqual(actual.denominator, 1, "a whole number by construction")
        self.figure(rid, int(actual))
        self.self_assess(rid, "not_started")
        self.assertEqual(self.check_round("E2E调度1", int(actual), "未启动"), "滞后")

    def test_3_just_below_e_minus_threshold_is_serious(self):
        rid, end = self.rounds["E2E调度2"]
        actual = int(TARGET * (self.expected_share(end) - self.threshold)) - 1
        self.figure(rid, actual)
        self.self_assess(rid, "in_progress")
        self.assertEqual(self.check_round("E2E调度2", actual, "推进中"), "严重滞后")

    def test_4_a_returned_report_does_not_count(self):
        rid, end = self.rounds["E2E调度3"]
        previous = int(TARGET * (self.expected_share(self.rounds["E2E调度2"][1]) - self.threshold)) - 1
        self.figure(rid, TARGET, accept=False)
        # the figure counted is still the previous round's, against this round's e
        self.assertEqual(self.check_round("E2E调度3", previous, "推进中"), "严重滞后")
        # resubmitted just below e, and accepted
        actual = int(TARGET * self.expected_share(end)) - 1
        self.figure(rid, actual)
        self.assertEqual(self.check_round("E2E调度3", actual, "推进中"), "滞后")

    def test_5_exactly_e_is_on_schedule(self):
        rid, end = self.rounds["E2E调度4"]
        actual = TARGET * self.expected_share(end)
        self.assertEqual(actual.denominator, 1)
        self.figure(rid, int(actual))
        # 已完成 self-assessed, but returned: 推进中 still counts
        self.self_assess(rid, "done", accept=False)
        self.assertEqual(self.check_round("E2E调度4", int(actual), "推进中"), "序时推进")

    def test_6_the_whole_target_is_done(self):
        rid, end = self.rounds["2022年第四季度"]
        self.assertEqual(self.expected_share(end), 1)
        self.figure(rid, TARGET)
        self.self_assess(rid, "done")
        self.assertEqual(self.check_round("2022年第四季度", TARGET, "已完成"), "已完成")
        # each round keeps its own status in the movement across rounds
        rounds, movement = h.dashboard_movement(self.admin.get(f"/p/1/dashboard?round={rid}").text)
        self.assertEqual(rounds, ["2022年第二季度", "2022年第三季度", "E2E调度1", "E2E调度2", "E2E调度3", "E2E调度4",
                                  "2022年第四季度"])
        self.assertEqual(movement[5][2:], ["滞后", "严重滞后", "滞后", "序时推进", "已完成"])
        self.assertEqual(movement[7][2:], ["未启动", "推进中", "推进中", "推进中", "已完成"])

    def test_7_traffic_light_scheme(self):
        form = self.admin.get("/admin/programme/1").text
        fields = h.form_fields(form, "/admin/programme/1")
        self.assertEqual(h.field_value(fields, "warning_scheme"), "status")
        r = self.admin.post("/admin/programme/1", h.replace_field(fields, "warning_scheme", "traffic"))
        self.assertEqual(r.status, 303, h.snippet(r.text))
        self.assertEqual(PS.one("SELECT warning_scheme FROM programme WHERE id = 1"), "traffic")
        try:
            want = {"E2E调度1": "黄色预警", "E2E调度2": "红色预警", "E2E调度3": "黄色预警",
                    "E2E调度4": "蓝色预警",  # on schedule, 26 days before the deadline (within 30)
                    "2022年第四季度": "已完成"}
            for name, colour in want.items():
                rid, _ = self.rounds[name]
                dash = self.admin.get(f"/p/1/dashboard?round={rid}").text
                rounds, movement = h.dashboard_movement(dash)
                self.assertEqual(movement[5][-1], colour, name)
                counts = h.status_counts(dash)
                self.assertEqual(set(counts), {"红色预警", "黄色预警", "蓝色预警", "正常", "已完成"}, name)
                self.assertEqual(sum(counts.values()), 10, name)
                self.assertGreaterEqual(counts[colour], 1, name)
                # the projects' badges are colours (an indicator's row keeps its status)
                shown = [label for h3 in re.findall(r'<section class="laggard"><h3>.*?</h3>', dash, re.S)
                         for label in re.findall(r'<span class="badge [^"]*">([^<]*)</span>', h3)]
                shown += [label for row in movement.values() for label in row]
                self.assertLessEqual(set(shown), {"红色预警", "黄色预警", "蓝色预警", "正常", "已完成"}, name)
                laggard = re.search(r'<section class="laggard"><h3>5\. .*?</section>', dash, re.S)
                self.assertEqual(bool(laggard), colour != "已完成", f"{name}: a coloured project is to supervise")
            rounds, movement = h.dashboard_movement(dash)
            self.assertEqual(movement[5][2:], ["黄色预警", "红色预警", "黄色预警", "蓝色预警", "已完成"])
            # the same round's page in the old scheme still computes the statuses: the overview
            overview = h.overview_projects(self.admin.get(f"/p/1?round={self.rounds['E2E调度2'][0]}").text)
            self.assertEqual(overview[5]["status"], "严重滞后")
        finally:
            r = self.admin.post("/admin/programme/1", h.replace_field(fields, "warning_scheme", "status"))
            self.assertEqual(r.status, 303)
        dash = self.admin.get(f"/p/1/dashboard?round={self.rounds['E2E调度4'][0]}").text
        self.assertEqual(h.dashboard_movement(dash)[1][5][2:], ["滞后", "严重滞后", "滞后", "序时推进"])


if __name__ == "__main__":
    unittest.main()
