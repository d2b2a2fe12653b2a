"""The benchmark's baselines write the same records gongkai publishes (no timing asserted here)."""
from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench_scale  # noqa: E402

from gongkai.catalog import build_catalog  # noqa: E402


def test_baseline_pages_match_the_public_records(tmp_path: Path) -> None:
    bench_scale.generate_data.generate("town", 3, tmp_path / "data", photos=False)
    pages = bench_scale.markdown_pages(tmp_path / "data")
    public = build_catalog(tmp_path / "data").publishable()
    boards = {(p.org_id, p.quarter) for p in public.pledges}
    models = [m for m in public.members.values() if m.is_model]
    assert len(pages) == len(public.orgs) + len(boards) + len(models) + len(public.events)
    hugo = bench_scale.hugo_site(pages, tmp_path / "hugo")
    assert len(list((hugo / "content").rglob("*.md"))) == len(pages)
    assert bench_scale.report([{"size": "town", "records": {"党组织": 1, "党员": 1, "承诺": 1}, "pages": 10, "gongkai_s": 2.0, "gongkai_mb": 1.0,
                                "output_mb": 1.0, "index_mb": 0.1, "material_s": 1.0, "markdown_pages": 5, "material_index_mb": 0.1, "hugo_s": 0.5}]).count("2.00×") == 1
