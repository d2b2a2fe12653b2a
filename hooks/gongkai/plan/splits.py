"""Pages that list records of a whole tree, split by organization when one page would be too long.

A quarter's all-pledges board and the 优秀共产党员 index list every record of
a scope: everything, or one organization with its whole tree. A town's list
fits one page; a district's (40,000 pledges a quarter, 5,000 model members)
would be megabytes. So a scope with more than `limit` records shows its own
organization's records and links to one page per sub-organization, which
splits again if need be. Each record is on exactly one page.
(Loops, not recursive closures: a closure that calls itself is a reference
cycle, and would keep the catalog alive across preview rebuilds.)
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

from gongkai.plan import urls
from gongkai.plan.spec import PageSpec
from gongkai.records.catalog import Catalog


def quarter_boards(catalog: Catalog, key: str, limit: int) -> list[PageSpec]:
    """The quarter's public pledges as rows with in-browser filters."""
    own: dict[Optional[str], list] = {org_id: [] for org_id in [None, *catalog.orgs]}
    for pledge in catalog.quarter_pledges(key):
        own[pledge.org_id].append(pledge)
    specs = []
    for scope, trail, everything, shown, parts in _split(catalog, own, limit):
        title = f"{key} {catalog.orgs[scope].name} 全部承诺" if scope else f"{key} 全部承诺"
        context = {"quarter_key": key, "scope": scope, "trail": trail, "all_pledges": everything, "pledges": shown, "parts": parts}
        # One organization's tree; the trail names its ancestors.
        reads = (*catalog.subtree(scope), *catalog.ancestors(scope)) if scope else ()
        specs.append(PageSpec(urls.quarter_board(key, scope), title, "quarter_board.html", context, orgs=reads, org_bound=bool(scope)))
    return specs


def member_indexes(catalog: Catalog, limit: int) -> list[PageSpec]:
    """The model members as cards; the whole-site page is the section page in the nav."""
    own: dict[Optional[str], list] = {org_id: [] for org_id in [None, *catalog.orgs]}
    for member in catalog.members.values():
        if member.is_model:
            own[member.org_id].append(member)
    specs = []
    for scope, trail, everything, shown, parts in _split(catalog, own, limit):
        context = {"scope": scope, "trail": trail, "all_members": everything, "members": shown, "parts": parts}
        if scope is None:
            specs.append(PageSpec(urls.MEMBERS, "优秀共产党员", "members.html", context, section=True))
        else:
            reads = (*catalog.subtree(scope), *catalog.ancestors(scope))
            specs.append(PageSpec(urls.member_index(scope), f"{catalog.orgs[scope].name} 优秀共产党员", "members.html", context, orgs=reads, org_bound=True))
    return specs


def _split(catalog: Catalog, own: dict[Optional[str], list], limit: int) -> Iterator[tuple[Optional[str], list, list, list, list[tuple[str, Any]]]]:
    """(scope, trail of scopes above it, every record in it, the records it shows, its parts) for each page."""
    # Every record in each scope, in tree order: children are gathered before their parent.
    order: list[Optional[str]] = [None]
    for scope in order:
        order.extend(catalog.children.get(scope, []))
    every: dict[Optional[str], list] = {}
    for scope in reversed(order):
        every[scope] = own[scope] + [r for child in catalog.children.get(scope, []) for r in every[child]]
    roots = catalog.children.get(None, [])
    todo: list[tuple[Optional[str], list[Optional[str]]]] = [(None, [])]
    while todo:
        scope, trail = todo.pop(0)
        split = len(every[scope]) > limit
        # Under a single top organization (the usual 县委/区委), its children are the first split.
        head = roots[0] if scope is None and len(roots) == 1 else scope
        parts = [(child, every[child]) for child in catalog.children.get(head, []) if every[child]] if split else []
        shown = (own[head] if head else []) if split else every[scope]
        yield scope, trail, every[scope], shown, parts
        todo += [(child, [*trail, scope]) for child, _ in parts]
