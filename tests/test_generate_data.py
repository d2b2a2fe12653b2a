"""The dataset generator: deterministic, and its output passes the loader's checks."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from gongkai.catalog import build_catalog

import sys

sys.path.insert(0, str(ROOT / "tools"))
import generate_data  # noqa: E402


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate_data.generate("town", 7, tmp_path / "a", photos=False)
    generate_data.generate("town", 7, tmp_path / "b", photos=False)
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")
    generate_data.generate("town", 8, tmp_path / "c", photos=False)
    assert _snapshot(tmp_path / "a") != _snapshot(tmp_path / "c")


def test_town_and_county_validate(tmp_path: Path) -> None:
    counts = generate_data.generate("county", 1, tmp_path / "county", photos=False)
    catalog = build_catalog(tmp_path / "county")
    assert len(catalog.orgs) == counts["党组织"] == 401
    assert len(catalog.pledges) == counts["承诺"] > 5000


def test_the_shipped_demo_town_covers_every_case() -> None:
    catalog = build_catalog(ROOT / "data")
    stages = {p.stage for p in catalog.pledges}
    assert stages == {"调研", "审诺", "签约", "公开", "践诺", "评诺"}
    assert any(p.draft for p in catalog.pledges) and any(m.draft for m in catalog.members.values())
    assert any(entry.honor.revoked for entry in catalog.honors)
    from datetime import date
    assert any(p.overdue(date(2024, 12, 31)) and p.history.signed for p in catalog.pledges)
    assert sum(1 for o in catalog.orgs.values() if o.kind == "党总支") == 6
    assert sum(1 for o in catalog.orgs.values() if o.kind == "党支部") == 26
    assert any(e.day.month == 7 and e.day.day == 1 for e in catalog.events.values())
    assert len(catalog.albums) == 3
