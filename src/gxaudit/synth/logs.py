"""Monthly publication logs: one agency's CMS export (单位,栏目,标题,发布日期,链接) up to a month's
last day, every column with its newest items — a column's age cannot be seen otherwise.

Defects make a column stale (its newest item older than the pack's threshold for its class),
empty (a catalogue column with no item), or the annual report in the 年报 column late or
missing; each maps to the monthly packs' rule ids for the agency's kind.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import random

from gxaudit.synth.names import Agency, site

CATALOGUE = ("工作动态", "通知公告", "政策文件", "财政预决算", "人事信息", "规划计划")
DEPT_EXTRA = ("机构职能",)
REPORTS = "政府信息公开年报"
# newest-item age (days) in good order, and how many items
_HEALTHY = {"工作动态": (1, 9), "通知公告": (5, 60), "政策文件": (10, 120), "财政预决算": (20, 150),
            "人事信息": (15, 200), "规划计划": (30, 300), "机构职能": (30, 300)}
_TITLES = {"工作动态": ("{t}工作推进会召开", "开展{t}专项检查", "{t}工作取得阶段成效", "召开{t}调度会"),
           "通知公告": ("关于做好{t}工作的通知", "关于{t}有关事项的公告", "关于开展{t}排查的通知"),
           "政策文件": ("关于印发{t}实施方案的通知", "{t}管理办法", "关于进一步规范{t}的意见"),
           "财政预决算": ("{y}年部门预算公开", "{y0}年部门决算公开", "{y}年“三公”经费预算说明"),
           "人事信息": ("{y}年公开招聘工作人员公告", "干部任前公示", "{y}年公益性岗位招聘公告"),
           "规划计划": ("{y}年工作要点", "{t}三年行动计划", "{y}年政务公开工作计划"),
           "机构职能": ("机构职能及领导分工", "内设机构及职责")}
CLASS_OF = {"工作动态": "dynamic", "通知公告": "notice_policy", "政策文件": "notice_policy",
            "人事信息": "personnel_planning", "规划计划": "personnel_planning"}
THRESHOLD = {"dynamic": 14, "notice_policy": 183, "personnel_planning": 365}
DEFECTS = ("stale_dynamic", "stale_notice", "stale_personnel", "empty_column", "veto_stale",
           "report_late", "report_missing")


def month_end(period: str) -> dt.date:
    y, m = (int(x) for x in period.split("-"))
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _date_text(d: dt.date, rng: random.Random) -> str:
    form = rng.randrange(4)
    return (d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日",
            f"{d.isoformat()} {rng.randint(8, 17):02d}:{rng.choice((0, 15, 30, 45)):02d}:00")[form]


def _rules(kind: str) -> dict[str, str]:
    p = "MT" if kind in ("乡镇", "街道") else "MD"
    return {"dynamic": f"{p}-F01", "notice_policy": f"{p}-F02", "personnel_planning": f"{p}-F03",
            "empty": f"{p}-E01", "veto": f"{p}-V01"}


def plan_log(agency: Agency, period: str, defects: list[str], rng: random.Random) -> tuple[dict, list[dict]]:
    """Column -> item dates (newest first), and the truth entries of the planted defects."""
    end = month_end(period)
    cols = list(CATALOGUE) + (list(DEPT_EXTRA) if agency.kind in ("县直部门", "县级政府") else [])
    out: dict[str, list[dt.date]] = {}
    for c in cols:
        newest, span = _HEALTHY[c]
        first = rng.randint(0, newest)
        out[c] = sorted({end - dt.timedelta(days=first + rng.randint(0, span)) for _ in range(rng.randint(2, 6))}
                        | {end - dt.timedelta(days=first)}, reverse=True)
    r = _rules(agency.kind)
    truth: list[dict] = []
    stale: set[str] = set()  # columns another defect made stale: emptying one would undo it
    for d in sorted(defects, key=lambda x: x == "empty_column"):  # empty last: nothing re-adds it
        if d == "stale_dynamic":
            age = rng.randint(20, 60)
            out["工作动态"] = [end - dt.timedelta(days=age + i * 7) for i in range(3)]
            truth.append({"defect": d, "rules": [r["dynamic"]], "detail": f"工作动态{age}天未更新"})
        elif d == "stale_notice":
            c = rng.choice(("通知公告", "政策文件"))
            age = rng.randint(200, 300)
            out[c] = [end - dt.timedelta(days=age + i * 30) for i in range(2)]
            stale.add(c)
            truth.append({"defect": d, "rules": [r["notice_policy"]], "detail": f"{c}{age}天未更新"})
        elif d == "stale_personnel":
            c = rng.choice(("人事信息", "规划计划"))
            age = rng.randint(380, 500)
            out[c] = [end - dt.timedelta(days=age)]
            stale.add(c)
            truth.append({"defect": d, "rules": [r["personnel_planning"]], "detail": f"{c}{age}天未更新"})
        elif d == "empty_column":
            c = rng.choice([x for x in ("人事信息", "规划计划", "政策文件") if x not in stale])
            out.pop(c, None)
            truth.append({"defect": d, "rules": [r["empty"]], "detail": f"目录栏目“{c}”没有条目"})
        elif d == "veto_stale":  # five dynamic/notice columns out of date: single-item veto
            extra = ["部门动态", "便民服务动态", "公示公告"]
            for c in ("工作动态", *extra):
                out[c] = [end - dt.timedelta(days=rng.randint(30, 90))]
            for c in ("通知公告", "政策文件"):
                out[c] = [end - dt.timedelta(days=rng.randint(200, 260))]
                stale.add(c)
            truth.append({"defect": d, "rules": [r["dynamic"], r["notice_policy"], r["veto"]],
                          "detail": "动态类与通知公告政策文件类超期栏目合计6个"})
    out[REPORTS] = []
    late_year = None
    if "report_late" in defects or "report_missing" in defects:
        late_year = rng.randint(2019, end.year - 1 - (1 if end.month == 1 else 0))
    due_md = (3, 31) if agency.kind == "县级政府" else (1, 31)
    for y in range(2019, end.year):
        due = dt.date(y + 1, *due_md)
        if due >= end:
            continue
        if y == late_year and "report_missing" in defects:
            truth.append({"defect": "report_missing", "rules": ["RT-02"], "detail": f"年报栏目缺{y}年度报告"})
            continue
        if y == late_year and "report_late" in defects:
            days = rng.randint(5, 60)
            out[REPORTS].append(due + dt.timedelta(days=days))
            truth.append({"defect": "report_late", "rules": ["RT-01"], "detail": f"{y}年度报告逾期{days}天",
                          "days_late": days})
            continue
        out[REPORTS].append(due - dt.timedelta(days=rng.randint(1, 25)))
    return out, truth


def render_log(agency: Agency, period: str, columns: dict[str, list[dt.date]], rng: random.Random) -> str:
    """The CSV text; rows newest first per column, columns in catalogue order."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["单位", "栏目", "标题", "发布日期", "链接"])
    end = month_end(period)
    n = 0
    for col, dates in columns.items():
        for d in dates:
            n += 1
            if col == REPORTS:
                title = f"{agency.full}{d.year - 1}年政府信息公开工作年度报告"
            else:
                pool = _TITLES.get(col, ("{t}相关信息",))
                title = rng.choice(pool).format(t=rng.choice(agency.topics), y=end.year, y0=end.year - 1)
            w.writerow([agency.full, col, title, _date_text(d, rng),
                        f"http://{site(agency.county)}/xxgk/{sum(map(ord, agency.name)) % 97:02d}/{d:%Y%m}/t{d:%Y%m%d}_{n}.html"])
    return buf.getvalue()
