"""Click's own words (usage lines, help headings, usage errors) in Chinese, for every command.

Click marks its user-facing strings with gettext's `_()`/`ngettext()` bound at import time in
each click module; gettext itself would need compiled .mo files and a Chinese locale on the
office PC. Rebinding those two names in click's modules to a lookup in ZH translates every
message once, before formatting, whatever the locale. A string missing from ZH (a new click
release) stays English rather than breaking; tests/cli pins the common paths.
"""

from __future__ import annotations

import gettext
import sys

import click

ZH: dict[str, str] = {
    # help pages
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已停用",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    # errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Aborted!": "已中断。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令“{name}”。",
    "No such option {name!r}.": "没有选项“{name}”。",
    "Did you mean {possibility}?": "您要找的是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（您要找的是不是其中之一：{possibilities}？）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值有误：{message}",
    "Invalid value: {message}": "值有误：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）：请检查命令，选项名前要有 --",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）：请检查命令，选项名前要有 --",
    "Option {name!r} requires an argument.": "选项“{name}”后面要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后面要写 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项“{name}”不带值。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "{value!r} is not {choice}.": "“{value}”无效：只能是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”无效：可选 {choices}。",
    "{value!r} is not a valid {number_type}.": "“{value}”不是{number_type}。",
    "{value} is not in the range {range}.": "{value} 超出范围 {range}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "“{value}”不是是/否值（可用：{states}）。",
    "{value!r} does not match the format {format}.": "“{value}”不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "“{value}”不符合格式 {formats}。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在：请检查路径。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，这里需要文件夹。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，这里需要文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”没有读取权限。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”没有写入权限。",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
}

# metavars in help and the type words of "… is not a valid {number_type}" (set on the classes:
# click.IntRange(min=1) and the like are new instances of their own classes)
TYPE_NAMES = {
    click.types.StringParamType: "文本", click.types.IntParamType: "整数", click.types.FloatParamType: "数字",
    click.types.BoolParamType: "是/否", click.IntRange: "整数", click.FloatRange: "数字",
    click.DateTime: "日期时间",
}
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."


def translate(message: str) -> str:
    return ZH.get(message, message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Rebind click's `_`/`ngettext` (only where they are still gettext's own functions).

    Runs before any command module is imported: click.Path computes its name ("file",
    "directory") when an option is declared."""
    for name, module in list(sys.modules.items()):
        if not (name == "click" or name.startswith("click.")) or module is None:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = translate
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = ntranslate
    for param_type, word in TYPE_NAMES.items():
        param_type.name = word
    for instance in (click.STRING, click.INT, click.FLOAT, click.BOOL):
        instance.__dict__.pop("name", None)  # singletons follow their class


def localise_metavars(command: click.Command) -> None:
    """`[OPTIONS]` and `COMMAND [ARGS]...` in usage lines, for a command and its subcommands."""
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        if command.subcommand_metavar == "COMMAND [ARGS]...":
            command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            localise_metavars(sub)
