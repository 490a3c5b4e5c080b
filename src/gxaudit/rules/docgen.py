"""The Chinese rule reference (docs/rules.md), generated from the packs themselves.

Why: the YAML is the only truth (ANCHORS §10.24); a hand-kept page drifts from it. The page is
this function of the shipped packs, `gxaudit rules doc` prints it, and a test fails when the
checked-in page differs, so a rule change without the page regenerated is caught in CI.
"""

from __future__ import annotations

from gxaudit.rules.canon import part_label
from gxaudit.rules.schema import Applies, Rule, RulePack

HEADER = """# 内置规则参考（shipped rule packs）

本页列出 gxaudit 随附的每个规则包和每条规则：编号、检查内容、依据、扣分和整改建议。
内容由 `src/gxaudit/packs/*.yaml` 生成（规则文件是唯一依据；修改规则后运行
`gxaudit rules doc > docs/rules.md`，`tests/rules/test_shipped_packs.py` 会检查本页与规则文件一致）。
各办公室可在 `gxaudit.toml` 中调整分值、停用规则或改写期限，无需复制规则包。

扣分说明：“扣 N 分”为失败时一次扣分；“每处扣 N 分，最多 M 分”按出现次数扣分；同一指标内扣分不超过该指标分值（扣完为止）。
“无法评估”（如缺少上年报告、表格为图片）不计分，也不算通过，在评分表中单列。

本地覆盖（`gxaudit.toml`，`gxaudit config show` 显示生效值及其来源）：

- `[rules.编号]`：改分值、严重程度或停用（deduct、per、cap、severity、enabled、experimental、bonus、veto）。
- `[params.编号]`：改检查参数，逐键合并到规则的 `with:`；嵌套的表（如 `deadlines`）也逐键合并，
  只改写的键生效、其余保留；列表（如 `patterns`、`phrases`）整体替换，要增加一项请写出完整列表。
- `[[add.规则包]]`：在随附规则包的某个指标中增加一条本地规则（写明 `group`，其余键与规则文件相同，
  编号不得与已有规则重复，扣分不超过该指标分值）。需要新指标、新等次或测试用例的，请在 `pack_dirs`
  中另建本地规则包。
"""

# The packs this page covers, in page order (the monthly packs are documented with the monthly stage).
DOCUMENTED = ("annual-report-2021", "annual-report-2019", "annual-report-legacy", "format-choice", "timeliness",
              "hygiene", "shiyou-township", "shiyou-department")

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
TABLES = {"proactive": "主动公开情况表", "applications": "申请处理情况表",
          "review_litigation": "复议诉讼情况表", "legacy_stats": "统计表"}


def _n(v: float) -> str:
    return f"{v:g}"


def applies_text(a: Applies, rule_level: bool = False, part_rules: dict[int, str] | None = None) -> list[str]:
    out = []
    if a.doc_type:
        out.append("文件类型：" + "、".join(a.doc_type))
    if a.agency_kind:
        out.append(("仅适用于：" if rule_level else "单位：") + "、".join(a.agency_kind))
    if a.report_year is not None:
        out.append(f"报告年度：{a.report_year}")
    if a.period_kind:
        out.append("期间：" + ("年度" if a.period_kind == "year" else "月度"))
    if a.has_table:
        out.append("附有：" + "、".join(TABLES[t] for t in a.has_table))
    if a.has_part:
        by = [(part_rules or {}).get(n) for n in a.has_part]
        where = f"由 {'、'.join(by)} 扣分" if all(by) else "由缺少该部分的规则扣分"
        out.append("报告有" + "、".join(part_label(n) for n in a.has_part) + f"时检查（缺少该部分的{where}，本项不重复扣分）")
    return out


def points_text(r: Rule) -> str:
    if r.deduct is not None:
        text = f"扣 {_n(r.deduct)} 分"
    elif r.per is not None:
        text = f"每处扣 {_n(r.per)} 分" + (f"，最多 {_n(r.cap)} 分" if r.cap is not None else "")
    else:
        text = "不扣分（提示）"
    if r.veto is not None:
        text += f"；否决：{'总分不超过 ' + _n(r.veto.cap_total) if r.veto.cap_total is not None else '等次为' + str(r.veto.grade)}"
    if r.bonus:
        text += f"；加 {_n(r.bonus)} 分"
    if r.experimental:
        text += "；试行（不计分）"
    return text


def rule_text(r: Rule, part_rules: dict[int, str] | None = None) -> list[str]:
    how = f"- 检查方式：`{r.check}`；严重程度：{SEVERITY[r.severity]}；{points_text(r)}"
    extra = applies_text(r.applies, rule_level=True, part_rules=part_rules)
    if extra:
        how += "；" + "；".join(extra)
    return [f"#### {r.id} {r.title}", "", f"- 不符合时：{r.fail_title or r.title}", how,
            f"- 依据：{r.basis}", f"- 整改建议：{r.fix}", ""]


def pack_text(p: RulePack) -> list[str]:
    out = [f"## {p.title}（`{p.pack}`）", "", f"- 版本：{p.version}", f"- 依据：{p.basis}"]
    if p.applies.doc_type:
        out.append("- 适用文件类型：" + "、".join(p.applies.doc_type))
    if p.applies.agency_kind:
        out.append("- 适用单位类型：" + "、".join(p.applies.agency_kind))
    if p.grades:
        out.append("- 等次：" + "，".join(f"{k} ≥ {_n(v)}" for k, v in sorted(p.grades.items(), key=lambda kv: -kv[1])))
    out.append("")
    for g in p.groups:
        out += [f"### {g.title}（{_n(g.points)} 分）", ""]
        for r in g.rules:
            out += rule_text(r, p.part_rules())
    return out


def reference(packs: list[RulePack], order: tuple[str, ...] = DOCUMENTED) -> str:
    """The page; packs in `order` first (as listed), any others after them by id."""
    rank = {pid: i for i, pid in enumerate(order)}
    packs = sorted(packs, key=lambda p: (rank.get(p.pack, len(rank)), p.pack))
    lines = HEADER.splitlines() + ["", "| 规则包 | 名称 | 适用 | 规则数 |", "| --- | --- | --- | --- |"]
    for p in packs:
        lines.append(f"| `{p.pack}` | {p.title} | {'；'.join(applies_text(p.applies))} | {sum(1 for _ in p.rules())} |")
    lines.append("")
    for p in packs:
        lines += pack_text(p)
    return "\n".join(lines).rstrip("\n") + "\n"
