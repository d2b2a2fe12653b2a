#!/usr/bin/env python3
"""How big a hall's kiosk zip is: the whole site against one area's (`publish --kiosk --scope ORG`).

    .venv/bin/python tools/bench_kiosk_zip.py                       # the demo town (with its photos)
    .venv/bin/python tools/bench_kiosk_zip.py --size district --keep /tmp/kz

Copies this project around the records (the demo town's data/, or a generated dataset without
photos), runs `gongkai publish --kiosk` once for the whole site and once per scope, and reports
each zip's size, its file and page count and the publish time. The default scopes are the root's first
child with organizations under it (a 街道/乡镇 in a district, a 党总支 in the demo town) and its first child.
This is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import generate_data  # noqa: E402
from bench_scale import ROOT, gongkai_project  # noqa: E402  the same copy of this project as the benchmark's
from gongkai.records.catalog import build_catalog  # noqa: E402

BUNDLE = re.compile(r"触摸屏离线包：(.+\.zip)")  # the line publish --kiosk prints last


def project_copy(work: Path, demo: bool) -> Path:
    """This project's code and pages around `work/data`, with the kiosk profile; returns the data folder."""
    data = work / "data"
    if demo:
        shutil.copytree(ROOT / "data", data)
    gongkai_project(work, data)
    shutil.copy2(ROOT / "mkdocs.kiosk.yml", work / "mkdocs.kiosk.yml")
    if demo:  # the demo's briefings cite its own records, so they stay
        shutil.copytree(ROOT / "docs" / "jianbao", work / "docs" / "jianbao")
    return data


def default_scopes(data: Path) -> list[str]:
    """The root's first child that has organizations under it (a town; in the demo town, a 党总支) and its first child."""
    catalog = build_catalog(data).publishable()
    root = catalog.roots()[0]
    area = next((i for i in catalog.children.get(root, []) if catalog.children.get(i)), root)
    return [area, catalog.children[area][0]] if catalog.children.get(area) else [area]


def publish(work: Path, scope: str | None) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(work / "hooks"), os.environ.get("PYTHONPATH", "")]),
           "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "gongkai", "--project", str(work), "publish", "--kiosk", "--no-wait"]
    command += ["--scope", scope] if scope else []
    started = time.perf_counter()
    run = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode:
        raise SystemExit(f"publish --kiosk {scope or ''} failed:\n{run.stderr[-3000:]}")
    bundle = Path(BUNDLE.search(run.stdout).group(1))
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        unpacked = sum(info.file_size for info in archive.infolist())
    return {"scope": scope or "（全部）", "zip": bundle.name, "zip_mb": round(bundle.stat().st_size / 1e6, 1),
            "unpacked_mb": round(unpacked / 1e6, 1), "files": len(names),
            "pages": sum(n.endswith(".html") for n in names), "publish_s": round(seconds, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=("demo", "county", "district"), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scope", action="append", help="an organization id (repeatable); default: a town and a village")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="gongkai-kiosk-zip-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        if args.size != "demo":
            print(f"[{args.size}] {generate_data.generate(args.size, args.seed, work / 'data', photos=False)}", flush=True)
        data = project_copy(work, demo=args.size == "demo")
        scopes = args.scope or default_scopes(data)
        results = []
        for scope in (None, *scopes):
            results.append(publish(work, scope))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
