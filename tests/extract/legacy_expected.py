"""The legacy 统计表 of every free-form pingtan report, typed by hand from the printed pages.

2015, 2017, 2018: from the <table> in body.html, cell by cell. Earlier years have no HTML:
2011_syq, 2012_syq, 2013_syq and 2014_syq print their cells with spaces between them (read off
page.txt); 2011_ptx prints the same table as 2011_syq; 2012_ptx and 2013_ptx were split by hand
and checked against the report's own prose (主动公开政府信息2026条 / 1853条, 共收到申请21条 …)
and against the chain 历年累计 = last year's + this year's. `None` marks a cell the page left out.
"""

from __future__ import annotations

ZERO_ROWS_REQ6 = "req_in_person req_fax req_email req_online req_letter req_other"


def _parse(spec: str) -> dict[str, tuple[float | None, float | None]]:
    out = {}
    for item in spec.split():
        key, vals = item.split("=")
        y, c = vals.split("/")
        out[key] = (None if y == "-" else float(y), None if c == "-" else float(c))
    return out


def _zeros(keys: str) -> str:
    return " ".join(f"{k}=0/0" for k in keys.split())


EXPECTED: dict[str, dict[str, tuple[float | None, float | None]]] = {
    "2011_syq": _parse(
        "proactive_total=425/1516 proactive_website=418/1509 proactive_gazette=7/7 requests_total=0/0 "
        + _zeros(ZERO_ROWS_REQ6 + " replies_total reply_granted reply_partial reply_refused reviews suits complaints")
    ),
    "2012_ptx": _parse(
        "proactive_total=2026/3542 proactive_website=1795/3304 proactive_gazette=0/7 requests_total=21/21 "
        "req_in_person=18/18 req_fax=0/0 req_email=3/3 req_online=0/0 req_letter=0/0 req_other=0/0 "
        "replies_total=21/21 reply_granted=17/17 reply_partial=2/2 reply_refused=2/2 reviews=0/0 suits=0/0 complaints=0/0"
    ),
    "2012_syq": _parse(
        "proactive_total=739/4359 proactive_website=739/4359 proactive_gazette=0/0 "
        + _zeros("requests_total req_in_person req_fax req_email req_online req_letter replies_total reply_granted "
                 "reply_partial reply_refused reviews suits complaints")
    ),
    "2013_ptx": _parse(
        "proactive_total=1853/5395 proactive_website=1713/5017 proactive_gazette=0/7 requests_total=7/28 "
        "req_in_person=0/18 req_fax=0/0 req_email=3/6 req_online=4/4 req_letter=0/0 req_other=0/0 "
        "replies_total=3/24 reply_granted=2/19 reply_partial=1/3 reply_refused=0/2 reviews=0/0 suits=0/0 complaints=0/0"
    ),
    "2013_syq": _parse(
        "proactive_total=72804/76424 proactive_website=72804/76424 "
        + _zeros("requests_total req_in_person req_fax req_email req_online req_letter replies_total reply_granted "
                 "reply_partial reply_refused reviews suits complaints")
    ),
    "2014_syq": _parse(
        "proactive_total=2543/78967 proactive_website=2543/78967 proactive_gazette=0/0 requests_total=1/1 "
        "req_in_person=0/0 req_online=0/0 req_letter_fax=1/1 replies_total=1/1 reply_granted=1/1 "
        "reply_partial=0/0 reply_refused=0/0 reply_other=0/0 fees_waived=0/0 complaints=0/0 reviews=0/0 suits=0/0"
    ),
    "2015_syq": _parse(
        "proactive_total=2949/81916 proactive_website=2949/81916 proactive_gazette=0/0 requests_total=0/1 "
        "req_in_person=0/0 req_online=0/0 req_letter_fax=0/1 replies_total=0/1 reply_granted=0/1 "
        "reply_partial=0/0 reply_refused=0/0 reply_other=0/0 fees_waived=0/0 complaints=0/0 reviews=0/0 suits=0/0"
    ),
    "2017_syq": _parse(
        "proactive_total=2122/10037 proactive_website=2122/10037 proactive_gazette=0/0 "
        + _zeros("requests_total req_in_person req_online req_letter_fax replies_total reply_granted reply_partial "
                 "reply_refused reply_other complaints reviews suits")
    ),
    "2018_syq": _parse(
        "proactive_total=2069/12106 proactive_website=2069/12106 proactive_gazette=0/0 "
        + _zeros("requests_total req_in_person req_online req_letter_fax replies_total reply_granted reply_partial "
                 "reply_refused reply_other complaints reviews suits")
    ),
}
EXPECTED["2011_ptx"] = EXPECTED["2011_syq"]

# the 2013_syq page prints one cell only for 政府公报公开 ("2、政府公报公开 条 0 受理…")
MISSING = {"2013_syq": ["proactive_gazette"]}

UNITS_2015 = {
    "proactive_total": "条", "fees_waived": "元", "complaints": "件", "reviews": "件", "suits": "件",
}

# the issuer chains: each report's previous year, same issuer (2016 is kept back: 2017 has none)
PREVIOUS = {
    "2012_ptx": "2011_ptx", "2013_ptx": "2012_ptx",
    "2012_syq": "2011_syq", "2013_syq": "2012_syq", "2014_syq": "2013_syq", "2015_syq": "2014_syq",
    "2018_syq": "2017_syq",
}
