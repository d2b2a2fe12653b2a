"""Which photo files the records name, and as what (a member's portrait, or a photo)."""
from __future__ import annotations

from typing import Iterator

from gongkai.records.catalog import Catalog


def image_refs(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(file, kind) of every photo the catalog shows: for the image pool to start at once."""
    for member in catalog.members.values():
        if member.portrait:
            yield member.portrait, "portrait"
    for pledge in catalog.pledges:
        for update in pledge.progress:
            for photo in update.photos:
                yield photo, "photo"
    for album in catalog.albums.values():
        for photo in album.files:
            yield photo.file, "photo"


def org_photos(org) -> Iterator[str]:
    """The photos an organization's file names: its members' portraits and its pledges' progress photos."""
    yield from (member.portrait for member in org.members if member.portrait)
    yield from (photo for pledge in org.pledges for update in pledge.progress for photo in update.photos)
