"""Ingest speed on generated inputs: files/s per format, one core, warm.

Run: .venv/bin/python bench/ingest_speed.py [--n 40]
The input is a 2021-format annual report (three official tables, 3 pages as PDF) rendered by
gxaudit.synth.render in each format; every read goes through gxaudit.ingest.read_document.
`pdf` embeds a Noto CJK subset (as WPS/Word exports do), `pdf-cid` only names STSong-Light.
files/s is from process CPU time (the machine is shared; wall time is printed beside it).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from gxaudit.ingest import read_document
from gxaudit.synth.render import write
from gxaudit.synth.spec import SpecBlock


def report() -> list[SpecBlock]:
    para = "我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开标准化规范化建设。"
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]] + [
        [f"第{i}项", str(i), str(i * 2), str(i * 3)] for i in range(1, 15)]
    apps = [["", "", "申请人情况"] * 1 + ["申请人情况"] * 6] + [
        [f"第{i}行", f"第{i}行"] + [str(i)] * 7 for i in range(1, 23)]
    blocks = [SpecBlock(kind="heading", text="青山县教育局2024年政府信息公开工作年度报告", level=1)]
    for part in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                 "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        blocks.append(SpecBlock(kind="heading", text=part, level=2))
        blocks.extend(SpecBlock(kind="paragraph", text=para) for _ in range(4))
        if part.startswith("二"):
            blocks.append(SpecBlock(kind="table", rows=rows))
        if part.startswith("三"):
            blocks.append(SpecBlock(kind="table", rows=apps, spans=[(0, 2, 1, 7)] + [(r, 0, 1, 2) for r in range(1, 23)]))
    return blocks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40, help="reads per format")
    args = ap.parse_args()
    blocks = report()
    with tempfile.TemporaryDirectory() as d:
        for label in ("txt", "docx", "html", "pdf", "pdf-cid", "xlsx"):
            fmt, _, variant = label.partition("-")
            p = Path(d) / f"report-{label}.{fmt}"
            write(p, blocks, fmt, **({"font": variant} if variant else {}))
            read_document(p)  # warm imports and caches
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in range(args.n):
                doc = read_document(p)
            dt, ct = time.perf_counter() - t0, time.process_time() - c0
            print(f"{label:7s} {args.n / ct:8.1f} files/s  ({1000 * ct / args.n:6.1f} ms CPU/file, {1000 * dt / args.n:6.1f} ms wall,"
                  f" {p.stat().st_size // 1024} KB, {len(doc.blocks)} blocks)")


if __name__ == "__main__":
    main()
