"""Pledges with their lifecycle, items, progress, 领导点评 and 群众评议; honors and the special cases every site must handle."""
from __future__ import annotations

import math
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).parent))
import demo_vocab as V  # noqa: E402  names, jobs, deeds, five goods, quarter themes
from demo_world import AS_OF, EVIDENCE, Honor, Item, LAST_EVALUATION, Member, Org, PINS, PORTRAITS, Pledge, Q4_STOPS, World, YEAR, cn_day, month_end, num# noqa: E402


def pledges_for(rng: random.Random, world: World, org: Org) -> list[Pledge]:
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


def award(rng: random.Random, world: World, batch: list[Org]) -> None:
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
    learners = rng.sample(models, min(quota["learners"], len(models)))
    for member in learners:  # 一季一先锋
        member.vanguard = "学习先锋"
        member.honors.append(Honor("学习先锋", level, YEAR, world.host, "2024-q1-xianfeng"))
    # The later quarters' vanguards draw from a stream of their own, so every other record stays as it was.
    picks = random.Random("vanguards:" + ",".join(o.id for o in branches) + str(rng.getstate()[1][1:4]))
    taken = {id(m) for m in learners}
    for q, (title, _) in enumerate(V.QUARTER_VANGUARDS[1:], 2):
        free = [m for m in models if id(m) not in taken]
        for member in picks.sample(free, min(quota["learners"] - q + 1 if town else 1, len(free))):
            member.honors.append(Honor(title, level, YEAR, world.host, f"{YEAR}-q{q}-xianfeng"))
            taken.add(id(member))
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


def special_cases(rng: random.Random, world: World, batch: list[Org]) -> None:
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
