"""Statistics, charts, exports, feed and briefings: computed from the data, nothing typed."""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import ROOT
from gongkai.briefings import read_briefings

ATOM = "{http://www.w3.org/2005/Atom}"


def _yaml_orgs(data: Path) -> list[tuple[str, dict]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((data / "organizations").glob("*.yml"))]


def test_statistics_equal_an_independent_count(demo_site: Path) -> None:
    orgs = [(i, o) for i, o in _yaml_orgs(ROOT / "data") if str(o.get("草稿")) != "是"]
    branches = [(i, o) for i, o in orgs if o["类型"] == "党支部"]
    page = (demo_site / "tongji" / "index.html").read_text(encoding="utf-8")
    town = page.split("全镇按季度", 1)[1].split("</table>", 1)[0]
    for quarter in ("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"):
        def public(pledge, org):
            drafts = {m["编号"] for m in org.get("党员") or [] if str(m.get("草稿")) == "是"}
            return pledge["季度"] == quarter and str(pledge.get("草稿")) != "是" and "签约" in pledge["进程"] and pledge.get("党员") not in drafts
        pledged = sum(any(public(p, o) and not p.get("党员") for p in o.get("承诺") or []) for _, o in branches)
        members = len({(i, p["党员"]) for i, o in orgs for p in o.get("承诺") or [] if public(p, o) and p.get("党员")})
        declared = sum(int(o.get("党员人数") or 0) for _, o in branches)
        comments = sum(1 for _, o in orgs for p in o.get("承诺") or [] if public(p, o) and p.get("领导点评"))
        row = re.search(rf'<tr data-quarter="{quarter}">(.*?)</tr>', town, re.S).group(1)
        cell = lambda name: re.search(rf'data-stat="{name}">([^<]*)', row).group(1)  # noqa: E731
        assert cell("org_rate") == f"{pledged / len(branches) * 100:.1f}%"
        assert f"（{pledged}/{len(branches)}）" in row and f"（{members}/{declared}）" in row
        assert int(cell("commented")) == comments


def test_charts_are_svg_with_titles(demo_site: Path) -> None:
    pages = [demo_site / "tongji" / "index.html", demo_site / "zuzhi" / "zongzhi-002" / "index.html"]
    count = 0
    for page in pages:
        for svg in re.findall(r"<svg .*?</svg>", page.read_text(encoding="utf-8"), re.S):
            if 'class="gk-chart"' not in svg:
                continue
            root = ET.fromstring(svg)
            assert root.find("{http://www.w3.org/2000/svg}title").text
            assert root.get("role") == "img" and root.get("aria-label")
            count += 1
    assert count >= 4


def test_exports_round_trip_and_hold_only_what_is_public(demo_site: Path) -> None:
    folder = demo_site / "kaifang"
    raw = (folder / "pledges.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    as_text = [{k: str(v) for k, v in row.items()} for row in json.loads((folder / "pledges.json").read_text(encoding="utf-8"))]
    assert rows == as_text  # same records; CSV carries numbers as text
    drafts = {(i, p["编号"]) for i, o in _yaml_orgs(ROOT / "data") for p in o.get("承诺") or []
              if str(p.get("草稿")) == "是" or "签约" not in p["进程"]}
    exported = {(r["组织编号"], r["编号"]) for r in rows}
    assert drafts and not (drafts & exported)
    honors = json.loads((folder / "honors.json").read_text(encoding="utf-8"))
    assert honors and not any(h["获得者"] == "叶凤霞" and h["名称"] == "学习先锋" for h in honors)  # the revoked one


def test_feed_is_valid_atom(demo_site: Path) -> None:
    root = ET.parse(demo_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}").text
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry.find(f"{ATOM}title").text and re.match(r"\d{4}-\d\d-\d\dT", entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link").get("href")


def test_briefing_numbering_gaps_and_duplicates_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "jianbao"
    folder.mkdir()
    for name, number in (("a.md", 1), ("b.md", 3), ("c.md", 3)):
        (folder / name).write_text(f"---\ntitle: 简报\n期号: {number}\n年度: 2024\n日期: 2024-05-01\n---\n\n正文\n", encoding="utf-8")
    _, problems = read_briefings(tmp_path)
    messages = sorted(p.message for p in problems)
    assert messages == ["2024 年第 3 期重复", "2024 年第 3 期重复", "2024 年缺少第 2 期"]
    _, shipped = read_briefings(ROOT / "docs")
    assert shipped == []
