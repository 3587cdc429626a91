"""Numbers in Chinese and English text, normalised to comparable values.

The ``numbers`` QA check asks: is every number of the Chinese source present,
in some equivalent form, in the English translation? Both sides are reduced
to :class:`~decimal.Decimal` values, so ``3.5亿`` (350,000,000) is satisfied
by "350 million", "0.35 billion" or "350,000,000", ``二〇二三年`` by "2023",
``十二月六日`` by "December 6" and ``三县`` by "three counties".

The extraction is deliberately tolerant: Chinese numerals that are usually
words (一些, 统一, 百姓, 十分, 三农 …) are not taken as numbers, the
number 1 written in Chinese is never required (一个 is "a"), and English
month names, ordinals and number words all count.

>>> missing_numbers("2023年12月6日，全县新增就业1.2万人，增长5.3%。",
...                 "On December 6, 2023, the county added 12,000 jobs, up 5.3 percent.")
[]
>>> [n.text for n in missing_numbers("投资3.5亿元", "an investment of 35 million yuan")]
['3.5亿']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from l10n.lexicon import MONTH_ABBREVIATIONS, MONTHS

__all__ = [
    "KEPT_UNITS",
    "Number",
    "chinese_numeral_value",
    "english_numbers",
    "english_ordinal",
    "is_quantity",
    "missing_numbers",
    "misread_units",
    "source_numbers",
    "unit_after",
]


@dataclass(frozen=True)
class Number:
    """A number found in text: its surface ``text``, ``value`` and position; ``more_than``
    when a 多 or 余 makes it a lower bound (一百六十多, 2000余, 三十多万: "more than" it), the
    多 or 余 then part of ``text``; ``nearly`` when a 近 before it makes it an upper bound
    (近三百个政党: "nearly 300"; not 近三年, "the past three years")."""

    text: str
    value: Decimal
    start: int
    end: int
    more_than: bool = False
    nearly: bool = False

    def __post_init__(self) -> None:
        if not is_quantity(self.value):
            raise ValueError(f"{self.text[:40]!r} is too long to be a quantity")  # callers ask is_quantity first
        value = self.value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        object.__setattr__(self, "value", value)


MAX_DIGITS = 20
"""The most digits before the point a quantity has: the largest figures bulletins give (a
budget in yuan) have 15, an ID card number 18. A longer run of digits is no number (nor is
the value of 一亿亿亿…), and a value this long would not fit the decimal arithmetic (28 digits)."""


def is_quantity(value: Decimal) -> bool:
    """Whether *value* is small enough to be a quantity (fewer than :data:`MAX_DIGITS` + 1 digits before the point).

    >>> is_quantity(Decimal("350000000")), is_quantity(Decimal("1" * 21)), is_quantity(Decimal("0.5"))
    (True, False, True)
    """
    return value.is_finite() and value.adjusted() < MAX_DIGITS


_FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)

# Multipliers that may follow an Arabic number in Chinese ("3.5亿", "5千万", "20多万").
_ARABIC = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*([多余]?)([十百千]?[万亿]+|[十百千](?![米克瓦])))?")
_PERCENT_WORD = re.compile(r"百分之([" + _NUMERAL_CHARS + r"]+(?:点[" + "".join(_DIGITS) + r"]+)?)")
_CHINESE_RUN = re.compile(r"[" + _NUMERAL_CHARS + r"]+(?:点[" + "".join(_DIGITS) + r"]+)?")

# A Chinese numeral below 10 written as one character is only a number when
# a measure word, unit or date part follows it (三县, 五个, 六日), not in
# words such as 三农 or 一是.
_CLASSIFIERS = set(
    "个年月日号时点人名位次项家户县市区镇乡村省所条座天周岁倍届期部台辆张份篇件起批种场类支队组栋层亩吨米元角股成轮"
)
_CLASSIFIER_WORDS = ("公里", "平方", "千米", "公顷", "万", "亿", "多", "余", "小时", "分钟", "周年", "方面", "大")
# Words that contain numeral characters but are not numbers.
_NOT_NUMBERS = (
    "一些", "一起", "一直", "一定", "一般", "一切", "一样", "一体", "一道", "一致", "一批", "一线", "一方面",
    "一带一路", "一流", "一系列", "一度", "一旦", "一再", "一同", "一律", "一向", "一举", "一贯", "一手",
    "统一", "唯一", "万一", "千万", "百姓", "千方百计", "十分", "万众", "百花", "百年", "千年", "万家",
    "四面八方", "七上八下", "三轮车", "三角", "三心二意", "一心一意", "专一", "同一", "逐一", "第一时间", "万物", "千家万户",
)
_APPROXIMATE_BEFORE = "几数"  # 几十万, 数百: "hundreds of thousands", not a figure (上千 starts with a unit: no figure either)
_NEARLY = "近"
"""Before a number, "nearly" it (近三百, 近300), unless a span of time follows: 近三年 is "the
past three years" (:data:`_PERIODS`)."""
_PERIODS = ("年", "个月", "月", "天", "日", "周", "小时")
_NEAR_PLACE = ("附近", "邻近", "靠近", "就近", "临近")
"""Words ending in 近 that say "near" a place, not "nearly" a number (附近五个村: five villages nearby)."""


