"""The demo builds the same with MkDocs 1.6 and with ProperDocs, its maintained continuation."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, build_site

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(demo_site: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path, ROOT / "data", engine="properdocs", as_of="2024-12-31")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "MkDocs 2.0" not in result.stderr and "WARNING" not in result.stderr
    mkdocs, properdocs = _files(demo_site), _files(tmp_path / "site")
    assert sorted(properdocs) == sorted(mkdocs)
    differ = [name for name in mkdocs if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])]
    assert differ == []
    assert b"ProperDocs" in properdocs["index.html"] and b"mkdocs-1.6.1" in mkdocs["index.html"]
