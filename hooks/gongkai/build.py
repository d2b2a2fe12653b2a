"""One build of the site, in stage order and engine-neutral: records → plan → images → render → outputs.

The engine (MkDocs or ProperDocs, through generator/) renders the section and
hand-written pages in its theme; everything else is decided and made here.
Record pages (thousands at district scale) take the fast path in
`render.shell`: the theme renders one shell page per folder depth and each
record's body is filled into it, on both cores.
"""
from __future__ import annotations

import gc
import logging
import shutil
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Optional

from gongkai.common.build_cache import BuildCache
from gongkai.common.kept_values import KeptValues
from gongkai.common.memo import Memory
from gongkai.common.problems import DataError
from gongkai.images.inspect import PhotoInspector
from gongkai.images.pipeline import ImagePipeline, ImageResult
from gongkai.outputs.export_cache import TABLES, write_exports
from gongkai.plan import urls
from gongkai.plan.briefings import links_outside, read_briefings
from gongkai.plan.handwritten import check_pages
from gongkai.plan.pages import home_context
from gongkai.plan.site import SitePlan, plan_site
from gongkai.plan.spec import PageSpec
from gongkai.plan.stats import StatsBook
from gongkai.records import photo_refs, scope
from gongkai.records.catalog import Catalog, build_catalog
from gongkai.records.record_cache import RecordCache
from gongkai.render import kiosk_page, page_cache, pictures, preview_cache, problems_page, reuse, sanitize, search_live, search_text, shell
from gongkai.render.bodies import BodyRenderer
from gongkai.render.compiled import CompiledTemplates
from gongkai.settings import Settings

log = logging.getLogger("mkdocs.plugins.gongkai")  # both engines show this logger's lines


@dataclass(frozen=True)
class Site:
    """What the engine's configuration tells the build."""

    docs_dir: Path
    site_url: str
    site_name: str
    use_directory_urls: bool
    kiosk: bool


