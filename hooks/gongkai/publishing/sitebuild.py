"""`gongkai build`, atomic: build beside site/, check, and only then swap it in.

MkDocs empties its site_dir before it renders, so a build that fails half-way (a truncated
photo fails at the very end) used to leave a site/ with a fraction of its files. Here the
engine writes to a hidden sibling; site/ changes only by one exchange of two names, and a
failed or stopped build leaves it byte for byte as it was.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from gongkai.generator import engine
from gongkai.publishing import guard
from gongkai.publishing.verify import missing_pages


def build_command(project: Path, config_file: str = "mkdocs.yml", engine_name: str | None = None) -> int:
    site = site_dir(project, config_file)
    return guard.run_stoppable(lambda: _build(project, config_file, engine_name, site), f"{site.name}/ 保持不变。")


def _build(project: Path, config_file: str, engine_name: str | None, site: Path) -> int:
    # Staging folders, swapped-out sites and (engine-side) the old files a stopped build had moved aside.
    leftovers = (f".{site.name}.*.building", f".{site.name}.*.old", f"..{site.name}.*.building.clearing-*")
    with guard.exclusive(site.parent, what="生成"):
        _recover(site)
        guard.sweep(site.parent, leftovers)
        staging = _staging(site)
        try:
            status = engine.run("build", project, config_file=config_file, engine=engine_name, site_dir=staging)
            findings = missing_pages(staging) if status == 0 else []
            if status != 0 or findings:
                lines = [*map(str, findings), f"生成失败，{site.name}/ 保持不变（仍是上一次成功生成的内容）。"]
                print("\n".join(lines), file=sys.stderr)
                return 1
            old = _swap_in(staging, site)
            if old is not None:
                _keep_spare(old, site)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    print(f"已生成：{site}")
    return 0


def site_dir(project: Path, config_file: str) -> Path:
    """site_dir of the config (following INHERIT), relative to the config file as MkDocs reads it."""
    path = project / config_file
    config = _read(path)
    seen = {path}
    while "site_dir" not in config and config.get("INHERIT"):
        parent = (path.parent / str(config["INHERIT"])).resolve()
        if parent in seen:
            break
        seen.add(parent)
        config = _read(parent)
    return ((project / config_file).parent / str(config.get("site_dir") or "site")).resolve()


def _staging(site: Path) -> Path:
    """A new staging folder: the spare (the site before last) renamed, else an empty one.

    Why the spare: a build into it takes back its record-page folders (render/reuse.py)
    instead of making 25,000 folders again, seconds of a district's everyday build."""
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.{os.getpid()}.", suffix=".building", dir=site.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; site/ is read by others
    spare = _spare(site)
    if spare.is_dir() and not spare.is_symlink():
        staging.rmdir()
        spare.rename(staging)
    return staging


def _keep_spare(old: Path, site: Path) -> None:
    """The site just swapped out becomes the spare for the next build (one at most)."""
    spare = _spare(site)
    shutil.rmtree(spare, ignore_errors=True)
    try:
        old.rename(spare)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)


def _spare(site: Path) -> Path:
    return site.parent / f".{site.name}.spare"


def _swap_in(new: Path, site: Path) -> Path | None:
    """Put `new` where `site` is; return where the old site now is (to delete), or None."""
    if not site.exists():
        new.rename(site)
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}.{os.getpid()}.", suffix=".old", dir=site.parent))
    old.rmdir()
    if _exchange(new, site):
        new.rename(old)
        return old
    site.rename(old)  # no exchange on this system: a moment without site/, which _recover mends
    new.rename(site)
    return old


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): swap two names in one step (Linux 3.15+, glibc 2.28+)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None) if sys.platform.startswith("linux") else None
    if renameat2 is None:
        return False
    at_cwd, exchange = -100, 2
    return renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0


def _recover(site: Path) -> None:
    """A build killed between the two renames of the fallback swap: the old site back in place."""
    olds = sorted(site.parent.glob(f".{site.name}.*.old"), key=lambda p: p.stat().st_mtime)
    if not site.exists() and olds:
        olds[-1].rename(site)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may carry engine tags (!ENV, !!python/name:…); only site_dir and INHERIT matter here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _read(path: Path) -> dict:
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}
