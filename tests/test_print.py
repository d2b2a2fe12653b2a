"""Printable boards (承诺上墙): one portrait A3 (or A4) page per board, with a QR code that opens the board.

Printed to PDF by headless Chromium as a clerk's browser would, rasterized
with pdftoppm and read back with zbarimg. The content checks need no browser.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from browser import chromium_page, needs_chromium
from conftest import FIXTURE_DATA, build_site

SITE_URL = "http://dangjian.qingshi.lan/gongkai/"
PAPER_MM = {"a3": (297, 420), "a4": (210, 297)}
needs_pdf_tools = pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("pdfinfo") and shutil.which("zbarimg")),
                                     reason="poppler-utils (pdftoppm, pdfinfo) and zbar-tools (zbarimg) are not installed")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("print")
    result = build_site(folder, FIXTURE_DATA, as_of="2024-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory) -> Path:
    """The fixture with 30 more pledges on one board: the poster's type must shrink to keep one sheet."""
    folder = tmp_path_factory.mktemp("crowded")
    data = folder / "data"
    shutil.copytree(FIXTURE_DATA, data)
    path = data / "organizations" / "nanmen.yml"
    org = yaml.safe_load(path.read_text(encoding="utf-8"))
    for i in range(30):
        org["承诺"].append({"编号": f"x-{i:02d}", "季度": "2024-Q3", "标题": f"走访慰问困难群众第{i + 1}批", "完成时限": "2024-09-30",
                          "事项": [{"名称": "走访慰问", "目标": str(10 + i), "单位": "户", "完成": str(i)}],
                          "进程": {"调研": "2024-06-20", "审诺": "2024-06-28", "签约": "2024-07-01"}})
    path.write_text(yaml.safe_dump(org, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(folder, data, as_of="2024-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def _print(site: Path, boards: list[str], paper: str, folder: Path) -> list[tuple[str, Path]]:
    """Each board's print view as a PDF, as Chromium prints it with the page's own @page size."""
    pdfs = []
    with chromium_page() as (page, requests):
        for board in boards:
            page.goto((site / "dayin" / board / "index.html").as_uri() + f"#{paper}")
            page.emulate_media(media="print")
            pdf = folder / (board.replace("/", "_") + f"-{paper}.pdf")
            page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
            pdfs.append((board, pdf))
        assert all(url.startswith("file://") for url in requests), "a print view loaded something from outside"
    return pdfs


def _check_pdf(pdf: Path, paper: str, board: str) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info), f"{board}: not one page\n{info}"
    width, height = (float(v) / 72 * 25.4 for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(width - PAPER_MM[paper][0]) < 2 and abs(height - PAPER_MM[paper][1]) < 2, f"{board}: {width:.0f} × {height:.0f} mm"
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    png = next(pdf.parent.glob(prefix.name + "*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True).stdout.strip()
    assert decoded == SITE_URL + f"chengnuo/{board}/", f"{board}: QR code reads {decoded!r}"


def _boards(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site / "dayin")) for p in (site / "dayin").glob("*/*/index.html"))


@needs_chromium
@needs_pdf_tools
@pytest.mark.parametrize("paper", ["a3", "a4"])
def test_every_fixture_board_prints_on_one_page_with_a_working_qr_code(fixture_site: Path, tmp_path: Path, paper: str) -> None:
    boards = _boards(fixture_site)
    assert boards == ["nanmen/2024-q3"]  # the only board with a public pledge
    for board, pdf in _print(fixture_site, boards, paper, tmp_path):
        _check_pdf(pdf, paper, board)


@needs_chromium
@needs_pdf_tools
@pytest.mark.parametrize("paper", ["a3", "a4"])
def test_demo_boards_print_on_one_page_each(demo_site: Path, tmp_path: Path, paper: str) -> None:
    """The fullest board of the demo town, and one board of each quarter."""
    boards = _boards(demo_site)
    rows = {b: (demo_site / "dayin" / b / "index.html").read_text(encoding="utf-8").count('<td class="gk-poster__no">') for b in boards}
    fullest = max(boards, key=lambda b: (rows[b], b))
    chosen = sorted({fullest, *(next(b for b in boards if b.endswith(q)) for q in {b.split("/")[1] for b in boards})})
    for board, pdf in _print(demo_site, chosen, paper, tmp_path):
        _check_pdf(pdf, paper, board)


@needs_chromium
@needs_pdf_tools
@pytest.mark.parametrize("paper", ["a3", "a4"])
def test_a_crowded_board_still_fills_one_sheet(crowded_site: Path, tmp_path: Path, paper: str) -> None:
    html = (crowded_site / "dayin" / "nanmen" / "2024-q3" / "index.html").read_text(encoding="utf-8")
    assert "gk-poster--packed" in html and html.count('<td class="gk-poster__no">') == 32
    for board, pdf in _print(crowded_site, ["nanmen/2024-q3"], paper, tmp_path):
        _check_pdf(pdf, paper, board)


def test_the_poster_says_what_the_wall_needs(fixture_site: Path) -> None:
    """Title, the quarter's theme, each pledge with owner, items and deadline, the supervision phone, the QR code."""
    html = (fixture_site / "dayin" / "nanmen" / "2024-q3" / "index.html").read_text(encoding="utf-8")
    assert "<h1>南门小学党支部</h1>" in html and "本季主题：服务群众在一线" in html
    assert "开展课后托管服务" in html and "托管课时 60 课时" in html and "9月30日前" in html  # the branch's pledge
    assert "李明" in html and "辅导留守儿童" in html and "辅导次数 20 次" in html and "11月30日前" in html
    assert "逾期" in html  # 12 of 20 by 30 November
    assert "尚在审诺的承诺" not in html and "草稿承诺" not in html
    assert "监督电话：0571-88885678" in html
    assert html.count("<svg") == 1 and SITE_URL + "chengnuo/nanmen/2024-q3/" in html
    assert "@page { size: A3 portrait" in (fixture_site / "assets" / "print.css").read_text(encoding="utf-8")
    assert 'href="../../../assets/print.css"' in html  # relative: works from file:// and on the kiosk


def test_a_board_without_a_phone_shows_the_higher_organizations() -> None:
    from gongkai.records.catalog import build_catalog
    from gongkai.plan.printboard import poster_specs

    catalog = build_catalog(FIXTURE_DATA).publishable()
    catalog.orgs["nanmen"].phone = None
    spec = next(s for s in poster_specs(catalog, SITE_URL) if s.context["org"].id == "nanmen")
    assert (spec.context["phone"], spec.context["phone_org"]) == ("0571-88881234", "青石镇党委")
    assert poster_specs(catalog, "")[0].context["board_url"] is None


def test_print_views_cover_every_board_and_nothing_else(demo_site: Path) -> None:
    boards = set(_boards(demo_site))
    assert boards == {str(p.parent.relative_to(demo_site / "chengnuo")) for p in (demo_site / "chengnuo").glob("*/*/index.html")}