class SiteBuild:
    """State of one build; a preview session makes one per rebuild and keeps `memory` between them."""

    def __init__(self, settings: Settings, site: Site, preview: bool, memory: Memory):
        self.settings, self.site, self.preview, self.memory = settings, site, preview, memory
        self.as_of: date = settings.as_of or date.today()
        # What earlier builds learned (settings.cache_dir): validated records, rendered record pages.
        self.cache = BuildCache(settings.cache_dir)
        self.records = RecordCache(self.cache)
        # Loading makes millions of objects and no garbage cycles: the cycle collector would
        # rescan them all, again and again (seconds at district scale). It stays off while
        # loading; then everything made so far is frozen out of its sight, so pages render
        # without it rescanning the records and forked workers keep sharing their memory.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.catalog = self._load()
            if settings.scope:  # one area's board names the area
                self.site = replace(site, site_name=scope.area_name(self.catalog, settings.scope, site.site_name))
            figures = None if preview else KeptValues(self.cache, "own-figures", settings.scope)  # the preview's Memory knows them
            self.book = StatsBook(self.catalog, self.as_of, memory, figures)
            self.plan: SitePlan = plan_site(self.catalog, self.book, read_briefings(site.docs_dir)[0], settings.quarter_board_rows,
                                            settings.member_index_cards, memory)
            self.book.keep()  # planning asked for every organization's figures (the statistics pages)
            # Briefings are the town's news: in one area's board their links to other areas' pages are
            # plain text (the engine checks them against placeholders, hand_written unlinks them).
            self._outside = links_outside(site.docs_dir, self.plan.destinations()) if settings.scope else set()
            self.images = ImagePipeline(settings.data_dir, settings.cache_dir)
            self._refs = photo_refs.PhotoRefs(self.catalog, None if preview else KeptValues(self.cache, "photo-refs", settings.scope))
            self._photos: dict[str, ImageResult] = {}
            self._written: list[search_text.Doc] = []  # hand-written pages and briefings, as the engine renders them
            self.renderer = BodyRenderer(settings.template_dir, self.catalog, self.book, self._picture, memory, preview, site.kiosk)
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def _load(self) -> Catalog:
        """The public catalog; every problem of the data and the briefings stops the build, listed at once."""
        started = time.perf_counter()
        _, problems = read_briefings(self.site.docs_dir)
        problems += check_pages(self.site.docs_dir)  # personal numbers in docs/ and mkdocs.yml, tags in titles
        folders = (self.settings.data_dir, self.settings.cache_dir)  # a preview session keeps one, with its verdicts
        photos = self.memory.recall("photo_check", folders, lambda: PhotoInspector(*folders))
        try:
            full = build_catalog(self.settings.data_dir, self.memory, self.records, inspect_photo=photos)
        except DataError as error:
            problems = error.problems + problems
        finally:
            photos.save()
        if problems:
            raise DataError(problems)
        log.info(f"gongkai: 读取并检查数据 {time.perf_counter() - started:.1f} 秒（{len(full.orgs)} 个组织，{len(full.pledges)} 项承诺；{self.records.hits} 个文件取自缓存）")
        public = full.publishable(preview=self.preview, memory=self.memory)
        if not self.settings.scope:
            return public
        return scope.scoped(public, self.settings.scope)

    def close(self) -> None:
        """Let the next preview rebuild free this build's records.

        They were frozen out of the cycle collector's sight (unfreezing and
        collecting would rescan the whole heap: seconds at district scale).
        The references that keep them alive run through cycles (the template
        environment's globals), so those are cut here and the records are
        freed by reference counting.
        """
        if getattr(self, "renderer", None) is not None:
            self.renderer.close()
        self.__dict__.clear()

    # -- what the engine asks -------------------------------------------------
    def outputs_after_build(self) -> list[str]:
        """Files written after the engine's pages (open data, feed): hand-written pages may link them."""
        return _late_outputs() + sorted(self._outside)

    def keep_compiled(self, env) -> None:
        """The engine's theme environment (made anew every build) compiles each template once per preview session."""
        if env is not None:
            env.bytecode_cache = self.memory.recall("templates", "theme", CompiledTemplates)

    def start_images(self) -> None:
        """Start every image job now so the pool works while pages render."""
        for rel, kind in self._refs.every():
            if rel not in self._photos:
                self._photos[rel] = self.images.submit(rel, kind=kind)
        self._refs.keep()

    def body(self, spec: PageSpec) -> str:
        return self.renderer.render(spec)

    def hand_written(self, html: str) -> str:
        """The engine's HTML of Markdown (docs/, briefings, clerks' titles), cleaned; the kiosk's links no files."""
        page = kiosk_page.without_downloads(html) if self.site.kiosk else sanitize.clean_page(html)
        return sanitize.unlink(page, self._outside)  # one area's board: no link to another area's pages

    def home_body(self, title: str) -> str:
        latest = None if self.preview else KeptValues(self.cache, "latest-updates", self.settings.scope)  # the preview's Memory knows them
        home = PageSpec(urls.HOME, title or "首页", "home.html", home_context(self.catalog, self.as_of, self.memory, latest))
        return self.renderer.render(home)

    def finish(self, site_dir: Path, shells: dict[int, shell.Shell], old_site: Optional[Path] = None,
               done_with_old: Callable[[], None] = lambda: None) -> None:
        """After the engine's pages: photos, record pages (the old site's folders of them taken back), the search
        entries, open data."""
        started = time.perf_counter()
        problems = self.images.finish(site_dir)
        if problems and self.preview:
            problems_page.write_problems_site(site_dir, problems)  # the browser is told, not left waiting
            return
        if problems:
            raise DataError(problems)
        log.info(f"gongkai: 等待照片处理 {time.perf_counter() - started:.1f} 秒（本次解码 {self.images.decoded} 张）")
        started = time.perf_counter()
        records = [self._record_page(spec) for spec in self.plan.pages.values() if not spec.section]
        # Each organization's pages together, in the order its records were read (and so lie in
        # memory): a worker given a run of them touches, and copies from the parent, only its share.
        place = {org_id: i for i, org_id in enumerate(self.catalog.orgs)}
        records.sort(key=lambda r: place.get(self._spec(r.src_uri).owner, -1))
        fingerprints = self._fingerprints(records, shells) if self.preview else {}
        known = preview_cache.cached_bodies(self.memory, fingerprints)
        # The preview keeps bodies in its memory; a build, in the cache on disk.
        keys = {} if self.preview else self._page_keys(records, shells)
        store = None if self.preview else page_cache.PageCache(self.cache, keys)
        taken_back = reuse.take_back(site_dir, old_site, [r.dest for r in records]) if old_site and store else {}
        done_with_old()
        fresh, rendered = shell.write_record_pages(records, self._render_record, shells, site_dir,
                                                   known=known, preview=self.preview, store=store, taken_back=taken_back)
        preview_cache.remember(self.memory, fingerprints, fresh)
        if store is not None:
            store.prune()
            self.records.prune()
        shutil.rmtree(site_dir / shell.SHELL_DIR, ignore_errors=True)
        again = f"；上次的页面文件 {len(taken_back)} 个就地取回" if taken_back else ""
        log.info(f"gongkai: 记录页面 {len(records)} 个（重新渲染 {rendered} 个）{time.perf_counter() - started:.1f} 秒{again}")
        self._write_search(site_dir, records, keys)
        if self.preview or self.site.kiosk:
            log.info("gongkai: 预览和触摸屏版不生成开放数据和订阅（发布网站时生成）")
            return
        started = time.perf_counter()
        reused = write_exports(self.catalog, self.as_of, site_dir, self.site.site_url, self.site.site_name, self.cache)
        log.info(f"gongkai: 开放数据和订阅 {time.perf_counter() - started:.1f} 秒（{reused} 个组织的数据取自缓存）")

    # -- record pages ---------------------------------------------------------
    def _record_page(self, spec: PageSpec) -> shell.RecordPage:
        dest = urls.dest(spec.src_uri)
        url = dest[: -len("index.html")] if self.site.use_directory_urls else dest
        edit = f"../{spec.source}" if spec.source else ""
        return shell.RecordPage(spec.src_uri, dest, url, spec.title, edit, shell.depth(spec.src_uri))

    def _spec(self, src_uri: str) -> PageSpec:
        return self.plan.pages[src_uri]

    def _render_record(self, src_uri: str) -> str:
        return self.renderer.render(self._spec(src_uri))

    def note_page(self, url: str, title: str, html: str) -> None:
        """A hand-written page or briefing: found by its title and text."""
        self._written.append(search_text.Doc(url, title, "页面", names=(title,), text=(search_text.page_text(html),)))

    def _write_search(self, site_dir: Path, records: list[shell.RecordPage], keys: dict[str, Optional[str]]) -> None:
        started = time.perf_counter()  # a page's key stands for its findables' inputs too (search_live)
        pages = [(r.url, r.title, keys.get(r.src_uri), self.plan.pages[r.src_uri].finds) for r in records if r.src_uri in self.plan.pages]
        sizes = search_live.write_search(site_dir, pages, self._written, self.memory if self.preview else None, self.cache,
                                         (self.site.kiosk, self.site.use_directory_urls, self.settings.scope))
        log.info(f"gongkai: 搜索索引 {sizes['docs']} 条，写入 {(sizes['shard_bytes'] + sizes['doc_bytes']) / 1e6:.1f} MB，{time.perf_counter() - started:.1f} 秒")

    def _fingerprints(self, records: list[shell.RecordPage], shells: dict[int, shell.Shell]) -> dict[str, Optional[str]]:
        """Which bodies a preview may reuse: a page's inputs, the templates, settings, photos and shells."""
        photos = repr(sorted((rel, repr(result)) for rel, result in self._photos.items()))  # hashed photo URLs
        frames = sorted((depth, s.parts, s.slots) for depth, s in shells.items())
        common = preview_cache.global_key(self.catalog, self.settings.template_dir, self.as_of, photos, frames)
        return {r.src_uri: preview_cache.fingerprint(self._spec(r.src_uri), self.catalog, common) for r in records}

    def _page_keys(self, records: list[shell.RecordPage], shells: dict[int, shell.Shell]) -> dict[str, Optional[str]]:
        """Which bodies a build may take from the cache on disk: the preview's inputs, by content, and each
        organization's own photos (album photos, shown on organization pages, count for every page)."""
        photos = {org_id: repr([self._photos.get(rel) for rel, _ in self._refs.of(org)]) for org_id, org in self.catalog.orgs.items()}
        albums = repr([self._photos.get(photo.file) for album in self.catalog.albums.values() for photo in album.files])
        frames = sorted((depth, s.parts, s.slots) for depth, s in shells.items())
        others = sorted(uri for uri, spec in self.plan.pages.items() if not spec.org_bound)  # what links may point at
        # Settings and the site's configuration by value, not where the project lies (a moved project keeps its cache).
        settings = (self.as_of, self.settings.quarter_board_rows, self.settings.member_index_cards, self.settings.scope,
                    self.site.site_url, self.site.site_name, self.site.use_directory_urls, self.site.kiosk)
        common = page_cache.common_key(self.catalog, settings, albums, frames, others)
        templates = page_cache.template_keys(self.settings.template_dir)
        return {r.src_uri: page_cache.fingerprint(self._spec(r.src_uri), self.catalog, common, photos, templates) for r in records}

    def _picture(self, rel: str, alt: str, prefix: str, size: str, sizes: str = "") -> str:
        return pictures.picture(self._photos, rel, alt, prefix, size, sizes)


