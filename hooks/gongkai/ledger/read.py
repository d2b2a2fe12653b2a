"""Reading a clerk's workbook (.xlsx from Excel or WPS) or CSV into plain tables, refusing what cannot be read safely.

Two engines read .xlsx: python-calamine (Rust; the default, ~10× faster on a
district, and it sees merged cells) and openpyxl (read-only mode; kept as the
comparison in tools/bench_ledger.py). A sheet is read only if the ledger knows
its name; hidden sheets, unknown sheets and unknown columns are reported once
and never read further, so a 身份证号 or 手机号 column cannot reach data/.
"""
from __future__ import annotations

import csv
import difflib
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from gongkai.ledger.columns import SHEETS, Sheet, sheet_named
from gongkai.ledger.guide import GUIDE_SHEET
from gongkai.ledger.report import Finding, Place

_HEADER_SEARCH = 10  # rows looked at for a header that is not in row 1
ENGINES = ("calamine", "openpyxl")


@dataclass
class Table:
    """One sheet: where each known column is, and its rows, read only when the merge reaches it
    (a district workbook's 800,000 rows are never all in memory at once)."""

    sheet: Sheet
    place: Place
    at: dict[str, int] = field(default_factory=dict)   # column header → its index in a row
    load: Callable[[], Iterable[list]] = list           # every row of the sheet, the header row first

    def records(self, problems: list[Finding]) -> Iterator[tuple[int, list]]:
        """(the row number Excel shows, the cells) of each row that holds anything."""
        keys = [(i, h) for h, i in self.at.items() if h in self.sheet.keys]
        rows = iter(self.load())
        next(rows, None)
        for number, row in enumerate(rows, 2):
            row = list(row)
            if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
                continue
            if keys and all(i < len(row) and isinstance(row[i], str) and row[i].strip() == h for i, h in keys):
                problems.append(Finding(Place(self.place.file, self.place.sheet, number), "这一行重复了表头：请删除"))
                continue
            yield number, row


@dataclass
class Reading:
    tables: list[Table] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)


def read_files(paths: list[Path], engine: str = "calamine") -> Reading:
    reading = Reading()
    for path in paths:
        name = path.name
        if not path.is_file():
            reading.problems.append(Finding(Place(name), "找不到这个文件"))
        elif path.suffix.lower() == ".csv":
            _read_csv(path, reading)
        elif path.suffix.lower() in (".xlsx", ".xlsm"):
            try:
                sheets = _calamine_sheets(path) if engine == "calamine" else _openpyxl_sheets(path)
            except Exception:  # a damaged or password-protected file: say so, never a traceback
                reading.problems.append(Finding(Place(name), "打不开这个文件：请确认它是 Excel/WPS 保存的 .xlsx，且没有设密码"))
                continue
            for title, hidden, merged, head, load in sheets:
                _take_sheet(reading, Place(name, title), hidden, merged, head, load)
        else:
            reading.problems.append(Finding(Place(name), "只能导入 .xlsx 或 .csv 文件（.xls 请在 Excel/WPS 里另存为 .xlsx）"))
    return reading


def _calamine_sheets(path: Path):
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    def load(name: str) -> Callable[[], list]:
        def rows() -> list:
            with CalamineWorkbook.from_path(str(path)) as book:
                return book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        return rows

    with CalamineWorkbook.from_path(str(path)) as book:
        for meta in book.sheets_metadata:
            hidden = meta.visible != SheetVisibleEnum.Visible
            if hidden or sheet_named(meta.name) is None:
                yield meta.name, hidden, [], [], list
                continue
            sheet = book.get_sheet_by_name(meta.name)
            merged = [f"{_cell_name(*start)}:{_cell_name(*end)}" for start, end in sheet.merged_cell_ranges or []]
            yield meta.name, False, merged, sheet.to_python(skip_empty_area=False, nrows=_HEADER_SEARCH), load(meta.name)


