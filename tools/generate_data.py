#!/usr/bin/env python3
"""Generates a realistic, deterministic dataset in gongkai's own data format.

    python tools/generate_data.py --size town --seed 2024 --out data
    python tools/generate_data.py --size district --seed 1 --out /tmp/district/data --no-photos

Sizes: town (the shipped demo: 1 党委, 6 党总支, 26 党支部), county (~400
organizations) and district (~4,000 organizations, ~170,000 pledges).
The same seed gives the same bytes.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import demo_vocab as V  # noqa: E402

YEAR = 2024
SIZES = {"town": (6, 26), "county": (40, 360), "district": (400, 3600)}  # general branches, branches
TOWN_FIELDS = ["农村"] * 9 + ["社区"] * 5 + ["机关"] * 3 + ["学校"] * 2 + ["医疗卫生", "非公有制企业", "非公有制企业", "离退休", "窗口单位", "窗口单位", "新社会组织"]


@dataclass
class Org:
    id: str
    name: str
    kind: str
    sector: str
    parent: str | None
    lines: list[str] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="town")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=None, help="draw photos (default: town only)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.size, args.seed, args.out, args.size == "town" if args.photos is None else args.photos)
    print(f"{args.size}: " + "，".join(f"{k} {v}" for k, v in counts.items()) + f"（{time.perf_counter() - started:.1f} 秒）")
    return 0


def generate(size: str, seed: int, out: Path, photos: bool) -> dict[str, int]:
    rng = random.Random(seed)
    for sub in ("organizations", "events", "albums", "portraits", "photos"):
        shutil.rmtree(out / sub, ignore_errors=True)
    (out / "organizations").mkdir(parents=True)
    (out / "events").mkdir()
    counts = {"党组织": 0, "党员": 0, "承诺": 0}
    orgs = _tree(rng, size)
    events = _events(rng)
    draw = None
    if photos:
        import demo_photos as draw  # deferred: only the demo needs Pillow drawings
    portraits: list[str] = []
    evidence: list[str] = []
    for org in orgs:
        members = _members(rng, org, size, photos, portraits) if org.kind != "党委" else []
        pledges = _pledges(rng, org, members, size, evidence if photos else None)
        _write_org(rng, out, org, members, pledges, events, size)
        counts["党组织"] += 1
        counts["党员"] += len(members)
        counts["承诺"] += len(pledges)
    _write_quarters(out)
    _write_events(out, events, with_albums=photos)
    if draw:
        draw.draw_all(out, portraits, evidence, rng.randrange(1 << 30))
    return counts


def _tree(rng: random.Random, size: str) -> list[Org]:
    generals, branches = SIZES[size]
    town = rng.choice(V.PLACES)
    root = Org("dangwei", f"中共{town}镇委员会" if size == "town" else f"中共{town}区委组织部直属党委", "党委", "机关", None)
    orgs = [root]
    sectors = TOWN_FIELDS if size == "town" else [s for s in V.JOBS for _ in range(3 if s in ("农村", "社区") else 1)]
    general_names = ["机关", "农村第一", "农村第二", "社区", "教育卫生", "两新组织"]
    for g in range(generals):
        label = general_names[g % 6] + ("" if g < 6 else str(g // 6 + 1))
        orgs.append(Org(f"zongzhi-{g + 1:03d}", f"{town}镇{label}党总支", "党总支", _sector_of(label), "dangwei"))
    used: set[str] = set()
    for b in range(branches):
        sector = sectors[b % len(sectors)] if size == "town" else rng.choice(sectors)
        parent = orgs[1 + _general_for(sector, generals, b)].id
        name = _branch_name(rng, sector, used)
        orgs.append(Org(f"zhibu-{b + 1:04d}", name, "党支部", sector, parent))
    return orgs


def _sector_of(label: str) -> str:
    return {"机关": "机关", "社区": "社区", "教育卫生": "学校", "两新组织": "非公有制企业"}.get(label.rstrip("0123456789"), "农村")


def _general_for(sector: str, generals: int, b: int) -> int:
    slot = {"机关": 0, "窗口单位": 0, "离退休": 0, "农村": 1 + b % 2, "社区": 3, "学校": 4, "医疗卫生": 4}.get(sector, 5)
    return (slot + 6 * (b % max(1, generals // 6))) % generals


def _branch_name(rng: random.Random, sector: str, used: set[str]) -> str:
    place = rng.choice(V.PLACES)
    name = {
        "农村": f"{place}村党支部", "社区": f"{rng.choice(V.ROAD_WORDS)}路社区党支部",
        "机关": rng.choice(["党政办党支部", "财政所党支部", "综治办党支部", "农业服务中心党支部"]),
        "学校": rng.choice([f"{place}小学党支部", f"{place}中学党支部"]), "医疗卫生": f"{place}卫生院党支部",
        "非公有制企业": f"{place}{rng.choice(['纺织', '机械', '食品', '建材'])}有限公司党支部",
        "窗口单位": rng.choice(["便民服务中心党支部", "供电所党支部", "信用社党支部"]), "离退休": "离退休干部党支部",
        "新社会组织": f"{place}{rng.choice(['农民专业合作社', '个体劳动者协会'])}党支部", "国有企业": f"{place}供水公司党支部",
    }[sector]
    base, n = name, 1
    while name in used:  # a second branch of the same name gets a number, as in real rolls
        n += 1
        name = base.replace("党支部", f"第{n}党支部")
    used.add(name)
    return name


def _person(rng: random.Random) -> str:
    return rng.choice(V.SURNAMES) + rng.choice(V.GIVEN)


@dataclass
class Member:
    id: str
    name: str
    model: bool
    lines: list[str]


def _members(rng: random.Random, org: Org, size: str, photos: bool, portraits: list[str]) -> list[Member]:
    if org.kind == "党总支":
        return []
    count = rng.choice([1, 1, 2, 2, 2]) if size == "town" else rng.randint(8, 12)
    members = []
    for n in range(count):
        mid, name = f"m{n + 1:02d}", _person(rng)
        model = size == "town" or rng.random() < 0.15
        lines = [f"  - 编号: {mid}", f"    姓名: {name}", f"    职务: {rng.choice(V.JOBS[org.sector])}"]
        if model:
            lines += [f"    岗位: {rng.choice(V.POSTS)}", f"    先锋: {rng.choice(V.VANGUARDS)}"]
            if photos and len(portraits) < 24:
                rel = f"portraits/{org.id}-{mid}.jpg"
                portraits.append(rel)
                lines.append(f"    肖像: {rel}")
            deeds = [f"      {lead}: {rng.choice(options).format(n=rng.randint(2, 30))}" for lead, options in V.DEEDS.items() if rng.random() < 0.8]
            if not deeds:  # a model member always has at least one deed on record
                deeds.append(f"      带头服务群众: {rng.choice(V.DEEDS['带头服务群众']).format(n=rng.randint(2, 30))}")
            lines += ["    五带头:", *deeds]
        if size == "town" and n == 0 and org.id.endswith("07"):
            lines.append("    草稿: 是")  # a record still being written: preview only
        members.append(Member(mid, name, model, lines))
    return members


def _pledges(rng: random.Random, org: Org, members: list[Member], size: str, evidence: list[str] | None) -> list[list[str]]:
    pledges = []
    as_of = date(YEAR, 12, 31)
    owners = [None] + [m for m in members if size != "town" or rng.random() < 0.9]
    for quarter in range(1, 5):
        for owner in owners:
            if org.kind != "党支部" and size == "town":
                continue  # in the demo town the branches pledge; committees review
            skip = (0.55 if owner else 0.2) if size == "town" else 0.05
            if rng.random() < skip:
                continue  # pledge rates short of "两个100%", as the seeds report
            title, item, unit, (low, high) = rng.choice(V.PLEDGES[org.sector if org.sector in V.PLEDGES else "机关"])
            start = date(YEAR, 3 * quarter - 2, rng.randint(2, 12))
            steps = _steps(rng, start, quarter)
            target = rng.randint(low, high)
            deadline = date(YEAR, 3 * quarter, 28) + timedelta(days=rng.choice([0, 0, 31, 61]))
            # Most pledges past their deadline were kept; about one in six was not (逾期).
            kept = rng.random() < (0.9 if len(steps) == 6 else 0.75)
            elapsed = min(1.0, (as_of - start).days / max(1, (deadline - start).days))
            done = target if kept and elapsed >= 1 else int(target * elapsed * rng.uniform(0.4, 0.95))
            if len(steps) < 5:
                done = 0
            pid = f"{YEAR}q{quarter}-{owner.id if owner else 'zz'}"
            lines = [f"  - 编号: {pid}", f"    季度: {YEAR}-Q{quarter}"]
            if owner:
                lines.append(f"    党员: {owner.id}")
            owner_text = "我" if owner else "支部"
            lines += [f"    标题: {title}", f"    内容: {owner_text}承诺{V.FIVE_ONES[quarter % 5]}：{title}，{item}{target}{unit}，按时向群众公开进展。",
                      "    事项:", f"      - 名称: {item}", f"        目标: {target}", f"        单位: {unit}", f"        完成: {done}",
                      f"    完成时限: {deadline}", "    进程:"]
            lines += [f"      {step}: {day}" for step, day in steps]
            if len(steps) >= 5:
                lines.append("    进展:")
                day = steps[4][1]
                for k in range(rng.randint(1, 2)):
                    day = min(as_of, day + timedelta(days=rng.randint(10, 40)))
                    lines += [f"      - 日期: {day}", f"        内容: {rng.choice(V.PROGRESS).format(done=max(1, done * (k + 1) // 2), unit=unit)}"]
                    if evidence is not None and k == 0 and len(evidence) < 12 and rng.random() < 0.2:
                        rel = f"photos/evidence/{pid}-{org.id}.jpg"
                        evidence.append(rel)
                        lines += ["        照片:", f"          - {rel}"]
            if len(steps) == 6:
                lines += _evaluation(rng, steps[5][1])
            if size == "town" and rng.random() < 0.03:
                lines.append("    草稿: 是")
            pledges.append(lines)
    return pledges


def _steps(rng: random.Random, start: date, quarter: int) -> list[tuple[str, date]]:
    # Earlier quarters have gone further: Q1 and Q2 are mostly evaluated, Q4 is being carried out.
    reach = {1: [6, 6, 6, 5], 2: [6, 6, 5, 5], 3: [6, 5, 5, 4], 4: [5, 4, 3, 2, 1]}[quarter]
    stage_count = rng.choice(reach)
    names = ["调研", "审诺", "签约", "公开", "践诺", "评诺"]
    day, steps = start, []
    for name in names[:stage_count]:
        steps.append((name, day))
        day += timedelta(days=rng.randint(2, 6) if name != "践诺" else rng.randint(60, 80))
    return steps


def _evaluation(rng: random.Random, day: date) -> list[str]:
    leader = _person(rng)
    satisfied, fairly, unsatisfied = rng.randint(20, 60), rng.randint(2, 12), rng.randint(0, 4)
    text = f"{rng.choice(V.COMMENT_GOOD)}；{rng.choice(V.COMMENT_LACK)}。{rng.choice(V.COMMENT_NEXT)}。"
    return ["    领导点评:", f"      点评人: {leader}", f"      职务: {rng.choice(['镇党委书记', '镇党委副书记', '组织委员', '包村领导'])}", f"      日期: {day}",
            f"      内容: {text}", "    群众评议:", f"      满意: {satisfied}", f"      基本满意: {fairly}", f"      不满意: {unsatisfied}"]


EVENTS = [
    ("2024-qiyi", "庆祝建党103周年暨七一表彰大会", "2024-07-01", "镇政府大礼堂", "qiyi-2024",
     "大会对先进基层党组织和优秀共产党员进行了表彰，号召全镇党员向先进学习，亮身份、作承诺、比贡献。"),
    ("2024-q1-xianfeng", "一季度“学习先锋”评选表彰会", "2024-04-10", "镇党校", None, "按照“一季一先锋”要求，评选表彰一季度学习先锋。"),
    ("2024-niandu", "2024年度创先争优总结表彰会", "2024-12-20", "镇政府大礼堂", "fuwu-2024", "总结全年创先争优活动，表彰“十佳”党组织书记和优秀党务工作者。"),
]


def _events(rng: random.Random) -> list[tuple]:
    return EVENTS


def _write_org(rng, out: Path, org: Org, members: list[Member], pledges: list[list[str]], events, size: str) -> None:
    lines = [f"# {org.name}：基本情况、荣誉、党员和公开承诺。本文件由本组织的党务干部维护。",
             f"名称: {org.name}", f"类型: {org.kind}"]
    if org.parent:
        lines.append(f"上级: {org.parent}")
    lines += [f"分类: {org.sector}", f"监督电话: 0{rng.randint(510, 599)}-{rng.randint(6000_0000, 8999_9999)}",
              f"书记: {_person(rng)}", f"党员人数: {rng.randint(12, 60) if org.kind == '党支部' else rng.randint(150, 400)}",
              f"简介: {org.name}共设党员先锋岗 {rng.randint(2, 8)} 个，围绕“{rng.choice(list(V.QUARTER_THEMES.values()))[0]}”开展工作。"]
    if org.kind == "党支部" and rng.random() < 0.5:
        lines += ["五个好:", f"  年度: {YEAR}"] + [f"  {k}: {v.format(n=rng.randint(2, 12), rate=rng.randint(88, 99))}" for k, v in V.FIVE_GOODS.items()]
    honors = []
    if org.kind == "党支部" and rng.random() < 0.4:
        honors.append(("先进基层党组织", rng.choice(["县/区级", "乡镇/街道级"]), "2024-qiyi"))
    if honors:
        lines.append("荣誉:")
        for title, level, event in honors:
            lines += [f"  - 名称: {title}", f"    级别: {level}", f"    年度: {YEAR}", "    授予单位: 中共青山县委" if level == "县/区级" else "    授予单位: 中共青石镇委员会", f"    表彰活动: {event}"]
    if members:
        lines.append("党员:")
        for member in members:
            lines += member.lines
            revoked = size == "town" and org.id == "zhibu-0005" and member.id == "m01"
            if member.model and (rng.random() < 0.6 or revoked):
                event = rng.choice(["2024-qiyi", "2024-qiyi", "2024-q1-xianfeng", "2024-niandu"])
                title = {"2024-q1-xianfeng": "学习先锋", "2024-niandu": "优秀党务工作者"}.get(event, "优秀共产党员")
                lines += ["    荣誉:", f"      - 名称: {title}", "        级别: 乡镇/街道级", f"        年度: {YEAR}", "        授予单位: 中共青石镇委员会", f"        表彰活动: {event}"]
                if revoked:
                    lines.append("        撤销: 是")  # revoked after review: must vanish from the site
    if pledges:
        lines.append("承诺:")
        for pledge in pledges:
            lines += pledge
    (out / "organizations" / f"{org.id}.yml").write_text(_quote("\n".join(lines)) + "\n", encoding="utf-8")


def _quote(text: str) -> str:
    """Quote a value only where YAML needs it (a colon-space or a leading special character)."""
    def fix(match: re.Match) -> str:
        key, value = match.group(1), match.group(2)
        if ": " in value or value[:1] in "\"'{[&*!|>%@`#":
            return f'{key}"{value.replace(chr(34), chr(92) + chr(34))}"'
        return match.group(0)
    return re.sub(r"^(\s*(?:- )?[^\s:#][^:]*: )(.+)$", fix, text, flags=re.M)


def _write_quarters(out: Path) -> None:
    lines = ["# 一季一主题：每季度的活动主题，承诺、点评、先锋都按季度归档。", "季度主题:"]
    for q, (theme, about) in V.QUARTER_THEMES.items():
        lines += [f"  - 季度: {YEAR}-Q{q}", f"    主题: {theme}", f"    说明: {about}"]
    (out / "quarters.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_events(out: Path, events, with_albums: bool) -> None:
    for event_id, title, day, place, album, about in events:
        lines = [f"名称: {title}", f"日期: {day}", "主办单位: 中共青石镇委员会", f"地点: {place}", f"简介: {about}"]
        if album and with_albums:
            lines.append(f"相册: {album}")
        (out / "events" / f"{event_id}.yml").write_text(_quote("\n".join(lines)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
