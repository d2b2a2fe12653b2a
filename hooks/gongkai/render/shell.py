"""The fast path for record pages: one themed shell per folder depth, filled per page.

Why: the theme renders its whole base template (header, tabs, search, footer)
for every page, a few milliseconds each and on one core inside MkDocs. Record
pages differ only in title, body, edit link and own URL, so the theme renders
one shell per depth (relative asset paths depend on depth) and this module
fills it for every record page, on all cores. At district scale (tens of
thousands of pages) this is the difference between minutes and seconds.
"""
from __future__ import annotations

import gc
import html
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from gongkai.common.files import write_new

if TYPE_CHECKING:
    from gongkai.render.page_cache import PageCache

TITLE = "GKSHELLTITLE"
BODY = "<!--GKSHELLBODY-->"
EDIT = "GKSHELLEDIT"
SHELL_DIR = "gk-shell"  # where the engine renders the shells; removed after the record pages are written


def depth(src_uri: str) -> int:
    return src_uri.count("/")


def shell_uri(depth: int) -> str:
    """A shell page whose built file sits `depth` folders deep, like the records it serves."""
    return "/".join([SHELL_DIR, *["d"] * (depth - 1), "index.md"])


@dataclass(frozen=True)
class Shell:
    """A rendered page cut at its placeholders; `url` is the shell's own URL."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]

    @classmethod
    def parse(cls, rendered: str, url: str) -> "Shell":
        tokens = [TITLE, BODY, EDIT] + ([url] if url else [])
        pieces = re.split("(" + "|".join(map(re.escape, tokens)) + ")", rendered)
        return cls(tuple(pieces[0::2]), tuple(pieces[1::2]))

    def fill(self, url: str, title: str, body: str, edit: str) -> str:
        values = {TITLE: html.escape(title), BODY: body, EDIT: edit}
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:]):
            out.append(values.get(slot, url))
            out.append(part)
        return "".join(out)


@dataclass(frozen=True)
class RecordPage:
    src_uri: str
    dest: str  # path under site_dir
    url: str  # as the theme writes page URLs (directory or .html form)
    title: str
    edit: str
    depth: int


@dataclass
class _Job:
    pages: list[RecordPage]
    render_body: Callable[[str], str]
    shells: dict[int, Shell]
    site_dir: Path
    known: dict[str, str]  # bodies already made: preview cache hits
    preview: bool  # send fresh bodies back for the preview cache; leave known pages already on disk
    store: Optional["PageCache"] = None  # page files kept on disk between builds: linked when unchanged, else kept
    in_place: set[str] = field(default_factory=set)  # pages whose file, taken back from the last build, is the kept entry


# Set only inside forked workers (by the pool's initializer, which a fork passes without
# pickling): each worker inherits the job, a whole catalog, instead of receiving it.
_job: Optional[_Job] = None


def _adopt(job: _Job) -> None:
    global _job
    _job = job


def write_record_pages(
    pages: list[RecordPage],
    render_body: Callable[[str], str],
    shells: dict[int, Shell],
    site_dir: Path,
    known: Optional[dict[str, str]] = None,
    preview: bool = False,
    workers: Optional[int] = None,
    store: Optional["PageCache"] = None,
    taken_back: Optional[dict[str, tuple[int, int]]] = None,
) -> tuple[dict[str, str], int]:
    """Render and write every record page; return (in a preview) fresh bodies, and how many were rendered.

    The preview server keeps its site folder between rebuilds (`gongkai serve`
    runs `mkdocs serve --dirty`), so a page whose inputs and shell are
    unchanged (it is in `known`) is already on disk as it would be written.
    A build given the last build's files (`taken_back`, render.reuse) leaves
    each one that is still the page's kept cache entry.
    """
    taken_back = taken_back or {}
    in_place = {page.src_uri for page in pages
                if store and page.dest in taken_back and store.holds(page.src_uri, taken_back[page.dest])}
    job = _Job(pages, render_body, shells, site_dir, known or {}, preview, store, in_place)
    workers = workers or os.cpu_count() or 1
    # Writing thousands of files is worth both cores even when little is re-rendered;
    # a rebuild that finds nearly every page on disk is quicker without forking.
    left = job.known if preview else in_place
    work = sum(1 for page in pages if page.src_uri not in left)
    if workers == 1 or work < 200 or "fork" not in multiprocessing.get_all_start_methods():
        results = [_write_chunk(range(len(pages)), job)]
    else:
        # Runs of neighbouring pages, not every n-th page: a forked worker that touches a
        # record copies its memory page from the parent, so each worker should keep to its own
        # records (the caller orders pages by organization). Several runs each keep the cores even.
        size = -(-len(pages) // (workers * 8))
        # Everything made so far is out of the cycle collector's reach, so a worker's
        # collections never walk (and so copy) the parent's objects.
        gc.freeze()
        with multiprocessing.get_context("fork").Pool(workers, initializer=_adopt, initargs=(job,)) as pool:
            results = pool.map(_write_chunk, [range(i, min(i + size, len(pages))) for i in range(0, len(pages), size)], chunksize=1)
    bodies = {uri: body for chunk, _ in results for uri, body in chunk.items()}
    return bodies, sum(rendered for _, rendered in results)


def _write_chunk(indexes: range, job: Optional[_Job] = None) -> tuple[dict[str, str], int]:
    job = job or _job
    assert job is not None
    bodies, rendered = {}, 0
    made: set[Path] = set()
    for i in indexes:
        page = job.pages[i]
        target = job.site_dir / page.dest
        known = page.src_uri in job.known
        if known and job.preview and target.exists():
            continue  # on disk already, as it would be written
        if page.src_uri in job.in_place:
            continue  # the kept entry itself, taken back from the last build
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if not known and job.store and job.store.place(page.src_uri, target):
            continue
        if known:
            body = job.known[page.src_uri]
        else:
            body = job.render_body(page.src_uri)
            rendered += 1
            if job.preview:
                bodies[page.src_uri] = body
        write_page(target, job.shells[page.depth].fill(page.url, page.title, body, page.edit))
        if job.store:
            job.store.keep(page.src_uri, target)
    return bodies, rendered


def write_page(target: Path, text: str) -> None:
    """A new file, never one overwritten in place: a page there may be a hard link to a kept cache entry."""
    write_new(target, text.encode("utf-8"))