def chinese_numeral_value(text: str) -> Decimal | None:
    """The value of a Chinese numeral, or None if *text* is not a well-formed one.

    >>> [chinese_numeral_value(t) for t in ("三十五", "十二", "二〇二三", "一万二千", "三千五百万", "3.5")]
    [Decimal('35'), Decimal('12'), Decimal('2023'), Decimal('12000'), Decimal('35000000'), None]
    >>> chinese_numeral_value("十四五") is None, chinese_numeral_value("一点五")
    (True, Decimal('1.5'))
    >>> [int(chinese_numeral_value(t)) for t in ("一百二", "一百零二", "三千五", "两万三", "三亿五")]
    [120, 102, 3500, 23000, 350000000]
    """
    if not text:
        return None
    whole, _, fraction = text.partition("点")
    if fraction:
        if not all(ch in _DIGITS for ch in fraction):
            return None
        value = _integer_value(whole)
        if value is None:
            return None
        return value + Decimal("0." + "".join(str(_DIGITS[ch]) for ch in fraction))
    return _integer_value(whole)


def _integer_value(text: str) -> Decimal | None:
    if not text:
        return None
    if all(ch in _DIGITS for ch in text):
        if len(text) == 1:
            return Decimal(_DIGITS[text])
        # 二〇二三: read digit by digit (years, codes)
        return Decimal("".join(str(_DIGITS[ch]) for ch in text))
    total = wan = section = 0
    digit: int | None = None
    last_small = 10**4
    seen_wan = False
    for ch in text:
        if ch in "〇零":
            digit = None  # 一百零五: 零 marks a gap, it is not a digit
        elif ch in _DIGITS:
            if digit is not None:
                return None  # two digits in a row: 十四五 is not a numeral
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_small = None, unit
        elif ch == "万":
            section += digit or 0
            if section == 0 or seen_wan:
                return None
            wan, section, digit, last_small, seen_wan = section * 10**4, 0, None, 10**4, True
        else:  # 亿
            value = wan + section + (digit or 0)
            if value == 0 and total == 0:
                return None
            total = (total + value) * 10**8
            wan = section = 0
            digit, last_small, seen_wan = None, 10**4, False
    if digit and text[-2:-1] in ("百", "千", "万", "亿"):
        # 一百二, 三千五, 两万三: a digit right after 百, 千, 万 or 亿 counts in the next unit down
        digit *= (_SMALL_UNITS.get(text[-2]) or _BIG_UNITS[text[-2]]) // 10
    return Decimal(total + wan + section + (digit or 0))


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _multiplier(units: str) -> Decimal | None:
    """The factor of a run of Chinese unit characters after a digit (千万 → 10^7)."""
    factor = Decimal(1)
    previous = None
    for ch in units:
        unit = _SMALL_UNITS.get(ch) or _BIG_UNITS.get(ch)
        if previous is not None and unit <= previous and not (previous < 10**4 <= unit):
            return None
        factor *= unit
        previous = unit
    return factor


