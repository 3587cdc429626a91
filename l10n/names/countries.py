"""The world's countries as Chinese text names them, and the foreign country a clause is about.

CLDR's territory names (through Babel, loaded on first use), China and its regions left out;
the sides of diplomatic news (越方 "the Vietnamese side": :func:`country_sides`); the foreign
country a clause ties a name to (:func:`foreign_context`), or the rest of its sentence
(:func:`sentence_country`), and whether a person's stretch of a clause names China or a place
abroad (:func:`person_stretch`, :func:`names_china`, :func:`names_abroad`); places CC-CEDICT puts
in another country (:func:`is_foreign_city`).
"""

from __future__ import annotations

import functools
import re

from l10n.lexicon import HAN, clause_around, sentence_around
from l10n.names.context import COMRADE, either, used_as
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

    hints = []
    for m, code in _sides(text):
        adjectives = demonyms(f"place-country-{code.lower()}")
        if adjectives:
            english = f"the {adjectives[-1]} side"  # the house form is listed last (Lao, Philippine)
            hints.append(Rendering(m.group(), english, kind="hint", start=m.start(), end=m.end(), category="side"))
    return hints


def _sides(text: str) -> list[tuple[re.Match, str]]:
    """Each foreign country's side in *text* (越方) with the country's two-letter code: what
    :func:`country_sides` says in English and :func:`sentence_country` reads as the country."""
    if SIDE not in text:
        return []
    codes = _territory_codes()
    named = {}
    for m in _countries().finditer(text):
        named.setdefault(m.group()[0], codes.get(m.group()))
    words = tagged(text)
    starts = {s for s, _, _ in words}
    longer = {s for s, e, _ in words if e - s > 1}
    found = []
    for m in re.finditer(f"([{HAN}]){SIDE}", text):
        code = named.get(m.group(1)) or SIDE_ABBREVIATIONS.get(m.group(1))
        if code is not None and m.start() in starts and m.start() + 1 not in longer:
            found.append((m, code))
    return found


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
    clause = clause_around(text, start, start)[0]
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


_CHINA_NAMED = re.compile(either(used_as("china_words", "chinese")))
"""A stretch of a clause that names China, its Party or its organs (中国, 中方, 我市, 国务院) is about China."""

_PARTNER = re.compile(either([*used_as("name_followers", "meeting"), *used_as("name_followers", "partner")]))
"""What ends the stretch of a clause about one person: a meeting with someone else, a conjunction."""

_OBJECT_MARKERS = frozenset(table("prepositions")) | frozenset(used_as("name_followers", "partner"))
"""Characters right before a country that make it a partner or an object (与中国, 同中方, 对中国), not the side a clause speaks for."""


def person_stretch(text: str, start: int, end: int) -> str:
    """The stretch of the clause about the person at ``text[start:end]``: the clause, cut at a
    meeting with someone else or a conjunction that brings someone in (:data:`_PARTNER`), before
    and after the person; the text before them, ``|``, the text after them.

    >>> t = "习近平会见越南总理范明政，双方表示"
    >>> person_stretch(t, 0, 3), person_stretch(t, 9, 12)
    ('|', '越南总理|')
    """
    lo, hi = clause_around(text, start, end)
    lo = max([m.end() for m in _PARTNER.finditer(text, lo, start)] or [lo])
    after = _PARTNER.search(text, end, hi)
    return text[lo:start] + "|" + text[end:after.start() if after else hi]


def _windows(stretch: str) -> set[str]:
    """Every run of two to six characters of *stretch*: the words a place may be."""
    return {stretch[i:j] for i in range(len(stretch)) for j in range(i + 2, min(len(stretch), i + 6) + 1)}


def names_china(stretch: str) -> bool:
    """Whether *stretch* names China, its Party, an organ of its own (:data:`_CHINA_NAMED`) or a
    place of the PRC (云南省长, 平遥县委书记).

    >>> [names_china(s) for s in ("中共云南省委书记|", "平遥县委书记|", "越南总理|")]
    [True, True, False]
    """
    return bool(_CHINA_NAMED.search(stretch)) or bool(_windows(stretch) & _prc_places())


def names_abroad(stretch: str) -> bool:
    """Whether *stretch* names a foreign country, its party or a city CC-CEDICT puts abroad (河内).

    >>> [names_abroad(s) for s in ("越南总理|", "|在河内会见", "云南省长|")]
    [True, True, False]
    """
    return bool(_countries_and_parties().search(stretch)) or any(map(is_foreign_city, _windows(stretch)))


@functools.lru_cache(maxsize=1)
def _prc_places() -> frozenset[str]:
    """The PRC's divisions among the reference places, with their short forms (云南, 昆明)."""
    from l10n.places import rows

    return frozenset(r[1] for r in rows()[1] if r and r[0].startswith("place-cn-"))


