#!/usr/bin/env python3
"""Generates a realistic, deterministic dataset in gongkai's own data format.

    python tools/generate_data.py --size town --seed 2024 --out data
    python tools/generate_data.py --size district --seed 1 --out /tmp/district/data --no-photos

Sizes
  town      the shipped demo: 青石镇 — 1 党委, 6 党总支, 26 党支部, 1,354 党员 counted,
            about 40 model members and 150 pledges over the four quarters of 2024
  county    about 400 organizations (县委 → 乡镇党委/街道党工委 → 党总支 → 党支部),
            4,000 member records, 16,000 pledges
  district  about 4,000 organizations, 40,000 member records (80,000 党员 counted),
            160,000 pledges; one file per organization, written as it is made

Only members who are model members (先锋, honours, 五带头) or who pledge are
listed; 党员人数 counts everyone. The same seed gives the same bytes. Every
case the site must handle is present: each lifecycle stage, drafts, pledges
not yet public, overdue pledges, evaluated pledges with 领导点评 and 群众评议,
a revoked honour, commendation events and (with photos) albums.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator, Optional

sys.path.insert(0, str(Path(__file__).parent))
import demo_vocab as V  # noqa: E402  names, jobs, deeds, five goods, quarter themes

YEAR = 2024
AS_OF = date(YEAR, 12, 31)  # the demo site is built "as of" this day (mkdocs.yml)
LAST_EVALUATION = date(YEAR, 12, 28)
SIZES = ("town", "county", "district")
PORTRAITS, EVIDENCE = 24, 12  # drawn photos per dataset: enough to show, small enough to ship

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


# ---------------------------------------------------------------------------
# Entry points.
# ---------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="town")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, required=True, help="the data folder to write (a README.md in it is kept)")
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=None,
                        help="draw photos with Pillow (default: only for --size town)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.size, args.seed, args.out, args.size == "town" if args.photos is None else args.photos)
    print(f"{args.size}（seed {args.seed}）: " + "，".join(f"{k} {v:,}" for k, v in counts.items()) + f"（{time.perf_counter() - started:.1f} 秒）")
    return 0


def generate(size: str, seed: int, out: Path, photos: bool) -> dict[str, int]:
    """Write a dataset of `size` into `out`; return its counts. Same arguments, same bytes.

    Random choices do not depend on `photos`: without photos the records are
    the same, only the 肖像/照片/相册 lines are left out.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}")
    rng = random.Random(seed)
    for sub in ("organizations", "events", "albums", "portraits", "photos"):
        shutil.rmtree(out / sub, ignore_errors=True)
    (out / "organizations").mkdir(parents=True)
    (out / "events").mkdir()
    world = _world(rng, size)
    counts = Counter({"党组织": 0, "党员": 0, "模范党员": 0, "承诺": 0, "党员人数": 0, "荣誉": 0})
    for batch in _batches(rng, world):
        for org in batch:
            if not org.phone:  # the county/district root comes last, already filled
                _fill(rng, world, org)
        _awards(rng, world, batch)
        _special_cases(rng, world, batch)
        for org in batch:
            (out / "organizations" / f"{org.id}.yml").write_text(_org_yaml(org, photos), encoding="utf-8")
            counts["党组织"] += 1
            counts["党员"] += len(org.members)
            counts["模范党员"] += sum(m.model for m in org.members)
            counts["承诺"] += len(org.pledges)
            counts["党员人数"] += org.count if org.kind == "党支部" else 0
            counts["荣誉"] += len(org.honors) + sum(len(m.honors) for m in org.members)
    _write_quarters(out)
    albums = _albums(world) if photos else {}
    counts["表彰活动"] = _write_events(out, world, albums)
    if photos:
        counts["相册"], counts["照片"] = _draw(out, world, albums, seed)
    return dict(counts)


# ---------------------------------------------------------------------------
# The tree.
# ---------------------------------------------------------------------------
def _world(rng: random.Random, size: str) -> World:
    names = Names(rng)
    if size == "town":  # every name of the demo town is fixed: the shipped briefings (docs/jianbao) cite them
        for place in ("青石", "青山", "临江"):
            names.take(place)
        return World(size, "临江市", "青山县", "中共青山县委", (person(rng), "县委常委、组织部部长"), rng.choice(V.AREA_CODES),
                     "中共青石镇委员会", "dangwei", names)
    city, region = rng.sample(V.REGION_NAMES, 2)
    names.take(city)
    names.take(region)
    suffix = "县" if size == "county" else "区"
    return World(size, city + "市", region + suffix, f"中共{region}{suffix}委", (person(rng), f"{suffix}委常委、组织部部长"),
                 rng.choice(V.AREA_CODES), f"中共{region}{suffix}委", "xianwei" if size == "county" else "quwei", names)


def _leaders(rng: random.Random, short: str) -> list[tuple[str, str]]:
    """A township's leading group, secretary first; each also serves as a contact (联系点) for a 党总支."""
    street = short.startswith("街道")
    taken: set = set()
    return [(person(rng, taken), f"{short}书记"), (person(rng, taken), f"{short}副书记、{'办事处主任' if street else '镇长'}"),
            (person(rng, taken), f"{short}副书记"), (person(rng, taken), f"{short}委员、组织委员"),
            (person(rng, taken), f"{short}委员、宣传委员"), (person(rng, taken), f"{'街道纪工委' if street else '镇纪委'}书记")]


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


