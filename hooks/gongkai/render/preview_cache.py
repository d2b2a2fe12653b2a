"""Preview rebuilds re-render only the record pages whose inputs changed.

`gongkai serve` rebuilds the whole site on every save. At district scale that
is tens of thousands of record pages; a page that reads only organization
files (PageSpec.org_bound) whose versions, the templates and the settings are
unchanged renders to the same HTML, so its last body is reused from the
session's Memory. Other pages (events, quarters, albums, sections) are few and
always re-rendered. A plain `gongkai build` never reuses a body.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Optional

from gongkai.common.memo import Memory
from gongkai.plan.spec import PageSpec
from gongkai.records.catalog import Catalog

TABLE = "page_bodies"  # src_uri → (fingerprint, rendered result)


def global_key(catalog: Catalog, template_dir: Path, *parts: object) -> str:
    """Everything every record page may read besides organization files."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(template_dir.rglob("*.html")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    for rel, version in catalog.other_versions():
        digest.update(f"{rel}:{version};".encode())
    digest.update(repr(parts).encode())
    return digest.hexdigest()


def fingerprint(spec: PageSpec, catalog: Catalog, common: str) -> Optional[str]:
    """The page's inputs as one hash, or None for a page that is always re-rendered."""
    if not spec.org_bound:
        return None
    versions = [catalog.org_version(i) for i in spec.orgs]
    return hashlib.blake2b(f"{common}|{'|'.join(versions)}".encode(), digest_size=16).hexdigest()


def cached_bodies(memory: Memory, fingerprints: dict[str, Optional[str]]) -> dict[str, Any]:
    known = {}
    for uri, fp in fingerprints.items():
        kept = memory.get(TABLE, uri) if fp else None
        if kept is not None and kept[0] == fp:
            known[uri] = kept[1]
    return known


def remember(memory: Memory, fingerprints: dict[str, Optional[str]], bodies: dict[str, Any]) -> None:
    for uri, body in bodies.items():
        if fingerprints.get(uri):
            memory.put(TABLE, uri, (fingerprints[uri], body))
