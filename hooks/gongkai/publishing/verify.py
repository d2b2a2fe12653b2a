"""Checks a built site before it is published: what must be there, what must not leak out.

Used by the publish command (a failed check leaves the published site as it
was) and by the tests. Plain Python over files: no MkDocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gongkai.publishing import faults
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
            if url in clerk_links or _is_own(url, own) or _never_requested(path.name, url):
                continue
            findings.append(Finding(path.relative_to(site).as_posix(), f"外部地址 {url[:120]}"))
    return findings


def personal_numbers(site: Path) -> list[Finding]:
    """Resident ID numbers or private mobile numbers anywhere in the output, each with its line.

    No number is allowed: a 监督电话 is validated as a landline, hotline or 400/800 line,
    which the detector never takes for a mobile, so nothing needs an allow-list.
    """
    findings = []
    for path in _text_files(site):
        text = path.read_text(encoding="utf-8", errors="replace")
        for line, hit in _numbers_a_reader_gets(path.suffix, text):
            findings.append(Finding(f"{path.relative_to(site).as_posix()}:{line}", f"含有{hit.kind} {hit.masked}"))
    return findings


# What of a built file reaches a reader: its text, the attributes a browser shows or follows, and
# the string literals of scripts, styles and data. Not SVG path data, CSS lengths or minified code,
# whose runs of numbers (M12 13.5-2.1 …) nobody reads: on the demo town they were 1,500 false alarms.
_SCRIPT_OR_STYLE = re.compile(r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
_SHOWN_ATTRIBUTE = re.compile(r"""\s(?:alt|title|aria-[\w-]+|href|src|srcset|content|value|placeholder|label|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""", re.S)
_MARKUP_SUFFIXES = {".html", ".svg", ".xml", ".atom"}


def _numbers_a_reader_gets(suffix: str, text: str) -> list[tuple[int, privacy.Hit]]:
    """privacy.find_by_line over the views of a built file; each view keeps the file's line numbers."""
    if suffix in _MARKUP_SUFFIXES:
        seen = _SCRIPT_OR_STYLE.sub(lambda m: m.group(1) + _only_lines(m.group(3)) + m.group(4), text)
        views = [seen, _set_apart(_SHOWN_ATTRIBUTE, text, lambda m: m.group(1) or m.group(2) or m.group(3) or ""),
                 _set_apart(_SCRIPT_OR_STYLE, text, lambda m: _strings(m.group(3)))]
    elif suffix in {".js", ".css", ".json"}:
        views = [_strings(text)]
    else:
        views = [text]
    found = {pair for view in views for pair in privacy.find_by_line(view, as_written=False)}
    return sorted(found, key=lambda pair: pair[0])


def _only_lines(text: str) -> str:
    return "\n" * text.count("\n")


def _strings(code: str) -> str:
    """The string literals of code or data, each set apart on its line; the rest reduced to line ends."""
    return _set_apart(_STRING, code, lambda m: m.group()[1:-1])


def _set_apart(pattern: re.Pattern, text: str, part) -> str:
    """part(match) for every match, fenced by | (no number runs across it), each on its line of `text`."""
    out, last = [], 0
    for match in pattern.finditer(text):
        out += ["\n" * text.count("\n", last, match.start()), " | ", part(match), " | "]
        last = match.end()
    return "".join(out)


def missing_pages(site: Path) -> list[Finding]:
    return [Finding(rel, "缺少必需的页面") for rel in REQUIRED if not (site / rel).is_file()]


def check_site(site: Path) -> list[Finding]:
    findings = missing_pages(site) + outside_urls(site)
    faults.reached("check")
    return findings + personal_numbers(site)


def _own_url(site: Path) -> str:
    """The site's own address (mkdocs.yml site_url, always ending in /), as its home page names itself.

    The home page's canonical link is site_url plus the home page's own URL: "" with directory
    URLs, "index.html" without them (the kiosk profile), so the file name is cut off. No site_url,
    no canonical link: nothing is the site's own, and every absolute URL is reported.
    """
    home = site / "index.html"
    match = re.search(r'<link rel="canonical" href="(https?://[^"]+)"', home.read_text(encoding="utf-8")) if home.exists() else None
    return match.group(1).removesuffix("index.html") if match else ""


def _is_own(url: str, own: str) -> bool:
    return bool(own) and (url.startswith(own) or url == own.rstrip("/"))


def _never_requested(name: str, url: str) -> bool:
    return any(re.search(pattern, name) and url.startswith(prefix) for pattern, prefix, _ in NEVER_REQUESTED)


def _text_files(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            yield path
