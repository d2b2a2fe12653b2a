"""Hand-written pages and the site's own texts, held to the record fields' rules at check and build time.

Read here: every Markdown page in docs/ (briefings too, front matter included),
every file and folder name under docs/ (it becomes an address), and the
engine's configuration files beside docs/ (site_name, copyright, site_description,
nav titles …). A personal number in any of them is a problem at its line
(records.privacy, the detector the release check uses too); so is an HTML tag
in a front-matter title or a heading, which the theme prints as written (the
page's <title>, the header, the 简报 index). The rest of a page's markup is
cleaned after rendering (render.sanitize.clean_page), not refused.
"""
from __future__ import annotations

import re
from pathlib import Path

from gongkai.common.problems import Problem
from gongkai.records import privacy
from gongkai.records.fields import html_tag_in

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_FRONT_TITLE = re.compile(r"title\s*:(.*)")
_HEADING = re.compile(r"#{1,6}\s(.*)")
CONFIG_FILES = "mkdocs*.yml"  # mkdocs.yml and its profiles (mkdocs.kiosk.yml)


def check_pages(docs_dir: Path) -> list[Problem]:
    """Every problem of the hand-written pages in docs_dir and of the configuration files beside it."""
    problems: list[Problem] = []
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            rel = f"docs/{path.relative_to(docs_dir).as_posix()}"
            for hit in privacy.find(path.relative_to(docs_dir).as_posix()):
                problems.append(Problem(rel, 1, "文件名", f"{privacy.message(hit)}（文件名会成为网址）"))
            if path.suffix == ".md" and path.is_file():
                problems += _check_page(path, rel)
    for path in sorted(docs_dir.parent.glob(CONFIG_FILES)):
        text = _text(path)
        problems += [Problem(path.name, line, "网站设置", privacy.message(hit)) for line, hit in privacy.find_by_line(text)]
    return problems


def _check_page(path: Path, rel: str) -> list[Problem]:
    text = _text(path)
    where = "简报" if rel.startswith("docs/jianbao/") else "手写页面"
    problems = [Problem(rel, line, where, privacy.message(hit)) for line, hit in privacy.find_by_line(text)]
    front = _FRONT.match(text)
    front_end = front.group(0).count("\n") if front else 0
    in_code = False
    for number, line in enumerate(text.split("\n"), start=1):
        if number <= front_end:
            title = _FRONT_TITLE.match(line)
        elif line.lstrip().startswith(("```", "~~~")):
            in_code, title = not in_code, None
        else:
            title = None if in_code else _HEADING.match(line)
        tag = html_tag_in(title.group(1)) if title else None
        if tag:
            problems.append(Problem(rel, number, f"{where} › 标题", f"标题不能包含 HTML 标签 <{tag}>：网页标题会原样显示它"))
    return problems


def _text(path: Path) -> str:
    """A clerk's file as saved on any system: BOM and Windows line ends are fine."""
    try:
        return path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return ""  # the engine reports a page it cannot read
