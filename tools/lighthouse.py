#!/usr/bin/env python3
"""Lighthouse (mobile) per page kind, the site served by nginx with gzip on loopback, as the README recommends.

    npm install --prefix /tmp/lh lighthouse@12        # Node 20; not part of the project
    python tools/lighthouse.py site /tmp/lh/node_modules/.bin/lighthouse [--runs 3]

Prints a Markdown table (median of the runs): performance, accessibility, LCP, CLS, bytes.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from screenshots import CHROMIUM  # noqa: E402

PAGES = {  # the page kinds of tests/test_accessibility_browser.py
    "首页": "", "承诺公开栏": "chengnuo/", "一季全部承诺": "chengnuo/2024-q4/", "一个组织的承诺公开栏": "chengnuo/zhibu-0001/2024-q4/",
    "基层党组织": "zuzhi/", "党总支": "zuzhi/zongzhi-002/", "党支部": "zuzhi/zhibu-0001/", "优秀共产党员": "dangyuan/",
    "党员": "dangyuan/zhibu-0001/m01/", "表彰": "biaozhang/", "表彰活动": "biaozhang/2024-qiyi/", "一季一主题": "jidu/",
    "季度": "jidu/2024-q1/", "图片展": "xiangce/", "相册": "xiangce/qiyi-2024/", "统计": "tongji/", "开放数据": "open-data/",
    "简报": "jianbao/", "一期简报": "jianbao/2024-01/", "使用说明": "guide/",
}

# The configuration the README recommends, on loopback: static files, gzip for text, long caching for hashed assets.
NGINX = """daemon off; worker_processes 1; pid {tmp}/nginx.pid; error_log {tmp}/error.log;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types; access_log off;
  client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp}; uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
  gzip on; gzip_comp_level 6; gzip_min_length 512;
  gzip_types text/css application/javascript application/json image/svg+xml application/atom+xml text/xml text/csv;
  server {{
    listen 127.0.0.1:{port};
    location /gongkai/ {{ alias {site}/; index index.html; error_page 404 /gongkai/404.html; }}
    location /gongkai/assets/ {{ alias {site}/assets/; expires 7d; }}
    location /gongkai/img/ {{ alias {site}/img/; expires 30d; }}
  }}
}}
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("lighthouse", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(NGINX.format(tmp=tmp, port=args.port, site=args.site.resolve()), encoding="utf-8")
        server = subprocess.Popen(["nginx", "-c", str(conf), "-p", tmp])
        try:
            time.sleep(0.5)
            rows = [_measure(args, kind, rel, Path(tmp)) for kind, rel in PAGES.items()]
        finally:
            server.terminate()
            server.wait()
    print("| 页面 | 性能 | 无障碍 | LCP | CLS | 传输 |\n| --- | --- | --- | --- | --- | --- |")
    for kind, perf, a11y, lcp, cls, size in rows:
        print(f"| {kind} | {perf} | {a11y} | {lcp:.1f} s | {cls:.2f} | {size / 1024:.0f} KB |")
    return 0


def _measure(args, kind: str, rel: str, tmp: Path) -> tuple:
    runs = []
    for _ in range(args.runs):
        out = tmp / "report.json"
        subprocess.run([str(args.lighthouse), f"http://127.0.0.1:{args.port}/gongkai/{rel}", "--quiet", "--output=json", f"--output-path={out}",
                        "--only-categories=performance,accessibility", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        report = json.loads(out.read_text(encoding="utf-8"))
        audits = report["audits"]
        runs.append((round(report["categories"]["performance"]["score"] * 100), round(report["categories"]["accessibility"]["score"] * 100),
                     audits["largest-contentful-paint"]["numericValue"] / 1000, audits["cumulative-layout-shift"]["numericValue"],
                     audits["total-byte-weight"]["numericValue"]))
    middle = sorted(runs)[len(runs) // 2]  # the run with the median performance score
    return (kind, middle[0], min(r[1] for r in runs), middle[2], max(r[3] for r in runs), statistics.median(r[4] for r in runs))


if __name__ == "__main__":
    sys.exit(main())
