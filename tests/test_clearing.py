"""Emptying the old site folder beside the build: the engine finds it empty, dot-files stay, nothing is left behind."""
from __future__ import annotations

from pathlib import Path

from gongkai.generator import clearing


def _old_site(site: Path) -> None:
    (site / "chengnuo" / "a").mkdir(parents=True)
    (site / "chengnuo" / "a" / "index.html").write_text("旧", encoding="utf-8")
    (site / "index.html").write_text("旧", encoding="utf-8")
    (site / ".git").mkdir()  # the engine keeps dot-files (gh-deploy's checkout); so do we
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")


def test_the_old_entries_are_moved_aside_and_deleted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _old_site(site)
    stale = tmp_path / ".site.clearing-1"  # a stopped build's leftover
    (stale / "x").mkdir(parents=True)
    clear = clearing.Clearing(clean=True)
    clear.start(str(site))
    assert sorted(p.name for p in site.iterdir()) == [".git"]
    assert (clear.aside / "chengnuo" / "a" / "index.html").read_text(encoding="utf-8") == "旧"  # for the record pages to take back
    clear.wait()
    assert clear.child.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref"


def test_no_site_folder_yet(tmp_path: Path) -> None:
    assert clearing.move_aside(tmp_path / "site") == (None, [])


def test_a_dirty_build_keeps_its_site_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _old_site(site)
    clear = clearing.Clearing(clean=False)
    clear.start(str(site))
    clear.wait()
    assert (site / "index.html").read_text(encoding="utf-8") == "旧" and clear.child is None
