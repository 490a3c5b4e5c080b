"""`gxaudit rules list|lint|test|doc`: look at, check, test and document rule packs.

lint and test exit 2 on a rule-file error and 1 when a case fails or a rule has no cases, so
CI can gate on them; every problem is printed as file:line:col with the offending key.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tabulate import tabulate

from gxaudit.rules import RuleFileError, load_packs
from gxaudit.rules.config import load_config


def fail_with(e: RuleFileError) -> None:
    """Print every problem and exit 2; the count line only for mistakes inside rule files."""
    for p in e.problems:
        click.echo(str(p), err=True)
    in_files = sum(1 for p in e.problems if p.file)
    if in_files:
        click.echo(f"规则文件有 {in_files} 处错误，请按提示修改后重试。", err=True)
    sys.exit(2)


def points_text(rule) -> str:
    if rule.experimental:
        return "试行(0)"
    if rule.deduct is not None:
        return f"-{rule.deduct:g}"
    if rule.per is not None:
        return f"-{rule.per:g}/处" + (f"(≤{rule.cap:g})" if rule.cap is not None else "")
    if rule.bonus:
        return f"+{rule.bonus:g}"
    return "0"


@click.group("rules")
def command() -> None:
    """规则包：列出、检查（lint）、运行测试用例。"""


@command.command("list")
@click.option("--pack", "packs", multiple=True, help="只列出这些规则包（编号或文件）")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件（默认自动查找 gxaudit.toml）")
def list_rules(packs, config_path) -> None:
    """列出规则：编号、规则包、指标、检查类型、严重程度、分值、标题。"""
    try:
        loaded = load_packs(list(packs) or None, load_config(config_path))
    except RuleFileError as e:
        fail_with(e)
    rows = []
    for p in loaded:
        for g, r in p.rules():
            veto = "否决" if r.veto else ""
            rows.append([r.id, p.pack, g.id, r.check, r.severity, points_text(r), veto,
                         "" if r.enabled else "已停用", r.title])
    click.echo(tabulate(rows, headers=["编号", "规则包", "指标", "检查类型", "严重程度", "分值", "否决", "状态", "标题"]))
    click.echo(f"\n共 {len(loaded)} 个规则包，{len(rows)} 条规则。")


@command.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def lint(paths) -> None:
    """检查规则包文件（默认：随软件提供的规则包），错误给出文件、行、列和键名。"""
    try:
        loaded = load_packs(list(paths) or None, {})
    except RuleFileError as e:
        fail_with(e)
    n = sum(1 for p in loaded for _ in p.rules())
    click.echo(f"规则文件检查通过：{len(loaded)} 个规则包，{n} 条规则。")


@command.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="列出每个用例，而不只是失败的用例")
def test(paths, verbose) -> None:
    """运行规则包自带的测试用例（cases/<规则包>.yaml），逐条对比期望与实际。"""
    from gxaudit.rules.testing import run_pack

    try:
        loaded = load_packs(list(paths) or None, {})
        reports = [run_pack(p) for p in loaded]
    except RuleFileError as e:
        fail_with(e)
    bad = 0
    for rep in reports:
        cases_ok = sum(1 for c in rep.cases if c.ok)
        click.echo(f"规则包 {rep.pack}：{cases_ok}/{len(rep.cases)} 个用例通过"
                   + (f"（{rep.cases_file}）" if rep.cases_file else ""))
        for c in rep.cases:
            if c.ok and not verbose and not c.todo:
                continue
            click.echo(f"  {'✓' if c.ok else '✗'} {c.name}  [{c.where}]")
            if c.error:
                click.echo(f"      用例无法运行：{c.error}")
            for m in c.mismatches:
                click.echo(f"      {m}")
            for m in c.todo:
                click.echo(f"      （已知问题）{m}")
        for u in rep.uncovered:
            click.echo(f"  ✗ {u}")
        bad += 0 if rep.ok else 1
    if bad:
        click.echo(f"\n{bad} 个规则包的测试未通过。", err=True)
        sys.exit(1)
    click.echo("\n全部规则包测试通过。")


@command.command("doc")
@click.argument("packs", nargs=-1)
def doc(packs) -> None:
    """输出规则参考（Markdown，docs/rules.md 即由此生成）；默认为随软件提供的年报类规则包。"""
    from gxaudit.rules.docgen import DOCUMENTED, reference

    try:
        loaded = load_packs(list(packs) or list(DOCUMENTED), {})
    except RuleFileError as e:
        fail_with(e)
    click.echo(reference(loaded), nl=False)
