"""Statistics computed from the catalog, never typed: what departments report upward.

Definitions (also on the statistics page):
- 组织承诺率: share of 党支部 in scope with at least one public pledge of their own in the quarter
  ("两个100%": every organization pledges);
- 党员承诺率: members with a public pledge in the quarter / 党员人数 declared by the branches in scope
  (members who pledge orally or on paper only are not counted);
- 满意率: (满意 + 基本满意) / all votes of 群众评议;
- 先锋: members commended at an event held in the quarter.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Optional

from .catalog import Catalog
from .figures import BoardFigures, board_figures
from .schema import STAGES


@dataclass(frozen=True)
class QuarterStats:
    quarter: str
    branches: int
    branches_pledged: int
    members_declared: int
    members_pledged: int
    board: BoardFigures
    by_stage: dict[str, int]
    vanguards: int

    @property
    def org_rate(self) -> Optional[float]:
        return self.branches_pledged / self.branches if self.branches else None

    @property
    def member_rate(self) -> Optional[float]:
        return self.members_pledged / self.members_declared if self.members_declared else None


def quarter_stats(catalog: Catalog, org_id: Optional[str], quarter: str, as_of: date) -> QuarterStats:
    scope = list(catalog.subtree(org_id)) if org_id else list(catalog.orgs)
    branches = [catalog.orgs[i] for i in scope if catalog.orgs[i].kind == "党支部"]
    pledges = [p for i in scope for p in catalog.orgs[i].pledges if p.quarter == quarter]
    pledged_orgs = {p.org_id for p in pledges if p.member is None}
    pledged_members = {(p.org_id, p.member) for p in pledges if p.member}
    vanguards = [e for e in catalog.honors if e.member and e.org.id in scope and e.honor.event in catalog.events
                 and _quarter_of(catalog.events[e.honor.event].day) == quarter]
    return QuarterStats(
        quarter=quarter,
        branches=len(branches),
        branches_pledged=sum(b.id in pledged_orgs for b in branches),
        members_declared=sum(b.member_count or 0 for b in branches),
        members_pledged=len(pledged_members),
        board=board_figures(pledges, as_of),
        by_stage={step: sum(p.stage == step for p in pledges) for step in STAGES},
        vanguards=len(vanguards),
    )


def all_quarters(catalog: Catalog, org_id: Optional[str], as_of: date) -> list[QuarterStats]:
    return [quarter_stats(catalog, org_id, q, as_of) for q in sorted(catalog.quarters)]


def honors_by_level_and_year(catalog: Catalog) -> dict[tuple[str, int], int]:
    return dict(Counter((e.honor.level, e.honor.year) for e in catalog.honors))


def _quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
