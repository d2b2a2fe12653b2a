"""What went wrong when the YAML parser gives up, in the clerk's words and at the line to fix.

libyaml names the place where it could not go on, often a line late (a
full-width colon is found on the next key) or at the end of the file (an
unclosed quote), and in English. Here each line is looked at for the slips
clerks make; each slip found is fixed in a copy and the copy parsed again, so
one run reports every slip of a file and whatever else the parser still meets.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

import yaml

QUOTE_IT = "请把整段文字放进英文双引号里"
INDICATOR = "以「{char}」开头的文字会被当作 YAML 的特殊写法：" + QUOTE_IT + "，如 简介: \"{char}……\""
ALIAS = "不支持 YAML 引用（&锚点 / *别名），请把内容直接写出来"
TOO_DEEP = "嵌套太深（超过 {limit} 层）：文字里的 [ ] {{ }} 或行首的「- 」太多，" + QUOTE_IT
FULL_WIDTH_COLON = "「{key}」后面用了中文冒号「：」：字段名后面要用英文冒号加一个空格，写成「{key}: {value}」"
NO_SPACE = "「{key}:」后面少了一个空格：英文冒号后面要空一格，写成「{key}: {value}」"
TAB = "行首用了 Tab 键缩进：只能用空格缩进（同一层对齐）"
CONTROL = "有看不见的控制字符（{code}），请删除这个字符（常见于从网页或聊天软件复制的文字）"
UNCLOSED = "引号没有配对：这一行以「{q}」开头，但没有结尾的「{q}」"
AFTER_QUOTE = "引号后面还有文字：以引号开头的文字要整段放在引号里"
SEVERAL = "一个文件只能写一条记录：第 {line} 行的「---」后面又开始了一份内容，请删掉这一行（或把后面的内容另存一个文件）"
GENERIC = "YAML 格式错误：这一行的写法无法识别，请对照 data/README.md 的示例检查缩进、冒号和引号"

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_LINE = re.compile(r"^(?P<indent>[ ]*(?:-[ ]+)*)(?P<body>.*)$")
_KEY = re.compile(r"^(?P<key>[^\s:#'\"\[\]{}\-][^:#]*?)[ ]*:(?:[ \t]+(?P<value>.*)|$)")
_WIDE = re.compile(r"^(?P<key>[^\s:：#'\"\[\]{}\-][^:：]{0,15}?)[ ]*：[ ]*(?P<value>.*)$")
_TIGHT = re.compile(r"^(?P<key>[^\s:#'\"\[\]{}\-][^:\s]{0,15}?):(?P<value>[^\s/].*)$")
_BLOCK = re.compile(r"^[|>][-+0-9]*[ ]*(#.*)?$")
_HINTS = {
    "mapping values are not allowed": "冒号位置不对：值里含有「: 」时" + QUOTE_IT,
    "could not find expected ':'": "缺少冒号「:」，或缩进不一致",
    "cannot start any token": "有不能出现在开头的字符：不能用 Tab 缩进（请用空格），以 @ 或 ` 开头的文字要加引号",
    "expected ',' or ']'": "方括号 [ ] 没有配对：以「[」开头的文字" + QUOTE_IT,
    "expected ',' or '}'": "花括号 { } 没有配对：以「{」开头的文字" + QUOTE_IT,
    "did not find expected key": "缩进不一致，或缺少「- 」",
    "did not find expected '-' indicator": "列表缩进不一致",
    "found undefined alias": ALIAS,
}


def diagnose(text: str, error: yaml.YAMLError, parses: Callable[[str], Optional[yaml.YAMLError]]) -> tuple[list[tuple[int, str]], Optional[str]]:
    """Every slip found, as (line, message); then, with the slips fixed, what the parser still says.

    Also the text with every slip fixed, when that reads and no fix was a guess (a tab's width),
    so the file's other problems can be reported in the same run; else None.
    """
    lines = text.split("\n")
    found, fixed = _scan(lines)
    flagged = {line for line, _ in found}
    repaired = "\n".join(fixed)
    rest = parses(repaired) if found else error
    if rest is not None:
        line, message = explain(rest, text)
        if not flagged & {line, line - 1}:  # a fix that was a guess (a tab's width) may trip the next line
            found.append((line, message))
    guessed = rest is not None or any(message == TAB for _, message in found)
    return found, None if guessed else repaired


def explain(error: yaml.YAMLError, text: str) -> tuple[int, str]:
    """The parser's complaint as (line, Chinese message), never in English."""
    last = text.count("\n") + 1
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        return line, CONTROL.format(code=f"U+{error.character:04X}" if isinstance(error.character, int) else "?")
    if not isinstance(error, yaml.MarkedYAMLError):
        return 1, GENERIC
    mark = error.problem_mark or error.context_mark
    line = min(mark.line + 1, last) if mark else 1
    problem, context = (error.problem or ""), (error.context or "")
    if "quoted scalar" in context and error.context_mark is not None:
        quote = text.split("\n")[error.context_mark.line][error.context_mark.column:][:1] or '"'
        return error.context_mark.line + 1, UNCLOSED.format(q=quote)
    if "expected a single document" in context:
        return line, SEVERAL.format(line=line)
    for needle, hint in _HINTS.items():
        if needle in problem:
            return line, f"YAML 格式错误：{hint}"
    return line, GENERIC


def _scan(lines: list[str]) -> tuple[list[tuple[int, str]], list[str]]:
    """Slips line by line, and the lines with each slip fixed (for parsing again)."""
    found: list[tuple[int, str]] = []
    fixed = list(lines)
    key_indent, text_under = -1, -1  # the last key's column; lines deeper than text_under are its text
    tab_run = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if _CONTROL_RE.search(line):
            code = f"U+{ord(_CONTROL_RE.search(line).group()):04X}"
            found.append((number, CONTROL.format(code=code)))
            line = fixed[number - 1] = _CONTROL_RE.sub("", line)
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("\t") or re.match(r"^[ ]*-[ ]*\t", line):
            if not tab_run:
                found.append((number, TAB))
            tab_run = True
            line = fixed[number - 1] = re.sub(r"^[ \t-]*", lambda m: m.group().replace("\t", "  "), line)
        else:
            tab_run = False
        match = _LINE.match(line)
        indent, body = len(match.group("indent")), match.group("body")
        if text_under >= 0 and len(line) - len(line.lstrip(" ")) > text_under:
            continue  # inside a block of text (| or >, or a plain value running on)
        text_under = -1
        slip = _slip(body)
        if slip is not None:
            message, repaired = slip
            found.append((number, message))
            fixed[number - 1] = match.group("indent") + repaired
            body = repaired
        key = _KEY.match(body)
        if key:
            key_indent = indent
            value = (key.group("value") or "").strip()
            if value and (_BLOCK.match(value) or not value.startswith(("'", '"', "[", "{"))):
                text_under = key_indent  # a block scalar, or plain text that may run on to deeper lines
    return found, fixed


def _slip(body: str) -> Optional[tuple[str, str]]:
    """One line's slip, as (message, the line as it should be written), or None."""
    key = _KEY.match(body)
    if key is None:
        wide = _WIDE.match(body)
        if wide and ":" not in body.split("：", 1)[0]:
            name, value = wide.group("key").strip(), wide.group("value")
            return FULL_WIDTH_COLON.format(key=name, value=value or "…"), f"{name}: {value}"
        tight = _TIGHT.match(body)
        if tight and not tight.group("key").isdigit():
            name, value = tight.group("key"), tight.group("value")
            return NO_SPACE.format(key=name, value=value), f"{name}: {value}"
        if body.startswith("- ") or body == "-":
            return None
        prefix, value = "", body  # a list item's text (the dashes are in the indent)
    else:
        if key.group("value") is None:
            return None
        prefix, value = body[: key.start("value")], key.group("value")
    value = value.rstrip()
    if not value or value.startswith("#"):
        return None
    quoted = _quote_slip(value)
    if quoted is not None:
        return quoted[0], prefix + quoted[1]
    first = value[0]
    if first in "*&!%@`" or (first in "|>" and not _BLOCK.match(value)) or (first in "[{" and _bad_flow(value)):
        return INDICATOR.format(char=first), prefix + _quoted(value)
    return None


def _quote_slip(value: str) -> Optional[tuple[str, str]]:
    quote = value[0]
    if quote not in "'\"":
        return None
    close = _closing(value, quote)
    if close < 0:
        return UNCLOSED.format(q=quote), value + quote
    rest = value[close + 1:]
    if rest.strip() and not re.match(r"^[ \t]+#", rest):
        return AFTER_QUOTE, _quoted(value)
    return None


def _closing(value: str, quote: str) -> int:
    """Index of the quote that ends a quoted value (YAML escapes: \\" inside "…", '' inside '…'), or -1."""
    i = 1
    while i < len(value):
        char = value[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and value[i + 1: i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def _bad_flow(value: str) -> bool:
    """A value starting with [ or { that is not a whole [list] or {mapping} on its own line (a Markdown link)."""
    if value.count("[") + value.count("{") > 20:
        return True  # not a list anyone writes by hand; parsing it could recurse deep
    try:
        yaml.compose(f"k: {value}\n", Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))
    except yaml.YAMLError:
        return True
    return False


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
