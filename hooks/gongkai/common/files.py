"""Writing a file so that a reader, or a build that stops half-way, never sees half of it,
and so that a hard link to a kept cache entry is never written through."""
from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write beside the target, then rename over it (one step on POSIX)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        data = data.encode("utf-8")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_new(target: Path, data: bytes) -> None:
    """A new file, never one overwritten in place: the old one may be a hard link to a kept cache entry."""
    try:
        with open(target, "xb") as out:
            out.write(data)
    except FileExistsError:
        target.unlink()
        with open(target, "xb") as out:
            out.write(data)
