"""What one build learned, kept on disk for the next: `<cache_dir>/build-<code version>/`.

Why: between two publishes a district changes a few hundred of its 4,000
files, yet every build used to read, validate and render everything again.
Entries are content-addressed (the key is a hash of every input the entry was
made from), so an entry is found only when all its inputs are unchanged; the
folder's name is a hash of gongkai's own code and of the libraries that shape
records and HTML, so new code never reads what old code wrote. Deleting the
folder is always safe: the next build is a cold one.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, Iterable, Optional

# Libraries whose version changes what a record or a page is made into.
SHAPERS = ("pydantic", "pydantic-core", "PyYAML", "Jinja2", "MarkupSafe", "nh3", "Markdown", "jieba", "segno", "mkdocs", "mkdocs-material", "properdocs")
PACKAGE = Path(__file__).resolve().parents[1]  # hooks/gongkai


def code_version(package: Path = PACKAGE) -> str:
    """A hash of gongkai's source files, the Python version and the shaping libraries' versions."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(sys.version.encode())
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in SHAPERS:
        try:
            digest.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-;".encode())
    return digest.hexdigest()


def key_of(*parts: object) -> str:
    """A file-name-safe hash of everything an entry was made from."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


class BuildCache:
    """One folder per kind of entry (records, pages), each entry one file named by its key."""

    def __init__(self, cache_dir: Path, version: Optional[str] = None):
        self.version = version or code_version()
        self.root = Path(cache_dir) / f"build-{self.version}"
        if not self.root.is_dir() and Path(cache_dir).is_dir():
            # Another code version's entries can never be found again: free their space.
            for old in Path(cache_dir).glob("build-*"):
                shutil.rmtree(old, ignore_errors=True)

    def path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def read(self, kind: str, key: str) -> Optional[bytes]:
        try:
            return self.path(kind, key).read_bytes()
        except OSError:
            return None

    def write(self, kind: str, key: str, data: bytes) -> None:
        self.write_parts(kind, key, (data,))

    def write_parts(self, kind: str, key: str, parts: Iterable[bytes]) -> None:
        """The entry made piece by piece (a large one is never whole in memory); atomic, so a build stopped
        half-way or a second build at once never leaves half an entry."""
        path = self.path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{key}.{os.getpid()}.tmp")
        with open(temporary, "wb") as out:
            for part in parts:
                out.write(part)
        os.replace(temporary, path)

    def open(self, kind: str, key: str) -> Optional[BinaryIO]:
        """The entry to read piece by piece, or None."""
        try:
            return open(self.path(kind, key), "rb")
        except OSError:
            return None

    def link_out(self, kind: str, key: str, target: Path) -> bool:
        """Put the entry at `target` (its folder exists) as a hard link, else a copy; False when none is kept.

        A link instead of a write: one system call, no second copy on disk, and on a disk
        busy with a build's other files about a tenth of the time of writing the bytes."""
        kept = self.path(kind, key)
        try:
            os.link(kept, target)
        except FileNotFoundError:
            return False
        except FileExistsError:  # a build into a folder that already has the site (mkdocs build --dirty)
            target.unlink()
            return self.link_out(kind, key, target)
        except OSError:  # the cache on another file system, or one without hard links
            try:
                shutil.copyfile(kept, target)
            except OSError:
                return False
        return True

    def identities(self, kind: str) -> dict[str, tuple[int, int]]:
        """Every entry of `kind` by its (device, inode): a file in the site with the same one is the entry itself.
        Read from the folders' listings (256 of them), not by a stat of each of 25,000 entries."""
        found: dict[str, tuple[int, int]] = {}
        try:
            device = os.stat(self.root / kind).st_dev
            folders = list(os.scandir(self.root / kind))
        except OSError:
            return found
        for folder in folders:
            try:
                with os.scandir(folder.path) as entries:
                    found.update((e.name, (device, e.inode())) for e in entries if e.is_file(follow_symlinks=False))
            except OSError:
                continue
        return found

    def link_in(self, kind: str, key: str, source: Path) -> None:
        """Keep the file just written at `source` as the entry (a hard link, else a copy); atomic."""
        kept = self.path(kind, key)
        kept.parent.mkdir(parents=True, exist_ok=True)
        temporary = kept.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            temporary.unlink(missing_ok=True)
            os.link(source, temporary)
        except OSError:
            self.write(kind, key, source.read_bytes())
            return
        os.replace(temporary, kept)  # a stopped build never leaves half an entry

    def prune(self, kind: str, keep: Iterable[str]) -> int:
        """Remove the entries of `kind` not in `keep` (what the build that just finished did not need)."""
        keep = set(keep)
        removed = 0
        for path in (self.root / kind).glob("*/*"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
