#!/usr/bin/env python3
"""Screenshots of a built site at phone and desktop width, for reviewing by eye.

    python tools/screenshots.py site /tmp/shots index.html zuzhi/index.html ...
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def main(site: Path, out: Path, pages: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for rel in pages:
                page.goto((site / rel).resolve().as_uri())
                name = rel.replace("/", "_").replace(".html", "")
                page.screenshot(path=str(out / f"{label}-{name}.png"), full_page=label == "phone")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
