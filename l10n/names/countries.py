"""The world's countries as Chinese text names them, and whether a stretch of text names one.

CLDR's territory names (through Babel, loaded on first use), China and its regions left out;
the foreign parties and the one-character abbreviations of diplomatic news (越方 "the Vietnamese
side"); whether a person's stretch of a clause names China or a place abroad (:func:`names_china`,
:func:`names_abroad`); places CC-CEDICT puts in another country (:func:`is_foreign_city`). What a
segment's clauses and sentences say of these countries is its analysis's to read
(:class:`l10n.names.analysis.Analysis`: :func:`~l10n.names.analysis.foreign_context`,
:func:`~l10n.names.analysis.sentence_country`, :func:`~l10n.names.analysis.country_sides`).
"""

from __future__ import annotations

import functools
import re

from l10n.names.context import either, used_as
from l10n.names.readings import _CHINESE_DEF, _cedict, cedict_reading
from l10n.vocabulary import table


@functools.lru_cache(maxsize=1)
def _countries() -> re.Pattern:
    """Chinese names of the world's countries (CLDR, through Babel), China and its
    regions (Hong Kong, Macao, Taiwan) left out, longest first."""
    return re.compile("|".join(re.escape(n) for n in sorted(_foreign_territories("zh"), key=len, reverse=True)))


@functools.lru_cache(maxsize=1)
def _countries_and_parties() -> re.Pattern:
    """:func:`_countries` and the foreign parties (:data:`FOREIGN_PARTIES`: 越共, the Communist
    Party of Vietnam): what ties a name to a foreign country (:meth:`~l10n.names.analysis.Analysis.foreign_context`)."""
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


_CHINA_NAMED = re.compile(either(used_as("china_words", "chinese")))
"""A stretch of a clause that names China, its Party or its organs (中国, 中方, 我市, 国务院) is about China."""


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
