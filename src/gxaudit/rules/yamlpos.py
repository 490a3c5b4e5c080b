"""Read YAML with the line and column of every key and value, and say its errors in Chinese.

ruamel.yaml's round-trip loader keeps `.lc` on every mapping and sequence and refuses duplicate
keys; PyYAML does neither (ECOSYSTEM §11). A fresh `YAML()` per file: a flag changed after a
first load on a shared instance is ignored. The document is turned into plain Python values plus
a map path → (line, col), so that pydantic's error `loc` can be pointed back at the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    """One rule-file mistake: where (1-based line and column), which key, what is wrong."""

    file: str
    line: int
    col: int
    key: str
    message: str

    def __str__(self) -> str:
        if not self.file:  # not in a file (a pack name that matches nothing): the message alone
            return self.message
        key = f"{self.key}: " if self.key else ""
        return f"{self.file}:{self.line}:{self.col}: {key}{self.message}"


class RuleFileError(Exception):
    """Raised with every problem found; the CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col, p.key))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Positions:
    file: str
    key: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # where a key is written
    value: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # where its value starts
    lines: list[str] = field(default_factory=list)

    def at(self, path: Path_, prefer_key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the longest known prefix of `path`."""
        for n in range(len(path), -1, -1):
            p = tuple(path[:n])
            first, second = (self.key, self.value) if prefer_key else (self.value, self.key)
            if p in first:
                return first[p]
            if p in second:
                return second[p]
        return (1, 1)


def read(path: Path, display: str | None = None) -> tuple[Any, Positions]:
    """Parse `path`; raises RuleFileError on syntax errors and duplicate keys."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise RuleFileError([Problem(name, 1, 1, "", f"无法读取规则文件：{e}")]) from None
    return read_text(text, name)


def read_text(text: str, name: str) -> tuple[Any, Positions]:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    pos = Positions(file=name, lines=text.splitlines())
    try:
        doc = yaml.load(text)
    except DuplicateKeyError as e:
        raise RuleFileError([_duplicate(name, e)]) from None
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise RuleFileError([Problem(name, line, col, "", f"YAML 语法错误：{e.problem or e.context}")]) from None
    return _plain(doc, (), pos), pos


def _duplicate(name: str, e: DuplicateKeyError) -> Problem:
    m = re.search(r'found duplicate key "([^"]*)"', str(e.problem))
    key = m.group(1) if m else ""
    first = e.context_mark.line + 1 if e.context_mark else 0
    second = e.problem_mark.line + 1 if e.problem_mark else 0
    col = e.problem_mark.column + 1 if e.problem_mark else 1
    return Problem(name, second, col, key, f"键“{key}”重复出现（第 {first} 行所在的映射中，第 {second} 行再次出现），请删除其一")


def _plain(node: Any, path: Path_, pos: Positions) -> Any:
    if isinstance(node, dict):
        out = {}
        for k in node:
            kp = path + (k,)
            if hasattr(node, "lc"):
                try:
                    kl, kc = node.lc.key(k)
                    vl, vc = node.lc.value(k)
                    pos.key[kp] = (kl + 1, kc + 1)
                    pos.value[kp] = (vl + 1, vc + 1)
                except (KeyError, TypeError):
                    pass
            out[_scalar(k)] = _plain(node[k], kp, pos)
        return out
    if isinstance(node, list):
        out_list = []
        for i, v in enumerate(node):
            ip = path + (i,)
            if hasattr(node, "lc"):
                try:
                    line, col = node.lc.item(i)
                    pos.key[ip] = pos.value[ip] = (line + 1, col + 1)
                except (KeyError, TypeError, IndexError):
                    pass
            out_list.append(_plain(v, ip, pos))
        return out_list
    return _scalar(node)


def _scalar(v: Any) -> Any:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    if isinstance(v, str):
        return str(v)
    if isinstance(v, dt.datetime):
        return dt.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second) if (v.hour or v.minute) else v.date()
    if isinstance(v, dt.date):
        return dt.date(v.year, v.month, v.day)
    return v


# --------------------------------------------------------------------------- pydantic errors

