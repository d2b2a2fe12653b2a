"""Measuring one command for tools/bench_scale.py: wall time, CPU, peak memory, and what else ran meanwhile."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Runs the command in a fresh process so RUSAGE_CHILDREN sees this command's tree only.
MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1], 'w')); "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(time.perf_counter() - t, u.ru_maxrss, r.returncode, u.ru_utime + u.ru_stime)"
)


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
    # Our index is search/*.js and its shards; a stock Material baseline has search/search_index.json.
    index = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file()) if (site / "search").is_dir() else 0
    return {"pages": len(html), "print_views": sum(1 for p in html if p.relative_to(site).parts[0] == "dayin"),
            "output_mb": size / 2**20, "index_mb": index / 2**20}


def log_phases(log: Path) -> list[str]:
    """gongkai's own phase timings and MkDocs' total, as the build log gives them."""
    keep = ("gongkai:", "Documentation built in")
    return [line.split(" -  ", 1)[-1].strip() for line in log.read_text(encoding="utf-8").splitlines() if any(k in line for k in keep)]
