"""Renders the exported 承诺 sheet with LibreOffice for the guide: docs/assets/ledger-sheet.png.

    apt-get install -y --no-install-recommends libreoffice-calc
    python tools/ledger_screenshot.py

The demo's 2024-Q4 workbook is exported as a clerk would get it; a copy keeps
only the 承诺 sheet with a print area of its first rows (gridlines and row and
column headings printed, as the sheet looks on screen), LibreOffice prints it
to PDF, pdftoppm makes the PNG, and the margins are cropped.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

import openpyxl  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from gongkai.ledger.command import export_command  # noqa: E402

TARGET = ROOT / "docs" / "assets" / "ledger-sheet.png"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        book_path = work / "台账.xlsx"
        export_command(ROOT / "data", book_path, quarter="2024-Q4")
        book = openpyxl.load_workbook(book_path)
        for name in book.sheetnames:
            if name != "承诺":
                del book[name]
        ws = book["承诺"]
        ws.print_area = "A1:J14"
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_options.gridLines = ws.print_options.headings = True
        sheet = work / "sheet.xlsx"
        book.save(sheet)
        subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(sheet)],
                       check=True, capture_output=True, timeout=180)
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(work / "sheet.pdf"), str(work / "page")], check=True)
        image = Image.open(next(work.glob("page*.png"))).convert("RGB")
        left, top, right, bottom = ImageOps.invert(image).getbbox()
        image = image.crop((left - 12, top - 12, right + 12, bottom + 12))
        image.quantize(colors=64).save(TARGET, optimize=True)
    print(f"{TARGET.relative_to(ROOT)}: {image.width}×{image.height}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
