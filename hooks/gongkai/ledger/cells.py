"""Cells as people type them, read into the exact text the YAML would hold.

A cell arrives as Excel or WPS stored it (a date cell, a date serial, a number,
text with stray spaces, full-width digits, √) or as CSV text. Each kind of
column turns it into one canonical string — the form data/README.md asks
for — or says in Chinese why it cannot. Dates typed in another common way
(2024/3/5, 2024年3月5日, 2024.3.5, 2024-3-5) are accepted and reported as a note
naming the date they were read as; anything that could be read two ways
(3/5/2024, 24.3.5, 3月5日) is refused with the form to use. What the value
means (a 级别 that is not in the list, a mobile number in a text) is left to
the schema, so import and check give the same messages.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts a 1900-02-29 that never was)
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_QUARTER_RE = re.compile(r"(20\d\d)\s*-?\s*Q([1-4])")
_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_YES = {"是": "是", "√": "是", "✓": "是", "✔": "是", "否": "否", "×": "否", "✗": "否", "✘": "否"}
_PATH_SPLIT_RE = re.compile(r"[\n;；,，]+")


@dataclass(frozen=True)
class Read:
    """One cell read: its canonical text (None: empty), a note for the clerk, or a problem."""

    text: Optional[str] = None
    note: str = ""
    problem: str = ""


_EMPTY = Read()


def read_cell(value: Any, kind: str) -> Read:
    if value is None or value == "" or (isinstance(value, str) and not value.strip()):
        return _EMPTY
    reader = _READERS.get(kind, _read_text)
    return reader(value)


def _read_text(value: Any) -> Read:
    if isinstance(value, bool):
        return Read("是" if value else "否")
    if isinstance(value, (datetime, date)):
        return Read(_as_date(value).isoformat())
    if isinstance(value, (int, float)):
        return Read(_number_text(value))
    # Spreadsheets keep Windows line ends and the non-breaking spaces pasted from the web.
    return Read(str(value).replace("\r\n", "\n").replace("\r", "\n").strip())


def _read_day(value: Any) -> Read:
    if isinstance(value, (datetime, date)):
        return Read(_as_date(value).isoformat())
    if isinstance(value, bool):
        return Read(problem="日期格式应为 2024-09-30")
    if isinstance(value, (int, float)):
        # A date cell whose format was lost shows as its serial number (45356 = 2024-03-05).
        if 20000 <= value <= 80000 and float(value).is_integer():
            day = _EXCEL_EPOCH + timedelta(days=int(value))
            return Read(day.isoformat(), note=f"日期序号 {int(value)} 按 {day.isoformat()} 读入")
        return Read(problem=f"「{_number_text(value)}」不是日期：请写成 2024-09-30，或设为日期格式的单元格")
    if isinstance(value, (time, timedelta)):
        return Read(problem="这是时间不是日期：请写成 2024-09-30")
    typed = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE_RE.fullmatch(typed)
    if not match:
        return Read(problem=f"日期「{typed}」看不懂：请写成 2024-09-30（年-月-日），或设为日期格式的单元格")
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return Read(problem=f"没有这一天：{typed}")
    if typed == day.isoformat():
        return Read(typed)
    return Read(day.isoformat(), note=f"日期「{typed}」按 {day.isoformat()} 读入")


def _read_number(value: Any, whole: bool) -> Read:
    if isinstance(value, bool):
        return Read(problem="应为数字")
    if isinstance(value, (int, float)):
        if whole and not float(value).is_integer():
            return Read(problem=f"「{_number_text(value)}」应为整数")
        return Read(_number_text(value))
    typed = unicodedata.normalize("NFKC", str(value)).replace("\u00a0", " ").strip()
    typed = typed.replace(" ", "")
    if _GROUPED_RE.fullmatch(typed):  # thousands separators: 1,234 (NFKC made ，into ,)
        typed = typed.replace(",", "")
    try:
        number = Decimal(typed)
    except InvalidOperation:
        return Read(typed)  # not a number: the schema says so in its own words
    if not number.is_finite():
        return Read(typed)
    return Read(decimal_text(number))


def _read_count(value: Any) -> Read:
    return _read_number(value, whole=True)


def _read_amount(value: Any) -> Read:
    return _read_number(value, whole=False)


def _read_yes_no(value: Any) -> Read:
    if isinstance(value, bool):  # Excel's TRUE / FALSE
        return Read("是" if value else "否")
    typed = str(value).strip()
    return Read(_YES.get(typed, typed))


def _read_phone(value: Any) -> Read:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Read(problem="电话号码被当成了数字（开头的 0 会丢）：请把这一格设为“文本”格式再填，如 0571-86021234")
    return _read_text(value)


def _read_code(value: Any) -> Read:
    read = _read_text(value)
    return Read(unicodedata.normalize("NFKC", read.text)) if read.text else read


def _read_quarter(value: Any) -> Read:
    typed = unicodedata.normalize("NFKC", str(value)).strip().upper()
    match = _QUARTER_RE.fullmatch(typed)
    if not match:
        return Read(typed)
    key = f"{match[1]}-Q{match[2]}"
    return Read(key, note="" if key == typed else f"季度「{typed}」按 {key} 读入")


def _read_paths(value: Any) -> Read:
    text = _read_text(value).text or ""
    return Read("\n".join(part.strip() for part in _PATH_SPLIT_RE.split(text) if part.strip()) or None)


def _as_date(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _number_text(value: int | float) -> str:
    return decimal_text(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))


def decimal_text(number: Decimal) -> str:
    """26, 4.5, 0.25 — never 26.0 or 2.6E+1."""
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


_READERS = {"text": _read_text, "day": _read_day, "count": _read_count, "amount": _read_amount, "yesno": _read_yes_no,
            "phone": _read_phone, "slug": _read_code, "path": _read_text, "choice": _read_text, "quarter": _read_quarter,
            "paths": _read_paths}
