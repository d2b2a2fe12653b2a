"""The kiosk bundle opened from file:// in Chromium: search, lightbox, idle timer, and no request leaves."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from browser import chromium_page, needs_chromium
from conftest import ROOT, build_site
from gongkai.publishing.publish import package_kiosk

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory) -> Path:
    """The kiosk zip, unpacked as a hall's staff would, with the idle timer shortened."""
    folder = tmp_path_factory.mktemp("kiosk")
    timings = {"idle_seconds": 2, "notice_seconds": 1, "slide_seconds": 1}
    result = build_site(folder, ROOT / "data", kiosk=True, overrides={"extra": {"kiosk": timings}}, as_of="2024-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    bundle = package_kiosk(folder / "site", folder / "kiosk.zip", timings["idle_seconds"])
    with zipfile.ZipFile(bundle) as archive:
        assert "使用说明.txt" in archive.namelist()
        archive.extractall(folder / "unpacked")
    return folder / "unpacked" / "公开栏"


def _search(page, query: str) -> str:
    """Type a query and return the result list's text (zero-width word breaks removed)."""
    script = "q => { const r = document.querySelector('.md-search-result__list');" \
             " return r && r.innerText.replace(/\\u200b/g, '').includes(q); }"
    for _ in range(10):  # the search worker needs a moment to load the index
        box = page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")  # Material searches on key events, as when a person types
        try:
            page.wait_for_function(script, arg=query, timeout=1500)
            return page.locator(".md-search-result__list").inner_text().replace("\u200b", "")
        except Exception:
            page.locator("input.md-search__input").fill("")
    raise AssertionError(f"no search results for {query}")


def test_chinese_search_works_from_file_urls(kiosk: Path) -> None:
    with chromium_page(1080, 1920) as (page, requests):
        page.goto((kiosk / "index.html").as_uri())
        page.locator("input.md-search__input").click()
        assert "留守儿童" in _search(page, "留守儿童")  # a pledge's words
        assert "东岭村党支部" in _search(page, "东岭村党支部")  # an organization's name
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and "index.html" in page.url
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))]
    assert requests and outside == []


def test_lightbox_opens_offline(kiosk: Path) -> None:
    with chromium_page(1920, 1080) as (page, requests):
        page.goto((kiosk / "xiangce" / "qiyi-2024" / "index.html").as_uri())
        page.locator("a.glightbox").first.click()
        page.wait_for_selector(".gslide.current img", timeout=5000)
    assert all(url.startswith(("file://", "data:")) for url in requests)


def test_idle_timer_returns_home_and_starts_the_slideshow(kiosk: Path) -> None:
    with chromium_page(1080, 1920) as (page, requests):
        page.goto((kiosk / "zuzhi" / "index.html").as_uri())
        page.wait_for_selector(".gk-kiosk-notice", timeout=5000)
        page.wait_for_url("**/index.html#attract", timeout=5000)
        assert page.url.endswith("公开栏/index.html#attract") or page.url.endswith("%E5%85%AC%E5%BC%80%E6%A0%8F/index.html#attract")
        page.wait_for_selector("#gk-attract:not([hidden])", timeout=3000)
        assert page.locator("#gk-attract figure:visible, #gk-attract .gk-slide-text:visible").count() == 1  # one slide at a time
        page.screenshot(path=str(kiosk.parent / "attract.png"))
        page.mouse.click(500, 500)
        assert page.locator("#gk-attract").is_hidden()
    assert all(url.startswith(("file://", "data:")) for url in requests)


def test_idle_on_the_home_page_clears_what_the_last_visitor_left(kiosk: Path) -> None:
    # The case: after a touch, the previous visitor's search 路灯 was still open with its results.
    with chromium_page(1920, 1080) as (page, _):
        page.goto((kiosk / "index.html").as_uri())
        page.locator("input.md-search__input").click()
        assert "路灯" in _search(page, "路灯")
        page.mouse.wheel(0, 600)
        page.wait_for_selector("#gk-attract:not([hidden])", timeout=8000)
        page.mouse.click(500, 500)  # the next visitor touches the screen
        assert page.locator("input.md-search__input").input_value() == ""
        assert not page.evaluate("document.getElementById('__search').checked")  # search closed
        assert page.locator(".md-search-result__item").count() == 0 or not page.locator(".md-search-result__item").first.is_visible()
        assert page.evaluate("window.scrollY") == 0


def test_idle_resets_the_filters_of_an_index(kiosk: Path) -> None:
    with chromium_page(1080, 1920) as (page, _):
        page.goto((kiosk / "chengnuo" / "index.html").as_uri())
        box = page.locator("form.gk-filters input[type=search]").first
        box.fill("东岭")
        page.wait_for_selector(".gk-kiosk-notice", timeout=5000)  # idle: the notice, reset before it shows
        assert box.input_value() == ""


def test_touch_targets_are_at_least_44_px(kiosk: Path) -> None:
    with chromium_page(1080, 1920) as (page, _):
        page.goto((kiosk / "chengnuo" / "index.html").as_uri())
        small = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content a, .md-tabs a, select'))
            .filter(e => e.offsetParent !== null)
            .map(e => e.getBoundingClientRect())
            .filter(r => r.height < 44).length""")
        assert small == 0
