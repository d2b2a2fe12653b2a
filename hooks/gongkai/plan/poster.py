"""What a board's wall poster (承诺上墙) needs beyond the board: the supervision phone and the type size.

The board page prints as the poster (docs/assets/gongkai-print.css); no page
is written for it. The QR code is drawn by the browser when printing, from
the page's canonical address (mkdocs.yml site_url), so the build draws none.
"""
from __future__ import annotations

from typing import Any

from gongkai.records.catalog import Catalog

# The poster's type gets smaller as rows (pledge items) grow, so a board fills one sheet:
# about 40 one-line rows fit on A3 or A4; a longer board continues on a second sheet (its footer kept whole).
DENSITY = ((4, "few"), (9, "some"), (16, "many"), (24, "crowded"))


def poster_facts(catalog: Catalog, org_id: str, pledges: list) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The poster's context and the organizations it reads (the board's, up to the one whose phone it prints)."""
    org = catalog.orgs[org_id]
    # The supervision phone: the board's own, else the nearest higher organization's.
    read = []
    for i in [org_id, *catalog.ancestors(org_id)]:
        read.append(i)
        if catalog.orgs[i].phone:
            break
    phone_org = catalog.orgs[read[-1]] if catalog.orgs[read[-1]].phone else None
    context = {
        "phone": phone_org.phone if phone_org else None,
        "phone_org": phone_org.name if phone_org is not None and phone_org is not org else None,
        "density": density(sum(len(p.items) for p in pledges)),
    }
    return context, tuple(read)


def density(rows: int) -> str:
    return next((name for limit, name in DENSITY if rows <= limit), "packed")
