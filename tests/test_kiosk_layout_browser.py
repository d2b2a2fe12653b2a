"""The kiosk on a hall's screens, landscape 1920×1080 and portrait 1080×1920: the header at the very top, the
sections on screen, 44 px targets, nothing to download, and every page that a visitor leaves behind comes home clean."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import chromium_page, needs_chromium
from gongkai.render.kiosk_page import FILE_RE
from test_kiosk_browser import _search, kiosk  # noqa: F401  (the module's own kiosk build: same fixture, one build here)

SCREENS = pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
BOARD = "chengnuo/zhibu-0003/2024-q4/index.html"
# One of each kind of page a visitor taps through: home, organization, board, member index, album, open data, 统计.
PAGES = ["index.html", "zuzhi/zhibu-0003/index.html", BOARD, "dangyuan/index.html", "xiangce/qiyi-2024/index.html",
         "open-data.html", "tongji/index.html"]

# What a person can see and tap: shown, not see-through, not a visually-hidden 1 px box (Material's skip link).
VISIBLE = """e => { const r = e.getBoundingClientRect();
  return r.width > 1 && r.height > 1 && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}); }"""


class _Tags(HTMLParser):
    """Every tag with its attributes, from one HTML file."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(path: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def _pages(kiosk: Path) -> list[Path]:
    pages = sorted(kiosk.rglob("*.html"))
    assert pages, "the kiosk has no pages"
    return pages


def test_no_page_of_the_kiosk_links_a_download(kiosk: Path) -> None:
    found = [f"{page.relative_to(kiosk)}: {attrs.get('href')}" for page in _pages(kiosk) for tag, attrs in _tags(page)
             if tag == "a" and ("download" in attrs or FILE_RE.search(attrs.get("href") or ""))]
    assert found == []
    assert not (kiosk / "kaifang").exists() and not (kiosk / "feed.xml").exists()  # nor carries the files
    assert "请用电脑或手机打开内网公开栏网站" in (kiosk / "open-data.html").read_text(encoding="utf-8")  # where to get them instead


def test_every_page_of_the_kiosk_loads_the_idle_timer(kiosk: Path) -> None:
    # A page without kiosk.js would keep the screen where the last visitor left it, for good.
    missing = []
    for page in _pages(kiosk):
        scripts = [unquote(urlsplit(attrs["src"]).path) for tag, attrs in _tags(page) if tag == "script" and attrs.get("src")]
        loaded = [src for src in scripts if src.endswith("assets/kiosk.js") and (page.parent / src).resolve().is_file()]
        if not loaded:
            missing.append(str(page.relative_to(kiosk)))
    assert missing == []


@needs_chromium
def test_tapping_on_the_open_data_page_downloads_nothing(kiosk: Path) -> None:
    with chromium_page(1080, 1920) as (page, _):
        downloads = []
        page.on("download", lambda download: downloads.append(download.suggested_filename))
        start = (kiosk / "open-data.html").as_uri()
        page.goto(start)
        assert page.locator(".gk-kiosk-note").is_visible()
        names = page.locator(".md-content .gk-file")
        assert names.count() >= 5  # the tables and the feed, named as text
        for index in range(names.count()):
            names.nth(index).click()
        for index in range(page.locator(".md-content a[href]").count()):  # and every link left on the page
            page.locator(".md-content a[href]").nth(index).click()
            page.wait_for_timeout(200)
            if page.url != start:
                page.goto(start)
        page.wait_for_timeout(500)
        assert downloads == [] and page.url == start


@needs_chromium
@SCREENS
def test_no_band_above_the_header(kiosk: Path, size: tuple[int, int]) -> None:
    with chromium_page(*size) as (page, _):
        for rel in ("index.html", BOARD):
            page.goto((kiosk / rel).as_uri())
            header = page.locator(".md-header").bounding_box()
            assert header["y"] == 0 and header["width"] == size[0], f"{rel}: {header}"
            above = page.evaluate(f"""() => Array.from(document.body.querySelectorAll('*')).filter({VISIBLE})
                .filter(e => e.getBoundingClientRect().top < 0 && !e.closest('.md-header'))
                .filter(e => e.getBoundingClientRect().bottom > 0 || getComputedStyle(e).position === 'fixed')
                .map(e => e.tagName + '.' + e.className)""")
            assert above == [], rel
            # Whatever the eye sees in the header's top rows is the header itself, nothing laid over it.
            covered = page.evaluate("""w => [2, w / 4, w / 2, 3 * w / 4, w - 2].map(x => document.elementFromPoint(x, 1))
                .filter(e => !e || !e.closest('.md-header')).map(e => e ? e.tagName + '.' + e.className : 'nothing')""", size[0])
            assert covered == [], rel


@needs_chromium
@SCREENS
def test_pages_without_headings_use_the_whole_width(kiosk: Path, size: tuple[int, int]) -> None:
    """Material keeps a table-of-contents column even when it is empty: a quarter of a portrait screen left blank."""
    with chromium_page(*size) as (page, _):
        for rel in (BOARD, "zuzhi/index.html"):
            page.goto((kiosk / rel).as_uri())
            toc_links = page.locator(".md-sidebar--secondary .md-nav__link").count()
            content = page.locator(".md-content").bounding_box()
            if toc_links == 0 and size[0] < 1220:  # below 76.25em the left navigation is the drawer too
                assert content["x"] == 0 and content["width"] == size[0], f"{rel}: {content}"
            elif toc_links == 0:
                assert page.locator(".md-sidebar--secondary").is_hidden(), rel


