"""Wall posters of the pledge boards (承诺上墙): standalone pages that fill A3 or A4 when printed.

They are written after the site (not through the theme: a poster has no
header or navigation), with a QR code that opens the board on the intranet.
"""
from __future__ import annotations

from typing import Optional

import segno
from markupsafe import Markup

from . import urls
from .catalog import Catalog
from .pages import PageSpec
from .reports import print_specs


def board_url(site_url: str, org_id: str, quarter: str) -> Optional[str]:
    """The board's address on the intranet, for the QR code; None when no site_url is set."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + urls.dest(urls.board(org_id, quarter)).removesuffix("index.html")


def qr_svg(url: str) -> str:
    # A fixed mask: segno's search for the best of eight masks costs ~9 ms a code,
    # minutes over a district's boards, and any mask scans equally well on paper.
    code = segno.make_qr(url, error="m", mask=4, boost_error=False)
    return code.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)  # viewBox only: CSS sets the size


def poster_specs(catalog: Catalog, site_url: str) -> list[PageSpec]:
    """Print views with their QR code's target; rendered with the record pages, on all cores."""
    specs = print_specs(catalog)
    for spec in specs:
        spec.context["board_url"] = board_url(site_url, spec.context["org"].id, spec.context["quarter_key"])
    return specs


def qr_markup(url: Optional[str]) -> Optional[Markup]:
    return Markup(qr_svg(url)) if url else None
