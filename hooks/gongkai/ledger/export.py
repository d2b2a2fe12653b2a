"""`gongkai ledger export`: the records as one .xlsx workbook a clerk can fill in.

Written in openpyxl's write-only mode (rows streamed, a district's 160,000
pledges in one pass). Each sheet: the header frozen with the tie keys beside
it, columns sized to their text, drop-downs for closed vocabularies, dates as
date cells, the ids of existing rows shaded (they say which record a row is:
change them and the row becomes a new record).
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gongkai.ledger import guide
from gongkai.ledger.columns import SHEETS, Column, Sheet
from gongkai.ledger.rows import cell_values, rows_of
from gongkai.records.catalog import Catalog

_SIZE_SAMPLE = 2000  # rows looked at to size a column: enough to see its usual text
_MAX_WIDTH = 60
_LAST_ROW = 1048576


def export_workbook(catalog: Catalog, target: Path, org: Optional[str] = None, quarter: Optional[str] = None) -> dict[str, int]:
    """Write the workbook; return the number of rows per sheet."""
    org_ids = list(catalog.subtree(org)) if org else list(catalog.orgs)
    book = Workbook(write_only=True)
    styles = _styles(book)
    counts = {}
    for sheet in SHEETS:
        rows = [cell_values(sheet, row) for row in rows_of(sheet, catalog, org_ids, quarter)]
        counts[sheet.name] = len(rows)
        _write_sheet(book, sheet, rows, styles, sorted(catalog.quarters))
    guide.write_guide(book.create_sheet(guide.GUIDE_SHEET), styles["header"])
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return counts


def _styles(book: Workbook) -> dict[str, NamedStyle]:
    header = NamedStyle("台账表头", font=Font(bold=True), fill=PatternFill("solid", fgColor="F2DCDB"),
                        alignment=Alignment(vertical="center"))
    key = NamedStyle("台账编号", fill=PatternFill("solid", fgColor="E7E6E6"), font=Font(color="404040"))
    for style in (header, key):
        book.add_named_style(style)
    return {"header": header, "key": key}


def _write_sheet(book: Workbook, sheet: Sheet, rows: list[list], styles: dict[str, NamedStyle], quarters: list[str]) -> None:
    ws = book.create_sheet(sheet.name)
    # Freeze the header and the tie keys, so a row is always read with what it belongs to.
    ws.freeze_panes = f"{get_column_letter(len(sheet.keys) + 1)}2"
    for index, column in enumerate(sheet.columns, 1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = _width(column.header, (row[index - 1] for row in rows[:_SIZE_SAMPLE]))
        validation = _drop_down(column, quarters)
        if validation is not None:
            validation.add(f"{letter}2:{letter}{_LAST_ROW}")
            ws.data_validations.append(validation)
    ws.append([_styled(ws, column.header, styles["header"]) for column in sheet.columns])
    key_at = [i for i, column in enumerate(sheet.columns) if sheet.is_key(column)]
    for values in rows:
        for i in key_at:
            if values[i] is not None:
                values[i] = _styled(ws, values[i], styles["key"])
        ws.append(values)


def _styled(ws, value, style: NamedStyle) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value)
    cell.style = style.name
    return cell


def _drop_down(column: Column, quarters: list[str]) -> Optional[DataValidation]:
    choices = quarters if column.kind == "quarter" else column.choices
    if not choices:
        return None
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    validation.showErrorMessage = column.closed
    validation.errorTitle = "不在列表中"
    validation.error = f"「{column.header}」请从下拉列表中选择：" + "、".join(choices)
    validation.promptTitle = column.header
    validation.prompt = column.hint or "从下拉列表中选择"
    validation.showInputMessage = True
    return validation


def _width(header: str, values: Iterable) -> float:
    widest = max([_display_width(header) + 2, *(_display_width(_shown(v)) for v in values)])
    return min(_MAX_WIDTH, widest + 1)


def _shown(value) -> str:
    if value is None:
        return ""
    text = str(getattr(value, "value", value))
    return max(text.split("\n"), key=len) if text else ""


def _display_width(text: str) -> int:
    """Chinese characters take two columns of Excel's width unit."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
