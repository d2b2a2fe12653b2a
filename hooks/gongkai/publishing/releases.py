"""Releases that prove themselves: a manifest of every file, checked before a release goes live.

A release is a folder under releases/ named by its time; `site-live` is a symlink to one of
them. The manifest (every file with its size and SHA-256) is written last, so a folder without
a complete manifest was never finished; publish and rollback swap in only a release whose files
match it. Pruning renames a release out of the list before deleting it: a prune killed half-way
leaves a `*.pruning` folder nobody can roll back to, never a listed release with files missing.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from gongkai.common.files import write_atomic
from gongkai.publishing import faults

MANIFEST = ".gongkai-manifest.json"
KEEP = 5
_NOT_RELEASES = (".building", ".pruning")


@dataclass(frozen=True)
class Release:
    path: Path
    created: str
    pages: int
    problems: tuple[str, ...]  # empty: every file matches the manifest

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def verified(self) -> bool:
        return not self.problems


def digests(folder: Path) -> dict[str, list]:
    """[size, SHA-256] of every file of a finished build, by path: what its manifest will list."""
    return {rel: [size, digest] for rel, size, digest in _files(folder)}


def write_manifest(folder: Path, files: dict[str, list] | None = None, checked: str = "") -> None:
    """`files` as `digests` gave them (made here if not given); `checked`: the stamp of the check these files passed."""
    files = digests(folder) if files is None else files
    pages = sum(1 for rel in files if rel.endswith(".html"))
    manifest = {"created": time.strftime("%Y-%m-%d %H:%M:%S"), "pages": pages, "files": files, "checked": checked}
    write_atomic(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True))


def checked_files(link: Path, stamp: str) -> dict[str, list]:
    """Path → [size, SHA-256] of the live release's files when they passed the same check (`stamp`); else nothing.

    A manifest is written only after its files passed the check, so the digests it lists are of checked bytes
    whatever has happened to the files since; a file of a new build with one of those digests is those bytes.
    """
    target = live_target(link)
    if target is None:
        return {}
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not stamp or manifest.get("checked") != stamp:
        return {}
    return manifest["files"]


def inspect(folder: Path) -> Release:
    """The release in `folder` with what is wrong with it (in Chinese), checked file by file."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed: dict[str, list] = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return Release(folder, "", 0, ("没有完整的文件清单（未发布完成，或是旧版本的发布）",))
    problems = []
    found = set()
    for rel, size, digest in _files(folder, sizes=listed):
        found.add(rel)
        if rel not in listed:
            problems.append(f"多出文件 {rel}")
        elif [size, digest] != listed[rel]:
            problems.append(f"文件已改变 {rel}")
    problems += [f"缺少文件 {rel}" for rel in sorted(set(listed) - found)]
    return Release(folder, str(manifest.get("created", "")), int(manifest.get("pages", 0)), tuple(problems))


def listed(releases_dir: Path) -> list[Path]:
    """The release folders, oldest first (names are times, so name order is time order)."""
    if not releases_dir.is_dir():
        return []
    return sorted(p for p in releases_dir.iterdir() if p.is_dir() and not p.name.startswith(".") and not p.name.endswith(_NOT_RELEASES))


def live_target(link: Path) -> Path | None:
    return link.resolve() if link.is_symlink() else None


def point(link: Path, target: Path) -> None:
    temporary = link.with_name(f".{link.name}.{os.getpid()}")
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(os.path.relpath(target, link.parent))
    os.replace(temporary, link)  # one rename: readers see the old site or the new, never a mix


def prune(releases_dir: Path, live: Path | None) -> None:
    """Keep the newest KEEP releases and the live one; rename each other one out, then delete it."""
    for old in listed(releases_dir)[:-KEEP]:
        if old == live:
            continue
        doomed = old.rename(old.with_name(old.name + ".pruning"))
        faults.reached("prune", half_delete=doomed)
        shutil.rmtree(doomed, ignore_errors=True)


def new_name(releases_dir: Path) -> str:
    name = time.strftime("%Y%m%d-%H%M%S")
    while (releases_dir / name).exists():
        name += "-1"  # two publishes in one second: the later still sorts after the earlier
    return name


def _files(folder: Path, sizes: dict[str, list] | None = None):
    """(relative path, size, SHA-256) of every file but the manifest; a size that differs from
    `sizes` is reported without reading the file."""
    for path in sorted(folder.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        if rel == MANIFEST:
            continue
        size = path.lstat().st_size
        if sizes is not None and rel in sizes and sizes[rel][0] != size:
            yield rel, size, ""
            continue
        with path.open("rb") as handle:
            yield rel, size, hashlib.file_digest(handle, "sha256").hexdigest()
