"""The search index a build keeps for the next: updated by the documents that changed.

Why: indexing a district's 160,000 documents (cutting every text into terms,
inverting, encoding 7,000 files) took 30–40 s of every build, although between
two builds a few documents change. While the documents stay the same in
number (an edited text, title or note), this index takes the changed ones out,
puts their new terms in and re-encodes only the files they touch; the files
are byte for byte those a full build writes (tests/test_search_index.py).
Anything else (a record added or removed, no index kept) indexes everything.

A preview session keeps it in its Memory and rewrites only the touched files
in its folder; a build keeps it in the build cache (one entry per site
profile, written atomically: the documents, postings and every file's bytes)
and writes all files into its fresh site folder.
"""
from __future__ import annotations

import io
import marshal
from array import array
from bisect import bisect_left, insort
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

from gongkai.common.build_cache import BuildCache, key_of
from gongkai.common.memo import Memory
from gongkai.render import search_text
from gongkai.render.search_text import CHUNK, POSTING, STEP, Doc

KIND = "search"
VERSION = 4  # of the kept entry's layout
PIECE = 10_000  # documents a piece


def write_search(site_dir: Path, pages: list[tuple[str, str, tuple]], extra: list[Doc], preview: Optional[Memory] = None,
                 cache: Optional[BuildCache] = None, profile: tuple = ()) -> dict[str, int]:
    """pages: (location, title, Findables). The preview reuses the documents of every page whose Findables are the
    very ones of last time; `profile`: what else shapes the documents (kiosk, scope), one kept index each."""
    folder = site_dir / search_text.FOLDER
    if preview is not None:
        docs = [*_reused_documents(preview, pages), *extra]
        return preview.recall(KIND, "index", LiveIndex).update(docs).write(folder)
    key = key_of("search index", profile)
    with (cache.open(KIND, key) if cache is not None else None) or io.BytesIO() as entry:
        index = LiveIndex.load(entry)  # none kept: empty, and the update indexes everything
    sizes = index.update(search_text.documents(pages) + extra).write(folder, every=True)
    if cache is not None and index.touched:
        cache.write_parts(KIND, key, index.dump())
    return sizes


def _reused_documents(memory: Memory, pages: list[tuple[str, str, tuple]]) -> list[Doc]:
    docs: list[Doc] = []
    for location, title, finds in pages:
        kept = memory.get("search_docs", location)
        if kept is None or kept[0] is not finds:
            kept = (finds, search_text.documents([(location, title, finds)]))
            memory.put("search_docs", location, kept)
        docs += kept[1]
    return docs


class LiveIndex:
    def __init__(self) -> None:
        self.docs: list[Doc] = []
        # term → document × STEP + weight, ascending (search_text.invert); as the bytes kept until a change reads them
        self.postings: dict[str, array | bytes] = {}
        self.terms_in: dict[int, set[str]] = {}  # shard → its terms, so re-encoding one shard reads only its own
        self.files: dict[str, bytes] = {}  # search/ file name → its bytes
        self.shards = 0
        self.touched: set[str] = set()  # files changed by the last update

    def update(self, docs: list[Doc]) -> "LiveIndex":
        if len(docs) != len(self.docs):
            return self._rebuild(docs)
        changed = [n for n, (old, new) in enumerate(zip(self.docs, docs)) if old is not new and old != new]
        terms: set[str] = set()
        for number in changed:
            for term in search_text.weights(self.docs[number]):
                hits = self._hits(term)
                del hits[bisect_left(hits, number * STEP)]
                terms.add(term)
            for term, weight in search_text.weights(docs[number]).items():
                insort(self._hits(term), number * STEP + weight)
                terms.add(term)
        shards = set()
        for term in terms:
            shard = search_text.shard_of(term, self.shards)
            shards.add(shard)
            if self.postings[term]:
                self.terms_in.setdefault(shard, set()).add(term)
            else:  # a term no document holds any more
                del self.postings[term]
                self.terms_in[shard].discard(term)
        self.docs = docs
        chunks = {n // CHUNK for n in changed}
        rows: list = [None] * len(docs)  # only the changed documents' title files are made again
        for chunk in chunks:
            rows[chunk * CHUNK:(chunk + 1) * CHUNK] = map(search_text.title_row, docs[chunk * CHUNK:(chunk + 1) * CHUNK])
        fresh = search_text.shard_files({t: self._hits(t) for s in shards for t in self.terms_in.get(s, ())}, self.shards, only=shards)
        return self._replace({**fresh, **(search_text.title_files(rows, self.shards, only=chunks) if changed else {})})

    def _hits(self, term: str) -> array:
        """The term's postings to change or encode (a new term: none yet)."""
        hits = self.postings.get(term)
        if not isinstance(hits, array):
            hits = self.postings[term] = array(POSTING, hits or b"")
        return hits

    def _rebuild(self, docs: list[Doc]) -> "LiveIndex":
        self.docs, self.files = docs, {}
        self.shards, postings, fresh = search_text.index_files(docs)
        self.postings = dict(postings)
        self.terms_in = {}
        for term in self.postings:
            self.terms_in.setdefault(search_text.shard_of(term, self.shards), set()).add(term)
        return self._replace(fresh)

    def _replace(self, fresh: dict[str, bytes]) -> "LiveIndex":
        self.touched = {name for name, data in fresh.items() if self.files.get(name) != data}
        self.files.update(fresh)
        return self

    def write(self, folder: Path, every: bool = False) -> dict[str, int]:
        """The touched files (a preview's folder holds the others), or `every` file (a build's fresh folder)."""
        missing = not (folder / "meta.js").is_file()
        names = self.files if every or missing else self.touched
        sizes = search_text.write_files(folder, {name: self.files[name] for name in names})
        return {"docs": len(self.docs), "shards": self.shards, "rewritten": len(names), **sizes}

    def dump(self) -> Iterator[bytes]:
        """The index in pieces (PIECE documents each, then the postings, terms and files), each after its length: the whole of it in one bytes
        object was 300 MB at district scale, and marshal reading from a file is ten times slower than from bytes."""
        pieces = [(VERSION, len(self.docs), self.shards)]
        pieces += [[(d.location, d.title, d.kind, d.names, d.words, d.text) for d in self.docs[start:start + PIECE]]
                   for start in range(0, len(self.docs), PIECE)]
        for piece in (*pieces, self.postings, {s: sorted(t) for s, t in self.terms_in.items()}, self.files):
            data = marshal.dumps(piece)  # arrays go in as their bytes
            yield len(data).to_bytes(8, "little")
            yield data

    def dumps(self) -> bytes:
        return b"".join(self.dump())

    @classmethod
    def load(cls, entry: BinaryIO) -> "LiveIndex":
        """The kept index, read piece by piece; or an empty one (none kept, or unreadable: the update then indexes everything)."""
        index = cls()

        def piece():
            size = int.from_bytes(entry.read(8), "little")
            data = entry.read(size)
            if size == 0 or len(data) != size:
                raise EOFError("cut short")
            return marshal.loads(data)

        try:
            version, count, shards = piece()
            if version != VERSION:
                return cls()
            docs = []
            while len(docs) < count:
                more = [Doc(*d) for d in piece()]
                if not more:
                    raise ValueError("no documents")
                docs += more
            postings = piece()
            index.terms_in = {s: set(t) for s, t in piece().items()}
            index.files = piece()
        except (EOFError, ValueError, TypeError):
            return cls()
        index.docs, index.shards, index.postings = docs, shards, postings
        return index

    @classmethod
    def loads(cls, data: Optional[bytes]) -> "LiveIndex":
        return cls.load(io.BytesIO(data or b""))
