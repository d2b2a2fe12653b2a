"""`gongkai serve` with a problem in the data: every page is the list of problems, and the site comes back once fixed."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

from browser import chromium_page, needs_chromium
from conftest import FIXTURE_DATA, ROOT, write_config

MARK = "data-gongkai-problems"


def _stop(server: subprocess.Popen) -> str:
    """End the server and the engine it started (one process group); return the end of their output."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
    try:
        out = server.communicate(timeout=20)[0]
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        out = server.communicate()[0]
    return out.decode("utf-8", "replace")[-4000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, done, seconds: float = 90) -> tuple[int, str]:
    deadline, last = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if done(*last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # the server is still starting
        time.sleep(0.5)
    raise AssertionError(f"{url} never answered as expected; last answer: {last and last[0]} {last and last[1][:300]}")


@needs_chromium
def test_serve_shows_the_problems_in_the_browser_until_they_are_fixed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    org = data / "organizations" / "nanmen.yml"
    good = org.read_text(encoding="utf-8")
    lines = good.split("\n")
    broken_line = next(n for n, line in enumerate(lines) if line.startswith("名称:"))
    lines[broken_line] = lines[broken_line].replace("名称:", "名称：", 1)  # the commonest slip: a full-width colon
    org.write_text("\n".join(lines), encoding="utf-8")
    config = write_config(tmp_path, data, overrides={"watch": [str(data)]}, as_of="2024-12-31")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gongkai", "--project", str(tmp_path), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    mount = urllib.parse.urlsplit(yaml.safe_load(config.read_text(encoding="utf-8")).get("site_url") or "/").path
    base = f"http://127.0.0.1:{port}{mount.rstrip('/')}/"
    try:
        status, page = _wait_for(base, lambda status, text: MARK in text)
        assert status == 404  # nothing of the site is served while the data is wrong
        assert "data/organizations/nanmen.yml，第 1 行" in page and "中文冒号" in page and "英文冒号加一个空格" in page
        _, record_page = _get(base + "zuzhi/nanmen/")  # any address: the same list
        assert MARK in record_page

        with chromium_page() as (browser, _):
            browser.goto(base + "zuzhi/nanmen/")
            assert "数据检查发现 1 处问题" in browser.inner_text("h1")
            org.write_text(good, encoding="utf-8")  # the clerk fixes the file and saves
            # The page notices on its own: no one presses reload.
            browser.wait_for_function(f"!document.body.hasAttribute('{MARK}')", timeout=90_000)
            assert "南门小学党支部" in browser.inner_text("body"), _stop(server)
            # Broken again while the page is open: the engine's reload brings the list, not the stale page.
            org.write_text(good.replace("类型:", "类型：", 1), encoding="utf-8")
            browser.wait_for_function(f"document.body.hasAttribute('{MARK}')", timeout=90_000)
            assert "「类型」后面用了中文冒号" in browser.inner_text("body")
            org.write_text(good, encoding="utf-8")
            browser.wait_for_function(f"!document.body.hasAttribute('{MARK}')", timeout=90_000)
        status, home = _get(base)
        assert status == 200 and MARK not in home
    finally:
        _stop(server)
