"""What the search index holds for each record page, kept small for kiosks.

One entry per record page (no per-heading sections), holding the words a
resident would type: names, titles, themes, posts. Chinese runs are cut into
words with jieba at build time and joined with zero-width spaces, the same
form Material's own search plugin writes, so its client finds them.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_SPACE = re.compile(r"\s+")
_COMMON = {"承诺公开栏", "全部承诺"}
MAX_CHARS = 300  # per entry: enough for names and pledge titles, not whole texts

try:
    import jieba

    jieba.setLogLevel(60)
except ImportError:  # search still works, by characters
    jieba = None


def segment(text: str) -> str:
    if jieba is None:
        return text
    return _HAN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group(0))) + "\u200b", text).strip("\u200b")


def entry(location: str, title: str, words: Iterable[Optional[str]]) -> dict[str, str]:
    unique = dict.fromkeys(w.strip() for w in words if w)  # each word once, in order
    text = _SPACE.sub(" ", " ".join(unique)).strip()[:MAX_CHARS]
    # The browser does not cut a query into words: someone typing a whole name
    # (东岭村党支部) must meet it whole, so the title's names are also kept uncut
    # (not the words every board's title shares).
    whole = " ".join(part for part in title.split() if _HAN.search(part) and part not in _COMMON)
    return {"location": location, "title": segment(title), "text": segment(text) + " " + whole}


def record_words(context: dict[str, Any]) -> list[Optional[str]]:
    """The words worth finding on a record page, from its record context.

    Each word lives in one kind of entry, so the index stays small at
    district scale (25,000 entries): an organization's name, field and
    secretary on its own page; a board holds its pledge titles; a member
    page the person's name, branch, post and vanguard title.
    """
    org, member, pledges = context.get("org"), context.get("member"), context.get("pledges")
    if member is not None:
        return [member.name, org.name if org is not None else None, member.job, member.post, member.vanguard]
    if org is not None and pledges is not None:
        return [pledge.title for pledge in pledges]
    words: list[Optional[str]] = []
    if org is not None:
        words += [org.name, org.sector, org.secretary]
    for key in ("event", "album", "quarter"):
        record = context.get(key)
        if record is not None:
            words += [getattr(record, "title", None), getattr(record, "theme", None), getattr(record, "place", None)]
    album = context.get("album")
    if album is not None:
        words += [photo.caption for photo in album.files]
    return words
