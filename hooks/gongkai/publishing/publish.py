"""Atomic publishing: build into a new release, verify it, then swap a symlink.

The web server (or the kiosk) reads `site-live`, a symlink to one folder under releases/; a new
release replaces it with one rename, and the previous releases stay for `rollback`. One run at
a time holds the releases folder (guard.py); what a killed run left is swept by the next one.
At every instant the live site is one release that matched its manifest (releases.py).
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from gongkai.common import variables
from gongkai.generator import engine
from gongkai.publishing import faults, guard, releases, verify
from gongkai.publishing.kiosk import idle_seconds, package_kiosk

__all__ = ["package_kiosk", "publish", "publish_command", "releases_command", "rollback", "rollback_command"]
UNCHANGED = "已发布的网站保持不变。"


def publish(project_dir: Path, config_file: str = "mkdocs.yml", releases_dir: Path | None = None, live_link: Path | None = None,
            engine_name: str | None = None, wait: bool = True, scope: str | None = None) -> int:
    """Build, verify and swap in a release; 0 on success. On failure the live site is untouched.

    scope: one organization's id: the site of it and everything under it (records/scope.py).
    """
    releases_dir = releases_dir or project_dir / "releases"
    live_link = live_link or project_dir / "site-live"
    if live_link.exists() and not live_link.is_symlink():
        print(f"{live_link} 已存在且不是符号链接，请先改名后再发布。", file=sys.stderr)
        return 2
    try:
        with guard.exclusive(releases_dir, wait):
            _sweep(releases_dir, live_link)
            return _publish_locked(project_dir, config_file, releases_dir, live_link, engine_name, scope)
    except guard.Busy as busy:
        print(busy, file=sys.stderr)
        return guard.BUSY
    except engine.EngineError as error:
        print(f"{error}\n{UNCHANGED}", file=sys.stderr)
        return 2


def _publish_locked(project_dir: Path, config_file: str, releases_dir: Path, live_link: Path, engine_name: str | None,
                    scope: str | None) -> int:
    name = releases.new_name(releases_dir)
    # Unique per run, and named for the release it will become: `<name>.<pid>.<random>.building`.
    staging = Path(tempfile.mkdtemp(prefix=f"{name}.{os.getpid()}.", suffix=".building", dir=releases_dir))
    staging.chmod(0o755)  # mkdtemp makes it private; the web server must read the release
    try:
        faults.during_build(staging)
        env = {variables.SCOPE: scope} if scope else None
        if engine.run("build", project_dir, env, config_file=config_file, engine=engine_name, site_dir=staging) != 0:
            print("生成失败，" + UNCHANGED, file=sys.stderr)
            return 1
        faults.reached("after-build")
        files, checked = releases.digests(staging), verify.stamp(staging)
        # A file the live release carried byte for byte, checked by this code, is not scanned again.
        trusted = releases.checked_files(live_link, checked)
        findings = verify.check_site(staging, files, trusted)
        if findings:
            print("核验未通过，" + UNCHANGED + "\n" + "\n".join(map(str, findings)), file=sys.stderr)
            return 1
        releases.write_manifest(staging, files, checked)  # last: a folder with a whole manifest is a finished release
        release = staging.rename(releases_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # already gone once renamed
    faults.reached("rename")
    checked = releases.inspect(release)
    if not checked.verified:
        print(f"新版本 {name} 与清单不符（{checked.problems[0]}），{UNCHANGED}", file=sys.stderr)
        return 1
    releases.point(live_link, release)
    faults.reached("swap")
    releases.prune(releases_dir, live=release)
    print(f"已发布：{live_link} → {release.name}（{checked.pages} 个页面）")
    return 0


def rollback(releases_dir: Path, live_link: Path, to: str | None = None, wait: bool = True) -> int:
    """Point the live link at the release before the live one (or the one named `to`), if it is whole."""
    try:
        with guard.exclusive(releases_dir, wait, what="退回"):
            return _rollback_locked(releases_dir, live_link, to)
    except guard.Busy as busy:
        print(busy, file=sys.stderr)
        return guard.BUSY


def _rollback_locked(releases_dir: Path, live_link: Path, to: str | None) -> int:
    listed = releases.listed(releases_dir)
    current = releases.live_target(live_link)
    if to is not None:
        candidates = [p for p in listed if p.name == to]
        if not candidates:
            print(f"没有名为 {to} 的版本（gongkai releases 列出全部版本）。", file=sys.stderr)
            return 1
        if candidates[0] == current:
            print(f"{to} 已经是正在使用的版本。")
            return 0
    else:
        candidates = [p for p in reversed(listed) if current is None or p.name < current.name]
    for path in candidates:
        release = releases.inspect(path)
        if release.verified:
            releases.point(live_link, path)
            print(f"已退回：{live_link} → {path.name}（{release.pages} 个页面）")
            return 0
        print(f"跳过 {path.name}：{_state(release)}，不会让它上线。", file=sys.stderr)
    print(f"{'不能换到 ' + to if to else '没有可以退回的完好版本'}，正在使用的版本保持不变。", file=sys.stderr)
    return 1


def list_releases(releases_dir: Path, live_link: Path) -> int:
    listed = releases.listed(releases_dir)
    if not listed:
        print(f"{releases_dir} 里还没有发布过的版本。")
        return 0
    current = releases.live_target(live_link)
    print("版本                  发布时间              页面数  状态")
    for path in listed:
        release = releases.inspect(path)
        print(f"{path.name:<20}  {release.created or '—':<20}  {release.pages:>6}  {_state(release)}{'  ← 正在使用' if path == current else ''}")
    return 0


def _state(release: releases.Release) -> str:
    if release.verified:
        return "完好"
    more = f"等 {len(release.problems)} 处" if len(release.problems) > 1 else ""
    return f"损坏（{release.problems[0]}{more}）"


def _sweep(releases_dir: Path, live_link: Path) -> None:
    removed = guard.sweep(releases_dir) + guard.sweep(live_link.parent, (f".{live_link.name}.*",))
    if removed:
        print(f"已清理中断的发布留下的 {len(removed)} 项：{'、'.join(removed)}", file=sys.stderr)


def _target(project_dir: Path, kiosk: bool, scope: str | None = None) -> tuple[str, Path, Path]:
    """(config file, releases folder, live link) of the intranet site, the kiosk or one area's kiosk."""
    if kiosk:  # each area's kiosk has releases of its own: publishing one never replaces another
        area = f"-{scope}" if scope else ""
        return "mkdocs.kiosk.yml", project_dir / f"releases-kiosk{area}", project_dir / f"kiosk{area}-live"
    return "mkdocs.yml", project_dir / "releases", project_dir / "site-live"


