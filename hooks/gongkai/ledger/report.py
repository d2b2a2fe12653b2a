"""What an import found, said the way a clerk finds it: 文件 › 工作表 › 第 N 行 › 列名: 说明."""
from __future__ import annotations

from dataclasses import dataclass

from gongkai.ledger.columns import SHEETS

_ORDER = {sheet.name: i for i, sheet in enumerate(SHEETS)}


@dataclass(frozen=True)
class Place:
    """A cell, a row (column ""), a sheet (row 0) or a whole file (sheet "")."""

    file: str
    sheet: str = ""
    row: int = 0
    column: str = ""

    def at(self, column: str) -> "Place":
        return Place(self.file, self.sheet, self.row, column)

    def sort_key(self) -> tuple:
        return (self.file, _ORDER.get(self.sheet, len(_ORDER)), self.sheet, self.row)


@dataclass(frozen=True)
class Finding:
    place: Place
    message: str

    def __str__(self) -> str:
        parts = [self.place.file]
        if self.place.sheet:
            parts.append(self.place.sheet)
        if self.place.row:
            parts.append(f"第 {self.place.row} 行")
        if self.place.column:
            parts.append(self.place.column)
        return " › ".join(parts) + f": {self.message}"


def listed(findings: list[Finding]) -> list[str]:
    unique = dict.fromkeys(findings)
    return [str(f) for f in sorted(unique, key=lambda f: (f.place.sort_key(), f.place.column, f.message))]
