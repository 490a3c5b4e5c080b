"""雷同 (near_duplicate) at province scale: one peer group of N reports of the same year.

Run:  .venv/bin/python bench/peers.py            # N = 500, 1,000, 2,000, 4,000
      .venv/bin/python bench/peers.py --n 8000

Every report of a group is compared with every other, so this is the one quadratic step of a
run. The texts are made-up 第五部分 paragraphs (8–14 sentences drawn from a pool of 60, so
reports share a template but differ; one in a hundred copies its neighbour, so 雷同 must be
found 2 × N/100 times), each report's digest made as the pipeline makes it
(`rules.peers.peer_of` with the 2021 pack's rule), then every report evaluated against the
group's Peers in one batch, as one evaluation worker does. Prints, per N: seconds to digest,
seconds to evaluate, ms per report, the digests' size, and peak RSS of this process.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from gxaudit.model import Loc, Paragraph, Section, Sourced, Submission
from gxaudit.rules import load_packs
from gxaudit.rules.checks import near_duplicate as nd
from gxaudit.rules.context import CheckContext
from gxaudit.rules.peers import needed, peer_of

WORDS = "政务公开栏目更新信息发布制度落实整改培训解读回应关切平台建设标准目录基层规范答复审核监督检查考核"


def pool(seed: int = 7, size: int = 60) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(WORDS) for _ in range(rnd.randint(18, 30))) + "。" for _ in range(size)]


def report(i: int, sentences: list[str], rnd: random.Random, text: str | None = None) -> Submission:
    text = text or "".join(rnd.sample(sentences, rnd.randint(8, 14)))
    loc = Loc(file=f"r{i}.txt", line=1)
    sec = Section(number="五、", title="存在的主要问题及改进情况", level=1, part=5, text=text, loc=loc)
    return Submission(id=f"r{i}.txt", file=f"r{i}.txt", sha256=f"{i:064x}",
                      agency=Sourced(value=f"单位{i}"), report_year=Sourced(value=2025),
                      doc_type=Sourced(value="annual_report_2021"), sections=[sec],
                      paragraphs=[Paragraph(text=text, loc=loc, section=0)])


def measure(n: int, wanted: dict, params) -> dict:
    rnd = random.Random(n)
    sentences = pool()
    subs: list[Submission] = []
    for i in range(n):  # one report in a hundred copies the one before it: both must be found
        copied = subs[-1].paragraphs[0].text if i % 100 == 99 else None
        subs.append(report(i, sentences, rnd, copied))
    t0 = time.process_time()
    peers = [peer_of(s, wanted) for s in subs]
    t1 = time.process_time()
    memo: dict = {}
    fails = 0
    for s in subs:
        (r,) = nd.run(s, params, CheckContext(peers=peers, memo=memo))
        fails += r.outcome == "fail"
    t2 = time.process_time()
    size = sum(len(d[1]) for p in peers for d in p.digests.values())
    return {"n": n, "digest_s": t1 - t0, "evaluate_s": t2 - t1, "ms_per_report": 1000 * (t2 - t1) / n,
            "digest_kb": size / 1024, "fails": fails,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="*", default=[500, 1000, 2000, 4000])
    args = ap.parse_args()
    wanted = needed(load_packs(["annual-report-2021"]))
    (_, params), = wanted.values()
    print("| reports in the group | digest s | evaluate s | ms per report | digests KB | 雷同 found | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n in args.n:
        m = measure(n, wanted, params)
        print(f"| {m['n']:,} | {m['digest_s']:.2f} | {m['evaluate_s']:.1f} | {m['ms_per_report']:.2f} |"
              f" {m['digest_kb']:,.0f} | {m['fails']} | {m['peak_rss_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
