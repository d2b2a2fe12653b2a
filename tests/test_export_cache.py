"""Open data and the feed from the build cache: the same bytes as a cold build, whatever changed.

The chunked writer (outputs/export_cache.py) is compared with the row-by-row
writer (exports.write_table of exports.rows) directly, and whole builds that
reuse an earlier build's cache are compared with cold builds of the same
data: kaifang/* and feed.xml must be identical, and the warm build must have
taken from the cache every organization the change did not touch.
"""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT, cached_build
from gongkai.common.build_cache import BuildCache
from gongkai.outputs import export_cache, exports, feed
from gongkai.plan import urls
from gongkai.records import scope
from gongkai.records.catalog import Catalog, build_catalog
from gongkai.records.schema import PUBLIC_STAGES, STAGE_NAMES

SITE_URL = "http://dangjian.qingshi.lan/gongkai/"


def _row_by_row(catalog: Catalog, as_of: date, folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True)
    for name, table in exports.rows(catalog, as_of).items():
        exports.write_table(table, folder / f"{name}.json", folder / f"{name}.csv")
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _chunked(catalog: Catalog, as_of: date, site: Path, cache: BuildCache | None) -> tuple[dict[str, bytes], int]:
    reused = export_cache.write_exports(catalog, as_of, site, SITE_URL, "公开栏", cache)
    return {p.name: p.read_bytes() for p in sorted((site / urls.OPEN_DATA).iterdir())}, reused


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(FIXTURE_DATA).publishable()


def test_the_chunks_join_into_what_the_row_by_row_writer_writes(tmp_path: Path, catalog: Catalog) -> None:
    expected = _row_by_row(catalog, date(2024, 12, 31), tmp_path / "rows")
    assert all(b"\n" in expected[f"{name}.json"] for name in exports.TABLES)
    cache = BuildCache(tmp_path / "cache")
    cold, reused_cold = _chunked(catalog, date(2024, 12, 31), tmp_path / "cold", cache)
    warm, reused_warm = _chunked(catalog, date(2024, 12, 31), tmp_path / "warm", cache)
    assert cold == expected and warm == expected
    assert (reused_cold, reused_warm) == (0, len(catalog.orgs))


def test_empty_tables_are_written_as_today(tmp_path: Path) -> None:
    empty = Catalog(Path(), {}, {}, {}, {})
    expected = _row_by_row(empty, date(2024, 12, 31), tmp_path / "rows")
    written, _ = _chunked(empty, date(2024, 12, 31), tmp_path / "site", BuildCache(tmp_path / "cache"))
    assert written == expected
    # An empty table: a JSON array with no rows, and a CSV without even the BOM (nothing was ever written to it).
    assert {written[f"{name}.json"] for name in exports.TABLES} == {b"[\n]\n"}
    assert {written[f"{name}.csv"] for name in exports.TABLES} == {b""}


def test_an_organization_whose_parent_left_the_view_is_written_anew(tmp_path: Path, catalog: Catalog) -> None:
    # Same file, same settings: only the scope makes nanmen a root, its 上级编号 empty.
    cache = BuildCache(tmp_path / "cache")
    _chunked(catalog, date(2024, 12, 31), tmp_path / "whole", cache)
    view = scope.scoped(catalog, "nanmen")
    assert catalog.orgs["nanmen"].parent in catalog.orgs and catalog.orgs["nanmen"].parent not in view.orgs
    written, reused = _chunked(view, date(2024, 12, 31), tmp_path / "view", cache)
    assert written == _row_by_row(view, date(2024, 12, 31), tmp_path / "rows")
    assert reused == 0


def test_a_later_as_of_is_written_anew(tmp_path: Path, catalog: Catalog) -> None:
    cache = BuildCache(tmp_path / "cache")
    _chunked(catalog, date(2024, 9, 1), tmp_path / "early", cache)
    written, reused = _chunked(catalog, date(2024, 12, 31), tmp_path / "late", cache)
    assert written == _row_by_row(catalog, date(2024, 12, 31), tmp_path / "rows")
    assert reused == 0


# -- whole builds -------------------------------------------------------------

def _data(folder: Path) -> Path:
    """The fixture data and a sibling of 南门 (北门) that no case edits but the deletion."""
    data = folder / "data"
    shutil.copytree(FIXTURE_DATA, data)
    org = data / "organizations" / "nanmen.yml"
    (data / "organizations" / "beimen.yml").write_text(org.read_text(encoding="utf-8").replace("南门", "北门"), encoding="utf-8")
    return data


