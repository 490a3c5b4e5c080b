"""The rule-pack schema: what a pack YAML may say, validated strictly.

Unknown keys are errors (a misspelt `dedcut:` must not silently weigh 0); flags are StrictBool
(YAML `no` is a string under YAML 1.2, and must not turn into False); `version` is a string
(`2026.1` unquoted is a float and is refused). Check parameters (`with:`) are validated by the
loader against the check kind's own `Params` model, with line numbers.

Note for pack authors (shape agreed in the team brief, extended only additively):
- Rule keys: id, title, fail_title, check, with, severity (error|warning|info), deduct | per+cap,
  veto ({cap_total: N} or {grade: 不合格}), bonus, applies, experimental, basis, fix.
  Additions: `enabled` (default true; config may switch a rule off), `message` (optional
  free text shown before the check's own message), `aliases` (old ids, for `explain`).
- Pack keys: pack, title, version, basis, applies, grades, bonus_cap, groups. Additions:
  `points` (optional total the group points must add up to), `description`.
- `applies` keys: doc_type (list or one), report_year (">=2021", "<=2018", "2019-2020",
  ">=2019,<=2020", or a year), agency_kind (list or one), period_kind (year | month),
  has_table (list or one of proactive | applications | review_litigation | legacy_stats: the
  rule or pack applies only when the extractor found that table; e.g. the legacy 统计表 rules,
  since a 统计表 was never part of the 2008 条例's required content), has_part (a part number
  1..9 or a list: the rule applies only when the submission has that official part, found the
  way `section_present` finds it). Put `has_part` on every content rule about one part (the fee
  statement in 六, 五's problems and follow-up, 一's five aspects): when the part is missing its
  structure rule (S0n) has already deducted, and the content rule is not_applicable rather than
  deducting a second time for the same cause.
  Unknown values: a document whose type is unknown is outside every pack with `doc_type`; a
  document whose agency kind is unknown is outside a pack restricted by `agency_kind` (it is
  not known to be that pack's kind: a 十有 pack for 乡镇 must not score a body.html fragment
  that names no agency), and a rule restricted by `agency_kind` reports cannot_evaluate
  ("单位类型不明") instead of guessing; an unknown report year or period does not exclude.
- A bonus rule (`bonus: N`) adds N when the check passes; a fail deducts `deduct` (or
  `per` × count up to `cap`). `per` without `cap` is capped by the group's points.
- Inside `with:` write the key `"null"` quoted (unquoted `null:` is YAML's null, not a key).
- Case files (rules/testing.py): besides text/file/meta/fires/silent, `text` may be a list of
  fragments, and `previous: {text, meta}`, `peers: [...]`, `as_of`, `todo: [ids]` are accepted.
  `silent` means "not fail"; coverage needs a case where each rule has outcome pass.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictBool, field_validator, model_validator

from gxaudit.model import AgencyKind, DocType, PackStamp, Severity

_YEAR_TERM = re.compile(r"^\s*(>=|<=|==|>|<)?\s*(\d{4})\s*$")
_YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*[-~～至]\s*(\d{4})\s*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _listify(v: Any) -> Any:
    return [v] if isinstance(v, str) else v


def year_predicate(spec: str | int) -> list[tuple[str, int]]:
    """'>=2019,<=2020' → [('>=', 2019), ('<=', 2020)]; raises ValueError on anything else."""
    if isinstance(spec, int) and not isinstance(spec, bool):
        return [("==", spec)]
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError("report_year 应为 \">=2021\"、\"2019-2020\" 或年份")
    m = _YEAR_RANGE.match(spec)
    if m:
        return [(">=", int(m.group(1))), ("<=", int(m.group(2)))]
    terms = []
    for part in spec.split(","):
        m = _YEAR_TERM.match(part)
        if not m:
            raise ValueError(f"report_year“{spec}”无法理解：应为 \">=2021\"、\"<=2018\"、\"2019-2020\" 或年份")
        terms.append((m.group(1) or "==", int(m.group(2))))
    return terms


class Applies(Strict):
    doc_type: list[str] | None = None
    report_year: str | int | None = None
    agency_kind: list[str] | None = None
    period_kind: Literal["year", "month"] | None = None
    has_table: list[Literal["proactive", "applications", "review_litigation", "legacy_stats"]] | None = None
    has_part: list[Annotated[int, Field(ge=1, le=9)]] | None = None

    @field_validator("doc_type", "agency_kind", "has_table", "has_part", mode="before")
    @classmethod
    def _one_or_list(cls, v):
        return [v] if isinstance(v, int) and not isinstance(v, bool) else _listify(v)

    @field_validator("report_year")
    @classmethod
    def _year(cls, v):
        if v is not None:
            year_predicate(v)
        return v

    @field_validator("doc_type", "agency_kind")
    @classmethod
    def _known(cls, v, info):
        known, what = (set(get_args(DocType)), "文件类型") if info.field_name == "doc_type" else (
            set(get_args(AgencyKind)), "单位类型")
        bad = [d for d in v or [] if d not in known]
        if bad:
            raise ValueError(f"未知的{what}：{'、'.join(bad)}（可用：{'、'.join(sorted(known))}）")
        return v


class Veto(Strict):
    cap_total: float | None = Field(default=None, ge=0)
    grade: str | None = None

    @model_validator(mode="after")
    def _one(self):
        if (self.cap_total is None) == (self.grade is None):
            raise ValueError("veto 应为 {cap_total: 分数} 或 {grade: 等次} 二者之一")
        return self


class Rule(Strict):
    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$")
    title: str = Field(min_length=1)
    fail_title: str | None = None
    message: str | None = None
    check: str
    with_: dict[str, Any] = Field(default_factory=dict, alias="with")
    severity: Severity = "error"
    deduct: float | None = Field(default=None, ge=0)
    per: float | None = Field(default=None, gt=0)
    cap: float | None = Field(default=None, gt=0)
    veto: Veto | None = None
    bonus: float = Field(default=0, ge=0)
    applies: Applies = Field(default_factory=Applies)
    experimental: StrictBool = False
    enabled: StrictBool = True
    aliases: list[str] = Field(default_factory=list)
    basis: str = Field(min_length=1)
    fix: str = Field(min_length=1)

    _params: Any = PrivateAttr(default=None)  # the kind's validated Params, set by the loader

    @model_validator(mode="after")
    def _points(self):
        if self.deduct is not None and self.per is not None:
            raise ValueError("deduct（每次固定扣分）与 per（按处扣分）只能二选一")
        if self.cap is not None and self.per is None:
            raise ValueError("cap（扣分上限）只能与 per 一起使用")
        return self

    @property
    def params(self) -> Any:
        return self._params

    def weighs(self) -> bool:
        """Whether a fail costs points (experimental rules and plain info notes do not)."""
        if self.experimental:
            return False
        return self.deduct is not None or self.per is not None

    def max_deduction(self) -> float:
        if self.deduct is not None:
            return self.deduct
        if self.per is not None:
            return self.cap if self.cap is not None else float("inf")
        return 0.0


class Group(Strict):
    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$")
    title: str = Field(min_length=1)
    points: float = Field(ge=0)
    rules: list[Rule] = Field(min_length=1)


class RulePack(Strict):
    pack: str = Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$")
    title: str = Field(min_length=1)
    version: str = Field(min_length=1, strict=True)
    basis: str = Field(min_length=1)
    description: str | None = None
    applies: Applies = Field(default_factory=Applies)
    grades: dict[str, float] = Field(default_factory=dict)
    bonus_cap: float = Field(default=0, ge=0)
    points: float | None = Field(default=None, gt=0)
    groups: list[Group] = Field(min_length=1)

    # Where the pack came from, and how local policy changed it (not part of the YAML).
    _path: str = PrivateAttr(default="")
    _sha256: str = PrivateAttr(default="")
    _overrides: list[str] = PrivateAttr(default_factory=list)
    _weight: float = PrivateAttr(default=1.0)
    _origins: dict[str, str] = PrivateAttr(default_factory=dict)  # "RULE.field" -> "file:line"

    @property
    def id(self) -> str:
        return self.pack

    @property
    def path(self) -> str:
        return self._path

    @property
    def weight(self) -> float:
        return self._weight

    @property
    def total_points(self) -> float:
        return sum(g.points for g in self.groups)

    def stamp(self) -> PackStamp:
        return PackStamp(id=self.pack, version=self.version, sha256=self._sha256, overrides=list(self._overrides))

    def rules(self):
        """(group, rule) pairs, enabled or not, in file order."""
        for g in self.groups:
            for r in g.rules:
                yield g, r

    def part_rules(self) -> dict[int, str]:
        """Official part → id of the enabled rule that deducts for its absence (section_present)."""
        out: dict[int, str] = {}
        for _, r in self.rules():
            part = r.with_.get("part")
            if r.enabled and r.check == "section_present" and isinstance(part, int) and not r.with_.get("heading"):
                out.setdefault(part, r.id)
        return out

    def rule(self, rule_id: str) -> Rule | None:
        for _, r in self.rules():
            if r.id == rule_id or rule_id in r.aliases:
                return r
        return None

    def dump(self) -> dict[str, Any]:
        """The YAML-shaped dict (keys as written in files, defaults left out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_defaults=True)
