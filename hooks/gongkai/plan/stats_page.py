"""Pages that report upward: the statistics section and the print views of the boards."""
from __future__ import annotations

from datetime import date
from itertools import groupby

from markupsafe import Markup

from gongkai.render import charts
from gongkai.plan import urls
from gongkai.records.catalog import Catalog
from gongkai.plan.pages import PageSpec
from gongkai.records.schema import STAGE_NAMES, STAGES
from gongkai.plan.stats import DEFINITIONS, ScopeStats, all_quarters

PUBLIC_STAGES = STAGES[2:]  # a public pledge is signed: 签约 and after


def report_pages(catalog: Catalog, as_of: date) -> list[PageSpec]:
    """The statistics page (统计): the town quarter by quarter, its units, honors, and how each figure is counted."""
    town = all_quarters(catalog, None, as_of)
    top = [org_id for root in catalog.roots() for org_id in [root, *catalog.children.get(root, [])]]
    context = {
        "town": town,
        "charts": town_charts(town),
        "stage_names": [STAGE_NAMES[step] for step in PUBLIC_STAGES],
        "stage_rows": [(s.quarter, [s.by_stage[step] for step in PUBLIC_STAGES]) for s in town],
        "units": [(catalog.orgs[org_id], all_quarters(catalog, org_id, as_of)) for org_id in top],
        "honors_chart": honors_chart(town),
        "definitions": DEFINITIONS,
    }
    return [PageSpec(urls.STATS, "统计", "stats.html", context, section=True)]


def town_charts(town: ScopeStats) -> list[tuple[str, Markup]]:
    """(title, SVG) of each chart of the town; the page prints the title above the chart."""
    labels = [s.quarter for s in town]
    drawn = [
        ("各季度组织承诺率（%）", charts.bar_chart, [s.org_rate for s in town], {"percent": True, "target": 100}),
        ("各季度党员承诺率（%）", charts.bar_chart, [s.member_rate for s in town], {"percent": True, "target": 100}),
        ("各季度公开承诺所处进程（项）", charts.stacked_bars, [(STAGE_NAMES[step], [s.by_stage[step] for s in town]) for step in PUBLIC_STAGES], {}),
        ("各季度承诺兑现与逾期（项）", charts.stacked_bars, outcome_series(town), {"colors": "outcome"}),
        ("各季度群众评议满意率（%）", charts.bar_chart, [s.board.satisfaction for s in town], {"percent": True}),
        ("各季度领导点评（次）", charts.bar_chart, [s.board.commented for s in town], {"unit": "次"}),
        ("各季度评选先锋（名）", charts.bar_chart, [s.vanguards for s in town], {"unit": "名"}),
    ]
    return [(title, Markup(draw(title, labels, data, **options))) for title, draw, data, options in drawn]


def outcome_series(rows: ScopeStats) -> list[tuple[str, list[int]]]:
    return [("已兑现", [s.board.fulfilled for s in rows]), ("践诺中", [s.board.in_progress for s in rows]), ("逾期", [s.board.overdue for s in rows])]


def honors_chart(scope: ScopeStats) -> Markup:
    years, series = scope.honor_table()
    return Markup(charts.stacked_bars("各年度荣誉（按级别，项）", [f"{year} 年" for year in years], series)) if years else Markup("")


def print_specs(catalog: Catalog) -> list[PageSpec]:
    """One print view per board (organization × quarter); written outside the theme."""
    specs = []
    for org_id, org in catalog.orgs.items():
        for quarter, pledges in groupby(sorted(org.pledges, key=lambda p: p.quarter), key=lambda p: p.quarter):
            context = {"org": org, "quarter_key": quarter, "pledges": list(pledges)}
            specs.append(PageSpec(urls.print_board(org_id, quarter), f"{org.name} {quarter} 承诺公开栏", "print_board.html", context))
    return specs
