"""The statistics page (统计) and the organizations' charts: every figure equals a count made here from the YAML.

The test reads the data files with yaml.safe_load and counts by the
definitions on the statistics page, without the catalog, so a mistake in the
publication gate or in a roll-up shows up as a wrong figure.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_DATA, ROOT, build_site

AS_OF = date(2024, 12, 31)
STEPS = ("调研", "审诺", "签约", "公开", "践诺", "评诺")
STAGE_NAMES = {"签约": "签约承诺", "公开": "公开承诺", "践诺": "认真践诺", "评诺": "评诺"}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stats")
    result = build_site(folder, FIXTURE_DATA, as_of=AS_OF.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


# -- an independent count, from the YAML ------------------------------------------------------
class Records:
    def __init__(self, data: Path):
        load = lambda path: yaml.safe_load(path.read_text(encoding="utf-8"))  # noqa: E731
        self.orgs = {p.stem: load(p) for p in sorted((data / "organizations").glob("*.yml"))}
        self.events = {p.stem: load(p) for p in sorted((data / "events").glob("*.yml"))}
        self.quarters = sorted(q["季度"] for q in load(data / "quarters.yml")["季度主题"])
        self.public = {i: o for i, o in self.orgs.items() if all(not _draft(self.orgs[a]) for a in self.chain(i))}

    def chain(self, org_id: str) -> list[str]:
        """The organization and its ancestors."""
        out = []
        while org_id in self.orgs and org_id not in out:
            out.append(org_id)
            org_id = self.orgs[org_id].get("上级")
        return out

    def scope(self, top: str | None) -> dict[str, dict]:
        return {i: o for i, o in self.public.items() if top is None or top in self.chain(i)}

    def members(self, org: dict) -> dict[str, dict]:
        return {m["编号"]: m for m in org.get("党员") or [] if not _draft(m)}

    def pledges(self, org: dict, quarter: str) -> list[dict]:
        members = self.members(org)
        return [p for p in org.get("承诺") or [] if p["季度"] == quarter and not _draft(p) and "签约" in p["进程"]
                and (not p.get("党员") or p["党员"] in members)]

    def figures(self, top: str | None, quarter: str) -> dict[str, object]:
        scope = self.scope(top)
        branches = {i: o for i, o in scope.items() if o["类型"] == "党支部"}
        counted = {i for i, o in branches.items() if o.get("党员人数") is not None}
        pledges = [(i, p) for i, o in scope.items() for p in self.pledges(o, quarter)]
        fulfilled = [all(Decimal(str(x.get("完成", 0))) >= Decimal(str(x["目标"])) for x in p["事项"]) for _, p in pledges]
        overdue = sum(not done and p["完成时限"] < AS_OF for done, (_, p) in zip(fulfilled, pledges))
        reviews = [p["群众评议"] for _, p in pledges if p.get("群众评议")]
        votes = sum(int(r.get("满意", 0)) + int(r.get("基本满意", 0)) + int(r.get("不满意", 0)) for r in reviews)
        good = sum(int(r.get("满意", 0)) + int(r.get("基本满意", 0)) for r in reviews)
        org_pledged = sum(any(not p.get("党员") for p in self.pledges(o, quarter)) for o in branches.values())
        member_pledged = len({(i, p["党员"]) for i, p in pledges if p.get("党员") and i in counted})
        declared = sum(int(branches[i]["党员人数"]) for i in counted)
        vanguards = {(i, m["编号"]) for i, o in scope.items() for m in self.members(o).values() for h in m.get("荣誉") or []
                     if not _revoked(h) and h.get("表彰活动") in self.events and not _draft(self.events[h["表彰活动"]])
                     and self.events[h["表彰活动"]].get("季度") == quarter}  # 一季一先锋: the quarter the event chooses for
        return {
            "org_rate": (_pct(org_pledged / len(branches)) if branches else "—", f"（{org_pledged}/{len(branches)}）"),
            "member_rate": (_pct(member_pledged / declared) if declared else "—", f"（{member_pledged}/{declared}）"),
            "published": len(pledges), "fulfilled": sum(fulfilled), "overdue": overdue,
            "in_progress": len(pledges) - sum(fulfilled) - overdue,
            "commented": sum(1 for _, p in pledges if p.get("领导点评")),
            "satisfaction": _pct(good / votes) if votes else "—",
            "vanguards": len(vanguards),
            "stages": {STAGE_NAMES[s]: sum(1 for _, p in pledges if [k for k in STEPS if k in p["进程"]][-1] == s) for s in STAGE_NAMES},
        }

    def honors(self, top: str | None) -> dict[tuple[str, int], int]:
        counts: dict[tuple[str, int], int] = {}
        for org in self.scope(top).values():
            for h in [*(org.get("荣誉") or []), *(h for m in self.members(org).values() for h in m.get("荣誉") or [])]:
                if not _revoked(h):
                    counts[(h["级别"], int(h["年度"]))] = counts.get((h["级别"], int(h["年度"])), 0) + 1
        return counts


def _draft(record: dict) -> bool:
    return str(record.get("草稿", "否")) == "是"


def _revoked(honor: dict) -> bool:
    return str(honor.get("撤销", "否")) == "是"


def _pct(rate: float) -> str:
    return f"{rate * 100:.1f}%"


# -- reading the page -------------------------------------------------------------------------
def _table_after(html: str, marker: str) -> str:
    return html.split(marker, 1)[1].split("</table>", 1)[0]


def _row(table: str, quarter: str) -> dict[str, str]:
    row = re.search(rf'<tr data-quarter="{quarter}">(.*?)</tr>', table, re.S).group(1)
    cells = dict(re.findall(r'data-stat="(\w+)">(.*?)</td>', row, re.S))
    return cells


def _check_table(table: str, records: Records, top: str | None) -> None:
    for quarter in records.quarters:
        cells, want = _row(table, quarter), records.figures(top, quarter)
        for name in ("org_rate", "member_rate"):
            value, counts = want[name]
            assert cells[name].startswith(value) and counts in cells[name], (top, quarter, name, cells[name], want[name])
        for name in ("published", "fulfilled", "in_progress", "overdue", "commented", "vanguards"):
            assert int(cells[name]) == want[name], (top, quarter, name, cells[name], want[name])
        assert cells["satisfaction"].split("<", 1)[0] == want["satisfaction"], (top, quarter, cells["satisfaction"], want["satisfaction"])


@pytest.mark.parametrize("which", ["fixture", "demo"])
def test_statistics_page_equals_a_count_from_the_yaml(which: str, request) -> None:
    site = request.getfixturevalue("fixture_site" if which == "fixture" else "demo_site")
    records = Records(FIXTURE_DATA if which == "fixture" else ROOT / "data")
    page = (site / "tongji" / "index.html").read_text(encoding="utf-8")
    _check_table(_table_after(page, 'id="quanzhen"'), records, None)
    stages = _table_after(page, 'class="gk-stats gk-stages"')
    for quarter in records.quarters:
        row = re.search(rf'<tr data-quarter="{quarter}">(.*?)</tr>', stages, re.S).group(1)
        assert {k: int(v) for k, v in re.findall(r'data-stage="(\w+)">(\d+)<', row)} == records.figures(None, quarter)["stages"]
    units = re.findall(r'<h3><a href="\.\./zuzhi/([\w-]+)/index\.html">', page.split('id="danwei"', 1)[1].split('id="rongyu"', 1)[0])
    roots = [i for i, o in records.public.items() if o.get("上级") not in records.public]
    assert set(units) == set(roots) | {i for i, o in records.public.items() if o.get("上级") in roots}
    for unit in units:
        _check_table(_table_after(page, f'<h3><a href="../zuzhi/{unit}/index.html">'), records, unit)
    shown = {(level, int(year)): int(n) for level, year, n in re.findall(r'data-honors="(.+?)-(\d{4})">(\d+)<', page)}
    assert {k: v for k, v in shown.items() if v} == records.honors(None)


def test_fixture_figures_show_the_gate_and_the_definitions(fixture_site: Path) -> None:
    """The fixture's Q3 by hand: one branch (南门小学) pledged; 李明 pledged; the pledge still in 审诺 and the draft are not counted."""
    page = (fixture_site / "tongji" / "index.html").read_text(encoding="utf-8")
    q3 = _row(_table_after(page, 'id="quanzhen"'), "2024-Q3")
    assert q3["org_rate"].startswith("100.0%") and "（1/1）" in q3["org_rate"]
    assert q3["member_rate"].startswith("4.3%") and "（1/23）" in q3["member_rate"]  # 1 of 23 members
    assert (q3["published"], q3["fulfilled"], q3["overdue"], q3["commented"]) == ("2", "1", "1", "1")
    assert q3["satisfaction"].startswith("97.8%")  # (40 + 5) / 46
    assert q3["vanguards"] == "0"  # 李明 was commended at 七一 (2024-07-01): no quarter's vanguard event
    q2 = _row(_table_after(page, 'id="quanzhen"'), "2024-Q2")
    assert q2["published"] == "0" and q2["org_rate"].startswith("0.0%")  # Q2's only pledge is a draft
    assert "已撤销的荣誉称号" not in page
    for words in ("组织承诺率", "党员承诺率", "满意率", "先锋"):
        assert f"<dt>{words}</dt>" in page


