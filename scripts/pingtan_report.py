"""Write docs/pingtan.md: what gxaudit finds in the real 平潭 reports, generated so it stays true.

    .venv/bin/python scripts/pingtan_report.py            # rewrite docs/pingtan.md
    .venv/bin/python scripts/pingtan_report.py --check    # exit 1 when the page is out of date

Every table on the page comes from the same readings and runs the golden tests pin
(scripts/update_goldens.py): the documents read, cells read from HTML vs page.txt, each year's
scorecard and every finding with its evidence.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "pingtan.md"
DOC_TYPES = {"annual_report_legacy": "自由格式年报", "annual_report_2019": "2019年格式", "annual_report_2021": "2021年格式",
             "other": "非年报（函）"}
TABLES = {"proactive": "主动公开", "applications": "依申请", "review_litigation": "复议诉讼", "legacy_stats": "统计表"}
OUTCOMES = {"fail": "不符合", "cannot_evaluate": "无法评估"}


def _goldens():
    spec = importlib.util.spec_from_file_location("update_goldens", REPO / "scripts" / "update_goldens.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _n(v) -> str:
    if v is None:
        return "空白"
    return str(int(v)) if float(v).is_integer() else str(v)


def _cells(t) -> int:
    return sum(len(c) for c in t.cells.values())


def documents_section(g) -> tuple[list[str], dict]:
    rows = ["| 文件夹 | 发布单位（原文） | 年度 | 文种 | 发布时间 | 存档 | 表格单元格：网页 / 文本 | page.txt 单独读出 |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    totals = {"html": 0, "text": 0, "text_alone": 0, "html_twins": 0}
    for folder in sorted(p for p in g.ANNUAL.iterdir() if p.is_dir()):
        per_file, merged = g.read_folder(folder)
        m = merged[0]
        src = g.cell_sources(m)
        html_n = sum(v["html"] for v in src.values())
        text_n = sum(v["text"] for v in src.values())
        totals["html"] += html_n
        totals["text"] += text_n
        text_sub = per_file[f"{folder.name}/page.txt"][0]
        alone = sum(_cells(t) for t in text_sub.tables.values())
        unplaced = sum(len(t.unplaced) for t in text_sub.tables.values())
        if html_n:
            totals["text_alone"] += alone
            totals["html_twins"] += html_n
            share = f"{alone}/{html_n} 格（{100 * alone / html_n:.0f}%）"
        elif alone:
            share = f"{alone} 格，另有{unplaced}行未能唯一拆分" if unplaced else f"{alone} 格，全部拆分"
        else:
            share = "无表格"
        kinds = " + ".join(n.split("/")[1] for n in per_file)
        rows.append(f"| {folder.name} | {m.agency.value} | {m.report_year.value} | {DOC_TYPES.get(m.doc_type.value, m.doc_type.value)}"
                    f" | {m.published_at.value} | {kinds} | {html_n} / {text_n} | {share} |")
    return rows, totals


def _evidence(f) -> str:
    parts = []
    for e in f.evidence:
        if e.printed is not None or e.computed is not None:
            cell = "·".join(x for x in (e.table, e.row, e.col) if x)
            parts.append(f"{cell}：印 {_n(e.printed)}，算 {_n(e.computed)}")
    if "days_late" in f.data:
        parts.append(f"发布 {f.data['published']}，时限 {f.data['deadline']}，逾期 {f.data['days_late']} 天")
    return "；".join(parts)


def years_section(g) -> list[str]:
    out: list[str] = []
    for year in g.years():
        outcome = g.score_year(year)
        out.append(f"### {year}年度")
        out.append("")
        for c in outcome.result.scorecards:
            out.append(f"**{c.agency}**（{DOC_TYPES.get(c.doc_type, c.doc_type)}，{'、'.join(c.files)}）："
                       f"{c.total:g} 分，{c.grade or '—'}；通过 {c.passed} 项，无法评估 {c.cannot_evaluate} 项。")
            out.append("")
            if c.findings:
                out.append("| 规则 | 结果 | 说明 | 证据（印出的值 / 计算的值） |")
                out.append("| --- | --- | --- | --- |")
                for f in c.findings:
                    msg = f.message.replace("|", "｜")
                    if len(msg) > 160:
                        msg = msg[:160] + "…"
                    out.append(f"| {f.rule_id} | {OUTCOMES.get(f.outcome, f.outcome)} | {msg} | {_evidence(f)} |")
                out.append("")
        decided = [w for s in outcome.submissions for w in s.warnings if "依据上年报告" in w]
        if decided:
            out.append("上年数字决定的拆分：")
            out += [f"- {w}" for w in decided]
            out.append("")
    return out


INTRO = """# 真实材料示例：平潭综合实验区政府信息公开年报（2011—2025）

