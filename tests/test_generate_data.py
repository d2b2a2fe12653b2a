"""The dataset generator: deterministic, and its output passes the loader's checks with no problem."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from conftest import ROOT
from gongkai.records.catalog import build_catalog

sys.path.insert(0, str(ROOT / "tools"))
import generate_data  # noqa: E402

AS_OF = date(2024, 12, 31)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_town_same_seed_same_bytes_photos_included(tmp_path: Path) -> None:
    first = generate_data.generate("town", 7, tmp_path / "a", photos=True)
    second = generate_data.generate("town", 7, tmp_path / "b", photos=True)
    assert first == second
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")
    assert any(name.endswith(".jpg") for name in _snapshot(tmp_path / "a"))
    generate_data.generate("town", 8, tmp_path / "c", photos=True)
    assert _snapshot(tmp_path / "a") != _snapshot(tmp_path / "c")


def test_town_validates_and_photos_do_not_change_the_records(tmp_path: Path) -> None:
    with_photos = generate_data.generate("town", 7, tmp_path / "a", photos=True)
    catalog = build_catalog(tmp_path / "a")  # raises DataError listing every problem
    assert (len(catalog.orgs), len(catalog.members), len(catalog.pledges)) == (with_photos["党组织"], with_photos["党员"], with_photos["承诺"])
    without = generate_data.generate("town", 7, tmp_path / "b", photos=False)
    assert {k: v for k, v in without.items() if k not in ("相册", "照片")} == {k: v for k, v in with_photos.items() if k not in ("相册", "照片")}
    plain = build_catalog(tmp_path / "b")
    assert [p.key for p in plain.pledges] == [p.key for p in catalog.pledges]
    assert not plain.albums and not any(m.portrait for m in plain.members.values())


def test_county_validates(tmp_path: Path) -> None:
    counts = generate_data.generate("county", 1, tmp_path / "county", photos=False)
    catalog = build_catalog(tmp_path / "county")
    assert len(catalog.orgs) == counts["党组织"] and 350 <= counts["党组织"] <= 450
    assert len(catalog.members) == counts["党员"] and 3000 <= counts["党员"] <= 5000
    assert len(catalog.pledges) == counts["承诺"] and 12000 <= counts["承诺"] <= 20000
    assert {o.kind for o in catalog.orgs.values()} == {"党委", "党工委", "党总支", "党支部"}
    assert {p.stage for p in catalog.pledges} == {"调研", "审诺", "签约", "公开", "践诺", "评诺"}
    assert sum(e.honor.revoked for e in catalog.honors) == 1


def test_the_shipped_demo_town_covers_every_case() -> None:
    catalog = build_catalog(ROOT / "data")
    kinds = [o.kind for o in catalog.orgs.values()]
    assert (kinds.count("党委"), kinds.count("党总支"), kinds.count("党支部")) == (1, 6, 26)
    assert sum(o.member_count for o in catalog.orgs.values() if o.kind == "党支部") == 1354
    assert {o.sector for o in catalog.orgs.values()} == {"农村", "社区", "机关", "国有企业", "非公有制企业", "学校", "医疗卫生", "窗口单位", "离退休", "新社会组织"}
    assert 30 <= sum(m.is_model for m in catalog.members.values()) <= 50
    assert 120 <= len(catalog.pledges) <= 180
    assert {p.stage for p in catalog.pledges} == {"调研", "审诺", "签约", "公开", "践诺", "评诺"}
    assert any(p.draft for p in catalog.pledges) and any(m.draft for m in catalog.members.values())
    assert any(p.overdue(AS_OF) and p.history.signed and not p.draft for p in catalog.pledges)
    evaluated = [p for p in catalog.pledges if p.stage == "评诺"]
    assert evaluated and all(p.comment and p.review and p.review.total for p in evaluated)
    assert any(len(p.items) > 1 for p in catalog.pledges) and any(p.progress and p.progress[0].photos for p in catalog.pledges)
    assert sum(e.honor.revoked for e in catalog.honors) == 1
    qiyi = [e for e in catalog.honors_at("2024-qiyi") if not e.honor.revoked]
    assert catalog.events["2024-qiyi"].day == date(2024, 7, 1)
    assert sum(e.member is None for e in qiyi) == 10 and 15 <= sum(e.member is not None for e in qiyi) <= 25
    assert len(catalog.events) == 6 and len(catalog.albums) == 3 and len(catalog.quarters) == 4
    # 一季一先锋: each quarter has the event that chooses its vanguards, and some of them
    chooses = {e.quarter: e for e in catalog.events.values() if e.quarter}
    assert sorted(chooses) == sorted(catalog.quarters)
    assert all(catalog.honors_at(e.id) and all(h.member for h in catalog.honors_at(e.id)) for e in chooses.values())
    assert any(m.portrait for m in catalog.members.values())


def test_the_facts_the_shipped_briefings_cite() -> None:
    """docs/jianbao links these records and states these facts; the generator keeps them fixed."""
    catalog = build_catalog(ROOT / "data")
    assert catalog.orgs["dangwei"].name == "中共青石镇委员会"
    assert catalog.orgs["zhibu-0001"].name == "枫林村党支部" and catalog.members["zhibu-0001/m01"].name == "龙勇"
    q2 = next(p for p in catalog.orgs["zhibu-0001"].pledges if p.id == "2024q2-m01")
    assert q2.title == "发展特色种植" and q2.history.signed
    q3 = next(p for p in catalog.orgs["zhibu-0002"].pledges if p.id == "2024q3-zz")
    assert catalog.orgs["zhibu-0002"].name == "北垣村党支部" and q3.title == "为留守儿童开展课后辅导"
    assert [(i.target, i.done) for i in q3.items] == [(14, 14)] and not q3.overdue(AS_OF) and q3.stage == "评诺"


def test_shipped_photos_stay_small() -> None:
    photos = [p for p in (ROOT / "data").rglob("*.jpg")]
    assert photos and sum(p.stat().st_size for p in photos) < 10 * 1024 * 1024


def test_the_shipped_demo_is_exactly_what_the_generator_writes(tmp_path: Path) -> None:
    """data/ is `generate_data.py --size town --seed 2024`: change the generator, regenerate the demo."""
    generate_data.generate("town", 2024, tmp_path / "data", photos=True)
    shipped = {k: v for k, v in _snapshot(ROOT / "data").items() if k != "README.md"}
    assert _snapshot(tmp_path / "data") == shipped
