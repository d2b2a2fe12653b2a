"""Statistics computed from the catalog, never typed: what departments report upward.

Every figure is for a scope (the whole town, or one organization with
everything under it, `Catalog.subtree`) and a quarter (the pledge's 季度).
Only the publishable catalog is read, so a "public pledge" is a signed one.

Definitions (the statistics page shows the same text, `DEFINITIONS`):
- 组织承诺率: 党支部 in the scope with at least one public pledge of their own
  (not a member's) in the quarter ÷ all 党支部 in the scope. The 党支部 is the
  unit that pledges on the board; 党委 and 党总支 review its pledges
  (组织审诺), so their own pledges are shown but not counted in the rate.
- 党员承诺率: members with at least one public pledge in the quarter ÷ the
  党员人数 of the 党支部 in the scope that fill it in. Members are registered
  in their branch, so the counts of 党委/党总支 (which include their branches)
  are not added again; members recorded under a branch without a count, or
  under a 党委/党总支/党小组, count in neither part of the rate.
- 满意率: (满意 + 基本满意) ÷ all votes of 群众评议, over the quarter's pledges.
- 领导点评: pledges with a leader's comment. 先锋: members (each once)
  commended at an event that chooses the quarter's vanguards (its 季度).
- Honors: unrevoked honors of the organizations in the scope and their members,
  by level and year.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import partial
from datetime import date
from typing import Iterator, Optional, get_args

from gongkai.records.catalog import Catalog
from gongkai.plan.figures import BoardFigures, board_figures
from gongkai.common.kept_values import KeptValues
from gongkai.common.memo import Memory
from gongkai.records.schema import STAGES, HonorLevel

PLEDGING_KIND = "党支部"
DEFINITIONS = (
    ("组织承诺率", "本季度有本组织公开承诺（不含党员个人承诺）的党支部数 ÷ 党支部总数。党支部是作出承诺的单位；党委、党总支负责审诺，其自身的承诺照常公开，但不计入承诺率。"),
    ("党员承诺率", "本季度至少有一项公开承诺的党员人数 ÷ 各党支部填报的“党员人数”之和。党委、党总支的党员人数已包含下属党支部，不重复相加；未填党员人数的党支部，其党员既不计入分子也不计入分母。口头承诺未录入的不计。"),
    ("公开承诺", "已签约（通过组织审诺）的承诺，按承诺所属季度统计；进程指承诺目前到达的步骤。"),
    ("已兑现、践诺中、逾期", "已兑现：全部量化事项都已完成；逾期：超过完成时限仍未全部完成（按统计日期）；其余为践诺中。"),
    ("领导点评", "有领导点评的承诺项数。"),
    ("满意率", "群众评议中（满意 + 基本满意）÷ 全部评议票数。"),
    ("先锋", "一季一先锋：在评选本季度先锋的表彰活动（活动记录写明了这个「季度」）中受表彰的党员人数（同一人只计一次）。七一、年度表彰不计入。"),
    ("荣誉", "本组织及下级组织、其党员获得的荣誉（已撤销的不计），按级别和年度统计。"),
)


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


@dataclass(frozen=True)
class ScopeStats:
    """The figures of one scope: iterate it for one QuarterStats per quarter, oldest first."""

    org_id: Optional[str]
    rows: tuple[QuarterStats, ...]
    honors: dict[tuple[str, int], int]  # (level, year) → number of honors

    def __iter__(self) -> Iterator[QuarterStats]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def board(self, quarter: str) -> BoardFigures:
        """The board figures of one quarter."""
        return next(row.board for row in self.rows if row.quarter == quarter)

    @property
    def total(self) -> BoardFigures:
        """The board figures of every quarter together (all counts add up)."""
        return BoardFigures.total(row.board for row in self.rows)

    @property
    def has_pledges(self) -> bool:
        return any(row.board.published for row in self.rows)

    def honor_table(self) -> tuple[list[int], list[tuple[str, list[int]]]]:
        """Honors as a table: the years, then per level (highest first, levels with none left out) a count per year."""
        years = sorted({year for _, year in self.honors})
        levels = [level for level in get_args(HonorLevel) if any(lv == level for lv, _ in self.honors)]
        return years, [(level, [self.honors.get((level, year), 0) for year in years]) for level in levels]


class StatsBook:
    """Every scope's figures for one catalog, each computed once.

    All figures add up over organizations (a member belongs to one), so a
    scope is its own organization's figures plus its children's scopes:
    one pass over the records for the whole tree, at district scale too.
    """

    def __init__(self, catalog: Catalog, as_of: date, memory: Optional[Memory] = None, kept: Optional[KeptValues] = None):
        """kept: each organization's own figures by its file's hash, from the build before (a plain build)."""
        self.catalog, self.as_of = catalog, as_of
        self._memory, self._kept = memory or Memory(), kept
        self.quarters = sorted(catalog.quarters)
        self._scopes: dict[Optional[str], ScopeStats] = {}
        # Each quarter's vanguards (一季一先锋), by their organization: members commended at an event that
        # chooses that quarter's vanguards (its 季度; 七一 and 年度 honors are not a quarter's vanguards).
        self._vanguards: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for entry in catalog.honors:
            event = catalog.events.get(entry.honor.event or "")
            if entry.member and event is not None and event.quarter:
                self._vanguards[entry.org.id][event.quarter].add(entry.member.key)

    def scope(self, org_id: Optional[str] = None) -> ScopeStats:
        if org_id not in self._scopes:
            ids = self.catalog.roots() if org_id is None else self.catalog.children.get(org_id, [])
            parts = [self.scope(child) for child in ids]
            if org_id is not None:
                parts.append(self._own(org_id))
            self._scopes[org_id] = _sum(org_id, self.quarters, parts)
        return self._scopes[org_id]

    def keep(self) -> None:
        """Keep the figures worked out so far for the next build."""
        if self._kept is not None:
            self._kept.save()

    def _own(self, org_id: str) -> ScopeStats:
        """One organization's figures, without anything under it.

        Kept between preview rebuilds while the organization's record and the
        inputs from elsewhere are the same: a district has thousands of
        organizations and one clerk edits one.
        """
        org = self.catalog.orgs[org_id]
        vanguards = self._vanguards.get(org_id, {})
        inputs = (self.as_of, tuple(self.quarters), tuple((q, len(v)) for q, v in sorted(vanguards.items())))
        make = partial(self._count_own, org, vanguards)
        version = self.catalog.version_of(org) if self._kept is not None else None
        if version:  # everything the figures read: the file, the organization's place (its id) and the inputs
            make = partial(self._kept.recall, (org_id, version, inputs), make)
        return self._memory.per_record("own_figures", org, inputs, make)

    def _count_own(self, org, vanguards: dict[str, set[str]]) -> ScopeStats:
        org_id = org.id
        branch = org.kind == PLEDGING_KIND
        counted = branch and org.member_count is not None
        by_quarter: dict[str, list] = defaultdict(list)
        for pledge in org.pledges:
            by_quarter[pledge.quarter].append(pledge)
        rows = []
        for quarter in self.quarters:
            pledges = by_quarter.get(quarter, [])
            stages = Counter(p.stage for p in pledges)
            rows.append(QuarterStats(
                quarter=quarter,
                branches=int(branch),
                branches_pledged=int(branch and any(p.member is None for p in pledges)),
                members_declared=org.member_count if counted else 0,
                members_pledged=len({p.member for p in pledges if p.member}) if counted else 0,
                board=board_figures(pledges, self.as_of),
                by_stage={step: stages[step] for step in STAGES},
                vanguards=len(vanguards.get(quarter, ())),
            ))
        honors = Counter((h.level, h.year) for h in [*org.honors, *(h for m in org.members for h in m.honors)])
        return ScopeStats(org_id, tuple(rows), dict(honors))


def _sum(org_id: Optional[str], quarters: list[str], parts: list[ScopeStats]) -> ScopeStats:
    if len(parts) == 1:
        return ScopeStats(org_id, parts[0].rows, parts[0].honors)
    rows = []
    for i, quarter in enumerate(quarters):
        same = [part.rows[i] for part in parts]
        rows.append(QuarterStats(
            quarter=quarter,
            branches=sum(r.branches for r in same),
            branches_pledged=sum(r.branches_pledged for r in same),
            members_declared=sum(r.members_declared for r in same),
            members_pledged=sum(r.members_pledged for r in same),
            board=BoardFigures.total(r.board for r in same),
            by_stage={step: sum(r.by_stage[step] for r in same) for step in STAGES},
            vanguards=sum(r.vanguards for r in same),
        ))
    honors: Counter = Counter()
    for part in parts:
        honors.update(part.honors)
    return ScopeStats(org_id, tuple(rows), dict(honors))