@needs_chromium
@SCREENS
def test_each_section_tab_is_on_screen_and_taps_through(kiosk: Path, size: tuple[int, int]) -> None:
    with chromium_page(*size) as (page, _):
        home = (kiosk / "index.html").as_uri()
        page.goto(home)
        tabs = page.locator(".md-tabs__link")
        assert tabs.count() >= 8  # the top sections of mkdocs.yml's nav
        for index in range(tabs.count()):
            tab = tabs.nth(index)
            name, box = tab.inner_text().strip(), tab.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= size[0] and box["y"] + box["height"] <= size[1], name
            assert box["width"] >= 44 and box["height"] >= 44, f"{name}: {box}"
            href = tab.evaluate("a => a.href")
            tab.click(timeout=2000)  # no ☰ opened first: Playwright fails if anything else would take the tap
            page.wait_for_load_state()
            assert page.url.split("#")[0] == href.split("#")[0], name
            page.goto(home)


@needs_chromium
@SCREENS
def test_every_tap_target_is_at_least_44_px(kiosk: Path, size: tuple[int, int]) -> None:
    offenders = []
    with chromium_page(*size) as (page, _):
        for rel in PAGES:
            page.goto((kiosk / rel).as_uri())
            small = page.evaluate(f"""() => Array.from(document.querySelectorAll(
                  'a[href], button, select, summary, input:not([type=hidden]), label, [role=button], [tabindex]:not([tabindex="-1"])'))
                .filter({VISIBLE})
                .map(e => [e.tagName.toLowerCase(), (e.innerText || e.getAttribute('aria-label') || e.title || e.name || '').trim().slice(0, 24),
                           Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)])
                .filter(([, , w, h]) => w < 44 || h < 44)""")
            assert page.evaluate("document.querySelectorAll('a[href]').length") > 10, rel  # the page and its links were there
            offenders += [f"{rel}: <{tag}> {text!r} {w}×{h}" for tag, text, w, h in small]
    assert offenders == [], "\n".join(offenders)


def _home_after_idle(page) -> None:
    """Wait out the idle timer: the notice, then home with the slideshow; then the next visitor touches the screen."""
    page.wait_for_url(re.compile(r".*/index\.html#attract$"), timeout=8000)
    page.wait_for_selector("#gk-attract:not([hidden])", timeout=3000)
    title = page.locator(".md-content h1").bounding_box()  # a touch on the page's title: nothing there to open
    page.mouse.click(title["x"] + 10, title["y"] + title["height"] / 2)
    assert page.locator("#gk-attract").is_hidden()


def _clean(page) -> None:
    assert page.evaluate("window.scrollY") == 0
    assert page.locator("input.md-search__input").input_value() == ""
    assert not page.evaluate("document.getElementById('__search').checked")  # search closed
    assert page.locator(".glightbox-container").count() == 0 or page.locator(".glightbox-container").is_hidden()


@needs_chromium
@SCREENS
def test_what_a_visitor_leaves_anywhere_is_gone_after_idle(kiosk: Path, size: tuple[int, int]) -> None:
    # test_kiosk_browser covers search on the home page and the text box of an index; these are the other leftovers.
    board = "chengnuo/zhibu-0025/2024-q3/index.html"  # three pledges: taller than a portrait screen
    anchor = re.findall(r'id="(c-[^"]+)"', (kiosk / board).read_text(encoding="utf-8"))[-1]
    with chromium_page(*size) as (page, _):
        page.goto((kiosk / board).as_uri() + "#" + anchor)  # a pledge opened from its QR code, scrolled to it
        page.wait_for_timeout(300)
        assert page.evaluate("document.querySelector(':target').id") == anchor and page.evaluate("window.scrollY") > 0
        page.locator("input.md-search__input").click()
        assert "路灯" in _search(page, "路灯")  # and a search typed on that page
        _home_after_idle(page)
        _clean(page)

        page.goto((kiosk / "xiangce" / "qiyi-2024" / "index.html").as_uri())
        page.locator("a.glightbox").first.click()
        page.wait_for_selector(".gslide.current img", timeout=5000)
        _home_after_idle(page)
        _clean(page)

        index = (kiosk / "zuzhi" / "index.html").as_uri()
        page.goto(index)
        choice = page.locator("form.gk-filters select").first
        choice.select_option(index=1)
        hidden = "document.querySelectorAll(document.querySelector('form.gk-filters').dataset.filterTarget + ' [hidden]').length"
        assert page.evaluate(hidden) > 0  # the filter hid some organizations
        _home_after_idle(page)
        _clean(page)
        page.go_back()  # the next visitor opens the index again
        page.wait_for_url(index)
        assert page.locator("form.gk-filters select").first.evaluate("s => s.selectedIndex") == 0
        assert page.evaluate(hidden) == 0