def _batches(rng: random.Random, world: World) -> Iterator[list[Org]]:
    """Groups of organizations finished together (the town; one township); files stream out per group."""
    if world.size == "town":
        yield _town(rng, world)
        return
    (towns, streets), per_township, scale, _ = LAYOUT[world.size]
    suffix = world.region[-1]
    root = Org(world.root, f"中共{world.region}委员会", "党委", "机关", None, Scope(world.region, world.region_committee, f"{suffix}委", [world.organizer]))
    organ_scope = Scope(world.region, f"中共{world.region}直属机关工作委员会", f"{suffix}直机关工委", [(person(rng), f"{suffix}直机关工委书记")])
    organs = Org("jiguan-gongwei", organ_scope.committee, "党工委", "机关", root.id, organ_scope, reviewer=world.organizer)
    depts = V.COUNTY_DEPTS[:8] if world.size == "county" else [f"{d}机关第{n}" for d in V.COUNTY_DEPTS for n in "一二三"]
    counters = {"zongzhi": 0, "zhibu": 0}
    branches = []
    for dept in depts:
        counters["zhibu"] += 1
        name = f"{world.region}{dept}党支部" if dept[-1] in "一二三" else f"{world.region}{dept}机关党支部"
        world.used.add(name)
        branch = _branch(rng, f"zhibu-{counters['zhibu']:04d}", "机关", name, organs.id, organ_scope, "", scale)
        branch.reviewer = organ_scope.leaders[0]
        branches.append(branch)
    organs.count, organs.children, organs.branches = sum(b.count for b in branches), len(branches), len(branches)
    yield [organs, *branches]
    root.children, root.count = 1, organs.count
    for t in range(towns + streets):
        batch = _township(rng, world, t if t < towns else t - towns, t >= towns, per_township, scale, counters)  # zhen-01…, jiedao-01…
        root.children += 1
        root.count += batch[0].count
        yield batch
    _fill(rng, world, root)
    root.about = (f"{root.name}下设乡镇党委{towns}个、街道党工委{streets}个和{suffix}直机关工委，党总支{counters['zongzhi']}个、"
                  f"党支部{counters['zhibu']}个，党员{root.count}名。全{suffix}按“一季一主题、一季一承诺、一季一点评、一季一先锋”开展创先争优活动，"
                  "分类指导、逐级点评。")
    yield [root]


def _town(rng: random.Random, world: World) -> list[Org]:
    scope = Scope("青石镇", "中共青石镇委员会", "镇党委", _leaders(rng, "镇党委"))
    root = Org("dangwei", scope.committee, "党委", "机关", None, scope, place="青石", reviewer=world.organizer, secretary=scope.leaders[0][0])
    generals = [Org(f"zongzhi-{g + 1:03d}", f"青石镇{label}", "党总支", sector, "dangwei", scope, reviewer=scope.leaders[0])
                for g, (label, sector) in enumerate(TOWN_GENERALS)]
    contacts = {g.id: scope.leaders[1 + n % 5] for n, g in enumerate(generals)}  # each 党总支 has a town leader as its contact (联系点)
    branches = []
    for n, (sector, name, parent) in enumerate(TOWN_BRANCHES):
        place = name.split("村")[0] if sector == "农村" else name.split("社区")[0] if sector == "社区" else ""
        if place:
            world.names.take(place)
        world.used.add(name)
        branch = _branch(rng, f"zhibu-{n + 1:04d}", sector, name, parent, scope, place, 1.0)
        branch.reviewer = contacts.get(parent, scope.leaders[0])
        branch.secretary = TOWN_SECRETARIES.get(branch.id, "")
        branches.append(branch)
    scale = TOWN_MEMBERS / sum(b.count for b in branches)
    for b in branches:
        b.count = max(3, round(b.count * scale))
    branches[0].count += TOWN_MEMBERS - sum(b.count for b in branches)  # the seeds' figure, exactly
    for g in generals:
        kids = [b for b in branches if b.parent == g.id]
        g.count, g.children = sum(b.count for b in kids), len(kids)
    root.count, root.children = TOWN_MEMBERS, len(generals) + sum(b.parent == "dangwei" for b in branches)
    root.generals, root.branches, root.villages = len(generals), len(branches), sum(b.sector in ("农村", "社区") for b in branches)
    return [root, *generals, *branches]


def _township(rng: random.Random, world: World, t: int, street: bool, size: int, scale: float, counters: dict) -> list[Org]:
    place = world.names.place()
    short = "街道党工委" if street else "镇党委"
    town = place + ("街道" if street else "镇")
    scope = Scope(town, f"中共{place}{'街道工作委员会' if street else '镇委员会'}", short, _leaders(rng, short))
    head = Org(f"{'jiedao' if street else 'zhen'}-{t + 1:02d}", scope.committee, "党工委" if street else "党委", "机关", world.root, scope,
               place=place, reviewer=world.organizer, secretary=scope.leaders[0][0])
    weights = STREET_WEIGHTS if street else TOWN_WEIGHTS
    sectors = sorted(rng.choices(list(weights), list(weights.values()), k=size), key=list(weights).index)
    groups: dict[str, list[str]] = {}
    for sector in sectors:
        groups.setdefault(GROUP_OF.get(sector, ""), []).append(sector)
    generals, branches = [], []
    for label, members in groups.items():
        parts = 1 if not label else max(1, round(len(members) / 9))
        for c in range(parts):
            chunk = members[c::parts]
            parent, reviewer = head.id, scope.leaders[0]
            if label and len(chunk) >= 2:
                counters["zongzhi"] += 1
                ordinal = "" if parts == 1 else "第" + "一二三四五六七八九十"[min(c, 9)]
                general = Org(f"zongzhi-{counters['zongzhi']:03d}", f"{town}{label}{ordinal}党总支", "党总支", chunk[0], head.id, scope,
                              reviewer=scope.leaders[0], children=len(chunk))
                generals.append(general)
                parent, reviewer = general.id, scope.leaders[1 + len(generals) % 5]
            for sector in chunk:
                counters["zhibu"] += 1
                name, branch_place = _branch_name(rng, world, sector, town)
                branch = _branch(rng, f"zhibu-{counters['zhibu']:04d}", sector, name, parent, scope, branch_place, scale)
                branch.reviewer = reviewer
                branches.append(branch)
    for g in generals:
        g.count = sum(b.count for b in branches if b.parent == g.id)
    head.count = sum(b.count for b in branches)
    head.children = len(generals) + sum(b.parent == head.id for b in branches)
    head.generals, head.branches, head.villages = len(generals), len(branches), sum(b.sector in ("农村", "社区") for b in branches)
    return [head, *generals, *branches]


