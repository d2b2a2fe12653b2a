"""Printing: a board page prints as its wall poster (承诺上墙), one portrait A3 or A4 sheet whose QR code,
drawn by the browser at print time, opens the board; any other page prints its content with a footer.

Printed to PDF by headless Chromium with the print media, as a clerk's browser would; read back with
pdfinfo (pages, paper), pdftotext (what is on paper) and pdftoppm + zbarimg (the QR code).
The content checks need no browser.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from browser import chromium_page, needs_chromium
from conftest import FIXTURE_DATA, build_site

SITE_URL = "http://dangjian.qingshi.lan/gongkai/"
SITE_NAME = "青石镇创先争优公开栏"
PAPER_MM = {"a3": (297, 420), "a4": (210, 297)}
needs_pdf_tools = pytest.mark.skipif(not all(shutil.which(t) for t in ("pdftoppm", "pdfinfo", "pdftotext", "zbarimg")),
                                     reason="poppler-utils (pdftoppm, pdfinfo, pdftotext) and zbar-tools (zbarimg) are not installed")
# What only the header, tabs, sidebars and controls say (whitespace removed): none of it may reach the paper.
SCREEN_ONLY = ["首页承诺公开栏基层党组织优秀共产党员", "回到页面顶部", "跳转至", "键入以开始搜索", "打印上墙：A3竖版", "分类全部"]


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


def _print(site: Path, pages: list[str], folder: Path, fragment: str = "", click: str = "", scheme: str = "default",
           opened_printing: bool = False) -> list[tuple[str, Path]]:
    """Each page as a PDF, printed with the page's own @page size (A4 where the page sets none).

    fragment: opened with #a3 / #a4; click: the paper link clicked first (its print dialog stubbed);
    scheme: Material's colour scheme the reader had chosen ("slate": dark); opened_printing: the page
    loads with the print media already on (a print preview opened straight away, a headless print).
    """
    pdfs = []
    with chromium_page() as (page, requests):
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        for rel in pages:
            page.emulate_media(media="print" if opened_printing else "screen")
            page.goto((site / rel / "index.html").as_uri() + fragment)
            page.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            if click:
                page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
                page.click(f'[data-gk-paper="{click}"]')
                assert page.evaluate("window.printed") == 1, f"{rel}: the {click} link did not open the print dialog"
            page.emulate_media(media="print")  # the page draws its QR code as print media starts
            pdf = folder / ((rel.replace("/", "_") or "home") + f"{fragment.strip('#')}{click}.pdf")
            page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True, format="A4")
            pdfs.append((rel, pdf))
        assert all(url.startswith("file://") for url in requests), "a printed page loaded something from outside"
        # (search shards load only when someone types.)
        assert not [url for url in failed if "/search/" not in url], f"requests that found nothing (a missing favicon?): {failed}"
    return pdfs


def _pages_and_paper(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    width, height = (float(v) / 72 * 25.4 for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    return pages, (width, height)


def _text(pdf: Path) -> str:
    """What is on paper, one string per sheet, whitespace removed (the layout breaks lines anywhere in Chinese)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \t\n]+", "", text)


def _qr(pdf: Path) -> str:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(prefix)], check=True)
    return subprocess.run(["zbarimg", "--quiet", "--raw", str(prefix) + ".png"], capture_output=True, text=True).stdout.strip()


def _blank_sheets(pdf: Path) -> list[int]:
    """Sheets with nothing printed above the footer (the bottom 16 mm margin), as seen at 20 dpi."""
    from PIL import Image

    prefix = pdf.with_name(pdf.stem + "-sheet")
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(pdf), str(prefix)], check=True)
    blank = []
    for number, png in enumerate(sorted(pdf.parent.glob(prefix.name + "-*.png")), 1):
        image = Image.open(png).convert("L")
        above_footer = image.crop((0, 0, image.width, int(image.height * (1 - 16 / 297))))
        if above_footer.getextrema()[0] > 200:
            blank.append(number)
    return blank


def _check_poster(pdf: Path, paper: str, board: str, org_name: str) -> None:
    pages, (width, height) = _pages_and_paper(pdf)
    assert pages == 1, f"{board}: {pages} pages"
    assert abs(width - PAPER_MM[paper][0]) < 2 and abs(height - PAPER_MM[paper][1]) < 2, f"{board}: {width:.0f} × {height:.0f} mm"
    text = _text(pdf)
    assert org_name in text and SITE_NAME in text and "监督电话" in text and f"打印于{date.today().year}年" in text, text
    assert not [w for w in [*SCREEN_ONLY, "2024-Q12024-Q2"] if w in text], f"{board}: screen controls (or quarter pills) on the poster\n{text}"
    assert _qr(pdf) == SITE_URL + board + "/", f"{board}: the QR code does not open the board"


