"""Where a build keeps its search index: parts in the build cache, each named by a hash of its bytes.

Why: the index kept as one entry was 186 MB at district scale (documents,
postings and every file's bytes), read whole and written whole by every build
that changed one pledge: 3 s of the everyday build. As parts (pieces of
documents, groups of postings, the site's search files) a build reads only
the parts its edit touches and writes only the parts that came out different;
a search file the site needs unchanged is hard-linked from its kept copy.

A part can be gone when it is asked for (the cache folder deleted, or pruned
by another build of the same site at the same time): `Missing`, and the
build indexes everything anew, which is always right.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Optional

from gongkai.common.build_cache import BuildCache
from gongkai.common.files import write_new


class Missing(Exception):
    """A part the kept index names is gone or damaged."""


def part_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class PartStore:
    """One site profile's parts (a kiosk build never prunes the intranet site's)."""

    def __init__(self, cache: BuildCache, index_key: str):
        self.cache, self.kind = cache, f"search-{index_key[:16]}"

    def get(self, key: str) -> bytes:
        data = self.cache.read(self.kind, key)
        if data is None or part_key(data) != key:
            raise Missing(key)
        return data

    def put(self, data: bytes, key: Optional[str] = None) -> str:
        key = key or part_key(data)
        if not self.cache.path(self.kind, key).is_file():
            self.cache.write(self.kind, key, data)
        return key

    def place(self, target: Path, data: Optional[bytes], key: Optional[str] = None) -> None:
        """A search file into the site: linked from its kept copy; else written (never in place) and kept."""
        key = key or part_key(data)
        if self.cache.link_out(self.kind, key, target):
            return
        if data is None:
            raise Missing(key)
        write_new(target, data)
        self.cache.link_in(self.kind, key, target)

    def prune(self, keep: Iterable[str]) -> None:
        self.cache.prune(self.kind, keep)
