#!/usr/bin/env python3
"""How long a resident waits, from the input event to the first results drawn; and what search loads.

    .venv/bin/python tools/bench_search.py --sizes town,county,district --keep /tmp/sb --json out.json
    .venv/bin/python tools/bench_search.py --site site-kiosk/ 路灯 蔡福生      # an existing build only

For each size: generates data (tools/generate_data.py, no photos), builds the
kiosk profile (mkdocs.kiosk.yml over the generated data) and a stock Material
site of the same records (bench_baselines.stock_material). In headless Chromium
(Debian's /usr/bin/chromium), on a fresh page per query and way of entering it,
with the page loaded and the search box focused, it times inside the page
(performance.now(), a MutationObserver on `.md-search-result__list`) from the
input event that completes the query to the first `li` drawn after it:

- typed: Playwright's keyboard.type (key events; Chinese arrives as insertText), then End
  (stock Material searches on keyup);
- paste: the value set and an `input` event (insertFromPaste), no key events;
- ime: compositionstart, the value, `input` (isComposing), compositionend — no key events.

Ours from file:// (the kiosk folder as the hall's screen opens it) and over
loopback HTTP; Material over loopback (its worker cannot load from file://),
and also from page load as before (first_results). Bytes per query: the
search files (search/*, Material's worker) the page requested for that query,
summed from the files on disk. This is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from screenshots import ARGS, CHROMIUM  # noqa: E402  the same Debian Chromium and flags

MODES = ("typed", "paste", "ime")
TIMEOUT_MS = 15000
# Installed once per page: notes every input event's time and resolves at the first result drawn after the last one.
WATCH = """() => { const list = document.querySelector('.md-search-result__list'), box = document.querySelector('input.md-search__input');
  window.__bench = { last: null, drawn: null };
  box.addEventListener('input', () => { window.__bench.last = performance.now(); window.__bench.drawn = null; }, true);
  new MutationObserver(() => { const b = window.__bench;
    if (b.last !== null && b.drawn === null && list.querySelector('li')) b.drawn = performance.now() - b.last; })
    .observe(list, { childList: true, subtree: true }); }"""
PASTE = """q => { const box = document.querySelector('input.md-search__input'); box.value = q;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: q })); }"""
IME = """q => { const box = document.querySelector('input.md-search__input');
  box.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' })); box.value = q;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertCompositionText', data: q, isComposing: true }));
  box.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: q })); }"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _search_file(url: str, root: str, site: Path):
    """The file on disk a search request fetched (ours: search/*; Material: search/* and its worker), or None."""
    if not url.startswith(root):
        return None
    rel = url[len(root):].split("?")[0].split("#")[0]
    if rel.startswith("search/") or "/workers/search" in rel:
        path = site / rel
        return path if path.is_file() else None
    return None


def input_to_results(browser, site: Path, root: str, query: str, mode: str, timeout_ms: int = TIMEOUT_MS) -> dict:
    """One fresh page: loaded, box focused, the query entered one way; ms from its input event to results, bytes loaded."""
    from urllib.parse import unquote

    page = browser.new_page(viewport={"width": 1080, "height": 1920})
    loaded: set[Path] = set()
    page.on("request", lambda r: (lambda p: p and loaded.add(p))(_search_file(unquote(r.url), root, site)))
    try:
        page.goto(root + "index.html")
        page.wait_for_load_state("load")
        page.evaluate(WATCH)
        page.locator("label.md-search__icon, .md-search__input").first.click()
        if mode == "typed":
            page.keyboard.type(query)
            page.keyboard.press("End")
        else:
            page.evaluate(PASTE if mode == "paste" else IME, query)
        try:
            page.wait_for_function("window.__bench.drawn !== null", timeout=timeout_ms, polling=20)
            ms = round(page.evaluate("window.__bench.drawn"), 1)
        except Exception:
            ms = None  # no results drawn within the timeout
        page.wait_for_timeout(50)  # the requests the query started have been issued
        return {"ms": ms, "bytes": sum(p.stat().st_size for p in loaded), "files": len(loaded)}
    finally:
        page.close()