def _branch(rng: random.Random, oid: str, sector: str, name: str, parent: str, scope: Scope, place: str, scale: float) -> Org:
    low, high = V.MEMBERS_RANGE[sector]
    return Org(oid, name, "党支部", sector, parent, scope, place=place, count=max(3, round(rng.randint(low, high) * scale)))


def _branch_name(rng: random.Random, world: World, sector: str, town: str) -> tuple[str, str]:
    place = world.names.place() if sector in ("农村", "社区") or (sector == "学校" and rng.random() < 0.3) else ""
    name = {
        "农村": f"{place}村党支部", "社区": f"{place}{rng.choice(['', '路', '苑', '里', '花园'])}社区党支部",
        "机关": f"{town}{rng.choice(V.AGENCIES)}党支部",
        "学校": f"{place}小学党支部" if place else rng.choice([f"{town}中心小学党支部", f"{town}中学党支部", f"{town}中心幼儿园党支部"]),
        "医疗卫生": rng.choice([f"{town}卫生院党支部", f"{town}社区卫生服务中心党支部"]),
        "非公有制企业": f"{town[:2]}{rng.choice(V.FIRMS)}{rng.choice(V.INDUSTRIES)}有限公司党支部", "国有企业": f"{town}{rng.choice(V.SOES)}党支部",
        "窗口单位": f"{town}{rng.choice(V.WINDOWS)}党支部", "离退休": f"{town}老干部党支部", "新社会组织": f"{town}{rng.choice(V.NEW_ORGS)}党支部",
    }[sector]
    base, n = name, 1
    while name in world.used:  # a second branch of the same name gets a number, as in real rolls
        n += 1
        name = base.replace("党支部", f"第{'一二三四五六七八九十'[n - 1]}党支部" if n <= 10 else f"第{n}党支部")
    world.used.add(name)
    return name, place if sector in ("农村", "社区") else ""


# ---------------------------------------------------------------------------
# Filling an organization: phone, secretary, 简介, 五个好, members, pledges.
# ---------------------------------------------------------------------------
def _fill(rng: random.Random, world: World, org: Org) -> None:
    org.phone = f"{world.area}-{rng.choice('68')}{rng.randint(0, 9_999_999):07d}"
    org.secretary = org.secretary or person(rng)
    org.about = _about(rng, org)
    if org.kind == "党支部":
        org.members = _members(rng, world, org)
        if rng.random() < 0.5:
            org.five_goods = {k: v.format(n=rng.randint(2, 12), rate=rng.randint(88, 99)) for k, v in V.FIVE_GOODS.items()}
    org.pledges = _pledges(rng, world, org)


def _about(rng: random.Random, org: Org) -> str:
    c, r = org.count, rng.randint
    if org.kind in ("党委", "党工委"):
        under = f"党总支{org.generals}个、党支部{org.branches}个" if org.generals else f"党支部{org.branches}个"
        return (f"{org.name}下设{under}，党员{c}名。按“一季一主题、一季一承诺、一季一点评、一季一先锋”开展创先争优活动，"
                "党组织和党员的承诺全部上墙公开，接受群众监督。")
    if org.kind == "党总支":
        return f"{org.name}下设党支部{org.children}个，党员{c}名。每月到所属支部查看承诺进展，每季度开展一次点评。"
    text = {
        "农村": f"{org.place}村辖{r(5, 12)}个村民小组、{r(300, 900)}户，现有党员{c}名，设党员责任区{r(4, 10)}个、党员先锋岗{r(2, 6)}个。"
              f"主导产业为{rng.choice(['水稻', '茶叶', '柑橘', '生猪养殖', '蔬菜', '油茶'])}。",
        "社区": f"{org.place}社区辖{r(4, 12)}个居民小区、{r(1500, 5000)}户，现有党员{c}名，划分网格{r(6, 16)}个，在职党员到社区报到{r(20, 90)}名。",
        "机关": f"现有党员{c}名，设党员先锋岗{r(2, 6)}个，推行“一线工作法”，党员干部每月下村不少于{r(3, 6)}天。",
        "学校": f"现有党员{c}名，开展“党员示范课”“一帮一结对”活动，党员教师人人结对学困生。",
        "医疗卫生": f"现有党员{c}名，设党员先锋岗{r(2, 5)}个，开展家庭医生签约和“义诊进村”。",
        "窗口单位": f"现有党员{c}名，窗口设文明服务岗{r(2, 6)}个，推行“一次性告知”“延时服务”。",
        "离退休": f"现有党员{c}名，平均年龄{r(66, 74)}岁。老党员参加关心下一代、平安巡逻等志愿服务，行动不便的党员可以口头承诺。",
        "国有企业": f"现有党员{c}名，组建党员服务队{r(1, 3)}支，负责辖区抢修和上门服务。",
        "非公有制企业": f"现有党员{c}名，企业职工{r(60, 600)}人，开展“党员示范岗”“技术比武”活动。",
        "新社会组织": f"现有党员{c}名，联结农户{r(80, 500)}户，开展“党建+合作社”带富活动。",
    }[org.sector]
    return text if org.sector in ("农村", "社区") else org.name + text


