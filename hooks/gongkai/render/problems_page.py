"""The page `gongkai serve` answers with while the data has problems: the list, and a reload once they are fixed.

The engine's preview server answers a missing page with `404.html` as it is,
without its reload script, so the page watches for itself: it asks for its own
address every two seconds and reloads when the answer is no longer this list.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from markupsafe import escape

from gongkai.common.files import write_atomic
from gongkai.common.problems import Problem

MARK = "gongkai-problems"


def write_problems_site(site_dir: Path, problems: list[Problem]) -> None:
    """Remove every page of the last good preview (so none is shown stale) and leave only the list."""
    site_dir = Path(site_dir)
    for page in site_dir.rglob("*.html"):
        page.unlink()
    site_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(site_dir / "404.html", problems_html(problems))


def problems_html(problems: list[Problem]) -> str:
    problems = sorted(set(problems))
    digest = hashlib.blake2b("\n".join(map(str, problems)).encode(), digest_size=8).hexdigest()
    rows = "\n".join(
        f"<li><code>{escape(p.file)}{f'，第 {p.line} 行' if p.line else ''}</code>"
        f"{f'<b>{escape(p.where)}</b>' if p.where else ''}<span>{escape(p.message)}</span></li>"
        for p in problems
    )
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>数据有 {len(problems)} 处问题 · 预览暂停</title>
<style>
body {{ font: 18px/1.6 system-ui, "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 60em; padding: 1em; color: #222; }}
h1 {{ color: #b71c1c; font-size: 1.5em; }}
li {{ margin: .6em 0; padding: .5em .8em; background: #fff3f3; border-left: 4px solid #b71c1c; list-style: none; }}
code {{ display: block; font-size: .9em; color: #555; }}
b {{ display: block; }}
</style></head>
<body data-{MARK}="{digest}">
<h1>数据检查发现 {len(problems)} 处问题，预览暂停</h1>
<p>请按下面的文件和行号逐条修改并保存。改好后本页会自动刷新，显示网站。</p>
<ol>
{rows}
</ol>
<script>
// Poll this address: once the answer is not this very list (fixed, or other problems), show it.
setInterval(function () {{
  fetch(location.href, {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (text) {{
    if (text.indexOf('data-{MARK}="{digest}"') < 0) location.reload();
  }}).catch(function () {{}});
}}, 2000);
</script>
</body></html>
"""
