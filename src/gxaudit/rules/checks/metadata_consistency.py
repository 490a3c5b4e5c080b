"""metadata_consistency — the body agrees with the title on whose report on which year this is.

One kind, four aspects (`aspect:`), each reading only what the document says about itself:

- `report_year` — the statistical period and the sentences in which the report names itself
  ("现公布2023年度政府信息公开年度报告", "编制的2023年度…年度报告", a printed title at the top)
  give the title's year. Good: title 2024, "统计期限为2024年1月1日至2024年12月31日" → pass.
  Bad: title 2024, "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止" → fail, with the line.
- `reporter` — the body named as the report's author ("由石桥镇人民政府编制", "XX编制完成了本报告",
  a printed title, a short signature line) is the title's / submitter's body. Names are compared
  by their place units (省/市/县/区/镇/乡/街道 …, level by level) and the department left after
  them, so 区管委会办公室 is the 区's own office, 县卫健委 is 县卫生健康委员会, and only a different
  place or a different department is a contradiction. Good: title 平潭综合实验区, "区管委会办公室编制
  完成了本报告" → pass. Bad: title 城关镇人民政府, "本报告由石桥镇人民政府编制" → fail.
- `subject_year` — the years the text talks about: the stated year (or the next, for plans and
  the publication date) should be the one mentioned most. Mentions inside 《》 titles and
  "2020年以来" do not count. Good: a 2019 report mentioning 2019 13 times and 2020 twice (its
  plans) → pass. Bad: titled 2024, the body speaks of 2022 seven times and of 2024 once → fail.
- `single_document` — one file holds one document (the extractor's `parts_in_file`). Bad: an
  essay-site collection "(通用14篇)" split into 14 documents → fail on each.

No stated year (nothing in the title or manifest) → cannot_evaluate; nothing in the body that
names a year or a reporter → pass (there is nothing contradicting the title).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import Field

from gxaudit.model import CheckResult, Evidence, Paragraph, Submission
from gxaudit.rules.checks._common import Strict, para_evidence, snippet
from gxaudit.rules.context import CheckContext

_YEAR = r"((?:19|20)\d{2})"
_BOOK = re.compile(r"《[^《》]{0,80}》")
_PERIOD = re.compile(
    r"统计(?:期限|期间|时限|区间|周期|时间)[^。\n]{0,12}?" + _YEAR + r"\s*年\s*0?1\s*月\s*0?1\s*日"
    r"[^。\n\d]{0,8}?" + _YEAR + r"\s*年\s*12\s*月\s*31\s*日")
_SELF_YEAR = re.compile(
    r"(?:现(?:将|予|特)?(?:公布|发布|印发|报告|报送)|编制(?:完成)?了?的?|形成了?|本报告(?:是|为)?)"
    r"[^。\n年]{0,30}?" + _YEAR + r"\s*年度?\s*(?:本[^。\n]{0,6})?(?:政府信息公开|政务公开|信息公开)"
    r"[^。\n]{0,6}?(?:年度)?(?:工作)?(?:年度)?报告")
_HEAD_YEAR = re.compile(r"^[\s<>!\-]*[^。\n，,]{2,40}?" + _YEAR + r"\s*年度?\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?报告")
_NAME_CH = r"[^，,。.、；;：:\s“”\"()（）《》＿<>\-]"
_BY = re.compile(r"由(" + _NAME_CH + r"{2,30}?)(?:负责|牵头|组织)?(?:编制|编写|撰写|起草|制作)")
_DONE = re.compile(r"(" + _NAME_CH + r"{2,30}?)(?:负责|牵头|组织)?(?:编制|编写|撰写)完成了?本(?:年度)?报告")
_SIGN = re.compile(r"^\s*([\u4e00-\u9fff]{3,30}?(?:人民政府|政府|管委会|管理委员会|办公室|局|委员会|委|办事处|中心))"
                   r"\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|二[〇○零][\u4e00-\u9fff]{4,10}日)?\s*$")
_AGENCY_END = re.compile(r"(人民政府|政府|管委会|管理委员会|办公室|办|局|委员会|委|厅|署|院|所|中心|站|队|馆|镇|乡|街道|"
                         r"办事处|区|县|市|州|盟|旗)$")
_HEAD_NAME = re.compile(r"^[\s<>!\-]*([\u4e00-\u9fff]{2,40}?)\s*" + _YEAR + r"\s*年度?\s*(?:政府信息公开|政务公开|信息公开)")
_MENTION = re.compile(r"(?<![\d〔\[［(（])" + _YEAR + r"\s*年(?!以来|以前|之前|至今|起|前)")

# place units by level; a name's units are compared level by level
_LEVELS = [("省", "自治区"), ("市", "自治州", "州", "盟", "地区"), ("县", "自治县", "旗", "区", "实验区", "新区", "开发区"),
           ("镇", "乡", "街道", "苏木"), ("村", "社区")]
_UNIT = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:自治区|自治州|自治县|实验区|开发区|新区|街道|苏木|地区|社区|省|市|州|盟|县|旗|区|镇|乡|村))")
_OWN = ("我区", "我县", "我市", "我镇", "我乡", "我局", "我委", "我办", "本机关", "本单位", "我单位", "本局", "本委", "区", "县", "市", "镇", "乡")
_GENERIC = re.compile(r"(人民政府|政府|党工委|党委|管委会|管理委员会|办公室|党政办|党政综合办公室|综合办|政务公开办公室|"
                      r"政务公开办|公开办|办事处|政务服务中心|信息公开领导小组|领导小组)")


class Params(Strict):
    aspect: Literal["report_year", "reporter", "subject_year", "single_document"]
    min_mentions: int = Field(default=3, ge=1)  # subject_year: another year needs this many mentions
    ratio: float = Field(default=2.0, ge=1)  # … and this many times the stated year's mentions
    head_paragraphs: int = Field(default=3, ge=1)  # where a printed title may stand
    max_evidence: int = Field(default=5, ge=1)


def run(sub: Submission, params: Params, ctx: CheckContext) -> list[CheckResult]:
    if params.aspect == "single_document":
        return [_single(sub)]
    if params.aspect == "reporter":
        return [_reporter(sub, params)]
    year, where = stated_year(sub)
    if year is None:
        return [CheckResult(outcome="cannot_evaluate", message="标题和报送信息中未写明报告年度，无法核对正文年度")]
    if params.aspect == "report_year":
        return [_report_year(sub, params, year, where)]
    return [_subject_year(sub, params, year, where)]


def stated_year(sub: Submission) -> tuple[int | None, str]:
    """The year the title (else the manifest / page metadata) gives; never the body's own."""
    title = _nfkc(sub.title.value if isinstance(sub.title.value, str) else "")
    m = re.search(_YEAR + r"\s*年", title)
    if m:
        return int(m.group(1)), f"标题“{title[:40]}”"
    if sub.report_year.source in ("manifest", "title", "meta", "config", "file"):
        try:
            return int(str(sub.report_year.value)[:4]), "报送信息"
        except ValueError:
            return None, ""
    return None, ""


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def _body(sub: Submission) -> list[tuple[Paragraph, str]]:
    """Paragraphs with 《…》 titles blanked (a cited notice's year is not the report's)."""
    return [(p, _BOOK.sub(lambda m: "《" + "＿" * (len(m.group(0)) - 2) + "》", _nfkc(p.text))) for p in sub.paragraphs]


