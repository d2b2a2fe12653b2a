"""PageSpec: one page of the plan, with everything later stages need to know about it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional


@dataclass(frozen=True)
class Findable:
    """One search result a page offers: the page itself (anchor "") or a part of it (a pledge on its board).

    names are found whole and rank first (an organization's, a person's name, a
    pledge's title); words are the record's short fields; text its long ones.
    """

    title: str
    kind: str
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    anchor: str = ""


@dataclass
class PageSpec:
    """A page the site will have.

    The page says itself which organizations' files it reads (`orgs`), so the
    preview knows when its body can be reused and the renderer can hand pages
    to workers grouped by organization; nobody guesses it from context keys.
    """

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    source: Optional[str] = None  # the data file behind the page, for edit links
    section: bool = False  # a section index in the navigation
    markdown: Optional[str] = None  # a page written as Markdown (its links resolved by the generator)
    orgs: tuple[str, ...] = ()  # organizations whose data the page shows; () = none in particular
    org_bound: bool = False  # True: the page reads nothing but those organizations' files (and settings)
    # What search finds on this page, made only when asked: a build whose page key is as last time
    # reuses the documents its kept index has (render/search_live), planning 160,000 pledges' took 1.9 s.
    finds: Callable[[], tuple[Findable, ...]] = tuple

    @property
    def owner(self) -> Optional[str]:
        """The organization the page belongs to (the first it reads)."""
        return self.orgs[0] if self.orgs else None
