"""Open data and the feed from the build cache: each organization's rows kept already serialized.

Why: writing kaifang/ serializes every public row (160,000 pledges at
district scale, seconds) even when nothing changed. Each organization's share
of every table (exports.org_parts) is kept as the JSON and CSV lines it
becomes, under a key of its file's content and of everything else its rows
read; the files are those lines joined in the catalog's order, byte for byte
what exports.write_table makes of exports.rows. Its latest feed entries
(feed.org_entries) are kept with them: the feed is the latest of those and of
the commendation events, so one edited file no longer remakes the whole feed
(a second of every district build).
"""
from __future__ import annotations

import csv
import io
import json
import pickle
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, Optional

from gongkai.common.build_cache import BuildCache, key_of
from gongkai.outputs.exports import PARTS, TABLES, org_parts
from gongkai.outputs.feed import Entry, feed_xml, org_entries
from gongkai.plan import urls
from gongkai.records.catalog import Catalog
from gongkai.records.schema import Organization

__all__ = ["TABLES", "write_exports"]
KIND = "open_data"


class Chunk(NamedTuple):
    """Some rows of one table as they stand in its files: "" for each when there are none."""

    header: str  # the CSV header line (the files take it from their first row's keys)
    json: str  # the rows' JSON, one a line, joined by ",\n"
    csv: str  # the rows' CSV lines


def chunk(rows: list[dict[str, Any]]) -> Chunk:
    if not rows:
        return Chunk("", "", "")
    out = io.StringIO()
    # Quoting is decided field by field, so rows written apart join into what one writer makes.
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    header = out.getvalue()
    out.seek(0)
    out.truncate()
    writer.writerows(rows)
    return Chunk(header, ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows), out.getvalue())


class TableFiles:
    """One table's JSON and CSV, opened as exports.write_table opens them, written chunk by chunk."""

    def __init__(self, json_path: Path, csv_path: Path):
        self.json = json_path.open("w", encoding="utf-8")
        self.csv = csv_path.open("w", encoding="utf-8-sig", newline="")  # the BOM comes with the first write: none for no rows
        self.started = False
        self.json.write("[")

    def add(self, part: Chunk) -> None:
        if not part.json:
            return
        self.json.write(("," if self.started else "") + "\n" + part.json)
        if not self.started:
            self.csv.write(part.header)
        self.csv.write(part.csv)
        self.started = True

    def close(self) -> None:
        self.json.write("\n]\n")
        self.json.close()
        self.csv.close()


def org_key(catalog: Catalog, org_id: str, org: Organization, settings: tuple) -> Optional[str]:
    """Everything one organization's rows are made from: its file's content (and so all its records), whether
    its parent is in the catalog (上级编号; scope and drafts decide that), and the settings (逾期 reads as_of).
    None when the catalog does not know the file (a catalog made in memory): made anew, not kept."""
    version = catalog.version_of(org)
    if not version:
        return None
    return key_of("open_data", org_id, catalog.source_file(org), version, org.parent in catalog.orgs, settings)


def org_chunks(catalog: Catalog, org_id: str, org: Organization, as_of: date, cache: Optional[BuildCache],
               key: Optional[str]) -> tuple[tuple[Chunk, ...], list[Entry], bool]:
    """The organization's chunk of each part (exports.PARTS), its latest feed entries, and whether they came from the cache."""
    kept = cache.read(KIND, key) if cache is not None and key else None
    if kept is not None:
        parts, entries = pickle.loads(kept)
        return tuple(Chunk(*part) for part in parts), entries, True
    made = tuple(chunk(rows) for rows in org_parts(catalog, org, as_of))
    entries = org_entries(catalog, org, as_of)
    if cache is not None and key:
        cache.write(KIND, key, pickle.dumps((tuple(tuple(part) for part in made), entries), protocol=pickle.HIGHEST_PROTOCOL))
    return made, entries, False


def write_tables(catalog: Catalog, as_of: date, folder: Path, cache: Optional[BuildCache],
                 settings: tuple) -> tuple[set[str], int, dict[str, list[Entry]]]:
    """kaifang/*.json and *.csv; the cache keys used, how many organizations came from the cache, and the
    organizations' latest feed entries."""
    files = {name: TableFiles(folder / f"{name}.json", folder / f"{name}.csv") for name in TABLES}
    used, reused, later, feed = set(), 0, [], {}
    try:
        for org_id, org in catalog.orgs.items():
            key = org_key(catalog, org_id, org, settings)
            chunks, feed[org_id], hit = org_chunks(catalog, org_id, org, as_of, cache, key)
            used.add(key)
            reused += hit
            # A table whose parts follow one another (the honors) gets its later parts after every organization's first.
            seen = set()
            for (_, table), part in zip(PARTS, chunks):
                if table in seen:
                    later.append((table, part))
                else:
                    files[table].add(part)
                seen.add(table)
        for table, part in later:
            files[table].add(part)
    finally:
        for table in files.values():
            table.close()
    return used - {None}, reused, feed


def write_exports(catalog: Catalog, as_of: date, site_dir: Path, site_url: str, site_name: str = "公开栏",
                  cache: Optional[BuildCache] = None) -> int:
    """Write kaifang/*.csv and *.json and feed.xml into the built site (after the build: no page links to them change).
    With a cache, what it does not hold is kept there and what this build did not use is removed.
    Returns how many organizations' rows came from the cache."""
    folder = site_dir / urls.OPEN_DATA
    folder.mkdir(parents=True, exist_ok=True)
    # site_url and site_name shape no row today; they are in the key so a row that reads them one day stays right.
    used, reused, feed = write_tables(catalog, as_of, folder, cache, (as_of, site_url, site_name))
    if cache is not None:
        cache.prune(KIND, used)
    (site_dir / urls.FEED).write_text(feed_xml(catalog, as_of, site_name, site_url, feed), encoding="utf-8")
    return reused
