"""Detectors for personal data that must never be published.

A resident ID number (GB 11643, 18 characters with a checksum) and a
mainland mobile number are refused in every text field; full-width digits
are caught by NFKC normalisation first.
"""
from __future__ import annotations

import re
import unicodedata

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
# 11 digits starting 13–19, optionally split by spaces or hyphens (138-1234-5678).
_MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])")


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def is_resident_id(candidate: str) -> bool:
    body, check = candidate[:17], candidate[17].upper()
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == check


def find_resident_ids(text: str) -> list[str]:
    return [m.group() for m in _ID_RE.finditer(normalise(text)) if is_resident_id(m.group())]


def find_mobiles(text: str) -> list[str]:
    return [m.group() for m in _MOBILE_RE.finditer(normalise(text))]


def mask(value: str) -> str:
    """Show enough to find it in the file, not enough to leak it in a log."""
    digits = re.sub(r"[^0-9Xx]", "", normalise(value))
    return f"{digits[:3]}…{digits[-2:]}"


def private_data_message(text: str) -> str | None:
    """A Chinese explanation if `text` holds personal data, else None."""
    ids = find_resident_ids(text)
    if ids:
        return f"不能公开居民身份证号（{mask(ids[0])}），请删除"
    mobiles = find_mobiles(text)
    if mobiles:
        return f"不能公开个人手机号（{mask(mobiles[0])}），请删除；对外只公布组织的监督电话"
    return None
