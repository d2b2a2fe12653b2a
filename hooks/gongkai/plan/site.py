"""The one page list: what the build makes and what `gongkai check` checks links against."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from gongkai.common.memo import Memory
from gongkai.plan import urls
from gongkai.plan.briefings import Briefing, index_markdown
from gongkai.plan.pages import generate_pages
from gongkai.plan.spec import PageSpec
from gongkai.plan.stats import StatsBook
from gongkai.plan.stats_page import report_pages
from gongkai.records.catalog import Catalog


@dataclass(frozen=True)
class SitePlan:
    pages: dict[str, PageSpec]  # src_uri → spec: sections and record pages (a board page prints as its poster)

    def destinations(self) -> set[str]:
        """The built file of every generated page, e.g. zuzhi/zhibu-0001/index.html."""
        return {urls.dest(uri) for uri in self.pages}

    def clashes(self, written: set[str]) -> list[str]:
        """Generated pages whose address a hand-written page already takes."""
        return [uri for uri in self.pages if uri in written or urls.dest(uri) in written]


def plan_site(catalog: Catalog, book: StatsBook, briefings: list[Briefing], board_rows: int, member_cards: int,
              memory: Optional[Memory] = None) -> SitePlan:
    """catalog: the public one; memory: a preview session's, where unchanged organizations' boards are kept."""
    pages = generate_pages(catalog, board_rows, member_cards, memory) + report_pages(catalog, book)
    pages.append(PageSpec(urls.BRIEFINGS, "简报", "", section=True, markdown=index_markdown(briefings)))
    return SitePlan({spec.src_uri: spec for spec in pages})