def _report_year(sub: Submission, params: Params, year: int, where: str) -> CheckResult:
    bad: list[Evidence] = []
    seen: list[str] = []
    body = _body(sub)
    # a work summary that "编制并公布2022年度…年度报告" names last year's annual report, not itself
    summary = sub.doc_type.value == "work_summary"
    for i, (p, text) in enumerate(body):
        hits = [(m, {int(m.group(1)), int(m.group(2))}) for m in _PERIOD.finditer(text)]
        hits += [(m, {int(m.group(1))}) for m in _SELF_YEAR.finditer(text)
                 if not (summary and "年度报告" in m.group(0))]
        if i < params.head_paragraphs:
            hits += [(m, {int(m.group(1))}) for m in _HEAD_YEAR.finditer(text)]
        for m, years in hits:
            if len(years) > 1:
                continue  # a period spanning two years is HY-04's finding (起止年份不一致)
            (other,) = years
            if other != year:
                quote = snippet(text, m.start(), m.end(), pad=4)
                bad.append(para_evidence(sub, p, quote, detail=f"正文写{other}年，{where}为{year}年"))
                seen.append(str(other))
    if not bad:
        return CheckResult(outcome="pass", message=f"正文的统计期限和报告自述年度与{where}一致（{year}年）")
    return CheckResult(
        outcome="fail", count=len(bad), evidence=bad[: params.max_evidence],
        data={"stated": year, "found": sorted(set(seen))},
        message=f"{where}为{year}年，但正文 {len(bad)} 处把本报告写成{'、'.join(sorted(set(seen)))}年（如“{bad[0].quote}”）",
    )


