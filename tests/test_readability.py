"""What residents read, from the built demo town: the 承诺公开栏 index, dates with their year, 一季一先锋, small things."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT

DATA = ROOT / "data"


def _read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def _orgs() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / "organizations").glob("*.yml"))}


def _public(pledges: list[dict]) -> list[dict]:
    return [p for p in pledges if str(p.get("草稿")) != "是" and any(k in p["进程"] for k in ("签约", "公开", "践诺", "评诺"))]


def test_the_boards_index_groups_branches_under_their_general_branch(demo_site: Path) -> None:
    page = _read(demo_site, "chengnuo/index.html")
    groups = re.findall(r'<section class="gk-board-group"[^>]*>\s*<h3 id="gk-group-([\w-]+)">(.+?)</h3>(.*?)</section>', page, re.S)
    orgs = _orgs()
    assert groups[0][0] == "dangwei"  # the 党委 first, then each 党总支 with its branches
    listed = []
    for head, name, body in groups:
        assert name == orgs[head]["名称"]
        for org_id, quarter, count in re.findall(r'<a href="([\w-]+)/(\d{4}-q\d)/index\.html">[^<]+</a>.*?<small>最新 \d{4}-Q\d：(\d+) 项</small>', body, re.S):
            pledges = _public(orgs[org_id].get("承诺") or [])
            latest = max(p["季度"] for p in pledges)
            assert quarter == latest.lower() and int(count) == sum(p["季度"] == latest for p in pledges), org_id
            assert org_id == head or orgs[org_id].get("上级") == head, (org_id, head)
            listed.append(org_id)
    with_pledges = [i for i, o in orgs.items() if _public(o.get("承诺") or [])]
    assert sorted(listed) == sorted(with_pledges) and len(listed) == len(set(listed))
    assert [h for h, _, _ in groups].index("zongzhi-001") < [h for h, _, _ in groups].index("zongzhi-002")
    assert 'type="search" name="name" data-contains' in page  # the filter box


def test_dates_on_a_quarter_board_carry_the_year_when_it_differs(demo_site: Path) -> None:
    page = _read(demo_site, "chengnuo/2024-q4/index.html")
    deadlines = re.findall(r'<time datetime="(\d{4})-(\d{2})-(\d{2})">([^<]+)</time>', page)
    assert any(year == "2025" for year, *_ in deadlines)  # the demo has pledges due in 2025
    for year, month, day, shown in deadlines:
        short = f"{int(month)}月{int(day)}日"
        assert shown == (short if year == "2024" else f"{year}年{short}"), shown


def test_each_quarter_shows_the_vanguards_its_event_chose(demo_site: Path) -> None:
    events = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (DATA / "events").glob("*.yml")}
    for quarter in ("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"):
        chosen = {e for e, record in events.items() if record.get("季度") == quarter}
        expected = sorted(m["姓名"] for o in _orgs().values() for m in o.get("党员") or [] if str(m.get("草稿")) != "是"
                          for h in m.get("荣誉") or [] if h.get("表彰活动") in chosen and str(h.get("撤销")) != "是")
        page = _read(demo_site, f"jidu/{quarter.lower()}/index.html")
        section = page.split("一季一先锋</h2>", 1)[1]
        shown = sorted(re.findall(r'class="gk-card"[^>]*>.*?<strong>([^<]+)</strong>', section, re.S))
        assert expected and shown == expected, quarter
    # 七一 (2024-07-01) chose no quarter's vanguards: its honorees are not on the third quarter's page.
    q3 = _read(demo_site, "jidu/2024-q3/index.html").split("一季一先锋</h2>", 1)[1]
    assert "优秀共产党员" not in q3
    event = _read(demo_site, "biaozhang/2024-q1-xianfeng/index.html")
    assert '一季一先锋：评选 <a href="../../jidu/2024-q1/index.html">2024-Q1 季度</a>的先锋' in event


def test_every_page_names_the_feed_and_the_small_things_read_right(demo_site: Path) -> None:
    pages = [p for p in demo_site.rglob("*.html") if "dayin" not in p.parts]
    missing = [p for p in pages if 'rel="alternate feed" type="application/atom+xml"' not in p.read_text(encoding="utf-8")]
    assert pages and not missing, missing[:3]
    briefings = _read(demo_site, "jianbao/index.html")
    assert "创先争优简报 2024年第3期" in briefings and "期：创先争优简报" not in briefings
    guide = _read(demo_site, "guide/index.html")
    section = re.search(r'<label class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*([^<\s]+)\s*</span>', guide.split('md-nav--primary', 1)[1]).group(1)
    assert section != "使用说明"  # the nav read "使用说明 › 使用说明"


def test_photos_ask_for_the_size_they_are_shown_at_and_only_photo_pages_load_the_lightbox(demo_site: Path) -> None:
    home = _read(demo_site, "index.html")
    thumbs = re.search(r'<div class="gk-thumbs">(.*?)</div>', home, re.S).group(1)
    assert thumbs.count('sizes="180px"') == 2 * thumbs.count("<picture>") > 0  # WebP source and JPEG fallback
    for page in demo_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert ('class="glightbox"' in html) == ("assets/gongkai-lightbox.js" in html), page
        assert "glightbox.min" not in html and "resize-observer-polyfill-1.5.1.js\"></script>\n" not in html
