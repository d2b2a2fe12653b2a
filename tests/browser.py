"""Headless Chromium for tests: Debian's /usr/bin/chromium driven by Playwright, never a download."""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from typing import Iterator

import pytest

from screenshots import ARGS, CHROMIUM  # tools/: one place for Debian's Chromium and its flags

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (scripts/test.sh installs it)")


@contextmanager
def chromium_page(width: int = 1280, height: int = 900) -> Iterator:
    """A page plus the list of every URL it requested."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            yield page, requests
        finally:
            browser.close()
