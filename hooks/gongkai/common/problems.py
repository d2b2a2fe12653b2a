"""Problems found in the clerks' data, reported all at once in Chinese."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: `file:line: 记录 › 字段: 说明` (line 0: a whole file, e.g. a broken photo)."""

    file: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        where = f" {self.where}:" if self.where else ""
        return f"{place}{where} {self.message}"


class DataError(Exception):
    """Raised once with every problem found, never for the first alone."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        head = f"数据检查发现 {len(self.problems)} 处问题，请逐条修改后再发布："
        return "\n".join([head, *map(str, self.problems)])
