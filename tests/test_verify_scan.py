"""The release check at scale: the faster URL scan finds what the old one found (and addresses without a scheme),
the files are shared between workers with nothing lost, and only bytes a checked release carried go unscanned."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, write_config
from gongkai.publishing import leaks, publish, releases, verify

# The scan before it was made fast: the reference for what must be found.
OLD_URL = re.compile(r"""(?<![\w.])(?:https?|ftp|wss?):(?://)?[^\s"'<>()\\]+""", re.I)
HOSTILE = [
    "xhttp://http://evil.example/a",          # a scheme inside a word, and a real one right after it
    "a.https://b.example https://c.example",  # after a dot: not a scheme; the next one is
    "HTTPS://UPPER.example/ HtTp://mixed.example",
    "ws://sock.example wss:sock.example ftp://files.example",
    "(https://paren.example) 'http://quoted.example' \\http://slash.example",
    "中文https://after-hanzi.example 中文 http://after-space.example",
    "_http://underscore.example 1http://digit.example",
    "https:// http:x https",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_fast_url_scan_finds_exactly_what_the_reference_finds(text: str) -> None:
    assert list(leaks._urls(text)) == [m.group() for m in OLD_URL.finditer(text)]


def test_an_address_without_a_scheme_is_outside_too(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<p>文字 // 注释</p><script src="//cdn.example.com/x.js"></script>', encoding="utf-8")
    (tmp_path / "b.css").write_text("body { background: url( '//img.example.com/bg.png'); }", encoding="utf-8")
    (tmp_path / "c.html").write_text('<img srcset="//img.example.com/a.webp 2x" alt="">', encoding="utf-8")
    (tmp_path / "d.js").write_text("const a = b // a comment\nlet c = 'x'; // http nothing", encoding="utf-8")
    assert sorted(f.file for f in verify.outside_urls(tmp_path)) == ["a.html", "b.css", "c.html"]


def _leaky_site(folder: Path, pages: int) -> Path:
    """Many pages, every seventh with a mobile number split by markup, every eleventh with an outside script."""
    for n in range(pages):
        number = f"<p>联系 139<b>1234</b>{n:04d}</p>" if n % 7 == 0 else "<p>2024-10-12 100 户</p>"
        script = '<script src="https://cdn.example.com/x.js"></script>' if n % 11 == 0 else ""
        (folder / f"p{n:04d}.html").write_text(f"<html><body>{number}{script}</body></html>", encoding="utf-8")
    return folder


def test_workers_find_every_finding_a_single_process_finds(tmp_path: Path) -> None:
    site = _leaky_site(tmp_path, 900)  # five batches
    alone = sorted(map(str, verify.check_site(site, workers=1)))
    shared = sorted(map(str, verify.check_site(site, workers=2)))
    assert shared == alone
    assert sum("手机号" in line for line in alone) == len(range(0, 900, 7))
    assert sum("外部地址" in line for line in alone) == len(range(0, 900, 11))


def test_only_bytes_a_checked_release_carried_go_unscanned(tmp_path: Path) -> None:
    site = _leaky_site(tmp_path, 30)
    files = releases.digests(site)
    assert verify.check_site(site, files, trusted=files) == verify.missing_pages(site)  # all carried already
    # A page changed since (a number typed in): its digest differs, so it is scanned, and only it is found.
    (site / "p0001.html").write_text("<p>13912345678</p>", encoding="utf-8")
    changed = releases.digests(site)
    found = [f.file for f in verify.check_site(site, changed, trusted=files) if "手机号" in f.message]
    assert found == ["p0001.html:1"]
    # A page the trusted release did not have is scanned too.
    shutil.copy(site / "p0007.html", site / "new.html")
    newer = releases.digests(site)
    assert {f.file.split(":")[0] for f in verify.check_site(site, newer, trusted=files) if "手机号" in f.message} == {"p0001.html", "new.html"}


def test_a_release_remembers_the_check_it_passed_and_only_that_check_trusts_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    write_config(tmp_path, data, as_of="2024-12-31")
    assert publish.publish(tmp_path) == 0
    live = tmp_path / "site-live"
    stamp = verify.stamp(live.resolve())
    carried = releases.checked_files(live, stamp)
    assert carried and carried["index.html"] == releases.digests(live.resolve())["index.html"]
    assert releases.checked_files(live, "another-check") == {}  # new detector rules or a new site address
