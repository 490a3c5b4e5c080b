"""Charts of ranking totals: inline SVG for the HTML report, PNG for the DOCX circular.

The SVG is written by hand so that it is deterministic, small and keeps labels as real text
(the reader's own CJK fonts draw them); every label is escaped here because the caller marks
the result safe. The PNG uses matplotlib with the Noto CJK font registered explicitly: the
default DejaVu draws tofu boxes and matplotlib's font cache may not know fonts installed later
(ECOSYSTEM.md §17).
"""

from __future__ import annotations

import io
from pathlib import Path

from markupsafe import escape

from gxaudit.model import RankRow

BAR_COLORS = {"优秀": "#0c8a3e", "良好": "#3b7dd8", "合格": "#d9a21b", "不合格": "#d23f31"}
NO_SCORE_COLOR = "#9aa0a6"
CJK_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
CJK_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei"]


def bar_color(grade: str | None) -> str:
    return BAR_COLORS.get(grade or "", NO_SCORE_COLOR)


def bars_svg(rows: list[RankRow], *, width: int = 640, bar_h: int = 22, label_w: int | None = None,
             title: str | None = None, status_words: dict[str, str] | None = None) -> str:
    """Horizontal bars of totals, one per row in the given order; rows without a total show
    their status word instead of a bar so that nobody is left off the chart."""
    status_words = status_words or {}
    if label_w is None:  # about 13 px per CJK character at font-size 13, within bounds
        label_w = min(max((max((len(r.agency) for r in rows), default=4)) * 13 + 14, 90), 280)
    top = 28 if title else 6
    height = top + bar_h * len(rows) + 26
    plot_w = width - label_w - 60
    out = [(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title or "得分")}">'
    )]
    if title:
        out.append(f'<text x="0" y="18" class="chart-title" font-size="15" font-weight="bold">{escape(title)}</text>')
    for tick in (0, 60, 80, 90, 100):
        x = label_w + plot_w * tick / 100
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + bar_h * len(rows)}" '
                   f'stroke="#dadce0" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{top + bar_h * len(rows) + 16}" font-size="11" '
                   f'text-anchor="middle" fill="#5f6368">{tick}</text>')
    for i, r in enumerate(rows):
        y = top + i * bar_h
        out.append(f'<text x="{label_w - 8}" y="{y + bar_h * 0.68:.1f}" font-size="13" '
                   f'text-anchor="end">{escape(r.agency)}</text>')
        if r.total is None:
            word = status_words.get(r.status, r.status)
            out.append(f'<text x="{label_w + 4}" y="{y + bar_h * 0.68:.1f}" font-size="12" '
                       f'fill="{NO_SCORE_COLOR}">{escape(word)}</text>')
            continue
        w = max(plot_w * max(min(r.total, 100.0), 0.0) / 100, 1)
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{bar_h - 6}" '
                   f'fill="{bar_color(r.grade)}" rx="2"/>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h * 0.68:.1f}" font-size="12">'
                   f'{r.total:.1f}</text>')
    out.append("</svg>")
    return "".join(out)


def gauge_svg(score: float | None, points: float, *, size: int = 76, label: str = "") -> str:
    """A Lighthouse-style ring: share of points kept, coloured by band (<60%, <90%, ≥90%)."""
    r = size / 2 - 6
    circ = 2 * 3.14159265 * r
    share = 0.0 if not points or score is None else max(min(score / points, 1.0), 0.0)
    color = NO_SCORE_COLOR if score is None else ("#0c8a3e" if share >= 0.9 else "#d9a21b" if share >= 0.6
                                                   else "#d23f31")
    text = "—" if score is None else (f"{score:.1f}" if not float(score).is_integer() else f"{int(score)}")
    c = size / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gauge" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{escape(label)} {escape(text)}">'
        f'<circle cx="{c}" cy="{c}" r="{r:.1f}" fill="none" stroke="#e8eaed" stroke-width="6"/>'
        f'<circle cx="{c}" cy="{c}" r="{r:.1f}" fill="none" stroke="{color}" stroke-width="6" '
        f'stroke-dasharray="{circ * share:.1f} {circ:.1f}" transform="rotate(-90 {c} {c})"/>'
        f'<text x="{c}" y="{c + 5}" font-size="16" text-anchor="middle" fill="{color}">{escape(text)}</text>'
        "</svg>"
    )


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for f in CJK_FONT_FILES:
        if Path(f).exists():
            try:
                font_manager.fontManager.addfont(f)
            except (OSError, RuntimeError):
                continue
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = CJK_FAMILIES + ["DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return plt


def bars_png(rows: list[RankRow], *, title: str = "") -> bytes:
    """The same bars as PNG bytes for the DOCX circular (only scored rows have a bar)."""
    plt = _pyplot()
    scored = [r for r in rows if r.total is not None]
    fig_h = 0.8 + 0.3 * max(len(scored), 1)
    fig, ax = plt.subplots(figsize=(5.2, fig_h), dpi=150)
    names = [r.agency for r in scored][::-1]
    values = [r.total for r in scored][::-1]
    colors = [bar_color(r.grade) for r in scored][::-1]
    ax.barh(names, values, color=colors, height=0.62)
    for y, v in enumerate(values):
        ax.text(v + 0.8, y, f"{v:.1f}", va="center", fontsize=9)
    ax.set_xlim(0, 105)
    for tick in (60, 80, 90):
        ax.axvline(tick, color="#cccccc", linewidth=0.7, zorder=0)
    ax.tick_params(axis="y", labelsize=10)
    ax.tick_params(axis="x", labelsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=11)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
