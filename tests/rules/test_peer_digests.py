"""雷同 against Peer digests (what the pipeline hands a worker) decides exactly as against the
whole Submissions, and the once-per-group count of common shingles equals counting each
report's group from scratch."""

from __future__ import annotations

import random
from collections import Counter
from itertools import chain

from hypothesis import given, settings
from hypothesis import strategies as st
from rules_build import sub

from gxaudit.rules import load_packs
from gxaudit.rules.checks import near_duplicate as nd
from gxaudit.rules.context import CheckContext
from gxaudit.rules.peers import Peer, needed, peer_of

SENTENCES = [
    "本年度栏目更新不及时的问题已整改，“涉农补贴”栏目补发信息十二条。",
    "建立每月检查制度，由办公室专人负责落实，发现问题及时整改。",
    "政策解读数量偏少，下一步将对重要文件同步发布图解和问答。",
    "依申请公开答复格式不够规范，已组织业务培训并修订答复模板。",
    "基层政务公开标准目录尚未全覆盖，年内将完成剩余事项梳理。",
    "公开平台检索功能不完善，已联系技术单位升级站内搜索。",
    "部分信息发布不及时，将落实发布审核和定期巡查制度。",
]
AGENCIES = ["甲镇", "乙镇", "丙镇", "丁镇"]

PARAMS = nd.Params(part=5, against=["previous", "peers"], threshold=0.8, min_chars=20)


@st.composite
def groups(draw):
    n = draw(st.integers(2, 7))
    subs = []
    for i in range(n):
        picks = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5))
        subs.append(sub({5: "".join(picks)}, file=f"r{i}.txt", agency=draw(st.sampled_from(AGENCIES)),
                        year=draw(st.sampled_from([2024, 2025, None]))))
    return subs, draw(st.sampled_from([0.3, 0.5, 0.9]))


def shingles(x, params) -> frozenset:
    return frozenset(nd._array(x, params, CheckContext())[1].tolist())


def peers_of(s, peers):
    """Other bodies' reports on the same year (unknown year or agency: kept)."""
    year, agency = s.report_year.value, s.agency.value
    return [p for p in peers
            if not (year is not None and p.report_year.value is not None and p.report_year.value != year)
            and not (p.id == s.id or p.file == s.file or bool(agency and p.agency.value == agency))]


def definition(s, params, peers, previous=None):
    """雷同 set by set, as the rule's docstring defines it: (similarity, other file), or None
    when nothing is compared."""
    group_peers = peers_of(s, peers)
    others = ([previous] if previous is not None else []) + group_peers
    text = nd._text(s, params)
    if not others or text is None or len(text) < params.min_chars:
        return None
    group = [s, *group_peers]
    common = frozenset()
    if len(group) >= 3:
        counts = Counter(chain.from_iterable(shingles(p, params) for p in group))
        need = params.common_share * len(group)
        common = frozenset(x for x, c in counts.items() if c >= need)
    a = shingles(s, params) - common
    best = (0.0, None)
    for other in others:
        if not nd._array(other, params, CheckContext())[0]:
            continue
        b = shingles(other, params) - common
        if not a or not b:
            continue
        inter = len(a & b)
        sim = inter / (len(a) + len(b) - inter)
        if sim > best[0]:
            best = (sim, other.file)
    return round(best[0], 3), (best[1] if best[0] >= params.threshold else None)


@settings(max_examples=80, deadline=None)
@given(groups(), st.integers(0, 8))
def test_digests_and_the_index_decide_as_the_definition(drawn, prev_at):
    subs, share = drawn
    params = PARAMS.model_copy(update={"common_share": share, "threshold": 0.6})
    digests = {nd.KIND + ":" + params.model_dump_json(): ("near_duplicate", params)}
    as_peers = [peer_of(s, digests) for s in subs]
    previous = (subs[prev_at].model_copy(update={"id": "last-year.txt", "file": "last-year.txt"})
                if prev_at < len(subs) else None)
    for s in subs:
        whole = nd.run(s, params, CheckContext(peers=subs, previous=previous))
        digested = nd.run(s, params, CheckContext(peers=as_peers, previous=previous))
        assert [(r.outcome, r.data, r.message) for r in whole] == [(r.outcome, r.data, r.message) for r in digested]
        (r,) = digested
        got = None if r.outcome == "cannot_evaluate" else (r.data["similarity"], r.data.get("other"))
        assert got == definition(s, params, subs, previous)


def test_a_copy_in_a_large_group_is_found_through_digests():
    base = "".join(SENTENCES[:3])
    own = "".join(SENTENCES[3:])
    subs = [sub({5: own}, file="copy-src.txt", agency="甲镇")]
    subs.append(sub({5: own}, file="copier.txt", agency="乙镇"))  # 乙镇 copied 甲镇's part five
    words = "春夏秋冬东西南北山水田林湖草河沙村路桥渠井泉园亭台楼阁"
    subs += [sub({5: base + "".join(random.Random(i).sample(words, 20))}, file=f"p{i}.txt", agency=f"镇{i}")
             for i in range(40)]
    packs = load_packs(["annual-report-2021"])
    wanted = needed(packs, subs)
    assert wanted, "the 2021 pack's 雷同 rule reads peers"
    peers = [peer_of(s, wanted) for s in subs]
    assert all(isinstance(p, Peer) and len(next(iter(p.digests.values()))[1]) < 4096 for p in peers)
    r = nd.run(subs[1], next(iter(wanted.values()))[1], CheckContext(peers=peers))[0]
    assert r.outcome == "fail" and r.data["other"] == "copy-src.txt" and r.data["similarity"] == 1.0
    # the 40 reports that share the office template are not copies of one another
    assert nd.run(subs[5], next(iter(wanted.values()))[1], CheckContext(peers=peers))[0].outcome == "pass"
