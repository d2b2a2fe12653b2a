"""The benchmark's baselines write the same pages gongkai publishes (no timing asserted here)."""
from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench_scale  # noqa: E402

from gongkai.records.catalog import build_catalog  # noqa: E402
from gongkai.plan.pages import generate_pages  # noqa: E402


def test_baseline_pages_match_gongkais_pages_for_the_town(tmp_path: Path) -> None:
    bench_scale.generate_data.generate("town", 3, tmp_path / "data", photos=False)
    pages = bench_scale.markdown_pages(tmp_path / "data")
    public = build_catalog(tmp_path / "data").publishable()
    boards = {(p.org_id, p.quarter) for p in public.pledges}
    models = [m for m in public.members.values() if m.is_model]
    quarters = len(public.quarters) * 2  # a quarter's page and its all-pledges board
    records = len(public.orgs) + len(boards) + len(models) + len(public.events) + len(public.albums) + quarters
    assert len(pages) == records + len(bench_scale.SECTIONS)
    # One baseline page per page gongkai generates from the records (print views and the stats page aside).
    assert len(pages) == len(generate_pages(public))

    material = bench_scale.stock_material(pages, tmp_path / "material")
    assert len(list((material.parent / "docs").rglob("*.md"))) == len(pages) + 1  # and the home page
    hugo = bench_scale.hugo_site(pages, tmp_path / "hugo")
    assert len(list((hugo / "content").rglob("*.md"))) == len(pages)
    assert len(list((hugo / "content").rglob("_index.md"))) == len(bench_scale.SECTIONS)


def test_report_gives_ratios() -> None:
    row = {"size": "town", "records": {"党组织": 1, "党员": 1, "承诺": 1}, "pages": 10, "print_views": 2, "gongkai_s": 2.0,
           "gongkai_mb": 1.0, "output_mb": 1.0, "index_mb": 0.1, "material_s": 1.0, "markdown_pages": 5, "material_mb": 1.0,
           "material_index_mb": 0.2, "hugo_s": 0.5, "preview_rebuild_s": [1.0, 0.5], "cached_s": 0.75, "edited_s": 0.8}
    text = bench_scale.report([row, {**row, "size": "county", "records": {"党组织": 2, "党员": 2, "承诺": 10}, "gongkai_s": 4.0}])
    assert "2.00×" in text and "4.0×" in text and "0.50×" in text and "(×10.0)" in text
    assert "| town | 10 | 8 | 2.0 s | 0.8 s | 0.8 s | 0.50 s | 4.0× | 1.6× |" in text  # cold and cached side by side
