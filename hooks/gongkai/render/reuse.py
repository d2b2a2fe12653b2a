"""The last build's record-page folders taken back into the new site, instead of made again.

Why: a district has 25,000 record pages, each `…/index.html` in a folder of its own.
On the build machine's disk, making 25,000 folders and linking a file into each took
3–5 s of a 10 s everyday build, and deleting the old ones as much again beside it,
although nearly every page is the same file (a hard link to the same cache entry) as
last time. So the clearing (generator/clearing.py) moves the old site aside, and here
each topmost folder that holds record pages and that the engine did not make is moved
back, by one rename (about 11,000 at district scale). What is in them is then made
exactly what a cold build would leave: every file that is not one of this build's
record pages, and every folder that holds none, is deleted; a page whose file is
still the kept cache entry stays (render/shell.py), any other is written again.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterable


def take_back(site_dir: Path, old_dir: Path, dests: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Move old folders of these pages into site_dir; return each page file found there: its (device, inode)."""
    wanted = set(dests)  # paths under site_dir, "/"-separated (25,000 of them: strings, not Path objects)
    folders = {dest.rpartition("/")[0] for dest in wanted} - {""}
    needed: set[str] = set()  # the folders and every folder above them
    for folder in folders:
        while folder and folder not in needed:
            needed.add(folder)
            folder = folder.rpartition("/")[0]
    found: dict[str, tuple[int, int]] = {}
    device = os.stat(site_dir).st_dev  # a folder renamed in is on the same file system
    for root in _topmost_missing(site_dir, folders):
        old = old_dir / root
        if old.is_symlink() or not old.is_dir():
            continue  # not there last time, or not a folder of its own (a link is never followed): made as new
        try:
            os.rename(old, site_dir / root)
        except OSError:
            continue
        _tidy(site_dir, root, wanted, needed, device, found)
    return found


def _topmost_missing(site_dir: Path, folders: set[str]) -> set[str]:
    """For each folder, its outermost ancestor (or itself) not in site_dir now: the engine's folders stay its own."""
    exists: dict[str, bool] = {}
    roots = set()
    for folder in folders:
        path = ""
        for part in folder.split("/"):
            path = f"{path}/{part}" if path else part
            if path not in exists:
                place = os.path.join(site_dir, path)
                exists[path] = os.path.isdir(place) and not os.path.islink(place)
            if not exists[path]:
                roots.add(path)
                break
    return roots


def _tidy(site_dir: Path, root: str, wanted: set[str], needed: set[str], device: int, found: dict[str, tuple[int, int]]) -> None:
    """Leave in root only this build's page files (noted in found) and the folders that lead to them."""
    todo = [root]
    while todo:
        folder = todo.pop()
        with os.scandir(os.path.join(site_dir, folder)) as entries:
            for entry in entries:
                rel = f"{folder}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if rel in needed:
                        todo.append(rel)
                    else:
                        shutil.rmtree(entry.path)
                elif rel in wanted and entry.is_file(follow_symlinks=False):
                    found[rel] = (device, entry.inode())
                else:
                    os.unlink(entry.path)
