"""Our search index, prebuilt at build time and split into shards the page loads as <script> files.

Why: Material's client built a lunr index in the browser from every entry on
every page load (2–3 s at district scale before the first result) and, to
stay small, held only titles. Here the build does the work: every term maps
to the documents holding it, Chinese as character bigrams (any run of two or
more characters typed is found as the bigrams it contains) plus jieba's words
of names, titles and short fields (a query that is one such word ranks the
records using it as a word higher) and the names whole (an exact name ranks
first). A term lives in the shard its
hash picks, so a query loads one small shard per term it holds, and <script>
files load from file:// as well as over HTTP.

At district scale a bigram such as 承诺 is in most of 160,000 documents; its
whole list would be megabytes for one keystroke. A term in more than COMMON
documents keeps only its best COMMON (names and titles first) and is marked
common: the page narrows results by the rarer terms of a query and lets the
common ones only add to the score (as a search engine treats stop words).
"""
from __future__ import annotations

import html
import json
import operator
import re
import unicodedata
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterable, Optional, Sequence

from gongkai.common.files import write_new

try:
    import jieba

    jieba.setLogLevel(60)
except ImportError:  # search still works, by bigrams
    jieba = None

NAME, WORD, TEXT = 8, 3, 1  # a name or title outranks a short field, which outranks long text
CHUNK = 50  # documents per file of result titles: 30 results load at most 30 small files
COMMON = 1000  # documents a term keeps; more than any result list shows
STEP = 10  # a posting is (document gap) × STEP + weight: weights are below 10
POSTING = "i"  # the array type of a term's postings: 32-bit
SNIPPET = 60  # characters of a result's second line
FOLDER = "search"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[0-9a-z]+(?:[-_][0-9a-z]+)*")
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_SPACE = re.compile(r"\s+")
_ID_PARTS = re.compile(r"[-_]")


@dataclass(frozen=True)
class Doc:
    """One search result: where it opens (site-relative, with its anchor) and what it is found by."""

    location: str
    title: str
    kind: str
    names: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    text: tuple[str, ...] = ()


def normalize(text: str) -> str:
    """What both sides compare: full-width forms folded, lower case (the page does the same)."""
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str, words: bool = True) -> set[str]:
    """Bigrams of every Chinese run (a lone character as itself), Latin words and ids; with `words`, jieba's words
    of three or more characters too (names, titles and short fields only: on a district's long texts jieba alone
    took over a minute, and the bigrams already find every run typed)."""
    text = normalize(text)
    found = set()
    for word in _LATIN.findall(text):  # an id whole and by its parts: 2024q4-m10, 2024q4, m10
        found.add(word)
        found.update(_ID_PARTS.split(word))
    for run in _HAN.findall(text):
        if len(run) == 1:
            found.add(run)
            continue
        found.update(map(operator.add, run, run[1:]))  # the bigrams, joined in C: the build's hot loop
        if words and jieba is not None and len(run) > 2:
            found.update(word for word in jieba.cut(run) if len(word) > 2)
    return found


def whole(name: str) -> str:
    return _SPACE.sub("", normalize(name))


def page_text(markup: str) -> str:
    """A hand-written page's words, from its HTML."""
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", markup))).strip()


def term_hash(term: str) -> int:
    """FNV-1a over the code points, 32 bits: the page computes the same (gongkai-search.js)."""
    value = 2166136261
    for char in term:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int) -> int:
    return term_hash(term) % shards


def shard_count(docs: int) -> int:
    """More documents, more (and so smaller) shards: about 40 documents' worth of terms each."""
    count = 16
    while count < 4096 and count * 40 < docs:
        count *= 2
    return count


def weights(doc: Doc, seen: Optional[dict[str, tuple]] = None) -> dict[str, int]:
    """A document's terms, each with the best weight it has there; `seen` keeps the terms of short fields (names,
    posts, titles recur across thousands of documents), so jieba cuts each once."""
    found = dict.fromkeys(terms(" ".join(doc.text), words=False), TEXT)  # the long texts at once: one pass
    seen = {} if seen is None else seen
    for weight, fields in ((WORD, doc.words), (NAME, doc.names)):
        for field in fields:
            if field not in seen:
                seen[field] = (frozenset(terms(field)), whole(field))
            cut, exact = seen[field]
            found.update(dict.fromkeys(cut, weight))
            if weight == NAME and exact:
                found[exact] = NAME + 1  # the whole name: an exact match
    return found


def invert(per_doc: Iterable[dict[str, int]]) -> dict[str, array]:
    """term → its postings packed as document number × STEP + weight, documents ascending: 4 bytes a posting
    (a district's 10 million postings as dicts of ints held 740 MB; POSTING holds 200 million documents)."""
    index: dict[str, array] = defaultdict(lambda: array(POSTING))
    for number, found in enumerate(per_doc):
        base = number * STEP
        for term, weight in found.items():
            index[term].append(base + weight)
    return index


def pack(hits: dict[int, int]) -> list[int]:
    """{document number: weight} → packed postings, as invert makes them."""
    return [number * STEP + hits[number] for number in sorted(hits)]


