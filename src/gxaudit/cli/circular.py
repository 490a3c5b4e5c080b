"""`gxaudit circular --period P`: the circular (通报) of a stored period. Wiring only.

Reads the period's RunResult and the previous period's from the history, so the circular can
be drafted (and re-drafted with other wording) without re-reading any submission.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from gxaudit.cli.options import period_option

FORMATS = ("docx", "md")
EXIT_USAGE = 2


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command("circular")
@click.option("--period", required=True, callback=period_option, help="期次：月度如 2025-11，年度如 2025")
@click.option("--history", "history_path", type=click.Path(path_type=Path),
              help="历史库（默认 .gxaudit/history.sqlite）")
@click.option("--format", "formats", default="docx,md", show_default=True, help="输出格式：docx,md")
@click.option("--out", type=click.Path(path_type=Path), default=Path("gxaudit-out"), show_default=True,
              help="输出文件夹")
@click.option("--template", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="通报文字模板（TOML，只需写出要改的项；默认见 gxaudit/report/templates/circular.toml）")
@click.option("--date", "date_text", help="成文日期 YYYY-MM-DD（默认为评分日期）")
def command(period, history_path, formats, out, template, date_text) -> None:
    """起草通报：根据历史库中某一期的评分结果生成通报（Word 和 Markdown）。"""
    from gxaudit.history import DEFAULT_PATH, History, HistoryError, normalise_period
    from gxaudit.report import circular

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        _fail(f"--format 不支持“{'、'.join(bad) or formats}”：可选 {','.join(FORMATS)}（用逗号分隔）")
    date = None
    if date_text:
        try:
            date = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            _fail(f"--date 日期“{date_text}”无法识别：请写成 2025-12-05 的形式")
    period = normalise_period(period)
    path = history_path or DEFAULT_PATH
    if not Path(path).exists():
        _fail(f"历史库 {path} 不存在：请先运行 gxaudit score … --period {period} --history {path}")
    try:
        with History(path) as history:
            result = history.load_result(period)
            if result is None:
                known = "、".join(history.periods()) or "无"
                _fail(f"历史库 {path} 中没有期次 {period} 的评分结果（已有：{known}）：请先运行 gxaudit score")
            prev_period = history.previous_period(period)
            previous = history.load_result(prev_period) if prev_period else None
    except HistoryError as exc:
        _fail(str(exc))
    try:
        data = circular.build(result, previous, template, date=date)
    except (KeyError, ValueError) as exc:  # a template missing a required entry or unreadable TOML
        _fail(f"通报模板 {template} 有误（{exc}）：请对照默认模板修改")
    written = []
    stem = f"通报-{period}"
    if "docx" in wanted:
        from gxaudit.report import circular_docx

        written.append(circular_docx.write(data, Path(out) / f"{stem}.docx"))
    if "md" in wanted:
        from gxaudit.report import circular_md

        written.append(circular_md.write(data, Path(out) / f"{stem}.md"))
    for p in written:
        click.echo(f"已写入 {p}", err=True)  # as score does: stdout stays for content
