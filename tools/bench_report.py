"""The tables tools/bench_scale.py prints."""
from __future__ import annotations

from typing import Optional


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

    out += ["", "Cold and cached builds side by side (cached: the cache the cold build left; edited: one pledge's 标题 changed "
            "in one organization file), against baselines of the same pages measured in the same run:", ""]
    rows = []
    for r in results:
        hugo = r.get("hugo_s")
        rows.append([r["size"], f"{r['pages']:,}", f"{r['pages'] - r.get('print_views', 0):,}", f"{r['gongkai_s']:.1f} s",
                     _seconds(r.get("cached_s")), _seconds(r.get("edited_s")), f"{hugo:.2f} s" if hugo else "—",
                     _ratio(r["gongkai_s"], hugo), _ratio(r.get("edited_s"), hugo), _ratio(r["gongkai_s"], r.get("material_s")),
                     f"{r.get('gongkai_pss_mb', 0):.0f} / {r.get('edited_pss_mb', 0):.0f} MB",
                     " / ".join(f"{s:.1f} s" for s in r["preview_rebuild_s"]) if r.get("preview_rebuild_s") else "—"])
    out += table(["size", "HTML pages", "without print views", "cold build", "cached, unchanged", "cached, one file edited", "Hugo (cold)",
                  "cold ÷ Hugo", "edited ÷ Hugo", "cold ÷ Material", "peak tree PSS (cold / edited)", "preview rebuild (change / undo)"], rows)

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
        others = [f"{k.split('_')[0]} {r[k]}" for k in ("gongkai_others_cpu_s", "cached_others_cpu_s", "edited_others_cpu_s", "material_others_cpu_s",
                                                              "hugo_others_cpu_s", "preview_others_cpu_s") if k in r]
        if others:
            out += ["", f"{r['size']}: CPU seconds other processes used during each measurement (≈0 = uncontended) — "
                    f"{', '.join(others)}; {r.get('cores')} cores; code: {r.get('code')}"]
        for key, name in (("gongkai_log", "build log"), ("cached_log", "cached build log"), ("edited_log", "build log after one edit")):
            if r.get(key):
                out += [f"{r['size']}: {name} — " + "；".join(r[key])]
        if r.get("preview_log"):
            out += [f"{r['size']}: preview rebuild log — " + "；".join(r["preview_log"])
                    + f"；save→detected {', '.join(f'{s:.2f}' for s in r['preview_detect_s'] if s is not None)} s"]
    return "\n".join(out)


def _seconds(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.1f} s"


def _growth(row: dict, last: Optional[dict], key: str) -> str:
    return f" (×{row[key] / last[key]:.1f})" if last and last.get(key) else ""


def _ratio(value: Optional[float], against: Optional[float]) -> str:
    return f"{value / against:.1f}×" if value and against else "—"
