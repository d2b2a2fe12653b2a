"""Preview rebuilds re-render only the record pages whose inputs changed.

`mkdocs serve` rebuilds the whole site on every save. At district scale that
is tens of thousands of record pages; a page whose data files, templates and
settings are unchanged renders to the same HTML, so its last body is reused.
The cache lives at module level because `mkdocs serve` keeps hook modules
loaded between rebuilds; a plain `mkdocs build` never consults it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable, Optional

from gongkai.records.catalog import Catalog
from gongkai.plan.pages import PageSpec

_bodies: dict[str, tuple[str, Any]] = {}  # src_uri → (fingerprint, rendered result)

# Record pages that read one organization's file (and its tree): all others
# (events, quarters, albums) are few and always re-rendered.
_ORG_TEMPLATES = {"organization.html", "board.html", "member.html", "print_board.html"}


def global_key(catalog: Catalog, template_dir: Path, *parts: object) -> str:
    """Everything every record page may read besides organization files."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(template_dir.rglob("*.html")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    for rel, version in sorted(catalog.versions.items()):
        if not rel.startswith("data/organizations/"):
            digest.update(f"{rel}:{version};".encode())
    digest.update(repr(parts).encode())
    return digest.hexdigest()


def fingerprint(spec: PageSpec, catalog: Catalog, common: str) -> Optional[str]:
    org, scope = spec.context.get("org"), spec.context.get("scope")
    if spec.template in ("quarter_board.html", "members.html") and scope:
        # One organization's tree (splits.py); the trail names its ancestors.
        ids: Iterable[str] = [*catalog.subtree(scope), *catalog.ancestors(scope)]
    elif spec.template not in _ORG_TEMPLATES or org is None:
        return None
    elif spec.template == "organization.html":
        # Roll-ups read the whole subtree; the page also names its parent.
        ids = [*catalog.subtree(org.id), *catalog.ancestors(org.id)[:1]]
    else:
        ids = [org.id]
    versions = [catalog.versions.get(f"data/organizations/{i}.yml", "") for i in ids]
    return hashlib.blake2b(f"{common}|{'|'.join(versions)}".encode(), digest_size=16).hexdigest()


def cached_bodies(fingerprints: dict[str, Optional[str]]) -> dict[str, Any]:
    return {uri: _bodies[uri][1] for uri, fp in fingerprints.items() if fp and uri in _bodies and _bodies[uri][0] == fp}


def remember(fingerprints: dict[str, Optional[str]], bodies: dict[str, Any]) -> None:
    for uri, body in bodies.items():
        if fingerprints.get(uri):
            _bodies[uri] = (fingerprints[uri], body)
