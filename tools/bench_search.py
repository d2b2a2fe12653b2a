#!/usr/bin/env python3
"""How long a resident waits for the first search results on a built site.

    .venv/bin/python tools/bench_search.py site/ 留守儿童 东岭村党支部

Serves the folder on loopback, opens the home page in headless Chromium
(Debian's /usr/bin/chromium), and for each query measures the seconds from
the page being loaded until the first result is shown — which includes the
search worker downloading the index and building it in the browser, the wait
a kiosk visitor has on the first query. Reports the index size too.
This is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from screenshots import ARGS, CHROMIUM  # noqa: E402  the same Debian Chromium and flags

RESULT = "document.querySelector('.md-search-result__list li')"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def first_results(site: Path, queries: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    found: dict[str, float] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for query in queries:
                page = browser.new_page(viewport={"width": 1080, "height": 1920})
                page.goto(url)
                page.wait_for_load_state("load")
                started = time.perf_counter()
                box = page.locator("input.md-search__input")
                page.locator("label.md-search__icon, .md-search__input").first.click()
                while time.perf_counter() - started < 60:
                    box.fill(query)
                    box.press("End")  # Material searches on key events
                    try:
                        page.wait_for_function(RESULT, timeout=200)
                        break
                    except Exception:
                        continue
                found[query] = round(time.perf_counter() - started, 2)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    # Our index (search/*.js) when the site has it, Material's search_index.json otherwise.
    files = [p for p in (site / "search").rglob("*") if p.is_file()]
    return {"index_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2), "files": len(files), "first_results_s": found}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("queries", nargs="+")
    args = parser.parse_args()
    print(json.dumps(first_results(args.site, args.queries), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
