"""What a resident sees: the record pages and the pledge board, read from built HTML."""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_DATA, ROOT, build_site
from oracle import public_from_yaml

AS_OF = date(2024, 12, 31)


def _read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def _public_pledges_from_yaml(data: Path) -> list[dict]:
    """The publication gate, computed straight from the YAML (tests/oracle.py), independently of the catalog."""
    return public_from_yaml(data).pledges


def test_every_record_has_its_page_or_anchor(demo_site: Path) -> None:
    data = ROOT / "data"
    for path in (data / "organizations").glob("*.yml"):
        assert (demo_site / "zuzhi" / path.stem / "index.html").is_file(), path.stem
    for path in (data / "events").glob("*.yml"):
        assert (demo_site / "biaozhang" / path.stem / "index.html").is_file(), path.stem
    for pledge in _public_pledges_from_yaml(data):
        board = _read(demo_site, f"chengnuo/{pledge['org']}/{str(pledge['季度']).lower()}/index.html")
        assert f'id="c-{pledge["编号"]}"' in board, pledge["编号"]
    members = _read(demo_site, "dangyuan/index.html")
    for link in re.findall(r'href="([a-z0-9-]+/m\d+/index\.html)"', members):
        assert (demo_site / "dangyuan" / link).is_file(), link


def test_home_figures_equal_the_counts_from_the_data(demo_site: Path) -> None:
    pledges = _public_pledges_from_yaml(ROOT / "data")
    fulfilled = [p for p in pledges if all(float(i["完成"]) >= float(i["目标"]) for i in p["事项"])]
    overdue = [p for p in pledges if p not in fulfilled and date.fromisoformat(str(p["完成时限"])) < AS_OF]
    reviews = [p["群众评议"] for p in pledges if p.get("群众评议")]
    good = sum(int(r["满意"]) + int(r["基本满意"]) for r in reviews)
    votes = sum(int(r["满意"]) + int(r["基本满意"]) + int(r["不满意"]) for r in reviews)
    home = _read(demo_site, "index.html")
    figure = lambda name: re.search(rf'data-figure="{name}">([^<]+)<', home).group(1)  # noqa: E731
    assert int(figure("published")) == len(pledges)
    assert int(figure("fulfilled")) == len(fulfilled)
    assert int(figure("overdue")) == len(overdue)
    assert int(figure("in_progress")) == len(pledges) - len(fulfilled) - len(overdue)
    assert figure("satisfaction") == f"{good / votes * 100:.1f}%"


def test_three_clicks_from_home_to_a_village_board(demo_site: Path) -> None:
    home = _read(demo_site, "index.html")
    assert 'href="chengnuo/index.html"' in home
    boards = _read(demo_site, "chengnuo/index.html")
    village = re.search(r'href="(zhibu-\d+/2024-q\d/index\.html)">([^<]*村党支部)<', boards)
    assert village, "the board index lists village boards"
    assert "承诺公开栏" in _read(demo_site, "chengnuo/" + village.group(1))


def test_generated_pages_stay_out_of_the_navigation(demo_site: Path) -> None:
    org_page = _read(demo_site, "zuzhi/zhibu-0001/index.html")
    nav = re.split(r'<nav class="md-nav md-nav--primary[^"]*"', org_page, maxsplit=1)[1].split("</nav>", 1)[0]
    assert "zhibu-0002" not in nav and "2024-q3" not in nav


@pytest.mark.parametrize("as_of, marked", [("2024-12-31", True), ("2024-10-01", False)])
def test_overdue_mark_follows_the_as_of_date(tmp_path: Path, as_of: str, marked: bool) -> None:
    result = build_site(tmp_path, FIXTURE_DATA, as_of=as_of)
    assert result.returncode == 0, result.stderr
    board = _read(tmp_path / "site", "chengnuo/nanmen/2024-q3/index.html")
    card = board.split('id="c-q3-02"', 1)[0].rsplit("<article", 1)[1]
    assert ("gk-pledge--overdue" in card) is marked


