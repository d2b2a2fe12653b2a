"""What any page may look up by id besides its own records: names and titles.

Templates get their page's records in the page context (plan/pages.py) and
this directory for everything else they print: an organization's name, a
pledge owner's name, a quarter's theme, an event's title. They never get the
catalog itself, so a page cannot quietly read records it did not declare
(PageSpec.orgs), which is what the preview's reuse of pages relies on.
"""
from __future__ import annotations

from typing import Any, Optional

from gongkai.records.catalog import Catalog


class Names:
    def __init__(self, catalog: Catalog):
        self._catalog = catalog

    def org(self, org_id: Optional[str]) -> str:
        """The organization's name; "" for an unknown id (templates test it before linking)."""
        org = self._catalog.orgs.get(org_id) if org_id else None
        return org.name if org else ""

    def owner(self, pledge: Any) -> str:
        """Who made the pledge: the member's name, else the organization's."""
        return self._catalog.owner_name(pledge)

    def member(self, pledge: Any) -> Any:
        """The member who made the pledge (a record of the pledge's own organization file), or None."""
        return self._catalog.members.get(f"{pledge.org_id}/{pledge.member}") if pledge.member else None

    def quarters(self) -> list[str]:
        """Every quarter with a theme, oldest first."""
        return sorted(self._catalog.quarters)

    def theme(self, key: str) -> str:
        quarter = self._catalog.quarters.get(key)
        return quarter.theme if quarter else ""

    def event(self, event_id: Optional[str]) -> str:
        event = self._catalog.events.get(event_id) if event_id else None
        return event.title if event else ""