def source_numbers(text: str) -> list[Number]:
    """The numbers of a Chinese sentence that its translation must keep.

    >>> [(n.text, str(n.value)) for n in source_numbers("二〇二三年十二月六日，86万人，三县，百分之五十")]
    [('二〇二三', '2023'), ('十二', '12'), ('六', '6'), ('86万', '860000'), ('三', '3'), ('五十', '50')]
    >>> source_numbers("统一思想，一些百姓十分满意，三农工作，上千人")
    []
    >>> [(n.text, str(n.value), n.more_than) for n in source_numbers("世界上一百六十多个国家，2000余亩，三十多万人，20多万元，1.2万余份")]
    [('一百六十多', '160', True), ('2000余', '2000', True), ('三十多万', '300000', True), ('20多万', '200000', True), ('1.2万余', '12000', True)]
    >>> [(n.text, n.nearly) for n in source_numbers("近三百个政党，近300人，近三年来，附近五个村")]
    [('三百', True), ('300', True), ('三', False), ('五', False)]
    """
    text = text.translate(_FULLWIDTH)
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    for m in _ARABIC.finditer(text):
        base = _decimal(m.group(1) + (m.group(2) or ""))
        units = m.group(4)
        if units:
            factor = _multiplier(units)
            if factor is None:
                units = None
            else:
                base *= factor
        end = m.end() if units else m.start() + len(m.group(1)) + len(m.group(2) or "")
        taken.append((m.start(), end))
        if not units and text.startswith("年代", end) or not is_quantity(base):
            continue  # 40年代 is "the 1940s"; a run of 30 digits is no figure
        found.append(_with_more_than(text, Number(text[m.start():end], base, m.start(), end, more_than=bool(units and m.group(3)),
                                                  nearly=_is_nearly(text, m.start(), end))))

    masked = _mask_not_numbers(text)
    for m in _PERCENT_WORD.finditer(masked):
        value = chinese_numeral_value(m.group(1))
        if value is not None and is_quantity(value):
            found.append(Number(m.group(1), value, m.start(1), m.end(1)))
            taken.append((m.start(), m.end()))

    for m in _CHINESE_RUN.finditer(masked):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if masked.startswith("年代", m.end()):
            continue
        number = _chinese_number(masked, m)
        if number is not None:
            found.append(_with_more_than(masked, number))
    found.sort(key=lambda n: n.start)
    return found


_NOT_NUMBER = re.compile(
    r"(?<![\d" + _NUMERAL_CHARS + r"])(?:" + "|".join(sorted(_NOT_NUMBERS, key=len, reverse=True)) + ")"
)


def _mask_not_numbers(text: str) -> str:
    # 千万 is "by all means", but 三千万 is 30 million: only mask words not preceded by a numeral
    return _NOT_NUMBER.sub(lambda m: "□" * len(m.group(0)), text)


_MORE_THAN = re.compile(r"[多余]([十百千]?[万亿]+)?")


def _with_more_than(text: str, number: Number) -> Number:
    """*number* with the 多 or 余 after it, and the 万 or 亿 after that: 一百六十多 is more than
    160, 2000余 more than 2,000, 三十多万 more than 300,000 (not 30)."""
    m = _MORE_THAN.match(text, number.end)
    if m is None:
        return number
    factor = _multiplier(m.group(1)) if m.group(1) else Decimal(1)
    if factor is not None and not is_quantity(number.value * factor):
        factor = None  # 多 alone, not a 万 or 亿 that would make it no quantity
    end = m.end() if factor is not None else m.start() + 1
    return Number(text[number.start:end], number.value * (factor or 1), number.start, end, more_than=True)


def _is_nearly(text: str, start: int, end: int) -> bool:
    """Whether the number at *start*–*end* of *text* is "nearly" it (:data:`_NEARLY`)."""
    return (text.endswith(_NEARLY, 0, start) and not text.endswith(_NEAR_PLACE, 0, start)
            and not text.startswith(_PERIODS, end))


