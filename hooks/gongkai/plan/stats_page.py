"""Pages that report upward: the statistics section and the print views of the boards."""
from __future__ import annotations

from itertools import groupby

from gongkai.plan import urls
from gongkai.records.catalog import Catalog
from gongkai.plan.spec import PageSpec
from gongkai.records.schema import PUBLIC_STAGES, STAGE_NAMES
from gongkai.plan.stats import DEFINITIONS, StatsBook



def report_pages(catalog: Catalog, book: StatsBook) -> list[PageSpec]:
    """The statistics page (统计): the town quarter by quarter, its units, honors, and how each figure is counted."""
    town = book.scope(None)
    top = [org_id for root in catalog.roots() for org_id in [root, *catalog.children.get(root, [])]]
    context = {
        "town": town,
        "stage_names": [STAGE_NAMES[step] for step in PUBLIC_STAGES],
        "stage_rows": [(s.quarter, [s.by_stage[step] for step in PUBLIC_STAGES]) for s in town],
        "units": [(catalog.orgs[org_id], book.scope(org_id)) for org_id in top],
        "definitions": DEFINITIONS,
    }
    return [PageSpec(urls.STATS, "统计", "stats.html", context, section=True)]


def print_specs(catalog: Catalog) -> list[PageSpec]:
    """One print view per board (organization × quarter); written outside the theme."""
    specs = []
    for org_id, org in catalog.orgs.items():
        for quarter, pledges in groupby(sorted(org.pledges, key=lambda p: p.quarter), key=lambda p: p.quarter):
            context = {"org": org, "quarter_key": quarter, "pledges": list(pledges)}
            specs.append(PageSpec(urls.print_board(org_id, quarter), f"{org.name} {quarter} 承诺公开栏", "print_board.html", context))
    return specs
