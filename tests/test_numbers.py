"""Numbers, dates, percentages and 万/亿 quantities on both sides of a translation."""

from decimal import Decimal

import pytest

from l10n.numbers import chinese_numeral_value, english_numbers, missing_numbers, source_numbers


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三十五", 35), ("十二", 12), ("十", 10), ("二十", 20), ("一百零五", 105), ("一千零五十", 1050),
        ("一万二千", 12000), ("三千五百万", 35_000_000), ("一亿二千万", 120_000_000), ("三万亿", 3 * 10**12),
        ("二〇二三", 2023), ("二零二三", 2023), ("一点五", Decimal("1.5")),
        # a last digit right after its unit counts in the next unit down; after 零 it is units
        ("一百二", 120), ("一百零二", 102), ("三千五", 3500), ("两万三", 23_000), ("二十三万五", 235_000), ("三亿五", 350_000_000),
    ],
)
def test_chinese_numeral_value(numeral, value):
    assert chinese_numeral_value(numeral) == value


@pytest.mark.parametrize("text", ["十四五", "二十三五", "", "3"])
def test_chinese_numeral_value_refuses_non_numerals(text):
    assert chinese_numeral_value(text) is None


@pytest.mark.parametrize(
    ("zh", "values"),
    [
        ("3.5亿元", [350_000_000]),
        ("1.2万人", [12_000]),
        ("86万", [860_000]),
        ("20多万个", [200_000]),
        ("三十多万人，两千余亿元", [300_000, 200_000_000_000]),
        ("5千万", [50_000_000]),
        ("1.2万亿元", [1_200_000_000_000]),
        ("12,000人", [12_000]),
        ("２０２３年", [2023]),
        ("增长5.3%", [Decimal("5.3")]),
        ("百分之五十", [50]),
        ("二〇二三年十二月六日", [2023, 12, 6]),
        ("12月6日", [12, 6]),
        ("三县", [3]),
        ("两个", [2]),
        ("第十四届", [14]),
        ("3千米", [3]),  # kilometres, not 3000
        ("统一思想，一些百姓十分满意，三农工作，千方百计", []),
        ("几十万人，数百家", []),
        ("世界上一百六十多个国家，上千人", [160]),  # 上 ends 世界上; 上千 starts with its unit
        ("五四运动，十四五规划", []),
        ("一个会议", []),  # "a meeting": 一 is never required
        ("上世纪40年代", []),  # "the 1940s"
    ],
)
def test_source_numbers(zh, values):
    assert [n.value for n in source_numbers(zh)] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    ("zh", "more_than"),
    [
        ("一百六十多个国家", [("一百六十多", True)]),
        ("2000余人", [("2000余", True)]),
        ("20多万个", [("20多万", True)]),
        ("三十多万人", [("三十多万", True)]),
        ("1.2万余份", [("1.2万余", True)]),
        ("十多年", [("十多", True)]),
        ("20余千米", [("20余", True)]),  # 千米 is a kilometre, not a thousand
        ("3个多功能厅", [("3", False)]),  # 多功能 is "multi-purpose": a 个 between
        ("86万人，增长5.3%", [("86万", False), ("5.3", False)]),
    ],
)
def test_source_numbers_more_than(zh, more_than):
    """多 or 余 after a number makes it a lower bound, and is part of the number's text."""
    assert [(n.text, n.more_than) for n in source_numbers(zh)] == more_than


@pytest.mark.parametrize(
    ("zh", "nearly"),
    [
        ("近三百个政党", [("三百", 300, True)]),
        ("将近300人", [("300", 300, True)]),
        ("接近五十万元", [("五十万", 500_000, True)]),
        ("近2.5亿元", [("2.5亿", 250_000_000, True)]),
        ("近三年来", [("三", 3, False)]),  # "in the past three years"
        ("近5个月", [("5", 5, False)]),
        ("最近十天", [("十", 10, False)]),
        ("附近五个村", [("五", 5, False)]),  # five villages nearby
        ("靠近300米", [("300", 300, False)]),
        ("近年来", []),
        ("三百个政党", [("三百", 300, False)]),
    ],
)
def test_source_numbers_nearly(zh, nearly):
    """近 before a number makes it an upper bound ("nearly"), unless a span of time follows or
    近 ends a word for "near"."""
    assert [(n.text, n.value, n.nearly) for n in source_numbers(zh)] == [(t, Decimal(v), b) for t, v, b in nearly]


@pytest.mark.parametrize(
    ("en", "values"),
    [
        ("350 million", [350_000_000]),
        ("0.35 billion", [350_000_000]),
        ("12 thousand", [12_000]),
        ("860,000", [860_000]),
        ("twenty-five", [25]),
        ("three hundred and fifty thousand", [350_000]),
        ("the 6th of December", [6, 12]),
        ("the fourteenth", [14]),
        ("5.3 percent", [Decimal("5.3")]),
    ],
)
def test_english_numbers(en, values):
    assert [n.value for n in english_numbers(en)] == [Decimal(v) for v in values]


# Each quantity both ways: an equivalent English form passes, a wrong one is flagged.
@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("投资3.5亿元", "an investment of 350 million yuan"),
        ("投资3.5亿元", "an investment of 0.35 billion yuan"),
        ("投资3.5亿元", "an investment of 350,000,000 yuan"),
        ("新增1.2万人", "12,000 more people"),
        ("新增1.2万人", "12 thousand more people"),
        ("覆盖86万人", "covering 860,000 people"),
        ("覆盖86万人", "covering 860 thousand people"),
        ("二〇二三年", "in 2023"),
        ("十二月六日", "on December 6"),
        ("十二月六日", "on 6 December"),
        ("12月6日", "on December 6th"),
        ("共三十五人", "35 people in all"),
        ("共三十五人", "thirty-five people in all"),
        ("三县", "three counties"),
        ("增长5.3%", "up 5.3 percent"),
        ("1,200人", "1200 people"),
        ("第二次会议", "the second meeting"),
        ("建党一百周年", "the centenary of the Party"),
    ],
)
def test_equivalent_numbers_pass(zh, en):
    assert missing_numbers(zh, en) == []


@pytest.mark.parametrize(
    ("zh", "en", "missing"),
    [
        ("投资3.5亿元", "an investment of 35 million yuan", ["3.5亿"]),
        ("投资3.5亿元", "an investment of 3.5 yuan", ["3.5亿"]),
        ("新增1.2万人", "1,200 more people", ["1.2万"]),
        ("覆盖86万人", "covering 86 people", ["86万"]),
        ("二〇二三年", "in 2022", ["二〇二三"]),
        ("十二月六日", "on November 6", ["十二"]),
        ("共三十五人", "53 people in all", ["三十五"]),
        ("三县", "two counties", ["三"]),
        ("增长5.3%", "up 3.5%", ["5.3"]),
    ],
)
def test_changed_numbers_are_flagged(zh, en, missing):
    assert [n.text for n in missing_numbers(zh, en)] == missing
