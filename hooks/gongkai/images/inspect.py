"""A cheap look at each photo for `gongkai check`, so a broken photo is found before the build.

Header and size (through `ops.probe`, the pipeline's own refusals) and the
end of the JPEG stream (a copy cut off mid-way has no end marker). Only a file
that does not end as it should is decoded, to tell a camera's trailer from a
truncated file. Verdicts are kept by content hash under the cache folder, and
the hash by size, time and inode: a second check reads no photo again.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PIL import Image

from gongkai.common.files import write_atomic
from gongkai.images import ops

VERSION = "v1"
_TAIL = 4096  # the end marker, after any padding


class PhotoInspector:
    """Call with a photo's path: what is wrong with it in Chinese, or None. `save()` keeps the verdicts."""

    def __init__(self, data_root: Path, cache_dir: Path):
        self.inside = Path(data_root).resolve()
        self.path = Path(cache_dir) / "photo-check.json"
        try:
            known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        fresh = isinstance(known, dict) and known.get("version") == VERSION
        self.files: dict[str, list] = known.get("files", {}) if fresh else {}  # path -> [size, mtime, inode, hash]
        self.verdicts: dict[str, str] = known.get("verdicts", {}) if fresh else {}  # hash -> problem ("" = fine)
        self.opened = 0  # photos read in this run (0 on a second check of unchanged photos)
        self._changed = False

    def __call__(self, path: Path) -> str | None:
        try:
            info = path.stat()
            identity = [info.st_size, info.st_mtime_ns, info.st_ino]  # of the file a link points to
            known = self.files.get(str(path))
            if known and known[:3] == identity and known[3] in self.verdicts:
                return self.verdicts[known[3]] or None
            if not path.resolve().is_relative_to(self.inside):
                return "照片必须放在 data 文件夹里（不能是指向文件夹外的链接）"
            with path.open("rb") as file:
                digest = hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
        except (OSError, RuntimeError, ValueError):
            return "照片文件无法读取（请检查文件权限）"
        self.files[str(path)] = [*identity, digest]
        self._changed = True
        if digest not in self.verdicts:
            self.opened += 1
            self.verdicts[digest] = _verdict(path)
        return self.verdicts[digest] or None

    def save(self) -> None:
        if not self._changed:
            return  # a preview rebuild with no new photo writes nothing
        self._changed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps({"version": VERSION, "files": self.files, "verdicts": self.verdicts}))
        except OSError:
            pass  # a cache that cannot be written only costs time next run


def _verdict(path: Path) -> str:
    try:
        ops.probe(path)
        with open(path, "rb") as file:
            head = file.read(3)
            file.seek(max(0, path.stat().st_size - _TAIL))
            tail = file.read()
        if head != b"\xff\xd8\xff" or tail.rstrip(b"\x00\r\n ").endswith(b"\xff\xd9"):
            return ""
        with Image.open(path) as image:  # no end marker near the end: decode to be sure
            image.load()
    except ops.ImageProblem as problem:
        return str(problem)
    except Exception:  # noqa: BLE001 - a decoder meeting a cut-off or hostile file can raise nearly anything
        return ops.BROKEN
    return ""
