"""`gxaudit score DIR...`: the main job. Wiring and argument parsing only.

Exit codes: 0 ok; 1 --fail-under not met by some scored agency; 2 usage, config or rule-file
error; 3 some inputs could not be read (reports are still written, marked 无法读取).
When inputs are unreadable AND the threshold fails, 3 wins: the result is incomplete.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from gxaudit.cli.options import (
    output_folder_problem,
    period_option,
    score_line_option,
    table_width,
    unknown_sections,
)

FORMATS = ("table", "json", "csv", "xlsx", "html")
OUTPUT_NAMES = {"json": "result.json", "csv": "ranking.csv", "xlsx": "report.xlsx", "html": "report.html"}
EXIT_OK, EXIT_THRESHOLD, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3


def fail_usage(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_USAGE)


def parse_formats(text: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        fail_usage(f"--format 不支持“{'、'.join(bad) or text}”：可选 {','.join(FORMATS)}（用逗号分隔）")
    return list(dict.fromkeys(wanted))


def parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        fail_usage(f"--as-of 日期“{text}”无法识别：请写成 2025-10-31 的形式")


def make_progress(enabled: bool):
    """A rich progress bar on stderr, or None in pipes (quiet, no carriage returns)."""
    if not enabled:
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # auto_refresh off: no refresh thread, so worker processes are never forked mid-lock
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True, auto_refresh=False)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total, refresh=True)

    return bar, update


def remove_stale_temps(out: Path) -> list[Path]:
    """Hidden temp files of our own reports (`.result.json.x1y2.tmp`) that a killed run left."""
    names = [*OUTPUT_NAMES.values(), "findings.csv"]
    if not out.is_dir():
        return []
    stale = [p for p in out.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")
             and any(p.name.startswith(f".{n}.") for n in names) and p.is_file()]
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def write_outputs(result, formats: list[str], out: Path) -> list[Path]:
    """Each file is replaced atomically (report/atomic.py): a kill between two leaves each
    one either the previous run's or this run's, never half of one."""
    from gxaudit import crashpoints
    from gxaudit.report import csvout, jsonout

    remove_stale_temps(out)
    written: list[Path] = []
    for fmt in formats:
        if written:
            crashpoints.reached(f"output:{written[-1].name}")
        if fmt == "table":
            continue
        path = out / OUTPUT_NAMES[fmt]
        if fmt == "json":
            written.append(jsonout.write(result, path))
        elif fmt == "csv":
            written.append(csvout.write(result, path))
            written.append(csvout.write_findings(result, out / "findings.csv"))
        elif fmt == "xlsx":
            from gxaudit.report import xlsx

            written.append(xlsx.write(result, path))
        elif fmt == "html":
            from gxaudit.report import html

            written.append(html.write(result, path))
    if written:
        crashpoints.reached(f"output:{written[-1].name}")
    return written


def exit_code(result, unreadable: list[str], fail_under: float | None) -> int:
    if unreadable:
        return EXIT_UNREADABLE
    if fail_under is not None and any(c.status == "scored" and c.total < fail_under
                                      for c in result.scorecards):
        return EXIT_THRESHOLD
    return EXIT_OK


@click.command("score")
@click.argument("dirs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--period", callback=period_option, help="期次：年度如 2025，月度如 2025-10（默认按材料推断）")
@click.option("--as-of", "as_of", help="检查日期 YYYY-MM-DD（默认为期次最后一天）")
@click.option("--packs", help="规则包，逗号分隔（默认全部适用的规则包）")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="配置文件（默认 ./gxaudit.toml）")
@click.option("--format", "formats", default="table", show_default=True, help="输出格式：table,json,csv,xlsx,html")
@click.option("--out", type=click.Path(path_type=Path), default=Path("gxaudit-out"), show_default=True,
              help="报告输出文件夹")
@click.option("--history", "history_path", type=click.Path(path_type=Path), help="历史库（默认 .gxaudit/history.sqlite）")
@click.option("--no-history", is_flag=True, help="不读写历史库")
@click.option("--fail-under", type=float, callback=score_line_option,
              help="总分线（0～100）：有单位总分低于此值时退出码为 1")
@click.option("--jobs", type=int, help="并行进程数（默认 CPU 核数）")
@click.option("--no-cache", is_flag=True, help="不使用提取缓存")
@click.option("--cache-max-mb", "cache_max_mb", type=float,
              help="提取缓存上限（MB），超出时删除最久未用的条目（默认不限，或配置 [cache] max_mb）")
@click.option("--executor", "executor_spec", default="local", show_default=True,
              help="在哪里运行：local（本机多进程）、inline、dask://主机:端口（Dask 集群）")
@click.option("--roster", type=click.Path(path_type=Path), help="单位名单 agencies.csv（agency,kind,peer_group）")
def command(dirs, period, as_of, packs, config_path, formats, out, history_path, no_history, fail_under,
            jobs, no_cache, cache_max_mb, executor_spec, roster) -> None:
    """评分：读取 DIR 中各单位报送的材料，检查、评分、排名并输出报告。"""
    from gxaudit import pipeline
    from gxaudit.discover import DiscoveryError
    from gxaudit.history import DEFAULT_PATH, HistoryError

    if not dirs:
        fail_usage("请指定报送材料所在的文件夹，例如：gxaudit score submissions/")
    fmts = parse_formats(formats)
    if jobs is not None and jobs < 1:
        fail_usage("--jobs 必须是正整数")
    from gxaudit import executors

    try:
        executors.parse(executor_spec)
    except executors.ExecutorError as exc:
        fail_usage(str(exc))
    from gxaudit.rules.config import load_config
    from gxaudit.rules.yamlpos import RuleFileError

    if config_path is not None and not config_path.is_file():
        fail_usage(f"找不到配置文件 {config_path}：请检查 --config 路径")
    try:
        rules_config = load_config(config_path)  # None: ./gxaudit.toml or [tool.gxaudit], found upwards
    except RuleFileError as exc:
        fail_usage(str(exc))
    config = dict(rules_config.other)  # sections the rules stage does not own
    if typos := unknown_sections(config, rules_config.source):
        fail_usage("\n".join(typos))
    if any(f != "table" for f in fmts) and (problem := output_folder_problem(out)):
        fail_usage(problem)
    hist = _section(config, "history")
    history = None if no_history else Path(history_path or hist.get("path") or DEFAULT_PATH)
    cache = None if no_cache else Path(_section(config, "cache").get("dir") or
                                       (history.parent if history else DEFAULT_PATH.parent) / "cache")
    opts = pipeline.Options(dirs=list(dirs), period=period, as_of=parse_date(as_of),
                            packs=[p.strip() for p in packs.split(",") if p.strip()] if packs else None,
                            config=config, rules_config=rules_config, history=history, cache_dir=cache,
                            cache_max_bytes=cache_bound(cache_max_mb, _section(config, "cache")),
                            roster=roster)
    workers = jobs or os.cpu_count() or 1
    bar, progress = make_progress(sys.stderr.isatty())
    try:
        outcome = _run(pipeline, opts, executor_spec, workers, bar, progress)
    except (DiscoveryError, HistoryError, RuleFileError, executors.ExecutorError, *rule_errors()) as exc:
        fail_usage(str(exc))
    result, unreadable = outcome.result, outcome.unreadable
    del outcome  # the Submissions: reports are rendered from the result alone
    if not result.run.inputs and not result.ranking:
        where = "、".join(str(d) for d in dirs)
        skipped = f"（已跳过 {len(result.run.skipped)} 个不支持的文件）" if result.run.skipped else ""
        fail_usage(f"{where} 中没有可评分的文件{skipped}：支持 txt、docx、pdf、html、xlsx 等格式")
    if "table" in fmts:
        from gxaudit.report import terminal

        click.echo(terminal.render(result, width=table_width()), nl=False)
    for path in write_outputs(result, fmts, out):
        click.echo(f"已写入 {path}", err=True)
    sys.exit(exit_code(result, unreadable, fail_under))


def cache_bound(max_mb: float | None, section: dict) -> int | None:
    """--cache-max-mb, else `[cache] max_mb`; None is unbounded."""
    value = max_mb if max_mb is not None else section.get("max_mb")
    if value is None:
        return None
    try:
        mb = float(value)
    except (TypeError, ValueError):
        fail_usage(f"缓存上限“{value}”不是数字：请写成 --cache-max-mb 500 或 [cache] max_mb = 500")
    if mb < 0:
        fail_usage("--cache-max-mb 不能为负数")
    return int(mb * 1024 * 1024)


def _run(pipeline, opts, executor_spec: str, workers: int, bar, progress):
    """Run with the chosen executor (inline for one local worker); the bar lives only while we work."""
    from contextlib import ExitStack

    from gxaudit import executors

    with ExitStack() as stack:
        if bar is not None:
            stack.enter_context(bar)
        executor, slots = stack.enter_context(executors.open_executor(executor_spec, workers))
        return pipeline.run(opts, executor=executor, progress=progress, workers=slots)


def _section(config: dict, name: str) -> dict:
    value = config.get(name)
    return value if isinstance(value, dict) else {}


def rule_errors() -> tuple[type[BaseException], ...]:
    """Further exception types the rules package exports for a bad pack (exit code 2)."""
    from gxaudit import rules

    found = []
    for name in ("RuleError", "PackError", "LoadError"):
        exc = getattr(rules, name, None)
        if isinstance(exc, type) and issubclass(exc, BaseException):
            found.append(exc)
    return tuple(found)
