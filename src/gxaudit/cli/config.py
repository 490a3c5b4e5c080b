"""`gxaudit config show`: the effective packs after local policy, and where each value came from."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gxaudit.cli.rules import fail_with
from gxaudit.rules import RuleFileError, load_packs
from gxaudit.rules.config import load_config

SHOWN = ("enabled", "severity", "deduct", "per", "cap", "bonus", "veto", "experimental")


@click.group("config")
def command() -> None:
    """本地配置（gxaudit.toml）。"""


@command.command("show")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件（默认自动查找 gxaudit.toml）")
@click.option("--pack", "packs", multiple=True, help="只显示这些规则包")
def show(config_path, packs) -> None:
    """显示生效的规则包（含本地覆盖），并注明每个值的来源（规则文件行号或配置文件）。"""
    try:
        cfg = load_config(config_path)
        loaded = load_packs(list(packs) or None, cfg)
    except RuleFileError as e:
        fail_with(e)
    click.echo(f"配置文件：{cfg.source}")
    for p in loaded:
        stamp = p.stamp()
        click.echo(f"\n规则包 {p.pack}  版本 {p.version}  sha256 {stamp.sha256[:12]}  权重 {p.weight:g}"
                   f"  ← {p._origins.get(f'{p.pack}.weight', p.path)}")
        for o in stamp.overrides:
            click.echo(f"  覆盖：{o}")
        for g, r in p.rules():
            click.echo(f"  {r.id}（{g.id}）")
            for key in SHOWN:
                value = getattr(r, key)
                origin = p._origins.get(f"{r.id}.{key}", "默认值")
                click.echo(f"    {key} = {_text(value)}  ← {origin}")
            for key, value in r.with_.items():
                origin = p._origins.get(f"{r.id}.with.{key}", "默认值")
                if isinstance(value, dict):
                    for sub, v in value.items():
                        o = p._origins.get(f"{r.id}.with.{key}.{sub}", origin)
                        click.echo(f"    with.{key}.{sub} = {_text(v)}  ← {o}")
                else:
                    click.echo(f"    with.{key} = {_text(value)}  ← {origin}")


def _text(v) -> str:
    if hasattr(v, "model_dump"):
        v = v.model_dump(exclude_none=True)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return "（未设）" if v is None else str(v)
