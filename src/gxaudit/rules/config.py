"""Local policy: an office changes a shipped pack by rule id, without copying it.

    # gxaudit.toml  (or [tool.gxaudit] in pyproject.toml)
    packs = ["annual-report-2021"]          # which packs to run (default: all)
    pack_dirs = ["local-rules"]             # further pack files (add rules as a local pack)
    [rules.AR21-S03]                        # scoring and switches of one rule
    enabled = false                         # also: deduct, per, cap, severity, experimental, bonus, veto
    [weights]                               # weight when several packs are combined
    annual-report-2021 = 2                  # (or [packs.<id>] weight = 2 when packs is not a list)
    [params.AR21-T01]                       # check parameters, merged over the pack's `with:`
    tolerance = 0.5
    [params.TL-03.deadlines]                # a nested mapping merges key by key (deep merge)
    街道 = "date(year+1, 2, 20)"
    [deadlines]                             # merged into every `deadline` rule's deadlines
    乡镇 = "date(year+1, 2, 20)"
    [[add.hygiene]]                         # a further rule in a shipped pack's group
    group = "hygiene"                       # the group it joins (its points cap it)
    id = "QS-01"                            # unique across all packs; every rule key as in YAML
    title = "没有“此处填写”等未填写提示"
    fail_title = "出现“此处填写”等未填写提示"
    check = "pattern_absent"
    with = {phrases = ["此处填写"]}
    deduct = 2
    basis = "青山县政务公开考核细则（2026）第3条"
    fix = "删除提示文字，填写实际内容"

Merge semantics of `[params.RULE]` (and `[deadlines]`): a key replaces the pack's value for
that key; when both values are mappings (e.g. `deadlines`) they merge key by key, recursively;
a list (e.g. `patterns`, `phrases`, `columns`) replaces the whole list — to extend a list, write
the full list (`gxaudit config show` prints the current one). An added rule is validated like a
pack rule (schema, check parameters, points ≤ its group) and its id must be new; rules that
need their own groups, grades or test cases belong in a local pack (`pack_dirs`).

Each applied value is recorded in the pack's stamp (`overrides`) and in its origins, so a
result says which policy produced it and `gxaudit config show` can say where each value came
from. A name that matches nothing (a rule id, a pack id, a key) is an error, not ignored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gxaudit.rules.loader import compile_params
from gxaudit.rules.schema import Rule, RulePack
from gxaudit.rules.yamlpos import Problem, RuleFileError, message_of

RULE_KEYS = ("enabled", "deduct", "per", "cap", "severity", "experimental", "bonus", "veto")


@dataclass
class Config:
    packs: list[str] | None = None
    pack_dirs: list[Path] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    pack_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    add: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # pack id -> rules to add
    deadlines: dict[str, str] = field(default_factory=dict)
    source: str = "gxaudit.toml"
    lines: list[str] = field(default_factory=list)
    other: dict[str, Any] = field(default_factory=dict)  # sections other stages own

    def line_of(self, header: str) -> int:
        """Line of a `[section]` (or key) in the TOML text, for messages; 1 when unknown."""
        for i, text in enumerate(self.lines, 1):
            if text.strip().replace('"', "").startswith(header):
                return i
        return 1

    def problem(self, header: str, key: str, message: str) -> Problem:
        return Problem(self.source, self.line_of(header), 1, key, message)


def find_config(start: Path | None = None) -> Path | None:
    """./gxaudit.toml, else a pyproject.toml with [tool.gxaudit], looking upwards from start."""
    here = (start or Path.cwd()).resolve()
    for d in [here, *here.parents]:
        if (d / "gxaudit.toml").is_file():
            return d / "gxaudit.toml"
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                if "gxaudit" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                pass
    return None


def load_config(path: Path | None = None) -> Config:
    """Parse a config file (None: find one; none found: the empty policy)."""
    path = path or find_config()
    if path is None:
        return Config(source="（无配置文件）")
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RuleFileError([toml_problem(path, e)]) from None
    except (OSError, UnicodeDecodeError) as e:
        raise RuleFileError([Problem("", 0, 0, "", unreadable_config(path, e))]) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("gxaudit", {})
    return from_dict(data, str(path), text, base=path.parent)


def unreadable_config(path: Path, e: OSError | UnicodeDecodeError) -> str:
    """Why the config file could not be opened, in Chinese and naming it (not Python's errno text)."""
    if isinstance(e, FileNotFoundError):
        return f"找不到配置文件 {path}：请检查 --config 路径（不写 --config 时自动查找当前及上级文件夹中的 gxaudit.toml）"
    if isinstance(e, IsADirectoryError):
        return f"{path} 是文件夹，不是配置文件：--config 应指向 gxaudit.toml 这样的文件"
    if isinstance(e, PermissionError):
        return f"没有权限读取配置文件 {path}：请检查文件权限"
    if isinstance(e, UnicodeDecodeError):
        return f"配置文件 {path} 不是 UTF-8 编码：请用 UTF-8 另存后重试"
    return f"配置文件 {path} 无法读取（{e.strerror or type(e).__name__}）：请检查该文件"


def toml_problem(path: Path, e: tomllib.TOMLDecodeError) -> Problem:
    """A TOML syntax error at its own line, in words a clerk can act on (the parser's own
    English detail kept in brackets); bare Chinese keys are the usual cause."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
    line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
    detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e)) or "语法错误"
    return Problem(str(path), line, col, "", f"配置文件 TOML 格式有误（{detail}）：检查这一行的方括号、引号和等号；"
                                              "中文键名要加引号，如 \"县直部门\" = \"县直部门\"")


def from_dict(data: dict[str, Any] | Config | None, source: str = "gxaudit.toml", text: str = "",
              base: Path | None = None) -> Config:
    if isinstance(data, Config):
        return data
    data = dict(data or {})
    if "tool" in data and isinstance(data["tool"], dict) and "gxaudit" in data["tool"]:
        data = dict(data["tool"]["gxaudit"])
    cfg = Config(source=source, lines=text.splitlines())
    problems = []
    packs = data.pop("packs", None)
    select = data.pop("select", None)  # the selection, also when there are no [packs.<id>] tables
    if isinstance(packs, dict):  # [packs.<id>] tables: per-pack settings (selection then by `select`)
        cfg.pack_settings = dict(packs)
        packs = select
    elif select is not None:
        if packs is not None:
            problems.append(cfg.problem("select", "select", "packs 与 select 都在选规则包：只保留一个"))
        packs = select
    weights = data.pop("weights", {})  # [weights] <pack-id> = 2, usable beside a `packs` list
    if isinstance(weights, dict):
        for pid, w in weights.items():
            cfg.pack_settings.setdefault(pid, {})["weight"] = w
    if packs is not None and not (isinstance(packs, list) and all(isinstance(p, str) for p in packs)):
        problems.append(cfg.problem("packs", "packs", "packs 应为规则包编号的列表"))
    cfg.packs = packs
    cfg.pack_dirs = [(base or Path.cwd()) / p for p in data.pop("pack_dirs", [])]
    for key in ("rules", "params", "deadlines", "add"):
        value = data.pop(key, {})
        if not isinstance(value, dict):
            problems.append(cfg.problem(key, key, f"{key} 应为表（[{key}.…]）"))
            value = {}
        setattr(cfg, key, value)
    cfg.other = data
    if problems:
        raise RuleFileError(problems)
    return cfg


def apply(packs: list[RulePack], cfg: Config) -> list[RulePack]:
    """Copies of `packs` with the policy applied; raises RuleFileError for anything unmatched."""
    problems: list[Problem] = []
    out = [p.model_copy(deep=True) for p in packs]
    by_pack = {p.pack: p for p in out}
    for pid, rules in sorted(cfg.add.items()):
        problems += _add_rules(by_pack, pid, rules, cfg)
    by_rule = {r.id: (p, g, r) for p in out for g, r in p.rules()}
    for pid, settings in sorted(cfg.pack_settings.items()):
        pack = by_pack.get(pid)
        if pack is None:
            problems.append(cfg.problem(f"[packs.{pid}]", f"packs.{pid}", f"没有已加载的规则包“{pid}”"))
            continue
        for k, v in (settings or {}).items():
            if k != "weight" or isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                problems.append(cfg.problem(f"[packs.{pid}]", f"packs.{pid}.{k}", "只支持 weight = 非负数字"))
                continue
            pack._weight = float(v)
            _record(pack, f"packs.{pid}.weight={v:g}", f"{pid}.weight", cfg, f"[packs.{pid}]")
    for rid, changes in sorted(cfg.rules.items()):
        problems += _rule_overrides(by_rule, rid, changes or {}, cfg)
    for rid, params in sorted(cfg.params.items()):
        problems += _param_overrides(by_rule, rid, params or {}, cfg)
    if cfg.deadlines:
        problems += _deadline_overrides(out, cfg)
    if problems:
        raise RuleFileError(problems)
    return out


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` onto `base`: mappings merge key by key (recursively); anything else replaces."""
    out = dict(base)
    for k, v in over.items():
        out[k] = deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _add_rules(by_pack: dict[str, RulePack], pid: str, rules: Any, cfg: Config) -> list[Problem]:
    """`[[add.<pack>]]`: rules appended to a group of a loaded pack, validated like pack rules."""
    header = f"[[add.{pid}]]"
    pack = by_pack.get(pid)
    if pack is None:
        return [cfg.problem(header, f"add.{pid}", f"没有已加载的规则包“{pid}”（可用：{'、'.join(sorted(by_pack))}）")]
    if not isinstance(rules, list):
        return [cfg.problem(f"[add.{pid}]", f"add.{pid}", f"应写作 [[add.{pid}]]（每条规则一个表）")]
    taken = {rid for p in by_pack.values() for _, r in p.rules() for rid in (r.id, *r.aliases)}
    problems: list[Problem] = []
    for i, raw in enumerate(rules):
        data = dict(raw)
        gid = data.pop("group", None)
        key = f"add.{pid}[{i}]"
        group = next((g for g in pack.groups if g.id == gid), None)
        if group is None:
            groups = "、".join(g.id for g in pack.groups)
            problems.append(cfg.problem(header, f"{key}.group", f"需要 group = 所在指标编号（可用：{groups}）"))
            continue
        try:
            rule = Rule.model_validate(data)
            rule._params = compile_params(rule.check, rule.with_)
        except KeyError:
            problems.append(cfg.problem(header, f"{key}.check", f"未知的检查类型“{data.get('check')}”"))
            continue
        except ValidationError as e:
            problems += [cfg.problem(header, f"{key}.{'.'.join(map(str, err['loc']))}", message_of(err)) for err in e.errors()]
            continue
        if rule.id in taken:
            problems.append(cfg.problem(header, f"{key}.id", f"规则编号“{rule.id}”已存在；修改已有规则请用 [rules.{rule.id}] 或 [params.{rule.id}]"))
            continue
        if rule.max_deduction() > group.points and rule.max_deduction() != float("inf"):
            problems.append(cfg.problem(header, f"{key}", f"扣分 {rule.max_deduction():g} 超过所在指标“{group.title}”的分值 {group.points:g}"))
            continue
        group.rules.append(rule)
        taken.add(rule.id)
        _record(pack, f"add.{pid}.{group.id}.{rule.id}", f"{rule.id}.id", cfg, header)
        for k in data:
            pack._origins[f"{rule.id}.{k}"] = f"{cfg.source} {header}"
    return problems


def _record(pack: RulePack, text: str, origin_key: str, cfg: Config, header: str) -> None:
    pack._overrides.append(text)
    pack._origins[origin_key] = f"{cfg.source} {header}"


def _rule_overrides(by_rule, rid: str, changes: dict, cfg: Config) -> list[Problem]:
    header = f"[rules.{rid}]"
    if rid not in by_rule:
        return [cfg.problem(header, f"rules.{rid}", f"没有编号为“{rid}”的规则（请用 gxaudit rules list 查看）")]
    pack, group, rule = by_rule[rid]
    bad = [k for k in changes if k not in RULE_KEYS]
    if bad:
        return [cfg.problem(header, f"rules.{rid}.{k}", f"不能在配置中修改“{k}”（可改：{'、'.join(RULE_KEYS)}）")
                for k in bad]
    merged = rule.model_dump(by_alias=True)
    if "deduct" in changes:
        merged.update(per=None, cap=None)
    if "per" in changes:
        merged["deduct"] = None
    merged.update(changes)
    try:
        new = Rule.model_validate(merged)
    except ValidationError as e:
        return [cfg.problem(header, f"rules.{rid}.{'.'.join(map(str, err['loc']))}", message_of(err)) for err in e.errors()]
    if new.max_deduction() > group.points and new.max_deduction() != float("inf"):
        return [cfg.problem(header, f"rules.{rid}", f"扣分 {new.max_deduction():g} 超过所在指标“{group.title}”的分值 {group.points:g}")]
    for k, v in changes.items():
        setattr(rule, k, getattr(new, k))
        _record(pack, f"{rid}.{k}={_show(v)}", f"{rid}.{k}", cfg, header)
    for k in ("deduct", "per", "cap"):
        setattr(rule, k, getattr(new, k))
    return []


def _param_overrides(by_rule, rid: str, params: dict, cfg: Config) -> list[Problem]:
    header = f"[params.{rid}]"
    if rid not in by_rule:
        return [cfg.problem(header, f"params.{rid}", f"没有编号为“{rid}”的规则")]
    pack, _, rule = by_rule[rid]
    problems = _recompile(rule, deep_merge(rule.with_, params), cfg, header, f"params.{rid}")
    if not problems:
        for k, v in params.items():
            _record(pack, f"{rid}.with.{k}={_show(v)}", f"{rid}.with.{k}", cfg, header)
    return problems


def _deadline_overrides(packs: list[RulePack], cfg: Config) -> list[Problem]:
    problems: list[Problem] = []
    for pack in packs:
        for _, rule in pack.rules():
            if rule.check != "deadline":
                continue
            merged = deep_merge(rule.with_, {"deadlines": cfg.deadlines})
            found = _recompile(rule, merged, cfg, "[deadlines]", "deadlines")
            problems += found
            if not found:
                for kind, expr in sorted(cfg.deadlines.items()):
                    _record(pack, f"{rule.id}.with.deadlines.{kind}={expr}", f"{rule.id}.with.deadlines.{kind}",
                            cfg, "[deadlines]")
    return problems[:len(cfg.deadlines) * 2] if problems else []


def _recompile(rule: Rule, new_with: dict, cfg: Config, header: str, key: str) -> list[Problem]:
    try:
        params = compile_params(rule.check, new_with)
    except ValidationError as e:
        return [cfg.problem(header, f"{key}.{'.'.join(map(str, err['loc']))}", message_of(err)) for err in e.errors()]
    rule.with_ = new_with
    rule._params = params
    return []


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)
