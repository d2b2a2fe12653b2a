"""Wall posters of the pledge boards (承诺上墙): standalone pages that fill A3 or A4 when printed.

They are written after the site (not through the theme: a poster has no
header or navigation), with a QR code that opens the board on the intranet.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import segno
from markupsafe import Markup

from . import urls
from .catalog import Catalog
from .render import BodyRenderer
from .reports import print_specs


def board_url(site_url: str, org_id: str, quarter: str) -> Optional[str]:
    """The board's address on the intranet, for the QR code; None when no site_url is set."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + urls.dest(urls.board(org_id, quarter)).removesuffix("index.html")


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)  # viewBox only: CSS sets the printed size


def write_print_boards(catalog: Catalog, renderer: BodyRenderer, site_dir: Path, site_url: str) -> int:
    count = 0
    for spec in print_specs(catalog):
        org, quarter = spec.context["org"], spec.context["quarter_key"]
        url = board_url(site_url, org.id, quarter)
        html = renderer.render(spec, {"board_url": url, "qr": Markup(qr_svg(url)) if url else None})
        target = site_dir / urls.dest(spec.src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count
