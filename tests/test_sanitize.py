"""Record Markdown: the plain-text shortcut gives exactly what the converter gives."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT
from gongkai.render import sanitize

CASES = [
    "为辖区留守儿童开展课后辅导。",
    "第一段。\n第一段第二行。\n\n第二段。",
    "\n\n前后有空行\n\n\n\n",
    "行尾两个空格  \n换行",
    "    缩进四格是代码",
    " 一个空格开头",
    "- 列表",
    "-1 度也要巡查",
    "+ 加号列表",
    "1. 有序",
    "2024. 年份开头",
    "完成率 95.5%，共 3 项",
    "标题\n---",
    "标题\n===",
    "**加粗** 与 *强调*",
    "a_b_c",
    "[链接](http://example.invalid)",
    "<script>alert(1)</script>",
    "A&B 公司 &amp; 合作",
    "# 井号标题",
    "> 引用",
    "| 表 | 格 |",
    "代码 `x`",
    "全角＃号、（括号）、“引号”、‘单引号’与 \"半角引号\" 'x'",
    "电话 0871-66908126（工作日）",
    "制表\t符",
    "回车\r\n换行",
    "",
]


@pytest.mark.parametrize("text", CASES)
def test_shortcut_matches_the_converter(text: str) -> None:
    assert sanitize.render_markdown(text) == sanitize._convert_and_clean(text)


def test_every_text_of_the_demo_town_renders_as_the_converter_would() -> None:
    texts: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for path in sorted((ROOT / "data").rglob("*.yml")):
        collect(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))
    assert len(texts) > 1000
    shortcut = [t for t in texts if not sanitize._MARKUP_RE.search(t)]
    assert len(shortcut) > len(texts) // 2  # the shortcut is the common case
    for text in texts:
        assert sanitize.render_markdown(text) == sanitize._convert_and_clean(text), text


# -- addresses outside the intranet ------------------------------------------------------
# Each spelling a browser reads as another host: the page's own scheme is used for `//`, a backslash is a
# slash, tabs and newlines anywhere and spaces around the address are ignored, entities are decoded first.
OUTSIDE = ["//cdn.example.com/x.png", "\\\\cdn.example.com/x.png", "/\\cdn.example.com/x.png", "\\/cdn.example.com/x.png",
           "&#47;&#47;cdn.example.com/x.png", "&#x2F;/cdn.example.com/x.png", "/&#92;cdn.example.com/x.png",
           " //cdn.example.com/x.png", "\t//cdn.example.com/x.png", "/\t/cdn.example.com/x.png", "/\n/cdn.example.com/x.png",
           "&#9;//cdn.example.com/x.png", "/&#10;/cdn.example.com/x.png", "\x01//cdn.example.com/x.png"]
IMAGES_WITH_SCHEME = ["http://cdn.example.com/x.png", "HTTPS://cdn.example.com/x.png", "HtTp://cdn.example.com/x.png",
                      "ht\ttps://cdn.example.com/x.png", " https://cdn.example.com/x.png"]
INSIDE = ["/x/", "../x/", "x.png", "#a", "./x/index.html", "images/a//b.png", "../../x.png?v=1#a"]


def _attribute(html: str, tag: str, name: str) -> list[str]:
    """The values of tag's attribute as a browser reads the cleaned HTML."""
    from html.parser import HTMLParser
    found: list[str] = []

    class Reader(HTMLParser):
        def handle_starttag(self, seen, attrs):
            found.extend(value for key, value in attrs if seen == tag and key == name and value is not None)
    Reader().feed(html)
    return found


@pytest.mark.parametrize("address", OUTSIDE)
def test_a_page_loses_every_scheme_less_address_of_another_host(address: str) -> None:
    html = sanitize.clean_page(f'<p><img src="{address}" alt="图"><a href="{address}">链接</a></p>')
    assert "cdn.example.com" not in html
    assert 'alt="图"' in html and ">链接</a>" in html  # the image's text and the link's words stay


@pytest.mark.parametrize("address", OUTSIDE)
def test_record_markdown_loses_every_scheme_less_address(address: str) -> None:
    # Raw HTML: in a Markdown link `\\\\` is an escaped backslash, a path on this host (/cdn…).
    html = sanitize.render_markdown(f'见 <a href="{address}">链接</a>')
    assert "链接" in html
    for href in re.findall(r'href="([^"]*)"', html):
        # As a browser reads it (WHATWG URL): tabs and newlines removed, backslashes as slashes. Markdown turns a raw
        # tab into spaces, which a browser keeps (as %20): "/    /cdn…" is a path on this site, not another host.
        seen = re.sub(r"[\t\n\r]", "", href).strip().replace("\\", "/")
        assert not seen.startswith("//") and not urlsplit(seen).netloc, href


@pytest.mark.parametrize("address", IMAGES_WITH_SCHEME)
def test_an_image_from_any_address_with_a_scheme_is_not_loaded(address: str) -> None:
    assert "cdn.example.com" not in sanitize.clean_page(f'<img src="{address}" alt="图">')


def test_a_clerks_outbound_link_stays_a_link() -> None:
    # Followed only when clicked (publishing/leaks.py allows it); an image would load by itself.
    assert _attribute(sanitize.clean_page('<a href="https://www.example.gov.cn/">政府网站</a>'), "a", "href") == ["https://www.example.gov.cn/"]


@pytest.mark.parametrize("address", INSIDE)
def test_site_relative_addresses_stay(address: str) -> None:
    html = sanitize.clean_page(f'<img src="{address}" alt="图"><a href="{address}">链接</a>')
    assert _attribute(html, "img", "src") == [address] and _attribute(html, "a", "href") == [address]
    assert _attribute(sanitize.render_markdown(f"[链接]({address})"), "a", "href") == [address]


def test_no_url_survives_in_a_style_or_srcset() -> None:
    html = sanitize.clean_page('<table><tr><td style="background:url(//cdn.example.com/x.png);text-align:center">格</td></tr></table>'
                               '<img srcset="//cdn.example.com/x.png 2x" src="x.png" alt="图">'
                               '<p style="background-image:url(&#47;&#47;cdn.example.com/y.png)">段</p>')
    assert "cdn.example.com" not in html and "url(" not in html
    assert _attribute(html, "td", "style") == ["text-align:center"] and _attribute(html, "img", "src") == ["x.png"]
