"""Relative links between pages: the same as posixpath.relpath, which the fast path replaces."""
from __future__ import annotations

import itertools
import posixpath

from gongkai.plan import urls

DIRS = ["", "a", "a/b", "a/b/c", "x", "x/y", "a/x", "b/a"]
FILES = ["index.html", "a/index.html", "a/b/index.html", "a/b/c/index.html", "x/index.html", "a/x/index.html", "b/a/index.html", "a/bb/index.html", "x/y/z/index.html"]


def test_relative_paths_equal_posixpath_relpath() -> None:
    for here, target in itertools.product(DIRS, FILES):
        assert urls._relative(target, here) == posixpath.relpath(target, here or "."), (target, here)


def test_links_between_record_pages() -> None:
    board = urls.board("zhibu-0001", "2024-Q2")
    assert urls.href(board, urls.org("zhibu-0001")) == "../../../zuzhi/zhibu-0001/index.html"
    assert urls.href(board, urls.pledge("zhibu-0001", "2024-Q2", "q2-01")) == "index.html#c-q2-01"
    assert urls.href(urls.HOME, urls.quarter_board("2024-Q2", "jiedao-01")) == "chengnuo/2024-q2/jiedao-01/index.html"
