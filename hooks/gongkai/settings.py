"""Settings a department may change, read from `extra: gongkai:` in mkdocs.yml and checked.

A bad value is a clerk's slip like any data error: it is reported in
Chinese with the file and the key, never as a traceback.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional

import yaml

from gongkai.common import variables
from gongkai.common.problems import DataError, Problem

KNOWN = ("as_of", "quarter_board_rows", "member_index_cards", "data_dir", "cache_dir", "elder_default", "scope")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    cache_dir: Path
    template_dir: Path
    as_of: Optional[date]  # "as of" date for overdue marks; None → the build date
    quarter_board_rows: int = 1000  # rows on one all-pledges page before it splits by organization
    member_index_cards: int = 300  # member cards on one 优秀共产党员 page before it splits by organization
    scope: Optional[str] = None  # one area's board (records/scope.py): the organization id it is rooted at

    @classmethod
    def from_extra(cls, extra: Any, project_dir: Path, theme_dir: Path | None = None, config_path: Path | None = None) -> "Settings":
        """Raise DataError listing every bad value, each at its line of mkdocs.yml."""
        problems: list[Problem] = []
        config_path = config_path or project_dir / "mkdocs.yml"

        def fail(key: str, message: str) -> None:
            # The file is read again for line numbers only when something is wrong.
            line = next((n for n, text in enumerate(_lines(config_path), 1) if key and text.strip().startswith(f"{key}:")), 0)
            problems.append(Problem(config_path.name, line, f"extra › gongkai › {key}".rstrip(" ›"), message))

        if extra is None:
            extra = {}
        if not isinstance(extra, dict):
            fail("", "应当是一组「名称: 值」设置")
            raise DataError(problems)
        for key in extra:
            if key not in KNOWN:
                fail(str(key), f"不认识的设置「{key}」，可用的设置：{'、'.join(KNOWN)}")
        as_of = _as_of(extra.get("as_of"), fail)
        rows = _count(extra, "quarter_board_rows", cls.quarter_board_rows, fail)
        cards = _count(extra, "member_index_cards", cls.member_index_cards, fail)
        # 长辈模式 as the default (a service hall's kiosk); the theme reads it (main.html), this only checks it.
        if not isinstance(extra.get("elder_default", False), bool):
            fail("elder_default", f"「{extra['elder_default']}」应当是 true（默认长辈模式）或 false")
        folders = {}
        # Absolute: `mkdocs serve -f mkdocs.yml` gives its first build a relative config path and every
        # rebuild an absolute one, and the preview's memory (file hashes, photo verdicts) is keyed by path.
        project_dir = Path(project_dir).absolute()
        for key, default in (("data_dir", "data"), ("cache_dir", ".cache/gongkai")):
            value = extra.get(key, default)
            if not isinstance(value, str) or not value.strip():
                fail(key, f"应当是一个文件夹路径，如 {default}")
                value = default
            folders[key] = project_dir / value
        scope = os.environ.get(variables.SCOPE) or extra.get("scope")
        if scope is not None and (not isinstance(scope, str) or not scope.strip()):
            fail("scope", f"「{scope}」应当是一个组织编号，如 zongzhi-001；删去这一行则生成全部组织")
            scope = None
        if problems:
            raise DataError(problems)
        return cls(
            data_dir=folders["data_dir"],
            cache_dir=folders["cache_dir"],
            template_dir=(theme_dir or project_dir / "theme_overrides") / "records",
            as_of=as_of,
            quarter_board_rows=rows,
            member_index_cards=cards,
            scope=scope.strip() if scope else None,
        )


def _as_of(value: Any, fail) -> Optional[date]:
    if value is None or isinstance(value, date):  # MkDocs' YAML gives a date
        return value
    if isinstance(value, str):  # an environment override gives a string
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    fail("as_of", f"「{value}」不是日期，应写成 2024-12-31 这样的年-月-日；删去这一行则按生成当天计算")
    return None


def _count(extra: dict, key: str, default: int, fail) -> int:
    value = extra.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000:
        fail(key, f"「{value}」应当是 1 到 1000000 之间的整数（默认 {default}）")
        return default
    return value


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


@dataclass(frozen=True)
class Project:
    """What `gongkai check` needs from mkdocs.yml, read without starting the engine."""

    settings: Settings
    docs_dir: Path
    site_url: str

    @classmethod
    def read(cls, project_dir: Path, config_file: str = "mkdocs.yml") -> "Project":
        path = project_dir / config_file
        if not path.exists():  # checking a data folder on its own: the default settings
            return cls(Settings.from_extra({}, project_dir, None, path), project_dir / "docs", "")
        try:
            config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise DataError([Problem(config_file, getattr(getattr(error, "problem_mark", None), "line", -1) + 1,
                                     "", "无法读取网站设置文件（缺少文件，或不是有效的 YAML）")]) from None
        extra = config.get("extra") if isinstance(config, dict) else None
        theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
        theme_dir = project_dir / theme["custom_dir"] if theme.get("custom_dir") else None
        gongkai = extra.get("gongkai") if isinstance(extra, dict) else None
        settings = Settings.from_extra(gongkai, project_dir, theme_dir, path)
        return cls(settings, project_dir / str(config.get("docs_dir") or "docs"), str(config.get("site_url") or ""))


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may carry tags for the engine (!ENV, !!python/name:…); their values do not matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
# Dates stay text: a date that does not exist (2024-13-45) is then our message, not the parser's ValueError.
_ConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
