"""The merged records checked exactly as `gongkai check` checks them, and each problem put back on its cell.

The changed organization files are laid over data/ in a scratch folder (every
other file a hard link, or a copy across file systems: the loader refuses symlinks out of data/) and the same build_catalog runs on it; with the memory
of the first read, only the changed files are validated again. A problem's
record path (承诺[3] › 事项[1] › 目标) leads back to the cell, or the row, it came from.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Optional

from gongkai.common.memo import Memory
from gongkai.common.problems import DataError, Problem
from gongkai.ledger.columns import sheet_named
from gongkai.ledger.merge import OrgPlan
from gongkai.ledger.report import Finding, Place
from gongkai.records.catalog import build_catalog

_PART_RE = re.compile(r"(.+?)\[(\d+)\]")


def check_merged(data: Path, texts: dict[str, str], plans: dict[str, OrgPlan], memory: Memory) -> list[Finding]:
    problems = _problems_with(data, texts, memory)
    return [_finding(problem, plans) for problem in problems]


def _problems_with(data: Path, texts: dict[str, str], memory: Memory) -> list[Problem]:
    with tempfile.TemporaryDirectory(prefix="gongkai-ledger-") as scratch:
        overlay = Path(scratch) / data.name  # the same name: problems read data/…, and the memory matches
        overlay.mkdir()
        for entry in data.iterdir():
            if entry.name != "organizations":
                _link(entry, overlay / entry.name)
        folder = overlay / "organizations"
        folder.mkdir()
        for path in (data / "organizations").iterdir():
            if path.stem not in texts:
                _link(path, folder / path.name)
        for org_id, text in texts.items():
            (folder / f"{org_id}.yml").write_text(text, encoding="utf-8")
        try:
            build_catalog(overlay, memory)
        except DataError as error:
            return error.problems
    return []


def _link(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, copy_function=_link_file)
    else:
        _link_file(source, target)


def _link_file(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _finding(problem: Problem, plans: dict[str, OrgPlan]) -> Finding:
    plan = plans.get(Path(problem.file).stem) if "/organizations/" in problem.file else None
    if plan is not None:
        place = _place(plan, _path(problem.where))
        if place is not None:
            # A list of records is filled in on its own sheet: say which.
            hint = f"（请在「{place.column}」表里为它加一行）" if place.column in ("事项",) and place.sheet != place.column else ""
            return Finding(place, problem.message + hint)
    return Finding(Place(f"{problem.file}:{problem.line}", column=problem.where), problem.message)


def _path(where: str) -> tuple:
    """「枫林村党支部 › 承诺[3] › 事项[1] › 目标」 → ("承诺", 2, "事项", 0, "目标")."""
    path: list = []
    for part in where.split(" › ")[1:]:
        match = _PART_RE.fullmatch(part)
        path += [match[1], int(match[2]) - 1] if match else [part]
    return tuple(path)


def _place(plan: OrgPlan, path: tuple) -> Optional[Place]:
    cells = {edit.target + edit.field: edit.place for edit in plan.edits}
    for k in range(len(path), -1, -1):
        if path[:k] in cells:
            return cells[path[:k]]
        row = plan.rows.get(path[:k])
        if row is not None:
            rest = tuple(p for p in path[k:] if isinstance(p, str))
            return row.at(_header(row.sheet, rest))
    return None


def _header(sheet_name: str, rest: tuple) -> str:
    sheet = sheet_named(sheet_name)
    if sheet is not None:
        for column in sheet.columns:
            if rest and column.path == rest:
                return column.header
    return " › ".join(rest)
