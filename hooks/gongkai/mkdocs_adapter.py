"""The only module that knows MkDocs: it feeds the core's pages into a build.

Material for MkDocs is in maintenance mode and its successor does not run
MkDocs hooks; everything below the adapter (load → catalog → pages → render →
images) is plain Python, so moving generator means rewriting this file only.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import urls
from .catalog import Catalog, build_catalog
from .pages import PageSpec, generate_pages, home_context
from .problems import DataError
from .render import BodyRenderer
from .settings import Settings

log = logging.getLogger("mkdocs.plugins.gongkai")


class GongkaiBuild:
    """State of one build; made anew in on_config because `mkdocs serve` keeps hook modules loaded."""

    def __init__(self, config: MkDocsConfig, preview: bool):
        theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        self.settings = Settings.from_extra(config.extra.get("gongkai") or {}, Path(config.config_file_path).parent, theme_dir)
        self.preview = preview
        try:
            full = build_catalog(self.settings.data_dir)
        except DataError as error:
            raise PluginError(error.report() + "\n网站未生成，已发布的内容保持不变。") from None
        self.catalog: Catalog = full.publishable(preview=preview)
        self.as_of: date = self.settings.as_of or date.today()
        self.specs: dict[str, PageSpec] = {spec.src_uri: spec for spec in generate_pages(self.catalog, self.as_of)}
        from .images import ImagePipeline, picture_html  # deferred: heavy imports

        self.images = ImagePipeline(self.settings.data_dir, self.settings.cache_dir)
        self._picture_html = picture_html
        self._results: dict[str, object] = {}
        self.renderer = BodyRenderer(self.settings.template_dir, self.catalog, self.as_of, self._picture, preview)

    # -- events ---------------------------------------------------------------
    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        clashes = [uri for uri in self.specs if files.get_file_from_path(uri) and uri not in (urls.HOME,)]
        if clashes:
            raise PluginError("以下手写页面与自动生成的页面地址冲突，请改名：\n" + "\n".join(f"docs/{c}" for c in clashes))
        for spec in self.specs.values():
            inclusion = InclusionLevel.INCLUDED if spec.section else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, spec.src_uri, content=f"# {spec.title}\n", inclusion=inclusion)
            file.edit_uri = f"../{spec.source}" if spec.source else None
            files.append(file)
        self._submit_images()
        return files

    def page_content(self, html: str, page: Page) -> Optional[str]:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            return self.renderer.render(spec)
        if page.file.src_uri == urls.HOME:
            home = PageSpec(urls.HOME, page.title or "首页", "home.html", home_context(self.catalog, self.as_of))
            return html + self.renderer.render(home)
        return None

    def finish(self, site_dir: str) -> None:
        problems = self.images.finish(Path(site_dir))
        if problems:
            raise PluginError(DataError(problems).report())

    # -- images ---------------------------------------------------------------
    def _submit_images(self) -> None:
        """Start every image job now so the pool works while pages render."""
        for rel, kind in _image_refs(self.catalog):
            if rel not in self._results:
                self._results[rel] = self.images.submit(rel, kind=kind)

    def _picture(self, rel: str, alt: str, prefix: str, size: str) -> str:
        return self._picture_html(self._results[rel], alt=alt, prefix=prefix, size=size)


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
