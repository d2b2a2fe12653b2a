"""Settings a department may change, read from `extra: gongkai:` in mkdocs.yml."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional


@dataclass(frozen=True)
class Settings:
    project_dir: Path
    data_dir: Path
    cache_dir: Path
    template_dir: Path
    as_of: Optional[date]  # "as of" date for overdue marks; None → the build date
    site_url: str = ""
    quarter_board_rows: int = 1000  # rows on one all-pledges page before it splits by organization
    member_index_cards: int = 300  # member cards on one 优秀共产党员 page before it splits by organization

    @classmethod
    def from_extra(cls, extra: dict[str, Any], project_dir: Path, theme_dir: Path | None = None) -> "Settings":
        as_of = extra.get("as_of")
        if isinstance(as_of, str):  # MkDocs' YAML gives a date, an env override a string
            as_of = date.fromisoformat(as_of)
        return cls(
            project_dir=project_dir,
            data_dir=project_dir / extra.get("data_dir", "data"),
            cache_dir=project_dir / extra.get("cache_dir", ".cache/gongkai"),
            template_dir=(theme_dir or project_dir / "theme_overrides") / "records",
            as_of=as_of,
            site_url=extra.get("site_url", ""),
            quarter_board_rows=int(extra.get("quarter_board_rows", cls.quarter_board_rows)),
            member_index_cards=int(extra.get("member_index_cards", cls.member_index_cards)),
        )
