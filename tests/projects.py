"""A small project (tests/fixtures/valid/data plus one real photo) and `gongkai` run as a clerk runs it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_DATA, ROOT, SHARED, write_config

PHOTO = SHARED / "testdata" / "photos" / "gps" / "DSCN0010.jpg"


def small_project(folder: Path, **overrides) -> Path:
    """Two organizations, four pledges and an album with one photo: a publish takes about two seconds."""
    data = folder / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copyfile(PHOTO, data / "albums" / "qiyi" / "01.jpg")
    album = data / "albums" / "qiyi" / "album.yml"
    album.write_text(album.read_text(encoding="utf-8") + "照片:\n  - 文件: 01.jpg\n    说明: 大会现场\n", encoding="utf-8")
    write_config(folder, data, overrides or None, as_of="2024-12-31")
    return folder


def environment(**variables: str) -> dict[str, str]:
    path = os.pathsep.join([str(ROOT / "hooks"), str(ROOT / "tools"), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1", **variables}


def command(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "gongkai", "--project", str(project), *args]


def gongkai(project: Path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(project, *args), capture_output=True, text=True, env=environment(**variables), timeout=300)


def start(project: Path, *args: str, **variables: str) -> subprocess.Popen:
    """gongkai in a session (and so a process group) of its own, as a terminal would start it."""
    return subprocess.Popen(command(project, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=environment(**variables), start_new_session=True)
