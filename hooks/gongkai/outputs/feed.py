"""An Atom feed of what changed on the board: commendations, pledge stage changes, progress updates.

Written by exports.write_exports after the build. Entry ids are tag: URIs
(RFC 4151) made from record ids, so an entry keeps its id across builds.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from gongkai.plan import urls
from gongkai.records.catalog import Catalog
from gongkai.records.schema import PUBLIC_STAGES, STAGE_NAMES

LATEST = 60  # entries kept: a feed is for what is new
TAG_YEAR = 2010  # the year in the entries' tag: ids (创先争优 began in 2010); never change it, or readers see every entry anew


def feed_entries(catalog: Catalog, as_of: date) -> list[tuple[date, str, str, str, str]]:
    """(day, id, title, summary, page) for every public event, stage change and progress update up to as_of."""
    entries = []
    for event in catalog.events.values():
        honored = len(catalog.honors_at(event.id))
        entries.append((event.day, f"event/{event.id}", f"表彰：{event.title}", f"{event.host}表彰先进集体和个人 {honored} 个（名）。", urls.dest(urls.event(event.id))))
    for p in catalog.pledges:
        page = urls.dest(urls.pledge(p.org_id, p.quarter, p.id))
        owner = catalog.owner_name(p)
        for step, day in p.history.steps():
            if day and step in PUBLIC_STAGES:
                entries.append((day, f"pledge/{p.key}/{step}", f"{owner}：{p.title}（{STAGE_NAMES[step]}）", f"{owner}的承诺「{p.title}」进入{STAGE_NAMES[step]}。", page))
        seen: dict[date, int] = {}
        for update in p.progress:
            # An id by day (and order within the day) stays put when an earlier update is added.
            n = seen[update.day] = seen.get(update.day, 0) + 1
            entries.append((update.day, f"pledge/{p.key}/progress/{update.day.isoformat()}/{n}", f"{owner}：{p.title}（践诺记实）", update.text, page))
    entries = [e for e in entries if e[0] <= as_of]
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    return entries[:LATEST]


def write_feed(catalog: Catalog, as_of: date, site_dir: Path, site_name: str, site_url: str) -> None:
    base = site_url.rstrip("/") + "/" if site_url else ""
    host = site_url.split("//")[-1].split("/")[0] or "gongkai.local"
    tag = f"tag:{host},{TAG_YEAR}:gongkai"  # RFC 4151
    entries = feed_entries(catalog, as_of)
    updated = (entries[0][0] if entries else as_of).isoformat() + "T00:00:00+08:00"
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">',
             f"<title>{escape(site_name)}</title>", f"<id>{escape(tag)}</id>", f"<updated>{updated}</updated>",
             f"<link rel=\"self\" href={quoteattr(base + urls.FEED)}/>", f"<link rel=\"alternate\" href={quoteattr(base or 'index.html')}/>",
             f"<author><name>{escape(site_name)}</name></author>"]
    for day, key, title, summary, page in entries:
        lines += ["<entry>", f"<id>{escape(tag)}:{escape(key)}</id>", f"<title>{escape(title)}</title>",
                  f"<updated>{day.isoformat()}T00:00:00+08:00</updated>", f"<link href={quoteattr(base + page)}/>",
                  f"<summary>{escape(summary)}</summary>", "</entry>"]
    lines.append("</feed>")
    (site_dir / urls.FEED).write_text("\n".join(lines) + "\n", encoding="utf-8")
