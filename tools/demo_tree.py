"""The organization tree of a generated town, county or district: 党委 → 党总支 → 党支部, their members and secretaries."""
from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).parent))
import demo_vocab as V  # noqa: E402  names, jobs, deeds, five goods, quarter themes
from demo_pledges import pledges_for  # noqa: E402
from demo_world import GROUP_OF, LAYOUT, Member, Names, Org, STREET_WEIGHTS, Scope, TOWN_BRANCHES, TOWN_GENERALS, TOWN_MEMBERS, TOWN_SECRETARIES, TOWN_WEIGHTS, World, person  # noqa: E402


# ---------------------------------------------------------------------------
# The tree.
# ---------------------------------------------------------------------------
def make_world(rng: random.Random, size: str) -> World:
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


def batches(rng: random.Random, world: World) -> Iterator[list[Org]]:
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
    fill(rng, world, root)
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
def fill(rng: random.Random, world: World, org: Org) -> None:
    org.phone = f"{world.area}-{rng.choice('68')}{rng.randint(0, 9_999_999):07d}"
    org.secretary = org.secretary or person(rng)
    org.about = _about(rng, org)
    if org.kind == "党支部":
        org.members = _members(rng, world, org)
        if rng.random() < 0.5:
            org.five_goods = {k: v.format(n=rng.randint(2, 12), rate=rng.randint(88, 99)) for k, v in V.FIVE_GOODS.items()}
    org.pledges = pledges_for(rng, world, org)


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