def publish_command(project_dir: Path, kiosk: bool = False, engine_name: str | None = None, wait: bool = True,
                    scope: str | None = None) -> int:
    config_file, releases_dir, live_link = _target(project_dir, kiosk, scope)

    def run() -> int:
        status = publish(project_dir, config_file, releases_dir, live_link, engine_name, wait, scope)
        if status == 0 and kiosk:
            area = f"{scope}-" if scope else ""
            bundle = project_dir / "dist" / f"公开栏-触摸屏版-{area}{time.strftime('%Y%m%d')}.zip"
            with guard.exclusive(releases_dir):  # no other run prunes the release while it is zipped
                print(f"触摸屏离线包：{package_kiosk(live_link.resolve(), bundle, idle_seconds(project_dir))}")
        return status

    return guard.run_stoppable(run, UNCHANGED)


def rollback_command(project_dir: Path, kiosk: bool = False, to: str | None = None, wait: bool = True, scope: str | None = None) -> int:
    _, releases_dir, live_link = _target(project_dir, kiosk, scope)
    return guard.run_stoppable(lambda: rollback(releases_dir, live_link, to, wait), UNCHANGED)


def releases_command(project_dir: Path, kiosk: bool = False, scope: str | None = None) -> int:
    _, releases_dir, live_link = _target(project_dir, kiosk, scope)
    return list_releases(releases_dir, live_link)