def measure_site(site: Path, queries: dict[str, str], file_url: bool, http: bool, keyless: tuple = ()) -> dict:
    """Each query each way, at each root; `keyless`: the only queries tried by paste and IME (stock Material
    searches on keyup and focus, so without key events it never answers: one query shows it, with a short timeout)."""
    from playwright.sync_api import sync_playwright

    out: dict = index_size(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            roots = ([("file", site.resolve().as_uri() + "/")] if file_url else [])
            with serving(site) as url:
                roots += [("http", url)] if http else []
                for where, root in roots:
                    out[where] = {kind: {mode: input_to_results(browser, site, root, q, mode, 5000 if keyless and mode != "typed" else TIMEOUT_MS)
                                         for mode in MODES if mode == "typed" or not keyless or kind in keyless}
                                  for kind, q in queries.items()}
        finally:
            browser.close()
    return out


def index_size(site: Path) -> dict:
    """Our index (search/*.js) when the site has it, Material's search_index.json otherwise."""
    files = [p for p in (site / "search").rglob("*") if p.is_file()]
    return {"index_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2), "index_files": len(files)}


def first_results(site: Path, queries: list[str]) -> dict:
    """Seconds from page load to the first results of each query, over loopback (what bench_scale.py reports)."""
    from playwright.sync_api import sync_playwright

    found: dict[str, float] = {}
    with serving(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in queries:
            page = browser.new_page(viewport={"width": 1080, "height": 1920})
            page.goto(root + "index.html")
            page.wait_for_load_state("load")
            started = time.perf_counter()
            box = page.locator("input.md-search__input")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            while time.perf_counter() - started < 60:
                box.fill(query)
                box.press("End")  # Material searches on key events
                try:
                    page.wait_for_function("document.querySelector('.md-search-result__list li')", timeout=200)
                    break
                except Exception:
                    continue
            found[query] = round(time.perf_counter() - started, 2)
            page.close()
        browser.close()
    return {**index_size(site), "first_results_s": found}


# -- the sizes --------------------------------------------------------------------
def queries_for(data: Path) -> dict[str, str]:
    """What a resident types: a pledge's title, words only its text has, a model member, a branch, a pledge's id."""
    from gongkai.records.catalog import build_catalog
    from gongkai.render.search_text import _HAN

    catalog = build_catalog(data).publishable()
    pledge = catalog.pledges[len(catalog.pledges) // 2]
    run = max(_HAN.findall(pledge.text or pledge.title), key=len)
    person = next(m for m in catalog.members.values() if m.is_model)
    branch = next(o for o in catalog.orgs.values() if o.kind == "党支部")
    return {"title": pledge.title, "text": run[:4], "person": person.name, "org": branch.name, "id": pledge.id}


def prepare(size: str, seed: int, work: Path, with_material: bool = True) -> tuple[Path, Path, dict]:
    """Data, the kiosk build and the stock Material build for one size (kept and reused when already in `work`)."""
    import generate_data
    import yaml
    from bench_baselines import markdown_pages, stock_material
    from bench_scale import ROOT, gongkai_project

    work.mkdir(parents=True, exist_ok=True)
    data, kiosk, material = work / "data", work / "site-kiosk", work / "material" / "site"
    if not data.exists():
        generate_data.generate(size, seed, data, photos=False)
    if not (kiosk / "index.html").exists():
        gongkai_project(work, data)
        shutil.copy2(ROOT / "mkdocs.kiosk.yml", work / "mkdocs.kiosk.yml")
        config = yaml.safe_load((work / "mkdocs.bench.yml").read_text(encoding="utf-8"))
        config["INHERIT"] = "mkdocs.kiosk.yml"  # INHERITs mkdocs.yml in turn; extra.gongkai merged over it
        (work / "mkdocs.bench-kiosk.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.bench-kiosk.yml"), "-d", str(kiosk)],
                       cwd=work, check=True)
        print(f"[{size}] kiosk built in {time.perf_counter() - started:.0f} s", flush=True)
    if with_material and not (material / "search" / "search_index.json").exists():
        config = stock_material(markdown_pages(data), work / "material")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(material)], cwd=work, check=True)
    return kiosk, material, queries_for(data)


def run_size(size: str, seed: int, work: Path, with_material: bool = True) -> dict:
    kiosk, material, queries = prepare(size, seed, work, with_material)
    result = {"size": size, "queries": queries, "ours": measure_site(kiosk, queries, file_url=True, http=True)}
    print(f"[{size}] ours measured", flush=True)
    if not with_material:
        return result
    result["material"] = measure_site(material, queries, file_url=False, http=True, keyless=("title",))
    result["material"]["from_load_s"] = first_results(material, list(queries.values()))["first_results_s"]
    return result


def summary(result: dict) -> str:
    """One line per site and way of entering: the slowest query's ms and the most bytes a query loaded."""
    lines = []
    for name in (n for n in ("ours", "material") if n in result):
        site = result[name]
        lines.append(f"{result['size']} {name}: index {site['index_mb']} MB in {site['index_files']} files")
        for where in ("file", "http"):
            if where not in site:
                continue
            for mode in MODES:
                runs = [site[where][kind][mode] for kind in result["queries"] if mode in site[where][kind]]
                times = [r["ms"] for r in runs]
                lines.append(f"  {where} {mode}: ms {times} (max {max((t for t in times if t is not None), default=None)}), "
                             f"KB per query {[round(r['bytes'] / 1e3, 1) for r in runs]}")
        if "from_load_s" in site:
            lines.append(f"  from page load (s): {site['from_load_s']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("queries", nargs="*", help="with --site: the queries to time")
    parser.add_argument("--site", type=Path, help="measure this built site only (ours), file:// and loopback")
    parser.add_argument("--sizes", default="town", help="comma-separated: town, county, district")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, required=False, help="work folder (builds kept and reused)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--skip-material", default="", help="comma-separated sizes not measured against stock Material "
                        "(its district build and first search take many minutes)")
    args = parser.parse_args()
    if args.site:
        print(json.dumps(measure_site(args.site, {q: q for q in args.queries}, True, True), ensure_ascii=False))
        return 0
    base = (args.keep or Path("/tmp/gongkai-bench-search")).resolve()
    results = []
    for size in args.sizes.split(","):
        results.append(run_size(size.strip(), args.seed, base / size.strip(), size.strip() not in args.skip_material.split(",")))
        print(summary(results[-1]), flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
