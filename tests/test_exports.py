"""Open data (CSV with BOM, JSON), the Atom feed and the numbered briefings.

What is exported is compared with a list made here from the YAML, so a draft,
an unsigned pledge or a revoked honor in the files is caught.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_DATA, ROOT, build_site, site_pages
from oracle import public_from_yaml

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "http://dangjian.qingshi.lan/gongkai/"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    result = build_site(folder, FIXTURE_DATA, as_of="2024-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def _site(which: str, request) -> tuple[Path, Path]:
    if which == "fixture":
        return request.getfixturevalue("fixture_site"), FIXTURE_DATA
    return request.getfixturevalue("demo_site"), ROOT / "data"


def _yaml_orgs(data: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((data / "organizations").glob("*.yml"))}


def _public(data: Path) -> dict[str, set]:
    """What may be published (tests/oracle.py): (org, id) of pledges and members, (holder, title) of honors."""
    public = public_from_yaml(data)
    return {
        "orgs": set(public.orgs),
        "pledges": {(p["org"], p["编号"]) for p in public.pledges},
        "members": set(public.model_members),
        "honors": public.honors,
    }


def _read_table(folder: Path, name: str) -> tuple[list[dict], list[dict]]:
    raw = (folder / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv: no BOM, Excel would not read it as UTF-8"
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    data = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return rows, data


def _documented_columns() -> dict[str, list[str]]:
    """The column lists of docs/open-data.md: `### name（…）` followed by a table whose first column names the columns."""
    text = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    out = {}
    for name, body in re.findall(r"^### (\w+)（.*?）\n(.*?)(?=^#|\Z)", text, re.S | re.M):
        cells = [line.split("|")[1].strip() for line in body.splitlines() if line.startswith("| ") and not line.startswith("| 列") and "---" not in line]
        out[name] = [column for cell in cells for column in cell.split("、")]
    return out


@pytest.mark.parametrize("which", ["fixture", "demo"])
def test_exports_round_trip_and_hold_exactly_what_is_public(which: str, request) -> None:
    site, data = _site(which, request)
    folder = site / "kaifang"
    public = _public(data)
    documented = _documented_columns()
    tables = {}
    for name in ("organizations", "members", "honors", "pledges"):
        rows, as_json = _read_table(folder, name)
        assert rows and rows == [{k: str(v) for k, v in row.items()} for row in as_json], name  # same rows; CSV holds text
        assert list(rows[0]) == documented[name], f"docs/open-data.md does not list the columns of {name}"
        tables[name] = rows
    assert {r["编号"] for r in tables["organizations"]} == public["orgs"]
    assert {(r["组织编号"], r["编号"]) for r in tables["pledges"]} == public["pledges"]
    assert {(r["组织编号"], r["编号"]) for r in tables["members"]} == public["members"]
    assert {(r["获得者"], r["名称"], int(r["年度"])) for r in tables["honors"]} == public["honors"]
    for row in tables["pledges"]:
        assert (site / row["页面"].split("#")[0]).is_file() and f'id="{row["页面"].split("#")[1]}"' in (site / row["页面"].split("#")[0]).read_text(encoding="utf-8")


def test_fixture_rows_read_as_the_board_does(fixture_site: Path) -> None:
    rows, _ = _read_table(fixture_site / "kaifang", "pledges")
    by_id = {r["编号"]: r for r in rows}
    assert set(by_id) == {"q3-01", "q3-02"}  # q3-03 is still in 审诺, q2-01 is a draft
    done, late = by_id["q3-01"], by_id["q3-02"]
    assert (done["事项"], done["进程"], done["已兑现"], done["逾期"], done["满意率"]) == ("托管课时 60/60课时", "评诺", "是", "否", "97.8%")
    assert done["领导点评"] == "王志强（镇党委书记）" and (done["满意"], done["基本满意"], done["不满意"]) == ("40", "5", "1")
    assert (late["承诺人"], late["承诺人类型"], late["党员编号"], late["逾期"], late["满意"]) == ("李明", "党员", "liming", "是", "")
    honors, _ = _read_table(fixture_site / "kaifang", "honors")
    assert "已撤销的荣誉称号" not in {h["名称"] for h in honors}
    members, _ = _read_table(fixture_site / "kaifang", "members")
    assert [m["姓名"] for m in members] == ["李明"]  # 草稿党员 is a draft


@pytest.mark.parametrize("which", ["fixture", "demo"])
def test_feed_is_valid_atom(which: str, request) -> None:
    site, data = _site(which, request)
    text = (site / "feed.xml").read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(text)  # well-formed
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.find(f"{ATOM}{tag}").text or "").strip(), f"feed without <{tag}>"
    assert RFC3339.match(root.find(f"{ATOM}updated").text)
    assert root.find(f"{ATOM}author/{ATOM}name").text  # RFC 4287: an author for the feed (or every entry)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("tag:dangjian.qingshi.lan,2010:") for i in ids)
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert all(RFC3339.match(u) for u in updated) and updated == sorted(updated, reverse=True)
    assert root.find(f"{ATOM}updated").text == updated[0] and updated[0][:10] <= "2024-12-31"
    for entry in entries:
        assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}summary") is not None
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(SITE_URL) and (site / href[len(SITE_URL):].split("#")[0]).is_file()
    public = _public(data)["pledges"]
    in_feed = {tuple(i.split(":pledge/", 1)[1].split("/")[:2]) for i in ids if ":pledge/" in i}
    assert in_feed and in_feed <= public  # no draft and no unsigned pledge


def test_feed_ids_stay_when_an_earlier_update_is_added() -> None:
    from gongkai.records.catalog import build_catalog
    from gongkai.outputs.feed import feed_entries
    from gongkai.records.schema import Progress

    catalog = build_catalog(FIXTURE_DATA).publishable()
    before = {e[1] for e in feed_entries(catalog, date(2024, 12, 31))}
    pledge = next(p for p in catalog.pledges if p.progress)
    pledge.progress.insert(0, Progress.model_validate({"日期": "2024-07-05", "内容": "开始托管。"}))
    after = {e[1] for e in feed_entries(catalog, date(2024, 12, 31))}
    assert before < after and len(after - before) == 1


def test_feed_without_site_url_uses_relative_links(tmp_path: Path) -> None:
    result = build_site(tmp_path, FIXTURE_DATA, overrides={"site_url": None}, as_of="2024-12-31")
    assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "site" / "feed.xml").getroot()
    assert root.find(f"{ATOM}id").text.startswith("tag:gongkai.local,2010:")
    for entry in root.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href")
        assert "://" not in href and (tmp_path / "site" / href.split("#")[0]).is_file()
    board = (tmp_path / "site" / "chengnuo" / "nanmen" / "2024-q3" / "index.html").read_text(encoding="utf-8")
    # No canonical address for the printed QR code; the poster says why (a served page would use its own address).
    assert 'rel="canonical"' not in board and "未设置网站地址" in board


# -- briefings ------------------------------------------------------------------------------
def _briefing(folder: Path, name: str, number: object, year: object = 2024, day: str = "2024-05-01", body: str = "正文") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\ntitle: 简报\n期号: {number}\n年度: {year}\n日期: {day}\n---\n\n{body}\n", encoding="utf-8")


def test_briefing_numbering_gaps_duplicates_and_front_matter(tmp_path: Path) -> None:
    from gongkai.plan.briefings import check_briefings

    folder = tmp_path / "jianbao"
    for name, number in (("a.md", 1), ("b.md", 3), ("c.md", 3)):
        _briefing(folder, name, number)
    _briefing(folder, "d.md", 1, year=2023, day="2023-12-01")
    _briefing(folder, "e.md", 0, year="二〇二四", day="2024-02-30")
    (folder / "f.md").write_text("# 没有开头\n", encoding="utf-8")
    problems = check_briefings(tmp_path)
    found = sorted((p.file, p.line, p.message) for p in problems)
    assert found == [
        ("docs/jianbao/b.md", 2, "2024 年第 3 期重复"),
        ("docs/jianbao/b.md", 2, "2024 年缺少第 2 期"),
        ("docs/jianbao/c.md", 2, "2024 年第 3 期重复"),
        ("docs/jianbao/e.md", 3, "「0」不是正整数，如 3"),
        ("docs/jianbao/e.md", 4, "「二〇二四」不是四位年份，如 2024"),
        ("docs/jianbao/e.md", 5, "「2024-02-30」不是日期，如 2024-10-12"),
        ("docs/jianbao/f.md", 1, "开头须有用 --- 包起来的「期号」「年度」「日期」，如：期号: 3，年度: 2024，日期: 2024-10-12"),
    ]


def test_shipped_briefings_number_and_link_correctly(demo_site: Path) -> None:
    from gongkai.plan.briefings import check_briefings
    from gongkai.records.catalog import build_catalog

    catalog = build_catalog(ROOT / "data").publishable()
    assert check_briefings(ROOT / "docs", catalog, site_pages(catalog)) == []
    index = (demo_site / "jianbao" / "index.html").read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"第\s*(\d+)\s*期", index)]  # "第 3 期：…" or a title that names its issue
    shipped = sorted(int(re.search(r"^期号: (\d+)$", p.read_text(encoding="utf-8"), re.M).group(1)) for p in (ROOT / "docs" / "jianbao").glob("*.md"))
    assert sorted(numbers) == shipped and numbers == sorted(numbers, reverse=True)  # newest first
    assert 'href="2024-01/"' in index or 'href="2024-01/index.html"' in index


def test_briefing_links_to_missing_pledges_are_found(tmp_path: Path) -> None:
    from gongkai.plan.briefings import check_briefings
    from gongkai.records.catalog import build_catalog

    catalog = build_catalog(FIXTURE_DATA).publishable()
    _briefing(tmp_path / "jianbao", "2024-01.md", 1, body="\n".join([
        "[托管](../chengnuo/nanmen/2024-q3/index.html#c-q3-01)",  # fine
        "[审诺中](../chengnuo/nanmen/2024-q3/index.html#c-q3-03)",  # not public yet
        "[二季度](../chengnuo/nanmen/2024-q2/index.html)",  # no public pledge: no board
        "[南门](../zuzhi/nanmen/) [统计](../tongji/index.md) [外网](https://example.org/) [说明](../guide.md)",
    ]))
    problems = [(p.line, p.message) for p in check_briefings(tmp_path, catalog, site_pages(catalog))]
    assert [line for line, _ in problems] == [9, 10] and "#c-q3-03" in problems[0][1] and "页面不存在" in problems[1][1]


def test_a_gap_in_the_briefings_stops_the_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("jianbao"))
    _briefing(docs / "jianbao", "2024-01.md", 1)
    _briefing(docs / "jianbao", "2024-03.md", 3)
    result = build_site(tmp_path, FIXTURE_DATA, overrides={"docs_dir": str(docs)}, as_of="2024-12-31")
    assert result.returncode != 0
    assert "docs/jianbao/2024-03.md:2: 简报 › 期号: 2024 年缺少第 2 期" in result.stdout + result.stderr


def test_gongkai_check_reports_briefing_links_to_missing_pledges(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    _briefing(tmp_path / "docs" / "jianbao", "2024-01.md", 1, body="[审诺中](../chengnuo/nanmen/2024-q3/index.html#c-q3-03)")
    result = subprocess.run([sys.executable, "-m", "gongkai", "--project", str(tmp_path), "check", "--data", str(FIXTURE_DATA)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 1, result.stdout
    assert "docs/jianbao/2024-01.md:" in result.stderr and "#c-q3-03" in result.stderr and "Traceback" not in result.stderr
