"""The ledger's cell reader and its line-level YAML editor: cells as people type them, edits that touch only their lines."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from gongkai.ledger.cells import read_cell

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("value", "kind", "text", "noted"), [
    (datetime(2024, 3, 5), "day", "2024-03-05", False),
    (45356, "day", "2024-03-05", True),          # a date serial whose format was lost
    ("2024/3/5", "day", "2024-03-05", True),
    ("2024年3月5日", "day", "2024-03-05", True),
    ("2024.3.5", "day", "2024-03-05", True),
    ("２０２４-０３-０５", "day", "2024-03-05", False),
    ("12", "count", "12", False),                 # a number stored as text
    ("１２", "count", "12", False),               # full-width digits
    ("1,234", "count", "1234", False),            # thousands separator
    ("3.50 ", "amount", "3.5", False),
    (26.0, "amount", "26", False),
    ("完成 ", "text", "完成", False),
    ("\u00a0完成\u00a0", "text", "完成", False),  # non-breaking spaces pasted from the web
    ("√", "yesno", "是", False),
    ("否", "yesno", "否", False),
    ("", "yesno", None, False),
    ("2024q4", "quarter", "2024-Q4", True),
])
def test_cells_as_people_type_them(value, kind, text, noted):
    read = read_cell(value, kind)
    assert (read.text, bool(read.note), read.problem) == (text, noted, "")


@pytest.mark.parametrize(("value", "kind", "fix"), [
    ("3月5日", "day", "请写成 2024-09-30"),
    ("2024-02-30", "day", "没有这一天"),
    (87187410310, "phone", "设为“文本”格式"),
    (2.5, "count", "应为整数"),
])
def test_cells_that_cannot_be_read_say_how_to_fix_them(value, kind, fix):
    assert fix in read_cell(value, kind).problem


LEDGER_FILE = """# 测试支部：本文件由党务干部维护
名称: 测试支部   # 行尾备注
类型: 党支部
分类: 农村
承诺:
  - 编号: a
    季度: 2024-Q1
    标题: 旧标题  # 标题备注
    事项:
      - 名称: 走访
        目标: 1
        单位: 次
    完成时限: 2024-03-31
    进程:
      调研: 2024-01-01
    领导点评:
      点评人: 张三
      职务: 书记
      日期: 2024-04-01
      内容: 好
    # 下一条承诺
  - 编号: b
    季度: 2024-Q1
    标题: 第二条
    事项:
      - 名称: 修路
        目标: 2
        单位: 公里
    完成时限: 2024-03-31
    进程:
      调研: 2024-01-01
