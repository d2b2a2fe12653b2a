"""Which files under data/ are records, and what is wrong with their names.

A file name is a record's id and becomes its URL, so names follow the id
rule; a file the loader would skip is reported, never silently left out
(`hetang.yaml` once vanished from the site while check passed).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.common.problems import Problem
from gongkai.records import privacy, schema

ID_RULE = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")
ID_TEXT = "编号只能用小写字母、数字和连字符「-」（不能有汉字、空格和大写字母），最长 61 个字符，如 hetang-cun"
YAML_SUFFIXES = (".yml", ".yaml")
_FOLDERS = ("organizations", "events", "albums")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp"}


@dataclass
class RecordFile:
    path: Path
    id: str
    usable: bool = True  # False: its name breaks the id rule; read for its problems, kept out of the site


@dataclass
class DataFiles:
    organizations: list[RecordFile] = field(default_factory=list)
    events: list[RecordFile] = field(default_factory=list)
    albums: list[RecordFile] = field(default_factory=list)
    quarters: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # ids of records not read: references to them are not reported


def find(root: Path) -> DataFiles:
    found = DataFiles()
    if not root.is_dir():
        found.problems.append(Problem(f"{root.name}/", 1, "", f"找不到数据文件夹 {root}：请检查 mkdocs.yml 里的 data_dir 或 --data"))
        return found
    inside = root.resolve()
    for entry in _entries(root):  # `Organizations/` would be read by no one
        if entry.is_dir() and entry.name.lower() in _FOLDERS and entry.name not in _FOLDERS:
            _refuse(found, root, entry, f"文件夹名应为 {entry.name.lower()}（全部小写），否则里面的记录不会被读取")
    for folder, into in zip(_FOLDERS, (found.organizations, found.events)):
        for entry in _entries(root / folder):
            if entry.is_dir() or not _is_yaml(entry):
                _refuse(found, root, entry, f"这里只放记录文件（.yml），{'文件夹' if entry.is_dir() else '这个文件'}不会被读取：请移到别处")
            elif not entry.is_file() or not os.access(entry, os.R_OK):  # a pipe named .yml would block the reader
                _refuse(found, root, entry, "这个文件无法读取（不是普通文件，或没有读取权限）")
            elif _accept(found, root, inside, entry):
                into.append(RecordFile(entry, entry.name[: -len(entry.suffix)]))
        _check_names(found, root, into, "文件名")
    for entry in _entries(root / "albums"):
        if not entry.is_dir():
            _refuse(found, root, entry, "albums/ 里只放相册文件夹（每个文件夹里一个 album.yml 和照片）")
            continue
        yml = [p for p in _entries(entry) if p.name.lower() in ("album.yml", "album.yaml") and p.is_file()]
        if not yml:
            _refuse(found, root, entry, "相册文件夹里没有 album.yml：请照 data/README.md 第十节写一个")
        elif _accept(found, root, inside, entry) and _accept(found, root, inside, yml[0]):
            found.albums.append(RecordFile(yml[0], entry.name))
    _check_names(found, root, found.albums, "文件夹名")
    quarters = [p for p in _entries(root) if p.name.lower() in ("quarters.yml", "quarters.yaml") and p.is_file()]
    if quarters and _accept(found, root, inside, quarters[0]):
        found.quarters = quarters[0]
    elif not quarters:
        found.problems.append(Problem(_rel(root, root / "quarters.yml"), 1, "", "缺少季度主题文件 data/quarters.yml：每条承诺的「季度」都要在这里有主题（写法见 data/README.md 第八节）"))
    return found


def _entries(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # Hidden files (.DS_Store) and editor backups (name~) are no one's records.
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and not p.name.endswith("~"))
    except OSError:  # a folder without read permission: its records are missing, and say so by their references
        return []


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def _accept(found: DataFiles, root: Path, inside: Path, path: Path) -> bool:
    """A record must lie in data/: one linked from elsewhere would publish a file no one here keeps."""
    try:
        ok = not any(p.is_symlink() for p in (path, *path.parents[:3])) or path.resolve().is_relative_to(inside)
    except (OSError, RuntimeError):  # a link loop
        ok = False
    if not ok:
        _refuse(found, root, path, "这是指向 data/ 以外的链接，不会被读取：请把文件本身放进 data/")
    return ok


def _check_names(found: DataFiles, root: Path, records: list[RecordFile], what: str) -> None:
    """Ids that differ only in letter case or suffix are one id; of those, the one written by the rule is kept."""
    groups: dict[str, list[RecordFile]] = {}
    for record in records:
        groups.setdefault(record.id.lower(), []).append(record)
    for same in groups.values():
        same.sort(key=lambda r: (not ID_RULE.fullmatch(r.id), r.path.suffix != ".yml", r.path.name))
        for record in same[1:]:
            record.usable = False
            found.problems.append(Problem(_rel(root, record.path), 1, "", f"与 {_rel(root, same[0].path)} 是同一个编号「{same[0].id}」（只差大小写或扩展名），请删去或改名其中一个"))
        if not ID_RULE.fullmatch(same[0].id):
            same[0].usable = False
            found.problems.append(Problem(_rel(root, same[0].path), 1, "", f"{what}「{same[0].id}」不能作编号：{ID_TEXT}"))
            found.refused |= {same[0].id, same[0].id.lower()}
        elif privacy.find(same[0].id):  # the id is the page's address
            same[0].usable = False
            found.problems.append(Problem(_rel(root, same[0].path), 1, "", f"{what}名：{privacy.private_data_message(same[0].id)}（文件名会成为网址）"))
            found.refused |= {same[0].id, same[0].id.lower()}


def _refuse(found: DataFiles, root: Path, path: Path, message: str) -> None:
    found.problems.append(Problem(_rel(root, path), 1, "", message))
    found.refused.add(path.name.split(".")[0])


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root.parent).as_posix()


def album_photos(album: schema.Album, folder: Path, root: Path) -> list[schema.Photo]:
    """Listed photos first, in the clerk's order, then any other photo in the folder."""
    listed = {photo.file for photo in album.photos}
    rest = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.name not in listed)
    photos = [schema.Photo.model_construct(file=photo.file, caption=photo.caption) for photo in album.photos]
    photos += [schema.Photo.model_construct(file=name, caption=None) for name in rest]
    prefix = folder.relative_to(root).as_posix()
    for photo in photos:
        photo.file = f"{prefix}/{photo.file}"
    return photos
