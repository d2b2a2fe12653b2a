"""The board filters and the lightbox in a real browser, opened from file:// with no server."""
from __future__ import annotations

from pathlib import Path


from browser import chromium_page, needs_chromium

pytestmark = needs_chromium


def test_board_filters_work_from_file_urls(demo_site: Path) -> None:
    with chromium_page(390, 844) as (page, requests):
        page.goto((demo_site / "chengnuo" / "2024-q3" / "index.html").as_uri())
        rows = page.locator("#gk-pledge-rows tbody tr")
        total = rows.count()
        overdue = page.locator('#gk-pledge-rows tbody tr[data-overdue="yes"]').count()
        assert 0 < overdue < total
        page.select_option('select[name="overdue"]', "yes")
        assert page.locator("#gk-pledge-rows tbody tr:visible").count() == overdue
        assert page.locator(".gk-filters__count").inner_text() == f"显示 {overdue} / {total}"
        page.select_option('select[name="overdue"]', "")
        page.select_option('select[name="owner"]', "member")
        members = page.locator('#gk-pledge-rows tbody tr[data-owner="member"]').count()
        assert page.locator("#gk-pledge-rows tbody tr:visible").count() == members
        first_org = page.locator('select[name="org"] option').nth(1).get_attribute("value")
        page.select_option('select[name="org"]', first_org)
        visible = page.locator("#gk-pledge-rows tbody tr:visible")
        assert all(visible.nth(i).get_attribute("data-org") == first_org for i in range(visible.count()))
    assert requests and all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file://")]


def test_directory_filter_keeps_the_path_to_a_match(demo_site: Path) -> None:
    with chromium_page() as (page, _):
        page.goto((demo_site / "zuzhi" / "index.html").as_uri())
        page.select_option('select[name="sector"]', "学校")
        visible = page.locator('#gk-org-tree li:visible')
        sectors = [visible.nth(i).get_attribute("data-sector") for i in range(visible.count())]
        assert "学校" in sectors
        # Parents of a school stay visible so the tree still reads; no unrelated branch does.
        assert all(s == "学校" or s in ("机关",) for s in sectors)


def test_album_photo_opens_in_the_lightbox(demo_site: Path) -> None:
    with chromium_page() as (page, requests):
        page.goto((demo_site / "xiangce" / "qiyi-2024" / "index.html").as_uri())
        page.locator("a.glightbox").first.click()
        page.wait_for_selector(".gslide.current img", timeout=5000)
        assert page.locator(".gslide.current .gslide-desc").inner_text().strip()
    assert all(url.startswith("file://") for url in requests)