class ProblemsBuild:
    """A preview of data with problems: no pages of its own; after the engine's, every page answers with the list.

    Same questions as SiteBuild, so the engine's glue needs one line to choose it.
    """

    def __init__(self, problems: list, site: Site):
        self.problems = problems
        # The section pages of no data: the engine's nav and links to them resolve, so its
        # terminal shows our list rather than a warning for each page missing for now.
        empty = Catalog(Path(), {}, {}, {}, {})
        self.plan = plan_site(empty, StatsBook(empty, date.today()), [], 1, 1)

    def outputs_after_build(self) -> list[str]:
        return _late_outputs()  # made by no one now, but hand-written pages link them

    def body(self, spec: PageSpec) -> str:
        return ""

    hand_written = staticmethod(sanitize.clean_page)

    def start_images(self) -> None:
        pass

    def keep_compiled(self, env) -> None:
        pass  # nothing of the theme is rendered while the data is wrong

    def note_page(self, url: str, title: str, html: str) -> None:
        pass  # no search index while the data is wrong

    def home_body(self, title: str) -> str:
        return ""

    def finish(self, site_dir: Path, shells: dict, old_site: Optional[Path] = None, done_with_old: Callable[[], None] = lambda: None) -> None:
        problems_page.write_problems_site(site_dir, self.problems)
        # Last, below the engine's warnings about the pages that are missing for now.
        log.warning(DataError(self.problems).report() + "\n预览的每一页都显示这些问题，改好保存后浏览器自动刷新。")

    def close(self) -> None:
        pass


def _late_outputs() -> list[str]:
    return [f"{urls.OPEN_DATA}/{t}.{ext}" for t in TABLES for ext in ("csv", "json")] + [urls.FEED]
