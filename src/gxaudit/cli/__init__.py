"""Command-line wiring only: each command lives in its own module and is registered here."""

from __future__ import annotations

import importlib
import sys

import click

from gxaudit import __version__

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gxaudit")
def cli() -> None:
    """gxaudit：政府信息公开合规评分与审计工具。"""


for _name in COMMAND_MODULES:
    cli.add_command(importlib.import_module(f"gxaudit.cli.{_name}").command)


def main() -> None:
    try:
        cli.main(prog_name="gxaudit", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
