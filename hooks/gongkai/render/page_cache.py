"""Rendered record pages kept between builds, each under a hash of everything it was made from.

Why: rendering record pages is the other slow half of a district build. A
page that reads only organization files (PageSpec.org_bound) renders to the
same body as long as those files, the photos they show, its
templates (by content, with those they include), the settings, the themed shells and the list of other
pages are unchanged; all of that goes into its key, so a changed input
misses the cache instead of serving a stale page.

The whole page file is kept, and a build hard-links it into the site folder
(BuildCache.link_out) instead of writing it: one system call instead of
writing 50 KB, and no second copy on disk. An everyday district build changes
a few hundred of 25,000 pages, so that is most of its record-page time. Pages
are never written in place (common.files.write_new), so neither the site nor
the cache changes the other.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

import jinja2
from jinja2 import meta

from gongkai.common.build_cache import BuildCache
from gongkai.plan.spec import PageSpec
from gongkai.records.catalog import Catalog

KIND = "pages"


def template_keys(template_dir: Path) -> dict[str, str]:
    """Each template's key: a hash of its text and of every template it includes, imports or extends.
    A template that names another by an expression depends, for all we know, on every template."""
    sources = {p.relative_to(template_dir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(template_dir.rglob("*.html"))}
    parser = jinja2.Environment()
    uses = {name: set(meta.find_referenced_templates(parser.parse(text))) for name, text in sources.items()}
    everything = _digest(sources.items())

    def closure(name: str) -> Optional[set[str]]:
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            if None in uses.get(current, {None}):
                return None
            todo += uses[current]
        return found

    keys = {}
    for name in sources:
        needed = closure(name)
        keys[name] = everything if needed is None else _digest((n, sources[n]) for n in sorted(needed))
    return keys


def _digest(named_texts) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name, text in named_texts:
        digest.update(f"{name}\0{text}\0".encode())
    return digest.hexdigest()


def common_key(catalog: Catalog, *parts: object) -> str:
    """Everything every record page may read besides organization files and its templates: other data files, parts."""
    digest = hashlib.blake2b(digest_size=16)
    for rel, version in catalog.other_versions():
        digest.update(f"{rel}:{version};".encode())
    digest.update(repr(parts).encode())
    return digest.hexdigest()


def fingerprint(spec: PageSpec, catalog: Catalog, common: str, photos: dict[str, str], templates: dict[str, str]) -> Optional[str]:
    """The page's key: the common inputs, its templates, and the versions and photos of the organizations it reads.
    None for a page that reads more than organization files (always rendered)."""
    if not spec.org_bound or spec.template not in templates:
        return None
    own = [f"{i}:{catalog.org_version(i)}:{photos.get(i, '')}" for i in spec.orgs]
    text = f"{spec.src_uri}|{spec.title}|{spec.source}|{templates[spec.template]}|{common}|{'|'.join(own)}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class PageCache:
    """Page files by page, for one build's fingerprints (shared with forked workers)."""

    def __init__(self, cache: BuildCache, fingerprints: dict[str, Optional[str]]):
        self.cache, self.fingerprints = cache, fingerprints
        self._identities: Optional[dict[str, tuple[int, int]]] = None

    def place(self, src_uri: str, target: Path) -> bool:
        """Put the kept file of the page at `target` (its folder exists); False when there is none."""
        key = self.fingerprints.get(src_uri)
        return bool(key) and self.cache.link_out(KIND, key, target)

    def holds(self, src_uri: str, identity: tuple[int, int]) -> bool:
        """Whether the file with this (device, inode), taken back from the last build, is the page's kept entry."""
        key = self.fingerprints.get(src_uri)
        if self._identities is None:
            self._identities = self.cache.identities(KIND)
        return bool(key) and self._identities.get(key) == identity

    def keep(self, src_uri: str, target: Path) -> None:
        """Keep the page just written at `target` for the next build."""
        key = self.fingerprints.get(src_uri)
        if key:
            self.cache.link_in(KIND, key, target)

    def prune(self) -> int:
        """Drop the pages no longer part of the site, or made from inputs since changed."""
        return self.cache.prune(KIND, {key for key in self.fingerprints.values() if key})
