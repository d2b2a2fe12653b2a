"""Strict YAML reading: every scalar stays a string, no aliases, no duplicate keys.

Why: PyYAML's default typing turns `no` into False, `010` into 8 and an
18-digit ID number into an int. Here the schema decides every type, and each
value keeps the line it came from so errors can point at it.
"""
from __future__ import annotations

from typing import Any

import yaml

Path_ = tuple[str | int, ...]


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(f"{line}: {message}")


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
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, _explain(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML 格式错误：{exc}") from None


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int], seen: set[int]) -> Any:
    # The composer resolves an alias to the very node it names: meeting a node
    # twice is how an alias shows up. Aliases make a file hard to read; refuse them.
    if id(node) in seen:
        raise YamlProblem(lines.get(path, node.start_mark.line + 1), "不支持 YAML 引用（&锚点 / *别名），请把内容直接写出来")
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


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    hints = {
        "mapping values are not allowed": "冒号位置不对：值里含有「: 」时请给整段文字加引号",
        "could not find expected ':'": "缺少冒号「:」，或缩进不一致",
        "cannot start any token": "有不能出现在开头的字符：不能用 Tab 缩进（请用空格），以 @ 或 ` 开头的文字要加引号",
        "expected ',' or ']'": "方括号 [ ] 没有配对",
        "expected ',' or '}'": "花括号 { } 没有配对",
        "unexpected end of stream": "引号没有配对（缺少结尾的引号）",
        "did not find expected key": "缩进不一致，或缺少「- 」",
        "did not find expected '-' indicator": "列表缩进不一致",
        "found undefined alias": "不支持 YAML 引用（*别名）",
    }
    for needle, text in hints.items():
        if needle in problem:
            return f"YAML 格式错误：{text}"
    return f"YAML 格式错误：{problem or exc}"
