"""A hand-written page in the kiosk: a link to a file (the open-data tables, the feed) becomes its name as plain text.

A file saved onto a hall's touch screen helps no one, so the kiosk neither links nor carries
them; a note says where a visitor gets them instead.
"""
from __future__ import annotations

import re

from gongkai.render.sanitize import clean_page

# What a browser would download rather than show (photos open in the lightbox, never as a file).
FILE_RE = re.compile(r"\.(?:csv|json|xml|xlsx?|zip|gz)(?:[?#]|$)", re.IGNORECASE)
_BARE_LINK_RE = re.compile(r"<a>(.*?)</a>", re.DOTALL)  # nh3 writes a link whose href it dropped as a bare <a>
_AFTER_TITLE_RE = re.compile(r"(</h1>)")


def without_downloads(html: str) -> str:
    cleaned = clean_page(html, keep_href=lambda href: not FILE_RE.search(href))
    text, unlinked = _BARE_LINK_RE.subn(r'<span class="gk-file">\1</span>', cleaned)
    if not unlinked:
        return text
    # No address in the note: the release check takes any http:// in a kiosk page for a request that would leave it.
    note = '<p class="gk-kiosk-note">触摸屏上不能下载文件：本页列出的表格和订阅，请用电脑或手机打开内网公开栏网站下载。</p>'
    return _AFTER_TITLE_RE.sub(r"\1" + note, text, count=1) if "</h1>" in text else note + text
