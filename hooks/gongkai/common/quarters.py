"""Quarter arithmetic, written once: a quarter key is "2024-Q3"."""
from __future__ import annotations

from datetime import date


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_start(key: str) -> date:
    year, q = key.split("-Q")
    return date(int(year), 3 * int(q) - 2, 1)
