"""One area's view of the catalog: an organization, everything under it, and the records that concern them.

A hall's kiosk shows its own 街道/乡镇 or village only. The scope is applied once, here, to the
public catalog; every page, statistic, export, feed entry and search entry is then made from the
scoped catalog, so nothing of another area is rendered at all (nothing is deleted afterwards).
The organizations above the scope are not in it: no page, no link; the root of the scope has no
parent in the view (Catalog.children makes it a root), and the site name says whose board it is.
"""
from __future__ import annotations

import difflib
from dataclasses import replace

from gongkai.common.problems import DataError, Problem
from gongkai.records.catalog import Catalog


def scoped(catalog: Catalog, org_id: str) -> Catalog:
    """The view of `catalog` rooted at `org_id`; an unknown id raises DataError naming close ids."""
    if org_id not in catalog.orgs:
        raise DataError([Problem("网站设置", 0, "只生成一个组织（gongkai publish --scope，或 extra › gongkai › scope）", unknown_message(catalog, org_id))])
    inside = set(catalog.subtree(org_id))
    orgs = {i: org for i, org in catalog.orgs.items() if i in inside}
    # A commendation event belongs to the view when it commended someone in it; its page then
    # lists only their honors (Catalog.honors is made from the view's organizations).
    honored = {h.event for org in orgs.values() for h in (*org.honors, *(x for m in org.members for x in m.honors)) if h.event}
    events = {i: e for i, e in catalog.events.items() if i in honored}
    # An album is an organization's, or (without one) its event's.
    albums = {i: a for i, a in catalog.albums.items() if (a.org in inside if a.org else a.event in events)}
    return replace(catalog, orgs=orgs, events=events, albums=albums)


def unknown_message(catalog: Catalog, org_id: str) -> str:
    close = difflib.get_close_matches(org_id, list(catalog.orgs), n=3, cutoff=0.6)
    named = [i for i, org in catalog.orgs.items() if org_id and org_id in org.name][:3]  # a name typed for the id
    hints = list(dict.fromkeys(close + named))
    if hints:
        text = "、".join(f"「{i}」（{catalog.orgs[i].name}）" for i in hints)
        return f"没有编号为「{org_id}」的公开党组织，是不是 {text}？"
    return f"没有编号为「{org_id}」的公开党组织（编号即 data/organizations/ 下的文件名，如 zongzhi-001）。"


def area_name(catalog: Catalog, org_id: str, site_name: str) -> str:
    """The site name of one area's board: the area first, then the department's own name."""
    return f"{catalog.orgs[org_id].name} · {site_name}" if site_name else f"{catalog.orgs[org_id].name}公开栏"
