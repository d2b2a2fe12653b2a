"""Validation errors from the schema, said in the clerks' words: which record, which field, what is wrong."""
from __future__ import annotations

import difflib
import typing

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


# The words clerks write for a field that has another name here (from their spreadsheets' headings).
_SLIPS = {
    "时间": ("日期", "完成时限"), "日子": ("日期",), "完成日期": ("完成时限",), "截止日期": ("完成时限",), "期限": ("完成时限",),
    "截止时间": ("完成时限",), "电话": ("监督电话",), "联系电话": ("监督电话",), "支部书记": ("书记",), "负责人": ("书记",),
    "名字": ("姓名", "名称"), "人名": ("姓名",), "介绍": ("简介", "内容"), "描述": ("内容", "简介"), "正文": ("内容",),
    "照片": ("肖像",), "头像": ("肖像",), "相片": ("照片", "肖像"), "图片": ("照片", "肖像"), "人数": ("党员人数",),
    "类别": ("分类", "类型"), "领域": ("分类",), "上级组织": ("上级",), "所属组织": ("上级", "组织"), "年份": ("年度",),
    "题目": ("标题",), "承诺内容": ("内容",), "目标值": ("目标",), "完成值": ("完成",), "计量单位": ("单位",), "称号": ("名称",),
}


def keys_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names the record at loc (within model) may have."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        inner = _model_in(field.annotation) if field else None
        if inner is None:
            return []
        model = inner
    return [f.alias for f in model.model_fields.values() if f.alias and not f.alias.startswith("\0")]


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for m in map(_model_in, typing.get_args(annotation)) if m is not None), None)


def _guess_field(name: str, allowed: list[str]) -> str | None:
    slips = [key for key in _SLIPS.get(name, ()) if key in allowed or not allowed]
    if slips:
        return slips[0]
    guess = difflib.get_close_matches(name, allowed or _KNOWN_KEYS, n=1, cutoff=0.5)
    return guess[0] if guess else None


def messages(errors: list[dict], model: type[BaseModel]) -> list[tuple[dict, str]]:
    """Each error with its message; a missing field is not reported where a misspelt key suggests it."""
    said = [(error, message(error, model, tuple(error["loc"]))) for error in errors]
    meant = {(tuple(e["loc"][:-1]), text.split("「")[-1].rstrip("」？")) for e, text in said if e["type"] == "extra_forbidden" and "是不是" in text}
    return [(e, text) for e, text in said if not (e["type"] == "missing" and (tuple(e["loc"][:-1]), e["loc"][-1]) in meant)]


def message(error: dict, model: type[BaseModel] | None = None, loc: tuple = ()) -> str:
    """model and loc (the full location, from the file's top): the record's own fields are suggested first."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "gongkai":
        return error["msg"]
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        guess = _guess_field(str(loc[-1] if loc else error["loc"][-1]), keys_at(model, loc[:-1]) if model else [])
        return "没有这个字段" + (f"，是不是「{guess}」？" if guess else "，请检查拼写")
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


_NOT_A_MAPPING: dict[type, str] = {
    type(None): "文件是空的：请照 data/README.md 的示例写上「名称: …」等字段",
    list: "文件应是一组「字段: 值」（如「名称: …」），现在是一个列表（以「- 」开头）：请去掉行首的「- 」",
    str: "文件应是一组「字段: 值」（如「名称: …」），现在只有一段文字：字段名后面要写英文冒号加一个空格",
}


def not_a_mapping(data: object) -> str:
    return _NOT_A_MAPPING.get(type(data), _NOT_A_MAPPING[str])
