"""Headless Chromium for tests: Debian's /usr/bin/chromium driven by Playwright, never a download."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
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


@contextmanager
def serve(folder: Path, prefix: str = "/gongkai/") -> Iterator[str]:
    """The site at `prefix` on loopback, as the intranet serves it (site_url's path: 404.html links from there)."""
    handler = functools.partial(_QuietHandler, prefix, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a browser that moves on mid-download (a broken pipe) is no failure of the site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, prefix: str, *args, **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix):] if path.startswith(self.prefix) else "/404.html")

    def log_message(self, *args) -> None:
        pass