def test_charts_are_svg_with_title_desc_and_a_table(fixture_site: Path, demo_site: Path) -> None:
    pages = [fixture_site / "tongji" / "index.html", fixture_site / "zuzhi" / "nanmen" / "index.html",
             demo_site / "tongji" / "index.html", demo_site / "zuzhi" / "zongzhi-002" / "index.html", demo_site / "zuzhi" / "zhibu-0001" / "index.html"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        charts = [svg for svg in re.findall(r"<svg .*?</svg>", html, re.S) if 'class="gk-chart"' in svg]
        assert charts, page
        assert 'class="gk-stats"' in html, f"{page}: no data table beside the charts"
        for svg in charts:
            root = ET.fromstring(svg)
            assert root.get("role") == "img" and root.get("aria-label"), page
            title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
            assert title is not None and title.text == root.get("aria-label")
            assert desc is not None and re.search(r"\d", desc.text)  # the numbers, in words
            assert not root.findall(f".//{SVG}script") and "<script" not in svg


def test_organization_page_charts_roll_up_the_tree(demo_site: Path) -> None:
    records = Records(ROOT / "data")
    for org in ("dangwei", "zongzhi-002", "zhibu-0001"):
        html = (demo_site / "zuzhi" / org / "index.html").read_text(encoding="utf-8")
        _check_table(_table_after(html, 'class="gk-org-stats"'), records, org)


def test_charts_escape_labels_and_show_missing_values() -> None:
    from gongkai.render.charts import bar_chart, stacked_bars

    svg = bar_chart("<b>率</b>", ["A&B", "2024-Q2"], [0.5, None], percent=True, target=100)
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "<b>率</b>"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "A&B" in texts and "50.0%" in texts and "—" in texts and "目标 100%" in texts
    many = stacked_bars("进程", ["2024-Q1"], [(f"很长的系列名称{i}", [i + 1]) for i in range(8)], width=300)
    root = ET.fromstring(many)
    assert int(root.get("viewBox").split()[3]) > 100  # the legend wrapped onto more lines


def test_scopes_add_up() -> None:
    from gongkai.records.catalog import build_catalog
    from gongkai.plan.stats import StatsBook

    catalog = build_catalog(ROOT / "data").publishable()
    book = StatsBook(catalog, AS_OF)
    town = book.scope(None)
    for i, row in enumerate(town):
        parts = [book.scope(root).rows[i] for root in catalog.roots()]
        assert row.board.published == sum(p.board.published for p in parts) == sum(1 for p in catalog.pledges if p.quarter == row.quarter)
        assert row.branches == sum(1 for o in catalog.orgs.values() if o.kind == "党支部")


def test_a_build_reads_back_the_figures_of_organizations_whose_file_is_unchanged(tmp_path: Path, monkeypatch) -> None:
    """Kept by each file's hash between builds: only an edited organization's own figures are counted again,
    and every scope's figures are those of a book that kept nothing."""
    import shutil

    from gongkai.common.build_cache import BuildCache
    from gongkai.common.kept_values import KeptValues
    from gongkai.plan.stats import StatsBook
    from gongkai.records.catalog import build_catalog

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    cache = BuildCache(tmp_path / "cache", version="t")
    counted: list[str] = []
    count_own = StatsBook._count_own
    monkeypatch.setattr(StatsBook, "_count_own", lambda self, org, vanguards: counted.append(org.id) or count_own(self, org, vanguards))

    def figures(kept: bool) -> dict:
        catalog = build_catalog(data).publishable()
        book = StatsBook(catalog, AS_OF, kept=KeptValues(cache, "own-figures") if kept else None)
        scopes = {org_id: book.scope(org_id) for org_id in [None, *catalog.orgs]}
        book.keep()
        return scopes

    first = figures(kept=True)
    assert sorted(counted) == sorted(build_catalog(data).publishable().orgs)
    edited = next(p for p in sorted((data / "organizations").glob("*.yml")) if "承诺" in p.read_text(encoding="utf-8"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("    标题: ", "    标题: 新", 1), encoding="utf-8")
    counted.clear()
    again = figures(kept=True)
    assert counted == [edited.stem]
    counted.clear()
    assert again == figures(kept=False) and again[None] == first[None]  # a title changes no figure
