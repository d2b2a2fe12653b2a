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


class _Loader(yaml.BaseLoader):
    """BaseLoader resolves nothing implicitly; we also forbid anchors and aliases."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem(event.start_mark.line + 1, "不支持 YAML 引用（*别名），请把内容直接写出来")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise YamlProblem(event.start_mark.line + 1, "不支持 YAML 锚点（&名称），请把内容直接写出来")
        return super().compose_node(parent, index)


def load(text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse one document; return plain data and a map from path to 1-based line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else 1, _explain(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML 格式错误：{exc}") from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    if node is None:
        return None, lines
    return _convert(node, (), lines), lines


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1, "字段名必须是简单文字")
            key = key_node.value
            if key in out:
                first = lines[path + (key,)]
                raise YamlProblem(key_node.start_mark.line + 1, f"字段「{key}」重复出现（第 {first} 行已有）")
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines) for i, item in enumerate(node.value)]
    # A plain empty scalar (`key:` with nothing after it) means "not given".
    if node.value == "" and node.style is None:
        return None
    return node.value


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    hints = {
        "mapping values are not allowed here": "冒号位置不对：值里含有「: 」时请给整段文字加引号",
        "could not find expected ':'": "缺少冒号「:」，或缩进不一致",
        "found character '\\t' that cannot start any token": "不能用 Tab 缩进，请用空格",
        "did not find expected key": "缩进不一致，或缺少「- 」",
        "did not find expected '-' indicator": "列表缩进不一致",
        "found undefined alias": "不支持 YAML 引用（*别名）",
    }
    for needle, text in hints.items():
        if needle in problem:
            return f"YAML 格式错误：{text}"
    return f"YAML 格式错误：{problem or exc}"
