"""Monthly check kinds on hand-built logs: planted stale/empty/late columns are found exactly."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gxaudit.model import ColumnInfo, Loc, LogItem, Sourced, Submission
from gxaudit.rules.checks import column_present, count_at_least, freshness, item_deadline, report_timeliness
from gxaudit.rules.context import CheckContext

AS_OF = dt.date(2026, 10, 31)
TH = {"dynamic": 14, "notice_policy": 183, "personnel_planning": 365}


def item(col, cls, day, title="t", source="published:iso", trigger=None):
    return LogItem(column=col, column_name=col, column_class=cls, title=title, published=day,
                   date_source=source, trigger=trigger, loc=Loc(file="log.csv", line=2))


def sub(items, columns=None, kind="乡镇"):
    if columns is None:
        seen = {}
        for it in items:
            seen.setdefault(it.column, ColumnInfo(path=it.column, name=it.column, column_class=it.column_class))
        columns = list(seen.values())
    return Submission(id="log.csv", file="log.csv", items=items, columns=columns,
                      agency=Sourced(value="青山镇"), agency_kind=Sourced(value=kind))


def test_newest_date_counts_not_first_row():
    # a pinned old item first, then a fresh one: not stale
    s = sub([item("工作动态", "dynamic", dt.date(2025, 1, 1)), item("工作动态", "dynamic", dt.date(2026, 10, 25))])
    r = freshness.run(s, freshness.Params(thresholds=TH), CheckContext(as_of=AS_OF))
    assert [x.outcome for x in r] == ["pass"]


def test_stale_column_found_with_days():
    s = sub([item("通知公告", "notice_policy", dt.date(2026, 3, 1)), item("工作动态", "dynamic", dt.date(2026, 10, 30))])
    (r,) = freshness.run(s, freshness.Params(thresholds=TH), CheckContext(as_of=AS_OF))
    assert r.outcome == "fail" and r.count == 1
    assert r.evidence[0].section == "通知公告" and r.data["columns"][0]["days"] == 244
    assert "2026-03-01" in r.message and "244天" in r.evidence[0].detail


def test_undated_items_count_as_not_updated():
    s = sub([item("工作动态", "dynamic", None)])
    (r,) = freshness.run(s, freshness.Params(thresholds=TH), CheckContext(as_of=AS_OF))
    assert r.outcome == "fail" and "无可识别的发布日期" in r.evidence[0].detail


def test_month_only_date_gets_the_benefit_of_the_doubt():
    s = sub([item("工作动态", "dynamic", dt.date(2026, 10, 1), source="month:month")])
    assert freshness.run(s, freshness.Params(thresholds=TH), CheckContext(as_of=AS_OF))[0].outcome == "pass"


def test_unknown_columns_are_not_empty_and_not_stale():
    cols = [ColumnInfo(path="a", name="工作动态", column_class="dynamic", status="unknown", reason="列表页未显示"),
            ColumnInfo(path="b", name="通知公告", column_class="notice_policy", status="empty", record_count=0)]
    s = sub([], columns=cols)
    assert freshness.run(s, freshness.Params(thresholds=TH), CheckContext(as_of=AS_OF))[0].outcome == "not_applicable"
    res = column_present.run(s, column_present.Params(), CheckContext(as_of=AS_OF))
    assert [x.outcome for x in res] == ["fail", "cannot_evaluate"]
    assert res[0].count == 1 and res[0].evidence[0].section == "b"
    assert res[1].evidence[0].detail == "列表页未显示"


def test_veto_threshold_needs_min_count():
    s = sub([item(f"c{i}", "dynamic", dt.date(2026, 1, 1)) for i in range(4)])
    p = freshness.Params(thresholds=TH, min_count=5)
    assert freshness.run(s, p, CheckContext(as_of=AS_OF))[0].outcome == "pass"
    s = sub([item(f"c{i}", "dynamic", dt.date(2026, 1, 1)) for i in range(5)])
    assert freshness.run(s, p, CheckContext(as_of=AS_OF))[0].outcome == "fail"


def test_required_catalogue_column_missing():
    s = sub([item("工作动态", "dynamic", dt.date(2026, 10, 3))])
    (r,) = column_present.run(s, column_present.Params(required=["财政预决算", "工作动态"]), CheckContext())
    assert r.outcome == "fail" and r.count == 1 and r.evidence[0].quote == "财政预决算"


def test_monthly_quota():
    s = sub([item("工作动态", "dynamic", dt.date(2026, 10, d)) for d in (1, 2, 3)] +
            [item("工作动态", "dynamic", dt.date(2026, 9, 30))])
    (r,) = count_at_least.run(s, count_at_least.Params(min=5), CheckContext(period="2026-10"))
    assert r.outcome == "fail" and r.data["count"] == 3
    (r,) = count_at_least.run(s, count_at_least.Params(min=3), CheckContext(period="2026-10"))
    assert r.outcome == "pass"


def test_item_deadline_days_late():
    its = [item("财政预决算", "budget", dt.date(2026, 3, 5), title="2026年部门预算", trigger=dt.date(2026, 2, 1)),
           item("财政预决算", "budget", dt.date(2026, 2, 15), title="2026年部门决算", trigger=dt.date(2026, 2, 1))]
    (r,) = item_deadline.run(sub(its), item_deadline.Params(title_pattern="预算|决算", days=20), CheckContext())
    assert r.outcome == "fail" and r.count == 1 and r.data["days_late"] == [12]


def test_report_timeliness_late_and_repeating():
    its = [item("年报", "annual_report", dt.date(2025, 3, 10), title="青山局2024年度政府信息公开工作年度报告"),
           item("年报", "annual_report", dt.date(2024, 1, 20), title="青山局2023年度政府信息公开工作年度报告"),
           item("年报", "annual_report", dt.date(2023, 2, 3), title="青山局2022年政府信息公开工作年度报告"),
           item("年报", "annual_report", dt.date(2022, 1, 2), title="关于报送2021年度报告的函")]
    p = report_timeliness.Params(deadlines={"县直部门": "01-31", "default": "03-31"}, first_year=2022, last_year=2024)
    res = report_timeliness.run(sub(its, kind="县直部门"), p, CheckContext(as_of=dt.date(2026, 9, 10)))
    late = res[0]
    assert late.outcome == "fail" and late.count == 2 and late.data["repeating"] is True
    assert sorted(r["days_late"] for r in late.data["reports"] if r["days_late"]) == [3, 38]
    assert "2024年（逾期38天）" in late.message and "屡次逾期" in late.message
    assert len(res) == 1  # 2021 not in range; nothing missing


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(TH)), st.integers(0, 800)), min_size=1, max_size=12))
def test_property_stale_columns_are_exactly_the_planted_ones(cols):
    items, planted = [], set()
    for i, (cls, age) in enumerate(cols):
        name = f"{cls}-{i}"
        items.append(item(name, cls, AS_OF - dt.timedelta(days=age)))
        items.append(item(name, cls, AS_OF - dt.timedelta(days=age + 30)))  # an older one never matters
        if age > TH[cls]:
            planted.add(name)
    res = freshness.run(sub(items), freshness.Params(thresholds=TH), CheckContext(as_of=AS_OF))
    found = {e.section for r in res if r.outcome == "fail" for e in r.evidence}
    assert found == planted
    ages = {f"{c}-{i}": a for i, (c, a) in enumerate(cols)}
    for r in res:
        for c in r.data["columns"]:
            assert c["days"] == ages[c["path"]] > TH[c["class"]]
