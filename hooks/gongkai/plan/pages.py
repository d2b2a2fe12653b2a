"""Which pages the site has, each with its record context: one place decides.

Record pages (an organization, a member, a board per organization and
quarter, an event, a quarter, an album) stay out of the navigation; only the
section index pages are in it (Material renders the nav into every page).
"""
from __future__ import annotations

import heapq
from functools import partial
from datetime import date
from itertools import groupby
from typing import Any, Iterator, Optional

from gongkai.common.kept_values import KeptValues
from gongkai.common.memo import Memory
from gongkai.common.quarters import quarter_start
from gongkai.plan import findables, urls
from gongkai.plan.poster import poster_facts
from gongkai.plan.spec import PageSpec
from gongkai.plan.splits import member_indexes, quarter_boards
from gongkai.records.catalog import Catalog


def generate_pages(catalog: Catalog, board_rows: int = 1000, member_cards: int = 300, memory: Optional[Memory] = None) -> list[PageSpec]:
    """board_rows, member_cards: how many pledge rows a quarter's all-pledges board, and how many
    member cards the 优秀共产党员 index, show on one page; a bigger scope (a county, a district)
    gets one page per sub-organization (splits.py)."""
    pages = [*_sections(catalog)]
    pages += member_indexes(catalog, member_cards)
    for key in sorted(catalog.quarters):
        pages += quarter_boards(catalog, key, board_rows)
    pages += _organization_pages(catalog, _albums_by_org(catalog))
    pages += _member_pages(catalog)
    pages += _board_pages(catalog, memory or Memory())
    pages += [PageSpec(urls.event(i), e.title, "event.html", _event_context(catalog, e), catalog.source_file(e), finds=partial(findables.event, catalog, i, e))
              for i, e in catalog.events.items()]
    pages += [PageSpec(urls.quarter(k), f"{k} {q.theme}", "quarter.html", _quarter_context(catalog, q), "data/quarters.yml", finds=partial(findables.quarter, k, q))
              for k, q in catalog.quarters.items()]
    pages += [PageSpec(urls.album(i), a.title, "album.html", {"album": a}, catalog.source_file(a), finds=partial(findables.album, a)) for i, a in catalog.albums.items()]
    return pages


def _sections(catalog: Catalog) -> Iterator[PageSpec]:
    """The section indexes; each lists records of the whole site, so each says which in its context."""
    tree = {"orgs": catalog.orgs, "children_of": catalog.children, "roots": catalog.roots(),
            "sectors": sorted({org.sector for org in catalog.orgs.values()}),
            "honors": [entry for entry in catalog.honors if not entry.member]}
    events = sorted(catalog.events.values(), key=lambda e: e.day, reverse=True)
    yield PageSpec(urls.ORGS, "基层党组织", "organizations.html", tree, section=True)
    yield PageSpec(urls.BOARDS, "承诺公开栏", "boards.html", {"groups": board_groups(catalog), "orgs": catalog.orgs,
                                                           "latest": _latest_boards(catalog)}, section=True)
    yield PageSpec(urls.EVENTS, "表彰", "events.html", {"events": events, "honor_counts": honor_counts(catalog)}, section=True)
    yield PageSpec(urls.QUARTERS, "一季一主题", "quarters.html", section=True)
    albums = sorted(catalog.albums.values(), key=lambda a: a.day, reverse=True)
    yield PageSpec(urls.ALBUMS, "图片展", "albums.html", {"albums": albums}, section=True)


def honor_counts(catalog: Catalog) -> dict[str, int]:
    """How many collectives and people each event commended."""
    counts: dict[str, int] = {}
    for entry in catalog.honors:
        if entry.honor.event:
            counts[entry.honor.event] = counts.get(entry.honor.event, 0) + 1
    return counts


def _albums_by_org(catalog: Catalog) -> dict[str, list]:
    albums: dict[str, list] = {}
    for album in catalog.albums.values():
        albums.setdefault(album.org, []).append(album)
    return albums


def _organization_pages(catalog: Catalog, albums: dict[str, list]) -> Iterator[PageSpec]:
    for org_id, org in catalog.orgs.items():
        # Roll-ups read the whole subtree; the page also names its parent.
        reads = (*catalog.subtree(org_id), *catalog.ancestors(org_id)[:1])
        context = {"org": org, "children": catalog.children.get(org_id, []), "albums": albums.get(org_id, [])}
        yield PageSpec(urls.org(org_id), org.name, "organization.html", context, catalog.source_file(org), orgs=reads, org_bound=True,
                       finds=partial(findables.organization, org))


def _event_context(catalog: Catalog, event) -> dict[str, Any]:
    album = catalog.albums.get(event.album) if event.album else None
    return {"event": event, "honorees": catalog.honors_at(event.id), "albums": [album] if album else []}


def _member_pages(catalog: Catalog) -> Iterator[PageSpec]:
    for member in catalog.members.values():
        if not member.is_model:
            continue  # at district scale most pledging members are not model members
        org = catalog.orgs[member.org_id]
        yield PageSpec(urls.member(org.id, member.id), member.name, "member.html", {"member": member, "org": org}, catalog.source_file(org), orgs=(org.id,), org_bound=True,
                       finds=partial(findables.member, member, org))