def test_edit_link_points_at_the_data_file(tmp_path: Path) -> None:
    overrides = {"repo_url": "https://git.example.invalid/town/board", "edit_uri": "edit/main/docs/"}
    result = build_site(tmp_path, FIXTURE_DATA, overrides=overrides)
    assert result.returncode == 0, result.stderr
    page = _read(tmp_path / "site", "zuzhi/nanmen/index.html")
    assert 'href="https://git.example.invalid/town/board/edit/main/data/organizations/nanmen.yml"' in page.replace("docs/../", "")


def test_a_hand_written_page_at_a_generated_address_is_an_error(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "zuzhi").mkdir()
    (docs / "zuzhi" / "nanmen").mkdir()
    (docs / "zuzhi" / "nanmen" / "index.md").write_text("# 手写页面\n", encoding="utf-8")
    result = build_site(tmp_path, FIXTURE_DATA, overrides={"docs_dir": str(docs)})
    assert result.returncode != 0
    assert "docs/zuzhi/nanmen/index.md" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_markdown_fields_cannot_carry_script(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    org = data / "organizations" / "nanmen.yml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "简介: 南门小学党支部现有党员 23 名，设 **党员先锋岗** 6 个。",
        '简介: "[点此](javascript:alert(1)) 与 ![x](x.png) **加粗**"'), encoding="utf-8")
    result = build_site(tmp_path, data)
    assert result.returncode == 0, result.stderr
    page = _read(tmp_path / "site", "zuzhi/nanmen/index.html")
    assert "javascript:alert" not in page and "<strong>加粗</strong>" in page


def test_a_big_quarter_board_splits_by_organization_and_keeps_every_pledge_once(tmp_path: Path) -> None:
    result = build_site(tmp_path, ROOT / "data", as_of="2024-12-31", quarter_board_rows=10)
    assert result.returncode == 0, result.stderr
    quarter = tmp_path / "site" / "chengnuo" / "2024-q2"
    pages = sorted(quarter.rglob("index.html"))
    assert len(pages) > 3  # the whole town, then its 党总支 (and any still too big below them)
    root = (quarter / "index.html").read_text(encoding="utf-8")
    assert "gk-filters" not in root and "gk-parts" in root
    parents = {yaml.safe_load(f.read_text(encoding="utf-8")).get("上级") for f in (ROOT / "data" / "organizations").glob("*.yml")}
    seen: list[str] = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        rows = re.findall(r'<tr data-org="[^"]*"[^>]*>\s*<td[^>]*><a href="[^"#]*#c-([^"]+)"', html)
        seen += rows
        if "gk-parts" not in html:  # a leaf page: few enough rows to show them all
            assert len(rows) <= 10 or page.parent.name not in parents  # only an organization without children cannot split
        for link in re.findall(r'<a href="([^"#]+)">[^<]+</a></td><td>\d+</td>', html):
            assert (page.parent / link).resolve().is_file(), link
    expected = [p["编号"] for p in _public_pledges_from_yaml(ROOT / "data") if p["季度"] == "2024-Q2"]
    assert sorted(seen) == sorted(expected)


