"""What a preview session keeps between rebuilds: one object, owned by the session.

`gongkai serve` rebuilds the whole site on every save. Work that depends only
on unchanged inputs (a file's parsed records, an organization's public copy,
its figures, a page's rendered body) is kept here and reused. Every lookup
marks its entry as used; `sweep()` after a rebuild drops what that rebuild did
not use, so an edited record's old versions are freed instead of piling up
for as long as the server runs. A plain build uses a fresh Memory and drops it.
"""
from __future__ import annotations

from typing import Any, Callable, Hashable, TypeVar

T = TypeVar("T")
_MISSING = object()


class Memory:
    def __init__(self) -> None:
        self._tables: dict[str, dict[Hashable, Any]] = {}
        self._used: dict[str, set[Hashable]] = {}

    def get(self, table: str, key: Hashable, default: Any = None) -> Any:
        value = self._tables.get(table, {}).get(key, _MISSING)
        if value is _MISSING:
            return default
        self._used.setdefault(table, set()).add(key)
        return value

    def put(self, table: str, key: Hashable, value: Any) -> None:
        self._tables.setdefault(table, {})[key] = value
        self._used.setdefault(table, set()).add(key)

    def recall(self, table: str, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept for key, else make() (then kept)."""
        value = self.get(table, key, _MISSING)
        if value is _MISSING:
            value = make()
            self.put(table, key, value)
        return value

    def per_record(self, table: str, record: Any, inputs: Hashable, make: Callable[[], T]) -> T:
        """make(), or the value it gave for this very record object and these inputs before.

        A rebuild gets the same record object back for every file whose bytes did
        not change, so identity (kept alive by the entry) stands for "unchanged".
        """
        known = self.get(table, id(record))
        if known is None or known[0] is not record or known[1] != inputs:
            known = (record, inputs, make())
            self.put(table, id(record), known)
        return known[2]

    def sweep(self) -> None:
        """Drop every entry the last rebuild did not use."""
        for name, table in self._tables.items():
            used = self._used.get(name, set())
            for key in [k for k in table if k not in used]:
                del table[key]
        self._used = {}

    def sizes(self) -> dict[str, int]:
        return {name: len(table) for name, table in self._tables.items()}
