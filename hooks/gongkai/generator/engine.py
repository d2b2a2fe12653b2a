"""The one place that runs the engine: `python -m mkdocs` or `python -m properdocs`.

MkDocs 1.x is unmaintained and Material for MkDocs is in maintenance until
2027-05; ProperDocs (by MkDocs' former maintainers) runs the same mkdocs.yml,
hooks and theme. Both are driven the same way, so the choice is one word.
"""
from __future__ import annotations

import ctypes
import functools
import importlib.util
import os
import signal
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


def environment(extra: Optional[dict[str, str]] = None) -> dict[str, str]:
    # Both engines print a banner about MkDocs 2.0 unless told not to; our README says why we run both.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(extra or {})}


def run(action: str, project: Path, env: Optional[dict[str, str]] = None, **options) -> int:
    """Run the engine in `project` and return its exit status.

    A build runs in a process group of its own: whatever stops gongkai (Ctrl-C, or SIGTERM and a
    closed terminal's SIGHUP, which the publishing commands turn into exceptions) stops the engine
    and every worker it forked; a SIGKILL of gongkai stops the engine by the parent-death signal.
    env: variables for the engine's process besides ours (common/variables.py).
    """
    if action != "build":
        return subprocess.call(command(action, **options), cwd=project, env=environment(env))
    child = subprocess.Popen(command(action, **options), cwd=project, env=environment(env), process_group=0,
                             preexec_fn=functools.partial(_die_with_parent, os.getpid()))
    try:
        return child.wait()
    except BaseException:
        _stop(child)
        raise


def _die_with_parent(parent: int) -> None:
    """Runs in the engine before it starts: SIGKILL when gongkai dies (Linux; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        if os.getppid() != parent:  # gongkai died before the line above ran
            os._exit(1)


def _stop(child: subprocess.Popen) -> None:
    try:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(5)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    try:
        os.killpg(child.pid, signal.SIGKILL)  # an engine that did not stop, and workers that outlived it
    except ProcessLookupError:
        pass
    child.wait()
