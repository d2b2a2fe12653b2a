"""The preview's search index: kept in the session's Memory, updated by the documents that changed.

Why: `gongkai serve` rebuilds the site on every save. Indexing a district's
160,000 documents and writing its 7,000 files again takes many seconds,
although a save changes a few documents. While the documents stay the same in
number and order (an edited text, title or note), this index takes the
changed ones out and puts their new terms in, and rewrites only the shard and
title files they touch; the files are byte for byte those a full build writes.
Anything else (a record added or removed, a first build) indexes everything.
"""
from __future__ import annotations

from pathlib import Path

from typing import Optional

from gongkai.common.memo import Memory
from gongkai.render import search_text
from gongkai.render.search_text import CHUNK, Doc


def write_search(site_dir: Path, pages: list[tuple[str, str, tuple]], extra: list[Doc], preview: Optional[Memory] = None) -> dict[str, int]:
    """pages: (location, title, Findables). A build writes the whole index; a preview session updates the one it
    keeps in its memory, and reuses the documents of every page whose Findables are the very ones of last time."""
    if preview is None:
        return search_text.write_index(site_dir, search_text.documents(pages) + extra)
    docs: list[Doc] = []
    for location, title, finds in pages:
        kept = preview.get("search_docs", location)
        if kept is None or kept[0] is not finds:
            kept = (finds, search_text.documents([(location, title, finds)]))
            preview.put("search_docs", location, kept)
        docs += kept[1]
    return preview.recall("search", "index", LiveIndex).write(site_dir, docs + extra)


class LiveIndex:
    def __init__(self) -> None:
        self.docs: list[Doc] = []
        self.weights: list[dict[str, int]] = []
        self.rows: list[list[str]] = []  # what each result shows
        self.postings: dict[str, dict[int, int]] = {}  # term → {document: weight}, to take documents out
        self.terms_in: dict[int, set[str]] = {}  # shard → its terms, so rewriting one shard reads only its own
        self.shards = 0

    def write(self, site_dir: Path, docs: list[Doc]) -> dict[str, int]:
        """Bring search/ in site_dir up to `docs`; the sizes written, as search_text.write_index gives them."""
        folder = site_dir / search_text.FOLDER
        if len(docs) != len(self.docs) or not (folder / "meta.js").is_file():
            return self._write_all(folder, docs)
        changed = [n for n, (old, new) in enumerate(zip(self.docs, docs)) if old is not new and old != new]
        touched: set[str] = set()
        for number in changed:
            for term in self.weights[number]:
                del self.postings[term][number]
                touched.add(term)
            self.weights[number] = search_text.weights(docs[number])
            self.rows[number] = search_text.title_row(docs[number])
            for term, weight in self.weights[number].items():
                self.postings.setdefault(term, {})[number] = weight
                touched.add(term)
        shards = set()
        for term in touched:
            shard = search_text.shard_of(term, self.shards)
            shards.add(shard)
            if self.postings[term]:
                self.terms_in.setdefault(shard, set()).add(term)
            else:  # a term no document holds any more
                del self.postings[term]
                self.terms_in[shard].discard(term)
        self.docs = docs
        packed = {term: search_text.pack(self.postings[term]) for shard in shards for term in self.terms_in.get(shard, ())}
        sizes = {"docs": len(docs), "shards": self.shards, "rewritten": len(shards) + len({n // CHUNK for n in changed})}
        sizes.update(search_text.write_shards(folder, packed, self.shards, only=shards))
        sizes["doc_bytes"] = search_text.write_titles(folder, self.rows, self.shards, only={n // CHUNK for n in changed})
        return sizes

    def _write_all(self, folder: Path, docs: list[Doc]) -> dict[str, int]:
        seen: dict[str, tuple] = {}
        self.docs, self.weights = docs, [search_text.weights(d, seen) for d in docs]
        self.rows = [search_text.title_row(d) for d in docs]
        self.shards = search_text.shard_count(len(docs))
        packed = search_text.invert(self.weights)
        self.postings = {term: {value // search_text.STEP: value % search_text.STEP for value in hits} for term, hits in packed.items()}
        self.terms_in = {}
        for term in packed:
            self.terms_in.setdefault(search_text.shard_of(term, self.shards), set()).add(term)
        sizes = {"docs": len(docs), "shards": self.shards, **search_text.write_shards(folder, packed, self.shards)}
        sizes["doc_bytes"] = search_text.write_titles(folder, self.rows, self.shards)
        return sizes
