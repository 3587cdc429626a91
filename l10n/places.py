"""l10n's reference places: ``l10n/data/places.csv``, built by ``scripts/build_places.py``.

The PRC's province-, prefecture- and county-level divisions with their short forms,
countries and their capitals, and major rivers, lakes and mountains, each an approved glossary row
(category ``place``). The old names of renamed or merged divisions (襄樊市, 盘县, 柳州地区) are rows
too, with ``valid_to`` the day before the change. :mod:`l10n.glossary.store` lays them read-only
under every project's glossary (an old name is required with its English only up to its date,
and is a place after it: :meth:`l10n.glossary.match.Matcher.from_terms`); :mod:`l10n.names`
reads their English (:func:`english`).

>>> english()["娄烦县"], english()["六安"]
('Loufan County', "Lu'an")
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import L10nError
from l10n.vocabulary import table

REFERENCE_PLACES = Path(__file__).resolve().parent / "data" / "places.csv"
DEMONYMS = Path(__file__).resolve().parent / "data" / "demonyms.tsv"


@dataclass(frozen=True)
class Level:
    """An administrative level (``levels.tsv``): the suffix that names it, its English as a place
    name's last words (*noun*: Lüliang City) and as an organ's adjective (Municipal Party
    Committee; "" for none), and its *uses* (``division``, ``text``, ``organ``)."""

    suffix: str
    noun: str
    adjective: str
    uses: frozenset[str]


def _levels() -> tuple[Level, ...]:
    out = []
    for suffix, value in table("levels").items():
        noun, adjective, uses = (value.split("\t") + ["", ""])[:3]
        out.append(Level(suffix, noun, adjective if adjective != "-" else "", frozenset(uses.split())))
    return tuple(out)


ADMINISTRATIVE_LEVELS = _levels()
"""Every level of the one table of levels (``levels.tsv``), the longest suffix first."""

LEVELS = tuple((level.suffix, level.noun) for level in ADMINISTRATIVE_LEVELS if "division" in level.uses)
"""The level suffixes of a division's name, longest first, and their English (``scripts/build_places.py``
writes a division's English as its Pinyin and this)."""

SUFFIXES_IN_TEXT = {level.suffix: level.noun for level in ADMINISTRATIVE_LEVELS if "text" in level.uses}
"""The one-character suffixes a place found in running text ends in, with their English (孝义市, 小店镇)."""

ORGAN_LEVELS = {level.suffix: level.adjective for level in ADMINISTRATIVE_LEVELS if "organ" in level.uses}
"""The level an organ's name starts with, and the adjective its English takes from it (市委: Municipal)."""

LEVEL_WORDS = frozenset(level.noun.split()[-1] for level in ADMINISTRATIVE_LEVELS if level.uses & {"division", "text"})
"""The last word of a place's English that names its level (Changsha City, Hunan Province,
Lüliang City, Xiaoyi Town); a short form's English has none (Guangzhou, Garze)."""


def names_its_level(english: str) -> bool:
    """Whether a place's *english* ends in its level, so the Chinese name's last character is
    the level suffix (长沙市, 湖南省), not part of the name (广州, 杭州).

    >>> names_its_level("Changsha City"), names_its_level("Garze Tibetan Autonomous Prefecture"), names_its_level("Guangzhou")
    (True, True, False)
    """
    words = english.split()
    return bool(words) and words[-1] in LEVEL_WORDS


def organ_level(place: str, english: str) -> tuple[str, str] | None:
    """(the place's English without its level, the level's adjective) for a place whose Chinese
    ends in a level an organ takes (:data:`ORGAN_LEVELS`) and whose *english* ends in that level's
    noun; None for any other place (a short form, an autonomous region, a Special Administrative Region).

    >>> organ_level("吕梁市", "Lüliang City"), organ_level("湖南省", "Hunan Province"), organ_level("吕梁", "Lüliang")
    (('Lüliang', 'Municipal'), ('Hunan', 'Provincial'), None)
    >>> organ_level("内蒙古自治区", "Inner Mongolia Autonomous Region") is None
    True
    """
    level = next((level for level in ADMINISTRATIVE_LEVELS if place.endswith(level.suffix) and len(place) > len(level.suffix)), None)
    if level is None or "organ" not in level.uses or not english.endswith(" " + level.noun):
        return None
    return english.removesuffix(" " + level.noun), level.adjective


