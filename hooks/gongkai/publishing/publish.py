"""Atomic publishing: build into a new release, verify it, then swap a symlink.

MkDocs empties site/ before it renders, so building in place leaves a broken
or empty site whenever a build fails, and a window with missing pages even
when it succeeds. Here the web server (or the kiosk) reads `site-live`, a
symlink to one folder under releases/; a new release replaces it with one
rename, and the previous releases stay for `rollback`.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
import zipfile
from pathlib import Path

from gongkai.generator import engine
from gongkai.publishing.verify import check_site

KEEP = 5
KIOSK_HOWTO = """公开栏 触摸屏离线版 使用说明

1. 把本压缩包解压到触摸屏电脑的任意文件夹（例如 D:\\公开栏）。
2. 用浏览器打开文件夹里的 index.html（建议设为开机自动全屏打开）。
   不需要联网，也不需要服务器。
3. 无人操作约 {idle} 秒后，页面回到首页并轮播最新图片和表彰；轻触屏幕即可继续浏览。
4. 更新内容：宣传办发来新的压缩包后，删除旧文件夹，解压新包即可。

如页面打不开，请联系镇党委宣传办。
"""


def publish(
    project_dir: Path, config_file: str = "mkdocs.yml", releases_dir: Path | None = None, live_link: Path | None = None, engine_name: str | None = None
) -> int:
    """Build, verify and swap in a release; 0 on success. On failure the live site is untouched."""
    releases_dir = releases_dir or project_dir / "releases"
    live_link = live_link or project_dir / "site-live"
    if live_link.exists() and not live_link.is_symlink():
        print(f"{live_link} 已存在且不是符号链接，请先改名后再发布。", file=sys.stderr)
        return 2
    release = releases_dir / time.strftime("%Y%m%d-%H%M%S")
    while release.exists():
        release = release.with_name(release.name + "-1")
    staging = release.with_name(release.name + ".building")
    releases_dir.mkdir(parents=True, exist_ok=True)
    built = engine.run("build", project_dir, config_file=config_file, engine=engine_name, site_dir=staging)
    if built != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("生成失败，已发布的网站保持不变。", file=sys.stderr)
        return 1
    findings = check_site(staging)
    if findings:
        shutil.rmtree(staging, ignore_errors=True)
        print("核验未通过，已发布的网站保持不变：\n" + "\n".join(map(str, findings)), file=sys.stderr)
        return 1
    staging.rename(release)
    _point(live_link, release)
    _prune(releases_dir, keep=release)
    print(f"已发布：{live_link} → {release.name}")
    return 0


def rollback(releases_dir: Path, live_link: Path) -> int:
    releases = _releases(releases_dir)
    current = live_link.resolve() if live_link.is_symlink() else None
    older = [r for r in releases if current is None or r.name < current.name]
    if not older:
        print("没有更早的版本可以退回。", file=sys.stderr)
        return 1
    _point(live_link, older[-1])
    print(f"已退回：{live_link} → {older[-1].name}")
    return 0


def package_kiosk(site: Path, zip_path: Path, idle_seconds: int) -> Path:
    """One zip a hall's staff can unpack and open: the site in a folder, and a how-to."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("使用说明.txt", KIOSK_HOWTO.format(idle=idle_seconds))
        for path in sorted(site.rglob("*")):
            if path.is_file():
                bundle.write(path, "公开栏/" + path.relative_to(site).as_posix())
    return zip_path


def publish_command(project_dir: Path, kiosk: bool = False, engine_name: str | None = None) -> int:
    if not kiosk:
        return publish(project_dir, engine_name=engine_name)
    status = publish(project_dir, "mkdocs.kiosk.yml", project_dir / "releases-kiosk", project_dir / "kiosk-live", engine_name)
    if status == 0:
        idle = _kiosk_idle(project_dir)
        path = package_kiosk((project_dir / "kiosk-live").resolve(), project_dir / "dist" / f"公开栏-触摸屏版-{time.strftime('%Y%m%d')}.zip", idle)
        print(f"触摸屏离线包：{path}")
    return status


def rollback_command(project_dir: Path) -> int:
    return rollback(project_dir / "releases", project_dir / "site-live")


def _point(link: Path, target: Path) -> None:
    temporary = link.with_name(f".{link.name}.{os.getpid()}")
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(os.path.relpath(target, link.parent))
    os.replace(temporary, link)  # one rename: readers see the old site or the new, never a mix


def _releases(releases_dir: Path) -> list[Path]:
    return sorted(p for p in releases_dir.iterdir() if p.is_dir() and not p.name.endswith(".building")) if releases_dir.is_dir() else []


def _prune(releases_dir: Path, keep: Path) -> None:
    for old in _releases(releases_dir)[:-KEEP]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def _kiosk_idle(project_dir: Path) -> int:
    import yaml  # the kiosk config is plain YAML (no MkDocs tags)

    config = yaml.safe_load((project_dir / "mkdocs.kiosk.yml").read_text(encoding="utf-8"))
    return int(((config.get("extra") or {}).get("kiosk") or {}).get("idle_seconds", 90))
