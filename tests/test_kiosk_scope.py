"""`gongkai publish --kiosk --scope ORG`: one area's kiosk zip holds that area only, and every link in it opens.

One scoped publish of the demo town per module (a 党总支 and its villages), as a clerk runs it;
the zip is unpacked and read file by file.
"""
from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT
from gongkai.plan import urls
from gongkai.records.catalog import build_catalog
from projects import gongkai

SCOPE = "zongzhi-002"  # 青石镇农村第一党总支: four villages
SHIPPED = ("mkdocs.yml", "mkdocs.kiosk.yml", "data", "docs", "hooks", "theme_overrides")


def _project(folder: Path) -> Path:
    folder.mkdir()
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(ROOT / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, Path, str]:
    """(the project, the unpacked site, the command's output)."""
    project = _project(tmp_path_factory.mktemp("scope") / "project")
    result = gongkai(project, "publish", "--kiosk", "--scope", SCOPE)
    assert result.returncode == 0, result.stderr[-3000:]
    [bundle] = (project / "dist").glob("*.zip")
    assert SCOPE in bundle.name
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(project / "hall")
    return project, project / "hall" / "公开栏", result.stdout


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(ROOT / "data").publishable()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.found.append(value)
            elif value and name == "srcset":
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]


def _texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*")
            if p.suffix in (".html", ".js", ".xml", ".csv", ".json") and p.is_file()}


def test_every_link_in_the_bundle_opens_a_file_in_the_bundle(published) -> None:
    _, site, _ = published
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    broken = []
    # 404.html is the engine's page for a web server (site-absolute links); from file:// nothing opens it.
    for rel in sorted(f for f in files if f.endswith(".html") and f != "404.html"):
        parser = _Links()
        parser.feed((site / rel).read_text(encoding="utf-8"))
        for link in parser.found:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("#"):
                continue  # external addresses are test_offline's; anchors stay on the page
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            if parts.path.endswith("/") or target in ("", "."):
                target = posixpath.join(target, "index.html").lstrip("./")
            if target not in files:
                broken.append(f"{rel} → {link}")
    assert not broken, broken[:20]
    assert len(files) > 50


def _outside(catalog) -> tuple[list[str], set[str]]:
    """Names of the organizations outside the scope and not above it, and of their members whose name no one inside shares."""
    inside = set(catalog.subtree(SCOPE))
    above = set(catalog.ancestors(SCOPE))
    orgs = [org.name for i, org in catalog.orgs.items() if i not in inside and i not in above]
    inside_people = {m.name for m in catalog.members.values() if m.org_id in inside}
    people = {m.name for m in catalog.members.values() if m.org_id not in inside} - inside_people
    return orgs, people


def test_no_organization_or_member_from_outside_the_scope_appears_anywhere(published, catalog) -> None:
    _, site, _ = published
    orgs, people = _outside(catalog)
    assert orgs and people
    texts = _texts(site)
    assert [f"{name} in {rel}" for rel, text in texts.items() for name in orgs if name in text] == []
    # Briefings are the town's news, kept as written: their text may name anyone; their links to other areas are unlinked.
    records = {rel: text for rel, text in texts.items() if not rel.startswith("jianbao/")}
    assert [f"{name} in {rel}" for rel, text in records.items() for name in people if name in text] == []
    outside_pages = [p for p in (site / "zuzhi").iterdir() if p.is_dir() and p.name not in set(catalog.subtree(SCOPE))]
    assert outside_pages == []


def test_every_pledge_of_the_scope_is_on_its_board(published, catalog) -> None:
    _, site, _ = published
    inside = set(catalog.subtree(SCOPE))
    pledges = [p for p in catalog.pledges if p.org_id in inside]
    assert pledges
    missing = []
    for pledge in pledges:
        page, _, anchor = urls.dest(urls.pledge(pledge.org_id, pledge.quarter, pledge.id)).partition("#")
        board = site / page
        if not board.exists() or f'id="{anchor}"' not in board.read_text(encoding="utf-8"):
            missing.append(f"{page}#{anchor}")
    assert missing == []
    assert "c-" in "".join(_texts(site)["search/d/0.js"].split())  # the pledges are found by search too


def test_the_search_index_holds_only_pages_of_the_bundle(published, catalog) -> None:
    _, site, _ = published
    documents = "".join((p.read_text(encoding="utf-8")) for p in sorted((site / "search" / "d").glob("*.js")))
    targets = re.findall(r'\["([^"]+\.html)(?:#[^"]*)?"', documents)
    assert targets
    assert [t for t in targets if not (site / t).exists()] == []
    org_pages = {t.split("/")[1] for t in targets if t.startswith("zuzhi/") and t.count("/") == 2}
    assert org_pages == set(catalog.subtree(SCOPE))


def test_the_site_says_whose_board_it_is(published, catalog) -> None:
    project, site, output = published
    title = re.search(r"<title>([^<]*)</title>", (site / "index.html").read_text(encoding="utf-8")).group(1)
    assert catalog.orgs[SCOPE].name in title
    assert (project / f"kiosk-{SCOPE}-live").is_symlink() and not (project / "kiosk-live").exists()  # releases of its own
    assert "触摸屏离线包" in output


def test_a_briefing_keeps_its_text_and_loses_only_links_outside_the_scope(published) -> None:
    _, site, _ = published
    briefing = (site / "jianbao" / "2024-02.html").read_text(encoding="utf-8")
    assert "枫林村党支部" in briefing and 'href="../zuzhi/zhibu-0001/index.html"' in briefing  # inside: linked
    assert "xiangce/qiyi-2024" not in briefing  # the town's 七一 album is not this area's


def test_an_unknown_scope_is_refused_in_chinese_with_close_ids(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    result = gongkai(project, "publish", "--kiosk", "--scope", "zongzhi-02")
    assert result.returncode == 1
    assert "没有编号为「zongzhi-02」的公开党组织" in result.stderr and "zongzhi-002" in result.stderr
    assert not (project / "dist").exists() and not (project / "kiosk-zongzhi-02-live").exists()
