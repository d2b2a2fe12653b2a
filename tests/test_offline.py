"""The intranet build: no URL in the output points outside, and served on loopback nothing is fetched from outside."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path


from browser import chromium_page, needs_chromium
from gongkai.publishing import verify


def test_no_file_points_outside_the_site(demo_site: Path) -> None:
    assert verify.outside_urls(demo_site) == []
    assert verify.missing_pages(demo_site) == []


def test_the_scanner_catches_an_outside_font_or_script(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<link href="https://fonts.googleapis.com/css?family=Roboto"><script src="//cdn.example.com/x.js"></script>', encoding="utf-8")
    (tmp_path / "b.css").write_text("@import url(https://fonts.gstatic.com/x.woff2);", encoding="utf-8")
    found = {f.file for f in verify.outside_urls(tmp_path)}
    assert found == {"a.html", "b.css"}


def test_a_link_a_clerk_wrote_is_allowed(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="https://www.gov.cn/" target="_blank" rel="noopener noreferrer">政策原文</a>', encoding="utf-8")
    assert verify.outside_urls(tmp_path) == []


@needs_chromium
def test_served_on_loopback_no_request_leaves_the_site(demo_site: Path) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(demo_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with chromium_page() as (page, requests):
            for path in ("", "zuzhi/index.html", "chengnuo/zhibu-0005/2024-q3/index.html", "xiangce/qiyi-2024/index.html", "dangyuan/index.html"):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").fill("承诺")
            page.locator("input.md-search__input").press("End")
            page.wait_for_selector(".md-search-result__item", timeout=10000)
    finally:
        server.shutdown()
    outside = [url for url in requests if not url.startswith((base, "data:", "blob:"))]
    assert len(requests) > 10 and outside == []