PREVIEW_SCRIPT = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config, site, data = sys.argv[1], sys.argv[2], Path(sys.argv[3])
first = load_config(config, site_dir=site)
first.plugins.on_startup(command="serve", dirty=True)  # as `gongkai serve` (mkdocs serve --dirty) starts
build(first, dirty=True)
print("HOME1", (Path(site) / "index.html").read_text(encoding="utf-8"))
org = data / "organizations" / "nanmen.yml"
text = org.read_text(encoding="utf-8").replace("标题: 开展课后托管服务", "标题: 开展课后托管服务（已更新）")
org.write_text(text.replace("      审诺: 2024-06-28\\n  - 编号: q2-01", "      审诺: 2024-06-28\\n      签约: 2024-07-01\\n  - 编号: q2-01"), encoding="utf-8")
build(load_config(config, site_dir=site), dirty=True)  # what the server does on a save
"""


def test_a_preview_rebuild_shows_the_change_on_the_board_and_the_home_page(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from conftest import write_config

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    config = write_config(tmp_path, data)
    site = tmp_path / "preview"
    result = subprocess.run([sys.executable, "-c", PREVIEW_SCRIPT, str(config), str(site), str(data)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    published = lambda html: int(re.search(r'data-figure="published">(\d+)<', html).group(1))  # noqa: E731
    before = published(result.stdout.split("HOME1", 1)[1])
    board = _read(site, "chengnuo/nanmen/2024-q3/index.html")
    assert "开展课后托管服务（已更新）" in board and 'id="c-q3-03"' in board  # re-rendered: new title, newly signed pledge
    assert published(_read(site, "index.html")) == before + 1  # the home page follows the data in a dirty build
    assert (site / "zuzhi" / "town" / "index.html").is_file()  # unchanged pages are still there


def test_a_long_member_index_splits_by_organization_and_keeps_every_model_member_once(tmp_path: Path) -> None:
    result = build_site(tmp_path, ROOT / "data", as_of="2024-12-31", member_index_cards=5)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    root = _read(site, "dangyuan/index.html")
    assert "gk-parts" in root
    # Index pages are dangyuan/index.html and dangyuan/<org>/index.html; member pages sit one level deeper.
    pages = [site / "dangyuan" / "index.html", *sorted((site / "dangyuan").glob("*/index.html"))]
    seen: list[str] = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'<a class="gk-card" href="([^"]+)"', html):
            seen.append((page.parent / link).resolve().relative_to((site / "dangyuan").resolve()).parent.as_posix())
        for link in re.findall(r'<td><a href="([^"#]+)">', html):
            assert (page.parent / link).resolve().is_file() or (page.parent / link / "index.html").is_file(), link
    expected = []
    for path in sorted((ROOT / "data" / "organizations").glob("*.yml")):
        org = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected += [f"{path.stem}/{m['编号']}" for m in org.get("党员") or []
                     if str(m.get("草稿")) != "是" and (m.get("先锋") or m.get("荣誉") or m.get("五带头"))]
    assert sorted(seen) == sorted(expected)


def test_the_home_pages_latest_updates_kept_by_file_hash_follow_an_edit(tmp_path: Path) -> None:
    """Each organization's newest updates are read back while its file is unchanged; an edited file is worked out again."""
    from gongkai.common.build_cache import BuildCache
    from gongkai.common.kept_values import KeptValues
    from gongkai.plan.pages import home_context
    from gongkai.records.catalog import build_catalog

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    cache = BuildCache(tmp_path / "cache", version="t")

    def latest() -> tuple[list, list]:
        catalog = build_catalog(data).publishable()
        kept = home_context(catalog, AS_OF, kept=KeptValues(cache, "latest-updates"))["latest_updates"]
        fresh = home_context(catalog, AS_OF)["latest_updates"]
        return [(u.day, u.text, p.title) for u, p in kept], [(u.day, u.text, p.title) for u, p in fresh]

    first, fresh = latest()
    assert first == fresh and (date(2024, 8, 15), "已完成托管 40 课时。") in [row[:2] for row in first]
    assert cache.read("latest-updates", KeptValues(cache, "latest-updates").key)  # kept for the next build
    org = data / "organizations" / "nanmen.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("      - 日期: 2024-08-15\n        内容: 已完成托管 40 课时。\n",
                                                           "      - 日期: 2024-12-20\n        内容: 已完成托管 60 课时。\n"), encoding="utf-8")
    again, fresh = latest()
    assert again == fresh and again[0][:2] == (date(2024, 12, 20), "已完成托管 60 课时。")
