"""Which class a column (栏目) belongs to, and which agency owns it.

The national inspection indicators judge columns by class (dynamic/news within 2 weeks,
notices and policy within 6 months, personnel and planning within a year). Sites name their
columns freely, so the class comes from an office's map — glob patterns over the column path
or name, in order, first match wins — falling back to keywords in the column name. The same
map names the owning agency where a path segment identifies it (a department's or a
township's own sub-site). The map is data (gxaudit.toml or a TOML file beside an example).
"""

from __future__ import annotations

import fnmatch
import re

from pydantic import BaseModel, ConfigDict, Field

# Column classes used by the monthly packs (thresholds are pack parameters).
CLASSES = (
    "dynamic",  # 工作动态、要闻、新闻
    "notice_policy",  # 通知公告、政策文件、规范性文件
    "personnel_planning",  # 人事信息、规划计划
    "statistics",  # 统计数据
    "budget",  # 财政预决算
    "annual_report",  # 政府信息公开年报
    "guide",  # 公开指南、公开制度
    "topic",  # 专题专栏（历史专题不按栏目时限考核）
    "other",
)

# Keyword fallback, checked in order; the first class whose keyword occurs in the name wins.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("annual_report", ("年报", "年度报告")),
    ("guide", ("公开指南", "公开制度", "公开目录")),
    ("budget", ("预决算", "预算", "决算")),
    ("statistics", ("统计",)),
    ("personnel_planning", ("人事", "规划", "计划", "招聘", "任免")),
    ("notice_policy", ("通知", "公告", "公示", "政策", "文件", "通告")),
    ("dynamic", ("动态", "要闻", "新闻", "工作信息", "资讯")),
)


class ColumnRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    match: str  # glob over the column path, or over the name when it has no '/'
    column_class: str | None = None
    agency: str | None = None  # may use {1}, {2} … for the glob's '*' parts
    agency_kind: str | None = None
    name: str | None = None  # display name for sources that give only the path (a log's column_path)
    dates: str = "published"  # what the list's dates are: published (发布日期) or made (成文日期)
    required: bool = False  # part of the agency's catalogue: must not be empty


class AgencyName(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    kind: str | None = None


class ColumnMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[ColumnRule] = Field(default_factory=list)
    agencies: dict[str, AgencyName] = Field(default_factory=dict)  # code in a path → name

    def rule_for(self, path: str, name: str = "") -> ColumnRule | None:
        """The first rule that matches and gives a class (ownership-only rules are skipped)."""
        for rule in self.rules:
            if rule.column_class is None:
                continue
            target = path if "/" in rule.match else (name or path.rsplit("/", 1)[-1])
            if fnmatch.fnmatchcase(target, rule.match):
                return rule
        return None

    def classify(self, path: str, name: str = "") -> str:
        rule = self.rule_for(path, name)
        if rule and rule.column_class:
            return rule.column_class
        return keyword_class(name or path)

    def name_for(self, path: str) -> str:
        """The column's display name from the first matching rule that gives one, else ''."""
        for rule in self.rules:
            if rule.name and "/" in rule.match and fnmatch.fnmatchcase(path, rule.match):
                return rule.name
        return ""

    def dates_of(self, path: str) -> str:
        """'made' when the first matching rule that says so declares the list prints 成文日期."""
        for rule in self.rules:
            if rule.dates != "published" and "/" in rule.match and fnmatch.fnmatchcase(path, rule.match):
                return rule.dates
        return "published"

    def owner(self, path: str, name: str = "") -> tuple[str, str | None] | None:
        """The agency owning a column, from the first rule with an `agency` that matches."""
        for rule in self.rules:
            if not rule.agency:
                continue
            target = path if "/" in rule.match else (name or path)
            m = re.fullmatch(_glob_to_regex(rule.match), target)
            if not m:
                continue
            agency = rule.agency
            for i, g in enumerate(m.groups(), start=1):
                agency = agency.replace(f"{{{i}}}", g)
            known = self.agencies.get(agency)
            if known:
                return known.name, known.kind or rule.agency_kind
            return agency, rule.agency_kind
        return None


def keyword_class(name: str) -> str:
    for cls, words in _KEYWORDS:
        if any(w in name for w in words):
            return cls
    return "other"


def _glob_to_regex(glob: str) -> str:
    """fnmatch's '*' as a captured path segment run, so `{1}` can name the agency code."""
    out = []
    for ch in glob:
        if ch == "*":
            out.append("([^/]*)")
        elif ch == "?":
            out.append("[^/]")
        else:
            out.append(re.escape(ch))
    return "".join(out) + "(?:/.*)?"


def column_map_from(data: dict) -> ColumnMap:
    """From a TOML table with `[[rules]]` and `[agencies]` (code = {name, kind})."""
    return ColumnMap.model_validate({"rules": data.get("rules", []), "agencies": data.get("agencies", {})})
