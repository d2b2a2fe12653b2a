"""Full builds into temporary folders: what a clerk runs, and what a resident gets."""
from __future__ import annotations

from pathlib import Path


from conftest import FIXTURE_DATA, ROOT, build_site
from gongkai.publishing import verify

GOLDEN = ROOT / "tests" / "golden"
TEXT_SUFFIXES = {".html", ".json", ".js", ".xml", ".csv", ".txt", ".css", ".svg"}


def _texts(site: Path):
    for path in site.rglob("*"):
        if path.suffix in TEXT_SUFFIXES and path.is_file():
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_broken_data_fails_cleanly_and_leaves_the_site_folder_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次发布的网站", encoding="utf-8")
    result = build_site(tmp_path, GOLDEN / "many-files" / "data", site_dir=site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    for line in (GOLDEN / "many-files" / "expected.txt").read_text(encoding="utf-8").splitlines()[1:]:
        assert line in output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "上一次发布的网站"


def test_demo_site_has_its_sections(demo_site: Path) -> None:
    for page in ("index.html", "zuzhi/index.html", "chengnuo/index.html", "dangyuan/index.html", "biaozhang/index.html", "xiangce/index.html"):
        assert (demo_site / page).is_file(), page
    assert (demo_site / "search" / "meta.js").is_file()
    assert not (demo_site / "gk-shell").exists()


def test_nothing_from_the_broken_cases_or_any_personal_number_leaks(demo_site: Path) -> None:
    markers = ["11010519491231002X", "１３９ ０５７１ ２２３３", "alert('x')", "GKSHELL"]
    for path, text in _texts(demo_site):
        for marker in markers:
            assert marker not in text, (path, marker)
    # Read as the release check reads a built file (text, shown attributes, string literals).
    assert verify.personal_numbers(demo_site) == []


def test_fixture_site_applies_the_publication_gate(tmp_path: Path) -> None:
    result = build_site(tmp_path, FIXTURE_DATA, as_of="2024-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    everything = "\n".join(text for _, text in _texts(site))
    for hidden in ("尚在审诺的承诺", "草稿承诺", "草稿党员", "已撤销的荣誉称号"):
        assert hidden not in everything, hidden
    board = (site / "chengnuo" / "nanmen" / "2024-q3" / "index.html").read_text(encoding="utf-8")
    assert 'id="c-q3-01"' in board and 'id="c-q3-02"' in board


