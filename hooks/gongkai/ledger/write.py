"""Edits into organization files with a round-trip YAML writer, so a reviewer's diff shows only what changed.

ruamel.yaml keeps comments, key order, quoting and layout of every record the
import did not touch (all 40 files of the demo come back byte-identical from a
load and dump). Its resolver here types nothing — every scalar stays text,
as in records.strict_yaml — so `26`, `2024-03-05` and `否` are written plain,
exactly as a clerk would type them. New keys go where the schema puts them.
"""
from __future__ import annotations

import io
import re
import typing
from typing import Any, Optional

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString

from gongkai.ledger.columns import unwrap
from gongkai.ledger.merge import Edit
from gongkai.records import schema

_NULL = ("tag:yaml.org,2002:null", re.compile("^$"))


class _TextResolver(VersionedResolver):
    """Only an empty plain value (`key:`) is null; everything else is a string."""

    @property
    def versioned_resolver(self) -> dict:
        return {"": [_NULL]}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _TextResolver
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never fold a long Chinese line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def apply_edits(text: Optional[str], edits: list[Edit], title: str = "") -> str:
    """The file's new text: `text` (None for a new organization) with the edits made."""
    yaml = _yaml()
    document = yaml.load(text) if text else CommentedMap()
    for edit in edits:
        mapping, model = _record(document, edit.target)
        _set(mapping, model, edit.field, edit.text, edit.kind)
    out = io.StringIO()
    if text is None:
        out.write(f"# {title}：基本情况、荣誉、党员和公开承诺。本文件由台账导入生成，之后可以直接修改。\n")
    yaml.dump(document, out)
    return out.getvalue()


def _record(document: CommentedMap, target: tuple) -> tuple[CommentedMap, type[BaseModel]]:
    """The mapping at a record path, made (appended to its list) if it is a new record."""
    mapping, model = document, schema.Organization
    steps = list(target)
    while steps:
        key, at = steps.pop(0), steps.pop(0)
        parent, model = model, _part_model(model, key)
        items = mapping.get(key)
        if items is None:
            items = CommentedSeq()
            _insert(mapping, parent, key, items)
        if at == len(items):
            items.append(CommentedMap())
        mapping = items[at]
    return mapping, model


def _part_model(model: type[BaseModel], key: str) -> type[BaseModel]:
    info = next(f for f in model.model_fields.values() if f.alias == key)
    core = unwrap(info.annotation)[0]
    if typing.get_origin(core) is list:
        core = unwrap(typing.get_args(core)[0])[0]
    return core


def _set(mapping: CommentedMap, model: type[BaseModel], path: tuple[str, ...], text: Optional[str], kind: str) -> None:
    trail = []
    for key in path[:-1]:
        if not isinstance(mapping.get(key), dict):
            if text is None:
                return
            _insert(mapping, model, key, CommentedMap())
        trail.append((mapping, key))
        mapping, model = mapping[key], _part_model(model, key)
    key = path[-1]
    if text is None:
        mapping.pop(key, None)
        # A group whose last field was cleared (领导点评, 群众评议 …) goes with it.
        for parent, name in reversed(trail):
            if not parent[name]:
                del parent[name]
        return
    value = _value(text, kind)
    if key in mapping:
        mapping[key] = value
    else:
        _insert(mapping, model, key, value)


def _value(text: str, kind: str) -> Any:
    if kind == "paths":
        return CommentedSeq(text.split("\n"))
    if "\n" in text:
        return LiteralScalarString(text)  # no line end after it: written as |-
    return text


def _insert(mapping: CommentedMap, model: type[BaseModel], key: str, value: Any) -> None:
    """Put a new key where the schema (and so data/README.md) lists it."""
    order = [f.alias for f in model.model_fields.values()]
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for existing in mapping if existing in order and order.index(existing) < rank)
    mapping.insert(position, key, value)