def _subject_year(sub: Submission, params: Params, year: int, where: str) -> CheckResult:
    counts: dict[int, int] = {}
    first: dict[int, tuple[Paragraph, str, re.Match]] = {}
    for p, text in _body(sub):
        for m in _MENTION.finditer(text):
            y = int(m.group(1))
            counts[y] = counts.get(y, 0) + 1
            first.setdefault(y, (p, text, m))
    own = counts.get(year, 0) + counts.get(year + 1, 0)
    data = {"stated": year, "mentions": {str(k): v for k, v in sorted(counts.items())}}
    others = sorted(((n, y) for y, n in counts.items() if y not in (year, year + 1)), reverse=True)
    if not others or others[0][0] < params.min_mentions or others[0][0] < params.ratio * max(own, 1) and own:
        return CheckResult(outcome="pass", data=data,
                           message=f"正文以{year}年为主（提及{year}年 {counts.get(year, 0)} 次）")
    n, other = others[0]
    p, text, m = first[other]
    ev = para_evidence(sub, p, snippet(text, m.start(), m.end()), detail=f"提及{other}年 {n} 次，{year}年 {counts.get(year, 0)} 次")
    return CheckResult(
        outcome="fail", evidence=[ev], data=data,
        message=f"{where}为{year}年，但正文主要讲{other}年的情况（提及{other}年 {n} 次，{year}年仅 {counts.get(year, 0)} 次），疑似套用其他年度的报告",
    )


def _single(sub: Submission) -> CheckResult:
    n = sub.parts_in_file
    if n <= 1:
        return CheckResult(outcome="pass", message="文件只包含一篇文档")
    return CheckResult(
        outcome="fail", data={"parts_in_file": n},
        evidence=[Evidence(file=sub.file, detail=f"同一文件中识别出 {n} 篇文档（本篇为 {sub.id}）")],
        message=f"文件“{sub.file}”包含 {n} 篇不同的文档（疑为合集或范文汇编），不是一份单独的报告",
    )


# --------------------------------------------------------------------------- reporter


def _reporter(sub: Submission, params: Params) -> CheckResult:
    refs = _reference_names(sub)
    if not refs:
        return CheckResult(outcome="pass", message="未能确定报送单位名称，无可比对的内容")
    bad: list[Evidence] = []
    names: list[str] = []
    for p, text, name, m in _claimed(sub, params):
        for ref, where in refs:
            why = conflict(ref, name)
            if why and name not in names:
                bad.append(para_evidence(sub, p, snippet(text, m.start(), m.end(), pad=4),
                                         detail=f"{where}为“{ref}”，正文写“{name}”（{why}）"))
                names.append(name)
    title_name = _title_name(sub)
    for ref, where in refs:
        if title_name and where != "标题":
            why = conflict(ref, title_name)
            if why and title_name not in names:
                bad.insert(0, Evidence(file=sub.file, quote=str(sub.title.value)[:120],
                                       detail=f"{where}为“{ref}”，标题写“{title_name}”（{why}）"))
                names.insert(0, title_name)
    if not bad:
        return CheckResult(outcome="pass", message="正文所写的报告单位与标题、报送单位一致")
    return CheckResult(
        outcome="fail", count=len(bad), evidence=bad[: params.max_evidence], data={"names": names},
        message=f"报告单位不一致：{bad[0].detail}" + (f"等 {len(bad)} 处" if len(bad) > 1 else ""),
    )


