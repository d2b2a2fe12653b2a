"""Nothing a clerk can type crashes check: random damage to the demo files, and nesting deep enough to overflow a C stack."""
from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from gongkai import cli
from gongkai.common.memo import Memory
from gongkai.common.problems import DataError
from gongkai.images.inspect import PhotoInspector
from gongkai.records.catalog import build_catalog

SPECIALS = [
    ": ", "：", ":", "\t", "[", "]", "{", "}", "*", "**", "&", "!", "|", ">", "%", "@", "`", '"', "'", "#", "- ", "-",
    "\n---\n", "\n...\n", "<<: ", "\\", "\\x00", "\x00", "\x07", "\x1b", "\u2028", "\ufeff", "\ufffe", "[链接](http://x)",
    "<script>", "1E+50000000", "010", "-5", "1e9999", "😀", "\n  ", "\n", "   ", "?", ",", "~", "null", "是", "否",
    "[" * 2000, "- " * 500, "a/" * 300, "&a ", "*a", "!!python/object:os.system ", "%YAML 1.2\n", "\r", "\r\n",
]
ENGLISH = re.compile(r"\b(found|expected|scanning|while|mapping|Error|Traceback|could not)\b")


def _mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:  # bytes flipped
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 1:  # lines cut
        lines = data.split(b"\n")
        start = rng.randrange(len(lines))
        del lines[start: start + rng.randint(1, 3)]
        return b"\n".join(lines)
    if kind == 2:  # the file cut short
        return data[: rng.randrange(len(data))]
    at = rng.randrange(len(data) + 1)  # a special inserted, at a line's start or anywhere
    if kind == 3:
        at = data.rfind(b"\n", 0, at) + 1
    return data[:at] + rng.choice(SPECIALS).encode("utf-8") + data[at:]


def _assert_reported(problems, case: str) -> None:
    assert problems, case
    for problem in problems:
        assert problem.file.startswith("data/") and problem.line >= 1, (case, str(problem))
        assert not ENGLISH.search(problem.message), (case, str(problem))


def test_random_damage_gives_messages_with_file_and_line_never_a_crash(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    files = sorted(p for p in data.rglob("*") if p.suffix in (".yml", ".jpg") and p.name != "README.md")
    yaml_files = [p for p in files if p.suffix == ".yml"]
    rng = random.Random(14)
    memory, photos = Memory(), PhotoInspector(data, tmp_path / "cache")
    outcomes = {"passed": 0, "refused": 0}
    for n in range(1500):
        target = rng.choice(yaml_files if rng.random() < 0.9 else files)
        original = target.read_bytes()
        target.write_bytes(_mutate(original, rng))
        case = f"mutation {n} of {target.relative_to(tmp_path)}"
        try:
            if n % 25 == 0:  # the whole command now and then: its exit status and output
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    status = cli.main(["--project", str(tmp_path), "check", "--data", str(data)])
                assert status in (0, 1), case
                for line in err.getvalue().splitlines()[1:]:
                    assert re.match(r"^data/[^:]+:\d+: ", line) and not ENGLISH.search(line.split(": ", 1)[1]), (case, line)
            else:
                build_catalog(data, memory, inspect_photo=photos)
            outcomes["passed"] += 1
        except DataError as error:
            _assert_reported(error.problems, case)
            outcomes["refused"] += 1
        finally:
            target.write_bytes(original)
            memory.sweep()
    assert outcomes["refused"] > 700 and outcomes["passed"] > 50, outcomes  # both paths were exercised


@pytest.mark.parametrize("nesting", [
    "简介: " + "[" * 50_000,
    "简介: " + "{a: " * 50_000,
    "简介:\n" + "- " * 50_000 + "x",
    "简介:\n" + "".join(" " * i + "a:\n" for i in range(1, 1_500)),
])
def test_deep_nesting_is_a_message_not_a_segfault(tmp_path: Path, nesting: str) -> None:
    # In a child process: libyaml's composer recurses in C, and would take the test run down with it.
    data = tmp_path / "data"
    (data / "organizations").mkdir(parents=True)
    (data / "quarters.yml").write_text("季度主题:\n  - 季度: 2024-Q3\n    主题: 服务群众在一线\n", encoding="utf-8")
    (data / "organizations" / "nanmen.yml").write_text(f"名称: 南门小学党支部\n类型: 党支部\n分类: 学校\n{nesting}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "check", "--data", str(data)], capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, timeout=120,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert re.search(r"^data/organizations/nanmen.yml:\d+: 嵌套太深", result.stderr, re.M), result.stderr[-2000:]


def test_a_second_check_opens_no_photo(tmp_path: Path) -> None:
    photos = PhotoInspector(ROOT / "data", tmp_path)
    build_catalog(ROOT / "data", inspect_photo=photos)
    photos.save()
    assert photos.opened > 0
    again = PhotoInspector(ROOT / "data", tmp_path)
    build_catalog(ROOT / "data", inspect_photo=again)
    assert again.opened == 0 and again.verdicts == photos.verdicts


def test_a_pipe_named_yml_and_a_missing_data_folder_are_messages(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "data", data)
    os.mkfifo(data / "organizations" / "pipe.yml")  # reading it would block for ever
    with pytest.raises(DataError) as caught:
        build_catalog(data)
    assert [str(p) for p in caught.value.problems] == ["data/organizations/pipe.yml:1: 这个文件无法读取（不是普通文件，或没有读取权限）"]
    with pytest.raises(DataError) as caught:
        build_catalog(tmp_path / "nowhere")
    assert [p.message for p in caught.value.problems] == [f"找不到数据文件夹 {tmp_path / 'nowhere'}：请检查 mkdocs.yml 里的 data_dir 或 --data"]
