"""The glossary teaches name detection: an approved title anchors a name, a not-a-name row stops one.

Every title below is in no built-in list (``l10n.lexicon.TITLES``): the name beside it is found
only because an editor approved the title, and is gone when the title is only proposed. A
``not-a-name`` row keeps a span that reads like a name (高新 in 高新技术企业) from being romanised,
and shows its English as a hint, never enforced. (Any glossary row, proposed ones too, already
keeps names off its span; only an approved title anchors one.)
"""

from __future__ import annotations

import pytest

from l10n.glossary import FIELDS, Glossary
from l10n.lexicon import FOREIGN_TITLES, TITLES
from l10n.required import NOT_A_NAME_CATEGORY, requirements_on

HEADER = ",".join(FIELDS) + "\n"


def glossary(*rows: tuple[str, str, str, str]) -> Glossary:
    """A fresh glossary of (zh, en, category, status) rows."""
    lines = [f"t{i},{zh},{en},{category},{status},,,,,,{'Jing' if status == 'approved' else ''}," for i, (zh, en, category, status) in enumerate(rows)]
    return Glossary.from_text(HEADER + "\n".join(lines) + "\n")


def names(source: str, terms: Glossary) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in requirements_on(source, terms) if r.kind == "name"]


# (title, its English, sentence, the name the title anchors, its Pinyin)
TITLE_ANCHORS = [
    ("总工程师", "Chief Engineer", "总工程师王建国介绍了新书。", "王建国", "Wang Jianguo"),
    ("首席数据官", "Chief Data Officer", "首席数据官李晓红参观了展览。", "李晓红", "Li Xiaohong"),
    ("巡察组组长", "Head of the Inspection Team", "巡察组组长刘晓梅参观了展览。", "刘晓梅", "Liu Xiaomei"),
    ("总会计师", "Chief Accountant", "集团总会计师陈立新来到现场。", "陈立新", "Chen Lixin"),
    ("总经济师", "Chief Economist", "总经济师赵志强介绍了情况。", "赵志强", "Zhao Zhiqiang"),
    ("首席科学家", "Chief Scientist", "项目首席科学家孙建平带领大家参观。", "孙建平", "Sun Jianping"),
    ("总设计师", "Chief Designer", "总设计师周海涛走访了农户。", "周海涛", "Zhou Haitao"),
    ("总编辑", "Editor-in-Chief", "报社总编辑吴晓东参观了展览。", "吴晓东", "Wu Xiaodong"),
    ("总工程师", "Chief Engineer", "王建国总工程师介绍了新书。", "王建国", "Wang Jianguo"),  # the title after the name
    ("首席数据官", "Chief Data Officer", "李晓红首席数据官参观了展览。", "李晓红", "Li Xiaohong"),
]


@pytest.mark.parametrize("title, english, source, name, pinyin", TITLE_ANCHORS)
def test_an_approved_title_anchors_the_name_beside_it(title, english, source, name, pinyin):
    assert not any(title.endswith(t) for t in (*TITLES, *FOREIGN_TITLES))  # only the glossary knows it
    assert names(source, glossary()) == []
    assert names(source, glossary((title, english, "title", "approved"))) == [(name, pinyin)]


@pytest.mark.parametrize("title, english, source, name, pinyin", TITLE_ANCHORS)
def test_a_title_only_proposed_anchors_nothing(title, english, source, name, pinyin):
    assert names(source, glossary((title, english, "title", "proposed"))) == []


def test_a_title_in_another_category_anchors_nothing():
    assert names("总工程师王建国介绍了新书。", glossary(("总工程师", "Chief Engineer", "term", "approved"))) == []


# (sentence, the span read as a name today, the row that says it is none, its English)
NOT_A_NAME = [
    ("代表高新技术企业发言。", "高新", "高新技术", "high-tech"),
    ("院长白酒节致辞。", "白酒节", "白酒节", "Liquor Festival"),
    ("主任金山出席会议。", "金山", "金山", "Jinshan"),
]


@pytest.mark.parametrize("source, false_name, zh, english", NOT_A_NAME)
def test_a_not_a_name_row_removes_a_false_person(source, false_name, zh, english):
    assert [n for n, _ in names(source, glossary())] == [false_name]
    required = requirements_on(source, glossary((zh, english, NOT_A_NAME_CATEGORY, "approved")))
    assert [r for r in required if r.kind == "name"] == []
    assert [(r.source, r.target, r.kind, r.enforced) for r in required if r.source == zh] == [(zh, english, "hint", False)]