def _openpyxl_sheets(path: Path):
    from openpyxl import load_workbook

    def load(title: str) -> Callable[[], Iterator[tuple]]:
        def rows() -> Iterator[tuple]:
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                yield from book[title].iter_rows(values_only=True)
            finally:
                book.close()
        return rows

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in book.worksheets:
            hidden = ws.sheet_state != "visible"
            if hidden or sheet_named(ws.title) is None:
                yield ws.title, hidden, [], [], list
                continue
            yield ws.title, False, [], [list(row) for row in ws.iter_rows(max_row=_HEADER_SEARCH, values_only=True)], load(ws.title)
    finally:
        book.close()


def _cell_name(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column + 1)}{row + 1}"


def _read_csv(path: Path, reading: Reading) -> None:
    data = path.read_bytes()
    try:  # Excel writes UTF-8 with a BOM ("CSV UTF-8"); on Chinese Windows plain "CSV" is GBK
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            reading.problems.append(Finding(Place(path.name), "读不出文字：CSV 请用 UTF-8 或 GBK 编码保存"))
            return
    grid = [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    named = [s for s in SHEETS if s.name in path.stem]
    headers = {_header(v) for v in (grid[0] if grid else [])}
    sheet = named[0] if len(named) == 1 else max(SHEETS, key=lambda s: len(headers & set(s.headers)))
    if len(named) != 1 and not set(sheet.keys) <= headers:
        reading.problems.append(Finding(Place(path.name), "看不出这是哪张表：CSV 文件名里请写上表名，如 承诺.csv"))
        return
    _take_sheet(reading, Place(path.name, sheet.name), False, [], grid[:_HEADER_SEARCH], lambda: grid)


def _header(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip() if value is not None else ""


def _take_sheet(reading: Reading, place: Place, hidden: bool, merged: list[str], grid: list[list], load: Callable) -> None:
    """Decide from the first rows whether and how the sheet is read; its rows come later, through `load`."""
    sheet = sheet_named(place.sheet)
    if place.sheet == GUIDE_SHEET:
        return
    if hidden:
        reading.notes.append(Finding(place, "这张工作表是隐藏的，不会导入"))
        return
    if sheet is None:
        reading.notes.append(Finding(place, "不是台账的表（" + "、".join(s.name for s in SHEETS) + "），不会导入"))
        return
    for cells in merged:
        row = int("".join(ch for ch in cells.split(":")[0] if ch.isdigit()))
        reading.problems.append(Finding(Place(place.file, place.sheet, row), f"合并了单元格 {cells}：请取消合并，每一格填自己的内容"))
    known = set(sheet.headers)
    found = [i for i, row in enumerate(grid[:_HEADER_SEARCH]) if len(known & {_header(v) for v in row}) >= 2]
    if not found:
        reading.problems.append(Finding(place.at(""), "找不到表头：第 1 行应为列名，如 " + "、".join(sheet.headers[:4])))
        return
    if found[0] != 0:
        reading.problems.append(Finding(Place(place.file, place.sheet, 1),
                                        f"表头应在第 1 行，这张表的表头在第 {found[0] + 1} 行：请删除上面的标题行"))
        return
    headers = [_header(v) for v in grid[0]]
    table = Table(sheet, place)
    for header in dict.fromkeys(headers):
        if header and header not in known:
            guess = difflib.get_close_matches(header, sheet.headers, n=1, cutoff=0.6)
            reading.notes.append(Finding(place, f"列「{header}」不会导入" + (f"（是不是「{guess[0]}」？）" if guess else "")))
        elif header and headers.count(header) > 1:
            reading.problems.append(Finding(place, f"列「{header}」出现了 {headers.count(header)} 次，请只留一列"))
    missing = [key for key in sheet.keys if key not in headers and key != "序号" and not (sheet.name == "荣誉" and key == "党员编号")]
    if missing:
        reading.problems.append(Finding(place, "缺少列「" + "」「".join(missing) + "」：每一行要靠它对上记录"))
        return
    table.at = {h: i for i, h in enumerate(headers) if h in known}
    table.load = load
    reading.tables.append(table)
