"""The commands in data/README.md, typed exactly as written, in a project folder set up by scripts/setup.sh."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

GUIDE = ROOT / "data" / "README.md"


def _guide_commands() -> list[str]:
    """Every command line in the guide's code blocks (comments after # dropped)."""
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.M | re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if re.match(r"^(\.venv/bin/|python|bash )", line)]


def _project(tmp_path: Path) -> Path:
    """The project folder as setup.sh leaves it: the repository's files and .venv (here: the tests' own environment)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "data", "hooks", "theme_overrides", "tools"):
        (project / name).symlink_to(ROOT / name)
    (project / ".venv").symlink_to(Path(sys.prefix))
    return project


def _run(command: str, project: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH: the code under test, not whatever copy the environment has installed.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["bash", "-c", command], cwd=project, capture_output=True, text=True, env=env, timeout=300)


def test_the_guide_says_how_to_run_every_command_and_never_bare_python() -> None:
    commands = _guide_commands()
    assert {c.split()[1] for c in commands if c.startswith(".venv/bin/gongkai")} >= {"check", "serve", "publish"}
    assert not [c for c in commands if c.startswith("python")], "bare python finds neither gongkai nor its packages"


def test_the_guides_check_runs_as_written(tmp_path: Path) -> None:
    project = _project(tmp_path)
    checks = [c for c in _guide_commands() if c.split()[1:2] == ["check"]]
    assert checks
    for command in checks:
        result = _run(command, project)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert result.stdout.startswith("检查通过：33 个党组织"), (command, result.stdout)


def test_every_other_guide_command_starts(tmp_path: Path) -> None:
    # serve waits for a browser and publish and the generator write files: each is asked for its help, as written otherwise.
    project = _project(tmp_path)
    others = [c for c in _guide_commands() if c.split()[1:2] != ["check"]]
    assert others
    for command in others:
        result = _run(f"{command} --help", project)
        assert result.returncode == 0 and "usage:" in result.stdout, (command, result.stdout, result.stderr)
