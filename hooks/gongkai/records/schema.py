"""The record model: one definition of every kind of record the clerks keep.

Keys in the YAML are Chinese (the clerks' words); attributes are English (the
code's words). `data/README.md` documents the same model with examples.
Fields set by the loader rather than typed by a clerk are excluded from input.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from gongkai.records.fields import Amount, Count, DataPath, Day, Markdown, PublicPhone, QuarterKey, Slug, Text, YesNo

OrgKind = Literal["党委", "党工委", "党总支", "党支部", "党小组"]
Sector = Literal["农村", "社区", "机关", "国有企业", "非公有制企业", "学校", "医疗卫生", "窗口单位", "离退休", "新社会组织"]
HonorLevel = Literal["全国", "省级", "市级", "县/区级", "乡镇/街道级", "单位内部"]
STAGES: tuple[str, ...] = ("调研", "审诺", "签约", "公开", "践诺", "评诺")
PUBLIC_STAGES = STAGES[2:]  # a public pledge is signed: 签约 and after
STAGE_NAMES = {"调研": "调研承诺", "审诺": "组织审诺", "签约": "签约承诺", "公开": "公开承诺", "践诺": "认真践诺", "评诺": "评诺"}
FIVE_GOODS = ("领导班子好", "党员队伍好", "工作机制好", "工作业绩好", "群众反映好")
FIVE_LEADS = ("带头学习提高", "带头争创佳绩", "带头服务群众", "带头遵纪守法", "带头弘扬正气")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, str_strip_whitespace=True)

    def model_post_init(self, context: Any) -> None:
        # Pydantic gives every instance its own set of the fields it was given
        # (~340 bytes): at district scale 1.2 million records, 400 MB. gongkai
        # never asks for it, so the records of one file with the same fields
        # share one set, from a table the loader passes in for that file.
        if isinstance(context, dict) and "field_sets" in context:
            fields = self.__pydantic_fields_set__
            shared = context["field_sets"].setdefault(frozenset(fields), fields)
            object.__setattr__(self, "__pydantic_fields_set__", shared)


class Honor(Record):
    title: Text = Field(alias="名称")
    level: HonorLevel = Field(alias="级别")
    year: Count = Field(alias="年度")
    awarded_by: Text = Field(alias="授予单位")
    event: Optional[Slug] = Field(None, alias="表彰活动")
    revoked: YesNo = Field(False, alias="撤销")


class _FiveTexts(Record):
    """五个好 / 五带头: five texts named by their aliases; shown in that order, empty ones left out."""

    NAMES: ClassVar[tuple[str, ...]] = ()

    def items(self) -> list[tuple[str, str]]:
        by_alias = {field.alias: getattr(self, name) for name, field in type(self).model_fields.items()}
        return [(name, by_alias[name]) for name in self.NAMES if by_alias[name]]


class FiveGoods(_FiveTexts):
    """The 五个好 evaluation of an organization for one year."""

    NAMES = FIVE_GOODS

    year: Count = Field(alias="年度")
    leadership: Optional[Text] = Field(None, alias="领导班子好")
    members: Optional[Text] = Field(None, alias="党员队伍好")
    mechanism: Optional[Text] = Field(None, alias="工作机制好")
    results: Optional[Text] = Field(None, alias="工作业绩好")
    reputation: Optional[Text] = Field(None, alias="群众反映好")


class FiveLeads(_FiveTexts):
    """The 五带头 deeds of a model member."""

    NAMES = FIVE_LEADS

    study: Optional[Text] = Field(None, alias="带头学习提高")
    excel: Optional[Text] = Field(None, alias="带头争创佳绩")
    serve: Optional[Text] = Field(None, alias="带头服务群众")
    discipline: Optional[Text] = Field(None, alias="带头遵纪守法")
    integrity: Optional[Text] = Field(None, alias="带头弘扬正气")


class Member(Record):
    id: Slug = Field(alias="编号")
    name: Text = Field(alias="姓名")
    job: Optional[Text] = Field(None, alias="职务")
    post: Optional[Text] = Field(None, alias="岗位")
    vanguard: Optional[Text] = Field(None, alias="先锋")
    portrait: Optional[DataPath] = Field(None, alias="肖像")
    deeds: Optional[FiveLeads] = Field(None, alias="五带头")
    honors: list[Honor] = Field(default_factory=list, alias="荣誉")
    draft: YesNo = Field(False, alias="草稿")
    org_id: str = Field("", exclude=True, validation_alias="\0org")

    @property
    def key(self) -> str:
        return f"{self.org_id}/{self.id}"

    @property
    def is_model(self) -> bool:
        """A model member (优秀共产党员/先锋) has a public profile page; others appear as pledge owners."""
        return bool(self.vanguard or self.honors or (self.deeds and self.deeds.items()))


class Item(Record):
    """One quantified item of a pledge: target, unit, amount done."""

    name: Text = Field(alias="名称")
    target: Amount = Field(alias="目标")
    unit: Text = Field(alias="单位")
    done: Amount = Field(Decimal(0), alias="完成")

    @property
    def percent(self) -> int:
        return 100 if self.target == 0 else min(100, int(self.done * 100 / self.target))


class Progress(Record):
    day: Day = Field(alias="日期")
    text: Markdown = Field(alias="内容")
    photos: list[DataPath] = Field(default_factory=list, alias="照片")


class LeaderComment(Record):
    """领导点评: what was done well, what is lacking, what next."""

    leader: Text = Field(alias="点评人")
    post: Text = Field(alias="职务")
    day: Day = Field(alias="日期")
    text: Markdown = Field(alias="内容")


class Review(Record):
    """群众评议: residents' ratings."""

    satisfied: Count = Field(0, alias="满意")
    fairly: Count = Field(0, alias="基本满意")
    unsatisfied: Count = Field(0, alias="不满意")

    @property
    def total(self) -> int:
        return self.satisfied + self.fairly + self.unsatisfied

    @property
    def rate(self) -> Optional[float]:
        """Satisfaction rate as (满意 + 基本满意) / all, the seeds' usual reading."""
        return None if self.total == 0 else (self.satisfied + self.fairly) / self.total


