"""Phrase and regex matching shared by pattern_absent and pattern_present.

Phrases are literal; patterns are regular expressions, compiled at load time so that a bad one
is a rule-file error with its line, not a crash while scoring.
"""

from __future__ import annotations

import re

from pydantic import Field, PrivateAttr, field_validator, model_validator

from gxaudit.rules.checks._common import Scope


class PatternParams(Scope):
    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    ignore_case: bool = True
    _compiled: list[re.Pattern] = PrivateAttr(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _compile(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"正则表达式“{p}”有误：{e}") from None
        return v

    @model_validator(mode="after")
    def _build(self):
        if not self.phrases and not self.patterns:
            raise ValueError("需要 phrases（短语）或 patterns（正则表达式）")
        flags = re.IGNORECASE if self.ignore_case else 0
        self._compiled = [re.compile(re.escape(p), flags) for p in self.phrases if p] + [
            re.compile(p, flags) for p in self.patterns
        ]
        return self

    def labels(self) -> list[str]:
        return [p for p in self.phrases if p] + list(self.patterns)
