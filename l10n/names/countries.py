"""The world's countries as Chinese text names them, and the foreign country a clause is about.

CLDR's territory names (through Babel, loaded on first use), China and its regions left out;
the sides of diplomatic news (越方 "the Vietnamese side": :func:`country_sides`); the foreign
country a clause ties a name to (:func:`foreign_context`); places CC-CEDICT puts in another
country (:func:`is_foreign_city`).
"""

from __future__ import annotations

import functools
import re

from l10n.lexicon import HAN
from l10n.names.context import _CLAUSE_END, either, used_as
from l10n.names.readings import _CHINESE_DEF, _cedict, cedict_reading, tagged
from l10n.terms import Rendering
from l10n.vocabulary import table


@functools.lru_cache(maxsize=1)
def _countries() -> re.Pattern:
    """Chinese names of the world's countries (CLDR, through Babel), China and its
    regions (Hong Kong, Macao, Taiwan) left out, longest first."""
    return re.compile("|".join(re.escape(n) for n in sorted(_foreign_territories("zh"), key=len, reverse=True)))


@functools.lru_cache(maxsize=1)
def _countries_and_parties() -> re.Pattern:
    """:func:`_countries` and the foreign parties (:data:`FOREIGN_PARTIES`: 越共, the Communist
    Party of Vietnam): what ties a name to a foreign country (:func:`foreign_context`)."""
    return re.compile(f"{_countries().pattern}|{either(FOREIGN_PARTIES)}")


def _foreign_territories(locale: str) -> set[str]:
    """CLDR's names, in *locale*, of the world's countries and territories (two-letter codes),
    less China, Hong Kong, Macao, Taiwan and the groupings (EU, UN …)."""
    from babel import Locale

    return {name for code, name in Locale(locale).territories.items()
            if len(code) == 2 and code.isalpha() and code not in ("CN", "HK", "MO", "TW", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ")}


FOREIGN_PARTIES = table("foreign_parties")
"""Foreign parties, abbreviated, that tie a name after them to their country (越共 → 越南): party → country."""

SIDE = "方"
"""方, "side": after a country's first character, that country's side in diplomatic news (越方)."""

SIDE_ABBREVIATIONS = table("side_abbreviations")
"""The countries Chinese diplomatic news writes by one character before 方 ("side") without
naming them (美方 the US side, 越方 the Vietnamese side, 老方 the Lao side): the foreign
ministry's standing abbreviations whose character starts no other country China deals with
as often (巴方 is Pakistan's or Palestine's, so it needs the country named)."""


@functools.lru_cache(maxsize=1)
def _territory_codes() -> dict[str, str]:
    """CLDR's Chinese name of each foreign country or territory → its two-letter code."""
    from babel import Locale

    names = _foreign_territories("zh")
    return {name: code for code, name in Locale("zh").territories.items() if name in names and len(code) == 2}


def country_sides(text: str) -> list[Rendering]:
    """Hints for a foreign country written as its first character and 方, "side": 越方 "the
    Vietnamese side". The character is the country's where the sentence names a country it
    starts (斯里兰卡 … 斯方), else where it is a standing abbreviation (:data:`SIDE_ABBREVIATIONS`);
    X方 must be a word in jieba's reading, so 执法方面, 以方便 and 老方法 hold no side. The span
    is no person's name (韩方表示 is not "Han Fang").

    >>> [(r.source, r.target) for r in country_sides("越方和老方代表出席签字仪式，斯里兰卡外长表示斯方愿同中方合作")]
    [('越方', 'the Vietnamese side'), ('老方', 'the Lao side'), ('斯方', 'the Sri Lankan side')]
    >>> country_sides("执法方面，以方便群众为先，老方法不管用，马方表示")
    []
    """
    from l10n.places import demonyms

    if SIDE not in text:
        return []
    codes = _territory_codes()
    named = {}
    for m in _countries().finditer(text):
        named.setdefault(m.group()[0], codes.get(m.group()))
    words = tagged(text)
    starts = {s for s, _, _ in words}
    longer = {s for s, e, _ in words if e - s > 1}
    hints = []
    for m in re.finditer(f"([{HAN}]){SIDE}", text):
        code = named.get(m.group(1)) or SIDE_ABBREVIATIONS.get(m.group(1))
        if code is None or m.start() not in starts or m.start() + 1 in longer:
            continue
        adjectives = demonyms(f"place-country-{code.lower()}")
        if adjectives:
            english = f"the {adjectives[-1]} side"  # the house form is listed last (Lao, Philippine)
            hints.append(Rendering(m.group(), english, kind="hint", start=m.start(), end=m.end(), category="side"))
    return hints


_CHINA = re.compile(either([*used_as("china_words", "foreign-end"), *used_as("name_followers", "meeting")]))
"""What ends a foreign country's hold on the names after it: China named again, or a meeting
verb (jieba may tag 会见 a noun)."""


def foreign_context(text: str, start: int) -> str | None:
    """The foreign country the clause before *start* ties the name there to, None where
    there is none: a country (or its party: 越南共产党, 越共 for Vietnam) with nothing but
    titles and organs between it and the name; not a country after 驻 (中国驻越南大使), not
    across China or a verb. The country must be a word of the sentence in jieba's reading:
    tagged a place or an organisation, or read whole whatever the tag (马尔代夫, which jieba
    tags a transliterated name).

    >>> [foreign_context(t, t.index(n)) for t, n in [("越南国家主席阮春福出席", "阮春福"), ("越共中央总书记阮富仲出席", "阮富仲"),
    ...     ("越南国家主席阮春福会见中国驻越南大使馆代表王明", "王明"), ("阮富仲在河内会见王毅", "王毅")]]
    ['越南', '越南', None, None]
    >>> foreign_context("马尔代夫总统优素福表示", 6)
    '马尔代夫'
    """
    clause = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    countries = list(_countries_and_parties().finditer(text, clause, start))
    if not countries:
        return None
    country = countries[-1]
    between = text[country.end():start]
    if text[country.start() - 1:country.start()] == "驻" or _CHINA.search(between):
        return None
    words = tagged(text)
    if not any(s == country.start() and (tag[:2] in ("ns", "nt") or e == country.end() or country.group() in FOREIGN_PARTIES) for s, e, tag in words):
        return None  # the country is not a word here (增加纳税 holds no Ghana, 超越共同 no 越共); 马尔代夫/nrt is
    if any(country.end() <= s and e <= start and tag[:1] in ("v", "p", "c") and tag != "vn" for s, e, tag in words):
        return None
    return FOREIGN_PARTIES.get(country.group(), country.group())


@functools.lru_cache(maxsize=1)
def _foreign_country_english() -> re.Pattern:
    """English names of the world's countries (CLDR), China and its regions left out."""
    names = {re.sub(r"\s*\(.*\)", "", name) for name in _foreign_territories("en")}
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


@functools.lru_cache(maxsize=4096)
def is_foreign_city(word: str) -> bool:
    """Whether CC-CEDICT gives *word* as a place in another country: a proper noun whose
    first definition names a foreign country and not China (河内 "Hanoi, capital of Vietnam",
    岘港 "Da Nang, Vietnam"; not 昆明, nor 云南 "…in southwest China, bordering on Vietnam").

    >>> [w for w in ("河内", "胡志明市", "岘港", "金边", "昆明", "云南", "会见") if is_foreign_city(w)]
    ['河内', '胡志明市', '岘港', '金边']
    """
    if cedict_reading(word)[0] != "proper":
        return False
    first = (_cedict().get_entry(word)["definitions"] or [""])[0]
    return bool(_foreign_country_english().search(first)) and not _CHINESE_DEF.search(first)
