"""The search index a build keeps for the next: updated by the documents that changed.

Why: indexing a district's 160,000 documents (cutting every text into terms,
inverting, encoding 7,000 files) took 30–40 s of every build, although between
two builds a few documents change. While the documents stay the same in
number (an edited text, title or note), this index changes the postings of
the terms those documents gained, lost or weigh differently, and re-encodes
only those terms, spliced into the files that hold them; the files are byte
for byte those a full build writes (tests/test_search_index.py).
Anything else (a record added or removed, no index kept) indexes everything.

A preview session keeps it in its Memory and rewrites only the touched files
in its folder; a build keeps it in the build cache (one entry per site
profile, written atomically: the documents, postings and every file's bytes)
and writes all files into its fresh site folder.
"""
from __future__ import annotations

import hashlib
import io
import marshal
from array import array
from bisect import bisect_left, insort
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, Optional

from gongkai.common.build_cache import BuildCache, key_of
from gongkai.common.files import write_new
from gongkai.common.memo import Memory
from gongkai.render import search_text
from gongkai.render.search_text import CHUNK, POSTING, STEP, Doc

KIND = "search"
FILES = "search-files"  # each file of the index by a hash of its bytes
VERSION = 5  # of the kept entry's layout
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
    linked = LinkedFiles(cache) if cache is not None else None
    sizes = index.update(search_text.documents(pages) + extra).write(folder, every=True, put=linked or write_new)
    if linked is not None:
        cache.prune(FILES, linked.keys)
    if cache is not None and index.touched:
        cache.write_parts(KIND, key, index.dump())
    return sizes


class LinkedFiles:
    """A build's search files, kept in the build cache by content: an unchanged one is hard-linked into the site.

    Why: after the record pages, the disk is busy; writing a district's 7,300 search
    files took 3 s of the everyday build, linking them a tenth of that."""

    def __init__(self, cache: BuildCache):
        self.cache, self.keys = cache, set()

    def __call__(self, target: Path, data: bytes) -> None:
        key = hashlib.blake2b(data, digest_size=16).hexdigest()
        self.keys.add(key)
        if not self.cache.link_out(FILES, key, target):
            write_new(target, data)
            self.cache.link_in(FILES, key, target)


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
        self.files: dict[str, bytes] = {}  # search/ file name → its bytes
        self.shards = 0
        self.touched: set[str] = set()  # files changed by the last update

    def update(self, docs: list[Doc]) -> "LiveIndex":
        if len(docs) != len(self.docs):
            return self._rebuild(docs)
        changed = [n for n, (old, new) in enumerate(zip(self.docs, docs)) if old is not new and old != new]
        terms: set[str] = set()  # whose postings changed: an edit keeps most of a document's terms and weights
        for number in changed:
            before, after = search_text.weights(self.docs[number]), search_text.weights(docs[number])
            for term, weight in before.items():
                if after.get(term) != weight:
                    hits = self._hits(term)
                    del hits[bisect_left(hits, number * STEP)]
                    terms.add(term)
            for term, weight in after.items():
                if before.get(term) != weight:
                    insort(self._hits(term), number * STEP + weight)
                    terms.add(term)
        by_shard: dict[int, dict[str, array]] = {}
        for term in terms:
            by_shard.setdefault(search_text.shard_of(term, self.shards), {})[term] = self._hits(term)
            if not self.postings[term]:  # a term no document holds any more
                del self.postings[term]
        self.docs = docs
        fresh = {f"s/{n}.js": search_text.respliced_shard(n, self.files[f"s/{n}.js"], hits) for n, hits in by_shard.items()}
        chunks = {n // CHUNK for n in changed}
        rows: list = [None] * len(docs)  # only the changed documents' title files are made again
        for chunk in chunks:
            rows[chunk * CHUNK:(chunk + 1) * CHUNK] = map(search_text.title_row, docs[chunk * CHUNK:(chunk + 1) * CHUNK])
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
        return self._replace(fresh)

    def _replace(self, fresh: dict[str, bytes]) -> "LiveIndex":
        self.touched = {name for name, data in fresh.items() if self.files.get(name) != data}
        self.files.update(fresh)
        return self

    def write(self, folder: Path, every: bool = False, put: Callable[[Path, bytes], None] = write_new) -> dict[str, int]:
        """The touched files (a preview's folder holds the others), or `every` file (a build's fresh folder), each by `put`."""
        missing = not (folder / "meta.js").is_file()
        names = self.files if every or missing else self.touched
        sizes = search_text.write_files(folder, {name: self.files[name] for name in names}, put)
        return {"docs": len(self.docs), "shards": self.shards, "rewritten": len(names), **sizes}

    def dump(self) -> Iterator[bytes]:
        """The index in pieces (PIECE documents each, then the postings and files), each after its length: the whole of it in one bytes
        object was 300 MB at district scale, and marshal reading from a file is ten times slower than from bytes."""
        pieces = [(VERSION, len(self.docs), self.shards)]
        pieces += [[(d.location, d.title, d.kind, d.names, d.words, d.text) for d in self.docs[start:start + PIECE]]
                   for start in range(0, len(self.docs), PIECE)]
        for piece in (*pieces, self.postings, self.files):
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
            index.files = piece()
        except (EOFError, ValueError, TypeError):
            return cls()
        index.docs, index.shards, index.postings = docs, shards, postings
        return index

    @classmethod
    def loads(cls, data: Optional[bytes]) -> "LiveIndex":
        return cls.load(io.BytesIO(data or b""))
