"""Fault injection for the tests: GONGKAI_FAULT=<step> kills gongkai with SIGKILL at that step.

A kill can come at any moment (a closed terminal, a power cut, an operator's kill -9); the tests
use these steps to prove that after each one the live site is still one complete, verified
release. Unset (always, outside the tests), every call here does nothing.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

VARIABLE = "GONGKAI_FAULT"
STEPS = ("build", "after-build", "check", "rename", "swap", "prune")


def armed(step: str) -> bool:
    return os.environ.get(VARIABLE) == step


def reached(step: str, half_delete: Path | None = None) -> None:
    """Die here if this is the step asked for; `half_delete` first removes half of a folder's files."""
    if not armed(step):
        return
    if half_delete is not None:
        files = sorted(p for p in half_delete.rglob("*") if p.is_file())
        for path in files[: len(files) // 2]:
            path.unlink()
    os.kill(os.getpid(), signal.SIGKILL)


def during_build(staging: Path) -> None:
    """For step "build": die as soon as the engine has written its first page into `staging`."""
    if not armed("build"):
        return

    def watch() -> None:
        while True:
            try:
                if any(staging.rglob("*.html")):
                    reached("build")
            except OSError:  # the engine empties the folder first: a walk may meet a file going away
                pass
            time.sleep(0.01)

    threading.Thread(target=watch, daemon=True).start()
