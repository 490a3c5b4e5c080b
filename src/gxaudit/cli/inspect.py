"""`gxaudit inspect FILE...`: what the extractor saw. Wiring and argument parsing only.

Exit codes: 0 ok; 2 usage (a folder or a path that does not exist) or manifest error; 3 some files could not be read (they are still
printed, with the reason, after everything else).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_USAGE, EXIT_UNREADABLE = 0, 2, 3


def _manifest_for(path: Path, cache: dict[Path, dict]) -> dict[str, str] | None:
    from gxaudit.extract.manifest import MANIFEST_NAME, ManifestError, load_manifest, row_for

    folder = path.parent
    if folder not in cache:
        mf = folder / MANIFEST_NAME
        try:
            cache[folder] = load_manifest(mf) if mf.is_file() else {}
        except ManifestError as exc:
            click.echo(f"错误：清单 {mf} 有问题，请修改后重试：\n{exc}", err=True)
            sys.exit(EXIT_USAGE)
    return row_for(cache[folder], path.name)


@click.command("inspect")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式：text 为中文摘要，json 为稳定的机器可读结构（见 docs/inspect-json.md）")
def command(files: tuple[Path, ...], fmt: str) -> None:
    """显示提取结果：单位、年度、文种、章节、表格和提示（FILE 可多个）。"""
    from gxaudit.extract import extract, failed_submission
    from gxaudit.extract.view import submission_view, text_view
    from gxaudit.ingest import read_or_fail
    from gxaudit.model import ReadFailure

    for path in files:
        if path.is_dir():
            click.echo(f"错误：{path} 是文件夹：inspect 查看单个文件（可写多个，如 gxaudit inspect {path / '*.docx'}）；"
                       f"对整个文件夹评分请用 gxaudit score {path}", err=True)
            sys.exit(EXIT_USAGE)
        if not path.exists():
            click.echo(f"错误：找不到文件 {path}：请检查路径和文件名", err=True)
            sys.exit(EXIT_USAGE)
    cache: dict[Path, dict] = {}
    views = []
    unreadable = 0
    for path in files:
        display = str(path)
        row = _manifest_for(path, cache)
        doc = read_or_fail(path, display)
        if isinstance(doc, ReadFailure):
            subs = [failed_submission(doc, row)]
            unreadable += 1
        else:
            try:
                subs = extract(doc, row)
            except Exception as exc:  # noqa: BLE001 - never a traceback; the file is named instead
                failure = ReadFailure(path=display, reason="extract_error",
                                      message=f"{display}：提取内容时出错（{type(exc).__name__}），"
                                              "请把该文件报告给维护人员。")
                subs = [failed_submission(failure, row)]
                unreadable += 1
        views.extend(submission_view(s) for s in subs)
    if fmt == "json":
        click.echo(json.dumps(views, ensure_ascii=False, indent=2))
    else:
        ok = [v for v in views if not v["error"]]
        bad = [v for v in views if v["error"]]
        click.echo("\n\n".join(text_view(v) for v in ok + bad))
    if unreadable:
        click.echo(f"有{unreadable}个文件无法读取，已在输出中标明原因。", err=True)
        sys.exit(EXIT_UNREADABLE)
