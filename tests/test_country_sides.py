"""A foreign country written as its first character and 方 ("side"): a hint with the
country's adjective, and never a person's name. Every sentence is written for this table;
none is taken from the benchmark set."""

from __future__ import annotations

import pytest

from l10n.names import country_sides
from l10n.required import requirements

SIDES = [
    # the foreign ministry's standing abbreviations, the country not named
    ("美方应当停止干涉", "美方", "the American side"),
    ("俄方高度评价两国合作", "俄方", "the Russian side"),
    ("日方作出积极回应", "日方", "the Japanese side"),
    ("韩方表示欢迎", "韩方", "the South Korean side"),
    ("朝方代表团抵达北京", "朝方", "the North Korean side"),
    ("越方愿同中方一道努力", "越方", "the Vietnamese side"),
    ("老方感谢中方长期支持", "老方", "the Lao side"),
    ("柬方坚定奉行一个中国政策", "柬方", "the Cambodian side"),
    ("缅方积极推进项目建设", "缅方", "the Burmese side"),
    ("泰方期待深化合作", "泰方", "the Thai side"),
    ("菲方同意重启磋商", "菲方", "the Philippine side"),
    ("英方宣布新的措施", "英方", "the British side"),
    ("德方支持这一倡议", "德方", "the German side"),
    ("法方重视发展对华关系", "法方", "the French side"),
    ("澳方应当客观看待", "澳方", "the Australian side"),
    ("印方派出代表团", "印方", "the Indian side"),
    ("蒙方愿加强互联互通", "蒙方", "the Mongolian side"),
    ("意方欢迎中国企业投资", "意方", "the Italian side"),
    # another country's first character, where the sentence names it
    ("巴基斯坦总理表示，巴方将全力保障项目安全", "巴方", "the Pakistani side"),
    ("斯里兰卡外长说，斯方愿同中方加强合作", "斯方", "the Sri Lankan side"),
    ("马来西亚总理表示，马方欢迎中国投资", "马方", "the Malaysian side"),
    ("新加坡国务资政说，新方重视对华关系", "新方", "the Singaporean side"),
]


@pytest.mark.parametrize("source, side, english", SIDES, ids=[s for s, _, _ in SIDES])
def test_a_countrys_side_is_hinted_by_its_adjective(source, side, english):
    assert [(r.source, r.target) for r in country_sides(source) if r.source == side] == [(side, english)]


@pytest.mark.parametrize("source", [
    "执法方面存在不足",        # 法 ends 执法, 方面 a word
    "以方便群众办事为目标",     # 以 + 方便
    "老方法已经不管用了",       # 老 + 方法
    "越方便越好",              # 越 + 方便
    "朝方向努力",              # 朝 + 方向
    "马方表示同意",            # 马: many countries, none named
    "巴方表示支持",            # 巴: Pakistan or Palestine, neither named
    "双方一致同意加强合作",
    "西方国家纷纷表态",
    "各地方政府积极响应",
])
def test_no_side_where_the_characters_are_another_word_or_the_country_is_unknown(source):
    assert country_sides(source) == []


@pytest.mark.parametrize("source, side", [("韩方表示欢迎", "韩方"), ("泰方强调", "泰方"), ("德方认为", "德方"),
                                          ("马来西亚总理表示，马方欢迎中国投资", "马方")])
def test_a_side_is_no_persons_name(source, side):
    found = [(r.kind, r.source) for r in requirements(source, None)]
    assert ("hint", side) in found and not any(kind == "name" for kind, _ in found)
