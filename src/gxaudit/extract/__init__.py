"""extract: a Document to Submissions (DESIGN.md stage 2).

One file usually holds one document; an essay-site collection holds many and is split
(`split`), each part its own Submission (`id` = path + "#k"). Per part: the section tree
(`sections`), the official tables (`tables.find_tables`, another module's job), the doc
type from the content format (`doctype`), and who/when/which year (`metadata`), every
inferred value saying where it came from. Publication logs and site snapshots go to
`monthly` (which picks `publog` or `snapshot`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from gxaudit.extract import doctype, metadata
from gxaudit.extract.body import Body, Line, read_body
from gxaudit.extract.dates import first_date
from gxaudit.extract.logdates import parse_log_date
from gxaudit.extract.sections import assign_parts, build_outline, expand_inline, legacy_items, official_parts
from gxaudit.extract.split import COLLECTION, split_lines
from gxaudit.model import Block, Document, Loc, ReadFailure, Sourced, Submission, Table

__all__ = ["document_from_text", "extract", "failed_submission", "submission_from_text"]

try:  # the official-table reader is another module's job; without it tables stay empty
    from gxaudit.extract.tables import find_tables as _find_tables
except ImportError:  # pragma: no cover - only while that module is being written
    _find_tables = None

try:  # publication logs and site snapshots (the monthly readers)
    from gxaudit.extract import monthly as _monthly
except ImportError:  # pragma: no cover
    _monthly = None


def _tables(lines: list[Line], year: int | None) -> tuple[dict[str, Table], list[str]]:
    if _find_tables is None:
        return {}, []
    blocks = [ln.block if ln.kind == "table" and ln.block is not None
              else Block(kind="heading" if ln.kind == "heading" else "paragraph", text=ln.text,
                         level=ln.level, loc=ln.loc)
              for ln in lines]
    return _find_tables(blocks, year)


def _manifest_fields(manifest: dict[str, str] | None) -> dict[str, str]:
    m = {k: str(v).strip() for k, v in (manifest or {}).items() if v is not None and str(v).strip()}
    if "published_at" in m:
        d = parse_log_date(m["published_at"]).date or first_date(m["published_at"])
        if d:
            m["published_at"] = d.isoformat()
        else:
            m.pop("published_at")
    return m


def extract(doc: Document, manifest: dict[str, str] | None = None) -> list[Submission]:
    """Every document the file holds, in file order (one for almost every file)."""
    man = _manifest_fields(manifest)
    if _monthly is not None:
        found = _monthly.submissions(doc, man)
        if found is not None:
            return found
    body = read_body(doc)
    lines = expand_inline(body.lines)
    parts = split_lines(lines)
    if len(parts) == 1:
        return [_submission(doc, body, lines, man, doc.path, 1, 1, None)]
    first = [ln for ln in parts[0] if ln.kind != "table"]
    collection = first[0].text.strip() if first else ""
    return [_submission(doc, body, part, man, f"{doc.path}#{k}", k, len(parts), collection)
            for k, part in enumerate(parts, start=1)]


def _submission(doc: Document, body: Body, lines: list[Line], man: dict[str, str], sid: str,
                k: int, n: int, collection: str | None) -> Submission:
    warnings = list(doc.warnings)
    meta = doc.meta if k == 1 else {}
    if n > 1:
        title = Sourced(detail=f"合集“{collection}”中的第{k}篇，无单独标题")
        skip: list[int] = [0] if k == 1 else []
        warnings.append(f"{doc.path}：一个文件内含{n}篇文档（本篇为第{k}篇），已分别提取；合集不能作为一份年度报告评分。")
    else:
        title, skip = metadata.title_of(lines, body, meta)
    title_text = str(collection or title.value or "")
    m = COLLECTION.search(title_text)
    if m:
        stated = int(m.group(1))
        if stated != n:
            warnings.append(f"{doc.path}：标题称含{stated}篇，实际识别出{n}篇，请人工核对。")
        if n == 1:
            warnings.append(f"{doc.path}：标题“{title_text}”表明这是范文网站的合集，不是单位自己的报告。")
    outline = build_outline(lines, set(skip))
    agency = metadata.agency_of(title, body, lines, meta, doc.path if n == 1 else "", man, collection=n > 1)
    kind = (Sourced(value=man["kind"], source="manifest") if man.get("kind") else
            Sourced(value=metadata.agency_kind_of(agency.value), source=agency.source,
                    detail="由单位名称推断") if agency.value else Sourced(detail="单位不明，无法判断类别"))
    if agency.value and kind.value is None:
        kind = Sourced(value="其他", source=agency.source, detail=f"名称“{agency.value}”未显示单位层级")
    year = metadata.report_year_of(title, [ln for i, ln in enumerate(lines) if i not in skip], man)
    tables, table_warnings = _tables(lines, year.value)
    assign_parts(outline, "official")
    text = "\n".join([p.text for p in outline.paragraphs] + [
        " ".join(cell for row in ln.block.rows or [] for cell in row) for ln in lines if ln.kind == "table" and ln.block])
    dtype, dt_warnings = doctype.decide(str(title.value or collection or ""), text, official_parts(outline.sections),
                                        legacy_items(outline), tables, year.value)
    if not str(dtype.value).startswith("annual_report_20"):
        assign_parts(outline, "legacy")
        # A free-form document has no official tables: keep only its 统计表 and what the reader
        # said about it (its messages name the table "统计表"); the rest is the reader trying
        # the official templates on headings that merely share their wording.
        tables = {key: t for key, t in tables.items() if key == "legacy_stats"}
        table_warnings = [w for w in table_warnings if "统计表" in w] if tables else []
    warnings.extend(table_warnings)
    if not any("图片" in w for w in table_warnings):
        warnings.extend(dt_warnings)
    period = (Sourced(value=man["period"], source="manifest") if man.get("period") else
              Sourced(value=str(year.value), source=year.source, detail="报告年度") if year.value else Sourced())
    published = metadata.published_of(body, lines, meta, man) if k == 1 or n == 1 else Sourced(
        detail="合集中的单篇，无发布日期")
    warnings.extend(_unknown(doc.path, k, n, agency, year, str(dtype.value)))
    return Submission(
        id=sid, file=doc.path, sha256=doc.sha256, format=doc.format, title=title, agency=agency,
        agency_kind=kind, report_year=year, period=period, doc_type=dtype, published_at=published,
        url=metadata.url_of(body, meta, man), sections=outline.sections, tables=tables,
        paragraphs=outline.paragraphs, parts_in_file=n, warnings=warnings,
    )


def _unknown(path: str, k: int, n: int, agency: Sourced, year: Sourced, dtype: str) -> list[str]:
    """Say so when who or which year is unknown: such a part must not pass for a real report.

    The year only matters for reports and summaries (a notice has no report year)."""
    where = f"{path}（第{k}篇）" if n > 1 else path

    def why(s: Sourced, said: str) -> str:
        extra = (s.detail or "").removeprefix(said).lstrip("：:")
        return f"（{extra}）" if extra else ""

    out = []
    if agency.value is None:
        out.append(f"{where}：未能识别单位名称{why(agency, '未能识别发布单位')}，不能作为某单位的报告评分；"
                   "请在 manifest.csv 的“单位”列填写。")
    if year.value is None and (dtype.startswith("annual_report") or dtype == "work_summary"):
        out.append(f"{where}：未能识别报告年度{why(year, '未能识别报告年度')}；请在 manifest.csv 的“期间”列填写。")
    return out


def failed_submission(failure: ReadFailure, manifest: dict[str, str] | None = None) -> Submission:
    """An unreadable file as a Submission, so it appears in every output marked 无法读取."""
    man = _manifest_fields(manifest)
    agency = Sourced(value=man["agency"], source="manifest") if man.get("agency") else Sourced(detail="文件无法读取")
    kind = Sourced(value=man["kind"], source="manifest") if man.get("kind") else Sourced()
    period = Sourced(value=man["period"], source="manifest") if man.get("period") else Sourced()
    year = Sourced(value=int(man["period"][:4]), source="manifest") if man.get("period", "")[:4].isdigit() else Sourced()
    published = (Sourced(value=dt.date.fromisoformat(man["published_at"]), source="manifest")
                 if man.get("published_at") else Sourced())
    return Submission(id=failure.path, file=failure.path, agency=agency, agency_kind=kind, period=period,
                      report_year=year, published_at=published, url=man.get("url"),
                      warnings=[failure.message], failure=failure)


def document_from_text(text: str, name: str = "case.txt") -> Document:
    """A txt-like Document: one paragraph block per non-blank line, numbered like the txt reader."""
    blocks = [Block(kind="paragraph", text=line, loc=Loc(file=name, line=n, block=i))
              for i, (n, line) in enumerate((n, ln) for n, ln in enumerate(text.splitlines(), start=1) if ln.strip())]
    for i, b in enumerate(blocks):
        b.loc.block = i
    data = text.encode("utf-8")
    return Document(path=name, format="txt", sha256=hashlib.sha256(data).hexdigest(), size=len(data), blocks=blocks)


def submission_from_text(text: str, name: str = "case.txt", manifest: dict[str, str] | None = None) -> Submission:
    """The first submission of an inline text (rule test cases use this)."""
    return extract(document_from_text(text, name), manifest)[0]