def sentence_country(text: str, start: int, end: int) -> str | None:
    """The foreign country the rest of the sentence ties the person at ``text[start:end]`` to,
    where their own clause names none before them (:func:`foreign_context`): a foreign country
    that another clause speaks for (范明政总理表示，越南愿与中国加强合作: 越南 opens its clause,
    nothing but nouns before it; 越方, 越共 likewise), where the sentence names China only as a
    partner or an object (与中国, 同中方). None where:

    - CC-CEDICT lists the person as Chinese (习近平), or 同志 follows them (comrades are Chinese);
    - their own stretch of the clause (:func:`person_stretch`) names China or a PRC place
      (国务院总理李强, 平遥县委书记王建国: :func:`names_china`);
    - China is named elsewhere in the sentence other than as a partner or object (李强总理表示，
      中国愿同越南…; 王建国表示，越南是我市重要伙伴: the speaker's side);
    - their own clause names a foreign country or city, which :func:`foreign_context` has read
      (王毅抵达越南, 习近平会见越南总理范明政: the visitor and the host stay Chinese);
    - the other clauses name a foreign country only after a verb or a preposition, or as a
      modifier (王建国副县长表示，越南客商前来投资: Vietnamese traders, not Vietnam's side).

    Of several countries, the nearest to the person.

    >>> t = "范明政总理表示，越南愿与中国加强合作。"
    >>> sentence_country(t, 0, 3), sentence_country("李成明表示，中国愿与越南加强合作。", 0, 3)
    ('越南', None)
    >>> sentence_country("刘建超抵达越南，表示中方愿同越方加强合作。", 0, 3)
    >>> sentence_country("习近平同越南国家主席武文赏会谈。", 0, 3)
    """
    lo, hi = sentence_around(text, start, end)
    own_lo, own_hi = clause_around(text, start, end, lo, hi)
    outside = lambda a: lo <= a < own_lo or own_hi <= a < hi
    if not any(outside(m.start()) for m in _countries_and_parties().finditer(text, lo, hi)) and not any(
            outside(m.start()) for m in re.finditer(f"[{''.join(SIDE_ABBREVIATIONS)}]{SIDE}", text[:hi])):
        return None  # no foreign country outside the person's clause: jieba need not be asked
    if names_abroad(text[own_lo:own_hi]):
        return None  # their own clause names a country or a city abroad: foreign_context's to read (王毅抵达越南, 抵达河内)
    if cedict_reading(text[start:end])[0] == "person" or text.startswith(COMRADE, end) or names_china(person_stretch(text, start, end)):
        return None
    codes = {code: name for name, code in _territory_codes().items()}
    foreign = [(m.start(), m.end(), FOREIGN_PARTIES.get(m.group(), m.group())) for m in _countries_and_parties().finditer(text, lo, hi)]
    foreign += [(m.start(), m.end(), codes[code]) for m, code in _sides(text) if code in codes]
    china = [(m.start(), m.end(), None) for m in _CHINA_NAMED.finditer(text, lo, hi)]
    words = tagged(text)
    owners = []
    for a, b, country in sorted(m for m in (*foreign, *china) if outside(m[0])):
        if not any(s == a for s, _, _ in words):
            continue  # no word of the sentence here (增加纳税 holds no Ghana, 集中方式 no 中方)
        if country is None:
            if text[a - 1:a] not in _OBJECT_MARKERS:  # 与中国, 愿同 + 中方 (jieba may join the marker to the verb)
                return None  # China named as a side, not a partner: the person may be its
        elif _speaks_for(text, words, a, clause_around(text, a, a, lo, hi)[0]):
            owners.append((a, b, country))
    if not owners:
        return None
    return min(owners, key=lambda o: min(abs(o[0] - end), abs(start - o[1])))[2]


def _speaks_for(text: str, words: tuple[tuple[int, int, str], ...], at: int, clause: int) -> bool:
    """Whether the clause that begins at *clause* speaks for the country whose word (in jieba's
    *words*) begins at *at*: no verb, preposition or conjunction before it in the clause (越南愿,
    今年越南将; not 感谢越南, 在越南), and no noun after its word, which it would only modify
    (越南政府 + 高度重视 speaks for Vietnam; 越南 + 客商, Vietnamese traders, does not).

    >>> t = "会上，越南政府高度重视合作，越南客商前来投资，感谢越南的支持"
    >>> [_speaks_for(t, tagged(t), t.index(w), t.index(w) - k) for w, k in (("越南政府", 0), ("越南客商", 0), ("越南的", 2))]
    [True, False, False]
    """
    if any(clause <= s and e <= at and tag[:1] in ("v", "p", "c") and tag != "vn" for s, e, tag in words):
        return False
    end = next(e for s, e, _ in words if s == at)
    return not any(s == end and tag.startswith("n") for s, _, tag in words)


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
