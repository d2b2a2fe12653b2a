"""The demo world's vocabulary of types and fixed facts: records as the generator builds them, dates, the demo town's pinned names."""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).parent))
import demo_vocab as V  # noqa: E402  names, jobs, deeds, five goods, quarter themes



YEAR = 2024


AS_OF = date(YEAR, 12, 31)  # the demo site is built "as of" this day (mkdocs.yml)


LAST_EVALUATION = date(YEAR, 12, 28)
PORTRAITS, EVIDENCE = 24, 12  # drawn photos per dataset: enough to show, small enough to ship


SIZES = ("town", "county", "district")


# ---------------------------------------------------------------------------
# Vocabulary beyond demo_vocab: places, units, pledges (不讲官话讲白话), notes.
# ---------------------------------------------------------------------------
@dataclass
class Honor:
    title: str
    level: str
    year: int
    body: str
    event: Optional[str] = None
    revoked: bool = False


@dataclass
class Member:
    id: str
    name: str
    job: str
    secretary: bool = False
    post: Optional[str] = None
    vanguard: Optional[str] = None
    deeds: dict = field(default_factory=dict)
    honors: list = field(default_factory=list)
    portrait: Optional[str] = None
    draft: bool = False

    @property
    def model(self) -> bool:
        return bool(self.vanguard or self.deeds or self.honors)


@dataclass
class Item:
    name: str
    unit: str
    target: float
    step: float
    done: float = 0


@dataclass
class Pledge:
    id: str
    quarter: int
    member: Optional[Member]
    title: str
    text: str
    items: list
    deadline: date
    steps: list
    progress: list = field(default_factory=list)  # [date, text, photo or None]
    comment: Optional[tuple] = None
    review: Optional[tuple] = None
    draft: bool = False


@dataclass
class Scope:
    """A town (镇), sub-district (街道) or the county/district level: who comments and who awards."""

    name: str  # 青石镇
    committee: str  # 中共青石镇委员会
    short: str  # 镇党委 / 街道党工委 / 县委
    leaders: list  # [(name, post)]: the secretary first


@dataclass
class Org:
    id: str
    name: str
    kind: str
    sector: str
    parent: Optional[str]
    scope: Scope
    place: str = ""
    count: int = 0
    secretary: str = ""
    phone: str = ""
    about: str = ""
    five_goods: Optional[dict] = None
    honors: list = field(default_factory=list)
    members: list = field(default_factory=list)
    pledges: list = field(default_factory=list)
    reviewer: Optional[tuple] = None  # (name, post) who comments on this organization's own pledges
    children: int = 0  # organizations straight under this one
    generals: int = 0  # 党总支 in its subtree (committees only)
    branches: int = 0  # 党支部 in its subtree
    villages: int = 0  # village and community branches in its subtree


@dataclass
class World:
    size: str
    city: str  # 临江市
    region: str  # 青山县: the county above the demo town; the county or district itself otherwise
    region_committee: str  # 中共青山县委
    organizer: tuple  # (name, post): the 组织部长 who comments on the township committees' pledges
    area: str  # telephone area code
    host: str  # who holds the commendation events
    root: str  # id of the top organization
    names: "Names"
    portraits: list = field(default_factory=list)  # rel paths
    evidence: list = field(default_factory=list)  # (rel, scene, banner)
    used: set = field(default_factory=set)  # organization names already given
    revoked: bool = False
    q4: int = 0  # fourth-quarter pledges made so far (see Q4_STOPS)


class Names:
    """Fictional place names (青石, 王家湾 …), each given out once in a dataset."""

    def __init__(self, rng: random.Random) -> None:
        pool = [a + b for a in V.PLACE_HEADS for b in V.PLACE_TAILS if a != b]
        pool += [s + "家" + t for s in V.SURNAMES for t in "湾坪冲岭庄店垸寨湖桥沟塘坝嘴"]
        rng.shuffle(pool)
        self._pool, self._taken = pool, set()

    def take(self, name: str) -> str:
        self._taken.add(name)
        return name

    def place(self) -> str:
        while self._pool:
            name = self._pool.pop()
            if name not in self._taken:
                return self.take(name)
        raise RuntimeError("place names exhausted")


def person(rng: random.Random, taken: Optional[set] = None) -> str:
    name = rng.choice(V.SURNAMES) + rng.choice(V.GIVEN)
    while taken is not None and name in taken:
        name = rng.choice(V.SURNAMES) + rng.choice(V.GIVEN)
    if taken is not None:
        taken.add(name)
    return name


def month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def cn_day(day: date) -> str:
    return f"{day.month}月{day.day}日" if day.year == YEAR else f"{day.year}年{day.month}月{day.day}日"


def num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


