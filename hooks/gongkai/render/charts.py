"""Charts drawn at build time as inline SVG: no chart library, readable without JavaScript.

Each chart carries <title> and <desc> (the numbers in words), role="img" and
an aria-label; the page shows the same numbers in a table next to it. Text is
drawn in currentColor so the charts follow the light and dark schemes.
"""
from __future__ import annotations

from html import escape
from typing import Optional, Sequence

from markupsafe import Markup

from gongkai.plan.stats import ScopeStats
from gongkai.records.schema import PUBLIC_STAGES, STAGE_NAMES

PALETTE = ("#c8102e", "#2e7d32", "#f9a825", "#1565c0", "#6d4c41", "#757575")
PALETTES = {"default": PALETTE, "outcome": ("#2e7d32", "#f9a825", "#c8102e")}  # outcome: 已兑现 green, 践诺中 amber, 逾期 red
# 14 px labels as drawn: a chart is no wider than the column of a 320 px phone, so it is never shrunk below that.
ROW, TOP, FONT, WIDTH = 28, 8, 14, 288


def bar_chart(title: str, labels: Sequence[str], values: Sequence[Optional[float]], unit: str = "", width: int = WIDTH,
              peak: Optional[float] = None, target: Optional[float] = None, target_label: str = "目标", percent: bool = False) -> str:
    """Horizontal bars, one per label, the value written after each bar ("—" for no value).

    percent: the values are rates (0.25) drawn as percentages on a 0–100 scale.
    peak fixes the scale; target draws a dashed line, e.g. the 100% of "两个100%".
    """
    if percent:
        values = [None if v is None else v * 100 for v in values]
        unit, peak = unit or "%", peak or 100
    number = (lambda v: _number(v, unit, 1)) if percent else (lambda v: _number(v, unit))
    left = _label_width(labels) + 16
    bottom = 18 if target is not None else 0
    height = TOP * 2 + ROW * len(labels) + bottom
    top_value = peak or max([v for v in values if v is not None] + [target or 0], default=0) or 1
    scale = (width - left - 70) / top_value
    desc = "；".join(f"{label} {number(v)}" for label, v in zip(labels, values))
    if target is not None:
        desc += f"；{target_label} {_number(target, unit)}"
    parts = [_open(title, desc, width, height)]
    if target is not None:  # drawn first and faint: value labels near the target stay legible
        x, y = left + target * scale, TOP + ROW * len(labels)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{y}" stroke="currentColor" stroke-opacity=".45" stroke-dasharray="4 3" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 14}" text-anchor="middle" font-size="{FONT}" fill="currentColor">{escape(target_label)} {escape(_number(target, unit))}</text>')
    for i, (label, value) in enumerate(zip(labels, values)):
        y = TOP + i * ROW
        parts.append(_label(left - 8, y + 18, label))
        end = left
        if value:
            end = left + value * scale
            parts.append(f'<rect x="{left}" y="{y + 5}" width="{max(1.0, value * scale):.1f}" height="{ROW - 10}" rx="3" fill="{PALETTE[0]}"/>')
        parts.append(f'<text x="{end + 6:.1f}" y="{y + 18}" font-size="{FONT}" fill="currentColor">{escape(number(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_bars(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width: int = WIDTH,
                 colors: str = "default") -> str:
    """One horizontal bar per label, split into the given series, with a legend below; colors names a palette."""
    palette = PALETTES[colors]
    left = _label_width(labels) + 16
    legend = _legend(series, left, width)
    legend_rows = 1 + max((row for row, _ in legend), default=0)
    height = TOP * 2 + ROW * len(labels) + 20 * legend_rows + 4
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    scale = (width - left - 50) / (max(totals, default=0) or 1)
    desc = "；".join(f"{label}：" + "，".join(f"{name} {values[i]}" for name, values in series) for i, label in enumerate(labels))
    parts = [_open(title, desc, width, height)]
    for i, label in enumerate(labels):
        y, x = TOP + i * ROW, float(left)
        parts.append(_label(left - 8, y + 18, label))
        for k, (name, values) in enumerate(series):
            if values[i]:
                w = values[i] * scale
                parts.append(f'<rect x="{x:.1f}" y="{y + 5}" width="{w:.1f}" height="{ROW - 10}" fill="{palette[k % len(palette)]}"><title>{escape(name)} {values[i]}</title></rect>')
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 18}" font-size="{FONT}" fill="currentColor">{totals[i]}</text>')
    base = TOP + ROW * len(labels) + 6
    for k, (row, x) in enumerate(legend):
        y = base + row * 20
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="12" height="12" fill="{palette[k % len(palette)]}"/>'
                     f'<text x="{x + 16:.1f}" y="{y + 11}" font-size="{FONT}" fill="currentColor">{escape(series[k][0])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def text_width(text: str, size: float = FONT) -> float:
    """A CJK character is one em wide, a Latin one about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def _legend(series: Sequence[tuple[str, Sequence[int]]], left: int, width: int) -> list[tuple[int, float]]:
    """(row, x) of each legend entry, wrapping when the line is full."""
    places, row, x = [], 0, float(left)
    for name, _ in series:
        step = 16 + text_width(name) + 14
        if x + step > width and x > left:
            row, x = row + 1, float(left)
        places.append((row, x))
        x += step
    return places


def _label_width(labels: Sequence[str]) -> int:
    return int(min(220, max([text_width(label) for label in labels], default=40)))


def _label(x: float, y: float, text: str) -> str:
    return f'<text x="{x:.1f}" y="{y}" text-anchor="end" font-size="{FONT}" fill="currentColor">{escape(text)}</text>'


def _open(title: str, desc: str, width: int, height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="gk-chart" role="img" aria-label="{escape(title)}" '
            f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
            f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>")


def _number(value: Optional[float], unit: str = "", decimals: Optional[int] = None) -> str:
    if value is None:
        return "—"
    if decimals is not None:
        return f"{value:.{decimals}f}{unit}"
    text = f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"
    return text + unit


# -- the charts of the statistics page and of organization pages -------------
def town_charts(town: ScopeStats) -> list[tuple[str, Markup]]:
    """(title, SVG) of each chart of the town; the page prints the title above the chart."""
    labels = [s.quarter for s in town]
    drawn = [
        ("各季度组织承诺率（%）", bar_chart, [s.org_rate for s in town], {"percent": True, "target": 100}),
        ("各季度党员承诺率（%）", bar_chart, [s.member_rate for s in town], {"percent": True, "target": 100}),
        ("各季度公开承诺所处进程（项）", stacked_bars, [(STAGE_NAMES[step], [s.by_stage[step] for s in town]) for step in PUBLIC_STAGES], {}),
        ("各季度承诺兑现与逾期（项）", stacked_bars, outcome_series(town), {"colors": "outcome"}),
        ("各季度群众评议满意率（%）", bar_chart, [s.board.satisfaction for s in town], {"percent": True}),
        ("各季度领导点评（次）", bar_chart, [s.board.commented for s in town], {"unit": "次"}),
        ("各季度评选先锋（名）", bar_chart, [s.vanguards for s in town], {"unit": "名"}),
    ]
    return [(title, Markup(draw(title, labels, data, **options))) for title, draw, data, options in drawn]


def outcome_series(rows: ScopeStats) -> list[tuple[str, list[int]]]:
    return [("已兑现", [s.board.fulfilled for s in rows]), ("践诺中", [s.board.in_progress for s in rows]), ("逾期", [s.board.overdue for s in rows])]


def honors_chart(scope: ScopeStats) -> Markup:
    years, series = scope.honor_table()
    return Markup(stacked_bars("各年度荣誉（按级别，项）", [f"{year} 年" for year in years], series)) if years else Markup("")
