"""The one catalog of records and their cross-references.

Every other part of gongkai (pages, images, exports, search) reads a Catalog,
never the YAML. `build_catalog` checks references across files; `publishable`
applies the publication gate in one place.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Optional

from gongkai.records import loader, schema
from gongkai.records.crossref import PhotoInspector, check_references
from gongkai.records.hints import suggest_ids
from gongkai.records.record_cache import RecordCache
from gongkai.common.memo import Memory
from gongkai.common.problems import DataError


@dataclass(frozen=True)
class HonorEntry:
    honor: schema.Honor
    org: schema.Organization
    member: Optional[schema.Member] = None

    @property
    def holder_name(self) -> str:
        return self.member.name if self.member else self.org.name


@dataclass
class Catalog:
    root: Path
    orgs: dict[str, schema.Organization]
    events: dict[str, schema.Event]
    albums: dict[str, schema.Album]
    quarters: dict[str, schema.Quarter]
    sources: dict[int, loader.Origin] = field(default_factory=dict, repr=False)
    versions: dict[str, str] = field(default_factory=dict, repr=False)  # data file → content hash
    members: dict[str, schema.Member] = field(init=False)
    pledges: list[schema.Pledge] = field(init=False)
    honors: list[HonorEntry] = field(init=False)
    children: dict[Optional[str], list[str]] = field(init=False)
    _by_quarter: dict[str, list[schema.Pledge]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.members = {m.key: m for org in self.orgs.values() for m in org.members}
        self.pledges = [p for org in self.orgs.values() for p in org.pledges]
        self.honors = [HonorEntry(h, org) for org in self.orgs.values() for h in org.honors]
        self.honors += [HonorEntry(h, self.orgs[m.org_id], m) for m in self.members.values() for h in m.honors]
        self.children = defaultdict(list)
        for org_id, org in self.orgs.items():
            self.children[org.parent if org.parent in self.orgs else None].append(org_id)
        self._by_quarter = {}

    # -- the tree -------------------------------------------------------------
    def roots(self) -> list[str]:
        return list(self.children[None])

    def ancestors(self, org_id: str) -> list[str]:
        chain, seen = [], {org_id}
        parent = self.orgs[org_id].parent
        while parent in self.orgs and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.orgs[parent].parent
        return chain

    def subtree(self, org_id: str) -> Iterator[str]:
        """The organization and every organization under it."""
        yield org_id
        for child in self.children.get(org_id, []):
            yield from self.subtree(child)

    def quarter_pledges(self, key: str) -> list[schema.Pledge]:
        """The pledges of one quarter, grouped once: pages must not scan every pledge per quarter."""
        if not self._by_quarter:
            for pledge in self.pledges:
                self._by_quarter.setdefault(pledge.quarter, []).append(pledge)
        return self._by_quarter.get(key, [])

    def owner_name(self, pledge: schema.Pledge) -> str:
        if pledge.member:
            return self.members[f"{pledge.org_id}/{pledge.member}"].name
        return self.orgs[pledge.org_id].name

    def honors_at(self, event_id: str) -> list[HonorEntry]:
        return [entry for entry in self.honors if entry.honor.event == event_id]

    def source_file(self, record: object) -> str:
        """The data file a record came from (for edit links), relative to the project."""
        return self.sources[id(record)].file

    def version_of(self, record: object) -> str:
        """The content hash of the data file a record came from; "" for a record made in memory."""
        origin = self.sources.get(id(record))
        return self.versions.get(origin.file, "") if origin else ""

    def org_version(self, org_id: str) -> str:
        """The content hash of an organization's file (.yml or .yaml); "" when it is not in the catalog."""
        org = self.orgs.get(org_id)
        return "" if org is None else self.version_of(org)

    def other_versions(self) -> list[tuple[str, str]]:
        """(file, content hash) of every data file that is no organization's, in order: what every page may read."""
        organizations = f"{self.root.name}/organizations/"
        return sorted((rel, version) for rel, version in self.versions.items() if not rel.startswith(organizations))

    def publishable(self, preview: bool = False, memory: Optional[Memory] = None) -> "Catalog":
        """The catalog residents may see.

        Drafts appear only in the preview server; pledges appear only after
        signing (past 组织审诺); revoked honors never appear.
        """
        def shown(record) -> bool:
            return preview or not record.draft

        memory = memory or Memory()
        orgs = {}
        for org_id, org in self.orgs.items():
            if not (shown(org) and all(shown(self.orgs[a]) for a in self.ancestors(org_id))):
                continue
            # A record read from an unchanged file is the same object: so is its public copy.
            orgs[org_id] = memory.per_record("public_copies", org, preview, lambda: _public_copy(org_id, org, shown))
        sources = dict(self.sources)
        for org_id, copy in orgs.items():
            sources[id(copy)] = self.sources[id(self.orgs[org_id])]
        events = {k: e for k, e in self.events.items() if shown(e)}
        albums = {k: a for k, a in self.albums.items() if shown(a)}
        return replace(self, orgs=orgs, events=events, albums=albums, sources=sources)


def _public_copy(org_id: str, org: schema.Organization, shown) -> schema.Organization:
    # A member with no revoked honor is itself public (40,000 copies were 0.3 s of a district build).
    members = [m if not any(h.revoked for h in m.honors) else m.model_copy(update={"honors": [h for h in m.honors if not h.revoked]})
               for m in org.members if shown(m)]
    member_ids = {m.id for m in members}
    pledges = [p for p in org.pledges if shown(p) and p.history.signed and (p.member is None or p.member in member_ids)]
    for record in (*members, *pledges):
        if record.org_id != org_id:
            record.org_id = org_id
    copy = org.model_copy(update={"honors": [h for h in org.honors if not h.revoked], "members": members, "pledges": pledges})
    copy.id = org_id
    return copy


def build_catalog(root: Path, memory: Optional[Memory] = None, cache: Optional[RecordCache] = None,
                  inspect_photo: Optional[PhotoInspector] = None) -> Catalog:
    """Load, validate and cross-check every record; raise DataError listing all problems.

    cache: validated records kept on disk by earlier builds (records/record_cache.py).
    inspect_photo: given a photo's path, what is wrong with it (None: nothing); from the images stage,
    so `check` reports a broken photo against the record and line that use it.
    """
    loaded = loader.load(root, memory, cache)
    catalog = Catalog(root, loaded.orgs, loaded.events, loaded.albums, loaded.quarters, loaded.origins, loaded.versions)
    check_references(catalog, loaded, inspect_photo)
    if loaded.problems:
        suggest_ids(loaded)
        raise DataError(loaded.problems)
    return catalog
