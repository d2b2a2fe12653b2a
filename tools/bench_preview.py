"""The preview measurement for tools/bench_scale.py: `mkdocs serve --dirty` on loopback, one pledge changed and saved."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Optional

from bench_measure import ENV, _busy_cpu_s, _process_cpu_s


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