def _boards(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) for p in (site / "chengnuo").glob("*/*/index.html"))


def _org_name(site: Path, board: str) -> str:
    html = (site / board / "index.html").read_text(encoding="utf-8")
    return re.search(r'<p class="gk-poster__name[^"]*">([^<]+)</p>', html).group(1)


@needs_chromium
@needs_pdf_tools
def test_every_fixture_board_prints_on_one_sheet_with_a_working_qr_code(fixture_site: Path, tmp_path: Path) -> None:
    boards = _boards(fixture_site)
    assert boards == ["chengnuo/nanmen/2024-q3"]  # the only board with a public pledge
    for paper, fragment in (("a3", ""), ("a4", "#a4")):  # an address ending in #a4 prints A4, also without a click
        for board, pdf in _print(fixture_site, boards, tmp_path, fragment=fragment):
            _check_poster(pdf, paper, board, "南门小学党支部")
    for board, pdf in _print(fixture_site, boards, tmp_path, opened_printing=True):
        _check_poster(pdf, "a3", board, "南门小学党支部")


@needs_chromium
@needs_pdf_tools
def test_demo_boards_print_on_one_sheet_each(demo_site: Path, tmp_path: Path) -> None:
    """The fullest board of the demo town and one board of each quarter, on A3 (the default) and by the A4 link."""
    boards = _boards(demo_site)
    rows = {b: (demo_site / b / "index.html").read_text(encoding="utf-8").count('<td class="gk-poster__no">') for b in boards}
    fullest = max(boards, key=lambda b: (rows[b], b))
    chosen = sorted({fullest, *(next(b for b in boards if b.endswith(q)) for q in {b.rsplit("/", 1)[1] for b in boards})})
    assert len(chosen) >= 4
    for board, pdf in _print(demo_site, chosen, tmp_path):
        _check_poster(pdf, "a3", board, _org_name(demo_site, board))
    for board, pdf in _print(demo_site, chosen[:2], tmp_path, click="a4"):
        _check_poster(pdf, "a4", board, _org_name(demo_site, board))


@needs_chromium
@needs_pdf_tools
def test_the_a3_link_wins_over_an_a4_address(demo_site: Path, tmp_path: Path) -> None:
    board = _boards(demo_site)[0]
    [(_, pdf)] = _print(demo_site, [board], tmp_path, fragment="#a4", click="a3")
    _check_poster(pdf, "a3", board, _org_name(demo_site, board))


@needs_chromium
@needs_pdf_tools
def test_a_crowded_board_still_fills_one_sheet(crowded_site: Path, tmp_path: Path) -> None:
    html = (crowded_site / "chengnuo" / "nanmen" / "2024-q3" / "index.html").read_text(encoding="utf-8")
    assert "gk-poster--packed" in html and html.count('<td class="gk-poster__no">') == 32
    for paper in ("a3", "a4"):
        for board, pdf in _print(crowded_site, ["chengnuo/nanmen/2024-q3"], tmp_path, click=paper):
            _check_poster(pdf, paper, board, "南门小学党支部")


@needs_chromium
@needs_pdf_tools
def test_other_pages_print_their_content_with_a_footer(demo_site: Path, tmp_path: Path) -> None:
    """Home, sections, an organization, a quarter's all-pledges board, statistics: content only, the footer on every
    sheet, no sheet without content (short pages like 简报 and 表彰 used to print a blank second sheet)."""
    pages = ["", "zuzhi", "zuzhi/zhibu-0001", "chengnuo/2024-q4", "tongji", "jianbao", "biaozhang"]
    for rel, pdf in _print(demo_site, pages, tmp_path):
        count, (width, height) = _pages_and_paper(pdf)
        sheets = _text(pdf).split("\f")[:count]
        address = SITE_URL + (rel + "/" if rel else "")
        assert not _blank_sheets(pdf), f"{rel}: sheets {_blank_sheets(pdf)} of {count} are blank but for the footer"
        for number, sheet in enumerate(sheets, 1):
            assert SITE_NAME in sheet and address in sheet and f"打印于{date.today().year}年" in sheet and f"第{number}/{count}页" in sheet, \
                f"{rel}: no footer on sheet {number}\n{sheet}"
        body = "".join(sheets).replace(SITE_NAME, "")
        assert not [w for w in SCREEN_ONLY if w in body], f"{rel}: navigation or controls printed\n{body}"
        assert abs(width - 210) < 2 and abs(height - 297) < 2, f"{rel}: the page chose its paper ({width:.0f} × {height:.0f} mm)"  # the printer's choice


