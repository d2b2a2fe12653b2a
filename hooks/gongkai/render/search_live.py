"""The search index a build keeps for the next: updated by the documents that changed.

Why: indexing a district's 160,000 documents (cutting every text into terms,
inverting, encoding 7,000 files) took 30–40 s of every build, although between
two builds a few documents change. While the documents stay the same in
number (an edited text, title or note), this index changes the postings of
the terms those documents gained, lost or weigh differently, and re-encodes
only those terms, spliced into the files that hold them; the files are byte
for byte those a full build writes (tests/test_search_index.py).
Anything else (a record added or removed, no index kept) indexes everything.

A preview session keeps it whole in its Memory and rewrites only the touched
files in its folder. A build keeps it in the build cache as parts
(render/search_store): it tells unchanged pieces of documents by a hash of
their bytes, reads only the pieces, postings and files an edit touches, and
links every unchanged file into its fresh site folder.
"""
from __future__ import annotations

import marshal
from functools import partial
from array import array
from bisect import bisect_left, insort
from pathlib import Path
from typing import Callable, Optional

from gongkai.common.build_cache import BuildCache, key_of
from gongkai.common.files import write_new
from gongkai.common.memo import Memory
from gongkai.render import search_text
from gongkai.render.search_store import Missing, PartStore, part_key
from gongkai.render.search_text import CHUNK, POSTING, STEP, Doc

KIND = "search"
VERSION = 7  # of the kept entry's layout
PIECE = 10_000  # documents a part
GROUPS = 64  # parts of the postings (by shard): an edit rewrites the few its terms fall in
MARSHAL = 2  # no back-references: equal documents give equal bytes, however their strings are shared

Place = Callable[[Path, Optional[bytes], Optional[str]], None]  # target, its bytes or the key of its kept copy
Page = tuple[str, str, Optional[str], Callable[[], tuple]]  # location, title, a key of its inputs (None: none), its findables
Entry = tuple[str, str, Optional[str], Callable[[], list[Doc]]]  # the same, making its documents


def write_search(site_dir: Path, pages: list[Page], extra: list[Doc], preview: Optional[Memory] = None,
                 cache: Optional[BuildCache] = None, profile: tuple = ()) -> dict[str, int]:
    """The preview reuses the documents of every page whose findables are the very ones of last time; a build,
    those of every page whose key is the one its kept index has. `profile`: what else shapes the documents
    (kiosk, scope), one kept index each."""
    folder = site_dir / search_text.FOLDER
    entries: list[Entry] = [(location, title, key, partial(_documents, location, title, finds)) for location, title, key, finds in pages]
    entries.append(("", "", None, lambda: extra))  # hand-written pages: always made (the engine renders them)
    if preview is not None:
        docs = [*_reused_documents(preview, pages), *extra]
        return preview.recall(KIND, "index", LiveIndex).update(docs).write(folder)
    if cache is None:
        return LiveIndex().update_pages(entries).write(folder, every=True)
    key = key_of("search index", profile)
    store = PartStore(cache, key)
    try:
        index = LiveIndex.load(cache.read(KIND, key), store)
        sizes = index.update_pages(entries).write(folder, every=True, place=store.place)
    except Missing:  # a part gone since (the cache cleared, another build at once): index anew
        index = LiveIndex(store)
        sizes = index.update_pages(entries).write(folder, every=True, place=store.place)
    if index.changed:
        cache.write(KIND, key, index.dump())  # after its parts: a stopped build leaves the old entry whole
        store.prune(index.parts())
    return sizes


def _documents(location: str, title: str, finds: Callable[[], tuple]) -> list[Doc]:
    return search_text.documents([(location, title, finds())])


def _reused_documents(memory: Memory, pages: list[Page]) -> list[Doc]:
    docs: list[Doc] = []
    for location, title, _, finds in pages:
        kept = memory.get("search_docs", location)
        if kept is None or kept[0] is not finds:
            kept = (finds, _documents(location, title, finds))
            memory.put("search_docs", location, kept)
        docs += kept[1]
    return docs


def _piece_bytes(docs: list[Doc]) -> bytes:
    return marshal.dumps([(d.location, d.title, d.kind, d.names, d.words, d.text) for d in docs], MARSHAL)


