"""Reading on a phone and in 长辈模式, measured in Chromium: type size, words kept whole, targets, contrast, one column."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser import chromium_page, needs_chromium, serve
from conftest import FIXTURE_DATA, build_site
from screenshots import ARGS, CHROMIUM
from test_accessibility_browser import AXE, PAGES

pytestmark = needs_chromium

# Visible text smaller than `min` px (SVG text as drawn, after the chart is scaled), and short tokens
# (dates, stages, badges, names in small print) that the browser broke over two lines.
MEASURE = """(min) => {
  const small = [], broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || !element.getClientRects().length) continue;
    if (element.closest('[hidden], [aria-hidden="true"], .md-sidebar, .md-search, .md-skip, .gk-attract, .md-tooltip')) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.opacity === '0') continue;
    let size = parseFloat(style.fontSize);
    if (element instanceof SVGElement && element.getScreenCTM()) size *= element.getScreenCTM().a;
    if (size < min - 0.01) small.push(`${element.tagName.toLowerCase()}.${element.className.baseVal ?? element.className}: ${size.toFixed(1)}px “${node.textContent.trim().slice(0, 20)}”`);
  }
  for (const token of document.querySelectorAll('.md-content time, .md-content .gk-badge, .md-content .gk-nowrap, .gk-steps__name')) {
    const lines = new Set([...token.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) broken.push(token.textContent.trim());
  }
  return {small, broken};
}"""


def test_phone_text_is_14px_or_more_and_short_tokens_stay_whole(demo_site: Path) -> None:
    from playwright.sync_api import sync_playwright

    problems = {}
    with serve(demo_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width in (390, 320):
                page = browser.new_page(viewport={"width": width, "height": 800})
                for kind, rel in PAGES.items():
                    page.goto(base + rel)
                    found = page.evaluate(MEASURE, 14)
                    if found["small"] or found["broken"]:
                        problems[f"{width}px {kind}"] = found
                page.close()
        finally:
            browser.close()
    assert not problems, problems


def test_pledge_items_keep_their_target_at_every_width(demo_site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(demo_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width in (320, 390, 720, 1280):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.goto(base + "chengnuo/zhibu-0001/2024-q4/")
                targets = page.locator('.gk-items td[data-label="目标"]')
                assert targets.count() > 0
                for i in range(targets.count()):
                    cell = targets.nth(i)
                    assert cell.is_visible() and cell.inner_text().strip(), (width, i)
                    # On a phone the column heading is out of sight, so the cell says what it is.
                    if width < 720:
                        assert cell.evaluate("c => getComputedStyle(c, '::before').content") == '"目标："'
                # Nothing is wider than the screen: no sideways scrolling to find the target.
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                page.close()
        finally:
            browser.close()


ELDER_PAGES = {"home": "", "board": "chengnuo/zhibu-0001/2024-q4/", "member": "dangyuan/zhibu-0001/m01/", "boards index": "chengnuo/"}
# Every control a reader taps: list links, buttons, selects, pills, tabs, header buttons.
TARGETS = """() => [...document.querySelectorAll(
  '.md-content ul.gk-links a, .md-content .gk-tree a, .md-content .md-button, .md-content select, .md-content input, .gk-quarters a,'
  + '.md-content summary, .md-header__button, .md-tabs__link, .gk-rows a, a.gk-permalink')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => [e.textContent.trim().slice(0, 12) || e.className, Math.round(e.getBoundingClientRect().height), Math.round(e.getBoundingClientRect().width)])
  .filter(([, h, w]) => h < 59.5 || w < 59.5)"""


ENHANCED_CONTRAST = """() => axe.run(document, {runOnly: ['color-contrast-enhanced']})
  .then(r => r.violations.map(v => v.nodes.map(n => n.target.join(' ') + ' ' + n.any[0].message.slice(0, 90))))"""


@pytest.mark.parametrize("size", [(390, 844), (1080, 1920)], ids=["phone", "kiosk"])
def test_elder_mode_is_large_strong_and_one_column(demo_site: Path, size: tuple[int, int]) -> None:
    from playwright.sync_api import sync_playwright

    with serve(demo_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(base)
            assert page.evaluate("document.documentElement.hasAttribute('data-gk-elder')") is False
            normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content p, .md-content dd')).fontSize)")
            entry = page.locator(".md-content [data-gk-elder-toggle]")  # the prominent entry on the home page
            entry.click()
            assert page.locator(".md-header [data-gk-elder-toggle]").get_attribute("aria-pressed") == "true"
            for kind, rel in ELDER_PAGES.items():
                page.goto(base + rel)  # remembered on the device
                assert page.evaluate("document.documentElement.hasAttribute('data-gk-elder')"), kind
                text = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content p, .md-content dd')).fontSize)")
                assert text >= 20 and text > normal, (kind, text)
                assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-content p, .md-content dd')).lineHeight)") >= 1.5 * text
                assert page.evaluate(TARGETS) == [], kind
                # Text contrast 7:1 (WCAG AAA, axe's color-contrast-enhanced), the elder version's promise, light and dark.
                page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
                for scheme in ("default", "slate"):
                    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
                    page.wait_for_timeout(300)  # Material fades link colours over 125 ms
                    found = page.evaluate(ENHANCED_CONTRAST)
                    assert found == [], (kind, scheme, found)
                # One column: side bars gone, cards and figures one under another.
                assert not page.locator(".md-sidebar--secondary").is_visible()
                lefts = page.evaluate("[...document.querySelectorAll('.gk-figures > div, .gk-cards > *')].map(e => Math.round(e.getBoundingClientRect().left))")
                assert len(set(lefts)) <= 1, (kind, lefts)
            _switch_elder_off_and_reload(page)
        finally:
            browser.close()


def _switch_elder_off_and_reload(page) -> None:
    """The header toggle leaves 长辈模式, and the choice survives a reload."""
    page.locator(".md-header [data-gk-elder-toggle]").click()
    page.reload()
    assert page.evaluate("document.documentElement.hasAttribute('data-gk-elder')") is False


def test_elder_default_makes_it_the_first_view_and_a_reader_may_leave_it(tmp_path: Path) -> None:
    result = build_site(tmp_path, FIXTURE_DATA, elder_default=True)
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as base, chromium_page(1080, 1920) as (page, _):
        page.goto(base)
        assert page.evaluate("document.documentElement.hasAttribute('data-gk-elder')")
        _switch_elder_off_and_reload(page)


def test_the_lightbox_loads_only_where_there_are_photos(demo_site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(demo_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(base + "chengnuo/2024-q4/", wait_until="load")
            assert not [u for u in requests if "glightbox" in u or "resize-observer" in u]
            page.goto(base + "xiangce/qiyi-2024/", wait_until="load")
            page.wait_for_function("typeof GLightbox === 'function'")
            assert [u for u in requests if u.endswith("glightbox.min.js")] and [u for u in requests if u.endswith("glightbox.min.css")]
            page.locator("a.glightbox").nth(1).click()
            page.wait_for_selector(".gslide.current img")
            assert "颁奖" in page.locator(".gslide.current .gslide-desc").inner_text()
        finally:
            browser.close()
