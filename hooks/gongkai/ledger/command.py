"""`gongkai ledger export` and `gongkai ledger import`: what the clerk runs, and what it prints."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Callable, Optional

from gongkai.common.memo import Memory
from gongkai.common.problems import DataError
from gongkai.ledger.export import export_workbook
from gongkai.ledger.lines import apply_line_edits
from gongkai.ledger.merge import Merge, merge_tables
from gongkai.ledger.read import read_files
from gongkai.ledger.report import listed
from gongkai.ledger.validate import check_merged
from gongkai.ledger.write import apply_edits
from gongkai.records.catalog import Catalog, build_catalog


def export_command(data: Path, target: Optional[Path], org: Optional[str] = None, quarter: Optional[str] = None) -> int:
    catalog = _catalog(data, Memory(), "导出")
    if catalog is None:
        return 1
    if org and org not in catalog.orgs:
        print(f"没有编号为「{org}」的组织（应为 data/organizations/ 下的文件名）", file=sys.stderr)
        return 1
    if quarter and not re.fullmatch(r"20\d\d-Q[1-4]", quarter):
        print(f"季度「{quarter}」格式应为 2024-Q4", file=sys.stderr)
        return 1
    target = target or Path("-".join(["台账", *filter(None, (org, quarter))]) + ".xlsx")
    counts = export_workbook(catalog, target, org, quarter)
    print(f"已导出 {target}：" + "，".join(f"{name} {n} 行" for name, n in counts.items()))
    return 0


def import_command(data: Path, files: list[Path], dry_run: bool = False, engine: str = "calamine", writer: str = "lines") -> int:
    memory = Memory()
    catalog = _catalog(data, memory, "导入")
    if catalog is None:
        return 1
    reading = read_files(files, engine)
    merge = merge_tables(reading.tables, catalog)
    problems = reading.problems + merge.problems
    texts: dict[str, str] = {}
    if not problems:
        texts = _new_texts(data, merge, apply_line_edits if writer == "lines" else apply_edits)
        if texts:  # with no file changed, data/ is what the first read already checked
            problems = check_merged(data, texts, merge.plans, memory)
    for line in listed(reading.notes + merge.notes):
        print("提示：" + line)
    if problems:
        print(f"台账检查发现 {len(set(problems))} 处问题，没有写入任何文件；请逐条修改后再导入：", file=sys.stderr)
        print("\n".join(listed(problems)), file=sys.stderr)
        return 1
    _summarise(merge, catalog, texts, dry_run)
    if not dry_run:
        _replace_all(data / "organizations", texts)
    return 0


def _catalog(data: Path, memory: Memory, verb: str) -> Optional[Catalog]:
    try:
        return build_catalog(data, memory)
    except DataError as error:
        print(f"data/ 里已有问题，{verb}前请先改好（与 gongkai check 的结果相同）：\n" + error.report(), file=sys.stderr)
        return None


def _new_texts(data: Path, merge: Merge, apply: Callable[..., str]) -> dict[str, str]:
    """New text of every organization file the import changes; files it does not change are not touched at all."""
    texts = {}
    for org_id, plan in merge.plans.items():
        if not plan.edits:
            continue
        path = data / "organizations" / f"{org_id}.yml"
        old = path.read_text(encoding="utf-8") if plan.exists else None
        title = next((e.text for e in plan.edits if e.target == () and e.field == ("名称",)), org_id)
        new = apply(old, plan.edits, title or org_id)
        if new != old:
            texts[org_id] = new
    return texts


def _summarise(merge: Merge, catalog: Catalog, texts: dict[str, str], dry_run: bool) -> None:
    lead = "将要" if dry_run else "已"
    for org_id, plan in merge.plans.items():
        if org_id not in texts:
            continue
        name = catalog.orgs[org_id].name if org_id in catalog.orgs else org_id
        parts = ["新建文件"] if not plan.exists else []
        parts += [f"新增{sheet} {n} 条" for sheet, n in plan.added.items()]
        parts += [f"修改{sheet} {n} 条" for sheet, n in plan.changed.items()]
        print(f"{lead}更新 organizations/{org_id}.yml（{name}）：" + "，".join(parts))
    unchanged = len(merge.plans) - len(texts)
    print(f"{'试导入' if dry_run else '导入'}完成：{len(texts)} 个组织文件{'将' if dry_run else '已'}更新，{unchanged} 个组织与台账一致、文件未动。"
          + ("（--dry-run：没有写入任何文件）" if dry_run else ""))


def _replace_all(folder: Path, texts: dict[str, str]) -> None:
    """Every new text written beside its file first, then all renamed in: no half-imported data/."""
    temporaries = []
    for org_id, text in texts.items():
        temporary = folder / f".{org_id}.yml.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        temporaries.append((temporary, folder / f"{org_id}.yml"))
    for temporary, target in temporaries:
        os.replace(temporary, target)