class LiveIndex:
    def __init__(self, store: Optional[PartStore] = None) -> None:
        self.store = store  # none: the whole index in memory (a preview)
        self.count, self.shards = 0, 0
        self.pages: list[tuple[str, str, Optional[str], int]] = []  # location, title, key, its number of documents
        self.kept_pages: list = []  # as the kept entry has them
        self.pieces: dict[int, list[Doc]] = {}  # the documents, PIECE a piece; with a store, read when needed
        self.doc_keys: list[str] = []  # each piece's key, with a store
        self.new_pieces: dict[str, bytes] = {}  # pieces to keep: key → bytes
        # group → term → document × STEP + weight, ascending (search_text.invert); kept bytes until a change reads them
        self.groups: dict[int, dict[str, array | bytes]] = {}
        self.group_keys: dict[int, str] = {}  # kept groups, read when a term of theirs changes
        self.dirty_groups: set[int] = set()
        self.files: dict[str, bytes] = {}  # search/ file name → its bytes, at hand
        self.kept: dict[str, tuple[str, int]] = {}  # search/ file name → (key, size) of its kept copy
        self.touched: set[str] = set()  # files changed by the last update

    @property
    def changed(self) -> bool:
        return bool(self.touched or self.dirty_groups or self.new_pieces or self.pages != self.kept_pages)

    def update_pages(self, entries: list[Entry]) -> "LiveIndex":
        """Made anew: the documents of pages whose key is not the kept one (or who have none); the others'
        are the kept ones, not even read. Pages not the kept ones in the same places: every page's made."""
        same = len(entries) == len(self.pages) and all(
            (location, title) == kept[:2] for (location, title, _, _), kept in zip(entries, self.pages))
        fresh: dict[int, tuple[int, list[Doc]]] = {}  # page → its first document number, its documents made anew
        start = 0
        for page, ((_, _, key, make), (_, _, kept_key, size)) in enumerate(zip(entries, self.pages) if same else ()):
            if key is None or key != kept_key:
                fresh[page] = start, make()
                if len(fresh[page][1]) != size:  # the documents after it move: everything anew
                    same = False
                    break
            start += size
        if not same:  # the pages made already are not made twice
            docs = [fresh[page][1] if page in fresh else make() for page, (*_, make) in enumerate(entries)]
            self.update([doc for page in docs for doc in page])
            self.pages = [(location, title, key, len(page)) for (location, title, key, _), page in zip(entries, docs)]
            return self
        self.pages = [(location, title, key, kept[3]) for (location, title, key, _), kept in zip(entries, self.pages)]
        self._begin()
        changed = []
        for start, docs in fresh.values():
            for number, doc in enumerate(docs, start):
                old = self._doc(number)
                if old != doc:
                    changed.append((number, old))
                    self.pieces[number // PIECE][number % PIECE] = doc
        self._seal({number // PIECE for number, _ in changed})
        return self._apply(changed)

    def update(self, docs: list[Doc]) -> "LiveIndex":
        """Every document given; with a store, only the pieces whose bytes differ from the kept ones are read and compared."""
        self._begin()
        if len(docs) != self.count or self.count == 0:
            return self._rebuild(docs)
        changed = []
        for number, start in enumerate(range(0, len(docs), PIECE)):
            new = docs[start:start + PIECE]
            if self.store is not None:
                data = _piece_bytes(new)
                key = part_key(data)
                if key == self.doc_keys[number]:
                    self.pieces[number] = new
                    continue
                self.doc_keys[number] = key
                self.new_pieces[key] = data
            old = self._piece(number)
            changed += [(start + n, o) for n, (o, d) in enumerate(zip(old, new)) if o is not d and o != d]
            self.pieces[number] = new
        return self._apply(changed)

    def _begin(self) -> None:
        self.touched, self.dirty_groups, self.new_pieces = set(), set(), {}

    def _apply(self, changed: list[tuple[int, Doc]]) -> "LiveIndex":
        """(number, the document as it was) of each changed document: their terms' postings and files made anew."""
        terms: set[str] = set()  # whose postings changed: an edit keeps most of a document's terms and weights
        for number, old in changed:
            before, after = search_text.weights(old), search_text.weights(self._doc(number))
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
            shard, hits = search_text.shard_of(term, self.shards), self._hits(term)
            by_shard.setdefault(shard, {})[term] = hits
            if not hits:  # a term no document holds any more
                del self.groups[shard % GROUPS][term]
        fresh = {f"s/{n}.js": search_text.respliced_shard(n, self._bytes(f"s/{n}.js"), hits) for n, hits in by_shard.items()}
        chunks = {number // CHUNK for number, _ in changed}
        rows: list = [None] * self.count  # only the changed documents' title files are made again
        for chunk in chunks:
            numbers = range(chunk * CHUNK, min((chunk + 1) * CHUNK, self.count))
            rows[numbers.start:numbers.stop] = [search_text.title_row(self._doc(n)) for n in numbers]
        return self._replace({**fresh, **(search_text.title_files(rows, self.shards, only=chunks) if changed else {})})

    def _doc(self, number: int) -> Doc:
        return self._piece(number // PIECE)[number % PIECE]

    def _piece(self, number: int) -> list[Doc]:
        if number not in self.pieces:
            try:
                self.pieces[number] = [Doc(*d) for d in marshal.loads(self.store.get(self.doc_keys[number]))]
            except (EOFError, ValueError, TypeError) as error:
                raise Missing(self.doc_keys[number]) from error
        return self.pieces[number]

    def _seal(self, numbers: set[int]) -> None:
        """New keys for the pieces whose documents changed (with a store)."""
        for number in numbers if self.store is not None else ():
            data = _piece_bytes(self.pieces[number])
            self.doc_keys[number] = part_key(data)
            self.new_pieces[self.doc_keys[number]] = data

    def _hits(self, term: str) -> array:
        """The term's postings to change or encode (a new term: none yet)."""
        number = search_text.shard_of(term, self.shards) % GROUPS
        group = self.groups.get(number)
        if group is None:
            key = self.group_keys.get(number)
            group = self.groups[number] = marshal.loads(self.store.get(key)) if key else {}
        self.dirty_groups.add(number)
        hits = group.get(term)
        if not isinstance(hits, array):
            hits = group[term] = array(POSTING, hits or b"")
        return hits

    def _bytes(self, name: str) -> bytes:
        return self.files[name] if name in self.files else self.store.get(self.kept[name][0])

    def _rebuild(self, docs: list[Doc]) -> "LiveIndex":
        self.count, self.files, self.kept, self.groups, self.group_keys = len(docs), {}, {}, {}, {}
        self.pieces = {number: docs[start:start + PIECE] for number, start in enumerate(range(0, len(docs), PIECE))}
        self.shards, postings, fresh = search_text.index_files(docs)
        for term, hits in postings.items():
            self.groups.setdefault(search_text.shard_of(term, self.shards) % GROUPS, {})[term] = hits
        self.dirty_groups = set(self.groups)
        self.doc_keys = [""] * len(self.pieces)
        self._seal(set(self.pieces))
        return self._replace(fresh)

    def _replace(self, fresh: dict[str, bytes]) -> "LiveIndex":
        self.touched = {name for name, data in fresh.items() if self._differs(name, data)}
        self.files.update(fresh)
        for name in fresh:
            self.kept.pop(name, None)
        return self

    def _differs(self, name: str, data: bytes) -> bool:
        """Whether a file's new bytes are not those at hand or kept (kept ones by their key: not read)."""
        if name in self.files:
            return self.files[name] != data
        return name not in self.kept or self.kept[name][0] != part_key(data)

    def write(self, folder: Path, every: bool = False, place: Optional[Place] = None) -> dict[str, int]:
        """The touched files (a preview's folder holds the others), or `every` file (a build's fresh folder), each by `place`."""
        missing = not (folder / "meta.js").is_file()
        names = [*self.files, *self.kept] if every or missing else sorted(self.touched)
        for sub in {name.rpartition("/")[0] for name in names}:
            (folder / sub).mkdir(parents=True, exist_ok=True)
        for name in names:  # never written in place: the old file may be a link to a kept copy
            if name in self.files:
                (place or _write)(folder / name, self.files[name], None)
            else:
                place(folder / name, None, self.kept[name][0])
        sizes = {name: len(self.files[name]) if name in self.files else self.kept[name][1] for name in names}
        return {"docs": self.count, "shards": self.shards, "rewritten": len(names), **search_text.file_sizes(sizes)}

    def dump(self) -> bytes:
        """Keep the changed parts in the store; the entry that names them all."""
        for key, data in self.new_pieces.items():
            self.store.put(data, key)
        for number in self.dirty_groups:
            if self.groups[number]:
                self.group_keys[number] = self.store.put(marshal.dumps(self.groups[number]))  # arrays go in as their bytes
            else:
                self.group_keys.pop(number, None)
        self.kept.update({name: (self.store.put(data), len(data)) for name, data in self.files.items()})
        self.new_pieces, self.dirty_groups, self.files = {}, set(), {}
        return marshal.dumps((VERSION, self.count, self.shards, self.pages, self.doc_keys, self.group_keys, self.kept))

    def parts(self) -> set[str]:
        return {*self.doc_keys, *self.group_keys.values(), *(key for key, _ in self.kept.values())}

    @classmethod
    def load(cls, entry: Optional[bytes], store: PartStore) -> "LiveIndex":
        """The kept index, its parts to read when needed; or an empty one (none kept, or unreadable: the update then indexes everything)."""
        index = cls(store)
        try:
            version, count, shards, pages, doc_keys, group_keys, kept = marshal.loads(entry or b"")
        except (EOFError, ValueError, TypeError):
            return index
        if version != VERSION or len(doc_keys) != -(-count // PIECE) or sum(page[3] for page in pages) != count:
            return index
        index.count, index.shards, index.doc_keys, index.group_keys, index.kept = count, shards, doc_keys, group_keys, kept
        index.pages = index.kept_pages = [tuple(page) for page in pages]
        return index


def _write(target: Path, data: Optional[bytes], _key: Optional[str]) -> None:
    write_new(target, data)
