"""`gxaudit explain ID`: everything a reviewer needs to know about one rule."""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import click

from gxaudit.cli.rules import fail_with, points_text
from gxaudit.rules import RuleFileError, load_packs
from gxaudit.rules.config import load_config


@click.command("explain")
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件（默认自动查找 gxaudit.toml）")
def command(rule_id, config_path) -> None:
    """说明一条规则：标题、依据、整改建议、检查方式与参数、所属规则包。"""
    try:
        packs = load_packs(None, load_config(config_path))
    except RuleFileError as e:
        fail_with(e)
    for pack in packs:
        for group, rule in pack.rules():
            if rule.id == rule_id or rule_id in rule.aliases:
                lines = [
                    f"{rule.id}  {rule.title}",
                    f"未通过时：{rule.fail_title or rule.title}",
                    f"规则包：{pack.pack}（{pack.title}，版本 {pack.version}）",
                    f"指标：{group.title}（{group.id}，{group.points:g} 分）",
                    f"严重程度：{rule.severity}　分值：{points_text(rule)}"
                    + (f"　否决：{json.dumps(rule.veto.model_dump(exclude_none=True), ensure_ascii=False)}" if rule.veto else "")
                    + ("　（已停用）" if not rule.enabled else ""),
                    f"依据：{rule.basis}",
                    f"整改建议：{rule.fix}",
                    f"检查类型：{rule.check}",
                    f"参数：{json.dumps(rule.with_, ensure_ascii=False, default=str)}",
                ]
                if rule.applies.model_dump(exclude_none=True):
                    lines.append(f"适用范围：{json.dumps(rule.applies.model_dump(exclude_none=True), ensure_ascii=False)}")
                if rule.aliases:
                    lines.append(f"曾用编号：{'、'.join(rule.aliases)}")
                click.echo("\n".join(lines))
                return
    known = sorted({rid for pack in packs for _, rule in pack.rules() for rid in (rule.id, *rule.aliases)})
    near = similar_ids(rule_id, known)
    hint = f"您要找的是不是：{'、'.join(near)}？" if near else ""
    click.echo(f"错误：没有编号为“{rule_id}”的规则。{hint}请用 gxaudit rules list 查看全部规则。", err=True)
    sys.exit(2)


def similar_ids(typed: str, known: list[str]) -> list[str]:
    """Near ids: same letters in another case (ar21-s03), a dropped zero (AR21-S3), a slip."""
    folded = {k.upper().replace("-", ""): k for k in known}
    key = typed.strip().upper().replace("-", "").replace("_", "")
    exact = folded.get(key) or folded.get(re.sub(r"(\D)(\d)$", r"\g<1>0\2", key))
    if exact:
        return [exact]
    return [folded[k] for k in difflib.get_close_matches(key, list(folded), n=3, cutoff=0.75)]
