"""Golden tests: each broken input in tests/golden/<case>/data gives exactly expected.txt."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.common.problems import DataError
from gongkai.images.inspect import PhotoInspector
from gongkai.records.catalog import build_catalog

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "data").is_dir())


@pytest.mark.parametrize("case", CASES)
def test_broken_input_gives_the_expected_chinese_lines(case: str, tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        build_catalog(GOLDEN / case / "data", inspect_photo=PhotoInspector(GOLDEN / case / "data", tmp_path))
    expected = (GOLDEN / case / "expected.txt").read_text(encoding="utf-8").strip()
    assert caught.value.report() == expected


@pytest.mark.parametrize("case", ["syntax-error", "many-files", "photo-problems"])
def test_check_command_exits_non_zero_without_traceback(case: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check", "--data", str(GOLDEN / case / "data")],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "hooks")},
        cwd=tmp_path,  # the photo verdicts' cache goes under the project folder's .cache
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.strip() == (GOLDEN / case / "expected.txt").read_text(encoding="utf-8").strip()


def test_every_line_names_file_and_line() -> None:
    for case in CASES:
        for line in (GOLDEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()[1:]:
            path, number, _ = line.split(":", 2)
            assert path.startswith("data/"), line
            assert int(number) >= 1, line
