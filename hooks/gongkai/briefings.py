"""Numbered briefings (简报, 第N期 per year), written by hand as Markdown in docs/jianbao/.

The series is read from each file's front matter (期号, 年度, 日期, title);
a gap or a duplicate in a year's numbering is a problem like any data error.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import strict_yaml
from .problems import Problem

FOLDER = "jianbao"
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True)
class Briefing:
    src_uri: str  # docs-relative, e.g. jianbao/2024-01.md
    title: str
    number: int
    year: int
    day: date


def read_briefings(docs_dir: Path) -> tuple[list[Briefing], list[Problem]]:
    briefings, problems = [], []
    for path in sorted((docs_dir / FOLDER).glob("*.md")):
        if path.name == "index.md":
            continue
        rel = f"docs/{FOLDER}/{path.name}"
        match = _FRONT.match(path.read_text(encoding="utf-8"))
        try:
            front, lines = strict_yaml.load(match.group(1)) if match else ({}, {})
            briefing = Briefing(f"{FOLDER}/{path.name}", str(front.get("title") or path.stem), int(front["期号"]), int(front["年度"]), date.fromisoformat(front["日期"]))
        except (KeyError, ValueError, TypeError, AttributeError, strict_yaml.YamlProblem):
            problems.append(Problem(rel, 2, "简报", "开头须有「期号」「年度」「日期」（如 期号: 3，年度: 2024，日期: 2024-10-12）"))
            continue
        briefings.append(briefing)
    by_year: dict[int, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        by_year[briefing.year].append(briefing)
    for year, items in by_year.items():
        numbers = sorted(b.number for b in items)
        for b in items:
            if numbers.count(b.number) > 1:
                problems.append(Problem(f"docs/{b.src_uri}", 2, "简报 › 期号", f"{year} 年第 {b.number} 期重复"))
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            last = max(items, key=lambda b: b.number)
            problems.append(Problem(f"docs/{last.src_uri}", 2, "简报 › 期号", f"{year} 年缺少第 {'、'.join(map(str, missing))} 期"))
    return sorted(briefings, key=lambda b: (b.year, b.number), reverse=True), problems


def index_markdown(briefings: list[Briefing]) -> str:
    """The series page, as Markdown so the site generator resolves links to the hand-written issues."""
    lines = ["# 简报", "", "创先争优简报按年度编号，每期报道承诺践诺、表彰和“一人一事一例”。", ""]
    for year in sorted({b.year for b in briefings}, reverse=True):
        lines += [f"## {year} 年", ""]
        lines += [f"- [第 {b.number} 期：{b.title}]({b.src_uri.split('/', 1)[1]}) <small>{b.day.year}年{b.day.month}月{b.day.day}日</small>" for b in briefings if b.year == year]
        lines.append("")
    return "\n".join(lines)
