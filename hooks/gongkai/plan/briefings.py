"""Numbered briefings (简报, 第N期 per year), written by hand as Markdown in docs/jianbao/.

The series is read from each file's front matter (期号, 年度, 日期, title);
a gap or a duplicate in a year's numbering is a problem like any data error.
A briefing cites records with plain relative links to their pages, e.g.
`[发展特色种植](../chengnuo/zhibu-0001/2024-q2/index.html#c-2024q2-m01)`;
MkDocs checks that the page exists, `check_briefings(docs, catalog)` also
that the pledge (the #anchor) is on it.
"""
from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator, Optional

from gongkai.records import strict_yaml
from gongkai.plan import urls
from gongkai.records.catalog import Catalog
from gongkai.common.problems import Problem

FOLDER = "jianbao"
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_HEADING = re.compile(r"^#\s+(.+)$", re.M)
EXAMPLE = "如：期号: 3，年度: 2024，日期: 2024-10-12"


@dataclass(frozen=True)
class Briefing:
    src_uri: str  # docs-relative, e.g. jianbao/2024-01.md
    title: str
    number: int
    year: int
    day: date


def check_briefings(docs_dir: Path, catalog: Optional[Catalog] = None, pages: Optional[set[str]] = None) -> list[Problem]:
    """Every problem of the briefings: front matter, gaps and duplicates in a year's numbering;
    with the public catalog and the site's pages (plan.site), also links to record pages and
    pledges that do not exist."""
    _, problems = read_briefings(docs_dir)
    if catalog is not None and pages is not None:
        problems += _check_links(docs_dir, catalog, pages)
    return problems