def _chinese_number(text: str, m: re.Match) -> Number | None:
    run, start, end = m.group(0), m.start(), m.end()
    if start > 0 and text[start - 1] in _APPROXIMATE_BEFORE:
        return None
    if run[0] in _SMALL_UNITS and run[0] != "十" or run[0] in _BIG_UNITS:
        return None  # 百姓, 千里, 万人: words, not figures
    after = text[end:end + 2]
    if "点" not in run and all(ch in _DIGITS for ch in run) and len(run) > 1:
        # digit-by-digit only for years (二〇二三年) or with 〇: 五四 is May Fourth
        if not (after.startswith("年") or "〇" in run):
            return None
    value = chinese_numeral_value(run)
    if value is None or not is_quantity(value):
        return None
    followed = bool(after) and (after[0] in _CLASSIFIERS or after.startswith(_CLASSIFIER_WORDS))
    if value == 1 and not after.startswith(("月", "日", "号")):
        return None  # 一个 → "a"; requiring "one" would flag good English
    if len(run) == 1 and not followed:
        return None
    if start > 0 and text[start - 1] == "第" and value <= 1:
        return None
    return Number(run, value, start, end, nearly=_is_nearly(text, start, end))


KEPT_UNITS = {"亩": "mu", "斤": "jin"}
"""Chinese units that English news keeps by name ("50 mu", "300,000 jin"): the small model
turns 亩 (1/15 hectare) into "acres" and 斤 (half a kilogram) into "kilograms"."""
_UNIT_AFTER = re.compile(f"[{''.join(KEPT_UNITS)}]")
_MISREAD_UNIT = re.compile(r"[\s-]*(acres?|kilograms?|kilos?|kg|pounds?|lbs?)\b", re.I)
"""What a :data:`KEPT_UNITS` unit is mistaken for: 50亩 is about 8 acres, 50斤 25 kilograms."""


def unit_after(text: str, number: Number) -> re.Match | None:
    """The :data:`KEPT_UNITS` unit right after *number* in *text*, or None."""
    return _UNIT_AFTER.match(text, number.end)


def misread_units(source: str, translation: str) -> list[tuple[str, str, str, tuple[int, int]]]:
    """``(source quantity, English figure, English unit, span)`` for each :data:`KEPT_UNITS` quantity of
    *source* that *translation* gives with its figure and another unit: "50 acres" for 50亩.

    >>> misread_units("种植50亩，产粮30万斤。", "50 acres were planted and 300,000 kilograms of grain harvested.")
    [('50亩', '50', 'acres', (0, 8)), ('30万斤', '300,000', 'kilograms', (26, 43))]
    >>> misread_units("种植50亩。", "50 mu (about 3.3 hectares) were planted.")
    []
    """
    if not any(unit in source for unit in KEPT_UNITS):
        return []  # QA asks this of every segment; hardly any has a 亩 or 斤
    english = english_numbers(translation)
    found = []
    for number in source_numbers(source):
        unit = unit_after(source, number)
        if unit is None:
            continue
        for n in english:
            wrong = _MISREAD_UNIT.match(translation, n.end) if n.value == number.value else None
            if wrong:
                found.append((source[number.start:unit.end()], n.text, wrong.group(1), (n.start, wrong.end())))
    return found


# ---------------------------------------------------------------- English

_WORD_VALUES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "centenary": 100, "centennial": 100, "dozen": 12,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
           "bn": 10**9, "mn": 10**6}
_MONTHS = {**{name: n for n, name in enumerate(MONTHS, 1)}, **MONTH_ABBREVIATIONS}
_EN_NUMBER = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"((?:[\s-]+(?:hundred|thousand|million|billion|trillion|bn|mn)s?\b)*)",
    re.IGNORECASE,
)
_EN_WORD = re.compile(r"[A-Za-z]+")
_AFTER_DIGITS = re.compile(r"\d[\s-]*\Z")
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?")


def english_ordinal(n: int) -> tuple[str, str]:
    """*n* as an ordinal in figures, and in words below 100 ('' above).

    >>> english_ordinal(12), english_ordinal(23), english_ordinal(40), english_ordinal(104)
    (('12th', 'twelfth'), ('23rd', 'twenty-third'), ('40th', 'fortieth'), ('104th', ''))
    """
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    ordinals = {value: word for word, value in _ORDINALS.items() if value < 100 and word != "dozen"}
    tens, units = divmod(n, 10)
    if n in ordinals:
        words = ordinals[n]
    elif 20 < n < 100:
        words = f"{next(w for w, v in _WORD_VALUES.items() if v == tens * 10)}-{ordinals[units]}"
    else:
        words = ""
    return f"{n}{suffix}", words


