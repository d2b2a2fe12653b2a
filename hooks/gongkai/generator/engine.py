"""The one place that runs the engine: `python -m mkdocs` or `python -m properdocs`.

MkDocs 1.x is unmaintained and Material for MkDocs is in maintenance until
2027-05; ProperDocs (by MkDocs' former maintainers) runs the same mkdocs.yml,
hooks and theme. Both are driven the same way, so the choice is one word.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

ENGINES = ("mkdocs", "properdocs")


class EngineError(Exception):
    """The chosen engine is not installed; the message is for the clerk."""


def installed() -> list[str]:
    return [name for name in ENGINES if importlib.util.find_spec(name) is not None]


def choose(name: Optional[str] = None) -> str:
    """The engine to run: the one asked for, else the first installed (MkDocs first)."""
    have = installed()
    if name is not None:
        if name not in ENGINES:
            raise EngineError(f"不认识的生成引擎「{name}」，可选：{'、'.join(ENGINES)}")
        if name not in have:
            raise EngineError(f"生成引擎 {name} 没有安装：请运行 bash scripts/setup.sh")
        return name
    if not have:
        raise EngineError("没有安装 MkDocs 或 ProperDocs：请运行 bash scripts/setup.sh")
    return have[0]


def command(
    action: str,
    config_file: str = "mkdocs.yml",
    engine: Optional[str] = None,
    site_dir: Optional[Path] = None,
    dev_addr: Optional[str] = None,
) -> list[str]:
    """The argument list for `build` (strict) or `serve` (dirty: unchanged record pages stay on disk)."""
    args = [sys.executable, "-m", choose(engine), action, "-f", config_file]
    if action == "build":
        args.append("--strict")
        if site_dir is not None:
            args += ["-d", str(site_dir)]
    else:
        args.append("--dirty")
        if dev_addr:
            args += ["-a", dev_addr]
    return args


def environment() -> dict[str, str]:
    # Both engines print a banner about MkDocs 2.0 unless told not to; our README says why we run both.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run(action: str, project: Path, **options) -> int:
    """Run the engine in `project` and return its exit status."""
    return subprocess.call(command(action, **options), cwd=project, env=environment())
