"""Charts drawn at build time as inline SVG: no chart library, readable without JavaScript.

Each chart carries <title> and <desc>, role="img" and an aria-label, and the
page shows the same numbers in a table beside it.
"""
from __future__ import annotations

from html import escape
from typing import Sequence

PALETTE = ("#c8102e", "#2e7d32", "#f9a825", "#1565c0", "#6d4c41", "#757575")


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], unit: str = "", width: int = 560) -> str:
    """Horizontal bars, one per label, value printed at the end of each bar."""
    row, left, top = 28, 120, 8
    height = top * 2 + row * len(labels)
    peak = max(values, default=0) or 1
    scale = (width - left - 70) / peak
    desc = "；".join(f"{label} {_number(v)}{unit}" for label, v in zip(labels, values))
    parts = [_open(title, desc, width, height)]
    for i, (label, value) in enumerate(zip(labels, values)):
        y = top + i * row
        parts.append(f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="currentColor">{escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 5}" width="{max(1.0, value * scale):.1f}" height="{row - 10}" rx="3" fill="{PALETTE[0]}"/>')
        parts.append(f'<text x="{left + value * scale + 6:.1f}" y="{y + 18}" font-size="13" fill="currentColor">{_number(value)}{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_bars(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width: int = 560) -> str:
    """One horizontal bar per label, split into the given series, with a legend."""
    row, left, top = 28, 90, 8
    legend = 24
    height = top * 2 + row * len(labels) + legend
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    scale = (width - left - 20) / (max(totals, default=0) or 1)
    desc = "；".join(f"{label}：" + "，".join(f"{name} {values[i]}" for name, values in series) for i, label in enumerate(labels))
    parts = [_open(title, desc, width, height)]
    for i, label in enumerate(labels):
        y, x = top + i * row, float(left)
        parts.append(f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="currentColor">{escape(label)}</text>')
        for k, (name, values) in enumerate(series):
            if values[i]:
                w = values[i] * scale
                parts.append(f'<rect x="{x:.1f}" y="{y + 5}" width="{w:.1f}" height="{row - 10}" fill="{PALETTE[k % len(PALETTE)]}"><title>{escape(name)} {values[i]}</title></rect>')
                x += w
    y = top + row * len(labels) + 6
    x = float(left)
    for k, (name, _) in enumerate(series):
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="12" height="12" fill="{PALETTE[k % len(PALETTE)]}"/><text x="{x + 16:.1f}" y="{y + 11}" font-size="12" fill="currentColor">{escape(name)}</text>')
        x += 16 + 13 * len(name) + 14
    parts.append("</svg>")
    return "".join(parts)


def _open(title: str, desc: str, width: int, height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="gk-chart" role="img" aria-label="{escape(title)}" '
            f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px">'
            f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>")


def _number(value: float) -> str:
    return f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"
