"""Wall posters of the pledge boards (承诺上墙): standalone pages that fill A3 or A4 when printed.

They are written after the site (not through the theme: a poster has no
header or navigation), with a QR code that opens the board on the intranet.

The QR code needs an absolute address, so it is drawn only when mkdocs.yml
sets `site_url`. Without it the poster says so where the code would be: a
relative path in a QR code opens nothing on a phone, so none is encoded.
"""
from __future__ import annotations

from typing import Optional

from gongkai.plan import urls
from gongkai.records.catalog import Catalog
from gongkai.plan.spec import PageSpec
from gongkai.plan.pages import boards

# The poster's type gets smaller as rows (pledge items) grow, so a board fills one sheet:
# about 40 one-line rows fit on A3 or A4; a longer board continues on a second sheet (its footer kept whole).
DENSITY = ((4, "few"), (9, "some"), (16, "many"), (24, "crowded"))


def board_url(site_url: str, org_id: str, quarter: str) -> Optional[str]:
    """The board's address on the intranet, for the QR code; None when no site_url is set."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + urls.dest(urls.board(org_id, quarter)).removesuffix("index.html")


def poster_specs(catalog: Catalog, site_url: str) -> list[PageSpec]:
    """Print views with their QR code's target; rendered with the record pages, on all cores."""
    specs = print_specs(catalog)
    for spec in specs:
        org, pledges = spec.context["org"], spec.context["pledges"]
        # The supervision phone: the board's own, else the nearest higher organization's.
        phone_org = next((catalog.orgs[i] for i in [org.id, *catalog.ancestors(org.id)] if catalog.orgs[i].phone), None)
        spec.context.update(
            board_url=board_url(site_url, org.id, spec.context["quarter_key"]),
            phone=phone_org.phone if phone_org else None,
            phone_org=phone_org.name if phone_org is not None and phone_org is not org else None,
            density=density(sum(len(p.items) for p in pledges)),
        )
    return specs


def density(rows: int) -> str:
    return next((name for limit, name in DENSITY if rows <= limit), "packed")


def print_specs(catalog: Catalog) -> list[PageSpec]:
    """One print view per board (organization × quarter); written outside the theme."""
    return [
        PageSpec(urls.print_board(org_id, quarter), f"{org.name} {quarter} 承诺公开栏", "print_board.html",
                 {"org": org, "quarter_key": quarter, "pledges": pledges})
        for org_id, org, quarter, pledges in boards(catalog)
    ]
