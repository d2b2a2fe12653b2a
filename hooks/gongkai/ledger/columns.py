"""The ledger's sheets and columns, derived from the record schema (one source of truth).

Each column names a field by its YAML path (Chinese keys, as in data/README.md);
its kind, its closed vocabulary and whether it is required are read from
records.schema, so a field added there shows up here with the right type.
Nested one-of records (进程, 领导点评, 群众评议, 五个好, 五带头) become plain
columns; lists of records (事项, 进展, 荣誉) get sheets of their own, tied to
their owner by 组织编号 / 党员编号 / 承诺编号 and placed by 序号.
"""
from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from gongkai.records import fields, schema

# The schema's value types, by the validator that reads them.
_KINDS = {fields._as_text: "text", fields._as_day: "day", fields._as_count: "count", fields._as_amount: "amount",
          fields._as_yes_no: "yesno", fields._as_quarter: "quarter", fields._as_slug: "slug",
          fields._as_public_phone: "phone", fields._as_path: "path"}
# Open vocabularies: offered in a drop-down, other words still allowed (data/README.md 第六节).
POSTS = ("党员先锋岗", "党员责任区", "文明服务岗")
VANGUARDS = ("学习先锋", "服务先锋", "廉洁先锋", "致富先锋", "兴业先锋", "和谐先锋", "招商引资先锋", "爱岗敬业先锋")
KIND_NAMES = {"text": "文字", "day": "日期", "count": "整数", "amount": "数字", "yesno": "是/否", "quarter": "季度，如 2024-Q4",
              "slug": "编号（小写字母、数字和 -）", "phone": "座机号码，如 0571-86021234", "path": "照片路径，从 data/ 写起",
              "paths": "照片路径，多张用换行或分号隔开", "choice": "从下拉列表中选"}


@dataclass(frozen=True)
class Column:
    header: str                 # the column's title in the sheet
    path: tuple[str, ...]       # YAML keys inside the row's record; () for a tie key
    kind: str                   # one of KIND_NAMES
    choices: tuple[str, ...] = ()
    closed: bool = True         # the choices are the only allowed values (a Literal in the schema)
    required: bool = False      # required in its record (a nested one: once that part is filled in)
    hint: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    model: type[BaseModel]
    keys: tuple[str, ...]       # tie keys, in order: which record a row is
    columns: tuple[Column, ...]
    about: str

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def is_key(self, column: Column) -> bool:
        return column.header in self.keys

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)


def unwrap(annotation: Any) -> tuple[Any, list]:
    """The core type of a field and its validators, without Optional and Annotated."""
    metadata: list = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata += extra
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation, metadata


def _field(model: type[BaseModel], path: tuple[str, ...]) -> tuple[FieldInfo, bool]:
    """The schema's field at a YAML path, and whether it is required at its own level."""
    for key in path[:-1]:
        info = next(f for f in model.model_fields.values() if f.alias == key)
        model = unwrap(info.annotation)[0]
    info = next(f for f in model.model_fields.values() if f.alias == path[-1])
    return info, info.is_required()


def _column(model: type[BaseModel], header: str, path: tuple[str, ...], hint: str = "", suggest: tuple[str, ...] = ()) -> Column:
    info, required = _field(model, path)
    core, metadata = unwrap(info.annotation)
    core_metadata = metadata + list(info.metadata)
    if typing.get_origin(core) is Literal:
        return Column(header, path, "choice", tuple(typing.get_args(core)), True, required, hint)
    if typing.get_origin(core) is list:
        return Column(header, path, "paths", (), True, required, hint)
    validator = next(m.func for m in core_metadata if isinstance(m, BeforeValidator))
    kind = _KINDS[validator]
    choices = ("是", "否") if kind == "yesno" else suggest
    return Column(header, path, kind, choices, not suggest, required, hint)


def _key(header: str, hint: str) -> Column:
    return Column(header, (), "slug", hint=hint, required=True)


