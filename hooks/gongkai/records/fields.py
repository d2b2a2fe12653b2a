"""Value types shared by every record: strict, with messages in Chinese.

Every scalar arrives as a string (see strict_yaml); each type here decides
how that string becomes a value and says in plain Chinese when it cannot.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from gongkai.records import privacy

MAX_TEXT, MAX_BRACKETS = 20_000, 100
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTML_TAG_RE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)[^>]*>")


def html_tag_in(text: str) -> str | None:
    """The first raw HTML tag name a clerk typed, if any (refused at load time)."""
    match = _HTML_TAG_RE.search(text)
    return match.group(1).lower() if match else None


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("gongkai", message)


def _as_text(value: object) -> str:
    if isinstance(value, (list, dict)):  # `简介: [重要]` reads as a list
        raise _fail("应为一段文字：以「[」或「{」开头的文字请放进英文双引号里，如 \"[重要] ……\"")
    if not isinstance(value, str):
        raise _fail("应为一段文字")
    text = value.strip()
    if not text:
        raise _fail("不能为空")
    # The Markdown converter's time grows with the square of nested brackets (10,000 of them: 10 s).
    if len(text) > MAX_TEXT:
        raise _fail(f"文字太长（{len(text)} 字）：一段最多 {MAX_TEXT} 字，请分成几条或删减")
    if text.count("[") > MAX_BRACKETS:
        raise _fail(f"方括号「[」太多（{text.count('[')} 个）：一段最多 {MAX_BRACKETS} 个")
    if _CONTROL_RE.search(text):
        raise _fail("有看不见的控制字符（可能来自引号里的 \\ 转义），请删除")
    tag = html_tag_in(text)
    if tag:
        raise _fail(f"不能包含 HTML 标签 <{tag}>，排版请用 Markdown")
    message = privacy.private_data_message(text)
    if message:
        raise _fail(message)
    return text


def _as_day(value: object) -> date:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise _fail(f"没有这一天：{value.strip()}") from None
    raise _fail("日期格式应为 2024-09-30")


def _as_count(value: object) -> int:
    text = value.strip() if isinstance(value, str) else ""
    _refuse_leading_zero(text)
    if re.fullmatch(r"\d{10,}", text):
        raise _fail("数字太大：最多 9 位")
    if re.fullmatch(r"\d{1,9}", text):
        return int(text, 10)
    raise _fail("应为不小于 0 的整数，如 12")


def _as_amount(value: object) -> Decimal:
    # Only the plain way of writing a number: Decimal would also take 1E+50000000,
    # which passes here and overflows the build's arithmetic later.
    text = value.strip() if isinstance(value, str) else ""
    _refuse_leading_zero(text)
    if re.fullmatch(r"\d{13,}(\.\d*)?", text):
        raise _fail("数字太大：整数部分最多 12 位")
    if not re.fullmatch(r"\d{1,12}(\.\d{1,6})?", text):
        if text.startswith("-"):
            raise _fail("应为不小于 0 的数字")
        if re.fullmatch(r"[\d.]+[eE][+-]?\d+", text):
            raise _fail("不要用 1E+5 这样的写法：请写成普通数字，如 30 或 2.5")
        if re.fullmatch(r"\d+\.\d{7,}", text):
            raise _fail("小数最多 6 位")
        raise _fail("应为数字，如 30 或 2.5")
    if privacy.find_mobiles(text):  # 12 digits hold a mobile, and an amount is printed as written
        raise _fail(privacy.private_data_message(text))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise _fail("应为数字，如 30 或 2.5") from None


def _refuse_leading_zero(text: str) -> None:
    # `010` is 8 to some readers and 10 to others: like `no` for 否, it is refused.
    if re.fullmatch(r"0\d+(\.\d*)?", text):
        raise _fail(f"数字前面不要补 0：写「{text.lstrip('0') or '0'}」")


def _as_yes_no(value: object) -> bool:
    words = {"是": True, "否": False}
    if isinstance(value, str) and value.strip() in words:
        return words[value.strip()]
    raise _fail("应填「是」或「否」")


def _as_quarter(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"20\d\d-Q[1-4]", value.strip()):
        return value.strip()
    raise _fail("季度格式应为 2024-Q3")


SLUG_MESSAGE = "编号只能用小写字母、数字和连字符，如 nanmen-xiaoxue"


def _as_slug(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,60}", value.strip()):
        message = privacy.private_data_message(value)  # an id is part of a URL
        if message:
            raise _fail(message)
        return value.strip()
    raise _fail(SLUG_MESSAGE)


# The supervision phone is published on purpose, so it may only be a public number: a landline with its
# area code (0571-86021234, (0571)86021234, optionally 转 801 / -801), a 12345-style hotline, a 400/800 line.
_LANDLINE = re.compile(r"\(?0[1-9][0-9]{1,2}\)?[ -]?[2-9][0-9]{6,7}(?:[ -]?(?:转|分机|-)[ -]?[0-9]{1,6})?")
_HOTLINE = re.compile(r"(?:\(?0[1-9][0-9]{1,2}\)?[ -]?)?12[0-9]{3}")
_SERVICE_LINE = re.compile(r"[48]00[ -]?[0-9]{3}[ -]?[0-9]{4}")
PHONE_MESSAGE = "监督电话只能填对外公开的电话：带区号的座机（如 0571-86021234，分机写「转 801」）、12345 类热线或 400/800 电话"


def _as_public_phone(value: object) -> str:
    if not isinstance(value, str):
        raise _fail(PHONE_MESSAGE)
    phone = privacy.normalise(value).strip()
    if privacy.find_mobiles(phone):
        raise _fail(f"这是个人手机号（{privacy.mask(phone)}），不能作监督电话公开。{PHONE_MESSAGE}")
    if any(rule.fullmatch(phone) for rule in (_LANDLINE, _HOTLINE, _SERVICE_LINE)):
        return value.strip()
    raise _fail(PHONE_MESSAGE)


MAX_NAME, MAX_PATH = 80, 300  # characters: a Chinese character is 3 of the file system's 255 bytes per name


def _as_path(value: object) -> str:
    if isinstance(value, str) and value.strip() and ".." not in value and not value.startswith("/"):
        path = value.strip().replace("\\", "/")
        if _CONTROL_RE.search(path):
            raise _fail("路径里有看不见的控制字符，请重新输入")
        if len(path) > MAX_PATH:
            raise _fail(f"路径太长（{len(path)} 个字）：最多 {MAX_PATH} 个字，请把照片放在浅一些的文件夹里")
        longest = max(path.split("/"), key=len)
        if len(longest) > MAX_NAME:
            raise _fail(f"文件名或文件夹名太长（{len(longest)} 个字）：每一级最多 {MAX_NAME} 个字，请改短")
        return path
    raise _fail("应为 data/ 下的相对路径，如 photos/evidence/a.jpg")


Text = Annotated[str, BeforeValidator(_as_text)]
Markdown = Text  # rendered through render.sanitize.render_markdown at page time
Day = Annotated[date, BeforeValidator(_as_day)]
Count = Annotated[int, BeforeValidator(_as_count)]
Amount = Annotated[Decimal, BeforeValidator(_as_amount)]
YesNo = Annotated[bool, BeforeValidator(_as_yes_no)]
QuarterKey = Annotated[str, BeforeValidator(_as_quarter)]
Slug = Annotated[str, BeforeValidator(_as_slug)]
PublicPhone = Annotated[str, BeforeValidator(_as_public_phone)]
DataPath = Annotated[str, BeforeValidator(_as_path)]
