"""Record pages kept as whole files in the build cache and hard-linked into the site folder.

A build that finds a page unchanged links the kept file instead of writing it;
a page written anew never overwrites a file in place, so a later build into the
same folder (or an edit of the site) cannot change what the cache keeps.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from gongkai.common.build_cache import BuildCache
from gongkai.render import shell
from gongkai.render.page_cache import KIND, PageCache

SHELL = shell.Shell.parse(f"<title>{shell.TITLE}</title><main>{shell.BODY}</main><a href='{shell.EDIT}'>改</a>", "")


def _pages(count: int = 3) -> list[shell.RecordPage]:
    return [shell.RecordPage(f"zuzhi/o{i}/index.md", f"zuzhi/o{i}/index.html", f"zuzhi/o{i}/", f"组织{i}", f"../data/o{i}.yml", 2)
            for i in range(count)]


def _write(site: Path, cache: BuildCache, keys: dict, render) -> int:
    _, rendered = shell.write_record_pages(_pages(), render, {2: SHELL}, site, store=PageCache(cache, keys), workers=1)
    return rendered


def test_an_unchanged_page_is_linked_from_the_cache_not_written(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", version="t")
    keys = {page.src_uri: f"key{i:02d}" for i, page in enumerate(_pages())}
    assert _write(tmp_path / "one", cache, keys, lambda uri: f"<p>{uri}</p>") == 3

    def never(uri: str) -> str:
        raise AssertionError(f"{uri} rendered again although unchanged")

    assert _write(tmp_path / "two", cache, keys, never) == 0
    for page in _pages():
        one, two = tmp_path / "one" / page.dest, tmp_path / "two" / page.dest
        assert two.read_bytes() == one.read_bytes()
        assert f"<p>{page.src_uri}</p>" in two.read_text(encoding="utf-8") and page.title in two.read_text(encoding="utf-8")
        assert os.stat(two).st_ino == os.stat(cache.path(KIND, keys[page.src_uri])).st_ino  # linked, one copy on disk


def test_a_page_written_again_leaves_the_kept_file_as_it_was(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", version="t")
    keys = {page.src_uri: f"key{i:02d}" for i, page in enumerate(_pages())}
    site = tmp_path / "site"
    _write(site, cache, keys, lambda uri: "<p>旧</p>")
    kept = {uri: cache.path(KIND, key).read_bytes() for uri, key in keys.items()}
    # The same folder again (a dirty build), every page changed: new keys, new bodies.
    changed = {uri: key + "new" for uri, key in keys.items()}
    assert _write(site, cache, changed, lambda uri: "<p>新</p>") == 3
    for uri, key in keys.items():
        assert cache.path(KIND, key).read_bytes() == kept[uri]
        assert "旧" in kept[uri].decode("utf-8")
    assert all("新" in (site / page.dest).read_text(encoding="utf-8") for page in _pages())


def test_without_hard_links_the_kept_file_is_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache on another file system (or one without hard links): copies, the same bytes."""
    cache = BuildCache(tmp_path / "cache", version="t")
    keys = {page.src_uri: f"key{i:02d}" for i, page in enumerate(_pages())}
    _write(tmp_path / "one", cache, keys, lambda uri: f"<p>{uri}</p>")

    def cross_device(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    assert _write(tmp_path / "two", cache, keys, lambda uri: "<p>不该渲染</p>") == 0
    for page in _pages():
        two = tmp_path / "two" / page.dest
        assert two.read_bytes() == (tmp_path / "one" / page.dest).read_bytes()
        assert os.stat(two).st_ino != os.stat(tmp_path / "one" / page.dest).st_ino
    # And a page written while links fail is kept by copy, found by the next build.
    fresh = {uri: key + "x" for uri, key in keys.items()}
    _write(tmp_path / "three", cache, fresh, lambda uri: "<p>第三次</p>")
    assert all("第三次" in cache.path(KIND, key).read_text(encoding="utf-8") for key in fresh.values())
