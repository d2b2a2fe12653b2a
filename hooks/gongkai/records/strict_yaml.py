"""Strict YAML reading: every scalar stays a string, no aliases, no duplicate keys.

Why: PyYAML's default typing turns `no` into False, `010` into 8 and an
18-digit ID number into an int. Here the schema decides every type, and each
value keeps the line it came from so errors can point at it. When the parser
gives up, `yaml_slips` finds the clerk's slip and says it in Chinese.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from gongkai.records import yaml_slips

Path_ = tuple[str | int, ...]

MAX_DEPTH = 30  # our deepest record is 7 levels; libyaml's composer recurses in C and overflows at ~50,000
_ANCHOR_OR_TAG = re.compile(r"(?:^[ \t]*(?:-[ \t]+)*|:[ \t]+|[\[{,][ \t]*)[&!*]", re.M)
_DEEP_LINE = re.compile(r"^[ \-]{20,}", re.M)  # 20 columns of indentation or dashes


class YamlProblem(Exception):
    """The first problem of a file; `all` holds every one found, as (line, message).

    repaired: the text with the slips fixed (same lines), when it reads: its values can be checked in the same run.
    """

    def __init__(self, line: int, message: str, more: list[tuple[int, str]] | None = None, repaired: str | None = None):
        self.line, self.message, self.repaired = line, message, repaired
        self.all = [(line, message), *(more or [])]
        super().__init__(f"{line}: {message}")

    @classmethod
    def of(cls, found: list[tuple[int, str]], repaired: str | None = None) -> "YamlProblem":
        found = sorted(set(found))
        return cls(found[0][0], found[0][1], found[1:], repaired)


class _Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):
    """libyaml's parser (~10× PyYAML's); every node gets its kind's plain tag.

    BaseLoader already resolves nothing implicitly, but still calls back into
    Python to find that out for each node; answering directly halves the time.
    """

    _TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind, value, implicit):  # noqa: D102 - see class docstring
        return self._TAGS[kind]


def load_data(text: str) -> Any:
    """Parse one document into plain data, without recording lines (the fast path).

    Lines are only needed to report a problem, which is rare: then the file is
    read again with `load`. At district scale the line maps would hold tens of
    millions of entries.
    """
    node = _compose(text)
    try:
        return None if node is None else _convert(node, (), _NoLines(), set())
    except YamlProblem:
        return load(text)[0]  # raises the same problem, with its exact line


UNREADABLE = object()  # what read_forgiving gives for a file that cannot be read at all


def read_forgiving(text: str) -> tuple[Any, list[tuple[int, str]]]:
    """The data and every YAML problem as (line, message).

    With slips only, the data is that of the repaired text (same lines): the file is
    still wrong, but its values can be checked in the same run. Else UNREADABLE.
    """
    try:
        return load_data(text), []
    except YamlProblem as problem:
        if problem.repaired is None:
            return UNREADABLE, problem.all
        try:
            return load_data(problem.repaired), problem.all
        except YamlProblem as again:
            return UNREADABLE, problem.all + again.all


def line_map(text: str) -> dict[Path_, int]:
    """Path → line, for a file read by read_forgiving (its repaired text has the same lines)."""
    try:
        return load(text)[1]
    except YamlProblem as problem:
        try:
            return load(problem.repaired)[1] if problem.repaired is not None else {}
        except YamlProblem:
            return {}


class _NoLines(dict):
    def __setitem__(self, key, value) -> None:  # remember nothing
        pass


def load(text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse one document; return plain data and a map from path to 1-based line."""
    node = _compose(text)
    lines: dict[Path_, int] = {}
    if node is None:
        return None, lines
    return _convert(node, (), lines, set()), lines


def _compose(text: str):
    _check_events(text)
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        found, repaired = yaml_slips.diagnose(text, exc, _parses)
        raise YamlProblem.of(found, repaired) from None


def _parses(text: str) -> yaml.YAMLError | None:
    """The parser's complaint about text (None if it reads): slips are retried with their fix applied."""
    try:
        yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return exc
    return None


def _check_events(text: str) -> None:
    """Nesting depth, anchors and tags, from the parser's events (it is iterative: no stack to overflow).

    Run only when a cheap look at the text says they may be there: at most
    (indentation and dashes) + (brackets) levels can nest, so below 20 of each
    a file nests under ~40 levels, which the composer and _convert take safely.
    """
    deep = _DEEP_LINE.search(text) is not None or text.count("[") + text.count("{") > 20
    marked = ("&" in text or "!" in text or "*" in text) and _ANCHOR_OR_TAG.search(text)  # `in` first: the regex costs 5 % of a parse
    if not deep and not marked:
        return
    depth, found, anchors, aliased = 0, [], {}, set()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    found.append((line, yaml_slips.TOO_DEEP.format(limit=MAX_DEPTH)))
                    break
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            if isinstance(event, yaml.AliasEvent):
                aliased.add(event.anchor)
                found.append((line, yaml_slips.ALIAS))
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                anchors[event.anchor] = line
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag not in (None, "!"):
                found.append((line, yaml_slips.INDICATOR.format(char="!")))
    except yaml.YAMLError:
        return  # compose meets the same error and explains it
    # An anchor that is used is reported where it is used; one never used was meant as text.
    found += [(line, yaml_slips.INDICATOR.format(char="&")) for name, line in anchors.items() if name not in aliased]
    if found:
        raise YamlProblem.of(found)


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int], seen: set[int]) -> Any:
    # The composer resolves an alias to the very node it names: meeting a node
    # twice is how an alias shows up. Aliases make a file hard to read; refuse them.
    if id(node) in seen:
        raise YamlProblem(lines.get(path, node.start_mark.line + 1), yaml_slips.ALIAS)
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1, "字段名必须是简单文字")
            key = key_node.value
            if key == "<<":
                raise YamlProblem(key_node.start_mark.line + 1, "不支持 YAML 合并（<<），请把内容直接写出来")
            if key in out:
                first = lines.get(path + (key,), 0)  # exact when lines are kept
                raise YamlProblem(key_node.start_mark.line + 1, f"字段「{key}」重复出现（第 {first} 行已有）")
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, path + (key,), lines, seen)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, seen) for i, item in enumerate(node.value)]
    # A plain empty scalar (`key:` with nothing after it) means "not given".
    if node.value == "" and node.style is None:
        return None
    return node.value