"""


def test_the_line_editor_changes_only_the_lines_it_must():
    from gongkai.ledger.lines import apply_line_edits
    from gongkai.ledger.merge import Edit
    from gongkai.ledger.report import Place
    from gongkai.records import strict_yaml

    here = Place("t.xlsx", "承诺", 2)
    edits = [
        Edit((), ("名称",), "测试村党支部", "text", here),
        Edit(("承诺", 0), ("标题",), "新标题: 带冒号", "text", here),
        Edit(("承诺", 0), ("内容",), "第一行\n第二行", "text", here),
        *(Edit(("承诺", 0), ("领导点评", key), None, "text", here) for key in ("点评人", "职务", "日期", "内容")),
        Edit(("承诺", 0, "进展", 0), ("日期",), "2024-02-01", "day", here),
        Edit(("承诺", 0, "进展", 0), ("照片",), "photos/a.jpg\nphotos/b.jpg", "paths", here),
        Edit(("承诺", 1, "事项", 0), ("完成",), "2", "amount", here),
        Edit(("承诺", 2), ("编号",), "c", "slug", here),
        Edit(("承诺", 2), ("标题",), "第三条", "text", here),
        Edit(("承诺", 2, "事项", 0), ("名称",), "种树", "text", here),
    ]
    text = apply_line_edits(LEDGER_FILE, edits)
    assert text == LEDGER_FILE.replace("名称: 测试支部   # 行尾备注", "名称: 测试村党支部   # 行尾备注").replace(
        "    标题: 旧标题  # 标题备注\n", '    标题: "新标题: 带冒号"  # 标题备注\n    内容: |-\n      第一行\n      第二行\n').replace(
        "    领导点评:\n      点评人: 张三\n      职务: 书记\n      日期: 2024-04-01\n      内容: 好\n",
        "    进展:\n      - 日期: 2024-02-01\n        照片:\n          - photos/a.jpg\n          - photos/b.jpg\n").replace(
        "        单位: 公里\n", "        单位: 公里\n        完成: 2\n") + (
        "  - 编号: c\n    标题: 第三条\n    事项:\n      - 名称: 种树\n")
    data = strict_yaml.load_data(text)
    assert data["承诺"][0]["内容"] == "第一行\n第二行" and "领导点评" not in data["承诺"][0]


def test_insertions_at_one_place_keep_the_schema_order_and_windows_line_ends():
    from gongkai.ledger.lines import apply_line_edits
    from gongkai.ledger.merge import Edit
    from gongkai.ledger.report import Place

    here = Place("t.xlsx", "承诺", 2)
    source = LEDGER_FILE.replace("\n", "\r\n").rstrip("\r\n")  # saved on Windows, no line end at the very end
    edits = [
        Edit(("承诺", 1), ("群众评议", "满意"), "30", "count", here),
        Edit(("承诺", 1), ("领导点评", "点评人"), "李四", "text", here),
        Edit(("承诺", 1, "进展", 0), ("日期",), "2024-02-01", "day", here),
        Edit(("承诺", 2), ("编号",), "c", "slug", here),
    ]
    text = apply_line_edits(source, edits)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert text.replace("\r\n", "\n").endswith(
        "    进程:\n      调研: 2024-01-01\n"
        "    进展:\n      - 日期: 2024-02-01\n"
        "    领导点评:\n      点评人: 李四\n"
        "    群众评议:\n      满意: 30\n"
        "  - 编号: c\n")


def test_the_line_editor_and_ruamel_agree_on_random_edits_of_the_demo():
    """ruamel.yaml's round trip as the oracle: whatever the edits, both writers give the same records."""
    import random

    from gongkai.ledger.lines import apply_line_edits
    from gongkai.ledger.merge import Edit
    from gongkai.ledger.report import Place
    from gongkai.ledger.write import apply_edits
    from gongkai.records import strict_yaml

    here = Place("t.xlsx", "承诺", 2)
    chance = random.Random(15)
    for path in sorted((ROOT / "data" / "organizations").glob("*.yml"))[::3]:
        text = path.read_text(encoding="utf-8")
        data = strict_yaml.load_data(text)
        pledges, members = data.get("承诺", []), data.get("党员", [])
        edits = [Edit((), ("书记",), chance.choice([None, "王 芳"]), "text", here)]
        for i, pledge in enumerate(pledges):
            roll = chance.random()
            target = ("承诺", i)
            if roll < 0.2:
                edits.append(Edit(target, ("标题",), f"新标题{i}: 冒号", "text", here))
            elif roll < 0.4:
                edits += [Edit(target, ("领导点评", k), v, "text", here) for k, v in (("点评人", "李四"), ("职务", "书记"), ("日期", "2024-12-01"), ("内容", "好\n很好"))]
            elif roll < 0.55:
                edits += [Edit(target, ("领导点评", k), None, "text", here) for k in ("点评人", "职务", "日期", "内容")]
                edits.append(Edit(target, ("内容",), None, "text", here))
            elif roll < 0.7:
                at = len(pledge.get("进展", []))
                edits += [Edit((*target, "进展", at), ("日期",), "2024-12-02", "day", here),
                          Edit((*target, "进展", at), ("内容",), "完成一半", "text", here),
                          Edit((*target, "进展", at), ("照片",), "photos/a.jpg\nphotos/b.jpg", "paths", here)]
            elif roll < 0.8:
                edits.append(Edit((*target, "事项", 0), ("完成",), "7", "amount", here))
                edits.append(Edit(target, ("群众评议", "满意"), "9", "count", here))
        for i, member in enumerate(members):
            if chance.random() < 0.5:
                at = len(member.get("荣誉", []))
                edits += [Edit(("党员", i), ("岗位",), "文明服务岗", "text", here),
                          Edit(("党员", i, "荣誉", at), ("名称",), "优秀共产党员", "text", here),
                          Edit(("党员", i, "荣誉", at), ("年度",), "2024", "count", here)]
        new = len(pledges)
        edits += [Edit(("承诺", new), ("编号",), "2025q1-new", "slug", here), Edit(("承诺", new), ("标题",), "新承诺", "text", here),
                  Edit(("承诺", new, "事项", 0), ("名称",), "走访", "text", here), Edit(("承诺", new, "事项", 0), ("目标",), "3", "amount", here)]
        by_lines, by_ruamel = apply_line_edits(text, edits), apply_edits(text, edits)
        assert strict_yaml.load_data(by_lines) == strict_yaml.load_data(by_ruamel), path.name
        assert by_lines.startswith(text.split("\n", 1)[0])  # the file's own comment stays