def _sheets() -> tuple[Sheet, ...]:
    org, member, pledge = schema.Organization, schema.Member, schema.Pledge
    org_key = _key("组织编号", "组织的编号，即 data/organizations/ 下的文件名，如 zhibu-0005")
    pledge_key = _key("承诺编号", "本组织文件内不重复，如 2024q4-zz；也是这条承诺的固定网址")
    seq = Column("序号", (), "count", hint="在这条承诺（或获得者）名下的第几条；新加的行留空，导入时排在最后")
    five_goods = [_column(org, name, ("五个好", name)) for name in schema.FIVE_GOODS]
    five_leads = [_column(member, name, ("五带头", name)) for name in schema.FIVE_LEADS]
    steps = [_column(pledge, step, ("进程", step), f"{schema.STAGE_NAMES[step]}的日期") for step in schema.STAGES]
    return (
        Sheet("组织", org, ("组织编号",), (
            org_key, _column(org, "名称", ("名称",)), _column(org, "类型", ("类型",)),
            _column(org, "上级", ("上级",), "上级组织的编号；最上级的组织不填"), _column(org, "分类", ("分类",)),
            _column(org, "监督电话", ("监督电话",), "公开的监督电话（座机）；不要填个人手机"), _column(org, "书记", ("书记",)),
            _column(org, "党员人数", ("党员人数",), "全体党员人数，用来算党员承诺率"), _column(org, "简介", ("简介",)),
            _column(org, "草稿", ("草稿",), "填“是”则只在本地预览中显示"),
            _column(org, "五个好年度", ("五个好", "年度")), *five_goods,
        ), "一个党组织一行。新组织导入后得到自己的文件 data/organizations/<组织编号>.yml。"),
        Sheet("党员", member, ("组织编号", "党员编号"), (
            org_key, Column("党员编号", ("编号",), "slug", required=True, hint="本组织内不重复，如 m01；承诺用它指明是谁的承诺"),
            _column(member, "姓名", ("姓名",)), _column(member, "职务", ("职务",)),
            _column(member, "岗位", ("岗位",), "设岗定责，可选列表中的，也可以自己填", POSTS),
            _column(member, "先锋", ("先锋",), "可选列表中的，也可以自己填", VANGUARDS),
            _column(member, "肖像", ("肖像",), "党员照片，路径从 data/ 写起"), _column(member, "草稿", ("草稿",)), *five_leads,
        ), "只填需要公开的党员：优秀党员、先锋和作出公开承诺的党员。"),
        Sheet("承诺", pledge, ("组织编号", "承诺编号"), (
            org_key, Column("承诺编号", ("编号",), "slug", required=True, hint=pledge_key.hint), _column(pledge, "季度", ("季度",)),
            Column("党员编号", ("党员",), "slug", hint="党员的承诺填党员编号；党组织自己的承诺不填"),
            _column(pledge, "标题", ("标题",), "一句白话"), _column(pledge, "内容", ("内容",)),
            _column(pledge, "完成时限", ("完成时限",), "不能早于签约日期"), *steps,
            _column(pledge, "点评人", ("领导点评", "点评人"), "领导点评：评诺时填"),
            _column(pledge, "点评职务", ("领导点评", "职务")), _column(pledge, "点评日期", ("领导点评", "日期")),
            _column(pledge, "点评内容", ("领导点评", "内容"), "做得好的、不足的、下一步"),
            _column(pledge, "满意", ("群众评议", "满意"), "群众评议的票数；满意率由网站计算"),
            _column(pledge, "基本满意", ("群众评议", "基本满意")), _column(pledge, "不满意", ("群众评议", "不满意")),
            _column(pledge, "草稿", ("草稿",)),
        ), "一条承诺一行；它的量化指标填在「事项」表，践诺记实填在「进展」表，用组织编号和承诺编号对上。"),
        Sheet("事项", schema.Item, ("组织编号", "承诺编号", "序号"), (
            org_key, pledge_key, seq, _column(schema.Item, "名称", ("名称",)), _column(schema.Item, "目标", ("目标",)),
            _column(schema.Item, "单位", ("单位",)), _column(schema.Item, "完成", ("完成",), "到目前完成了多少，随进展更新"),
        ), "承诺的量化指标，每条承诺至少一项。"),
        Sheet("进展", schema.Progress, ("组织编号", "承诺编号", "序号"), (
            org_key, pledge_key, seq, _column(schema.Progress, "日期", ("日期",)), _column(schema.Progress, "内容", ("内容",)),
            _column(schema.Progress, "照片", ("照片",), "路径从 data/ 写起，多张用换行或分号隔开"),
        ), "践诺记实：什么时候、做了多少。"),
        Sheet("荣誉", schema.Honor, ("组织编号", "党员编号", "序号"), (
            org_key, Column("党员编号", (), "slug", hint="党员的荣誉填党员编号；组织的荣誉不填"), seq,
            _column(schema.Honor, "名称", ("名称",), "照证书写"), _column(schema.Honor, "级别", ("级别",)),
            _column(schema.Honor, "年度", ("年度",)), _column(schema.Honor, "授予单位", ("授予单位",)),
            _column(schema.Honor, "表彰活动", ("表彰活动",), "events/ 下的文件名；没有活动记录的不填"),
            _column(schema.Honor, "撤销", ("撤销",), "经复核撤销的填“是”，网站上立即消失"),
        ), "组织和党员获得的荣誉。"),
    )


SHEETS: tuple[Sheet, ...] = _sheets()


def sheet_named(name: str) -> Optional[Sheet]:
    return next((s for s in SHEETS if s.name == name), None)