def read_briefings(docs_dir: Path) -> tuple[list[Briefing], list[Problem]]:
    """The series, newest first, and the problems of its numbering."""
    briefings, problems = [], []
    for path in sorted((docs_dir / FOLDER).glob("*.md")):
        if path.name == "index.md":
            continue
        briefing = _read(path, problems)
        if briefing is not None:
            briefings.append(briefing)
    by_year: dict[int, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        by_year[briefing.year].append(briefing)
    for year, items in sorted(by_year.items()):
        numbers = sorted(b.number for b in items)
        for b in items:
            if numbers.count(b.number) > 1:
                problems.append(Problem(f"docs/{b.src_uri}", 2, "简报 › 期号", f"{year} 年第 {b.number} 期重复"))
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:  # reported on the first issue after the gap
            after = min((b for b in items if b.number > missing[0]), key=lambda b: (b.number, b.src_uri))
            problems.append(Problem(f"docs/{after.src_uri}", 2, "简报 › 期号", f"{year} 年缺少第 {'、'.join(map(str, missing))} 期"))
    return sorted(briefings, key=lambda b: (b.year, b.number), reverse=True), problems


def _read(path: Path, problems: list[Problem]) -> Optional[Briefing]:
    rel = f"docs/{FOLDER}/{path.name}"
    text = _text(path)
    match = _FRONT.match(text)
    if not match:
        problems.append(Problem(rel, 1, "简报", f"开头须有用 --- 包起来的「期号」「年度」「日期」，{EXAMPLE}"))
        return None
    try:
        front, lines = strict_yaml.load(match.group(1))
    except strict_yaml.YamlProblem as problem:
        problems.append(Problem(rel, problem.line + 1, "简报", problem.message))
        return None
    if not isinstance(front, dict):
        problems.append(Problem(rel, 2, "简报", f"开头须写成「字段: 值」，{EXAMPLE}"))
        return None
    line = lambda key: lines.get((key,), 1) + 1  # noqa: E731 - the front matter starts on the file's line 2
    found: dict[str, object] = {}
    for key, parse, hint in (("期号", _positive, "正整数，如 3"), ("年度", _year, "四位年份，如 2024"), ("日期", date.fromisoformat, "日期，如 2024-10-12")):
        value = front.get(key)
        if value is None:
            problems.append(Problem(rel, 2, f"简报 › {key}", f"缺少「{key}」（{hint}）"))
            continue
        try:
            found[key] = parse(str(value))
        except ValueError:
            problems.append(Problem(rel, line(key), f"简报 › {key}", f"「{value}」不是{hint}"))
    if len(found) < 3:
        return None
    heading = _HEADING.search(text[match.end():])
    title = str(front.get("title") or (heading.group(1).strip() if heading else path.stem))
    return Briefing(f"{FOLDER}/{path.name}", title, found["期号"], found["年度"], found["日期"])


def _check_links(docs_dir: Path, catalog: Catalog, pages: set[str]) -> list[Problem]:
    """Links from briefings into record pages: the page must exist, and a #c-… pledge anchor must be on it."""
    anchors: dict[str, set[str]] = defaultdict(set)
    for pledge in catalog.pledges:
        page, _, anchor = urls.dest(urls.pledge(pledge.org_id, pledge.quarter, pledge.id)).partition("#")
        anchors[page].add(anchor)
    problems = []
    for rel, number, target, resolved, anchor in _record_links(docs_dir, pages):
        if resolved not in pages:
            problems.append(Problem(rel, number, "简报 › 链接", f"链接「{target}」指向的页面不存在（记录已改名、删除、未公开或还是草稿？）"))
        elif anchor.startswith("c-") and anchor not in anchors.get(resolved, ()):
            problems.append(Problem(rel, number, "简报 › 链接", f"链接「{target}」：该承诺公开栏上没有这项承诺（#{anchor}）"))
    return problems


def links_outside(docs_dir: Path, pages: set[str]) -> set[str]:
    """The record pages briefings link that the site does not have (one area's board: other areas' pages)."""
    return {resolved for _, _, _, resolved, _ in _record_links(docs_dir, pages) if resolved not in pages}


def _record_links(docs_dir: Path, pages: set[str]) -> Iterator[tuple[str, int, str, str, str]]:
    """(file, line, link as written, the page it opens, anchor) of each briefing link into a record section."""
    sections = {spec.split("/", 1)[0] for spec in pages if "/" in spec}
    for path in sorted((docs_dir / FOLDER).glob("*.md")):
        rel = f"docs/{FOLDER}/{path.name}"
        for number, text in enumerate(_text(path).splitlines(), start=1):
            for target in _LINK.findall(text):
                if re.match(r"[a-z]+:", target) or target.startswith("#"):
                    continue
                file, _, anchor = target.partition("#")
                resolved = posixpath.normpath(posixpath.join(FOLDER, file))
                if resolved.endswith(".md"):
                    resolved = resolved[: -len(".md")] + ".html"
                elif not resolved.endswith(".html"):
                    resolved += "/index.html"  # a folder link: ../zuzhi/zhibu-0001/
                if resolved.split("/", 1)[0] in sections:  # else a hand-written page or a file: MkDocs checks those
                    yield rel, number, target, resolved, anchor


def index_markdown(briefings: list[Briefing]) -> str:
    """The series page, as Markdown so the site generator resolves links to the hand-written issues."""
    lines = ["# 简报", "", "创先争优简报按年度编号，每期报道承诺践诺、表彰和“一人一事一例”。", ""]
    if not briefings:
        lines += ["尚未发布简报。", ""]
    for year in sorted({b.year for b in briefings}, reverse=True):
        issues = [b for b in briefings if b.year == year]
        lines += [f"## {year} 年（共 {len(issues)} 期）", ""]
        lines += [f"- [{_issue_label(b)}]({b.src_uri.split('/', 1)[1]}) <small>{b.day.year}年{b.day.month}月{b.day.day}日</small>" for b in issues]
        lines.append("")
    return "\n".join(lines)


def _issue_label(briefing: Briefing) -> str:
    """"第 3 期：…", unless the title already says which issue it is ("创先争优简报 2024年第3期")."""
    if re.search(rf"第\s*{briefing.number}\s*期", briefing.title):
        return briefing.title
    return f"第 {briefing.number} 期：{briefing.title}"


def _text(path: Path) -> str:
    """A clerk's file as saved on any system: BOM and Windows line ends are fine."""
    return path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _year(text: str) -> int:
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise ValueError(text)
    return int(text)
