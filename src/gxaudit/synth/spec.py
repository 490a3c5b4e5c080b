"""SpecBlock: the format-free description of a document that the renderers write.

`rows` is the full grid; a span (row, col, rowspan, colspan) says the cells it covers are one
merged cell whose text is the one at (row, col). `expanded()` is the grid every reader must
give back for a faithful format.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class SpecBlock(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["heading", "paragraph", "table"]
    text: str = ""
    level: int = 1
    rows: list[list[str]] = Field(default_factory=list)
    spans: list[tuple[int, int, int, int]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> SpecBlock:
        if self.kind == "table":
            if not self.rows or any(len(r) != len(self.rows[0]) for r in self.rows):
                raise ValueError("a table needs a non-empty rectangular grid")
            seen: set[tuple[int, int]] = set()
            for r, c, rs, cs in self.spans:
                if rs < 1 or cs < 1 or r + rs > len(self.rows) or c + cs > len(self.rows[0]):
                    raise ValueError(f"span {(r, c, rs, cs)} leaves the grid")
                cover = {(r + i, c + j) for i in range(rs) for j in range(cs)}
                if cover & seen:
                    raise ValueError(f"span {(r, c, rs, cs)} overlaps another")
                seen |= cover
        return self

    def origin(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Covered cell -> origin cell of its span (origins themselves excluded)."""
        out = {}
        for r, c, rs, cs in self.spans:
            for i in range(rs):
                for j in range(cs):
                    if i or j:
                        out[(r + i, c + j)] = (r, c)
        return out

    def span_at(self, r: int, c: int) -> tuple[int, int]:
        for sr, sc, rs, cs in self.spans:
            if (sr, sc) == (r, c):
                return rs, cs
        return 1, 1

    def expanded(self) -> list[list[str]]:
        covered = self.origin()
        return [[self.rows[covered[(r, c)][0]][covered[(r, c)][1]] if (r, c) in covered else v
                 for c, v in enumerate(row)] for r, row in enumerate(self.rows)]

    def merged_mask(self) -> list[list[bool]]:
        covered = self.origin()
        return [[(r, c) in covered for c in range(len(row))] for r, row in enumerate(self.rows)]