class History(Record):
    """Dated steps of the six-step lifecycle; the stage is the last step reached."""

    survey: Optional[Day] = Field(None, alias="调研")
    review: Optional[Day] = Field(None, alias="审诺")
    signed: Optional[Day] = Field(None, alias="签约")
    published: Optional[Day] = Field(None, alias="公开")
    carried_out: Optional[Day] = Field(None, alias="践诺")
    evaluated: Optional[Day] = Field(None, alias="评诺")

    def steps(self) -> list[tuple[str, Optional[date]]]:
        days = (self.survey, self.review, self.signed, self.published, self.carried_out, self.evaluated)
        return list(zip(STAGES, days))

    @model_validator(mode="after")
    def _in_order(self) -> "History":
        reached = [(step, day) for step, day in self.steps() if day]
        if not reached:
            raise PydanticCustomError("gongkai", "至少要有「调研」日期")
        names = [step for step, _ in reached]
        if names != list(STAGES[: len(names)]):
            missing = next(s for s in STAGES if s not in names)
            raise PydanticCustomError("gongkai", f"步骤不能跳过：缺少「{missing}」的日期")
        for (a, da), (b, db) in zip(reached, reached[1:]):
            if db < da:
                raise PydanticCustomError("gongkai", f"「{b}」的日期 {db} 早于「{a}」的日期 {da}")
        return self


