"""Nothing personal and nothing executable reaches a page: one table of variants, tried at every layer.

The same table runs through the detector alone, `gongkai check` (planted in a
hand-written page), one build (which must refuse, naming each line), and the
release check on a built site tampered with after the build — what check and
build never saw, the gate still finds.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from conftest import FIXTURE_DATA, ROOT, build_site
from gongkai import cli
from gongkai.publishing import verify
from gongkai.records import privacy
from gongkai.records.fields import PublicPhone
from gongkai.render.sanitize import clean_page

ID, MOBILE = privacy.RESIDENT_ID, privacy.MOBILE
VARIANTS: list[tuple[str, str | None]] = [
    # resident IDs: 18 digits with a real birth date (1900s and 2000s), check digit right or wrong; 15-digit old IDs
    ("身份证 11010519491231002X", ID),
    ("身份证 11010519491231002x", ID),
    ("110105194912310021", ID),  # wrong check digit: still a real person's number
    ("110105 19491231 002X", ID),  # born in the 1900s, with spaces: an ID, not a mobile
    ("440304 20050101 0013", ID),
    ("440304-20050101-0013", ID),
    ("440304—20050101—0013", ID),
    ("44030420050101001X", ID),
    ("330106850312041", ID),
    ("330106 850312 041", ID),
    ("110105**19491231**002X", ID),
    ("110105<strong>19491231</strong>002X", ID),
    ("号码１１０１０５１９４９１２３１００２Ｘ", ID),
    ("110105\u200b19491231\u200b002X", ID),
    ("(110105)19491231(002X)", ID),
    ("110105.1949.1231.002X", ID),
    ("&#49;10105194912310021", ID),
    # mobiles: every separator, emphasis, invisible characters, entities, prefixes, full width
    ("13912345678", MOBILE),
    ("139.1234.5678", MOBILE),
    ("139 - 1234 - 5678", MOBILE),
    ("139–1234–5678", MOBILE),  # en dash
    ("139—1234—5678", MOBILE),  # em dash
    ("139―1234―5678", MOBILE),  # horizontal bar
    ("139‐1234‐5678", MOBILE),  # U+2010 hyphen
    ("139−1234−5678", MOBILE),  # minus sign
    ("(139)1234-5678", MOBILE),
    ("（139）1234－5678", MOBILE),
    ("【139】1234 5678", MOBILE),
    ("139\u200b1234\u200b5678", MOBILE),
    ("139\u200c1234\u200d5678", MOBILE),
    ("139\u2060123\ufeff45678", MOBILE),
    ("139*1234*5678", MOBILE),
    ("139**1234**5678", MOBILE),
    ("139_1234_5678", MOBILE),
    ("139~~1234~~5678", MOBILE),
    ("139\\-1234\\-5678", MOBILE),
    ("139·1234·5678", MOBILE),
    ("139\u30001234\u30005678", MOBILE),
    ("139&nbsp;1234&nbsp;5678", MOBILE),
    ("&#49;&#51;&#57;12345678", MOBILE),
    ("139<!-- 备注 -->1234 5678", MOBILE),
    ("[139](#)1234 5678", MOBILE),
    ("+86 139 1234 5678", MOBILE),
    ("+86-13912345678", MOBILE),
    ("0086 13912345678", MOBILE),
    ("86 139 1234 5678", MOBILE),
    ("8613912345678", MOBILE),
    ("１３９１２３４５６７８", MOBILE),
    ("电话１３９ ０５７１ ２２３３", MOBILE),
    ("联系人王大妈，电话：16612345678。", MOBILE),
    ("19912345678", MOBILE),
    ("2024-10-12 13912345678", MOBILE),
    # what a board legitimately shows
    ("2024-10-12", None),
    ("2024年10月12日", None),
    ("2024-10-12 至 2024-12-31", None),
    ("2024-10-12 2024-12-31", None),
    ("2024-01-01 2024-03-31 2024-06-30", None),
    ("2024.01.01-2024.03.31", None),
    ("1200000 元", None),
    ("投入 12000000 元", None),
    ("共 1,354 名党员", None),
    ("12.5 万元 13.8 万元", None),
    ("2024-Q3", None),
    ("c-2024q2-m01", None),
    ("zhibu-0001/2024-q2/#c-2024q2-m01", None),
    ("0571-86021234", None),
    ("0571-86021234-801", None),
    ("0571-86021234 转 801", None),
    ("(0571)86021234", None),
    ("010-12345678", None),
    ("400-123-4567", None),
    ("800 820 8820", None),
    ("12345", None),
    ("12345 市民热线", None),
    ("12912345678", None),  # no mobile starts 12
    ("1391234567", None),  # 10 digits
    ("139123456789", None),  # 12 digits in one group: not read out of its middle
    ("IMG_20240312_135012.jpg", None),
    ("mmexport1712345678901.jpg", None),
    ("990105 19491231 0021", None),  # no province 99
    ("110105 19491332 0021", None),  # no 13th month
    ("110105 18991231 0021", None),  # born in the 1800s
    ("330106 851312 041", None),
]


def _expected(kind: str | None) -> list[str]:
    return [kind] if kind else []


def test_the_table_is_big_and_two_sided() -> None:
    assert len(VARIANTS) >= 60
    assert sum(k is None for _, k in VARIANTS) >= 25 and sum(k is not None for _, k in VARIANTS) >= 40


@pytest.mark.parametrize("text, kind", VARIANTS)
def test_detector(text: str, kind: str | None) -> None:
    assert [hit.kind for hit in privacy.find(text)] == _expected(kind)


def test_a_number_split_over_two_lines_is_reported_on_the_line_it_ends() -> None:
    assert [(line, hit.kind) for line, hit in privacy.find_by_line("第一行\n电话 139 1234\n5678\n\n第五行")] == [(3, MOBILE)]


def _planted_page(folder: Path) -> dict[int, str | None]:
    """docs/variants.md: one variant per paragraph; returns line → expected kind."""
    lines, expected = ["# 变体", ""], {}
    for text, kind in VARIANTS:
        lines += [text, ""]
        expected[len(lines) - 1] = kind
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "variants.md").write_text("\n".join(lines), encoding="utf-8")
    return expected


def _reported_lines(report: str, file: str) -> set[int]:
    return {int(line.split(":")[1]) for line in report.splitlines() if line.startswith(file + ":")}


def test_gongkai_check_reports_every_planted_number_at_its_line(tmp_path: Path, capsys) -> None:
    expected = _planted_page(tmp_path)
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    assert cli.main(["--project", str(tmp_path), "check"]) == 1
    report = capsys.readouterr().err
    assert _reported_lines(report, "docs/variants.md") == {line for line, kind in expected.items() if kind}
    assert "居民身份证号" in report and "个人手机号" in report


def test_the_build_refuses_every_planted_number_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "site-src"
    folder.mkdir()
    shutil.copytree(ROOT / "docs", folder / "docs", ignore=shutil.ignore_patterns("jianbao"))
    expected = _planted_page(folder)
    result = build_site(folder, FIXTURE_DATA, as_of="2024-12-31")
    assert result.returncode != 0
    report = "\n".join(line.split("-  ", 1)[-1].strip() for line in (result.stdout + result.stderr).splitlines())
    assert _reported_lines(report, "docs/variants.md") == {line for line, kind in expected.items() if kind}
    assert not (folder / "site" / "index.html").exists()


def test_the_release_check_finds_what_was_planted_after_the_build(demo_site: Path, tmp_path: Path) -> None:
    # The demo data passes `gongkai check` and the build: whatever is planted afterwards, only the gate can see.
    assert cli.main(["--project", str(ROOT), "check"]) == 0
    site = tmp_path / "site"
    page = (demo_site / "zuzhi" / "index.html").read_text(encoding="utf-8")
    for number, (text, _) in enumerate(VARIANTS):
        (site / f"v{number}").mkdir(parents=True)
        (site / f"v{number}" / "index.html").write_text(page.replace("</article>", f"<p>{text}</p></article>", 1), encoding="utf-8")
    (site / "attr.html").write_text('<a href="tel:+86-139-1234-5678" title="x">联系</a>', encoding="utf-8")
    (site / "script.html").write_text('<script>var t = "110105 19491231 002X";</script>', encoding="utf-8")
    (site / "data.json").write_text('{"docs": [{"text": "电话 139 1234 5678"}]}', encoding="utf-8")
    (site / "rows.csv").write_text("名称,电话\n南门,139-1234-5678\n", encoding="utf-8")
    findings = {str(f).split(":")[0] for f in verify.personal_numbers(site)}
    planted = {f"v{n}/index.html" for n, (_, kind) in enumerate(VARIANTS) if kind}
    assert findings == planted | {"attr.html", "script.html", "data.json", "rows.csv"}


@pytest.mark.parametrize("phone", ["0571-86021234", "0571 86021234", "(0571)86021234", "０５７１－８６０２１２３４",
                                   "010-62345678", "0571-86021234 转 801", "0571-86021234-801", "12345", "0571-12345",
                                   "400-123-4567", "800 820 8820", "4001234567"])
def test_supervision_phone_takes_public_numbers(phone: str) -> None:
    assert TypeAdapter(PublicPhone).validate_python(phone) == phone
    assert privacy.find(phone) == []  # why the release check needs no allow-list


@pytest.mark.parametrize("phone, says", [("13912345678", "个人手机号"), ("139-1234-5678", "个人手机号"), ("+86 139 1234 5678", "个人手机号"),
                                         ("86021234", "带区号"), ("123", "带区号"), ("0571-1234", "带区号")])
def test_supervision_phone_refuses_mobiles_and_numbers_without_area_code(phone: str, says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(PublicPhone).validate_python(phone)
    assert says in str(caught.value)


def test_a_mobile_as_supervision_phone_is_refused_at_its_line(tmp_path: Path, capsys) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    org = tmp_path / "data" / "organizations" / "nanmen.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("监督电话: 0571-88885678", "监督电话: 139 1234 5678"), encoding="utf-8")
    assert cli.main(["--project", str(tmp_path), "check"]) == 1
    report = capsys.readouterr().err
    assert "data/organizations/nanmen.yml:5: 南门小学党支部 › 监督电话: 这是个人手机号" in report


def test_file_names_and_front_matter_titles_are_checked(tmp_path: Path, capsys) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    (tmp_path / "data" / "events" / "qiyi-2024.yml").rename(tmp_path / "data" / "events" / "wang-13912345678.yml")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "139-1234-5678.md").write_text("# 页面\n", encoding="utf-8")
    (tmp_path / "docs" / "page.md").write_text("---\ntitle: <img src=x onerror=alert(1)>\n---\n\n# 标题 <b onclick=x>好</b>\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: 公开栏\ncopyright: 联系 139 1234 5678\n", encoding="utf-8")
    assert cli.main(["--project", str(tmp_path), "check"]) == 1
    report = capsys.readouterr().err
    assert "data/events/wang-13912345678.yml:1" in report and "文件名会成为网址" in report
    assert "docs/139-1234-5678.md:1: 文件名" in report
    assert "docs/page.md:2: 手写页面 › 标题: 标题不能包含 HTML 标签 <img>" in report
    assert "docs/page.md:5: 手写页面 › 标题: 标题不能包含 HTML 标签 <b>" in report
    assert "mkdocs.yml:2: 网站设置: 不能公开个人手机号（139…78）" in report


HOSTILE = [
    "<script>alert(1)</script>",
    '<p onclick="alert(1)">x</p>',
    '<a href="javascript:alert(1)">a</a>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<a href="vbscript:msgbox(1)">v</a>',
    '<iframe src="https://example.invalid/"></iframe>',
    '<form action="/x"><input name="q"></form>',
    '<img src=x onerror="alert(1)">',
    '<p style="background:url(javascript:alert(1))">s</p>',
    '<svg onload="alert(1)"></svg>',
]


@pytest.mark.parametrize("markup", HOSTILE)
def test_hand_written_page_policy(markup: str) -> None:
    cleaned = clean_page(markup).lower()
    for bad in ("<script", "onclick", "onerror", "onload", "javascript:", "data:", "vbscript:", "<iframe", "<form", "<input", "style=", "<svg"):
        assert bad not in cleaned, (markup, cleaned)


def test_hand_written_pages_and_briefings_are_cleaned_in_the_build(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copytree(ROOT / "docs", folder / "docs", ignore=shutil.ignore_patterns("jianbao"))
    (folder / "docs" / "jianbao").mkdir()
    (folder / "docs" / "jianbao" / "2024-01.md").write_text(
        "---\ntitle: 第一期 & 说明\n期号: 1\n年度: 2024\n日期: 2024-04-15\n---\n\n# 第一期\n\n<script>alert('jb')</script>\n\n"
        "点我\n{: onclick=\"alert('attr')\" style=\"color:red\" }\n\n[链接](javascript:alert('js'))\n\n<iframe src=\"x.html\"></iframe>\n",
        encoding="utf-8")
    guide = folder / "docs" / "guide.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n\n[坏链接](javascript:alert('guide')) <form><input></form>\n", encoding="utf-8")
    result = build_site(folder, FIXTURE_DATA, as_of="2024-12-31")
    assert result.returncode == 0, result.stdout + result.stderr
    site = folder / "site"
    for page in ("jianbao/2024-01/index.html", "jianbao/index.html", "guide/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        for bad in ("alert('jb')", "alert('attr')", "javascript:", "<iframe", "<form", "color:red", "onclick"):
            assert bad not in article, (page, bad)
    assert "第一期" in (site / "jianbao" / "index.html").read_text(encoding="utf-8")
