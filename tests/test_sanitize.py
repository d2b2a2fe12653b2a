"""Record Markdown: the plain-text shortcut gives exactly what the converter gives."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from gongkai.render import sanitize

CASES = [
    "为辖区留守儿童开展课后辅导。",
    "第一段。\n第一段第二行。\n\n第二段。",
    "\n\n前后有空行\n\n\n\n",
    "行尾两个空格  \n换行",
    "    缩进四格是代码",
    " 一个空格开头",
    "- 列表",
    "-1 度也要巡查",
    "+ 加号列表",
    "1. 有序",
    "2024. 年份开头",
    "完成率 95.5%，共 3 项",
    "标题\n---",
    "标题\n===",
    "**加粗** 与 *强调*",
    "a_b_c",
    "[链接](http://example.invalid)",
    "<script>alert(1)</script>",
    "A&B 公司 &amp; 合作",
    "# 井号标题",
    "> 引用",
    "| 表 | 格 |",
    "代码 `x`",
    "全角＃号、（括号）、“引号”、‘单引号’与 \"半角引号\" 'x'",
    "电话 0871-66908126（工作日）",
    "制表\t符",
    "回车\r\n换行",
    "",
]


@pytest.mark.parametrize("text", CASES)
def test_shortcut_matches_the_converter(text: str) -> None:
    assert sanitize.render_markdown(text) == sanitize._convert_and_clean(text)


def test_every_text_of_the_demo_town_renders_as_the_converter_would() -> None:
    texts: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for path in sorted((ROOT / "data").rglob("*.yml")):
        collect(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))
    assert len(texts) > 1000
    shortcut = [t for t in texts if not sanitize._MARKUP_RE.search(t)]
    assert len(shortcut) > len(texts) // 2  # the shortcut is the common case
    for text in texts:
        assert sanitize.render_markdown(text) == sanitize._convert_and_clean(text), text
