"""QR codes for the printed boards, drawn at build time as inline SVG."""
from __future__ import annotations

from typing import Optional

import segno
from markupsafe import Markup


def qr_svg(url: str) -> str:
    # A fixed mask: segno's search for the best of eight masks costs ~9 ms a code,
    # minutes over a district's boards, and any mask scans equally well on paper.
    code = segno.make_qr(url, error="m", mask=4, boost_error=False)
    return code.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)  # viewBox only: CSS sets the size


def qr_markup(url: Optional[str]) -> Optional[Markup]:
    return Markup(qr_svg(url)) if url else None
