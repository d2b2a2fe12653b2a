"""Markdown from records, rendered and then cleaned by an allow-list (nh3)."""
from __future__ import annotations

import re
from typing import Callable, Optional

import markdown
import nh3

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "code", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRIBUTES = {"href", "src"}  # every attribute allowed below that a browser follows or fetches


# One converter, reset per text: building a Markdown instance costs more than converting.
_converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")


# Text with none of these can hold no Markdown syntax, entity or tag: most
# record text (a pledge, a progress note) is plain Chinese prose, and the
# converter costs more than everything else on a board page.
_MARKUP_RE = re.compile(r"[\\`*_\[\]<>#!|~&=\t\r]|^[ ]|[ ]$|^(?:-|\+|\d+[.)])", re.MULTILINE)
_BLANK_LINES_RE = re.compile(r"\n(?:[ ]*\n)+")


def render_markdown(text: str) -> str:
    """Markdown → HTML that can hold no script, event handler or javascript: link."""
    text = text or ""
    if not _MARKUP_RE.search(text):
        # What the converter would make of it: a paragraph per blank-line-separated block.
        blocks = [block for block in _BLANK_LINES_RE.split(text.strip("\n")) if block]
        return "\n".join(f"<p>{block}</p>" for block in blocks)
    return _convert_and_clean(text)


def _convert_and_clean(text: str) -> str:
    html = _converter.reset().convert(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"a": {"target": "_blank"}},
        attribute_filter=_inside_only,
    )


# Hand-written pages (docs/, briefings, section pages made from clerks' titles) get the same
# policy after the engine rendered them: no script, event handler, javascript:/data: link,
# iframe, form or style. What their Markdown legitimately makes is added: all headings, images,
# code blocks, definition lists, and the id/class that toc and attr_list (.md-button) set.
_PAGE_TAGS = _TAGS | {"h1", "h2", "h5", "h6", "pre", "img", "hr", "del", "ins", "sup", "sub", "small", "span", "div",
                      "dl", "dt", "dd", "figure", "figcaption", "caption", "abbr", "kbd", "mark", "s", "details", "summary"}
_PAGE_ATTRIBUTES = {"*": {"id", "class", "title", "lang"}, "a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height", "loading"},
                    "th": {"colspan", "rowspan", "style"}, "td": {"colspan", "rowspan", "style"}, "ol": {"start"}, "abbr": {"title"}}


def clean_page(html: str, keep_href: Optional[Callable[[str], bool]] = None) -> str:
    """A hand-written page's rendered HTML, with nothing that runs or restyles the page (table alignment stays).

    `keep_href`: which links stay links (the kiosk's: none to a file); the others lose their href.
    """
    def drop(tag: str, name: str, value: str) -> Optional[str]:
        if keep_href is not None and tag == "a" and name == "href" and not keep_href(value):
            return None
        return _inside_only(tag, name, value)
    # Style is reduced to text-align, so no url() can stay in it.
    return nh3.clean(html, tags=_PAGE_TAGS, attributes=_PAGE_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                     filter_style_properties={"text-align"}, link_rel=None, attribute_filter=drop)  # internal links, as written


# What a browser strips from an address before reading it (WHATWG URL): C0 controls and spaces
# around it, tabs and newlines anywhere; and for http(s) pages a backslash is a slash.
_AROUND = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _inside_only(tag: str, name: str, value: str) -> Optional[str]:
    """Drop an address that makes the browser leave the intranet by itself: any host named without a scheme
    (`//cdn…`, `\\\\cdn…`, `/\\cdn…`: the page's own scheme is used), and any image from an address with one.
    nh3 hands over the value with entities decoded (`&#47;&#47;` is `//` here). Links with http(s) stay:
    a clerk's outbound link is followed only when clicked."""
    if name not in _URL_ATTRIBUTES:
        return value
    url = _TAB_OR_NEWLINE.sub("", value.strip(_AROUND)).replace("\\", "/")
    if url.startswith("//") or (tag == "img" and _SCHEME.match(url)):
        return None
    return value


_LINK_RE = re.compile(r'<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"[^>]*>(.*?)</a>', re.DOTALL)


def unlink(html: str, targets: set[str]) -> str:
    """Links to these pages (site-relative, e.g. zuzhi/x/index.html) become their plain text.

    Briefings link from the top folder's level (../zuzhi/…), as written or as the engine rewrote them.
    """
    if not targets:
        return html

    def plain(match: re.Match) -> str:
        href = re.sub(r"^(?:\.\./|\./)+", "", match.group(1))
        page = href + "index.html" if href.endswith("/") or not href else href
        return match.group(2) if page in targets else match.group(0)

    return _LINK_RE.sub(plain, html)