@functools.lru_cache(maxsize=4)
def rows(path: Path = REFERENCE_PLACES) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """The file's text and its rows after the header (each a tuple of fields), read once per process."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise L10nError(f"The reference places {path} cannot be read ({exc}); reinstall l10n or set [glossary] reference_places = false.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    return text, tuple(tuple(r) for r in reader)


@functools.lru_cache(maxsize=1)
def english() -> dict[str, str]:
    """Chinese → English of every reference place (娄烦县 Loufan County, 娄烦 Loufan), old names
    included whatever their date: what is a place is not a matter of the bulletin's date."""
    return {r[1]: r[2] for r in rows()[1] if len(r) > 2}


_COUNTRY_ID = re.compile(r"place-country-([a-z]{2})(?:-\d+)?")


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, ...]]:
    try:
        lines = DEMONYMS.read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        return {}  # no adjectives accepted: QA asks for the country's name, as before
    return {code: tuple(words.split("|")) for code, words, *_ in (line.split("\t") for line in lines if line.strip())}


def demonyms(entry_id: str | None) -> tuple[str, ...]:
    """The adjectives of the country whose reference row is *entry_id* ("Canadian" for
    ``place-country-ca``), from ``l10n/data/demonyms.tsv``; none for any other row.

    >>> demonyms("place-country-ca"), demonyms("place-country-la"), demonyms("place-cn-140123")
    (('Canadian',), ('Laotian', 'Lao'), ())
    """
    m = _COUNTRY_ID.fullmatch(entry_id or "")
    return _demonyms().get(m.group(1).upper(), ()) if m else ()


_FOREIGN_ID = re.compile(r"place-(country|capital)-")


@functools.lru_cache(maxsize=1)
def _foreign_english() -> tuple[re.Pattern | None, dict[str, tuple[str, bool]]]:
    """A pattern for the English of every foreign country and capital of the reference places,
    and each English's Chinese name and whether it is a country's."""
    chinese = {}
    for row in rows()[1]:
        m = _FOREIGN_ID.match(row[0]) if len(row) > 6 else None
        if m and not row[6]:  # a current name only
            chinese.setdefault(row[2], (row[1], m.group(1) == "country"))
    if not chinese:
        return None, {}
    words = "|".join(re.escape(e) for e in sorted(chinese, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])"), chinese


def foreign_places_not_in(source: str, translation: str) -> list[tuple[str, str, tuple[int, int]]]:
    """``(English, Chinese, span)`` of each foreign country or capital *translation* names that
    *source* does not: neither its Chinese name nor, for a country, the character Chinese news
    shortens it to (美 of 美方 and 中美 for the United States). The small model turns a foreign
    person into a country it resembles (马拉帕纳 "Mauritania") and an embassy into the wrong one.

    >>> foreign_places_not_in("马拉帕纳祝贺中共十九大胜利召开。", "Mauritania congratulated the CPC on its 19th National Congress.")
    [('Mauritania', '毛里塔尼亚', (0, 10))]
    >>> foreign_places_not_in("中美双方在东京会谈，越方表示", "China and the United States held talks in Tokyo; Vietnam said")
    []
    """
    pattern, chinese = _foreign_english()
    if pattern is None:
        return []
    found = []
    for m in pattern.finditer(translation):
        name, country = chinese[m.group()]
        if name not in source and not (country and name[0] in source):
            found.append((m.group(), name, m.span()))
    return found

