"""The one detector of personal numbers: resident ID numbers and mainland mobiles.

It reads text as a reader would see it, whatever the clerk typed around the
digits: Markdown emphasis (`139*1234*5678`), HTML tags and entities
(`110105<strong>19491231</strong>002X`, `&#49;`), comments, zero-width
characters, full-width digits, and every separator between digit groups
(spaces, dots, hyphens and dashes of any width, brackets, `+`). `gongkai
check`, the build and the release check all call it, on record fields, file
names, hand-written pages, mkdocs.yml and finally every file of the built site.

A number is found only as whole digit groups: "2024-10-12 13912345678" holds a
mobile, but a mobile is never read out of the middle of a longer group (an
amount, a photo's hash), so dates, amounts, quarter ids and landlines stay quiet.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# Characters a reader does not see: they hide nothing from us.
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# A block element ends a line for the reader; an inline one (strong, a, span) joins its neighbours.
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|dl|dt|dd|td|th|tr|table|thead|tbody|tfoot|caption|h[1-6]|br|hr|blockquote|pre|"
                        r"section|article|aside|header|footer|nav|main|figure|figcaption|option|select|title|script|style|textarea)\b[^>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")  # [139](…)1234 5678 reads as 139 1234 5678
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# What may stand between the digit groups of one number (after NFKC: full-width forms are ASCII by then).
_SEPARATOR = r"[\s.\-\u2010-\u2015\u2212\u2e3a\u2e3b\u30fc\ufe58\ufe63()\[\]{}【】〔〕〖〗<>*_~`\\+·•・‧'\"“”‘’]"
_GROUP = r"[0-9]+[Xx]?(?![A-Za-z0-9])"
_RUN = re.compile(rf"(?<![A-Za-z0-9]){_GROUP}(?:{_SEPARATOR}+{_GROUP})*")
_DIGITS = re.compile(r"[0-9]+[Xx]?")
_MOBILE = re.compile(r"(?:0086|86)?1[3-9][0-9]{9}")
# GB/T 2260 province codes: the first two digits of every resident ID.
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
              50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}

RESIDENT_ID, MOBILE = "居民身份证号", "手机号"


@dataclass(frozen=True)
class Hit:
    kind: str  # RESIDENT_ID or MOBILE
    digits: str

    @property
    def masked(self) -> str:
        """Enough to find it in the file, not enough to leak it in a log."""
        return mask(self.digits)


def views(text: str, as_written: bool = True) -> tuple[str, ...]:
    """The text as the reader sees it (tags out, entities decoded), and as written (attribute values kept)."""
    seen = _COMMENT.sub("", text)
    seen = _BLOCK_TAG.sub("\n\n", seen)
    seen = _LINK_TARGET.sub("]", _TAG.sub("", seen))
    return (_normalise(seen), _normalise(text)) if as_written else (_normalise(seen),)


def _normalise(text: str) -> str:
    text = _INVISIBLE.sub("", html.unescape(text))
    return _PARAGRAPH_BREAK.sub("\n|\n", unicodedata.normalize("NFKC", text))


def normalise(text: str) -> str:
    """Full-width digits and forms as ASCII, invisible characters removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def find(text: str, as_written: bool = True) -> list[Hit]:
    """Every personal number in `text`, once each, in order.

    as_written=False reads only what a reader sees, for a built page whose attributes (SVG path
    data, sizes) are no text: the release check picks the attributes a reader gets itself.
    """
    if len(text) < 2000 and "&" not in text and sum(c.isdigit() for c in text) < 11:
        return []  # most record text: too few digits to hold one
    hits: list[Hit] = []
    for view in views(text, as_written):
        for run in _RUN.finditer(view):
            if run.end() - run.start() < 11:
                continue  # fewer than 11 characters hold fewer than 11 digits: no mobile, no ID (most runs: dates, counts)
            hit = _number_in(_DIGITS.findall(run.group()))
            if hit is not None and hit not in hits:
                hits.append(hit)
    return hits


def find_by_line(text: str, as_written: bool = True) -> list[tuple[int, Hit]]:
    """Each hit with the line (1-based) where it is complete, once per paragraph it stands in.

    No number runs across a blank line (views() breaks runs there), so each paragraph is
    searched on its own and a hit's line found by halving the paragraph.
    """
    if not find(text, as_written):
        return []
    lines = text.split("\n")
    found: list[tuple[int, Hit]] = []
    start = 0
    for end in [n for n, line in enumerate(lines) if not line.strip()] + [len(lines)]:
        block = lines[start:end]
        for hit in find("\n".join(block), as_written) if block else []:
            low, high = 1, len(block)  # the fewest lines of the paragraph that hold the hit
            while low < high:
                middle = (low + high) // 2
                if hit in find("\n".join(block[:middle]), as_written):
                    high = middle
                else:
                    low = middle + 1
            found.append((start + low, hit))
        start = end + 1
    return sorted(found, key=lambda pair: pair[0])


def _number_in(groups: list[str]) -> Hit | None:
    """The first whole-group span of a run of digit groups that is an ID (preferred) or a mobile."""
    mobile = None
    for i in range(len(groups)):
        candidate = ""
        for group in groups[i:]:
            if candidate.endswith(("X", "x")):
                break  # an X ends an ID; nothing runs on after it
            candidate += group
            if len(candidate) > 18:
                break
            if _is_resident_id(candidate):
                return Hit(RESIDENT_ID, candidate.upper())
            if mobile is None and _MOBILE.fullmatch(candidate):
                mobile = Hit(MOBILE, candidate[-11:])
    return mobile


def _is_resident_id(candidate: str) -> bool:
    """18 characters (the last may be X) or the 15-digit old form, with a real province and birth date.

    The check digit is not required: a typo of a real number is still a real person's number.
    """
    if len(candidate) == 18 and candidate[:17].isdigit() and (candidate[17].isdigit() or candidate[17] in "Xx"):
        birth = candidate[6:14]
    elif len(candidate) == 15 and candidate.isdigit():
        birth = "19" + candidate[6:12]
    else:
        return False
    if int(candidate[:2]) not in _PROVINCES:
        return False
    year, month, day = int(birth[:4]), int(birth[4:6]), int(birth[6:8])
    if not 1900 <= year <= date.today().year:
        return False
    try:
        return date(year, month, day) <= date.today()
    except ValueError:
        return False


def find_resident_ids(text: str) -> list[str]:
    return [hit.digits for hit in find(text) if hit.kind == RESIDENT_ID]


def find_mobiles(text: str) -> list[str]:
    return [hit.digits for hit in find(text) if hit.kind == MOBILE]


def mask(value: str) -> str:
    digits = re.sub(r"[^0-9Xx]", "", normalise(value))
    return f"{digits[:3]}…{digits[-2:]}"


def message(hit: Hit) -> str:
    """What the clerk reads: which kind of number, masked, and what to do."""
    if hit.kind == RESIDENT_ID:
        return f"不能公开居民身份证号（{hit.masked}），请删除"
    return f"不能公开个人手机号（{hit.masked}），请删除；对外只公布组织的监督电话"


def private_data_message(text: str) -> str | None:
    """A Chinese explanation if `text` holds personal data, else None."""
    hits = find(text)
    return message(hits[0]) if hits else None