def _build(folder: Path, data: Path, cache_from: Path | None = None, overrides: dict | None = None, **settings) -> dict:
    """Build into folder/site (cache in folder/.cache, seeded from cache_from): the open data, what it reused, its cache entries."""
    log = cached_build(folder, data, cache_from, overrides, **settings)
    reused = int(re.search(r"开放数据和订阅 [\d.]+ 秒（(\d+) 个组织的数据取自缓存）", log).group(1))
    site = folder / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in [*(site / urls.OPEN_DATA).iterdir(), site / urls.FEED]}
    entries = list((folder / ".cache").glob(f"build-*/{export_cache.KIND}/*/*"))  # conftest puts the cache in folder/.cache
    return {"files": files, "reused": reused, "entries": len(entries), "folder": folder}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("base")
    data = _data(folder)
    built = _build(folder, data)
    assert built["reused"] == 0
    assert built["entries"] == 3  # each organization's rows and its latest feed entries
    return {**built, "data": data}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _pledge_title(data: Path) -> None:
    _edit(data / "organizations" / "nanmen.yml", "开展课后托管服务", "开展课后托管和午休看护服务")


def _member_name(data: Path) -> None:
    _edit(data / "organizations" / "nanmen.yml", "姓名: 李明", "姓名: 李明华")


def _no_parent(data: Path) -> None:
    _edit(data / "organizations" / "nanmen.yml", "上级: town\n", "")


def _event_title(data: Path) -> None:  # in the feed only: every organization's rows stay
    _edit(data / "events" / "qiyi-2024.yml", "七一表彰大会", "七一表彰会")


def _deleted(data: Path) -> None:
    (data / "organizations" / "beimen.yml").unlink()


CASES = {  # change of the data, gongkai settings, the engine's settings, organizations the warm build reuses
    "unchanged": (None, {}, None, 3),
    "pledge title": (_pledge_title, {}, None, 2),
    "member name": (_member_name, {}, None, 2),
    "parent removed": (_no_parent, {}, None, 2),
    "file deleted": (_deleted, {}, None, 2),
    "event title": (_event_title, {}, None, 3),
    "as_of": (None, {"as_of": "2024-09-01"}, None, 0),
    "site_url": (None, {}, {"site_url": "https://gongkai.example.gov.cn/"}, 0),
}


@pytest.mark.parametrize("case", CASES)
def test_a_build_from_the_cache_writes_what_a_cold_build_writes(tmp_path: Path, base: dict, case: str) -> None:
    change, settings, overrides, reused = CASES[case]
    data = tmp_path / "data"
    shutil.copytree(base["data"], data)
    if change:
        change(data)
    warm = _build(tmp_path / "warm", data, cache_from=base["folder"], overrides=overrides, **settings)
    cold = _build(tmp_path / "cold", data, overrides=overrides, **settings)
    assert sorted(warm["files"]) == sorted(cold["files"])
    different = [name for name in cold["files"] if warm["files"][name] != cold["files"][name]]
    assert not different, f"warm and cold open data differ in {different}"
    if change or settings or overrides:
        assert warm["files"] != base["files"]  # the change shows in the open data
    assert warm["reused"] == reused
    assert warm["entries"] == cold["entries"]  # what the change made stale was removed


def _every_entry_sorted(catalog: Catalog, as_of: date) -> list[tuple]:
    """The feed's entries made the plain way (every entry made, then sorted): what feed_entries must pick."""
    entries = [(e.day, f"event/{e.id}", f"表彰：{e.title}", f"{e.host}表彰先进集体和个人 {len(catalog.honors_at(e.id))} 个（名）。",
                urls.dest(urls.event(e.id))) for e in catalog.events.values()]
    for p in catalog.pledges:
        page, owner = urls.dest(urls.pledge(p.org_id, p.quarter, p.id)), catalog.owner_name(p)
        entries += [(day, f"pledge/{p.key}/{step}", f"{owner}：{p.title}（{STAGE_NAMES[step]}）", f"{owner}的承诺「{p.title}」进入{STAGE_NAMES[step]}。", page)
                    for step, day in p.history.steps() if day and step in PUBLIC_STAGES]
        seen: dict[date, int] = {}
        for update in p.progress:
            n = seen[update.day] = seen.get(update.day, 0) + 1
            entries.append((update.day, f"pledge/{p.key}/progress/{update.day.isoformat()}/{n}", f"{owner}：{p.title}（践诺记实）", update.text, page))
    return sorted((e for e in entries if e[0] <= as_of), key=lambda e: (e[0], e[1]), reverse=True)


@pytest.mark.parametrize("as_of", [date(2024, 3, 1), date(2024, 9, 1), date(2024, 12, 31)])
def test_the_feed_picks_the_latest_entries_without_making_them_all(as_of: date) -> None:
    town = build_catalog(ROOT / "data").publishable()
    every = _every_entry_sorted(town, as_of)
    assert len(every) > feed.LATEST  # the demo town has more than a feed shows, some on the last day it shows
    assert [e[0] for e in every].count(every[feed.LATEST - 1][0]) > 1
    assert feed.feed_entries(town, as_of) == every[: feed.LATEST]


def test_a_feed_before_anything_happened_is_empty() -> None:
    town = build_catalog(ROOT / "data").publishable()
    assert _every_entry_sorted(town, date(2024, 1, 1)) == feed.feed_entries(town, date(2024, 1, 1)) == []
