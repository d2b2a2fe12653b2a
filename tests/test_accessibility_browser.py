"""WCAG 2.1 AA on every page kind: axe-core (vendored, tests/vendor/) in Chromium over loopback.

Phone and desktop, light and dark (Material's slate), the 长辈模式 too; one
browser, one tab per combination, the demo town built once per session.
"""
from __future__ import annotations

import json
from pathlib import Path

from browser import needs_chromium, serve
from screenshots import ARGS, CHROMIUM

pytestmark = needs_chromium

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules the issue names on top of the WCAG ones: headings in order, a named search dialog, a skip link that lands.
ALSO = ["heading-order", "aria-dialog-name", "skip-link", "landmark-one-main", "page-has-heading-one"]
# One page of every kind the site has (record pages, section indexes, hand-written pages).
PAGES = {
    "home": "",
    "boards index": "chengnuo/",
    "all-pledges board": "chengnuo/2024-q4/",
    "board": "chengnuo/zhibu-0001/2024-q4/",
    "organizations": "zuzhi/",
    "organization": "zuzhi/zongzhi-002/",
    "branch": "zuzhi/zhibu-0001/",
    "members": "dangyuan/",
    "member": "dangyuan/zhibu-0001/m01/",
    "events": "biaozhang/",
    "event": "biaozhang/2024-qiyi/",
    "quarters": "jidu/",
    "quarter": "jidu/2024-q1/",
    "albums": "xiangce/",
    "album": "xiangce/qiyi-2024/",
    "stats": "tongji/",
    "open data": "open-data/",
    "briefings": "jianbao/",
    "briefing": "jianbao/2024-01/",
    "guide": "guide/",
    "not found": "404.html",
}
MODES = {  # name → (viewport, colour scheme, 长辈模式)
    "phone light": ((390, 844), "default", False),
    "desktop dark": ((1280, 900), "slate", False),
    "phone dark": ((390, 844), "slate", False),
    "desktop light": ((1280, 900), "default", False),
    "kiosk elder": ((1080, 1920), "default", True),
}


def _violations(page) -> list[dict]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "rules": {rule: {"enabled": True} for rule in ALSO}, "resultTypes": ["violations"]}
    result = page.evaluate("opts => axe.run(document, opts)", options)
    return [{"id": v["id"], "count": len(v["nodes"]), "nodes": [_node(n) for n in v["nodes"][:5]]} for v in result["violations"]]


def _node(node: dict) -> str:
    why = (node["any"] or node["all"] or node["none"] or [{"message": ""}])[0]["message"]
    return f"{' '.join(map(str, node['target']))}: {why[:120]}"


def _prepare(page, scheme: str, elder: bool) -> None:
    """The reader's choices as the site itself stores them: Material's palette and our 长辈模式."""
    page.evaluate(
        """([scheme, elder]) => {
            const input = document.querySelector(`[data-md-color-scheme="${scheme}"].md-option`);
            if (input && document.body.getAttribute('data-md-color-scheme') !== scheme) input.click();
            document.body.setAttribute('data-md-color-scheme', scheme);
            if (elder) document.documentElement.setAttribute('data-gk-elder', '');
        }""",
        [scheme, elder],
    )


def _search(page) -> bool:
    """The search dialog open with results, whichever search the site ships (its box is .md-search__input)."""
    box = page.locator(".md-search__input").first
    opener = page.locator(".md-header__button[for=__search]")
    if not box.is_visible() and opener.count():  # a phone shows a magnifier that opens the dialog
        opener.first.click()
    if not box.is_visible():
        return False
    box.fill("承诺")
    page.wait_for_timeout(800)
    return True


def test_every_page_kind_has_no_wcag_aa_violation(demo_site: Path) -> None:
    from playwright.sync_api import sync_playwright

    failures: dict[str, list[dict]] = {}
    with serve(demo_site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for mode, ((width, height), scheme, elder) in MODES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                for kind, rel in PAGES.items():
                    page.goto(base + rel)
                    _prepare(page, scheme, elder)
                    found = _violations(page)
                    if found:
                        failures[f"{mode} · {kind} ({rel or '/'})"] = found
                page.goto(base)
                _prepare(page, scheme, elder)
                found = _violations(page) if _search(page) else [{"id": "search box not reachable", "count": 1, "nodes": []}]
                if found:
                    failures[f"{mode} · search results"] = found
                page.close()
        finally:
            browser.close()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)
