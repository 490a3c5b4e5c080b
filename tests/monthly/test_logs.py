"""Publication logs as submissions: header map, date forms, bad rows, and planted gaps found exactly."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxaudit.extract import extract, monthlyconf
from gxaudit.ingest import read_document
from gxaudit.rules import evaluate, load_packs
from gxaudit.rules.context import CheckContext

AS_OF = dt.date(2026, 10, 31)
TOWNSHIP = load_packs(["monthly-disclosure-township"])
CATALOGUE = ["工作动态", "通知公告", "政策文件", "财政预决算", "人事信息", "规划计划"]
CLASS_OF = {"工作动态": "dynamic", "通知公告": "notice_policy", "政策文件": "notice_policy",
            "人事信息": "personnel_planning", "规划计划": "personnel_planning", "财政预决算": "budget"}
LIMIT = {"dynamic": 14, "notice_policy": 183, "personnel_planning": 365}


def read(text: str, name: str = "log.csv", manifest: dict | None = None, suffix: str = ".csv"):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"log{suffix}"
        path.write_text(text, encoding="utf-8")
        return extract(read_document(path, name), manifest)


def to_csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def test_english_and_chinese_headers_read_alike():
    zh = read(to_csv(["单位", "栏目", "标题", "发布日期", "链接"], [["东岭镇", "工作动态", "一条", "2026/10/8", "u"]]))
    en = read(to_csv(["agency", "column_name", "title", "published_at", "url"], [["东岭镇", "工作动态", "一条", "2026年10月8日", "u"]]))
    for (s,) in (zh, en):
        assert s.doc_type.value == "publication_log" and s.agency.value == "东岭镇"
        (it,) = s.items
        assert (it.column, it.column_class, it.published, it.url) == ("工作动态", "dynamic", dt.date(2026, 10, 8), "u")


def test_bad_rows_are_kept_out_and_named_with_row_numbers():
    rows = [["东岭镇", "工作动态", "好的一条", "2026-10-08 09:30"],
            ["东岭镇", "工作动态", "没有日期", ""],
            ["东岭镇", "通知公告", "日期写错", "10月8日"],
            ["青山县文旅局", "工作动态", "名单外单位", "2026-10-09"],
            ["东岭镇", "通知公告", "Excel序列号", "46303"]]
    settings = monthlyconf.MonthlySettings(roster=["东岭镇", "西河镇"])
    (s,) = read(to_csv(["单位", "栏目", "标题", "发布日期"], rows),
                manifest={"monthly": monthlyconf.encode(settings), "kind": "乡镇"})
    assert [i.title for i in s.items] == ["好的一条", "Excel序列号"]
    assert [(r.loc.line, r.reason) for r in s.rejected] == [(3, "no_date"), (4, "bad_date")]
    assert any("第5行" in w and "不在单位名单中" in w for w in s.warnings)
    (f,) = [f for f in evaluate(s, TOWNSHIP, CheckContext(as_of=AS_OF, period="2026-10")) if f.rule_id == "MT-L01"]
    assert f.outcome == "fail" and f.count == 2 and "第3、4行" in f.message
    assert [e.line for e in f.evidence] == [3, 4]


def test_xlsx_log_with_date_cells_and_serials(repo_dir):
    doc = read_document(repo_dir / "fixtures" / "monthly" / "2025-11" / "publication-log.xlsx", "log.xlsx")
    subs = extract(doc)
    assert {s.agency.value for s in subs} >= {"东岭镇", "县财政局"}
    forms = {i.date_source for s in subs for i in s.items}
    assert {"published:iso", "published:serial"} <= forms
    assert not any(s.rejected for s in subs)


# ---------------------------------------------------------------- planted gaps, found exactly

column_plan = st.fixed_dictionaries({
    c: st.one_of(st.none(), st.lists(st.integers(0, 900), min_size=1, max_size=3)) for c in CATALOGUE})
late_plan = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 45)), max_size=4)  # (day of Oct, calendar days back)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column_plan, late_plan, st.sampled_from(["iso", "slash", "cn", "serial", "time"]))
def test_findings_are_exactly_the_planted_gaps(plan, lates, form):
    def printed(d: dt.date) -> str:
        return {"iso": d.isoformat(), "slash": f"{d.year}/{d.month}/{d.day}", "cn": f"{d.year}年{d.month}月{d.day}日",
                "serial": str((d - dt.date(1899, 12, 30)).days), "time": f"{d.isoformat()} 08:05:09"}[form]

    rows, stale, empty = [], set(), set()
    for col, ages in plan.items():
        if ages is None:
            empty.add(col)
            continue
        for a in ages:
            rows.append(["东岭镇", col, f"{col}{a}", printed(AS_OF - dt.timedelta(days=a)), ""])
        cls = CLASS_OF[col]
        if cls in LIMIT and min(ages) > LIMIT[cls]:
            stale.add(col)
    late_days = []
    for day, back in lates:
        published = dt.date(2026, 10, 1 + day)
        made = published - dt.timedelta(days=back)
        took = sum(1 for k in range(1, back + 1) if (made + dt.timedelta(days=k)).weekday() < 5)  # working days
        rows.append(["东岭镇", "其他", f"通告{day}-{back}", printed(published), made.isoformat()])
        if took > 20:
            late_days.append(took - 20)
    (sub,) = read(to_csv(["单位", "栏目", "标题", "发布日期", "成文日期"], rows) if rows else
                  "单位,栏目,标题,发布日期\n东岭镇,其他,一条,2026-10-30\n", manifest={"kind": "乡镇", "period": "2026-10"})
    found = {f.rule_id: f for f in evaluate(sub, TOWNSHIP, CheckContext(as_of=AS_OF, period="2026-10"))}
    got_stale = {e.quote for r in ("MT-F01", "MT-F02", "MT-F03") if found[r].outcome == "fail" for e in found[r].evidence}
    assert got_stale == stale
    for r in ("MT-F01", "MT-F02", "MT-F03"):
        for c in found[r].data.get("columns", []):
            assert c["days"] == min(plan[c["name"]])
    got_empty = {e.quote for e in found["MT-E01"].evidence} if found["MT-E01"].outcome == "fail" else set()
    assert got_empty == empty
    assert (found["MT-V02"].outcome == "fail") == (len(empty) >= 5)
    veto_count = len({c for c in stale if CLASS_OF[c] in ("dynamic", "notice_policy")})
    assert (found["MT-V01"].outcome == "fail") == (veto_count >= 5)
    if late_days:
        assert found["MT-D01"].outcome == "fail" and sorted(found["MT-D01"].data["days_late"]) == sorted(late_days)
    else:
        assert found["MT-D01"].outcome != "fail"
