"""A long `gongkai serve` session: memory stays flat, unedited organizations' pages are reused."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_DATA, write_config

SESSION_SCRIPT = r"""
import gc, json, logging, sys, weakref
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config, site, data = sys.argv[1], sys.argv[2], Path(sys.argv[3])
rendered = []
class Count(logging.Handler):
    def emit(self, record):
        found = __import__("re").search(r"记录页面 (\d+) 个（重新渲染 (\d+) 个）", record.getMessage())
        if found:
            rendered.append((int(found.group(1)), int(found.group(2))))
logging.getLogger("mkdocs.plugins.gongkai").addHandler(Count())
logging.getLogger("mkdocs.plugins.gongkai").setLevel(logging.INFO)

first = load_config(config, site_dir=site)
first.plugins.on_startup(command="serve", dirty=True)
build(first, dirty=True)
session = next(m._session for m in list(sys.modules.values()) if getattr(m, "_session", None) is not None and hasattr(m, "on_post_build"))
org = data / "organizations" / "nanmen.yml"
alive, sizes = [], []
for edit in range(20):
    org.write_text(org.read_text(encoding="utf-8").replace("开展课后托管服务", f"开展课后托管服务{edit % 10}", 1), encoding="utf-8")
    build(load_config(config, site_dir=site), dirty=True)
    record = session.build.build.catalog.orgs["nanmen"]
    alive.append(weakref.ref(record))
    sizes.append(session.memory.sizes())
    del record
print(json.dumps({"rendered": rendered, "alive": sum(r() is not None for r in alive), "sizes": sizes}, ensure_ascii=False))
"""


def test_twenty_edits_keep_memory_flat_and_reuse_the_unedited_organization(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    # A sibling branch under the same town, never edited: its pages must be reused.
    sibling = (data / "organizations" / "nanmen.yml").read_text(encoding="utf-8").replace("南门", "北门")
    (data / "organizations" / "beimen.yml").write_text(sibling, encoding="utf-8")
    config = write_config(tmp_path, data)
    result = subprocess.run([sys.executable, "-c", SESSION_SCRIPT, str(config), str(tmp_path / "preview"), str(data)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = __import__("json").loads(result.stdout.strip().splitlines()[-1])
    total, first_rendered = report["rendered"][0]
    assert first_rendered == total  # the first build renders everything
    for pages, fresh in report["rendered"][1:]:
        assert pages == total and 0 < fresh < total  # 北门's pages (and the town's others) came from memory
    reused = [pages - fresh for pages, fresh in report["rendered"][1:]]
    assert min(reused) == max(reused) and min(reused) >= 3, reused
    # Old versions of the edited record are let go: at most the live one and the one before it remain.
    assert report["alive"] <= 2, report["alive"]
    # Every table of the session's memory holds as much after the 20th edit as after the 2nd.
    assert report["sizes"][-1] == report["sizes"][1], (report["sizes"][1], report["sizes"][-1])


EDIT_SCRIPT = r"""
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config, site, fresh, data = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
first = load_config(config, site_dir=site)
first.plugins.on_startup(command="serve", dirty=True)
build(first, dirty=True)
org = data / "organizations" / "nanmen.yml"
text = org.read_text(encoding="utf-8")
for old, new in (("开展课后托管服务", "开展课后托管和琉璃瓦修缮服务"), ("nanmen", "nanmen")):
    text = text.replace(old, new, 1)
    org.write_text(text, encoding="utf-8")
    build(load_config(config, site_dir=site), dirty=True)
again = load_config(config, site_dir=fresh)
again.plugins.on_startup(command="serve", dirty=True)  # a new session: nothing kept
build(again, dirty=True)
"""


def test_a_preview_after_an_edit_is_the_site_a_fresh_preview_makes(tmp_path: Path) -> None:
    """Everything the session keeps (boards, search documents, the live index, bodies) gives the very files a new
    session writes for the edited data; the edit's new word is in the search index."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    config = write_config(tmp_path, data)
    session, fresh = tmp_path / "preview", tmp_path / "fresh"
    result = subprocess.run([sys.executable, "-c", EDIT_SCRIPT, str(config), str(session), str(fresh), str(data)],
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    files = {p.relative_to(fresh).as_posix(): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}
    kept = {p.relative_to(session).as_posix(): p.read_bytes() for p in session.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(set(kept) & set(files))  # the fresh site's every file is in the session's
    differ = [name for name in files if kept[name] != files[name]]
    assert not differ, differ[:10]
    assert any("琉璃瓦" in kept[name].decode("utf-8") for name in kept if name.startswith("search/s/"))
