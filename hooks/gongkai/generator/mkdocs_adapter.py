"""The only module that knows MkDocs' API (ProperDocs runs it unchanged): event glue around `build.SiteBuild`.

Section and hand-written pages go through the engine as usual; record pages are placeholders
here (so links to them validate), written by the build into shells rendered once per folder depth.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from gongkai.build import ProblemsBuild, Site, SiteBuild
from gongkai.common.memo import Memory
from gongkai.common.problems import DataError
from gongkai.generator import clearing
from gongkai.plan import urls
from gongkai.render import shell
from gongkai.settings import Settings

UNCHANGED = "\n网站未生成，已发布的内容保持不变。"


class Session:
    """One engine run: `build` makes one SiteBuild; `serve` one per rebuild, sharing one Memory."""

    def __init__(self, command: str, dirty: bool = False):
        self.preview = command == "serve"  # drafts are shown only by the preview server
        self.clearing = clearing.Clearing(clean=not dirty and not self.preview)
        self.memory = Memory()
        self.build: Optional[Adapter] = None

    def start(self, config: MkDocsConfig) -> "Adapter":
        if self.build is not None:
            self.build.close()
        self.build = Adapter(config, self.preview, self.memory if self.preview else Memory())
        return self.build

    def finished(self) -> None:
        self.clearing.wait()
        if self.preview:
            self.memory.sweep()  # what this rebuild did not use belongs to records that are gone


class Adapter:
    def __init__(self, config: MkDocsConfig, preview: bool, memory: Memory):
        theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        site = Site(Path(config.docs_dir), config.site_url or "", config.site_name, config.use_directory_urls, bool(config.extra.get("kiosk")))
        try:
            settings = Settings.from_extra(config.extra.get("gongkai"), Path(config.config_file_path).parent, theme_dir, Path(config.config_file_path))
            self.build = SiteBuild(settings, site, preview, memory)
            config.site_name = self.build.site.site_name  # one area's board (settings.scope) says whose it is
        except DataError as error:
            if not preview:
                raise PluginError(error.report() + UNCHANGED) from None
            self.build = ProblemsBuild(error.problems, site)  # the preview shows them in the browser
        self.preview, self._placeholders, self._shells = preview, [], {}  # shells: by folder depth

    def close(self) -> None:
        self.build.close()

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        plan = self.build.plan
        clashes = plan.clashes({file.src_uri for file in files})
        if clashes:
            raise PluginError("以下手写页面与自动生成的页面地址冲突，请改名：\n" + "\n".join(f"docs/{c}" for c in clashes))
        depths = set()
        for spec in plan.pages.values():
            if spec.section:
                # Section indexes list what the record pages already put in the search index:
                # the search plugin would parse every one of their (at district scale, huge) pages again.
                content = spec.markdown or f"---\nsearch:\n  exclude: true\n---\n# {spec.title}\n"
                file = File.generated(config, spec.src_uri, content=content, inclusion=InclusionLevel.INCLUDED)
                file.edit_uri = f"../{spec.source}" if spec.source else None
                files.append(file)
            else:
                depths.add(shell.depth(spec.src_uri))
                self._placeholder(files, config, urls.dest(spec.src_uri))
        for uri in self.build.outputs_after_build():
            self._placeholder(files, config, uri)
        # `gongkai serve` is a dirty build: the engine rebuilds only hand-written pages whose file changed,
        # but the home page shows figures from the data and every page's text goes into the search index
        # the preview updates. Generated from their bytes, they are all rebuilt (they are few).
        for page in [f for f in files.documentation_pages() if f.generated_by is None] if self.preview else []:
            files.remove(page)
            files.append(File.generated(config, page.src_uri, content=page.content_bytes))
        for depth in sorted(depths):
            front = f"---\ntitle: {shell.TITLE}\nsearch:\n  exclude: true\n---\n# {shell.TITLE} {{ #zhengwen }}\n"
            file = File.generated(config, shell.shell_uri(depth), content=front, inclusion=InclusionLevel.NOT_IN_NAV)
            file.edit_uri = shell.EDIT
            files.append(file)
        self.build.start_images()
        return files

    def _placeholder(self, files: Files, config: MkDocsConfig, dest: str) -> None:
        """An empty file so links from hand-written pages validate; dropped before anything is written."""
        file = File.generated(config, dest, content=b"")
        self._placeholders.append(file)
        files.append(file)

    def drop_placeholders(self, files: Files, env=None) -> None:
        self.build.keep_compiled(env)
        for file in self._placeholders:
            files.remove(file)

    def page_content(self, html: str, page: Page) -> Optional[str]:
        uri, html = page.file.src_uri, self.build.hand_written(html)
        # The engine's own heading stays: Material's skip link points at its id.
        if uri.startswith(shell.SHELL_DIR + "/"):
            return html + shell.BODY
        spec = self.build.plan.pages.get(uri)
        if spec is not None and spec.markdown is None:
            return html + self.build.body(spec)
        self.build.note_page(page.url, page.title or "", html)  # hand-written pages and briefings are searched by their text
        if uri == urls.HOME:
            return html + self.build.home_body(page.title)
        return html

    def post_page(self, output: str, page: Page) -> None:
        if page.file.src_uri.startswith(shell.SHELL_DIR + "/"):
            self._shells[shell.depth(page.file.src_uri)] = shell.Shell.parse(output, page.url)

    def finish(self, config: MkDocsConfig, cleared: clearing.Clearing) -> None:
        try:
            self.build.finish(Path(config.site_dir), self._shells, cleared.aside, cleared.release)
        except DataError as error:
            raise PluginError(error.report()) from None
