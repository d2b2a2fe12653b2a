"""A slip in mkdocs.yml's gongkai settings is a Chinese message at its line, for check and build alike."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gongkai import cli

from conftest import ROOT


@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_settings_are_reported_at_their_line_without_a_traceback(tmp_path: Path, capsys, command: str) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("as_of: 2024-12-31", "as_of: 2024-13-45").replace("quarter_board_rows: 1000", "quarter_board_rows: 一千")
    text = text.replace("member_index_cards: 300", "member_index_cards: 300\n    board_rows: 5")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    lines = text.splitlines()
    line_of = lambda key: next(n for n, t in enumerate(lines, 1) if t.strip().startswith(key + ":"))  # noqa: E731
    assert cli.main(["--project", str(tmp_path), command]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and not (tmp_path / "site").exists()
    assert f"mkdocs.yml:{line_of('as_of')}: extra › gongkai › as_of: 「2024-13-45」不是日期" in err
    assert f"mkdocs.yml:{line_of('quarter_board_rows')}: extra › gongkai › quarter_board_rows: 「一千」应当是 1 到 1000000 之间的整数" in err
    assert f"mkdocs.yml:{line_of('board_rows')}: extra › gongkai › board_rows: 不认识的设置「board_rows」" in err


def test_folders_are_absolute_whichever_way_the_engine_names_the_project(tmp_path: Path, monkeypatch) -> None:
    """`mkdocs serve -f mkdocs.yml` names the project relatively for its first build and absolutely for every
    rebuild; the preview's memory is keyed by path, so both must give the same folders."""
    from gongkai.settings import Settings

    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    relative = Settings.from_extra({}, Path("."), None, Path("mkdocs.yml"))
    absolute = Settings.from_extra({}, tmp_path, None, tmp_path / "mkdocs.yml")
    assert relative.data_dir == absolute.data_dir == tmp_path / "data" and relative.cache_dir == absolute.cache_dir
