"""Atomic publishing: a good release is swapped in whole; a failed build or check changes nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, write_config
from gongkai.publishing import publish, verify
from gongkai.publishing import releases as publish_releases
from projects import gongkai, small_project


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    write_config(tmp_path, data, as_of="2024-12-31")
    return tmp_path


def test_publish_swaps_in_a_verified_release_and_rolls_back(project: Path) -> None:
    live = project / "site-live"
    assert publish.publish(project) == 0
    first = live.resolve()
    assert (live / "index.html").is_file() and (live / "search" / "meta.js").is_file()
    org = project / "data" / "organizations" / "zhibu-0001.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("书记: ", "书记: 新", 1), encoding="utf-8")
    assert publish.publish(project) == 0
    assert live.resolve() != first and live.is_symlink()
    assert publish.rollback(project / "releases", live) == 0
    assert live.resolve() == first


def test_a_build_that_fails_half_way_leaves_the_published_site_unchanged(project: Path) -> None:
    live = project / "site-live"
    assert publish.publish(project) == 0
    before, target = _snapshot(live.resolve()), live.resolve()
    # A truncated photo fails the build after the pages were written (images join at the end).
    photo = project / "data" / "albums" / "qiyi-2024" / "02.jpg"
    photo.write_bytes(photo.read_bytes()[:2000])
    assert publish.publish(project) == 1
    assert live.resolve() == target and _snapshot(target) == before
    assert not any(p.name.endswith(".building") for p in (project / "releases").iterdir())


def test_a_failed_check_leaves_the_published_site_unchanged(project: Path, monkeypatch) -> None:
    live = project / "site-live"
    assert publish.publish(project) == 0
    target = live.resolve()
    monkeypatch.setattr(verify, "check_site", lambda site, *args: ["index.html: 外部地址 https://example.invalid"])
    assert publish.publish(project) == 1
    assert live.resolve() == target


def test_a_failed_gongkai_build_leaves_site_byte_identical(tmp_path: Path) -> None:
    small = small_project(tmp_path)
    assert gongkai(small, "build").returncode == 0
    before = _snapshot(small / "site")
    assert len(before) > 50
    photo = small / "data" / "albums" / "qiyi" / "01.jpg"
    photo.write_bytes(photo.read_bytes()[:2000])  # truncated: fails only when the photos join, after the pages
    failed = gongkai(small, "build")
    assert failed.returncode == 1 and "site/ 保持不变" in failed.stderr and "Traceback" not in failed.stderr
    assert _snapshot(small / "site") == before
    assert sorted(p.name for p in small.iterdir() if p.name.startswith(".site.")) == []


def test_gongkai_build_keeps_the_site_before_last_as_the_next_builds_spare(tmp_path: Path) -> None:
    """The spare's record-page folders are taken back (render/reuse.py), and the site is what a cold build makes."""
    small = small_project(tmp_path / "small")
    for _ in range(2):
        assert gongkai(small, "build").returncode == 0
    spare = small / ".site.spare"
    stray = next(p for p in spare.rglob("index.html") if "/zuzhi/" in p.as_posix()).parent / "stray.html"
    stray.write_text("多余", encoding="utf-8")
    killed = small / "..site.99.x.building.clearing-99" / "zuzhi"  # what a build killed mid-way had moved aside
    killed.mkdir(parents=True)
    (killed / "index.html").write_text("旧", encoding="utf-8")
    org = small / "data" / "organizations" / "nanmen.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("开展课后托管服务", "开展课后托管和午休看护服务", 1), encoding="utf-8")
    third = gongkai(small, "build")
    assert third.returncode == 0 and "就地取回" in third.stderr
    cold = small_project(tmp_path / "cold")
    shutil.copyfile(org, cold / "data" / "organizations" / "nanmen.yml")
    assert gongkai(cold, "build").returncode == 0
    assert _snapshot(small / "site") == _snapshot(cold / "site")
    assert sorted(p.name for p in small.iterdir() if p.name.startswith((".site.", "..site."))) == [".site.spare"]


def test_rollback_skips_a_damaged_release_and_goes_forward_by_name(tmp_path: Path) -> None:
    small = small_project(tmp_path)
    for _ in range(3):
        assert gongkai(small, "publish").returncode == 0
    first, second, third = publish_releases.listed(small / "releases")
    (second / "index.html").write_text("<p>被改过</p>", encoding="utf-8")
    listing = gongkai(small, "releases").stdout.splitlines()
    assert [line.split()[0] for line in listing[1:]] == [first.name, second.name, third.name]
    assert "完好" in listing[1] and "损坏（文件已改变 index.html）" in listing[2] and listing[3].endswith("← 正在使用")
    back = gongkai(small, "rollback")
    assert back.returncode == 0 and f"跳过 {second.name}" in back.stderr
    assert (small / "site-live").resolve() == first
    refused = gongkai(small, "rollback", "--to", second.name)
    assert refused.returncode == 1 and (small / "site-live").resolve() == first
    forward = gongkai(small, "rollback", "--to", third.name)
    assert forward.returncode == 0 and (small / "site-live").resolve() == third
