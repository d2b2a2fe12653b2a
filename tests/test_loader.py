"""Unit tests of the strict reader, the personal-data detectors and the catalog."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from gongkai.records import privacy, strict_yaml
from gongkai.records.catalog import build_catalog
from gongkai.render.sanitize import render_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "valid" / "data"


def test_scalars_stay_strings_and_keep_their_lines() -> None:
    data, lines = strict_yaml.load("a: no\nb: 010\nc: 110105194912310021\nd:\n  - 2024-09-30\n")
    assert data == {"a": "no", "b": "010", "c": "110105194912310021", "d": ["2024-09-30"]}
    assert lines[("d", 0)] == 5


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: *x\n", "锚点"),
    ("a: 1\nb: 2\na: 3\n", "重复出现（第 1 行已有）"),
    ("a: [1, 2\n", "以「[」开头的文字"),
])
def test_strict_reader_refuses(text: str, message: str) -> None:
    with pytest.raises(strict_yaml.YamlProblem) as caught:
        strict_yaml.load(text)
    assert message in caught.value.message


@pytest.mark.parametrize("text", [
    "身份证 11010519491231002X",
    "身份证 11010519491231002x",
    "号码１１０１０５１９４９１２３１００２Ｘ",  # full-width, caught after NFKC
])
def test_resident_id_numbers_are_found(text: str) -> None:
    assert privacy.find_resident_ids(text)


def test_an_id_with_a_wrong_check_digit_is_still_an_id() -> None:
    # A typo of a real number is still a real person's number.
    assert privacy.find_resident_ids("110105194912310021") == ["110105194912310021"]


@pytest.mark.parametrize("text", ["13812345678", "138-1234-5678", "138 1234 5678", "+86 13812345678", "电话１３９０５７１２２３３"])
def test_mobile_numbers_are_found(text: str) -> None:
    assert privacy.find_mobiles(text)


@pytest.mark.parametrize("text", ["0571-88885678", "共 1382 户", "2024年12月31日", "投入 12000000 元"])
def test_ordinary_numbers_are_not_mobiles(text: str) -> None:
    assert privacy.find_mobiles(text) == []


def test_markdown_is_sanitized() -> None:
    html = render_markdown("[点我](javascript:alert(1)) **好** ![x](x.png)")
    assert "javascript" not in html and "<img" not in html and "<strong>好</strong>" in html


def test_catalog_cross_references_and_tree() -> None:
    catalog = build_catalog(FIXTURE)
    assert catalog.ancestors("nanmen") == ["town"]
    assert list(catalog.subtree("town")) == ["town", "nanmen"]
    pledge = next(p for p in catalog.pledges if p.id == "q3-02")
    assert catalog.owner_name(pledge) == "李明"
    assert [e.holder_name for e in catalog.honors_at("qiyi-2024")] == ["南门小学党支部", "李明"]


def test_publication_gate() -> None:
    catalog = build_catalog(FIXTURE)
    public = catalog.publishable()
    titles = {p.title for p in public.pledges}
    assert "尚在审诺的承诺" not in titles  # not yet past 组织审诺
    assert "草稿承诺" not in titles  # a draft
    assert {h.honor.title for h in public.honors} == {"先进基层党组织", "优秀共产党员"}  # revoked one gone
    assert "nanmen/caogao" not in public.members
    preview = catalog.publishable(preview=True)
    assert "草稿承诺" in {p.title for p in preview.pledges}
    assert "尚在审诺的承诺" not in {p.title for p in preview.pledges}


def test_overdue_and_fulfilment() -> None:
    catalog = build_catalog(FIXTURE)
    by_id = {p.id: p for p in catalog.pledges}
    assert by_id["q3-01"].fulfilled and not by_id["q3-01"].overdue(date(2025, 1, 1))
    assert by_id["q3-02"].overdue(date(2024, 12, 31)) and not by_id["q3-02"].overdue(date(2024, 11, 30))
    assert by_id["q3-01"].stage == "评诺" and by_id["q3-02"].stage == "践诺"
    assert by_id["q3-01"].review.rate == pytest.approx(45 / 46)


@pytest.mark.parametrize("data", [ROOT / "data", ROOT / "tests" / "golden" / "many-files" / "data"], ids=["demo", "broken"])
def test_reading_on_every_core_gives_what_reading_in_turn_gives(monkeypatch, data: Path) -> None:
    from gongkai.records import loader
    from gongkai.common.problems import DataError

    def outcome(parallel_from: int):
        monkeypatch.setattr(loader, "_PARALLEL_FROM", parallel_from)
        try:
            catalog = build_catalog(data)
        except DataError as error:
            return error.report()
        return [(p.key, p.title, p.stage) for p in catalog.pledges], sorted(catalog.members), catalog.versions

    assert outcome(1) == outcome(10**9)
