"""Run a pack's own test cases (`packs/cases/<pack>.yaml`): which rules must fire, which not.

A case is an inline `text:` (a string, or a list of fragments joined by newlines) or a `file:`
(relative to the repository), with `meta:` (manifest fields), `fires: [ids]`, `silent: [ids]`,
optionally `previous:` (last period's report: {text, meta}) and `peers:` (a list of those),
`as_of:` and `todo: [ids]` (known gaps: reported, not failed). "Fires" means outcome fail;
"silent" means anything else. Every rule needs a case where it fires and one where it actually
passes (outcome pass: a silent not_applicable or cannot_evaluate shows only that the rule did not
run, not that it accepts a good document), or `rules test` fails (ANCHORS §10.18–19).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gxaudit.model import Finding, Submission
from gxaudit.rules.context import CheckContext
from gxaudit.rules.evaluate import evaluate
from gxaudit.rules.schema import RulePack
from gxaudit.rules.yamlpos import Problem, RuleFileError, read

OUTCOME_ZH = {"fail": "触发", "pass": "通过", "not_applicable": "不适用", "cannot_evaluate": "无法评估", None: "未运行"}


@dataclass
class Mismatch:
    rule: str
    expected: str  # "fires" / "silent"
    got: str | None  # outcome
    message: str = ""

    def __str__(self) -> str:
        want = "触发" if self.expected == "fires" else "不触发"
        return f"{self.rule}：期望{want}，实际{OUTCOME_ZH.get(self.got, self.got)}" + (f"（{self.message}）" if self.message else "")


@dataclass
class CaseResult:
    pack: str
    name: str
    where: str
    mismatches: list[Mismatch] = field(default_factory=list)
    todo: list[Mismatch] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.mismatches and self.error is None


@dataclass
class PackReport:
    pack: str
    cases_file: str | None
    cases: list[CaseResult] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)  # "RULE: 没有触发的用例" …

    @property
    def ok(self) -> bool:
        return bool(self.cases_file) and all(c.ok for c in self.cases) and not self.uncovered


def cases_path(pack: RulePack) -> Path:
    return Path(pack.path).parent / "cases" / f"{pack.pack}.yaml"


def repo_root(start: Path) -> Path:
    for d in [start.resolve(), *start.resolve().parents]:
        if (d / "pyproject.toml").is_file():
            return d
    return Path.cwd()


def run_pack(pack: RulePack, path: Path | None = None) -> PackReport:
    path = path or cases_path(pack)
    report = PackReport(pack.pack, str(path) if path.is_file() else None)
    if not path.is_file():
        report.uncovered = [f"缺少测试用例文件 {path}"]
        return report
    data, pos = read(path)
    if not isinstance(data, list):
        raise RuleFileError([Problem(str(path), 1, 1, "", "测试用例文件应为用例列表")])
    known = {r.id for _, r in pack.rules()}
    fired: set[str] = set()
    passed: set[str] = set()
    root = repo_root(path.parent)
    for i, case in enumerate(data):
        line, _ = pos.at((i,))
        name = str(case.get("name", f"用例{i + 1}")) if isinstance(case, dict) else f"用例{i + 1}"
        result = CaseResult(pack.pack, name, f"{path}:{line}")
        report.cases.append(result)
        try:
            _check_case(case, known)
            findings = _run_case(case, pack, root, f"{pack.pack}-{i + 1}.txt")
        except RuleFileError:
            raise
        except Exception as e:  # noqa: BLE001 — a case that cannot run is that case's failure
            result.error = f"{type(e).__name__}: {e}"
            continue
        got = {f.rule_id: f for f in findings}
        result.outcomes = {k: f.outcome for k, f in got.items()}
        todo = set(case.get("todo", []))
        for expected in ("fires", "silent"):
            for rid in case.get(expected, []):
                f = got.get(rid)
                outcome = f.outcome if f else None
                hit = outcome == "fail"
                if expected == "fires" and hit:
                    fired.add(rid)
                elif expected == "silent" and outcome not in ("fail", None):
                    if outcome == "pass":
                        passed.add(rid)
                else:
                    m = Mismatch(rid, expected, outcome, f.message if f else "规则未运行（包不适用于该文本？）")
                    (result.todo if rid in todo else result.mismatches).append(m)
    for rid in sorted(known):
        if rid not in fired:
            report.uncovered.append(f"{rid}：没有触发该规则的用例")
        if rid not in passed:
            report.uncovered.append(f"{rid}：没有该规则通过的用例（列在 silent 中且结果为“通过”；不适用、无法评估不算）")
    return report


def _check_case(case: Any, known: set[str]) -> None:
    if not isinstance(case, dict):
        raise TypeError("用例应为映射（name、text、fires、silent…）")
    allowed = {"name", "text", "file", "meta", "fires", "silent", "previous", "peers", "as_of", "todo"}
    bad = set(case) - allowed
    if bad:
        raise ValueError(f"未知的键：{'、'.join(sorted(bad))}")
    if ("text" in case) == ("file" in case):
        raise ValueError("用例需要 text 或 file 二者之一")
    unknown = [r for k in ("fires", "silent", "todo") for r in case.get(k, []) if r not in known]
    if unknown:
        raise ValueError(f"规则包中没有这些规则：{'、'.join(unknown)}")


def _manifest(meta: Any) -> dict[str, str] | None:
    if not meta:
        return None
    return {str(k): v.isoformat() if isinstance(v, dt.date) else str(v) for k, v in meta.items()}


def _submission(spec: dict, root: Path, name: str) -> Submission:
    from gxaudit import extract  # written by another stage; imported only when cases run

    manifest = _manifest(spec.get("meta"))
    if "file" in spec:
        from gxaudit import ingest

        return extract.extract(ingest.read_document(root / spec["file"], spec["file"]), manifest)[0]
    text = spec["text"]
    text = "\n".join(text) if isinstance(text, list) else str(text)
    return extract.submission_from_text(text, name, manifest)


def _run_case(case: dict, pack: RulePack, root: Path, name: str) -> list[Finding]:
    sub = _submission(case, root, name)
    prev = _submission(case["previous"], root, "previous-" + name) if case.get("previous") else None
    peers = [_submission(p, root, f"peer{j}-{name}") for j, p in enumerate(case.get("peers", []))]
    as_of = case.get("as_of")
    ctx = CheckContext(as_of=as_of if isinstance(as_of, dt.date) else None,
                       period=str(sub.period.value) if sub.period.value else None,
                       previous=prev, history_available=prev is not None, peers=peers)
    return evaluate(sub, [pack], ctx)
