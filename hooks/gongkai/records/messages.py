"""Validation errors from the schema, said in the clerks' words: which record, which field, what is wrong."""
from __future__ import annotations

import difflib

from pydantic import BaseModel

from gongkai.records import schema


def where(label: str, loc: tuple) -> str:
    parts = [label]
    for part in loc:
        if isinstance(part, int):
            parts[-1] += f"[{part + 1}]"
        elif not part.startswith("\0"):
            parts.append(part)
    return " › ".join(parts)


_KNOWN_KEYS = sorted({f.alias for m in vars(schema).values() if isinstance(m, type) and issubclass(m, BaseModel) for f in m.model_fields.values() if f.alias and not f.alias.startswith("\0")})


def message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "gongkai":
        return error["msg"]
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(str(error["loc"][-1]), _KNOWN_KEYS, n=1, cutoff=0.5)
        return "没有这个字段" + (f"，是不是「{guess[0]}」？" if guess else "，请检查拼写")
    if kind == "literal_error":
        choices = ctx.get("expected", "").replace("'", "").replace(" or ", ", ").replace(", ", "、")
        return f"「{error.get('input')}」不是可选的值，应为以下之一：{choices}"
    if kind == "too_short":
        return "至少要填一项"
    if kind in ("list_type",):
        return "应为列表（每项以「- 」开头）"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "应为一组「字段: 值」"
    return f"填写有误（{error['msg']}）"