@needs_chromium
@needs_pdf_tools
def test_a_page_read_in_the_dark_scheme_prints_dark_on_white(demo_site: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    for rel, pdf in _print(demo_site, ["zuzhi/zhibu-0001", _boards(demo_site)[0]], tmp_path, scheme="slate"):
        subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-singlefile", "-gray", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
        image = Image.open(pdf.with_suffix(".png")).convert("L")
        assert ImageStat.Stat(image).mean[0] > 220, f"{rel}: printed on a dark ground"
        assert image.getextrema()[0] < 60, f"{rel}: no dark text on the sheet"


def test_the_poster_says_what_the_wall_needs(fixture_site: Path) -> None:
    """Title, the quarter's theme, each pledge with owner, items and deadline, the supervision phone, the QR code's place."""
    html = (fixture_site / "chengnuo" / "nanmen" / "2024-q3" / "index.html").read_text(encoding="utf-8")
    poster = html[html.index('<section class="gk-poster'):html.index("</section>", html.index('<section class="gk-poster'))]
    assert '<p class="gk-poster__name">南门小学党支部</p>' in poster and "本季主题：服务群众在一线" in poster
    assert "开展课后托管服务" in poster and "托管课时 60 课时" in poster and "9月30日前" in poster  # the branch's pledge
    assert "李明" in poster and "辅导留守儿童" in poster and "辅导次数 20 次" in poster and "11月30日前" in poster
    assert "逾期" in poster  # 12 of 20 by 30 November
    assert "尚在审诺的承诺" not in poster and "草稿承诺" not in poster
    assert "监督电话：0571-88885678" in poster and "data-gk-qr" in poster
    assert f'<link rel="canonical" href="{SITE_URL}chengnuo/nanmen/2024-q3/">' in html  # what the QR code encodes
    assert 'src="../../../assets/vendor/qrcode-generator-2.0.4.js" defer' in html  # relative: works from file:// too
    assert "Copyright (c) 2009 Kazuhiko Arase" in (fixture_site / "assets" / "vendor" / "qrcode-generator-2.0.4.js").read_text(encoding="utf-8")


def test_no_page_is_written_for_printing(demo_site: Path) -> None:
    assert not (demo_site / "dayin").exists()
    other = [p for p in demo_site.rglob("index.html") if "gk-poster" in p.read_text(encoding="utf-8") and p.parent.parent.parent.name != "chengnuo"]
    assert not other  # only board pages carry a poster
    assert len(_boards(demo_site)) == sum("<section class=\"gk-poster" in (demo_site / b / "index.html").read_text(encoding="utf-8") for b in _boards(demo_site))


def test_every_page_names_a_favicon_that_exists(demo_site: Path) -> None:
    missing = []
    for page in demo_site.rglob("*.html"):
        found = re.search(r'<link rel="icon" href="([^"]+)"', page.read_text(encoding="utf-8"))
        href = found.group(1) if found else ""
        # 404.html is served at any depth, so Material writes its links from the site's root (site_url's path).
        target = demo_site / href.removeprefix("/gongkai/") if href.startswith("/") else page.parent / href
        if not found or not target.resolve().is_file():
            missing.append(str(page.relative_to(demo_site)))
    assert not missing, missing[:10]


def test_a_board_without_a_phone_shows_the_higher_organizations() -> None:
    from gongkai.plan.poster import poster_facts
    from gongkai.records.catalog import build_catalog

    catalog = build_catalog(FIXTURE_DATA).publishable()
    pledges = [p for p in catalog.orgs["nanmen"].pledges if p.quarter == "2024-Q3"]
    context, reads = poster_facts(catalog, "nanmen", pledges)
    assert (context["phone"], context["phone_org"]) == ("0571-88885678", None) and reads == ("nanmen",)
    catalog.orgs["nanmen"].phone = None
    context, reads = poster_facts(catalog, "nanmen", pledges)
    assert (context["phone"], context["phone_org"]) == ("0571-88881234", "青石镇党委")
    assert reads[0] == "nanmen" and catalog.orgs[reads[-1]].name == "青石镇党委"  # the board depends on the phone's owner too
