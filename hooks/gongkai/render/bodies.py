"""Renders the body of each generated page from record data with Jinja.

The bodies are plain HTML fragments; the site generator (MkDocs + Material
today) wraps them in its theme. Autoescape is on: record text is escaped,
and Markdown fields pass through the nh3 allow-list before being marked safe.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Optional

import jinja2
from markupsafe import Markup

from gongkai.common.memo import Memory
from gongkai.plan import urls
from gongkai.plan.figures import amount_text, board_figures, percent
from gongkai.plan.spec import PageSpec
from gongkai.plan.stats import StatsBook
from gongkai.records import schema
from gongkai.records.catalog import Catalog
from gongkai.render import charts
from gongkai.render.names import Names
from gongkai.render.pictures import lightbox_loader
from gongkai.render.sanitize import render_markdown

# picture(rel_path, alt, prefix, size, sizes) -> HTML; supplied by the image pipeline.
PictureFn = Callable[[str, str, str, str, str], str]


class BodyRenderer:
    def __init__(self, template_dir: Path, catalog: Catalog, book: StatsBook, picture: PictureFn, memory: Memory,
                 preview: bool = False, kiosk: bool = False):
        as_of = book.as_of
        self.catalog, self.as_of, self._picture, self.kiosk = catalog, as_of, picture, kiosk
        # One environment per template folder, kept by a preview session between rebuilds
        # so templates compile once (Jinja recompiles a template whose file changed).
        self.env = memory.recall("templates", template_dir, lambda: _environment(template_dir))
        self._globals = dict(
            names=Names(catalog),  # never the catalog itself: pages get their records in their context
            as_of=as_of,
            preview=preview,
            kiosk=kiosk,
            schema=schema,
            urls=urls,
            figures=lambda pledges: board_figures(pledges, as_of),
            quarter_stats=book.scope,
            bar_chart=lambda *args, **kw: Markup(charts.bar_chart(*args, **kw)),
            stacked_bars=lambda *args, **kw: Markup(charts.stacked_bars(*args, **kw)),
            town_charts=charts.town_charts,
            honors_chart=charts.honors_chart,
            outcome_series=charts.outcome_series,
        )
        self.env.globals.update(self._globals)

    def close(self) -> None:
        """Let go of this build's catalog: the environment (and its compiled templates) outlives it."""
        for name in self._globals:
            self.env.globals.pop(name, None)

    def render(self, spec: PageSpec) -> str:
        here = spec.src_uri
        prefix = urls.root_prefix(here)
        helpers = {
            "page": spec,
            "link": lambda to: urls.href(here, to),
            "pledge_link": lambda p: urls.href(here, urls.pledge(p.org_id, p.quarter, p.id)),
            "picture": lambda rel, alt, size="thumb", sizes="": Markup(self._picture(rel, alt, prefix, size, sizes)),
            "asset": lambda path: prefix + path,
        }
        body = self.env.get_template(spec.template).render(**spec.context, **helpers)
        if 'class="glightbox"' in body:  # only pages with photos load the lightbox
            body += lightbox_loader(prefix, self.kiosk)
        return body


def _environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=_markdown, day=_day, short_day=_short_day, pct=percent, amount=amount_text)
    return env


def _markdown(text: Optional[str]) -> Markup:
    return Markup(render_markdown(text or ""))


def _day(value: Optional[date]) -> str:
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"


def _short_day(value: Optional[date], quarter_key: str) -> str:
    """Month and day on a quarter's board; the year too when it is not the quarter's ("2025年2月28日" on 2024-Q4)."""
    if value is None:
        return ""
    return f"{value.month}月{value.day}日" if str(value.year) == quarter_key[:4] else _day(value)

