"""One publisher at a time, stops that clean up, and the sweep of what a killed run left behind.

The lock is flock(2) on the releases folder itself: the kernel drops it when its holder dies,
however it dies, so a lock is never stale. Whoever holds it is the only run alive in that
folder, so every staging folder found then belongs to a run that is gone.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

BUSY = 3  # exit status of `--no-wait` when another run holds the lock
LEFTOVERS = ("*.building", "*.pruning")  # staging folders, and releases renamed out to be deleted


class Busy(Exception):
    """Another publish (or rollback) holds the lock and we were told not to wait."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP reached gongkai; raised like KeyboardInterrupt so every `finally` runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def exclusive(folder: Path, wait: bool = True, what: str = "发布") -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)  # not inherited by the engine
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise Busy(f"{folder} 正被另一个 gongkai 命令使用（发布、退回或生成），本次{what}未进行：请稍后再试，或去掉 --no-wait 排队等候。") from None
            print(f"{folder} 正被另一个 gongkai 命令使用（发布、退回或生成），等它结束后再{what}……", file=sys.stderr, flush=True)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


@contextmanager
def stoppable() -> Iterator[None]:
    """SIGTERM and SIGHUP become `Stopped` here (Ctrl-C is KeyboardInterrupt already)."""
    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_stoppable(run: Callable[[], int], unchanged: str) -> int:
    """Ctrl-C, SIGTERM or SIGHUP: the engine stopped, staging removed (by `finally`), a Chinese line, no traceback."""
    try:
        with stoppable():
            return run()
    except (Stopped, KeyboardInterrupt) as stop:
        print(f"已中止（收到停止信号）。{unchanged}", file=sys.stderr)
        return 128 + (stop.signum if isinstance(stop, Stopped) else signal.SIGINT)


def sweep(folder: Path, patterns: tuple[str, ...] = LEFTOVERS) -> list[str]:
    """Remove what killed runs left in `folder` (call it holding the lock); the names removed."""
    removed = []
    for pattern in patterns:
        for path in sorted(folder.glob(pattern)):
            _stop_writers(path)
            if path.is_symlink() or not path.is_dir():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def _stop_writers(path: Path) -> None:
    """Kill engine processes still writing into a stale staging folder: its path is on their command line.

    A killed gongkai takes its engine along (parent-death signal), but workers the engine forked
    can outlive it; this is their last stop. Linux /proc only; elsewhere nothing to do.
    """
    needle = os.fsencode(str(path))
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (proc / "cmdline").read_bytes().split(b"\0") and int(proc.name) != os.getpid():
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue
