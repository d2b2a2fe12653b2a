"""Times `gongkai ledger export` and `import` against `gongkai check` on the same YAML, in one run.

    python tools/generate_data.py --size district --seed 1 --out /tmp/district/data --no-photos
    nice -n 10 python tools/bench_ledger.py --data /tmp/district/data --work /tmp/ledger-bench

Each command runs in a fresh process (wall seconds, peak memory of the largest
process and of the process tree, from tools/bench_scale.py). Steps, in order:
check; export of the whole workbook; import of that workbook unchanged with
each reader (python-calamine, openpyxl); the two readers alone; and a
--dry-run import of a CSV that changes 完成 in 1,000 事项 rows (merging, the
round-trip YAML writer and validation of the changed files, nothing written).
Prints a Markdown table for the README and writes the figures as JSON.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tools")]

from bench_scale import ENV, gongkai_project, measure  # noqa: E402

ENV["PYTHONPATH"] = f"{ROOT / 'hooks'}:{ENV.get('PYTHONPATH', '')}"
READ_ONLY = ("import sys; from pathlib import Path; from gongkai.ledger.read import read_files; "
             "r = read_files([Path(sys.argv[1])], sys.argv[2]); print(sum(sum(1 for _ in t.records([])) for t in r.tables), file=sys.stderr)")
CHANGED_ROWS = 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="a generated data folder (tools/generate_data.py)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder for the project copy, workbook and logs")
    parser.add_argument("--compare-writers", action="store_true",
                        help="instead: import the 1,000 changes into two copies of data/, with the line editor and with ruamel.yaml, and compare")
    args = parser.parse_args()
    work, data = args.work.resolve(), args.data.resolve()
    if args.compare_writers:
        print(compare_writers(data, work))
        return 0
    project = work / "project"
    project.mkdir(parents=True, exist_ok=True)
    gongkai_project(project, data)
    gongkai = [sys.executable, "-m", "gongkai", "--project", str(project)]
    ledger = [*gongkai, "ledger"]
    at = ["--data", str(data)]
    book, changes = work / "台账.xlsx", work / "事项-1000.csv"
    before = _fingerprint(data)
    steps = [
        ("check", [*gongkai, "check", "--data", str(data)]),
        ("export", [*ledger, "export", *at, "-o", str(book)]),
        ("import (calamine)", [*ledger, "import", *at, str(book)]),
        ("import (openpyxl)", [*ledger, "import", *at, "--reader", "openpyxl", str(book)]),
        ("read only (calamine)", [sys.executable, "-c", READ_ONLY, str(book), "calamine"]),
        ("read only (openpyxl)", [sys.executable, "-c", READ_ONLY, str(book), "openpyxl"]),
        (f"import --dry-run, {CHANGED_ROWS:,} 完成 changed", [*ledger, "import", *at, "--dry-run", str(changes)]),
    ]
    results = {}
    for name, command in steps:
        if name.startswith("import --dry-run"):
            _write_changes(book, changes)
        log = work / f"{name.split()[0]}-{len(results)}.log"
        results[name] = measure(command, work, log)
        results[name]["log"] = log.read_text(encoding="utf-8")[-400:]
        print(f"{name}: {results[name]['s']:.1f} s, {results[name]['tree_pss_mb']:.0f} MiB", file=sys.stderr)
    assert _fingerprint(data) == before, "an unchanged import changed data/"
    results["book_mb"] = book.stat().st_size / 2**20
    (work / "bench_ledger.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(report(results))
    return 0


def report_from(path: Path) -> str:
    return report(json.loads(path.read_text(encoding="utf-8")))


def _fingerprint(data: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in (data / "organizations").glob("*.yml")}


def _write_changes(book: Path, target: Path) -> None:
    """Every 300th 事项 row of the exported workbook with its 完成 raised by one, as a clerk's CSV."""
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(book)) as workbook:
        rows = workbook.get_sheet_by_name("事项").to_python()
    header, body = rows[0], rows[1:]
    done = header.index("完成")
    picked = body[::max(1, len(body) // CHANGED_ROWS)][:CHANGED_ROWS]
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in picked:
            row = list(row)
            row[done] = (row[done] or 0) + 1
            writer.writerow(row)


def compare_writers(data: Path, work: Path) -> str:
    """Seconds and changed lines for each YAML writer, on the same changes to the same files."""
    import difflib
    import shutil

    from gongkai.ledger.command import import_command

    changes = work / "事项-1000.csv"
    if not changes.exists():
        _write_changes(work / "台账.xlsx", changes)
    outcome = {}
    for writer in ("lines", "ruamel"):
        copy = work / f"data-{writer}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(data, copy, symlinks=True)
        started = time.perf_counter()
        assert import_command(copy, [changes], writer=writer) == 0
        seconds = time.perf_counter() - started
        changed = lines = 0
        for path in sorted((copy / "organizations").glob("*.yml")):
            old, new = (data / "organizations" / path.name).read_text(encoding="utf-8"), path.read_text(encoding="utf-8")
            if old != new:
                changed += 1
                lines += sum(1 for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0)
                             if line[:1] in "+-" and not line.startswith(("+++", "---")))
        outcome[writer] = (seconds, changed, lines)
    same = all((work / "data-lines" / "organizations" / p.name).read_bytes() == p.read_bytes()
               for p in (work / "data-ruamel" / "organizations").glob("*.yml"))
    rows = [f"| {w} | {s:.1f} s | {c} files | {n} diff lines |" for w, (s, c, n) in outcome.items()]
    return "\n".join(["| writer | import (not dry-run) | files changed | +/- lines |", "| --- | --- | --- | --- |", *rows,
                      f"\nsame bytes from both writers: {same}"])


def report(results: dict) -> str:
    check = results["check"]["s"]
    lines = ["| step | seconds | ÷ check | peak memory, largest process / tree PSS (MiB) | CPU s (own / other processes') |",
             "| --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        if isinstance(r, dict):
            lines.append(f"| {name} | {r['s']:.1f} | {r['s'] / check:.2f}× | {r['max_process_mb']:,.0f} / {r['tree_pss_mb']:,.0f} "
                         f"| {r['cpu_s']:.0f} / {r['others_cpu_s']:.0f} |")
    lines.append(f"\nworkbook: {results['book_mb']:.1f} MiB; measured {time.strftime('%Y-%m-%d %H:%M')}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
