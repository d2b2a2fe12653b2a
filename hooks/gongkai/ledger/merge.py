"""Rows against records: which record each row is, and which of its cells differ from data/.

The comparison is against the catalog check already built (values as the
schema reads them), so an unchanged row costs a string comparison per cell and
no YAML is parsed again. A row whose ids are not in data/ is a new record,
placed after the existing ones; a row absent from a sheet leaves its record alone.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from pydantic import BaseModel

from gongkai.ledger.cells import read_cell
from gongkai.ledger.columns import SHEETS
from gongkai.ledger.read import Table
from gongkai.ledger.report import Finding, Place
from gongkai.ledger.rows import as_text, attribute_path, value_by_names
from gongkai.records.catalog import Catalog

_SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,60}")  # as records.fields reads an 编号



@dataclass(frozen=True)
class Edit:
    """Set (or, with text None, clear) one field of the record at `target` in an organization file."""

    target: tuple            # YAML path of the record: () the organization, ("承诺", 3, "事项", 0) …
    field: tuple[str, ...]
    text: Optional[str]
    kind: str
    place: Place


@dataclass
class OrgPlan:
    org_id: str
    exists: bool
    edits: list[Edit] = field(default_factory=list)
    rows: dict[tuple, Place] = field(default_factory=dict)      # record path → the row that names it
    cells: dict[tuple, int] = field(default_factory=dict)       # record path → a hash of that row's cells
    added: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    index: dict[tuple, int] = field(default_factory=dict)       # ("承诺", id) → position in its list
    lengths: dict[tuple, int] = field(default_factory=dict)     # list path → its length with the new records


@dataclass
class Merge:
    plans: dict[str, OrgPlan] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)


def merge_tables(tables: list[Table], catalog: Catalog) -> Merge:
    merge = Merge()
    order = {sheet.name: i for i, sheet in enumerate(SHEETS)}
    # Parents before children: a new pledge's 事项 rows find the pledge made from the 承诺 sheet.
    for table in sorted(tables, key=lambda t: order[t.sheet.name]):
        # Per column, found once: where it is in a row, how to read it, which attributes hold it.
        columns = [(header, index, table.sheet.column(header)) for header, index in table.at.items()]
        fields = [(h, i, c, attribute_path(table.sheet.model, c.path) if c.path else ()) for h, i, c in columns]
        for number, row in table.records(merge.problems):
            _merge_row(merge, catalog, table, Place(table.place.file, table.place.sheet, number), row, fields)
    return merge


def _merge_row(merge: Merge, catalog: Catalog, table: Table, place: Place, row: list, fields: list) -> None:
    sheet, cells, bad = table.sheet, {}, False
    width = len(row)
    for header, index, column, _ in fields:
        read = read_cell(row[index] if index < width else None, column.kind)
        if read.problem:
            merge.problems.append(Finding(place.at(header), read.problem))
            bad = True
        if read.note:
            merge.notes.append(Finding(place.at(header), read.note))
        cells[header] = read.text
    org_id = cells.get("组织编号")
    if not org_id:
        merge.problems.append(Finding(place.at("组织编号"), "不能为空：填这一行属于哪个组织（组织编号）"))
        return
    plan = merge.plans.get(org_id)
    if plan is None:
        if org_id not in catalog.orgs and sheet.name != "组织":
            merge.problems.append(Finding(place.at("组织编号"), f"没有编号为「{org_id}」的组织：新组织请先在「组织」表里加一行"))
            return
        if org_id not in catalog.orgs and not _SLUG_RE.fullmatch(org_id):
            # It becomes a file name: organizations/<组织编号>.yml
            merge.problems.append(Finding(place.at("组织编号"), "编号只能用小写字母、数字和连字符，如 zhibu-0027"))
            return
        plan = merge.plans[org_id] = _plan(catalog, org_id)
    located = _locate(plan, catalog, sheet.name, cells, place, merge)
    if located is None or bad:
        return
    target, record = located
    if target in plan.rows:
        first, earlier = plan.rows[target], plan.cells[target]
        # The same row handed in twice (a 党总支's workbook and a branch's overlap) is merged once.
        if earlier == _fingerprint(cells):
            return
        where = f"第 {first.row} 行" if first.file == place.file and first.sheet == place.sheet else f"{first.file} › {first.sheet} › 第 {first.row} 行"
        merge.problems.append(Finding(place, f"和{where}是同一条记录（编号相同），填的却不一样：同一条记录只填一行；新记录请另编一个编号"))
        return
    plan.rows[target], plan.cells[target] = place, _fingerprint(cells)
    changed = False
    for header, _, column, names in fields:
        if not column.path:  # a tie key or 序号: which record, not a field of it
            continue
        text = cells[header]
        if record is not None and text == as_text(value_by_names(record, names)):
            continue
        if record is None and text is None:
            continue
        plan.edits.append(Edit(target, column.path, text, column.kind, place.at(header)))
        changed = True
    if record is None:
        plan.added[sheet.name] += 1
    elif changed:
        plan.changed[sheet.name] += 1


def _plan(catalog: Catalog, org_id: str) -> OrgPlan:
    org = catalog.orgs.get(org_id)
    plan = OrgPlan(org_id, org is not None)
    if org is None:
        return plan
    plan.index.update({("党员", m.id): i for i, m in enumerate(org.members)})
    plan.index.update({("承诺", p.id): i for i, p in enumerate(org.pledges)})
    plan.lengths.update({("党员",): len(org.members), ("承诺",): len(org.pledges), ("荣誉",): len(org.honors)})
    for i, member in enumerate(org.members):
        plan.lengths[("党员", i, "荣誉")] = len(member.honors)
    for i, pledge in enumerate(org.pledges):
        plan.lengths[("承诺", i, "事项")] = len(pledge.items)
        plan.lengths[("承诺", i, "进展")] = len(pledge.progress)
    return plan


def _locate(plan: OrgPlan, catalog: Catalog, sheet: str, cells: dict, place: Place, merge: Merge) -> Optional[tuple[tuple, Optional[BaseModel]]]:
    """The row's record path in the organization file, and the record as data/ has it (None: a new one)."""
    org = catalog.orgs.get(plan.org_id) if plan.exists else None
    if sheet == "组织":
        return (), org
    if sheet in ("党员", "承诺"):
        header = "党员编号" if sheet == "党员" else "承诺编号"
        own = cells.get(header)
        if not own:
            merge.problems.append(Finding(place.at(header), f"不能为空：新加的一行也要编一个{header}（小写字母、数字和 -）"))
            return None
        return _place_in_list(plan, (sheet,), (sheet, own), org.members if sheet == "党员" and org else org.pledges if org else [])
    if sheet in ("事项", "进展"):
        pledge_id = cells.get("承诺编号")
        if (("承诺", pledge_id)) not in plan.index:
            merge.problems.append(Finding(place.at("承诺编号"), f"组织「{plan.org_id}」没有编号为「{pledge_id or ''}」的承诺：新承诺请先在「承诺」表里加一行"))
            return None
        at = plan.index[("承诺", pledge_id)]
        parent = org.pledges[at] if org and at < len(org.pledges) else None
        parts = (parent.items if sheet == "事项" else parent.progress) if parent else []
        return _numbered(plan, ("承诺", at, sheet), parts, cells.get("序号"), place, merge, sheet)
    member_id = cells.get("党员编号")
    if member_id:
        if ("党员", member_id) not in plan.index:
            merge.problems.append(Finding(place.at("党员编号"), f"组织「{plan.org_id}」没有编号为「{member_id}」的党员：新党员请先在「党员」表里加一行"))
            return None
        at = plan.index[("党员", member_id)]
        holder = org.members[at] if org and at < len(org.members) else None
        return _numbered(plan, ("党员", at, "荣誉"), holder.honors if holder else [], cells.get("序号"), place, merge, "荣誉")
    return _numbered(plan, ("荣誉",), org.honors if org else [], cells.get("序号"), place, merge, "荣誉")


def _place_in_list(plan: OrgPlan, list_path: tuple, key: tuple, existing: list) -> tuple[tuple, Optional[BaseModel]]:
    if key in plan.index:
        at = plan.index[key]
        return (*list_path, at), existing[at] if at < len(existing) else None
    at = plan.index[key] = plan.lengths.get(list_path, 0)
    plan.lengths[list_path] = at + 1
    return (*list_path, at), None


def _numbered(plan: OrgPlan, list_path: tuple, existing: list, number: Optional[str], place: Place, merge: Merge, what: str):
    if number is None:  # a new row: after the existing ones
        at = plan.lengths.get(list_path, 0)
        plan.lengths[list_path] = at + 1
        return (*list_path, at), None
    if not number.isdigit() or not 1 <= int(number) <= len(existing):
        merge.problems.append(Finding(place.at("序号"), f"没有序号为 {number} 的{what}（现有 {len(existing)} 条）：新加的行请把序号留空"))
        return None
    at = int(number) - 1
    return (*list_path, at), existing[at]


def _fingerprint(cells: dict) -> int:
    """A row's cells in a few bytes: a district's 800,000 rows are remembered, not kept."""
    return hash(tuple(sorted(cells.items())))
