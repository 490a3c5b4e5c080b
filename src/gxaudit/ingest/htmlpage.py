"""Finding the article in a saved government page: meta tags, known CMS containers, and a
text-density fallback; plus the title and 发布日期 line printed around the article."""

from __future__ import annotations

import re

from lxml import etree

from gxaudit.ingest.common import squeeze

# Known article containers of Chinese government CMSes, most specific first.
CONTAINERS = (
    "//*[@id='zoom']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]",
    "//*[@id='UCAP-CONTENT']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' Custom_UnionStyle ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article_content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' xxgk_content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' pages_content ')]",
    "//*[@id='content']",
)
META_KEYS = {
    "title": ("ArticleTitle", "title"),
    "published": ("PubDate", "publishdate", "firstpublishedtime", "pubdate"),
    "source": ("ContentSource", "source"),
    "url": ("Url",),
    "column": ("ColumnName",),
}
DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
DATE_LINE = re.compile(rf"(发布日期|发布时间|发文日期|成文日期|日期|时间)\s*[：:]\s*({DATE})")
_MIN_TEXT = 20


def page_meta(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    names = {}
    for m in root.iter("meta"):
        key = (m.get("name") or "").strip().lower()
        if key and (m.get("content") or "").strip():
            names.setdefault(key, m.get("content").strip())
    for field, keys in META_KEYS.items():
        for k in keys:
            if k.lower() in names:
                found[field] = names[k.lower()]
                break
    return found


def text_of(el) -> str:
    return "".join(el.itertext())


def _text_len(el) -> int:
    return len(squeeze(text_of(el)))


def find_article(root: etree._Element) -> tuple[etree._Element, str]:
    """Return the article element and how it was found ('container' or 'density')."""
    for xp in CONTAINERS:
        hits = [e for e in root.xpath(xp) if _text_len(e) >= _MIN_TEXT]
        if hits:
            return max(hits, key=_text_len), "container"
    return density(root), "density"


def density(root: etree._Element) -> etree._Element:
    """The element with the most non-link text, then down into a child that holds most of it."""
    body = root.find("body")
    if body is None:
        body = root

    def score(el) -> float:
        total = _text_len(el)
        links = sum(_text_len(a) for a in el.iter("a"))
        return total - 2 * links

    candidates = [e for e in body.iter("div", "td", "article", "section", "main")] or [body]
    best = max(candidates, key=score)
    while True:
        kids = [k for k in best if isinstance(k.tag, str) and k.tag in ("div", "td", "article", "section", "main", "table", "tbody", "tr")]
        total = score(best)
        top = max(kids, key=score, default=None)
        if top is None or score(top) < 0.85 * total:
            return best
        best = top


def outside_text(root: etree._Element, article) -> str:
    """Page text with the article subtree left out: where the chrome prints title and date."""
    out: list[str] = []

    def visit(el):
        if el is article:
            out.append("\n")
            if el.tail:
                out.append(el.tail)
            return
        if isinstance(el.tag, str):
            if el.text:
                out.append(el.text)
            for k in el:
                visit(k)
        if el.tail:
            out.append(el.tail)

    visit(root)
    return "".join(out)


def chrome_title(root: etree._Element, article) -> str | None:
    for xp in ("//*[contains(@class, 'article_title')]", "//*[contains(@class, 'article-title')]", "//h1"):
        for el in root.xpath(xp):
            if article is not None and (el is article or article in el.iterancestors() or el in article.iterdescendants()):
                continue
            t = squeeze(text_of(el))
            if t:
                return t
    title = root.find(".//title")
    if title is not None and title.text:
        return re.split(r"[_|]| - ", squeeze(title.text))[0].strip() or None
    return None


def date_line(text: str) -> tuple[str, str] | None:
    """(line as printed, date) preferring 发布日期/发布时间 over a bare 时间."""
    hits = list(DATE_LINE.finditer(squeeze(text)))
    if not hits:
        return None
    hits.sort(key=lambda m: 0 if m.group(1).startswith("发布") else 1)
    m = hits[0]
    return f"{m.group(1)}：{m.group(2)}", m.group(2)
