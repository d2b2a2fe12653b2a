"""What search finds on each record page, from the record itself (the plan, not the rendered HTML).

A board offers one result per pledge (its anchor), so a visitor lands on the
pledge, not at the top of a long board. Only public records reach here: the
catalog the plan is made from has no drafts, unsigned pledges or revoked honors.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from gongkai.plan import urls
from gongkai.plan.spec import Findable
from gongkai.records.catalog import Catalog

_MARKUP = re.compile(r"[#*_`>\[\]()!|~-]+|https?://\S+")


def _plain(texts: Iterable[Optional[str]]) -> tuple[str, ...]:
    """Markdown fields without their markup characters (the index holds words, not syntax)."""
    return tuple(_MARKUP.sub(" ", t) for t in texts if t)


def _present(values: Iterable[Optional[str]]) -> tuple[str, ...]:
    return tuple(v for v in values if v)


def organization(org) -> tuple[Findable, ...]:
    goods = [text for _, text in org.five_goods.items()] if org.five_goods else []
    return (Findable(org.name, "组织", names=_present([org.name, org.secretary]), words=_present([org.sector, *(h.title for h in org.honors)]),
                     text=_plain([org.about, *goods])),)


def member(member, org) -> tuple[Findable, ...]:
    deeds = [text for _, text in member.deeds.items()] if member.deeds else []
    words = _present([member.job, member.post, member.vanguard, *(h.title for h in member.honors)])
    return (Findable(member.name, "党员", names=(member.name,), words=words, text=_plain([org.name, *deeds])),)


def board(pledges: list, owners: list[str]) -> tuple[Findable, ...]:
    """One result per pledge: title, id, text, items, progress notes and the leader's comment; `owners`: each
    pledge's owner (its organization or member), looked up when planning, so the plan keeps no catalog."""
    finds = []
    for pledge, owner in zip(pledges, owners):
        comment = [pledge.comment.text, pledge.comment.leader] if pledge.comment else []
        text = _plain([pledge.text, *(u.text for u in pledge.progress), *comment])
        # The owner in the result's title: five branches' 路灯 pledges would otherwise read the same.
        finds.append(Findable(f"{pledge.title}（{owner}）", "承诺", names=(pledge.title,),
                              words=(owner, pledge.id, *(item.name for item in pledge.items)), text=text, anchor=urls.pledge_anchor(pledge.id)))
    return tuple(finds)


def event(catalog: Catalog, event_id: str, event) -> tuple[Findable, ...]:
    honors = catalog.honors_at(event_id)
    words = _present([event.host, event.place, *(e.honor.title for e in honors), *(e.holder_name for e in honors)])
    return (Findable(event.title, "表彰", names=(event.title,), words=words, text=_plain([event.about])),)


def quarter(key: str, q) -> tuple[Findable, ...]:
    return (Findable(f"{key} {q.theme}", "主题", names=(q.theme,), words=(key,), text=_plain([q.about])),)


def album(a) -> tuple[Findable, ...]:
    return (Findable(a.title, "图片", names=(a.title,), words=_present([a.place]), text=_present(p.caption for p in a.files)),)
