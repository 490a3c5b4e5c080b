"""Command-line wiring only: each command lives in its own module and is registered here."""

from __future__ import annotations

import importlib
import os
import sys

import click

from gxaudit import __version__
from gxaudit.cli import zh_click
from gxaudit.cli.options import os_reason

COMMAND_MODULES = (
    # one module per command (or command group); each defines `command`
    "score",
    "circular",
    "rules",
    "explain",
    "config",
    "inspect",
    "synth",
)

EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug, not the user's doing (sysexits EX_SOFTWARE); never 1, which means --fail-under
DEBUG_ENV = "GXAUDIT_DEBUG"

zh_click.install()  # before the command modules declare their options (click.Path names itself then)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gxaudit")
def cli() -> None:
    """gxaudit：政府信息公开合规评分与审计工具。"""


for _name in COMMAND_MODULES:
    cli.add_command(importlib.import_module(f"gxaudit.cli.{_name}").command)
zh_click.localise_metavars(cli)


def os_error_message(exc: OSError) -> str:
    """A file-system failure the user can fix (an --out folder they cannot write, a full disk)."""
    where = exc.filename or "（未知路径）"
    reason = os_reason(exc)
    return f"错误：无法读写 {where}（{reason}）：请检查该路径是否存在、能否写入，或换一个文件夹（如 --out、--history）"


def main() -> None:
    try:
        cli.main(prog_name="gxaudit", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except OSError as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        click.echo(os_error_message(exc), err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a clerk gets one sentence, not a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        click.echo(f"错误：gxaudit 内部出错（{type(exc).__name__}：{exc}）。请把所用命令和材料报告给维护人员；"
                   f"设置环境变量 {DEBUG_ENV}=1 后重新运行可看到详细信息。", err=True)
        sys.exit(EXIT_INTERNAL)