def _board_pages(catalog: Catalog, memory: Memory) -> Iterator[PageSpec]:
    """One board per organization per quarter: the pledges and their anchors."""
    for org_id, org, quarter, pledges in boards(catalog):
        # A preview rebuild keeps the board of an organization whose records, and every organization the
        # board reads, are the very objects of the last rebuild (their files unchanged): most of planning.
        kept = memory.get("board_specs", (org_id, quarter))
        if kept and kept[0] == (org, pledges) and all(catalog.orgs.get(i) is read for i, read in kept[1]):
            yield kept[2]
            continue
        title = f"{org.name} {quarter} 承诺公开栏"
        poster, reads = poster_facts(catalog, org_id, pledges)  # the page prints as the wall poster
        context = {"org": org, "quarter_key": quarter, "pledges": pledges, **poster}
        spec = PageSpec(urls.board(org_id, quarter), title, "board.html", context, catalog.source_file(org), orgs=reads, org_bound=True,
                        finds=partial(findables.board, pledges, [catalog.owner_name(p) for p in pledges]))
        memory.put("board_specs", (org_id, quarter), ((org, pledges), tuple((i, catalog.orgs.get(i)) for i in reads), spec))
        yield spec


def _latest_boards(catalog: Catalog) -> dict[str, tuple[str, int]]:
    """Each organization's latest quarter and its pledges there (counted here: a template filter per organization
    took most of a district preview's rebuild)."""
    latest = {}
    for org_id, org in catalog.orgs.items():
        if org.pledges:
            quarter = max(p.quarter for p in org.pledges)
            latest[org_id] = (quarter, sum(p.quarter == quarter for p in org.pledges))
    return latest


def board_groups(catalog: Catalog) -> list[tuple[str, list[str]]]:
    """The 承诺公开栏 index: (党委/党总支, it and its branches that have pledges), in tree order.

    Residents look for their own branch under the 党总支 or 党委 they know; an
    organization with children heads a group of its own, after its parent's.
    """
    # A stack, not a recursive inner function: that would be a reference cycle holding the
    # catalog, and the build freezes what it made out of the cycle collector's sight (build.py).
    groups: list[tuple[str, list[str]]] = []
    for root in catalog.roots():
        if not catalog.children.get(root):
            if catalog.orgs[root].pledges:
                groups.append((root, [root]))
            continue
        heads = [root]
        while heads:  # depth first, in tree order
            head = heads.pop()
            kids = catalog.children.get(head, [])
            listed = [i for i in [head, *(k for k in kids if not catalog.children.get(k))] if catalog.orgs[i].pledges]
            if listed:
                groups.append((head, listed))
            heads += [kid for kid in reversed(kids) if catalog.children.get(kid)]
    return groups


def boards(catalog: Catalog) -> Iterator[tuple[str, Any, str, list]]:
    """(organization id, organization, quarter, its public pledges) of every board, in catalog order."""
    for org_id, org in catalog.orgs.items():
        for quarter, pledges in groupby(sorted(org.pledges, key=lambda p: p.quarter), key=lambda p: p.quarter):
            yield org_id, org, quarter, list(pledges)


def home_context(catalog: Catalog, as_of: date, memory: Optional[Memory] = None, kept: Optional[KeptValues] = None) -> dict[str, Any]:
    """What the home page shows: the current theme, latest news, board figures.
    kept: each organization's newest updates by its file's hash, from the build before (a plain build)."""
    memory = memory or Memory()
    started = [k for k in sorted(catalog.quarters) if quarter_start(k) <= as_of]
    current = catalog.quarters[started[-1]] if started else None
    # Newest first: each organization's newest eight (kept while its record is unchanged), then the
    # newest eight of those — the same as sorting all 300,000 updates of a district.
    updates = heapq.nlargest(8, (pair for org in catalog.orgs.values() for pair in _latest_updates(catalog, org, as_of, memory, kept)),
                             key=_update_day)
    if kept is not None:
        kept.save()
    events = sorted(catalog.events.values(), key=lambda e: e.day, reverse=True)
    albums = sorted(catalog.albums.values(), key=lambda a: a.day, reverse=True)
    photos = [(album, photo) for album in albums for photo in album.files][:8]
    comments = heapq.nlargest(4, (p for p in catalog.pledges if p.comment), key=lambda p: p.comment.day)
    return {
        "honor_counts": honor_counts(catalog),
        "current_quarter": current,
        "latest_events": events[:3],
        "latest_updates": updates[:8],
        "latest_photos": photos,
        "latest_comments": comments[:4],
    }


def _update_day(pair) -> date:
    return pair[0].day


def _latest_updates(catalog: Catalog, org, as_of: date, memory: Memory, kept: Optional[KeptValues]) -> list:
    """The organization's newest eight updates (with their pledges), newest first, ties in the file's order."""
    def places() -> list[tuple[int, int]]:  # (pledge, update) positions: what a plain build keeps on disk
        found = ((i, j) for i, p in enumerate(org.pledges) for j, u in enumerate(p.progress) if u.day <= as_of)
        return heapq.nlargest(8, found, key=lambda at: org.pledges[at[0]].progress[at[1]].day)

    version = catalog.version_of(org) if kept is not None else None
    where = (lambda: kept.recall((org.id, version, as_of), places)) if version else places
    newest = lambda: [(org.pledges[i].progress[j], org.pledges[i]) for i, j in where()]  # noqa: E731
    return memory.per_record("latest_updates", org, as_of, newest)


def _quarter_context(catalog: Catalog, quarter) -> dict[str, Any]:
    """一季一主题/一承诺/一点评/一先锋: the quarter's pledges and the members commended in it."""
    # 一季一先锋: members commended at the events that choose this quarter's vanguards (the event's 季度, not its day).
    vanguards = [e for e in catalog.honors if e.member and e.honor.event in catalog.events and catalog.events[e.honor.event].quarter == quarter.key]
    pledges = catalog.quarter_pledges(quarter.key)
    return {"quarter": quarter, "pledges": pledges, "commented": [p for p in pledges if p.comment], "vanguards": vanguards}