def encode(packed: Sequence[int], common: Optional[int] = None) -> tuple[list[int], bool]:
    """A term's packed postings as the page reads them, documents ascending as gaps; True when cut to its best
    `common` documents (COMMON: the highest weights, then the first documents)."""
    common = COMMON if common is None else common
    kept = sorted(sorted(packed, key=lambda value: (-(value % STEP), value))[:common]) if len(packed) > common else packed
    previous, encoded = 0, []
    for value in kept:
        number = value // STEP
        encoded.append((number - previous) * STEP + value % STEP)
        previous = number
    return encoded, len(packed) > common


def decode(encoded: list[int]) -> dict[int, int]:
    """The reverse of encode, as the page reads it: {document number: weight}."""
    number, hits = 0, {}
    for value in encoded:
        number += value // STEP
        hits[number] = value % STEP
    return hits


def _snippet(doc: Doc) -> str:
    line = " · ".join(w for w in (*doc.words, *doc.text) if w)
    return line[:SNIPPET] + ("…" if len(line) > SNIPPET else "")


def write_index(site_dir: Path, docs: list[Doc]) -> dict[str, int]:
    """Write search/meta.js, search/s/<shard>.js and search/d/<chunk>.js; return the sizes written."""
    shards, _, files = index_files(docs)
    return {"docs": len(docs), "shards": shards, **write_files(site_dir / FOLDER, files)}


def index_files(docs: list[Doc]) -> tuple[int, dict[str, array], dict[str, bytes]]:
    """The whole index of `docs`: its shard count, its postings and every file's bytes."""
    shards = shard_count(len(docs))
    seen: dict[str, tuple] = {}
    postings = invert(weights(d, seen) for d in docs)
    return shards, postings, {**shard_files(postings, shards), **title_files([title_row(d) for d in docs], shards)}


def shard_files(postings: dict[str, Sequence[int]], shards: int, common: Optional[int] = None) -> dict[str, bytes]:
    """s/<n>.js for every shard (an empty one too: the page never asks for a missing file)."""
    grouped: dict[int, dict[str, list]] = defaultdict(lambda: {"t": {}, "c": []})
    for term in sorted(postings):  # sorted: the same bytes every build (sets have no order)
        table = grouped[shard_of(term, shards)]
        table["t"][term], cut = encode(postings[term], common)
        if cut:
            table["c"].append(term)
    return {f"s/{n}.js": _script(f"gkSearch.shard({n},", grouped[n]) for n in range(shards)}


def respliced_shard(number: int, data: bytes, postings: dict[str, Sequence[int]]) -> bytes:
    """Shard `number`'s file (`data`, as shard_files made it) with these terms encoded anew (no postings: gone).

    Why: an edit changes a few terms of a shard; re-encoding all of them re-sorted the
    postings of its common terms (100,000 in a district: 0.1 s each) on every preview save.
    """
    call = f"gkSearch.shard({number},"
    text = data.decode("utf-8")
    table = json.loads(text[len(call):-len(");\n")])
    terms, cut = table["t"], set(table["c"])
    for term, hits in postings.items():
        cut.discard(term)
        terms.pop(term, None)
        if hits:
            terms[term], cuts = encode(hits)
            if cuts:
                cut.add(term)
    return _script(call, {"t": {term: terms[term] for term in sorted(terms)}, "c": sorted(cut)})


def title_row(doc: Doc) -> list[str]:
    """What a result shows: where it opens, its title, its kind, a snippet."""
    return [doc.location, doc.title, doc.kind, _snippet(doc)]


def title_files(rows: list[list[str]], shards: int, chunk: int = CHUNK, only: Optional[Collection[int]] = None) -> dict[str, bytes]:
    """d/<n>.js, `chunk` result rows a file (or `only` these files), and meta.js (which says how they are cut)."""
    files = {f"d/{n}.js": _script(f"gkSearch.docs({n},", rows[n * chunk:(n + 1) * chunk])
             for n in (range(-(-len(rows) // chunk)) if only is None else sorted(only))}
    files["meta.js"] = _script("gkSearch.meta(", {"shards": shards, "chunk": chunk, "docs": len(rows), "step": STEP})
    return files


def write_files(folder: Path, files: dict[str, bytes], put: Callable[[Path, bytes], None] = write_new) -> dict[str, int]:
    """Write search/ files (names relative to it), each by `put`; the bytes of shards and of the rest, the largest shard."""
    for sub in {name.rpartition("/")[0] for name in files}:
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        put(folder / name, data)  # never in place: the old file may be a link to a kept copy
    return file_sizes({name: len(data) for name, data in files.items()})


def file_sizes(sizes: dict[str, int]) -> dict[str, int]:
    """What the build log tells of search/ files (name → bytes): shards and the rest, the largest shard."""
    shards = [size for name, size in sizes.items() if name.startswith("s/")]
    return {"shard_bytes": sum(shards), "largest_shard": max(shards, default=0),
            "doc_bytes": sum(size for name, size in sizes.items() if not name.startswith("s/"))}


def _script(call: str, value: object) -> bytes:
    return (call + json.dumps(value, ensure_ascii=False, separators=(",", ":")) + ");\n").encode("utf-8")


def documents(entries: Iterable[tuple[str, str, tuple]]) -> list[Doc]:
    """(page location, page title, its Findables) → one Doc per findable, anchors added."""
    docs = []
    for location, _title, finds in entries:
        for find in finds:
            where = f"{location}#{find.anchor}" if find.anchor else location
            docs.append(Doc(where, find.title, find.kind, find.names, find.words, find.text))
    return docs
