"""Rank scorecards within peer groups, the way county circulars print them.

- Townships and sub-districts (乡镇, 街道) are one peer group, 乡镇（街道）; county departments
  (县直部门) are another. Offices change this mapping in ``gxaudit.toml`` (``[ranking.peer_groups]``)
  or per agency in the roster.
- Ranks are competition ranks on the total rounded to 2 decimals: 95, 90, 90, 85 → 1, 2, 2, 4.
- Ties keep equal ranks; only the printed ORDER breaks them, stably: fewer veto findings first,
  then fewer error-severity failures, then agency name in code-point order (no pinyin: the
  order must not depend on a locale or a dictionary version).
- Rows that are not ranked follow the ranked ones of their group: not scored, then unreadable
  (无法读取), then roster agencies that submitted nothing (未报送).
- rank_change = previous rank − current rank (positive: moved up), only when the caller passes
  previous ranks made under the same pack stamp.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from gxaudit.model import RankRow, Scorecard

DEFAULT_PEER_GROUPS = {"乡镇": "乡镇（街道）", "街道": "乡镇（街道）", "县直部门": "县直部门"}
OTHER = "其他"
STATUS_ORDER = {"scored": 0, "not_scored": 1, "unreadable": 2, "missing": 3}
COLUMNS = ["agency", "peer_group", "total", "grade", "status", "veto_count", "error_count",
           "rank", "prev_rank", "rank_change", "submission_ids"]


def peer_group_for(kind: str | None, mapping: dict[str, str] | None = None) -> str:
    merged = {**DEFAULT_PEER_GROUPS, **(mapping or {})}
    if not kind:
        return OTHER
    return merged.get(kind, kind)


def group_order(groups: Iterable[str], mapping: dict[str, str] | None = None) -> list[str]:
    """Known groups in mapping order, then the rest by code point, 其他 last."""
    known = list(dict.fromkeys([*DEFAULT_PEER_GROUPS.values(), *(mapping or {}).values()]))
    present = set(groups)
    head = [g for g in known if g in present and g != OTHER]
    tail = sorted(present - set(head) - {OTHER})
    return head + tail + ([OTHER] if OTHER in present else [])


def _counts(card: Scorecard) -> tuple[int, int]:
    fails = [f for f in card.findings if f.outcome == "fail"]
    return sum(1 for f in fails if f.veto), sum(1 for f in fails if f.severity == "error")


def rank_frame(
    scorecards: Iterable[Scorecard],
    prev_ranks: dict[tuple[str, str], int] | None = None,
    missing: Iterable[tuple[str, str]] = (),
    peer_groups: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The ranking as a DataFrame, already in printed order.

    prev_ranks: (peer_group, agency) → rank in the previous comparable period.
    missing: (agency, peer_group) of roster agencies with no submission at all.
    """
    prev_ranks = prev_ranks or {}
    records = []
    for c in scorecards:
        veto, errors = _counts(c)
        records.append({
            "agency": c.agency, "peer_group": c.peer_group,
            "total": round(c.total, 2) if c.status == "scored" else None,
            "grade": c.grade if c.status == "scored" else None, "status": c.status,
            "veto_count": veto, "error_count": errors, "submission_ids": list(c.submission_ids),
        })
    have = {r["agency"] for r in records}
    for agency, group in missing:
        if agency not in have:
            have.add(agency)
            records.append({"agency": agency, "peer_group": group, "total": None, "grade": None,
                            "status": "missing", "veto_count": 0, "error_count": 0,
                            "submission_ids": []})
    df = pd.DataFrame.from_records(records, columns=[c for c in COLUMNS if c not in
                                                     ("rank", "prev_rank", "rank_change")])
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    scored = df["status"] == "scored"
    df["rank"] = pd.Series(pd.NA, index=df.index, dtype="Int64")
    if scored.any():
        ranks = df.loc[scored].groupby("peer_group")["total"].rank(method="min", ascending=False)
        df.loc[scored, "rank"] = ranks.astype("Int64")
    df["prev_rank"] = pd.array(
        [prev_ranks.get((g, a)) if s == "scored" else None
         for g, a, s in zip(df["peer_group"], df["agency"], df["status"])], dtype="Int64")
    df["rank_change"] = df["prev_rank"] - df["rank"]
    order = {g: i for i, g in enumerate(group_order(df["peer_group"], peer_groups))}
    df["_g"] = df["peer_group"].map(order)
    df["_s"] = df["status"].map(STATUS_ORDER).fillna(len(STATUS_ORDER))
    df["_t"] = -df["total"].fillna(-1e9)  # ranked rows: higher total first
    df = df.sort_values(["_g", "_s", "_t", "veto_count", "error_count", "agency"], kind="mergesort")
    return df.drop(columns=["_g", "_s", "_t"]).reset_index(drop=True)[COLUMNS]


def _opt_int(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def rows_from_frame(df: pd.DataFrame) -> list[RankRow]:
    out = []
    for r in df.to_dict("records"):
        out.append(RankRow(
            agency=r["agency"], peer_group=r["peer_group"],
            total=None if r["total"] is None or pd.isna(r["total"]) else float(r["total"]),
            grade=r["grade"] if isinstance(r["grade"], str) else None,
            rank=_opt_int(r["rank"]), prev_rank=_opt_int(r["prev_rank"]),
            rank_change=_opt_int(r["rank_change"]), status=r["status"],
            submission_ids=list(r["submission_ids"]),
        ))
    return out


def rank(
    scorecards: Iterable[Scorecard],
    prev_ranks: dict[tuple[str, str], int] | None = None,
    missing: Iterable[tuple[str, str]] = (),
    peer_groups: dict[str, str] | None = None,
) -> list[RankRow]:
    """Ranking rows in printed order (see the module docstring for the rules)."""
    return rows_from_frame(rank_frame(scorecards, prev_ranks, missing, peer_groups))
