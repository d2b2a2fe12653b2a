"""What reading data/ produced: the records, where each came from, and every problem.

Line numbers are looked up only for a record with a problem (Origin.line), by
parsing its file again; the loader fills a Loaded, the checks after it read one.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from gongkai.common.memo import Memory
from gongkai.common.problems import Problem
from gongkai.records import schema, strict_yaml
from gongkai.records.record_cache import RecordCache


@dataclass
class Origin:
    """Where a record came from, so any later check can name file and line."""

    file: str
    source: Path  # read again for its line numbers only when a problem is reported
    path: tuple = ()
    label: str = ""
    # Of a file whose members or pledges partly failed: the file's index of each one kept, per key.
    kept: Optional[dict] = None

    def line(self, *sub: Any) -> int:
        lines = line_map(self.source)
        loc = self.path + tuple(sub)
        while loc and loc not in lines:
            loc = loc[:-1]
        return lines.get(loc, 1)


@dataclass
class Loaded:
    root: Path
    orgs: dict[str, schema.Organization] = field(default_factory=dict)
    events: dict[str, schema.Event] = field(default_factory=dict)
    albums: dict[str, schema.Album] = field(default_factory=dict)
    quarters: dict[str, schema.Quarter] = field(default_factory=dict)
    origins: dict[int, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Ids of files that failed to validate: references to them are not reported again.
    broken: set[str] = field(default_factory=set)
    partial: list[schema.Organization] = field(default_factory=list)  # see _Read.partial
    inspect_photo: Any = field(default=None, repr=False)  # set by the cross-reference checks
    labels: dict[str, str] = field(default_factory=dict)  # data file → its record's 名称, even when it failed
    # Content hash of every file read, so a preview rebuild can tell what changed.
    versions: dict[str, str] = field(default_factory=dict)
    memory: Memory = field(default_factory=Memory, repr=False)
    cache: Optional[RecordCache] = field(default=None, repr=False)  # validated records kept on disk between builds

    def origin(self, record: object) -> Origin:
        return self.origins[id(record)]

    def problem(self, record: object, sub: tuple, where: str, message: str) -> None:
        origin = self.origin(record)
        label = " › ".join(part for part in (origin.label, where) if part)
        self.problems.append(Problem(origin.file, origin.line(*sub), label, message))


@functools.lru_cache(maxsize=16)
def line_map(source: Path) -> dict[tuple, int]:
    """Line numbers are wanted only for files with a problem: parsed again then, a few at a time."""
    return strict_yaml.line_map(source.read_text(encoding="utf-8"))
