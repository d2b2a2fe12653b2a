"""The 填写说明 sheet, written from the same column definitions the import reads with."""
from __future__ import annotations

from gongkai.ledger.columns import KIND_NAMES, SHEETS, Column, Sheet

GUIDE_SHEET = "填写说明"
RULES = (
    "这本台账由 gongkai ledger export 从 data/ 导出；填好后用 gongkai ledger import 文件名.xlsx 导回，检查与 gongkai check 相同。",
    "灰底的编号是已有的记录：不要改它，改了就成了一条新记录。新加一行时自己编一个不重复的编号（小写字母、数字和 -）。",
    "删掉的行不会删除记录：要撤下一条记录，请在「草稿」填“是”（荣誉在「撤销」填“是”）。",
    "不要合并单元格，不要在表头上面加标题行，表头必须在第 1 行；可以隐藏、调整列宽，可以只留自己要改的行。",
    "日期写成 2024-09-30 或设为日期格式；2024/9/30、2024年9月30日、2024.9.30 也能读，导入时提示按哪一天读入。",
    "数字可以带千分位（1,234）、可以是全角数字；“是/否”也可以填 √ 和 ×，不填就是“否”。",
    "本表没有的列（如 联系电话、身份证号、手机号）一律不导入，导入时会提示一次。个人手机号、身份证号不能出现在任何一格里。",
    "也可以把一张表另存为 CSV（UTF-8 或 GBK 都可以）导入：文件名里写上表名，如 承诺.csv。",
)


def write_guide(ws, header_format) -> None:
    """ws: an XlsxWriter worksheet."""
    for index, width in enumerate((14, 8, 30, 70)):
        ws.set_column(index, index, width)
    rows: list[tuple[list, bool]] = [(["台账填写说明"], True)]
    rows += [(["", "", "", rule], False) for rule in RULES]
    for sheet in SHEETS:
        rows.append(([], False))
        rows.append(([f"「{sheet.name}」表", "", "", sheet.about], True))
        rows.append((["列名", "必填", "怎么填", "说明"], True))
        rows += [([c.header, _required(sheet, c), _how(c), _note(sheet, c)], False) for c in sheet.columns]
    for number, (values, bold) in enumerate(rows):
        ws.write_row(number, 0, values, header_format if bold else None)


def _required(sheet: Sheet, column: Column) -> str:
    if column.header == "序号":
        return ""
    if not column.required:
        return ""
    nested = len(column.path) > 1
    return "填了这一组就必填" if nested else "必填"


def _how(column: Column) -> str:
    if column.kind == "choice" or (column.choices and column.kind != "yesno"):
        lead = "只能选：" if column.closed else "可选："
        return lead + " / ".join(column.choices)
    return KIND_NAMES[column.kind]


def _note(sheet: Sheet, column: Column) -> str:
    parts = [column.hint] if column.hint else []
    if len(column.path) > 1:
        parts.append(f"即 YAML 中的 {' › '.join(column.path)}")
    return "；".join(parts)
