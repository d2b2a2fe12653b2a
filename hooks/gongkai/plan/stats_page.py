"""Pages that report upward: the statistics section."""
from __future__ import annotations


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