def _members(rng: random.Random, world: World, org: Org) -> list[Member]:
    taken = {org.secretary}
    members: list[Member] = []
    jobs = [j for j in V.JOBS[org.sector] if "党支部书记" not in j]

    def add(name: str, job: str, secretary: bool = False, model: bool = False) -> None:
        member = Member(f"m{len(members) + 1:02d}", name, job, secretary)
        if model:
            _make_model(rng, member, org.sector)
        members.append(member)

    secretary_job = V.SECRETARY_JOB.get(org.sector, "党支部书记")
    if world.size == "town":
        village = org.sector in ("农村", "社区")
        if village or rng.random() < 0.3:
            add(org.secretary, secretary_job, True, True)
        for _ in range(rng.choice([0, 1, 1] if village else [1, 1, 1, 2])):
            add(person(rng, taken), rng.choice(jobs), model=True)
        if rng.random() < 0.3:
            add(person(rng, taken), rng.choice(jobs))  # an ordinary member, listed because they pledge
        return members
    low, high = LAYOUT[world.size][3]
    listed = min(60, max(3, round(org.count * rng.uniform(low, high))))
    add(org.secretary, secretary_job, True, rng.random() < 0.3)
    for _ in range(listed - 1):
        add(person(rng, taken), rng.choice(jobs), model=rng.random() < 0.12)
    return members


def _make_model(rng: random.Random, member: Member, sector: str) -> None:
    """A model member: post, vanguard kind and 五带头 deeds (三亮: 亮身份、亮形象、亮业绩)."""
    member.post = rng.choice(V.POST_BY_SECTOR.get(sector, ["党员先锋岗"]))
    member.vanguard = rng.choice(V.VANGUARD_BY_SECTOR[sector])
    leads = [lead for lead in V.DEEDS if rng.random() < 0.7] or ["带头服务群众"]
    member.deeds = {lead: rng.choice(V.DEEDS[lead]).format(n=rng.randint(2, 20)) for lead in leads}


def _pledges(rng: random.Random, world: World, org: Org) -> list[Pledge]:
    town = world.size == "town"
    if org.id == world.root and not town:
        return []  # the county/district committee reports upward; its own pledges are not on this board
    member_quarters = {}
    for member in org.members:
        if town:
            quarters = [q for q in range(1, 5) if rng.random() < 0.22] if member.model else sorted(rng.sample(range(1, 5), rng.choice([1, 2])))
        else:
            quarters = [q for q in range(1, 5) if rng.random() < 0.9] or [rng.randint(1, 4)]
        member_quarters[member.id] = quarters
    for oid, q, mid in PINS:
        if town and oid == org.id and mid in member_quarters and q not in member_quarters[mid]:
            member_quarters[mid] = sorted([*member_quarters[mid], q])
    pledges = []
    for q in range(1, 5):
        if org.kind == "党支部":
            own = (q < 4 or rng.random() < 0.85) if town else rng.random() < 0.97
        else:
            own = q == 1 if (town and org.kind == "党总支") else True
        if own:
            pledges.append(_pledge(rng, world, org, None, q))
        for member in org.members:
            if q in member_quarters[member.id]:
                pledges.append(_pledge(rng, world, org, member, q))
    return pledges


def _target(rng: random.Random, low: float, high: float, step: float) -> float:
    return round(low + step * rng.randint(0, round((high - low) / step)), 1)


