"""Pages that report upward: the statistics section and the print views of the boards."""
from __future__ import annotations

from datetime import date
from itertools import groupby

from . import urls
from .catalog import Catalog
from .pages import PageSpec
from .schema import STAGE_NAMES, STAGES
from .stats import all_quarters, honors_by_level_and_year


def report_pages(catalog: Catalog, as_of: date) -> list[PageSpec]:
    top = [org_id for root in catalog.roots() for org_id in [root, *catalog.children.get(root, [])]]
    town = all_quarters(catalog, None, as_of)
    context = {
        "town": town,
        "quarter_labels": [s.quarter for s in town],
        "org_rates": [round((s.org_rate or 0) * 100, 1) for s in town],
        "stage_series": [(STAGE_NAMES[step], [s.by_stage[step] for s in town]) for step in STAGES[2:]],
        "outcome_series": [("已兑现", [s.board.fulfilled for s in town]), ("践诺中", [s.board.in_progress for s in town]), ("逾期", [s.board.overdue for s in town])],
        "units": [(catalog.orgs[org_id], all_quarters(catalog, org_id, as_of)) for org_id in top],
        "honor_counts": honors_by_level_and_year(catalog),
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