def english_numbers(text: str) -> list[Number]:
    """Every number in an English sentence: digits, scales, number words, ordinals, months.

    >>> [str(n.value) for n in english_numbers("350 million, 0.35 billion, 12,000, twenty-five, 6th, December")]
    ['350000000', '350000000', '12000', '25', '6', '12']
    >>> [str(n.value) for n in english_numbers("three hundred and fifty thousand people in two counties")]
    ['350000', '2']
    """
    text = text.translate(_FULLWIDTH)
    found: list[Number] = []
    for m in _EN_NUMBER.finditer(text):
        value = _decimal(m.group(1))
        for scale in re.findall(r"[a-z]+", m.group(2).lower()):
            value *= _SCALES[scale[:-1] if scale.endswith("s") and scale[:-1] in _SCALES else scale]
        if is_quantity(value):
            found.append(Number(m.group(0), value, m.start(), m.end()))
    found.extend(_word_numbers(text))
    for m in _MONTH.finditer(text):
        found.append(Number(m.group(1), Decimal(_MONTHS[m.group(1)]), m.start(), m.end()))
    found.sort(key=lambda n: n.start)
    return found


def _word_numbers(text: str) -> list[Number]:
    """Spelled-out numbers ("twenty-five", "three hundred and fifty thousand", "fifth")."""
    words = [(m.group(0).lower(), m.start(), m.end()) for m in _EN_WORD.finditer(text)]
    numbers: list[Number] = []
    i = 0
    while i < len(words):
        word, start, end = words[i]
        if word in _ORDINALS:
            numbers.append(Number(text[start:end], Decimal(_ORDINALS[word]), start, end))
            i += 1
            continue
        if word not in _WORD_VALUES and word not in _SCALES or word in ("bn", "mn") or _AFTER_DIGITS.search(text, 0, start):
            i += 1  # "350 million" was read with its digits
            continue
        total, current, j, last_end = 0, 0, i, end
        while j < len(words):
            w, s, e = words[j]
            if j > i and text[last_end:s].strip(" -") != "":
                break
            if w in _WORD_VALUES:
                current += _WORD_VALUES[w]
            elif w in ("hundred",):
                current = (current or 1) * 100
            elif w in ("thousand", "million", "billion", "trillion"):
                total += (current or 1) * _SCALES[w]
                current = 0
            elif w == "and" and j > i and words[j - 1][0] in _SCALES and j + 1 < len(words) and words[j + 1][0] in _WORD_VALUES:
                pass  # "three hundred and fifty"
            elif w in _ORDINALS and j > i:
                current += _ORDINALS[w]
                last_end = e
                j += 1
                break
            else:
                break
            last_end = e
            j += 1
        if is_quantity(Decimal(total + current)):
            numbers.append(Number(text[start:last_end], Decimal(total + current), start, last_end))
        i = max(j, i + 1)
    return numbers


def missing_numbers(source: str, translation: str) -> list[Number]:
    """Numbers of *source* with no equivalent anywhere in *translation*.

    >>> missing_numbers("十二月六日", "December 6")
    []
    >>> [n.text for n in missing_numbers("增长5.3%", "up 3.5%")]
    ['5.3']
    """
    have = {n.value for n in english_numbers(translation)}
    return [n for n in source_numbers(source) if n.value not in have]


def extra_numbers(source: str, translation: str) -> list[Number]:
    """Numbers written in digits in *translation* that the source does not have.

    >>> [n.text for n in extra_numbers("7月26日电", "July 26, 2020")]
    ['2020']
    >>> extra_numbers("出生于上世纪40年代", "born in the 1940s")
    []
    """
    have = {n.value for n in source_numbers(source)} | _decades(source)
    return [n for n in english_numbers(translation) if n.text[:1].isdigit() and n.value not in have]


_DECADE = re.compile(r"(?<!\d)([1-9]0)年代")


def _decades(source: str) -> set[Decimal]:
    """The years a decade of *source* may be written as: 40年代 is "the 1940s" (or the 2040s).

    >>> sorted(_decades("出生于上世纪40年代"))
    [Decimal('1940'), Decimal('2040')]
    """
    return {Decimal(century + int(m.group(1))) for m in _DECADE.finditer(source.translate(_FULLWIDTH)) for century in (1900, 2000)}