def _pledge(rng: random.Random, world: World, org: Org, member: Optional[Member], q: int) -> Pledge:
    pin = PINS.get((org.id, q, member.id if member else None)) if world.size == "town" else None
    if pin:
        bank = pin["bank"]
    elif member:
        bank = V.FIVE_ONES if rng.random() < 0.3 else rng.choice(V.MEMBER_PLEDGES[org.sector])
    else:
        bank = rng.choice(V.ORG_PLEDGES[org.sector if org.kind == "党支部" else org.kind])
    title, specs, template = bank
    items = [Item(name, unit, _target(rng, low, high, step), step) for name, unit, low, high, step in specs]
    for item in items:  # a committee's "every organization pledges" counts its own tree
        if item.name == "作出公开承诺的党组织":
            item.target = 1 + org.generals + org.branches
        elif item.name == "承诺上墙公开的村（社区）":
            item.target = max(1, org.villages)
    annual = org.kind == "党总支" and world.size == "town"  # 一年一诺: the town's general branches pledge once, at the start of the year
    # The last quarter is still under way: some pledges are only proposed or under review (not public yet).
    stop = None
    if q == 4 and not pin:  # a fixed rotation, so that every dataset has pledges stopped at each early step
        stop = Q4_STOPS[world.q4 % len(Q4_STOPS)]
        world.q4 += 1
    late = stop is not None and stop <= 1 and rng.random() < 0.6
    day = date(YEAR, 3 * q - 2, 1) + timedelta(days=rng.randint(2, 14) + (rng.randint(20, 55) if late else 0))
    steps = [("调研", day)]
    for name, (low, high) in (("审诺", (3, 8)), ("签约", (1, 5)), ("公开", (1, 3)), ("践诺", (1, 4))):
        day += timedelta(days=rng.randint(low, high))
        steps.append((name, day))
    if pin and pin.get("deadline"):
        deadline = pin["deadline"]
    else:
        deadline = date(YEAR, 12, 15) if annual else month_end(YEAR, 3 * q + rng.choice((0, 0, 0, 1, 1, 2)))
    context = {"by": cn_day(deadline), "scope": org.scope.name, "grp": rng.choice(V.VILLAGE_GROUPS if org.sector == "农村" else V.ESTATES)}
    for n, item in enumerate(items):
        context[f"t{n}"], context[f"u{n}"] = num(item.target), item.unit
    text = template.format(**context)
    if member and org.sector == "离退休" and rng.random() < 0.5:
        text = "（口头承诺，由支部代为记录）" + text
    pledge = Pledge(f"{YEAR}q{q}-{member.id if member else 'zz'}", q, member, title.format(**context), text, items, deadline, steps)
    if stop is not None:
        pledge.steps = steps[: stop + 1]
        return pledge
    carried = steps[4][1]
    evaluated_on = None
    if deadline < AS_OF:
        kept = bool(pin) or rng.random() < 0.88
        span = (deadline - carried).days
        finish = carried + timedelta(days=rng.randint(min(20, span), span)) if kept else None
        _set_done(rng, items, "full" if kept else "short", exact=bool(pin))
        day = deadline + timedelta(days=rng.randint(3, 15))
        if day <= LAST_EVALUATION and (pin or rng.random() < 0.93):
            evaluated_on = day
    elif rng.random() < 0.15 and (AS_OF - carried).days > 40:  # finished early
        kept, finish = True, carried + timedelta(days=rng.randint(20, (AS_OF - carried).days - 10))
        _set_done(rng, items, "full")
        day = finish + timedelta(days=rng.randint(3, 8))
        if day <= LAST_EVALUATION and rng.random() < 0.5:
            evaluated_on = day
    else:
        kept, finish = False, None
        share = (AS_OF - carried).days / max(1, (deadline - carried).days)
        _set_done(rng, items, "partial", fraction=min(0.9, max(0.1, share * rng.uniform(0.6, 1.15))))
    pledge.progress = _progress(rng, items, carried, finish, deadline, field=any(w in pledge.title for w in V.FIELD_WORDS))
    if evaluated_on:
        steps.append(("评诺", evaluated_on))
        pledge.comment = _comment(rng, org, member, kept, evaluated_on)
        voters = rng.randint(30, 90) if member is None else rng.randint(10, 40)
        unhappy = round(voters * rng.uniform(0.1, 0.3)) if not kept else rng.randint(0, max(0, voters // 30))
        fairly = round(voters * (rng.uniform(0.15, 0.3) if not kept else rng.uniform(0.03, 0.2)))
        pledge.review = (voters - fairly - unhappy, fairly, unhappy)
    return pledge


def _floor(value: float, step: float) -> float:
    return round(math.floor(value / step + 1e-9) * step, 1)


def _set_done(rng: random.Random, items: list[Item], mode: str, fraction: float = 0.0, exact: bool = False) -> None:
    for n, item in enumerate(items):
        rate = item.unit in ("%", "个百分点")
        if mode == "full":
            extra = rng.randint(1, max(1, int(item.target // 10))) if not exact and not rate and item.step == 1 and rng.random() < 0.15 else 0
            item.done = item.target + extra
        elif item.unit == "%":
            item.done = max(0, item.target - rng.randint(1, 4))
        elif mode == "short":
            share = rng.uniform(0.5, 0.92) if n == 0 or rng.random() < 0.5 else 1.0
            item.done = item.target if share == 1.0 else max(0, min(_floor(item.target * share, item.step), item.target - item.step))
        else:
            item.done = max(0, min(_floor(item.target * fraction * rng.uniform(0.85, 1.1), item.step), item.target - item.step))


def _amounts(items: list[Item], share: float, style: str) -> str:
    parts = []
    for item in items:
        done = item.done if share >= 1 or item.unit == "%" else _floor(item.done * share, item.step)
        if style == "final":
            parts.append(f"{item.name}{num(done)}{item.unit}")
        elif style == "short":
            parts.append(f"{item.name}{'达到' if item.unit == '%' else '完成'}{num(done)}{item.unit}（目标{num(item.target)}{item.unit}）")
        elif done or item.unit == "%":  # an item not yet begun is not mentioned in a progress note
            parts.append(f"{item.name}{'达到' if item.unit == '%' else '已完成'}{num(done)}{item.unit}")
    return "，".join(parts)


def _progress(rng: random.Random, items: list[Item], carried: date, finish: Optional[date], deadline: date, field: bool) -> list[list]:
    """Dated notes of carrying out (践诺记实), cumulative, ending with the state on record."""
    short = finish is None and deadline < AS_OF
    end = finish or (deadline if short else AS_OF - timedelta(days=2))
    span = max(1, (end - carried).days)
    count = max(1, min(rng.choice((1, 2, 2, 3)), span // 10))
    notes, last = [], carried
    for k in range(count):
        offset = max(1, span * (k + 1) // count - (rng.randint(0, 4) if k < count - 1 else 0))
        day = max(last + timedelta(days=1), carried + timedelta(days=offset))
        last = day
        final = k == count - 1 and not short
        share = 1.0 if final else (k + 1) / (count + 1) if short else (k + 1) / count
        if final and finish:
            text = rng.choice(V.PROGRESS_FINAL).format(done=_amounts(items, 1.0, "final"))
        elif all(_floor(i.done * share, i.step) == 0 for i in items):
            text = "已制定计划、明确到人，正在组织实施。"
        else:
            text = rng.choice(V.PROGRESS_PARTIAL + V.PROGRESS_PARTIAL_FIELD if field else V.PROGRESS_PARTIAL).format(done=_amounts(items, share, "partial"))
        notes.append([day, text, None])
    if short:  # said plainly at the deadline: not all done, and why
        day = max(last, deadline) + timedelta(days=rng.randint(1, 2))
        why = rng.choice(V.SHORT_REASONS_FIELD + V.SHORT_REASONS[:1] if field else V.SHORT_REASONS)
        notes.append([day, V.PROGRESS_SHORT[0].format(done=_amounts(items, 1.0, "short"), why=why), None])
    return notes


def _comment(rng: random.Random, org: Org, member: Optional[Member], kept: bool, day: date) -> tuple:
    """领导点评 by the one whose duty it is: the branch secretary comments on members, a contact leader on branches."""
    if member and not member.secretary:
        leader = (org.secretary, V.SECRETARY_JOB.get(org.sector, "党支部书记").split("、")[0])
    else:
        leader = org.reviewer or org.scope.leaders[0]
    if kept:
        text = f"{rng.choice(V.COMMENT_GOOD)}。不足：{rng.choice(V.COMMENT_LACK)}。下一步：{rng.choice(V.COMMENT_NEXT)}。"
    else:
        text = f"{rng.choice(V.COMMENT_GOOD_SHORT)}。不足：{rng.choice(V.COMMENT_LACK_SHORT)}。下一步：{rng.choice(V.COMMENT_NEXT_SHORT)}。"
    return leader[0], leader[1], day, text


# ---------------------------------------------------------------------------
# Honours: at the three commendation events, and from earlier years.
# ---------------------------------------------------------------------------
ORG_EARLIER = [  # (title, level, awarded by, sectors or None)
    ("先进基层党组织", "县/区级", "中共{county}委", None), ("五好基层党组织", "县/区级", "中共{county}委", None),
    ("先进基层党组织", "市级", "中共{city}委", None), ("省级文明村", "省级", "省精神文明建设指导委员会", ("农村",)),
    ("“五星级”村党组织", "县/区级", "中共{county}委", ("农村",)), ("和谐社区", "市级", "{city}人民政府", ("社区",)),
    ("先进党支部", "乡镇/街道级", "{committee}", None),
    ("文明单位", "县/区级", "{county}精神文明建设委员会", ("机关", "学校", "医疗卫生", "窗口单位", "国有企业")),
]
MEMBER_EARLIER = [
    ("优秀共产党员", "县/区级", "中共{county}委", None), ("优秀共产党员", "乡镇/街道级", "{committee}", None),
    ("抗旱先进个人", "县/区级", "{county}人民政府", ("农村",)), ("劳动模范", "市级", "{city}人民政府", None),
    ("十佳村党组织书记", "县/区级", "中共{county}委", ("农村",)), ("优秀教师", "县/区级", "{county}教育局", ("学校",)),
    ("优秀共产党员", "单位内部", "{org}", ("学校", "医疗卫生", "国有企业", "非公有制企业")),
]


def _awards(rng: random.Random, world: World, batch: list[Org]) -> None:
    branches = [o for o in batch if o.kind == "党支部"]
    if not branches:
        return
    town = world.size == "town"
    level = "乡镇/街道级" if town else "县/区级"
    models = [m for b in branches for m in b.members if m.model]
    secretaries = [m for m in models if m.secretary]
    rural_secretaries = [m for b in branches if b.sector in ("农村", "社区") for m in b.members if m.secretary and m.model]
    where = {id(m): b for b in branches for m in b.members}
    quota = {"orgs": 10, "excellent": 16, "workers": 4, "learners": 6, "ten": 10, "five": 3} if town else \
        {"orgs": 1 + (rng.random() < 0.3), "excellent": 2, "workers": 1, "learners": 1, "ten": 1, "five": 1}
    for org in rng.sample(branches, min(quota["orgs"], len(branches))):  # 七一: 先进基层党组织
        org.honors.append(Honor("先进基层党组织", level, YEAR, world.host, "2024-qiyi"))
    workers = rng.sample(secretaries, min(quota["workers"], len(secretaries)))
    for member in workers:
        member.honors.append(Honor("优秀党务工作者", level, YEAR, world.host, "2024-qiyi"))
    others = [m for m in models if m not in workers]
    excellent = rng.sample(others, min(quota["excellent"], len(others)))
    for member in excellent:
        member.honors.append(Honor("优秀共产党员", level, YEAR, world.host, "2024-qiyi"))
    if excellent and not world.revoked:  # one honour revoked after review: it must vanish from the site
        preferred = [m for m in excellent if where[id(m)].id == "zhibu-0005"] or excellent
        preferred[0].honors[-1].revoked = True
        world.revoked = True
    for member in rng.sample(models, min(quota["learners"], len(models))):  # 一季一先锋
        member.vanguard = "学习先锋"
        member.honors.append(Honor("学习先锋", level, YEAR, world.host, "2024-q1-xianfeng"))
    for member in rng.sample(rural_secretaries, min(quota["ten"], len(rural_secretaries))):
        member.honors.append(Honor("十佳村（社区）党组织书记", level, YEAR, world.host, "2024-niandu"))
    evaluated = [b for b in branches if b.five_goods]
    for org in rng.sample(evaluated, min(quota["five"], len(evaluated))):
        org.honors.append(Honor("五好基层党组织", level, YEAR, world.host, "2024-niandu"))
    fill = {"county": world.region, "city": world.city}
    for org in branches:  # honours from earlier years, with no event on record
        fill.update(committee=org.scope.committee, org=org.name)
        if rng.random() < 0.25:
            title, lvl, by, _ = rng.choice([h for h in ORG_EARLIER if not h[3] or org.sector in h[3]])
            org.honors.insert(0, Honor(title, lvl, rng.randint(YEAR - 3, YEAR - 1), by.format(**fill)))
        for member in org.members:
            if member.model and rng.random() < 0.2:
                title, lvl, by, _ = rng.choice([h for h in MEMBER_EARLIER if (not h[3] or org.sector in h[3]) and (member.secretary or "书记" not in h[0])])
                member.honors.insert(0, Honor(title, lvl, rng.randint(YEAR - 3, YEAR - 1), by.format(**fill)))


def _special_cases(rng: random.Random, world: World, batch: list[Org]) -> None:
    """Drafts, portraits and evidence photos, placed by quota so that every dataset shows them."""
    town = world.size == "town"
    branches = [o for o in batch if o.kind == "党支部"]
    pinned = {(oid, f"{YEAR}q{q}-{mid or 'zz'}") for oid, q, mid in PINS} if town else set()
    # A member record still being written (草稿) shows in the preview only; not one with honours to show.
    fresh = [(b, m) for b in branches for m in b.members if m.model and not m.honors and (b.id, m.id) != ("zhibu-0001", "m01")]
    if fresh and (town or rng.random() < 0.5):
        _, member = next(((b, m) for b, m in fresh if b.id == "zhibu-0007"), None) or rng.choice(fresh)
        member.draft = True
    candidates = [(o, p) for o in batch for p in o.pledges if (o.id, p.id) not in pinned]
    drafts = rng.sample(candidates, min(len(candidates), 4)) if town else [(o, p) for o, p in candidates if rng.random() < 0.01]
    for _, pledge in drafts:
        pledge.draft = True
    models = [(b, m) for b in branches for m in b.members if m.model]
    room = PORTRAITS - len(world.portraits)
    for org, member in rng.sample(models, min(room, len(models), room if town else 2)):
        member.portrait = f"portraits/{org.id}-{member.id}.jpg"
        world.portraits.append(member.portrait)
    notes = [(o, p, n) for o in batch for p in o.pledges for n in p.progress if not p.draft and not n[1].startswith(("已制定", "截至"))]
    room = EVIDENCE - len(world.evidence)
    chosen = rng.sample(notes, min(room, len(notes), room if town else 1))
    for org, pledge, note in sorted(chosen, key=lambda x: (x[0].id, x[1].id, x[2][0])):
        if any(n[2] for n in pledge.progress):
            continue  # one photo per pledge is plenty for a demo
        note[2] = f"photos/evidence/{org.id}-{pledge.id}.jpg"
        world.evidence.append((note[2], _scene_for(pledge.title), pledge.title if len(pledge.title) <= 12 else "践诺记实"))


def _scene_for(title: str) -> str:
    keywords = (("volunteers", ("楼道", "停车", "扶手")), ("road", ("道路", "村道", "路灯", "渠", "井", "抗旱")),
                ("classroom", ("辅导", "课堂", "托管", "学困", "示范课", "故事")), ("clinic", ("体检", "义诊", "随访", "家庭医生")),
                ("visit", ("走访", "上门", "看望", "帮扶", "老人", "代办")))
    for scene, words in keywords:
        if any(w in title for w in words):
            return scene
    return "volunteers"


# ---------------------------------------------------------------------------
# YAML, written by hand: the clerks' layout and order, quoted only where YAML needs it.
# ---------------------------------------------------------------------------
_NEEDS_QUOTES = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: |\s#|:$|\s$")


def _q(value: object) -> str:
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if not text or _NEEDS_QUOTES.search(text) else text


def _honor_lines(honors: list[Honor], indent: str) -> list[str]:
    lines = [f"{indent}荣誉:"]
    for h in honors:
        lines += [f"{indent}  - 名称: {_q(h.title)}", f"{indent}    级别: {h.level}", f"{indent}    年度: {h.year}", f"{indent}    授予单位: {_q(h.body)}"]
        if h.event:
            lines.append(f"{indent}    表彰活动: {h.event}")
        if h.revoked:
            lines.append(f"{indent}    撤销: 是")
    return lines


def _org_yaml(org: Org, photos: bool) -> str:
    lines = [f"# {org.name}：基本情况、荣誉、党员和公开承诺。本文件由本组织的党务干部维护。",
             f"名称: {_q(org.name)}", f"类型: {org.kind}"]
    if org.parent:
        lines.append(f"上级: {org.parent}")
    lines += [f"分类: {org.sector}", f"监督电话: {org.phone}", f"书记: {_q(org.secretary)}", f"党员人数: {org.count}", f"简介: {_q(org.about)}"]
    if org.five_goods:
        lines += ["五个好:", f"  年度: {YEAR}"] + [f"  {k}: {_q(v)}" for k, v in org.five_goods.items()]
    if org.honors:
        lines += _honor_lines(org.honors, "")
    if org.members:
        lines.append("党员:")
        for m in org.members:
            lines += [f"  - 编号: {m.id}", f"    姓名: {_q(m.name)}", f"    职务: {_q(m.job)}"]
            if m.post:
                lines.append(f"    岗位: {_q(m.post)}")
            if m.vanguard:
                lines.append(f"    先锋: {_q(m.vanguard)}")
            if m.portrait and photos:
                lines.append(f"    肖像: {m.portrait}")
            if m.deeds:
                lines += ["    五带头:"] + [f"      {k}: {_q(v)}" for k, v in m.deeds.items()]
            if m.honors:
                lines += _honor_lines(m.honors, "    ")
            if m.draft:
                lines.append("    草稿: 是")
    if org.pledges:
        lines.append("承诺:")
        for p in org.pledges:
            lines += [f"  - 编号: {p.id}", f"    季度: {YEAR}-Q{p.quarter}"]
            if p.member:
                lines.append(f"    党员: {p.member.id}")
            lines += [f"    标题: {_q(p.title)}", f"    内容: {_q(p.text)}", "    事项:"]
            for item in p.items:
                lines += [f"      - 名称: {_q(item.name)}", f"        目标: {num(item.target)}", f"        单位: {_q(item.unit)}", f"        完成: {num(item.done)}"]
            lines += [f"    完成时限: {p.deadline}", "    进程:"] + [f"      {name}: {day}" for name, day in p.steps]
            if p.progress:
                lines.append("    进展:")
                for day, text, photo in p.progress:
                    lines += [f"      - 日期: {day}", f"        内容: {_q(text)}"]
                    if photo and photos:
                        lines += ["        照片:", f"          - {photo}"]
            if p.comment:
                leader, post, day, text = p.comment
                lines += ["    领导点评:", f"      点评人: {_q(leader)}", f"      职务: {_q(post)}", f"      日期: {day}", f"      内容: {_q(text)}"]
            if p.review:
                lines += ["    群众评议:", f"      满意: {p.review[0]}", f"      基本满意: {p.review[1]}", f"      不满意: {p.review[2]}"]
            if p.draft:
                lines.append("    草稿: 是")
    return "\n".join(lines) + "\n"


def _write_quarters(out: Path) -> None:
    lines = ["# 一季一主题：每季度的活动主题。承诺、点评、先锋都按季度归档，每条承诺的季度都要在这里有主题。", "季度主题:"]
    for q, (theme, about) in V.QUARTER_THEMES.items():
        lines += [f"  - 季度: {YEAR}-Q{q}", f"    主题: {_q(theme)}", f"    说明: {_q(about)}"]
    (out / "quarters.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _events(world: World) -> list[tuple]:
    town = world.size == "town"
    hall = "镇政府大礼堂" if town else f"{world.region}人民会堂"
    school = "镇党校" if town else f"{world.region[-1]}委党校"
    whole = "全镇" if town else f"全{world.region[-1]}"
    return [
        ("2024-q1-xianfeng", "一季度“学习先锋”评选表彰会", "2024-04-10", school, None,
         f"按照“一季一先锋”的要求，各党支部推荐、党员群众投票，评选出一季度“学习先锋”，{world.host[2:]}予以表彰。"),
        ("2024-qiyi", "庆祝建党103周年暨七一表彰大会", "2024-07-01", hall, "qiyi-2024",
         f"大会表彰了一批先进基层党组织、优秀共产党员和优秀党务工作者（名单见下），新党员进行入党宣誓，老党员重温入党誓词。"
         f"大会号召{whole}党员向先进学习，亮身份、作承诺、比贡献。"),
        ("2024-niandu", f"{YEAR}年度创先争优总结表彰会", "2024-12-20", hall, None,
         "总结全年“一季一主题、一季一承诺、一季一点评、一季一先锋”活动，表彰“十佳”村（社区）党组织书记和“五好”基层党组织，部署下一年度“一年一诺”。"),
    ]


def _write_events(out: Path, world: World, albums: dict) -> int:
    events = _events(world)
    for event_id, title, day, place, album, about in events:
        lines = [f"# 表彰活动。受表彰名单不写在这里：哪条荣誉的“表彰活动”写了 {event_id}，它就出现在这次活动的名单里。",
                 f"名称: {_q(title)}", f"日期: {day}", f"主办单位: {_q(world.host)}", f"地点: {_q(place)}", f"简介: {_q(about)}"]
        if album in albums:
            lines.append(f"相册: {album}")
        (out / "events" / f"{event_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(events)


# ---------------------------------------------------------------------------
# Albums and drawn photos.
# ---------------------------------------------------------------------------
BIG, NORMAL = (3000, 2000), (1200, 800)  # one large photo per album gives the image pipeline real work


def _albums(world: World) -> dict[str, tuple]:
    """id → (名称, 日期, 地点, 组织, 表彰活动, [(file, scene, banner, caption, listed in album.yml)])."""
    town = world.size == "town"
    themes = [theme for theme, _ in V.QUARTER_THEMES.values()]
    return {
        "qiyi-2024": ("七一表彰大会", "2024-07-01", "镇政府大礼堂" if town else f"{world.region}人民会堂", world.root, "2024-qiyi", [
            ("01.jpg", "hall", "庆祝建党103周年暨七一表彰大会", "大会现场", True),
            ("02.jpg", "award", "表彰先进基层党组织", "为先进基层党组织颁奖", True),
            ("03.jpg", "hall", "重温入党誓词", "新党员入党宣誓，老党员重温入党誓词", True),
            ("04.jpg", "award", "表彰优秀共产党员", "优秀共产党员代表上台领奖", True),
        ]),
        "fuwu-2024": ("为民办实事 服务在一线", "2024-05-18", "枫林村、北垣村" if town else "各乡镇（街道）", "zongzhi-002" if town else world.root, None, [
            ("01.jpg", "road", "党员志愿服务", "党员志愿者修缮村道" + ("（枫林村）" if town else ""), True),
            ("02.jpg", "classroom", "四点半课堂", "“四点半课堂”：党员辅导留守儿童写作业" + ("（北垣村）" if town else ""), True),
            ("03.jpg", "clinic", "义诊进村", "卫生院党员医生进村义诊", True),
            ("04.jpg", "visit", None, "党员走访慰问独居老人", True),
            ("05.jpg", "volunteers", "党员志愿服务队", "党员志愿服务队集合出发", True),
        ]),
        "xuanchuan-2024": ("创先争优宣传栏", "2024-10-15", "镇便民服务中心" if town else f"{world.region}政务服务中心", world.root, None, [
            *((f"{q + 1:02d}.jpg", "poster", theme, f"{'一二三四'[q]}季度主题：{theme}", True) for q, theme in enumerate(themes)),
            ("05.jpg", "poster", "亮身份 作承诺 比贡献", None, False),  # not listed: shown with the album's name as caption
        ]),
    }


def _draw(out: Path, world: World, albums: dict, seed: int) -> tuple[int, int]:
    import demo_photos as draw  # deferred: only datasets with photos need Pillow

    rng = random.Random(seed * 7919 + 17)
    count = 0
    for album_id, (title, day, place, org, event, shots) in albums.items():
        folder = out / "albums" / album_id
        lines = [f"名称: {_q(title)}", f"日期: {day}", f"地点: {_q(place)}", f"组织: {org}"]
        lines += [f"表彰活动: {event}"] if event else []
        lines.append("照片:")
        for n, (name, scene, banner, caption, listed) in enumerate(shots):
            big = n == 0
            draw.save(draw.scene(scene, rng, BIG if big else NORMAL, banner), folder / name, quality=70 if big else 80)
            count += 1
            if listed:
                lines.append(f"  - 文件: {name}")
                if caption:
                    lines.append(f"    说明: {_q(caption)}")
        (folder / "album.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for rel in world.portraits:
        draw.save(draw.portrait(rng), out / rel, quality=82)
        count += 1
    for rel, scene, banner in world.evidence:
        draw.save(draw.scene(scene, rng, NORMAL, banner), out / rel, quality=78)
        count += 1
    return len(albums), count


if __name__ == "__main__":
    raise SystemExit(main())
