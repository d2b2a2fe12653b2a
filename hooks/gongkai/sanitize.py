"""Markdown from records, rendered and then cleaned by an allow-list (nh3)."""
from __future__ import annotations

import re

import markdown
import nh3

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "code", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_HTML_TAG_RE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)[^>]*>")


def html_tag_in(text: str) -> str | None:
    """The first raw HTML tag name a clerk typed, if any (refused at load time)."""
    match = _HTML_TAG_RE.search(text)
    return match.group(1).lower() if match else None


# One converter, reset per text: building a Markdown instance costs more than converting.
_converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def render_markdown(text: str) -> str:
    """Markdown → HTML that can hold no script, event handler or javascript: link."""
    html = _converter.reset().convert(text or "")
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"a": {"target": "_blank"}},
    )
