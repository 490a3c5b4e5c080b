"""Who sent each document: the agency a submission is scored under, and its peer group.

Why apart from the pipeline: the name decides everything downstream (whose scorecard, which
peer group, last year's report, the roster check), and it comes from several places that must
be weighed in a fixed order — the manifest, the folder, the roster (agencies.csv), what the
text says, and as a last resort the file's name. The pipeline calls this on heads.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from gxaudit.discover import Discovery
from gxaudit.filejobs import FileResult
from gxaudit.model import Sourced, Submission
from gxaudit.ranking import peer_group_for


def _roster_names(subs: list[Submission], names: list[str]) -> None:
    """Map extracted agency names onto roster names when exactly one roster name fits."""
    for s in subs:
        value = s.agency.value
        if not value or value in names or s.agency.source == "manifest":
            continue
        fits = [n for n in names if n in value or value in n]
        if len(fits) == 1:
            s.agency = Sourced(value=fits[0], source="config",
                               detail=f"单位名单 agencies.csv（原文“{value}”）")


def _part_number(sub: Submission) -> int:
    _, sep, tail = sub.id.rpartition("#")
    return int(tail) if sep and tail.isdigit() else 1


def _file_name_agency(display: str, sub: Submission) -> Sourced:
    """The last resort: the file's name — and, for one part of a file that holds several
    documents, the part's number too, so that different bodies' texts found in one file are
    never added up into one scorecard."""
    stem = Path(display).stem
    if sub.parts_in_file > 1:
        k = _part_number(sub)
        width = len(str(sub.parts_in_file))  # 第01篇 … 第14篇: names sort in reading order
        return Sourced(value=f"{stem}（第{k:0{width}d}篇）", source="file",
                       detail=f"未识别单位名称，暂用文件名和篇序（该文件含{sub.parts_in_file}篇材料，这是第{k}篇）")
    return Sourced(value=stem, source="file", detail="未识别单位名称，暂用文件名")


def _unnamed_parts_note(parts: list[Submission]) -> list[str]:
    """One line per file whose parts still go by the file's name (the roster named none)."""
    unnamed: dict[str, list[Submission]] = defaultdict(list)
    for s in parts:
        if s.agency.source == "file":
            unnamed[s.file].append(s)
    return [f"{file}：含{group[0].parts_in_file}篇材料，其中{len(group)}篇未能识别报送单位，已按“文件名（第几篇）”分别评分；"
            "请在 manifest.csv 中为该文件填写单位名称，或把各篇拆成单独的文件后重新报送"
            for file, group in sorted(unnamed.items())]


def assign_agencies(results: list[FileResult], disc: Discovery) -> list[Submission]:
    """Folder and roster beat what the text says; a file name is the last resort."""
    by_display = {i.display: i for i in disc.inputs}
    roster = {e.agency: e for e in disc.roster}
    subs, unnamed_parts = [], []
    for r in results:
        inp = by_display[r.display]
        for s in r.submissions:
            if s.failure is not None:  # the extractor saw no text: the manifest is all we know
                if not s.agency.value and inp.manifest.get("agency"):
                    s.agency = Sourced(value=inp.manifest["agency"], source="manifest")
                if not s.agency_kind.value and inp.manifest.get("kind"):
                    s.agency_kind = Sourced(value=inp.manifest["kind"], source="manifest")
            if s.agency.source != "manifest" and inp.folder_agency:
                s.agency = Sourced(value=inp.folder_agency, source="file",
                                   detail=f"所在文件夹“{inp.folder_agency}”")
            elif not s.agency.value:
                s.agency = _file_name_agency(r.display, s)
                if s.parts_in_file > 1:
                    unnamed_parts.append(s)
            subs.append(s)
    _roster_names(subs, sorted(roster))
    disc.warnings.extend(_unnamed_parts_note(unnamed_parts))
    for s in subs:
        entry = roster.get(s.agency.value)
        if entry and entry.kind and s.agency_kind.source != "manifest":
            s.agency_kind = Sourced(value=entry.kind, source="config", detail="单位名单 agencies.csv")
    return subs


def agency_groups(subs: list[Submission], disc: Discovery, mapping: dict[str, str]) -> dict[str, str]:
    roster = {e.agency: e for e in disc.roster}
    kinds: dict[str, str | None] = {}
    for s in subs:
        kinds.setdefault(s.agency.value, None)
        if kinds[s.agency.value] is None and s.agency_kind.value:
            kinds[s.agency.value] = s.agency_kind.value
    out = {}
    for agency, kind in kinds.items():
        entry = roster.get(agency)
        out[agency] = (entry.peer_group if entry and entry.peer_group else
                       peer_group_for(kind or (entry.kind if entry else None), mapping))
    return out
