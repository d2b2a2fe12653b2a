"""Atomic publishing: a good release is swapped in whole; a failed build or check changes nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, write_config
from gongkai.publishing import publish


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
    monkeypatch.setattr(publish, "check_site", lambda site: ["index.html: 外部地址 https://example.invalid"])
    assert publish.publish(project) == 1
    assert live.resolve() == target