本页由 `scripts/pingtan_report.py` 生成（请勿手改），材料是平潭综合实验区门户网站“政府信息公开年报”栏目的
全部存档页面（复制在 `fixtures/real/pingtan/annual/`，来源见该目录的 README；2016、2022年度两份报告未收入）。
它演示 gxaudit 面对真实材料时做了什么：读出什么、怎样跨年核对、查出哪些问题、每条问题的依据。

## 一、怎样读这些页面

- 每份文档一个文件夹：`page.txt` 是网页正文的纯文本（表格各格的数字首尾相连，如
  `主动公开文件数条294981916`），`body.html`/`page.html` 是同一页面的网页（表格是真正的表格）。
  同一文件夹中的两种存档被认作**同一文档**，合并为一份评分：表格单元格以网页版为准，网页版没有的
  （如发布时间行）取自文本版；两者读出的同一单元格不一致时逐格提示。本材料中**没有一格不一致**。
- 只有文本版的年度（2011—2014），连写的数字只在**唯一读法**时拆分：按位数、表内恒等式（主动公开 = 网站 + 公报
  等），或上年报告的历年累计（历年累计 = 上年累计 + 本年度）。无法唯一确定的格不填，列为“未能唯一拆分”，绝不猜测。
  依表内恒等式或上年数字唯一确定后，即使该单位自己的恒等式不成立，拆分结果也照样保留（问题如实报出）。
- 单位：2011—2013年“平潭县人民政府”与“平潭综合实验区”各自发布报告，是**两个单位**；2014年报告署名
  “平潭综合实验区管委会”，是实验区本级（其历年累计 78967 = 2013年的 76424 + 本年 2543，正好衔接），
  在 `fixtures/real/pingtan/gxaudit.toml` 的 `[agencies.aliases]` 中作为别名归入“平潭综合实验区”。
- 2014年12月的《关于2014年政府信息公开工作要点落实情况的函》放在年报栏目中，但**不是年度报告**：
  文种识别为“其他”，不适用年报规则包，只报出“以其他文件代替年度报告”（FC-02）。
- 评分按年度进行：`gxaudit score fixtures/real/pingtan/annual --period 2012 --config fixtures/real/pingtan/gxaudit.toml`
  只为2012年度评分，同一次运行中的2011年度报告作为“上年报告”参与跨年核对；不需要事先建立历史库。

## 二、每份文档读出了什么
"""

METHOD = """
“表格单元格：网页 / 文本”是合并后评分所用的单元格各取自哪种存档；“page.txt 单独读出”是只用文本版时能
可靠拆分出的单元格（有网页版的年度与网页版逐格比对，全部相同）。文本版拆不出的主要是2019年格式
“主动公开”表（一行三格的数字连写、又无恒等式约束）；全为0的行和由行合计唯一确定的行都已拆出。
"""


def render() -> str:
    g = _goldens()
    rows, totals = documents_section(g)
    share = (f"有网页版的9份报告中，文本版单独读出 {totals['text_alone']} / {totals['html_twins']} 格"
             f"（{100 * totals['text_alone'] / totals['html_twins']:.0f}%），没有一格读错。")
    lines = [INTRO, *rows, "", f"合计：评分所用单元格 {totals['html']} 格来自网页表格，{totals['text']} 格来自文本版。{share}",
             METHOD, "## 三、逐年结果", "",
             "每年的评分卡：扣分和无法评估的规则逐条列出，跨年核对和恒等式写明所在单元格（表·行·列）、"
             "报告印出的值和按规则计算的值。", "", *years_section(g),
             "## 四、再生成", "", "```", ".venv/bin/python scripts/pingtan_report.py",
             ".venv/bin/python scripts/update_goldens.py   # 同步更新测试用的金标准", "```", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("docs/pingtan.md 已是最新" if same else "docs/pingtan.md 需要重新生成")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"已写入 {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
