"""Checks a built site before it is published: what must be there, what must not leak out.

Used by the publish command (a failed check leaves the published site as it
was) and by the tests. Plain Python over files: no MkDocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gongkai.records import privacy

REQUIRED = ("index.html", "zuzhi/index.html", "chengnuo/index.html", "dangyuan/index.html", "search/meta.js")
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg", ".atom"}

# URLs with a scheme that appear in shipped files but are never requested.
# Each entry: (file name pattern, URL prefix, why it cannot cause a request).
NEVER_REQUESTED = (
    (r".*", "http://www.w3.org/", "XML namespace names in inline SVG and scripts: identifiers, not addresses"),
    (r"bundle\.[0-9a-f]+\.min\.js$", "https://unpkg.com/resize-observer-polyfill", "only without ResizeObserver; we ship the polyfill first (extra.polyfills)"),
    (r"bundle\.[0-9a-f]+\.min\.js$", "https://unpkg.com/mermaid", "only for Mermaid diagrams, which no page has (the sanitizer strips classes)"),
    (r"bundle\.[0-9a-f]+\.min\.js$", "https://api.github.com/", "only for a GitHub repo_url, which an intranet site does not set"),
    (r"bundle\.[0-9a-f]+\.min\.js$", "https://${", "repository facts for a GitLab repo_url, which an intranet site does not set"),
    (r"glightbox\.min\.js$", "https://cdn.plyr.io/", "the video player, loaded only for video slides; every lightbox link is a photo"),
    (r"^search\.[0-9a-f]+\.min\.js$", "http", "comments and error texts in the search worker (lunr)"),
    (r"^main\.[0-9a-f]+\.min\.css$", "https://fontawesome.com", "the icon font's licence comment"),
    (r"^sitemap\.xml$", "http://www.sitemaps.org/schemas/", "the sitemap's XML namespace"),
    (r".*\.js$", "https://clipboardjs.com", "a licence comment"),
    (r".*\.min\.js$", "https://github.com/", "licence comments"),
    (r"(lunr|tinyseg|wordcut).*\.js$", "http", "licence and algorithm references in comments of the search language packs"),
    (r"resize-observer-polyfill.*\.js$", "https://drafts.fxtf.org/", "spec references in comments"),
    (r"qrcode-generator-[\d.]+\.js$", "http://", "the licence header and comments of the poster's QR library, which requests nothing"),
)
_URL = re.compile(r"""(?<![\w.])(?:https?|ftp|wss?):(?://)?[^\s"'<>()\\]+""", re.I)
_ANCHOR = re.compile(r"""<a\s[^>]*href="(https?://[^"]+)"[^>]*>""", re.I)


@dataclass(frozen=True)
class Finding:
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def outside_urls(site: Path) -> list[Finding]:
    """Every URL with a scheme that could make a page load something from outside the site.

    Links a clerk wrote on purpose are allowed: they are <a target="_blank"
    rel="noopener ..."> (see sanitize.py) and never load anything by themselves.
    """
    own = _own_url(site)
    findings = []
    for path in _text_files(site):
        text = path.read_text(encoding="utf-8", errors="replace")
        clerk_links = {m.group(1) for m in _ANCHOR.finditer(text) if 'target="_blank"' in m.group(0) and "noopener" in m.group(0)}
        for match in _URL.finditer(text):
            url = match.group(0)
            if url in clerk_links or (own and url.startswith(own)) or _never_requested(path.name, url):
                continue
            findings.append(Finding(path.relative_to(site).as_posix(), f"外部地址 {url[:120]}"))
    return findings


def personal_numbers(site: Path, allowed_phones: set[str]) -> list[Finding]:
    """Resident ID numbers or private mobile numbers anywhere in the output."""
    allowed = {re.sub(r"\D", "", privacy.normalise(phone)) for phone in allowed_phones}
    findings = []
    for path in _text_files(site):
        text = path.read_text(encoding="utf-8", errors="replace")
        if privacy.find_resident_ids(text):
            findings.append(Finding(path.relative_to(site).as_posix(), "含有居民身份证号"))
        mobiles = [m for m in privacy.find_mobiles(text) if re.sub(r"\D", "", m)[-11:] not in allowed]
        if mobiles:
            findings.append(Finding(path.relative_to(site).as_posix(), f"含有手机号 {privacy.mask(mobiles[0])}"))
    return findings


def missing_pages(site: Path) -> list[Finding]:
    return [Finding(rel, "缺少必需的页面") for rel in REQUIRED if not (site / rel).is_file()]


_PUBLIC_PHONE = re.compile(r'class="gk-phone">([^<]+)<')


def published_phones(site: Path) -> set[str]:
    """The supervision phones the site shows on purpose (the one number a page may carry)."""
    phones: set[str] = set()
    for path in site.rglob("*.html"):
        phones.update(_PUBLIC_PHONE.findall(path.read_text(encoding="utf-8", errors="replace")))
    return phones


def check_site(site: Path) -> list[Finding]:
    return missing_pages(site) + outside_urls(site) + personal_numbers(site, published_phones(site))


def _own_url(site: Path) -> str:
    """The site's own address (mkdocs.yml site_url), as its home page names itself."""
    home = site / "index.html"
    match = re.search(r'<link rel="canonical" href="(https?://[^"]+)"', home.read_text(encoding="utf-8")) if home.exists() else None
    return match.group(1) if match else ""


def _never_requested(name: str, url: str) -> bool:
    return any(re.search(pattern, name) and url.startswith(prefix) for pattern, prefix, _ in NEVER_REQUESTED)


def _text_files(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            yield path
