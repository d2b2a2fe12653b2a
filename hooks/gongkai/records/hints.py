"""A reference written as a name (`上级: 青石镇党委`) gets the id whose 名称 it is.

Clerks know organizations, members and events by name; the data refers to
them by id. The id rule already refuses the name; once every file is read,
the message can say which id was meant.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from gongkai.records.fields import SLUG_MESSAGE
from gongkai.records.loaded import Loaded


def suggest_ids(loaded: Loaded) -> None:
    """Add "是不是「id」" to each id-rule problem of a reference field whose value is a known name."""
    by_name: dict[str, dict[str, str]] = {"organizations": {}, "events": {}, "albums": {}}
    for rel, label in loaded.labels.items():
        parts = rel.split("/")  # data/organizations/<id>.yml, data/albums/<id>/album.yml
        if len(parts) >= 3 and parts[1] in by_name:
            by_name[parts[1]].setdefault(label, parts[2].split(".")[0])
    fields = {"上级": "organizations", "组织": "organizations", "表彰活动": "events", "相册": "albums"}
    orgs = (*loaded.partial, *loaded.orgs.values())
    org_of_file = {loaded.origin(org).file: org for org in orgs if id(org) in loaded.origins}
    for index, problem in enumerate(loaded.problems):
        if problem.message != SLUG_MESSAGE:
            continue
        field = problem.where.rsplit(" › ", 1)[-1]
        value = _value_at(loaded.root.parent / problem.file, problem.line, field)
        names = by_name.get(fields.get(field, ""))
        if field == "党员" and problem.file in org_of_file:
            names = {member.name: member.id for member in org_of_file[problem.file].members}
        meant = (names or {}).get(value or "")
        if meant:
            hint = f"「{value}」是名称，这里要写编号：是不是「{meant}」？"
            loaded.problems[index] = replace(problem, message=hint)


def _value_at(path: Path, line: int, field: str) -> str | None:
    try:
        text = path.read_text(encoding="utf-8").split("\n")[line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    head, _, value = text.partition(":")
    if head.strip().lstrip("- ").strip() != field:
        return None
    return value.split(" #", 1)[0].strip().strip("'\"") or None
