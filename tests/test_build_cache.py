"""The build cache (.cache/gongkai/build-<code>/): a build that reuses it makes the same site as a cold build, byte for byte.

Each kind of change (an organization file, a template, a setting, a photo)
is built twice: once with the cache an earlier build left (warm) and once
from nothing (cold); the two sites must be identical, and the warm build must
have reused what the change did not touch. One cold build of the unchanged
data is shared by every case.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_DATA, ROOT, cached_build
from gongkai.common.build_cache import BuildCache, code_version

PHOTOS = ROOT.parent / "shared" / "testdata" / "photos" / "orientation"


def _data(folder: Path) -> Path:
    """The fixture data, with a sibling branch that no case edits and a portrait for 李明 so a photo can change."""
    data = folder / "data"
    shutil.copytree(FIXTURE_DATA, data)
    org = data / "organizations" / "nanmen.yml"
    (data / "organizations" / "beimen.yml").write_text(org.read_text(encoding="utf-8").replace("南门", "北门"), encoding="utf-8")
    org.write_text(org.read_text(encoding="utf-8").replace("    职务: 语文教研组长\n", "    职务: 语文教研组长\n    肖像: portraits/liming.jpg\n", 1), encoding="utf-8")
    (data / "portraits").mkdir()
    shutil.copy(PHOTOS / "portrait_1.jpg", data / "portraits" / "liming.jpg")
    return data


def _build(folder: Path, data: Path, cache_from: Path | None = None, overrides: dict | None = None, **settings) -> dict:
    """Build into folder/site (cache in folder/.cache, seeded from cache_from); what the log says it reused."""
    log = cached_build(folder, data, cache_from, overrides, **settings)
    pages, rendered = map(int, re.search(r"记录页面 (\d+) 个（重新渲染 (\d+) 个）", log).groups())
    cached_files = int(re.search(r"(\d+) 个文件取自缓存", log).group(1))
    return {"site": folder / "site", "pages": pages, "rendered": rendered, "cached_files": cached_files}


def _same_site(a: Path, b: Path) -> None:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    different = [rel for rel in files_a if (a / rel).read_bytes() != (b / rel).read_bytes()]
    assert not different, f"warm and cold builds differ in {different[:10]}"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    """One cold build of the unchanged data; its cache seeds every warm build."""
    folder = tmp_path_factory.mktemp("base")
    built = _build(folder, _data(folder))
    assert built["cached_files"] == 0 and built["rendered"] == built["pages"]
    return {**built, "folder": folder, "data": folder / "data"}


def _warm_and_cold(tmp_path: Path, base: dict, change, overrides: dict | None = None, **settings) -> tuple[dict, dict]:
    data = tmp_path / "changed" / "data"
    shutil.copytree(base["data"], data)
    change(data)
    warm = _build(tmp_path / "warm", data, cache_from=base["folder"], overrides=overrides, **settings)
    cold = _build(tmp_path / "cold", data, overrides=overrides, **settings)
    _same_site(warm["site"], cold["site"])
    return warm, cold


def test_an_unchanged_build_reuses_every_record_and_page(tmp_path: Path, base: dict) -> None:
    warm = _build(tmp_path / "again", base["data"], cache_from=base["folder"])
    _same_site(warm["site"], base["site"])
    assert warm["cached_files"] == len(list(base["data"].rglob("*.yml")))
    assert warm["rendered"] < warm["pages"]  # only pages that read more than organization files


def test_an_edited_organization_file_is_read_and_rendered_again(tmp_path: Path, base: dict) -> None:
    def edit(data: Path) -> None:
        org = data / "organizations" / "nanmen.yml"
        org.write_text(org.read_text(encoding="utf-8").replace("开展课后托管服务", "开展课后托管和午休看护服务", 1), encoding="utf-8")
    warm, cold = _warm_and_cold(tmp_path, base, edit)
    assert warm["cached_files"] == cold["cached_files"] + len(list(base["data"].rglob("*.yml"))) - 1
    assert warm["rendered"] < cold["rendered"]  # 北门's pages were reused


def test_a_changed_template_renders_again_the_pages_that_use_it(tmp_path: Path, base: dict) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme_overrides", theme)
    board = theme / "records" / "board.html"
    board.write_text(board.read_text(encoding="utf-8") + "\n<p>模板已修改</p>\n", encoding="utf-8")
    config_theme = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    warm, cold = _warm_and_cold(tmp_path, base, lambda data: None, overrides={"theme": {**config_theme, "custom_dir": str(theme)}})
    assert any("模板已修改" in p.read_text(encoding="utf-8") for p in warm["site"].rglob("index.html"))
    assert warm["cached_files"] == len(list(base["data"].rglob("*.yml")))  # records do not depend on templates
    assert 0 < warm["rendered"] < warm["pages"]  # boards again; organization and member pages reused


def test_a_changed_setting_renders_every_page_again(tmp_path: Path, base: dict) -> None:
    warm, cold = _warm_and_cold(tmp_path, base, lambda data: None, as_of="2024-09-01")  # pledges are not yet overdue
    assert warm["rendered"] == warm["pages"]
    assert warm["cached_files"] > 0


def test_a_replaced_photo_renders_again_the_pages_that_show_it(tmp_path: Path, base: dict) -> None:
    warm, cold = _warm_and_cold(tmp_path, base, lambda data: shutil.copy(PHOTOS / "portrait_2.jpg", data / "portraits" / "liming.jpg"))
    assert warm["rendered"] < cold["rendered"]  # pages that do not show 南门's 李明 were reused
    assert warm["cached_files"] == len(list(base["data"].rglob("*.yml")))  # the record names the photo, not its bytes


def test_new_code_reads_nothing_old_code_wrote(tmp_path: Path) -> None:
    package = tmp_path / "gongkai"
    shutil.copytree(ROOT / "hooks" / "gongkai", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_version(package)
    (package / "build.py").write_text((package / "build.py").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    after = code_version(package)
    assert before != after
    old = BuildCache(tmp_path / "cache", before)
    old.write("pages", "ab" * 16, b"old body")
    new = BuildCache(tmp_path / "cache", after)
    assert new.read("pages", "ab" * 16) is None
    assert not old.root.exists()  # the old version's entries were removed, not left to pile up


def test_the_photo_lists_kept_by_file_hash_follow_an_edit(tmp_path: Path) -> None:
    """Each organization's photo list is read back while its file is unchanged; an edited file is walked again."""
    from gongkai.common.build_cache import BuildCache
    from gongkai.common.kept_values import KeptValues
    from gongkai.records.catalog import build_catalog
    from gongkai.records.photo_refs import PhotoRefs

    data = _data(tmp_path)
    cache = BuildCache(tmp_path / "cache", version="t")

    def refs() -> tuple[list, list]:
        catalog = build_catalog(data).publishable()
        kept = PhotoRefs(catalog, KeptValues(cache, "photo-refs"))
        listed = list(kept.every())
        kept.keep()
        return listed, list(PhotoRefs(catalog).every())

    first, fresh = refs()
    assert first == fresh and ("portraits/liming.jpg", "portrait") in first
    org = data / "organizations" / "nanmen.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("    肖像: portraits/liming.jpg\n", ""), encoding="utf-8")
    again, fresh = refs()
    assert again == fresh and ("portraits/liming.jpg", "portrait") not in again