class Pledge(Record):
    id: Slug = Field(alias="编号")
    quarter: QuarterKey = Field(alias="季度")
    member: Optional[Slug] = Field(None, alias="党员")
    title: Text = Field(alias="标题")
    text: Optional[Markdown] = Field(None, alias="内容")
    items: list[Item] = Field(min_length=1, alias="事项")
    deadline: Day = Field(alias="完成时限")
    history: History = Field(alias="进程")
    progress: list[Progress] = Field(default_factory=list, alias="进展")
    comment: Optional[LeaderComment] = Field(None, alias="领导点评")
    review: Optional[Review] = Field(None, alias="群众评议")
    draft: YesNo = Field(False, alias="草稿")
    org_id: str = Field("", exclude=True, validation_alias="\0org")

    @property
    def key(self) -> str:
        return f"{self.org_id}/{self.id}"

    @property
    def stage(self) -> str:
        return [step for step, day in self.history.steps() if day][-1]

    @property
    def fulfilled(self) -> bool:
        return all(item.done >= item.target for item in self.items)

    def overdue(self, as_of: date) -> bool:
        return not self.fulfilled and self.deadline < as_of


class Organization(Record):
    name: Text = Field(alias="名称")
    kind: OrgKind = Field(alias="类型")
    parent: Optional[Slug] = Field(None, alias="上级")
    sector: Sector = Field(alias="分类")
    phone: Optional[PublicPhone] = Field(None, alias="监督电话")
    secretary: Optional[Text] = Field(None, alias="书记")
    member_count: Optional[Count] = Field(None, alias="党员人数")
    about: Optional[Markdown] = Field(None, alias="简介")
    five_goods: Optional[FiveGoods] = Field(None, alias="五个好")
    honors: list[Honor] = Field(default_factory=list, alias="荣誉")
    members: list[Member] = Field(default_factory=list, alias="党员")
    pledges: list[Pledge] = Field(default_factory=list, alias="承诺")
    draft: YesNo = Field(False, alias="草稿")
    id: str = Field("", exclude=True, validation_alias="\0id")


class Quarter(Record):
    key: QuarterKey = Field(alias="季度")
    theme: Text = Field(alias="主题")
    about: Optional[Markdown] = Field(None, alias="说明")


class QuarterFile(Record):
    quarters: list[Quarter] = Field(alias="季度主题")


class Event(Record):
    """A commendation event; its honorees are the honors that name it."""

    title: Text = Field(alias="名称")
    day: Day = Field(alias="日期")
    # 一季一先锋: the quarter whose vanguards this event chooses (often held after it ends); its member honorees
    # are that quarter's 先锋. Events that choose no quarter's vanguards (七一, 年度) leave it out.
    quarter: Optional[QuarterKey] = Field(None, alias="季度")
    host: Text = Field(alias="主办单位")
    place: Optional[Text] = Field(None, alias="地点")
    about: Optional[Markdown] = Field(None, alias="简介")
    album: Optional[Slug] = Field(None, alias="相册")
    draft: YesNo = Field(False, alias="草稿")
    id: str = Field("", exclude=True, validation_alias="\0id")


    @property
    def names_quarter_vanguards(self) -> bool:
        """Its name says it chooses a quarter's vanguards ("一季度“学习先锋”评选表彰会"): then 季度 is required."""
        return "先锋" in self.title and ("季度" in self.title or "一季一先锋" in self.title)


class Photo(Record):
    file: DataPath = Field(alias="文件")
    caption: Optional[Text] = Field(None, alias="说明")


class Album(Record):
    """A folder of photos; photos not listed here are shown without a caption."""

    title: Text = Field(alias="名称")
    day: Day = Field(alias="日期")
    place: Optional[Text] = Field(None, alias="地点")
    org: Optional[Slug] = Field(None, alias="组织")
    event: Optional[Slug] = Field(None, alias="表彰活动")
    photos: list[Photo] = Field(default_factory=list, alias="照片")
    draft: YesNo = Field(False, alias="草稿")
    id: str = Field("", exclude=True, validation_alias="\0id")
    files: list[Photo] = Field(default_factory=list, exclude=True, validation_alias="\0files")
