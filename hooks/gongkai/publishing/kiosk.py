"""The kiosk bundle: one zip a hall's staff can unpack and open from file://."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import yaml  # the kiosk profile is plain YAML (no MkDocs tags)

from gongkai.publishing.releases import MANIFEST

KIOSK_HOWTO = """公开栏 触摸屏离线版 使用说明

1. 把本压缩包解压到触摸屏电脑的任意文件夹（例如 D:\\公开栏）。
2. 用浏览器打开文件夹里的 index.html（建议设为开机自动全屏打开）。
   不需要联网，也不需要服务器。
3. 无人操作约 {idle} 秒后，页面回到首页并轮播最新图片和表彰；轻触屏幕即可继续浏览。
4. 更新内容：宣传办发来新的压缩包后，删除旧文件夹，解压新包即可。

如页面打不开，请联系镇党委宣传办。
"""


# What only a web server shows: from file:// nothing opens 404.html, and its links start at site_url's path
# (/gongkai/…), which a folder on the screen's disk has not; the kiosk's idle timer would not load there either.
SERVER_ONLY = {"404.html"}


def package_kiosk(site: Path, zip_path: Path, idle_seconds: int) -> Path:
    """The site in a folder, and a how-to; written beside the target and renamed, so never half a zip."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_name(f".{zip_path.name}.{os.getpid()}.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("使用说明.txt", KIOSK_HOWTO.format(idle=idle_seconds))
        for path in sorted(site.rglob("*")):
            if path.is_file() and path.name != MANIFEST and path.relative_to(site).as_posix() not in SERVER_ONLY:
                bundle.write(path, "公开栏/" + path.relative_to(site).as_posix())
    os.replace(partial, zip_path)
    return zip_path


def idle_seconds(project_dir: Path) -> int:
    config = yaml.safe_load((project_dir / "mkdocs.kiosk.yml").read_text(encoding="utf-8"))
    return int(((config.get("extra") or {}).get("kiosk") or {}).get("idle_seconds", 90))
