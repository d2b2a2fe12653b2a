"""Our search in a real browser over the demo town: what ranks first, where a result opens, and entry without key events."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from browser import chromium_page, needs_chromium, serve
from conftest import ROOT
from gongkai.plan import urls
from gongkai.records.catalog import build_catalog
from gongkai.render.search_text import decode, pack, shard_files, title_files, write_files

pytestmark = needs_chromium
BOARDS = urls.BOARDS.split("/")[0]
# Every result drawn: its link and its title line ("承诺 · …", "党员 · …").
RESULTS = """() => [...document.querySelectorAll('.md-search-result__list li a')].map(a => [a.href, a.querySelector('h1').textContent])"""
PASTE = """q => { const box = document.querySelector('input.md-search__input'); box.value = q;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: q })); }"""


@pytest.fixture(scope="module")
def site(demo_site: Path):
    with serve(demo_site) as root, chromium_page(1280, 900) as (page, _):
        yield root, page


def _search(page, url: str, query: str, paste: bool = False) -> list[list[str]]:
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    if paste:  # the value arrives with an input event and no key events, as from a paste or a handwriting pad
        page.evaluate(PASTE, query)
    else:
        page.keyboard.type(query)
    page.wait_for_function("document.querySelector('.md-search-result__list li')", timeout=5000)
    return page.evaluate(RESULTS)


def test_a_word_of_a_pledges_text_opens_that_pledge_highlighted(site) -> None:
    root, page = site
    catalog = build_catalog(ROOT / "data").publishable()
    holding = {urls.pledge_anchor(p.id) for p in catalog.pledges if "退休教师" in (p.text or "") and "退休教师" not in p.title}
    assert holding, "the demo data has pledges whose text (not title) says 退休教师"
    results = _search(page, root + "index.html", "退休教师", paste=True)
    href = results[0][0]
    path, _, anchor = href.partition("#")
    assert f"/{BOARDS}/" in path and anchor in holding, results[:3]
    page.goto(href)
    marked = page.locator(f"[id='{anchor}'] mark")
    assert marked.count() >= 1 and marked.first.inner_text() == "退休教师"


def test_street_lights_rank_the_boards_first(site) -> None:
    root, page = site
    catalog = build_catalog(ROOT / "data").publishable()
    lights = sum("路灯" in p.title for p in catalog.pledges)
    assert lights >= 2
    results = _search(page, root + "index.html", "路灯")
    top = results[:min(lights, len(results))]
    assert all(title.startswith("承诺") and f"/{BOARDS}/" in href and "#c-" in href for href, title in top), top


def test_an_exact_name_ranks_that_person_first_and_never_the_page_you_are_on(site) -> None:
    root, page = site
    catalog = build_catalog(ROOT / "data").publishable()
    name = "蔡福生"
    assert [m for m in catalog.members.values() if m.name == name and m.is_model]
    results = _search(page, root + "index.html", name)
    assert results[0][1] == f"党员 · {name}", results[:3]
    person = results[0][0].split("?")[0]
    again = _search(page, person, name)
    assert again[0][0].split("?")[0].split("#")[0] != person, again[:3]
    assert any(href.split("?")[0] == person for href, _ in again)  # still found, only not first


def test_one_character_asks_for_another_instead_of_everything(site) -> None:
    root, page = site
    page.goto(root + "index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("路")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('再输入一个字')", timeout=5000)
    assert page.locator(".md-search-result__list li").count() == 0


@pytest.fixture(scope="module")
def crowded(site, demo_site: Path, tmp_path_factory):
    """The demo with every term cut to its best 2 documents: what a district's common words look like to the page."""
    copy = tmp_path_factory.mktemp("crowded") / "site"
    shutil.copytree(demo_site, copy)
    meta, postings = _postings(copy / "search")
    write_files(copy / "search", shard_files({term: pack(hits) for term, hits in postings.items()}, meta["shards"], common=2))
    with serve(copy) as root:
        yield root, site[1], postings  # the same browser: one Playwright per module


def _postings(folder: Path) -> tuple[dict, dict]:
    calls = {p.name: json.loads(re.match(r"gkSearch\.\w+\((?:\d+,)?(.*)\);\n$", p.read_text(encoding="utf-8"), re.S).group(1))
             for p in [folder / "meta.js", *(folder / "s").glob("*.js")]}
    meta = calls.pop("meta.js")
    return meta, {term: decode(hits) for table in calls.values() for term, hits in table["t"].items()}


def test_a_common_word_keeps_its_best_documents_and_does_not_hide_rarer_ones(crowded) -> None:
    root, page, postings = crowded
    assert len(postings["路灯"]) > 2, "the demo has more than two records with 路灯"
    lights = _search(page, root + "index.html", "路灯")
    assert 1 <= len(lights) <= 2 and all(title.startswith("承诺") and "#c-" in href for href, title in lights), lights
    # 蔡福生 is in few documents, 路灯 in many: the common word adds to the score but does not filter the person out.
    assert len(postings["蔡福"]) <= 2 < len(postings["路灯"])
    person = _search(page, root + "index.html", "蔡福生 路灯", paste=True)
    assert person[0][1] == "党员 · 蔡福生", person[:3]


def test_the_first_screenful_shows_before_the_other_results_titles_arrive(site, demo_site: Path, tmp_path_factory) -> None:
    """At district scale 30 results sit in up to 30 title files: the first 8 are drawn while the rest are on their way."""
    copy = tmp_path_factory.mktemp("one-title-a-file") / "site"
    shutil.copytree(demo_site, copy)
    meta, _ = _postings(copy / "search")
    rows = [row for n in range(-(-meta["docs"] // meta["chunk"])) for row in _titles(copy / "search" / "d" / f"{n}.js")]
    shutil.rmtree(copy / "search" / "d")
    write_files(copy / "search", title_files(rows, meta["shards"], chunk=1))  # every result in its own file
    page, served, held = site[1], [], []
    with serve(copy) as root:
        def first_eight_then_wait(route) -> None:  # the first round of title files arrives, any later one waits
            (served if len(served) < 8 else held).append(route)
            if len(served) <= 8 and route in served:
                route.continue_()
        page.route("**/search/d/*.js", first_eight_then_wait)
        try:
            results = _search(page, root + "index.html", "承诺", paste=True)
            page.wait_for_timeout(300)
            count = page.locator(".md-search-result__meta").inner_text()
            assert len(results) == 8 and len(page.evaluate(RESULTS)) == 8 and held, (len(results), len(held))
            assert re.match(r"找到 \d+\+? 个结果", count) and int(re.search(r"\d+", count).group()) > 8, count
            for route in held:
                route.continue_()
            page.wait_for_function("document.querySelectorAll('.md-search-result__list li').length > 8", timeout=5000)
            away = [r for r in results if not r[0].startswith(root + "index.html")]  # the page you are on goes last
            assert page.evaluate(RESULTS)[:len(away)] == away  # the first screenful stays where it was
        finally:
            page.unroute("**/search/d/*.js")


def _titles(path: Path) -> list:
    return json.loads(re.match(r"gkSearch\.docs\(\d+,(.*)\);\n$", path.read_text(encoding="utf-8"), re.S).group(1))
