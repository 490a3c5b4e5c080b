"""`gxaudit synth`: write a synthetic corpus with planted defects and its ground truth."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


@click.command("synth", short_help="生成带已知缺陷的模拟材料（年度报告、工作总结、发布记录），供演示、测试和基准使用。")
@click.option("--n", "n", type=int, default=40, show_default=True, help="生成的材料份数")
@click.option("--seed", type=int, default=1, show_default=True, help="随机种子（相同种子生成相同材料）")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="输出文件夹")
@click.option("--formats", default="txt,docx,html,pdf,xlsx", show_default=True,
              help="年度报告的文件格式，逗号分隔：txt,docx,html,pdf,xlsx")
@click.option("--logs/--no-logs", default=True, show_default=True, help="是否生成月度发布记录（CSV）")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="并行进程数（结果与单进程相同）")
def command(n: int, seed: int, out: Path, formats: str, logs: bool, jobs: int) -> None:
    """生成模拟材料：年度报告（2021年格式、2019年格式、2019年前自由格式）、工作总结、发布记录，
    附 manifest.csv、agencies.csv 和标注了应触发规则的 truth.json。"""
    from gxaudit.synth.corpus import FORMATS, generate

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        click.echo(f"错误：--formats 不支持“{'、'.join(bad) or formats}”：可选 {','.join(FORMATS)}", err=True)
        sys.exit(2)
    if n < 1:
        click.echo("错误：--n 必须是正整数", err=True)
        sys.exit(2)
    start = time.perf_counter()
    truth = generate(n, seed, out, wanted, logs=logs, jobs=jobs)
    secs = time.perf_counter() - start
    planted = sum(1 for f in truth["files"] if f["must_fire"])
    click.echo(f"已在 {out} 生成 {n} 份材料（{truth['county']}，其中 {planted} 份含预置问题），"
               f"用时 {secs:.1f} 秒；标注见 {out / 'truth.json'}", err=True)
