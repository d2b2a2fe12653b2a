"""Checks a built site before it is published: what must be there, what must not leak out.

Used by the publish command (a failed check leaves the published site as it was) and by the
tests. Plain Python over files: no MkDocs. Each file is scanned by leaks.py; a large site's files
are spread over worker processes, and a file that the live release already carried byte for byte,
checked by the same code for the same site address, is not scanned again (see `stamp`): a
district's everyday publish changes a few hundred of its 26,000 files.
"""
from __future__ import annotations

import os
import re
import signal
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from gongkai.common.build_cache import code_version, key_of
from gongkai.publishing import faults, leaks

REQUIRED = ("index.html", "zuzhi/index.html", "chengnuo/index.html", "dangyuan/index.html", "search/meta.js")
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg", ".atom"}
_BATCH = 200  # files per task: enough to outweigh sending the list, few enough to share the work evenly


@dataclass(frozen=True)
class Finding:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def outside_urls(site: Path) -> list[Finding]:
    own = _own_url(site)
    return [f for path in _text_files(site) for f in _url_findings(*_read(site, path), own)]


def personal_numbers(site: Path) -> list[Finding]:
    """Resident ID numbers or private mobile numbers anywhere in the output, each with its line.

    No number is allowed: a 监督电话 is validated as a landline, hotline or 400/800 line,
    which the detector never takes for a mobile, so nothing needs an allow-list.
    """
    return [f for path in _text_files(site) for f in _number_findings(*_read(site, path))]


def missing_pages(site: Path) -> list[Finding]:
    return [Finding(rel, "缺少必需的页面") for rel in REQUIRED if not (site / rel).is_file()]


def stamp(site: Path) -> str:
    """What a file's clean verdict depends on besides its bytes: this code (the detector's rules) and the site's address."""
    return key_of(code_version(), _own_url(site))


def check_site(site: Path, digests: Optional[Mapping[str, list]] = None, trusted: Optional[Mapping[str, list]] = None,
               workers: Optional[int] = None) -> list[Finding]:
    """Every finding in `site`. `digests` (path → [size, SHA-256] of this site's files, as releases.digests gives them)
    and `trusted` (the same, for the files of a release checked with this `stamp`) let a file whose bytes that release
    carried go unscanned."""
    own = _own_url(site)
    paths = [p for p in _text_files(site) if not _already_checked(p.relative_to(site).as_posix(), digests, trusted)]
    jobs = [(site, paths[i:i + _BATCH], own) for i in range(0, len(paths), _BATCH)]
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        return missing_pages(site) + [f for found in _after_first(map(_scan, jobs)) for f in found]
    with ProcessPoolExecutor(workers, initializer=_quiet_worker) as pool:
        return missing_pages(site) + [f for found in _after_first(pool.map(_scan, jobs)) for f in found]


def _already_checked(rel: str, digests: Optional[Mapping[str, list]], trusted: Optional[Mapping[str, list]]) -> bool:
    return bool(digests and trusted) and rel in trusted and trusted[rel] == digests.get(rel)


def _after_first(results):
    """The results, with the fault step "check" reached once the first batch is done: a kill in mid-check."""
    for index, found in enumerate(results):
        if index == 1:
            faults.reached("check")
        yield found
    faults.reached("check")  # a site of one batch


def _scan(job: tuple[Path, list[Path], str]) -> list[Finding]:
    site, paths, own = job
    found = []
    for path in paths:
        rel, path, text = _read(site, path)
        found += _url_findings(rel, path, text, own) + _number_findings(rel, path, text)
    return found


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C, SIGTERM and SIGHUP to the publish that started it, which stops the pool and cleans up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def _url_findings(rel: str, path: Path, text: str, own: str) -> list[Finding]:
    return [Finding(rel, f"外部地址 {url[:120]}") for url in leaks.outside_urls(path.name, text, own)]


def _number_findings(rel: str, path: Path, text: str) -> list[Finding]:
    return [Finding(f"{rel}:{line}", f"含有{hit.kind} {hit.masked}") for line, hit in leaks.personal_numbers(path.suffix, text)]


def _read(site: Path, path: Path) -> tuple[str, Path, str]:
    return path.relative_to(site).as_posix(), path, path.read_text(encoding="utf-8", errors="replace")


def _own_url(site: Path) -> str:
    """The site's own address (mkdocs.yml site_url, always ending in /), as its home page names itself.

    The home page's canonical link is site_url plus the home page's own URL: "" with directory
    URLs, "index.html" without them (the kiosk profile), so the file name is cut off. No site_url,
    no canonical link: nothing is the site's own, and every absolute URL is reported.
    """
    home = site / "index.html"
    match = re.search(r'<link rel="canonical" href="(https?://[^"]+)"', home.read_text(encoding="utf-8")) if home.exists() else None
    return match.group(1).removesuffix("index.html") if match else ""


def _text_files(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            yield path
