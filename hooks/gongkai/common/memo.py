"""Values computed from one record, kept while that very record is reused.

A preview rebuild gets the same record object back for every file whose bytes
did not change (loader._record_cache), and so the same public copy of it
(Catalog.publishable). Work that depends only on such a record and a few
inputs is kept between rebuilds, keyed by the object: an edited file gives a
new object, and so a new value. A plain build computes every value once.
"""
from __future__ import annotations

from typing import Any, Callable, Hashable, TypeVar

T = TypeVar("T")
Cache = dict[int, tuple[Any, Hashable, Any]]  # id(record) → (the record, the other inputs, the value)


def per_record(cache: Cache, record: Any, inputs: Hashable, make: Callable[[], T]) -> T:
    """make(), or the value it gave for this record object and these inputs before."""
    known = cache.get(id(record))
    if known is None or known[0] is not record or known[1] != inputs:
        known = cache[id(record)] = (record, inputs, make())
    return known[2]
