"""Which photo files the records name, and as what (a member's portrait, or a photo).

A district's 160,000 pledges are walked for their progress photos twice a
build (to start the image pool, and for the page keys): 0.6 s. A plain build
keeps each organization's list by its file's hash (common/kept_values).
"""
from __future__ import annotations

from typing import Iterator, Optional

from gongkai.common.kept_values import KeptValues
from gongkai.records.catalog import Catalog


class PhotoRefs:
    def __init__(self, catalog: Catalog, kept: Optional[KeptValues] = None):
        self.catalog, self.kept = catalog, kept

    def of(self, org) -> list[tuple[str, str]]:
        """(file, kind) of the photos an organization's file names: its members' portraits, its pledges' progress photos."""
        version = self.catalog.version_of(org) if self.kept is not None else None
        if not version:
            return org_refs(org)
        return self.kept.recall((org.id, version), lambda: org_refs(org))

    def every(self) -> Iterator[tuple[str, str]]:
        """(file, kind) of every photo the catalog shows: for the image pool to start at once."""
        for org in self.catalog.orgs.values():
            yield from self.of(org)
        for album in self.catalog.albums.values():
            for photo in album.files:
                yield photo.file, "photo"

    def keep(self) -> None:
        if self.kept is not None:
            self.kept.save()


def org_refs(org) -> list[tuple[str, str]]:
    portraits = [(member.portrait, "portrait") for member in org.members if member.portrait]
    return portraits + [(photo, "photo") for pledge in org.pledges for update in pledge.progress for photo in update.photos]
