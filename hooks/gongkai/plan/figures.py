"""Figures computed from records, never typed: the board's counts and rates."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Iterable, Optional

from gongkai.records.schema import Pledge


@dataclass(frozen=True)
class BoardFigures:
    published: int
    fulfilled: int
    in_progress: int
    overdue: int
    evaluated: int
    commented: int
    satisfied_votes: int
    votes: int

    @property
    def satisfaction(self) -> Optional[float]:
        """(满意 + 基本满意) / all votes, over every reviewed pledge."""
        return None if self.votes == 0 else self.satisfied_votes / self.votes

    @classmethod
    def total(cls, parts: Iterable["BoardFigures"]) -> "BoardFigures":
        parts = list(parts)
        return cls(*(sum(getattr(part, f.name) for part in parts) for f in fields(cls)))


def board_figures(pledges: Iterable[Pledge], as_of: date) -> BoardFigures:
    pledges = list(pledges)
    reviews = [p.review for p in pledges if p.review]
    fulfilled = sum(p.fulfilled for p in pledges)
    overdue = sum(p.overdue(as_of) for p in pledges)
    return BoardFigures(
        published=len(pledges),
        fulfilled=fulfilled,
        in_progress=len(pledges) - fulfilled - overdue,
        overdue=overdue,
        evaluated=sum(p.stage == "评诺" for p in pledges),
        commented=sum(p.comment is not None for p in pledges),
        satisfied_votes=sum(r.satisfied + r.fairly for r in reviews),
        votes=sum(r.total for r in reviews),
    )


def percent(rate: Optional[float]) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def amount_text(value: Decimal) -> str:
    """A quantity as a clerk wrote it: 1200, 2.5 (no trailing zeros, never 1.2E+3)."""
    return format(value.normalize(), "f")
