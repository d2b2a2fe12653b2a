"""Emptying the old site folder beside the build instead of before it.

Why: MkDocs empties site_dir before it renders (every entry but dot-files).
A district site is 33,000 files and 1.6 GB: deleting them took 4 s of a 37 s
everyday build, on the build's own time. Here the old entries are moved, by a
rename each, into a hidden sibling folder; the engine then finds site_dir
already empty. The record pages take back the old folders that hold them (a
rename each: render/reuse.py), and a child process deletes the rest while the
search index and open data are written. A stopped build leaves that folder
behind, and the next build deletes it too.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

# At the lowest priority: on two cores it otherwise takes a core from the page workers while they write.
_DELETE = "import os, shutil, sys\nos.nice(19)\nfor path in sys.argv[1:]: shutil.rmtree(path, ignore_errors=True)"


class Clearing:
    """One build's clearing of its site folder: only a clean build's (a dirty one or the preview keeps it)."""

    def __init__(self, clean: bool):
        self.clean = clean
        self.aside: Optional[Path] = None  # the last build's files, until the record pages took theirs back
        self._leftovers: list[Path] = []
        self.child: Optional[subprocess.Popen] = None

    def start(self, site_dir: str) -> None:
        if self.clean:
            self.aside, self._leftovers = move_aside(Path(site_dir))

    def release(self) -> None:
        """What the record pages did not take back is deleted now, beside the rest of the build."""
        folders = [str(p) for p in (self.aside, *self._leftovers) if p is not None and p.is_dir()]
        self.aside, self._leftovers = None, []
        if folders and self.child is None:
            # Its own session: Ctrl-C on the build stops the build, not the deleting of files nobody needs.
            self.child = subprocess.Popen([sys.executable, "-c", _DELETE, *folders], stdin=subprocess.DEVNULL, start_new_session=True)

    def wait(self) -> None:
        """The old files are gone before the build says it is done (nothing half-deleted outlives it)."""
        self.release()
        if self.child is not None:
            self.child.wait()


def move_aside(site_dir: Path) -> tuple[Optional[Path], list[Path]]:
    """Move site_dir's entries (but dot-files, as the engine keeps them) aside; that folder and stopped builds' leftovers."""
    if not site_dir.is_dir():
        return None, []
    aside = site_dir.parent / f".{site_dir.name}.clearing-{os.getpid()}"
    leftovers = [p for p in site_dir.parent.glob(f".{site_dir.name}.clearing-*") if p != aside]
    with os.scandir(site_dir) as entries:
        if all(entry.name.startswith(".") for entry in entries):
            return None, leftovers  # a new staging folder: nothing to keep aside while the engine builds
    try:
        aside.mkdir(exist_ok=True)
        for entry in os.scandir(site_dir):
            if not entry.name.startswith("."):
                os.rename(entry.path, aside / entry.name)
    except OSError:
        pass  # a read-only parent, another file system: what is left, the engine deletes itself
    return (aside if aside.is_dir() else None), leftovers
