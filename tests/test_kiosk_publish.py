"""`gongkai publish --kiosk` as a hall's clerk runs it, and the release check for any site_url in both profiles."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from browser import chromium_page, needs_chromium
from conftest import ROOT, build_site
from gongkai.publishing import verify
from projects import gongkai, small_project

SHIPPED = ("mkdocs.yml", "mkdocs.kiosk.yml", "data", "docs", "hooks", "theme_overrides")


def _search_results(page, query: str) -> list[str]:
    """Type a query into the search box and return the results' text (both search implementations keep these classes)."""
    box = page.locator(".md-search__input")
    box.click()
    for _ in range(10):  # the index loads in the background on the first search
        box.fill(query)
        box.press("End")  # searches run on key events, as when a person types
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1500)
            return [text.replace("\u200b", "") for text in page.locator(".md-search-result__item").all_inner_texts()]
        except Exception:
            box.fill("")
    raise AssertionError(f"no search results for {query}")


@needs_chromium
def test_the_kiosk_zip_from_the_documented_command_works_from_file_urls(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(ROOT / name, project / name)
    result = gongkai(project, "publish", "--kiosk")
    assert result.returncode == 0, result.stderr[-3000:]
    [bundle] = (project / "dist").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "hall")
    site = tmp_path / "hall" / "公开栏"
    here = site.as_uri()
    with chromium_page(1920, 1080) as (page, requests):
        page.goto((site / "index.html").as_uri())
        page.locator(".md-tabs__link", has_text="基层党组织").first.click()
        page.wait_for_load_state()
        assert page.url.startswith(here) and page.url.endswith("zuzhi/index.html")
        assert "东岭村党支部" in page.locator("article").inner_text()
        assert any("东岭村党支部" in text for text in _search_results(page, "东岭村党支部"))
        page.goto((site / "xiangce" / "qiyi-2024" / "index.html").as_uri())
        photo = page.locator("article img").first
        photo.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle(), timeout=5000)
    outside = [url for url in requests if not url.startswith((here + "/", "data:", "blob:", "about:"))]
    assert len(requests) > 10 and outside == []


@pytest.mark.parametrize("kiosk", [False, True], ids=["intranet", "kiosk"])
@pytest.mark.parametrize("site_url", ["http://dangjian.example.lan/gongkai/", "http://dangjian.example.lan/", ""], ids=["path", "host", "none"])
def test_the_release_check_knows_the_site_address_for_any_site_url(tmp_path: Path, site_url: str, kiosk: bool) -> None:
    small = small_project(tmp_path / "project")
    result = build_site(tmp_path, small / "data", overrides={"site_url": site_url}, kiosk=kiosk, as_of="2024-12-31")
    assert result.returncode == 0, result.stderr[-2000:]
    assert verify.check_site(tmp_path / "site") == []
    if site_url:  # its own pages are the site's, but another address under the same host is not
        (tmp_path / "site" / "extra.html").write_text(f'<img src="{site_url}../../elsewhere/x.png"><img src="http://other.lan/x.png">', encoding="utf-8")
        assert [f.file for f in verify.outside_urls(tmp_path / "site")] == ["extra.html"]
