"""Records as ledger rows: which record each row of each sheet is, and its values as cell text."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Iterator, Optional

from pydantic import BaseModel

from gongkai.ledger.cells import decimal_text
from gongkai.ledger.columns import Sheet, unwrap
from gongkai.records.catalog import Catalog


@dataclass(frozen=True)
class Row:
    """One record as a row: its tie keys (组织编号, …, as text) and the record itself."""

    keys: tuple[Optional[str], ...]
    record: BaseModel


def attribute(model: type[BaseModel], alias: str) -> str:
    return next(name for name, info in model.model_fields.items() if info.alias == alias)


def attribute_path(model: type[BaseModel], path: tuple[str, ...]) -> tuple[str, ...]:
    """The attribute names along a YAML path, found once per column rather than once per cell."""
    names = []
    for key in path:
        name = attribute(model, key)
        names.append(name)
        model = unwrap(model.model_fields[name].annotation)[0]
    return tuple(names)


def value_by_names(record: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        if record is None or name not in record.model_fields_set:
            return None
        record = getattr(record, name)
    return record


def as_text(value: Any) -> Optional[str]:
    """A record's value in the canonical text that cells.read_cell gives for the same cell."""
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, list):
        return "\n".join(map(str, value))
    return str(value)


def as_cell(value: Any) -> Any:
    """A record's value as the spreadsheet cell for it: dates as date cells, amounts as numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, int)) and not isinstance(value, bool):
        return value
    return as_text(value)


def rows_of(sheet: Sheet, catalog: Catalog, org_ids: Iterable[str], quarter: Optional[str] = None) -> Iterator[Row]:
    """Every record of one sheet's kind under the given organizations, in file order."""
    for org_id in org_ids:
        org = catalog.orgs[org_id]
        pledges = [p for p in org.pledges if quarter is None or p.quarter == quarter]
        if sheet.name == "组织":
            yield Row((org_id,), org)
        elif sheet.name == "党员":
            yield from (Row((org_id, m.id), m) for m in org.members)
        elif sheet.name == "承诺":
            yield from (Row((org_id, p.id), p) for p in pledges)
        elif sheet.name in ("事项", "进展"):
            for pledge in pledges:
                parts = pledge.items if sheet.name == "事项" else pledge.progress
                yield from (Row((org_id, pledge.id, str(n)), part) for n, part in enumerate(parts, 1))
        elif sheet.name == "荣誉":
            yield from (Row((org_id, None, str(n)), h) for n, h in enumerate(org.honors, 1))
            for member in org.members:
                yield from (Row((org_id, member.id, str(n)), h) for n, h in enumerate(member.honors, 1))


def cell_getters(sheet: Sheet) -> list[tuple[int, tuple[str, ...]]]:
    """Per column: which tie key it shows (-1: none) and the attributes to read from the record."""
    return [(sheet.keys.index(c.header), ()) if sheet.is_key(c) else (-1, attribute_path(sheet.model, c.path)) for c in sheet.columns]


def cell_values(getters: list[tuple[int, tuple[str, ...]]], row: Row) -> list[Any]:
    return [row.keys[key] if key >= 0 else as_cell(value_by_names(row.record, names)) for key, names in getters]

