"""Printable boards (承诺上墙): one A3 portrait page per board, with a QR code that opens the board."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from browser import chromium_page, needs_chromium

SITE_URL = "http://dangjian.qingshi.lan/gongkai/"
pytestmark = [needs_chromium, pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="poppler-utils and zbar-tools are not installed")]


@pytest.mark.parametrize("board, paper, size_mm", [("zhibu-0002/2024-q3", "a3", (297, 420)), ("zhibu-0001/2024-q2", "a4", (210, 297))])
def test_a_board_prints_on_one_page_with_a_working_qr_code(demo_site: Path, tmp_path: Path, board: str, paper: str, size_mm) -> None:
    pdf = tmp_path / "board.pdf"
    with chromium_page() as (page, requests):
        page.goto((demo_site / "dayin" / board / "index.html").as_uri() + f"#{paper}")
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    assert all(url.startswith("file://") for url in requests)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info), info
    width_pt, height_pt = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width_pt / 72 * 25.4 - size_mm[0]) < 2 and abs(height_pt / 72 * 25.4 - size_mm[1]) < 2  # portrait
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True).stdout.strip()
    assert decoded == SITE_URL + f"chengnuo/{board}/"