_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知的键（是否拼写错误？）",
    "string_type": "应为文本；数字形式的值请加引号，如 \"2026.1\"",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "string_pattern_mismatch": "格式不对：只能用字母、数字和 - _ .，且以字母开头",
    "string_too_short": "不能为空",
    "too_short": "不能为空列表",
}


def message_of(err: dict) -> str:
    """A Chinese message for one pydantic error."""
    t = err.get("type", "")
    ctx = err.get("ctx") or {}
    got = err.get("input")
    shown = f"（实际为 {got!r}）" if t not in ("missing", "model_type") and not isinstance(got, (dict, list)) else ""
    if t == "gx_expr":
        return f"表达式错误：{ctx.get('message')}"
    if t == "value_error":
        return str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
    if t == "literal_error":
        return f"取值只能是 {ctx.get('expected', '')}{shown}"
    if t in ("greater_than_equal", "greater_than"):
        op = "≥" if t == "greater_than_equal" else ">"
        return f"应{op} {ctx.get('ge', ctx.get('gt'))}{shown}"
    if t in ("less_than_equal", "less_than"):
        op = "≤" if t == "less_than_equal" else "<"
        return f"应{op} {ctx.get('le', ctx.get('lt'))}{shown}"
    if t in _MESSAGES:
        return _MESSAGES[t] + shown
    return f"{err.get('msg', '取值无效')}{shown}"


def problems_from(err_list: list[dict], pos: Positions, data: Any, prefix: Path_ = ()) -> list[Problem]:
    """Map pydantic errors to Problems; `prefix` is where the validated object sits in the file."""
    seen: set[tuple] = set()
    out = []
    for err in err_list:
        path, tail = _real_path(data, prefix, tuple(err.get("loc", ())))
        if path in seen:
            continue  # one message per place (unions report once per member)
        seen.add(path)
        t = err.get("type", "")
        line, col = pos.at(path + tail, prefer_key=t in ("extra_forbidden", "missing"))
        if t == "gx_expr":
            col += _expr_offset(pos, line, col, (err.get("ctx") or {}).get("offset", 0))
        out.append(Problem(pos.file, line, col, human_key(data, path + tail), message_of(err)))
    return out


def _real_path(data: Any, prefix: Path_, loc: Path_) -> tuple[Path_, Path_]:
    """Drop pydantic's union-member labels from loc; split into (existing path, missing tail)."""
    node = _get(data, prefix)
    path = list(prefix)
    loc = tuple(x for x in loc if x != "__root__")
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and i == len(loc) - 1 and isinstance(part, str) and "[" not in part:
            return tuple(path), (part,)
    return tuple(path), ()


def _get(data: Any, path: Path_) -> Any:
    for p in path:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _expr_offset(pos: Positions, line: int, col: int, offset: int) -> int:
    text = pos.lines[line - 1] if 0 < line <= len(pos.lines) else ""
    quoted = 1 if col - 1 < len(text) and text[col - 1] in "\"'" else 0
    return int(offset) + quoted


def human_key(data: Any, path: Path_) -> str:
    """'AR21-S03.with.expect' rather than 'groups.0.rules.1.with.expect'."""
    parts: list[str] = []
    i = 0
    node = data
    while i < len(path):
        p = path[i]
        nxt = _get(node, (p,)) if node is not None else None
        if p == "rules" and i + 1 < len(path) and isinstance(path[i + 1], int):
            rule = _get(nxt, (path[i + 1],))
            rid = rule.get("id") if isinstance(rule, dict) else None
            parts = [str(rid) if rid else f"rules[{path[i + 1]}]"]
            node = rule
            i += 2
            continue
        if p == "groups" and i + 1 < len(path) and isinstance(path[i + 1], int):
            grp = _get(nxt, (path[i + 1],))
            gid = grp.get("id") if isinstance(grp, dict) else None
            parts = [f"groups.{gid}" if gid else f"groups[{path[i + 1]}]"]
            node = grp
            i += 2
            continue
        parts.append(f"[{p}]" if isinstance(p, int) else str(p))
        node = nxt
        i += 1
    return ".".join(parts).replace(".[", "[")
