"""Rules stage: load rule packs (schema, loader, local policy) and evaluate them.

Public entry points (the team contract):
- `load_packs(selection, config) -> list[RulePack]` — raises RuleFileError (exit code 2) before
  any submission is read;
- `evaluate(sub, packs, ctx) -> list[Finding]` — every rule's outcome, pass included.
"""

from __future__ import annotations

from gxaudit.rules.evaluate import evaluate
from gxaudit.rules.packs import SHIPPED_DIR, available_packs, load_packs
from gxaudit.rules.schema import Group, Rule, RulePack
from gxaudit.rules.yamlpos import Problem, RuleFileError

__all__ = [
    "SHIPPED_DIR", "Group", "Problem", "Rule", "RuleFileError", "RulePack", "available_packs",
    "evaluate", "load_packs",
]
