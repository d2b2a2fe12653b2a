"""The only module that knows MkDocs: it feeds the core's pages into a build.

Material for MkDocs is in maintenance mode and its successor does not run
MkDocs hooks; everything below the adapter (load → catalog → pages → render →
images) is plain Python, so moving generator means rewriting this file only.

Section pages (in the nav) and hand-written pages go through MkDocs as usual.
Record pages (thousands at district scale) take the fast path in `shell`:
the theme renders one shell page per folder depth and we fill it per record.
"""
from __future__ import annotations

import gc
import html
import json
import logging
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from gongkai.render import preview_cache, search_text, shell
from gongkai.plan import stats, urls
from gongkai.plan.briefings import index_markdown, read_briefings
from gongkai.records.catalog import Catalog, build_catalog
from gongkai.plan.pages import PageSpec, generate_pages, home_context
from gongkai.outputs.exports import TABLES, write_exports
from gongkai.plan.printboard import poster_specs
from gongkai.common.problems import DataError
from gongkai.render.bodies import BodyRenderer
from gongkai.plan.stats_page import report_pages
from gongkai.settings import Settings

log = logging.getLogger("mkdocs.plugins.gongkai")
SHELL_DIR = "gk-shell"


class GongkaiBuild:
    """State of one build; made anew in on_config because `mkdocs serve` keeps hook modules loaded."""

    def __init__(self, config: MkDocsConfig, preview: bool):
        # Loading makes millions of objects and no garbage cycles: the cycle
        # collector would rescan them all, again and again (seconds at district
        # scale). It stays off while loading; then everything made so far is
        # frozen out of its sight, so pages render without it rescanning the
        # records and forked workers keep sharing their memory. A preview
        # rebuild frees the last build's records by reference counting.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._setup(config, preview)
        finally:
            gc.freeze()
            if collecting:
                gc.enable()

    def close(self) -> None:
        """Let a preview rebuild free this build's records.

        They were frozen out of the cycle collector's sight (unfreezing and
        collecting would rescan the whole heap: seconds at district scale).
        The references that keep them alive run through cycles (the template
        environment's globals), so those are cut here and the records are
        freed by reference counting.
        """
        if getattr(self, "renderer", None) is not None:
            self.renderer.close()
        self.__dict__.clear()
        stats.forget()

    def _setup(self, config: MkDocsConfig, preview: bool) -> None:
        theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.settings = Settings.from_extra(config.extra.get("gongkai") or {}, Path(config.config_file_path).parent, theme_dir)
        self.preview = preview
        self.as_of: date = self.settings.as_of or date.today()
        self.site_url = config.site_url or ""
        self.catalog, briefings = self._load(Path(config.docs_dir))
        pages = generate_pages(self.catalog, self.as_of, self.settings.quarter_board_rows, self.settings.member_index_cards) + report_pages(self.catalog, self.as_of)
        pages.append(PageSpec(urls.BRIEFINGS, "简报", "", section=True, markdown=index_markdown(briefings)))
        self.specs: dict[str, PageSpec] = {spec.src_uri: spec for spec in pages}
        # Print views and open data are for publishing; the preview server skips them to stay quick.
        self.posters = {} if preview else {spec.src_uri: spec for spec in poster_specs(self.catalog, self.site_url)}
        from gongkai.images.pipeline import ImagePipeline, picture_html  # deferred: heavy imports

        self.images = ImagePipeline(self.settings.data_dir, self.settings.cache_dir)
        self._picture_html = picture_html
        self._results: dict[str, object] = {}
        kiosk = bool(config.extra.get("kiosk"))
        self.renderer = BodyRenderer(self.settings.template_dir, self.catalog, self.as_of, self._picture, preview, kiosk)
        self._placeholders: list[File] = []
        self._shells: dict[int, shell.Shell] = {}

    def _load(self, docs_dir: Path):
        """The public catalog and the briefings; every problem in either stops the build, listed at once."""
        started = time.perf_counter()
        briefings, problems = read_briefings(docs_dir)
        try:
            full = build_catalog(self.settings.data_dir)
        except DataError as error:
            problems = error.problems + problems
        if problems:
            raise PluginError(DataError(problems).report() + "\n网站未生成，已发布的内容保持不变。")
        log.info(f"gongkai: 读取并检查数据 {time.perf_counter() - started:.1f} 秒（{len(full.orgs)} 个组织，{len(full.pledges)} 项承诺）")
        return full.publishable(preview=self.preview), briefings

    # -- events ---------------------------------------------------------------
    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        written = {file.src_uri for file in files}
        clashes = [uri for uri in self.specs if uri in written or urls.dest(uri) in written]
        if clashes:
            raise PluginError("以下手写页面与自动生成的页面地址冲突，请改名：\n" + "\n".join(f"docs/{c}" for c in clashes))
        depths = set()
        for spec in self.specs.values():
            if spec.section:
                # Section indexes list what the record pages already put in the search index:
                # Material would parse every one of their (at district scale, huge) pages again.
                content = spec.markdown or f"---\nsearch:\n  exclude: true\n---\n# {spec.title}\n"
                file = File.generated(config, spec.src_uri, content=content, inclusion=InclusionLevel.INCLUDED)
                file.edit_uri = f"../{spec.source}" if spec.source else None
            else:
                # A placeholder so links from hand-written pages validate; dropped in on_env.
                file = File.generated(config, urls.dest(spec.src_uri), content=b"")
                self._placeholders.append(file)
                depths.add(_depth(spec.src_uri))
            files.append(file)
        # Open data and the feed are written after the build; hand-written pages may link them.
        for uri in [f"{urls.OPEN_DATA}/{t}.{ext}" for t in TABLES for ext in ("csv", "json")] + [urls.FEED]:
            file = File.generated(config, uri, content=b"")
            self._placeholders.append(file)
            files.append(file)
        home = files.get_file_from_path(urls.HOME)
        if self.preview and home is not None and home.generated_by is None:
            # `gongkai serve` is a dirty build: MkDocs rebuilds only hand-written pages whose file
            # changed, but the home page shows figures from the data. As a generated file it is
            # rebuilt every time.
            files.remove(home)
            files.append(File.generated(config, urls.HOME, content=home.content_bytes))
        self._shells[shell.BARE] = shell.Shell.parse(shell.BODY, "")
        for depth in sorted(depths):
            front = f"---\ntitle: {shell.TITLE}\nsearch:\n  exclude: true\n---\n"
            file = File.generated(config, _shell_uri(depth), content=front, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = shell.EDIT
            files.append(file)
        self._submit_images()
        return files

    def drop_placeholders(self, files: Files) -> None:
        for file in self._placeholders:
            files.remove(file)

    def page_content(self, html: str, page: Page) -> Optional[str]:
        uri = page.file.src_uri
        if uri.startswith(SHELL_DIR + "/"):
            return shell.BODY
        spec = self.specs.get(uri)
        if spec is not None and spec.markdown is None:
            return self.renderer.render(spec)
        if uri == urls.HOME:
            home = PageSpec(urls.HOME, page.title or "首页", "home.html", home_context(self.catalog, self.as_of))
            return html + self.renderer.render(home)
        return None

    def post_page(self, output: str, page: Page) -> None:
        uri = page.file.src_uri
        if uri.startswith(SHELL_DIR + "/"):
            self._shells[_depth(uri)] = shell.Shell.parse(output, page.url)

    def finish(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        started = time.perf_counter()
        problems = self.images.finish(site_dir)
        if problems:
            raise PluginError(DataError(problems).report())
        log.info(f"gongkai: 等待照片处理 {time.perf_counter() - started:.1f} 秒（本次解码 {self.images.decoded} 张）")
        started = time.perf_counter()
        records = [self._record_page(spec, config) for spec in self.specs.values() if not spec.section]
        records += [self._poster_page(spec) for spec in self.posters.values()]
        # Each organization's pages together, in the order its records were read (and so lie in
        # memory): a worker given a run of them touches, and copies from the parent, only its share.
        place = {org_id: i for i, org_id in enumerate(self.catalog.orgs)}
        records.sort(key=lambda r: place.get(_org_of(self._spec(r.src_uri)), -1))
        fingerprints: dict[str, Optional[str]] = {}
        if self.preview:
            shells = sorted((depth, s.parts, s.slots) for depth, s in self._shells.items())
            common = preview_cache.global_key(self.catalog, self.settings.template_dir, self.as_of, self._image_key(), shells)
            fingerprints = {r.src_uri: preview_cache.fingerprint(self._spec(r.src_uri), self.catalog, common) for r in records}
        known = preview_cache.cached_bodies(fingerprints)
        entries, fresh = shell.write_record_pages(
            records, self._render_record, self._shells, site_dir, self._index_entry, known=known, preview=self.preview
        )
        preview_cache.remember(fingerprints, fresh)
        shutil.rmtree(site_dir / SHELL_DIR, ignore_errors=True)
        _append_to_search_index(site_dir, entries)
        log.info(f"gongkai: 记录页面 {len(records)} 个（重新渲染 {len(records) - len(known)} 个）{time.perf_counter() - started:.1f} 秒")
        started = time.perf_counter()
        if self.preview:
            log.info("gongkai: 预览不生成打印版、开放数据和订阅（gongkai build / publish 时生成）")
            return
        write_exports(self.catalog, self.as_of, site_dir, self.site_url, config.site_name)
        log.info(f"gongkai: 开放数据和订阅 {time.perf_counter() - started:.1f} 秒")

    # -- record pages ---------------------------------------------------------
    def _record_page(self, spec: PageSpec, config: MkDocsConfig) -> shell.RecordPage:
        dest = urls.dest(spec.src_uri)
        url = dest if not config.use_directory_urls else dest[: -len("index.html")]
        edit = f"../{spec.source}" if spec.source else ""
        return shell.RecordPage(spec.src_uri, dest, url, spec.title, edit, _depth(spec.src_uri))

    def _poster_page(self, spec: PageSpec) -> shell.RecordPage:
        """A print view: a whole document of its own, so its 'shell' is the body alone."""
        return shell.RecordPage(spec.src_uri, urls.dest(spec.src_uri), "", spec.title, "", shell.BARE)

    def _spec(self, src_uri: str) -> PageSpec:
        return self.specs.get(src_uri) or self.posters[src_uri]

    def _render_record(self, src_uri: str) -> str:
        return self.renderer.render(self._spec(src_uri))

    def _index_entry(self, page: shell.RecordPage) -> Optional[dict]:
        if page.depth == shell.BARE:
            return None  # print views are not search results
        return search_text.entry(page.url, page.title, search_text.record_words(self.specs[page.src_uri].context))

    # -- images ---------------------------------------------------------------
    def _submit_images(self) -> None:
        """Start every image job now so the pool works while pages render."""
        for rel, kind in _image_refs(self.catalog):
            if rel not in self._results:
                self._results[rel] = self.images.submit(rel, kind=kind)

    def _image_key(self) -> str:
        """Picture markup depends on each photo's content (its hashed URL), not only its path."""
        return repr(sorted((rel, repr(result)) for rel, result in self._results.items()))

    def _picture(self, rel: str, alt: str, prefix: str, size: str) -> str:
        """size: thumb, display, or lightbox (a thumb that opens the large photo in the lightbox)."""
        result = self._results[rel]
        if size != "lightbox":
            return self._picture_html(result, alt=alt, prefix=prefix, size=size)
        from gongkai.images.pipeline import display_url

        caption = html.escape(alt, quote=True)
        inner = self._picture_html(result, alt=alt, prefix=prefix, size="thumb")
        return f'<a class="glightbox" href="{display_url(result, prefix)}" data-description="{caption}" data-gallery="page">{inner}</a>'



def _org_of(spec: PageSpec) -> Optional[str]:
    org = spec.context.get("org")
    return org.id if org is not None else spec.context.get("scope")


def _depth(src_uri: str) -> int:
    return src_uri.count("/")


def _shell_uri(depth: int) -> str:
    """A shell page whose built file sits `depth` folders deep, like the records it serves."""
    return "/".join([SHELL_DIR, *["d"] * (depth - 1), "index.md"])


def _append_to_search_index(site_dir: Path, entries: list[dict]) -> None:
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(entries)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _image_refs(catalog: Catalog):
    for member in catalog.members.values():
        if member.portrait:
            yield member.portrait, "portrait"
    for pledge in catalog.pledges:
        for update in pledge.progress:
            for photo in update.photos:
                yield photo, "photo"
    for album in catalog.albums.values():
        for photo in album.files:
            yield photo.file, "photo"
