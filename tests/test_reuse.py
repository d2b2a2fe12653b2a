"""The last build's record-page folders taken back (render/reuse.py): what is left is what a cold build would leave."""
from __future__ import annotations

import os
from pathlib import Path

from gongkai.render import reuse


def _write(path: Path, text: str = "旧") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_only_this_builds_pages_and_their_folders_come_back(tmp_path: Path) -> None:
    site, old = tmp_path / "site", tmp_path / "old"
    _write(site / "chengnuo" / "index.html", "引擎新写的")  # the engine's section page: its folder stays its own
    kept = _write(old / "chengnuo" / "2024-q1" / "a" / "index.html")
    _write(old / "chengnuo" / "2024-q1" / "a" / "stray.html")  # not a page of this build
    _write(old / "chengnuo" / "2024-q1" / "gone" / "index.html")  # a page no longer built, in a folder that comes back
    _write(old / "chengnuo" / "index.html")  # last build's section page: the engine wrote a new one
    _write(old / "chengnuo" / "2023-q4" / "index.html")  # a quarter no longer built: its folder is not taken
    _write(old / "zuzhi" / "index.html")  # the engine made no zuzhi/ this time: not one of our pages either
    (old / "zuzhi" / "b").mkdir(parents=True)
    os.symlink(kept, old / "zuzhi" / "b" / "index.html")  # a link is not a page file
    dests = ["chengnuo/2024-q1/a/index.html", "chengnuo/2024-q1/index.html", "chengnuo/2024-q2/x/index.html", "zuzhi/b/index.html"]

    found = reuse.take_back(site, old, dests)

    assert found == {"chengnuo/2024-q1/a/index.html": (os.stat(site).st_dev, os.stat(site / dests[0]).st_ino)}
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == ["chengnuo", "chengnuo/2024-q1", "chengnuo/2024-q1/a", "chengnuo/2024-q1/a/index.html", "chengnuo/index.html",
                    "zuzhi", "zuzhi/b"]
    assert (site / "chengnuo" / "index.html").read_text(encoding="utf-8") == "引擎新写的"
    assert sorted(p.relative_to(old).as_posix() for p in old.rglob("*")) == [
        "chengnuo", "chengnuo/2023-q4", "chengnuo/2023-q4/index.html", "chengnuo/index.html"]  # deleted with the rest


def test_nothing_from_last_time(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "old").mkdir()
    assert reuse.take_back(tmp_path / "site", tmp_path / "old", ["zuzhi/a/index.html"]) == {}
    assert not any((tmp_path / "site").iterdir())


def test_a_linked_folder_of_the_last_site_is_not_followed(tmp_path: Path) -> None:
    site, old, elsewhere = tmp_path / "site", tmp_path / "old", tmp_path / "elsewhere"
    site.mkdir()
    keep = _write(elsewhere / "a" / "notes.txt", "别人的文件")
    old.mkdir()
    os.symlink(elsewhere, old / "zuzhi")
    assert reuse.take_back(site, old, ["zuzhi/a/index.html"]) == {}
    assert keep.read_text(encoding="utf-8") == "别人的文件" and not (site / "zuzhi").exists()
