"""What a clerk sees when a command is mistyped: Chinese help and errors, exit code 2, no traceback."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

import gxaudit.cli as cli_module
from gxaudit.cli import cli

ENGLISH = ("Usage", "Options", "Commands", "Error", "Invalid value", "No such", "Missing", "Show this message",
           "[default", "required]", "Try '")
TYPE_METAVARS = re.compile(r"\b(TEXT|INTEGER|FLOAT|PATH|FILE|DIRECTORY|BOOLEAN)\b")  # in option lines


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix
    for name, sub in sorted(group.commands.items()):
        if isinstance(sub, click.Group):
            yield from _all_commands(sub, (*prefix, name))
        else:
            yield (*prefix, name)


@pytest.mark.parametrize("path", list(_all_commands(cli)), ids=lambda p: " ".join(p) or "gxaudit")
def test_every_help_page_is_chinese(path):
    res = CliRunner().invoke(cli, [*path, "--help"])
    assert res.exit_code == 0, res.output
    assert "用法:" in res.output and "显示本帮助并退出" in res.output
    assert not [w for w in ENGLISH if w in res.output], res.output
    options = "\n".join(line for line in res.output.splitlines() if line.lstrip().startswith("-"))
    assert not TYPE_METAVARS.search(options), options


@pytest.mark.parametrize("args,named", [
    (["score", "x", "--bogus"], "--bogus"),
    (["scroe"], "scroe"),
    (["score", "x", "--fail-under", "abc"], "abc"),
    (["circular"], "--period"),
    (["inspect"], "FILES"),
    (["inspect", "--format", "pdf", "a.txt"], "pdf"),
    (["circular", "--period", "2025-11", "--template", "no-such-template.toml"], "no-such-template.toml"),
    (["synth", "--n", "many", "--out", "x"], "many"),
    (["synth", "--jobs", "0", "--out", "x"], "--jobs"),
])
def test_usage_errors_are_one_chinese_message_with_exit_2(args, named):
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 2, res.output
    assert "错误：" in res.output and named in res.output
    assert not [w for w in ENGLISH if w in res.output], res.output
    assert "Traceback" not in res.output


def test_did_you_mean_is_kept_for_a_mistyped_command():
    res = CliRunner().invoke(cli, ["scroe"])
    assert "score" in res.output and "您要找的是不是" in res.output


def _run_main(monkeypatch, capsys, exc: BaseException) -> tuple[int, str]:
    def boom(*args, **kwargs):
        raise exc

    monkeypatch.setattr(cli_module.cli, "main", boom)
    monkeypatch.delenv(cli_module.DEBUG_ENV, raising=False)
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    return exited.value.code, capsys.readouterr().err


def test_a_folder_that_cannot_be_written_is_named_in_chinese(monkeypatch, capsys):
    code, err = _run_main(monkeypatch, capsys, PermissionError(13, "Permission denied", "/srv/out/report.html"))
    assert code == 2
    assert "/srv/out/report.html" in err and "没有权限" in err and "Traceback" not in err


def test_an_internal_error_is_one_sentence_not_exit_1(monkeypatch, capsys):
    code, err = _run_main(monkeypatch, capsys, RuntimeError("boom"))
    assert code == cli_module.EXIT_INTERNAL and code not in (0, 1, 2, 3)
    assert "内部出错" in err and cli_module.DEBUG_ENV in err and "Traceback" not in err


def test_debug_env_shows_the_real_exception(monkeypatch):
    monkeypatch.setattr(cli_module.cli, "main", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    monkeypatch.setenv(cli_module.DEBUG_ENV, "1")
    with pytest.raises(RuntimeError):
        cli_module.main()


def test_command_list_is_not_cut_mid_sentence():
    res = CliRunner().invoke(cli, ["--help"])
    commands = res.output.split("命令:")[1]
    assert "..." not in commands, commands
