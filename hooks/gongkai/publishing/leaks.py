"""What in one built file could leak: an address outside the site, a personal number a reader gets.

One file at a time and no knowledge of the site around it (its own address is passed in), so
verify.py can spread the files of a large site over worker processes.
"""
from __future__ import annotations

import re

from gongkai.records import privacy

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
# A scheme (http, https, ftp, ws, wss, any case) and what follows it. Spelt with letter classes rather than
# re.I and an alternation so that the engine can skip to the next h/f/w: six times faster on district pages.
_URL = re.compile(r"""[hHfFwW](?:(?<=[hH])[tT][tT][pP][sS]?|(?<=[fF])[tT][pP]|(?<=[wW])[sS][sS]?):(?://)?[^\s"'<>()\\]+""")
# An address without a scheme ("//cdn.example.com/x.js") loads from outside as surely as one with it, where a
# browser fetches: an attribute value, a CSS url() or @import.
_SCHEMELESS = re.compile(r"""(?:\b(?:src|href|srcset|action|poster|data|content)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])(//[^\s"'<>()\\]+)""", re.I)
_ANCHOR = re.compile(r"""<a\s[^>]*href="(https?://[^"]+)"[^>]*>""", re.I)


def outside_urls(name: str, text: str, own: str) -> list[str]:
    """Every address in a file called `name` that could make a page load something from outside: any URL with a
    scheme, and one without a scheme where a browser fetches it.

    Links a clerk wrote on purpose are allowed: they are <a target="_blank" rel="noopener ...">
    (see sanitize.py) and never load anything by themselves.
    """
    clerk_links = {m.group(1) for m in _ANCHOR.finditer(text) if 'target="_blank"' in m.group(0) and "noopener" in m.group(0)}
    found = [url for url in _urls(text) if not (url in clerk_links or _is_own(url, own) or _never_requested(name, url))]
    return found + [m.group(1) for m in _SCHEMELESS.finditer(text)]


def _urls(text: str):
    """What the pattern finds where a scheme starts a word (not inside "xhttp:" or "a.http:")."""
    position = 0
    while match := _URL.search(text, position):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
            position = start + 1  # not a scheme here; one may still start inside this match
            continue
        yield match.group()
        position = match.end()


# What of a built file reaches a reader: its text, the attributes a browser shows or follows, and
# the string literals of scripts, styles and data. Not SVG path data, CSS lengths or minified code,
# whose runs of numbers (M12 13.5-2.1 …) nobody reads: on the demo town they were 1,500 false alarms.
_SCRIPT_OR_STYLE = re.compile(r"(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
_SHOWN_ATTRIBUTE = re.compile(r"""\s(?:alt|title|aria-[\w-]+|href|src|srcset|content|value|placeholder|label|data-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`""", re.S)
_MARKUP_SUFFIXES = {".html", ".svg", ".xml", ".atom"}


def personal_numbers(suffix: str, text: str) -> list[tuple[int, privacy.Hit]]:
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


def _is_own(url: str, own: str) -> bool:
    return bool(own) and (url.startswith(own) or url == own.rstrip("/"))


def _never_requested(name: str, url: str) -> bool:
    return any(re.search(pattern, name) and url.startswith(prefix) for pattern, prefix, _ in NEVER_REQUESTED)