TOWN_BRANCHES = [  # (sector, name, parent): fixed, because the shipped briefings name some of them
    ("农村", "枫林村党支部", "zongzhi-002"), ("农村", "北垣村党支部", "zongzhi-002"), ("农村", "杏花村党支部", "zongzhi-002"),
    ("农村", "双河村党支部", "zongzhi-002"), ("农村", "东岭村党支部", "zongzhi-003"), ("农村", "石桥村党支部", "zongzhi-003"),
    ("农村", "桃源村党支部", "zongzhi-003"), ("农村", "柳溪村党支部", "zongzhi-003"), ("农村", "龙潭村党支部", "zongzhi-003"),
    ("社区", "青石街社区党支部", "zongzhi-004"), ("社区", "人民路社区党支部", "zongzhi-004"), ("社区", "文化路社区党支部", "zongzhi-004"),
    ("社区", "滨河社区党支部", "zongzhi-004"), ("社区", "新华里社区党支部", "zongzhi-004"),
    ("机关", "镇党政办党支部", "zongzhi-001"), ("机关", "镇财政所党支部", "zongzhi-001"), ("机关", "镇农业综合服务中心党支部", "zongzhi-001"),
    ("窗口单位", "镇便民服务中心党支部", "zongzhi-001"), ("离退休", "镇老干部党支部", "zongzhi-001"),
    ("国有企业", "国网青石供电所党支部", "dangwei"),  # a 直属党支部, straight under the 党委
    ("学校", "青石镇中心小学党支部", "zongzhi-005"), ("学校", "青石中学党支部", "zongzhi-005"), ("医疗卫生", "青石镇卫生院党支部", "zongzhi-005"),
    ("非公有制企业", "青石纺织有限公司党支部", "zongzhi-006"), ("非公有制企业", "绿源食品有限公司党支部", "zongzhi-006"),
    ("新社会组织", "青石镇果蔬专业合作社联合会党支部", "zongzhi-006"),
]


TOWN_GENERALS = [("机关党总支", "机关"), ("农村第一党总支", "农村"), ("农村第二党总支", "农村"), ("社区党总支", "社区"),
                 ("教育卫生党总支", "学校"), ("两新组织党总支", "非公有制企业")]


TOWN_MEMBERS = 1354  # "6 党总支, 26 党支部, 1,354 members" (seeds)


# Facts the shipped briefings cite: 龙勇 (枫林村) pledged 发展特色种植 in Q2; 北垣村 held 14 tutoring sessions in Q3, on time.
TOWN_SECRETARIES = {"zhibu-0001": "龙勇"}


PINS = {
    ("zhibu-0001", 2, "m01"): {"bank": ("发展特色种植", [("示范种植特色果蔬", "亩", 20, 20, 1), ("带动农户", "户", 15, 15, 1)],
                                        "我带头种{t0}{u0}特色果蔬，请技术员进村指导，统一找销路，{by}前带动{t1}{u1}农户一起种，让大家多挣钱。")},
    ("zhibu-0002", 3, None): {"bank": ("为留守儿童开展课后辅导", [("课后辅导", "次", 14, 14, 1)],
                                      "暑假里留守儿童没人管。支部组织党员和退休教师在村部办“四点半课堂”，每周两次，{by}前辅导{t0}{u0}。"),
                              "deadline": date(YEAR, 8, 31)},
}


GROUP_OF = {"农村": "农村", "社区": "社区", "机关": "机关", "窗口单位": "机关", "离退休": "机关", "学校": "教育卫生", "医疗卫生": "教育卫生",
            "非公有制企业": "两新组织", "新社会组织": "两新组织"}  # 国有企业 branches stand straight under the township (直属党支部)


TOWN_WEIGHTS = {"农村": 58, "机关": 9, "学校": 8, "医疗卫生": 3, "非公有制企业": 9, "国有企业": 3, "窗口单位": 3, "离退休": 3, "新社会组织": 4}


STREET_WEIGHTS = {"社区": 48, "机关": 10, "学校": 8, "医疗卫生": 4, "非公有制企业": 14, "国有企业": 4, "窗口单位": 4, "离退休": 3, "新社会组织": 5}


# Where fourth-quarter pledges stand at the end of the year: index of the last step reached (0 调研 … 3 公开), None = being carried out.
Q4_STOPS = [None, 0, None, 3, None, 1, None, None, 2, None, 3, None, 0, None, None, 1, None, 2, 3, None]


# Per size: townships (镇, 街道), branches per township, 党员人数 scale, share of members listed (model or pledging).
LAYOUT = {"county": ((12, 2), 23, 0.9, (0.24, 0.42)), "district": ((14, 36), 71, 0.6, (0.38, 0.62))}
