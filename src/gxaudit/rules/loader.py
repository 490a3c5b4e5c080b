"""Load rule-pack files into validated RulePacks, or say exactly what is wrong and where.

Everything that can be checked without a submission is checked here, before any document is
read: the schema, each rule's check kind and its parameters (the kind's own `Params`, with the
expressions parsed and their names checked), the points arithmetic, and duplicate ids across
all packs loaded together. All problems of a file are collected, not just the first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gxaudit.rules import checks
from gxaudit.rules.schema import RulePack
from gxaudit.rules.yamlpos import Positions, Problem, RuleFileError, human_key, problems_from, read

FORCED_GRADE = "不合格"


_CACHE: dict[tuple[str, str], RulePack] = {}  # (display name, sha256) → pack; parsing YAML is slow


def load_pack_file(path: Path, display: str | None = None) -> RulePack:
    """One pack file → RulePack with stamp data set; raises RuleFileError.

    Validated packs are kept per process by content hash (ruamel's pure-Python parser needs
    ~0.1 s per pack); callers get a deep copy, so the cached one is never changed.
    """
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise RuleFileError([Problem(name, 1, 1, "", f"无法读取规则文件：{e}")]) from None
    key = (name, hashlib.sha256(raw).hexdigest())
    if key not in _CACHE:
        _CACHE[key] = _load(path, name, key[1])
    return _CACHE[key].model_copy(deep=True)


def _load(path: Path, name: str, sha256: str) -> RulePack:
    data, pos = read(path, name)
    if not isinstance(data, dict):
        raise RuleFileError([Problem(name, 1, 1, "", "规则文件应为一个映射（pack、title、groups…）")])
    try:
        pack = RulePack.model_validate(data)
    except ValidationError as e:
        raise RuleFileError(problems_from(e.errors(), pos, data)) from None
    problems = lint_pack(pack, pos, data)
    if problems:
        raise RuleFileError(problems)
    pack._path = name
    pack._sha256 = sha256
    pack._origins = _origins(pack, pos)
    return pack


def compile_params(kind: str, params: dict[str, Any]) -> Any:
    """The kind's validated Params; raises KeyError (unknown kind) or ValidationError."""
    return checks.get(kind).Params.model_validate(params)


def lint_pack(pack: RulePack, pos: Positions, data: Any) -> list[Problem]:
    """Checks that need the whole pack or the check registry; also compiles each rule's params."""
    out: list[Problem] = []

    def at(path: tuple, message: str, prefer_key: bool = False) -> None:
        line, col = pos.at(path, prefer_key)
        out.append(Problem(pos.file, line, col, human_key(data, path), message))

    if pack.points is not None and abs(pack.total_points - pack.points) > 1e-9:
        at(("points",), f"各指标分值之和为 {pack.total_points:g}，与规则包声明的总分 {pack.points:g} 不符")
    grades = set(pack.grades) | {FORCED_GRADE}
    seen_groups: dict[str, int] = {}
    seen_rules: dict[str, tuple] = {}
    for gi, g in enumerate(pack.groups):
        gp = ("groups", gi)
        if g.id in seen_groups:
            at(gp + ("id",), f"指标编号“{g.id}”重复（另见第 {pos.at(('groups', seen_groups[g.id], 'id'))[0]} 行）")
        seen_groups.setdefault(g.id, gi)
        for ri, r in enumerate(g.rules):
            rp = gp + ("rules", ri)
            if r.id in seen_rules:
                at(rp + ("id",), f"规则编号“{r.id}”重复（另见第 {pos.at(seen_rules[r.id] + ('id',))[0]} 行）")
            seen_rules.setdefault(r.id, rp)
            for name in ("deduct", "cap", "per"):
                v = getattr(r, name)
                if v is not None and v > g.points:
                    at(rp + (name,), f"{name} 为 {v:g}，超过所在指标“{g.title}”的分值 {g.points:g}")
            if r.veto and r.veto.grade and r.veto.grade not in grades:
                at(rp + ("veto", "grade"), f"否决等次“{r.veto.grade}”不在 grades 中（可用：{'、'.join(sorted(grades))}）")
            if r.bonus and not pack.bonus_cap:
                at(rp + ("bonus",), "规则包的 bonus_cap 为 0，加分不会生效；请设置 bonus_cap")
            out.extend(_compile(r, rp, pos, data))
    return out


def _compile(rule, rp: tuple, pos: Positions, data: Any) -> list[Problem]:
    try:
        rule._params = compile_params(rule.check, rule.with_)
    except KeyError:
        line, col = pos.at(rp + ("check",))
        kinds = "、".join(checks.KINDS)
        return [Problem(pos.file, line, col, human_key(data, rp + ("check",)),
                        f"未知的检查类型“{rule.check}”（可用：{kinds}）")]
    except ValidationError as e:
        return problems_from(e.errors(), pos, data, rp + ("with",))
    return []


def check_unique(packs: Iterable[RulePack]) -> None:
    """Pack ids and rule ids (and aliases) must be unique across everything loaded together."""
    problems: list[Problem] = []
    pack_ids: dict[str, RulePack] = {}
    rule_ids: dict[str, tuple[RulePack, str]] = {}
    for p in packs:
        if p.pack in pack_ids:
            problems.append(Problem(p.path, 1, 1, "pack", f"规则包编号“{p.pack}”与 {pack_ids[p.pack].path} 重复"))
        pack_ids.setdefault(p.pack, p)
        for _, r in p.rules():
            for rid in [r.id, *r.aliases]:
                if rid in rule_ids and rule_ids[rid][0] is not p:
                    _, where = rule_ids[rid]
                    line, col = _line_col(p._origins.get(f"{r.id}.id", ""))
                    problems.append(Problem(p.path, line, col, f"{r.id}.id",
                                            f"规则编号“{rid}”与其他规则包重复（另见 {where}）"))
                rule_ids.setdefault(rid, (p, p._origins.get(f"{r.id}.id", p.path)))
    if problems:
        raise RuleFileError(problems)


def _line_col(origin: str) -> tuple[int, int]:
    try:
        _, line, col = origin.rsplit(":", 2)
        return int(line), int(col)
    except ValueError:
        return 1, 1


def _origins(pack: RulePack, pos: Positions) -> dict[str, str]:
    """'RULE.field' → 'file:line:col' for every field written in the file (for config show)."""
    ids = {("groups", gi, "rules", ri): r.id for gi, g in enumerate(pack.groups) for ri, r in enumerate(g.rules)}
    out: dict[str, str] = {}
    for path, (line, col) in pos.key.items():
        rid = ids.get(path[:4])
        if rid and len(path) >= 5:
            out[f"{rid}.{'.'.join(str(x) for x in path[4:])}"] = f"{pos.file}:{line}:{col}"
    return out