def _title_name(sub: Submission) -> str | None:
    m = _HEAD_NAME.match(_nfkc(sub.title.value if isinstance(sub.title.value, str) else ""))
    return m.group(1) if m and _AGENCY_END.search(m.group(1)) else None


def _reference_names(sub: Submission) -> list[tuple[str, str]]:
    """Who the report should be by: the submitter (manifest, folder, roster), else the title."""
    out = []
    value = sub.agency.value if isinstance(sub.agency.value, str) else None
    if value and sub.agency.source in ("manifest", "config", "file", "meta"):
        out.append((value, "报送单位"))
    title = _title_name(sub) or (value if sub.agency.source == "title" else None)
    if title:
        out.append((title, "标题"))
    return [(n, w) for n, w in out if _CJK.search(n)]


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _claimed(sub: Submission, params: Params):
    """(paragraph, text, name, match) for every place the body names the report's author."""
    body = _body(sub)
    for i, (p, text) in enumerate(body):
        for rx in (_BY, _DONE):
            for m in rx.finditer(text):
                name = _strip_own(m.group(1))
                if name and _AGENCY_END.search(name):
                    yield p, text, name, m
        if i < params.head_paragraphs:
            m = _HEAD_NAME.match(text)
            if m and _AGENCY_END.search(m.group(1)):
                yield p, text, m.group(1), m
        if i >= len(body) - 3 and len(text.strip()) <= 40:
            m = _SIGN.match(text)
            if m:
                yield p, text, m.group(1), m


def _strip_own(name: str) -> str | None:
    for own in _OWN:
        if name.startswith(own) and not _UNIT.match(name):
            name = name[len(own):]
            break
    return name if _CJK.search(name) else None


def units(name: str) -> dict[int, str]:
    """Place units by level: '青山县石桥镇人民政府' → {2: '青山县', 3: '石桥镇'} (longest suffix decides)."""
    out: dict[int, str] = {}
    for m in _UNIT.finditer(name):
        unit = m.group(1)
        level = max(((len(s), lv) for lv, sufs in enumerate(_LEVELS) for s in sufs if unit.endswith(s)), default=None)
        if level is not None:
            out.setdefault(level[1], unit)
    return out


def department(name: str) -> str:
    """What is left after the place units and the body's own generic offices: '卫生健康委员会'."""
    rest = _UNIT.sub("", name)
    return _GENERIC.sub("", rest)


def _same(a: str, b: str) -> bool:
    """Equal, or one an abbreviation of the other (its characters in order: 卫健委 ⊂ 卫生健康委员会)."""
    short, long_ = sorted((a, b), key=len)
    it = iter(long_)
    return short == long_ or all(ch in it for ch in short)


def conflict(ref: str, name: str) -> str | None:
    """Why `name` is another body than `ref`, or None when it may be the same body."""
    ref, name = _nfkc(ref), _nfkc(name)
    if _same(ref, name):
        return None
    ur, un = units(ref), units(name)
    for level in sorted(set(ur) & set(un)):
        a, b = ur[level], un[level]
        if not (_same(a, b) or _same(_stem(a), _stem(b))):
            return f"地名不同：{a}／{b}"
    da, db = department(ref), department(name)
    if da and db and not (_same(da, db) or da in db or db in da):
        return f"部门不同：{da}／{db}"
    return None


def _stem(unit: str) -> str:
    for suffixes in _LEVELS:
        for s in sorted(suffixes, key=len, reverse=True):
            if unit.endswith(s) and len(unit) > len(s):
                return unit[: -len(s)]
    return unit
