"""Shared test helpers: paths, and building a site into a temporary folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "valid" / "data"


def write_config(folder: Path, data_dir: Path, overrides: dict | None = None, kiosk: bool = False, **extra_gongkai) -> Path:
    """A copy of mkdocs.yml (or the kiosk profile) with absolute paths, reading `data_dir`."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if kiosk:  # what INHERIT does: the profile's keys over the base, `extra` merged
        profile = yaml.safe_load((ROOT / "mkdocs.kiosk.yml").read_text(encoding="utf-8"))
        profile.pop("INHERIT")
        extra = {**config["extra"], **profile.pop("extra")}
        config.update(profile, extra=extra)
    config["docs_dir"] = str(ROOT / "docs")
    if data_dir.resolve() != (ROOT / "data").resolve():
        # The shipped briefings link records of the demo town; other data gets the docs without them.
        shutil.copytree(ROOT / "docs", folder / "docs", ignore=shutil.ignore_patterns("jianbao"), dirs_exist_ok=True)
        config["docs_dir"] = str(folder / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    config["watch"] = [str(ROOT / w) for w in config.get("watch", [])]
    config.setdefault("extra", {}).setdefault("gongkai", {})
    config["extra"]["gongkai"].update(data_dir=str(data_dir), cache_dir=str(folder / ".cache"), **extra_gongkai)
    for key, value in (overrides or {}).items():
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}  # e.g. overrides={"extra": {"kiosk": {...}}}
        else:
            config[key] = value
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build_site(folder: Path, data_dir: Path, site_dir: Path | None = None, overrides: dict | None = None, kiosk: bool = False,
               engine: str = "mkdocs", **extra_gongkai) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` (or properdocs) in a subprocess, as a clerk would; site goes to folder/site."""
    config = write_config(folder, data_dir, overrides, kiosk, **extra_gongkai)
    site = site_dir or folder / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=folder,
    )


def cached_build(folder: Path, data_dir: Path, cache_from: Path | None = None, overrides: dict | None = None,
                 **extra_gongkai) -> str:
    """build_site with as_of 2024-12-31 and the cache in folder/.cache, seeded from cache_from/.cache; its log."""
    if cache_from is not None:
        shutil.copytree(cache_from / ".cache", folder / ".cache")
    result = build_site(folder, data_dir, overrides=overrides, **{"as_of": "2024-12-31", **extra_gongkai})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def site_pages(catalog, as_of: date = date(2024, 12, 31)) -> set[str]:
    """The built file of every generated page, as the build plans them (default settings)."""
    from gongkai.plan.site import plan_site
    from gongkai.plan.stats import StatsBook

    return plan_site(catalog, StatsBook(catalog, as_of), [], 1000, 300).destinations()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo town built once per test session (as of 2024-12-31), for every test that only reads it."""
    folder = tmp_path_factory.mktemp("demo")
    result = build_site(folder, ROOT / "data", as_of="2024-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"