def test_an_organization_file_named_yaml_is_rendered_again_when_edited(tmp_path: Path) -> None:
    """Its pages are keyed by its own file's version, whatever the file's ending (.yml or .yaml)."""
    data = _data(tmp_path / "first")
    beimen = data / "organizations" / "beimen.yml"
    beimen = beimen.rename(beimen.with_suffix(".yaml"))
    _build(tmp_path / "first", data)
    beimen.write_text(beimen.read_text(encoding="utf-8").replace("开展课后托管服务", "开展课后托管和午休看护服务", 1), encoding="utf-8")
    warm = _build(tmp_path / "warm", data, cache_from=tmp_path / "first")
    cold = _build(tmp_path / "cold", data)
    _same_site(warm["site"], cold["site"])
    assert warm["rendered"] < cold["rendered"]  # 南门's pages were still reused


def _folders(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def test_a_build_over_the_last_site_takes_its_folders_back_and_leaves_what_a_cold_build_leaves(tmp_path: Path) -> None:
    """The record pages take back the last build's folders (render/reuse.py); removed pages, strays and stale files go."""
    data = _data(tmp_path / "same")
    first = _build(tmp_path / "same", data)
    site = first["site"]
    (data / "organizations" / "beimen.yml").unlink()  # its pages are gone
    org = data / "organizations" / "nanmen.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("开展课后托管服务", "开展课后托管和午休看护服务", 1), encoding="utf-8")
    pages = sorted(p for p in site.rglob("index.html") if "/zuzhi/" in p.as_posix())
    (pages[-1].parent / "stray.html").write_text("多余", encoding="utf-8")
    (pages[-1].parent / "old-folder").mkdir()
    (pages[-1].parent / "old-folder" / "x.txt").write_text("多余", encoding="utf-8")
    pages[0].unlink()
    pages[0].write_text("旧的页面", encoding="utf-8")  # not the kept entry any more: written again

    log = cached_build(tmp_path / "same", data)
    cold = _build(tmp_path / "cold", data)

    taken = int(re.search(r"上次的页面文件 (\d+) 个就地取回", log).group(1))
    assert 0 < taken < first["pages"]
    _same_site(site, cold["site"])
    assert _folders(site) == _folders(cold["site"])
    assert not list(tmp_path.glob(".site.clearing-*")) and not list((tmp_path / "same").glob(".site.clearing-*"))
