"""Writing the generated world as gongkai's YAML (organizations, quarters, events, albums) and drawing its photos."""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import demo_vocab as V  # noqa: E402  names, jobs, deeds, five goods, quarter themes
from demo_world import Honor, Org, World, YEAR, num  # noqa: E402

BIG, NORMAL = (3000, 2000), (1200, 800)  # one large photo per album gives the image pipeline real work


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


def org_yaml(org: Org, photos: bool) -> str:
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


def write_quarters(out: Path) -> None:
    lines = ["# 一季一主题：每季度的活动主题。承诺、点评、先锋都按季度归档，每条承诺的季度都要在这里有主题。", "季度主题:"]
    for q, (theme, about) in V.QUARTER_THEMES.items():
        lines += [f"  - 季度: {YEAR}-Q{q}", f"    主题: {_q(theme)}", f"    说明: {_q(about)}"]
    (out / "quarters.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _events(world: World) -> list[tuple]:
    town = world.size == "town"
    hall = "镇政府大礼堂" if town else f"{world.region}人民会堂"
    school = "镇党校" if town else f"{world.region[-1]}委党校"
    whole = "全镇" if town else f"全{world.region[-1]}"
    vanguards = [  # 一季一先锋: each quarter's vanguards are chosen soon after it ends (the fourth before the year's close)
        (f"{YEAR}-Q{q}", f"{YEAR}-q{q}-xianfeng", f"{'一二三四'[q - 1]}季度“{title}”评选表彰会", day, school, None,
         f"按照“一季一先锋”的要求，各党支部推荐、党员群众投票，评选出{'一二三四'[q - 1]}季度“{title}”，{world.host[2:]}予以表彰。")
        for q, (title, day) in enumerate(V.QUARTER_VANGUARDS, 1)
    ]
    return [
        vanguards[0],
        (None, "2024-qiyi", "庆祝建党103周年暨七一表彰大会", "2024-07-01", hall, "qiyi-2024",
         f"大会表彰了一批先进基层党组织、优秀共产党员和优秀党务工作者（名单见下），新党员进行入党宣誓，老党员重温入党誓词。"
         f"大会号召{whole}党员向先进学习，亮身份、作承诺、比贡献。"),
        *vanguards[1:3],
        (None, "2024-niandu", f"{YEAR}年度创先争优总结表彰会", "2024-12-20", hall, None,
         "总结全年“一季一主题、一季一承诺、一季一点评、一季一先锋”活动，表彰“十佳”村（社区）党组织书记和“五好”基层党组织，部署下一年度“一年一诺”。"),
        vanguards[3],
    ]


def write_events(out: Path, world: World, albums: dict) -> int:
    events = _events(world)
    for quarter, event_id, title, day, place, album, about in events:
        lines = [f"# 表彰活动。受表彰名单不写在这里：哪条荣誉的“表彰活动”写了 {event_id}，它就出现在这次活动的名单里。",
                 f"名称: {_q(title)}", f"日期: {day}"]
        if quarter:
            lines.append(f"季度: {quarter}  # 一季一先锋：评的是这个季度的先锋")
        lines += [f"主办单位: {_q(world.host)}", f"地点: {_q(place)}", f"简介: {_q(about)}"]
        if album in albums:
            lines.append(f"相册: {album}")
        (out / "events" / f"{event_id}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(events)


def plan_albums(world: World) -> dict[str, tuple]:
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


def draw_photos(out: Path, world: World, albums: dict, seed: int) -> tuple[int, int]:
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
