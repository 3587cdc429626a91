"""No organ or title is read across a word boundary the sentence's words draw (issue 42).

A glossary match that the sentence's own words cut is no term there: 公明党 + 组成 ("the Komeito
formed …") holds no 党组 (a Leading Party Members' Group), 组织 + 部分 ("organised some …") no
组织部 (an Organization Department), 城市 + 委托 no 市委. Two rules read jieba's words for it:
:func:`l10n.names.term_split_by_the_text` (ordinary words on both sides of the match) and
:func:`l10n.names.term_across_words` (an organ whose last part begins a word that runs on).
Every sentence is written for this table; none is taken from the benchmark set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary.store import Glossary
from l10n.places import REFERENCE_PLACES
from l10n.required import requirements

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def matcher():
    return Glossary.from_files(sorted((ROOT / "glossary").glob("*.csv")), reference=[REFERENCE_PLACES]).matcher()


def terms(text: str, matcher) -> list[str]:
    return [r.source for r in requirements(text, matcher) if r.kind == "term"]


ACROSS = [
    # organs: a party's name, then a verb
    ("自民党和公明党组成执政联盟。", "党组"),
    ("两党组成联合政府。", "党组"),
    ("日本共产党和社民党组成统一战线。", "党组"),
    ("朝野各党组成联合调查组。", "党组"),
    ("多个政党组成竞选联盟。", "党组"),
    ("该国执政党组建新内阁。", "党组"),
    ("各国政党组成联盟。", "党组"),
    ("执政党组成新政府。", "党组"),
    ("民主党组阁失败。", "党组"),
    ("共和党组织筹款晚宴。", "党组织"),
    ("工党组织示威活动。", "党组织"),
    ("两党委托专家研究。", "党委"),
    ("执政党委托智库研究。", "党委"),
    ("政党委托第三方调查。", "党委"),
    # organs: a unit, then 委托 ("entrust") or 委员会 ("committee")
    ("城市委托第三方评估。", "市委"),
    ("本市委托专业机构评估。", "市委"),
    ("该市委托高校研究。", "市委"),
    ("超市委托供应商配送。", "市委"),
    ("都市委员会审议规划。", "市委"),
    ("该县委托专家论证。", "县委"),
    ("全县委托第三方评估。", "县委"),
    ("两县委托专家规划。", "县委"),
    ("本省委托高校研究。", "省委"),
    ("全省委托第三方评估。", "省委"),
    ("该省委员会发表声明。", "省委"),
    ("社区委托物业管理。", "区委"),
    ("园区委托第三方运营。", "区委"),
    ("景区委托公司运营。", "区委"),
    ("各区委托社会组织。", "区委"),
    ("小区委员会成立。", "区委"),
    # organs: 组织 + 部分 ("organised some of")
    ("公司组织部分员工参观。", "组织部"),
    ("学校组织部分师生参加。", "组织部"),
    ("协会组织部分会员考察。", "组织部"),
    # the People's Congress and the CPPCC inside ordinary words
    ("老人大多住在农村。", "人大"),
    ("病人大幅减少。", "人大"),
    ("工人大声抗议。", "人大"),
    ("商人大量囤货。", "人大"),
    ("行政协议已经签署。", "政协"),
    ("财政协同推进改革。", "政协"),
    ("邮政协会召开年会。", "政协"),
    # titles inside ordinary words
    ("城市长远发展规划。", "市长"),
    ("农村长期存在的问题。", "村长"),
    ("大学校长期坚持改革。", "校长"),
    ("该院长期从事研究。", "院长"),
]


@pytest.mark.parametrize("text, term", ACROSS)
def test_no_term_is_read_across_the_words_of_the_sentence(matcher, text, term):
    assert not any(term in found for found in terms(text, matcher))


@pytest.mark.parametrize("text, term", [
    ("县委党组成员出席。", "党组"),  # the words only divide it: 县委 + 党组 + 成员
    ("市政府党组书记出席。", "党组书记"),
    ("基层党组织建设。", "党组织"),  # one word in jieba's reading
    ("武汉市政府召开会议。", "市政府"),  # the place's level is the organ's: 武汉市 + 政府
    ("县委组织部召开会议。", "县委组织部"),
    ("乌镇镇党委书记出席。", "镇党委书记"),  # the rest, 党委书记, is a term of its own
    ("中央军委副主席出席。", "中央军委副主席"),
    ("国家发展改革委主任何立峰出席。", "主任"),  # a title before a name: jieba's 任何 ("any") does not cut it
])
def test_a_term_the_words_only_divide_stays(matcher, text, term):
    assert term in terms(text, matcher)
