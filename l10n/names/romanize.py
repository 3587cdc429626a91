"""Surnames, and the Pinyin of personal and place names.

Personal names are written surname first, given name joined and capitalised, with the
surname readings that differ from a character's common reading; places keep their Pinyin and
translate the administrative suffix (or take the reference places' English).

>>> romanize_name("欧阳修"), romanize_name("单田芳"), romanize_place("吕梁市")
('Ouyang Xiu', 'Shan Tianfang', 'Lüliang City')
"""

from __future__ import annotations

from l10n.lexicon import is_han
from l10n.places import SUFFIXES_IN_TEXT
from l10n.vocabulary import characters, table


COMPOUND_SURNAMES = table("compound_surnames")
"""Two-character surnames, each with its Pinyin as a surname (欧阳 Ouyang, 万俟 Moqi)."""

SURNAME_READINGS = table("surname_readings")
"""Characters whose reading as a surname differs from pypinyin's default reading (单 Shan, 曾 Zeng)."""

SURNAMES = characters("surnames")
"""Common single-character surnames (the ones accepted as the start of a name found in context),
and rarer ones borne by leaders that bulletins name every day (习)."""

_WEAK_SURNAMES = characters("weak_surnames")
"""Surnames that are also common words or place-name starts; accepted only after a title or before 同志."""

PLACE_SUFFIXES = SUFFIXES_IN_TEXT
"""The one-character administrative suffixes a place found in text ends in, with their English
(the ``text`` levels of the one table of levels, :data:`l10n.places.SUFFIXES_IN_TEXT`)."""


def reference_places() -> dict[str, str]:
    """Chinese → English of l10n's reference places (:mod:`l10n.places`):
    every province-, prefecture- and county-level division with its level (娄烦县 Loufan County),
    their safe short forms (娄烦 Loufan), the old names of renamed divisions (襄樊市 Xiangfan City,
    dated in the glossary, not here), countries and their capitals, rivers, lakes and mountains. The spellings
    fixed by convention rather than by the syllables (Shaanxi, Inner Mongolia, Tibet, Hohhot,
    Urumqi, Hong Kong, Macao) are written once, in ``scripts/build_places.py``'s house table.
    """
    from l10n.places import english

    return english()


def pinyin_syllables(text: str) -> list[str]:
    """pypinyin's toneless syllables of *text* (ü written ü), characters without a reading dropped:
    the Pinyin of names and places, here and in ``scripts/build_places.py``.

    >>> pinyin_syllables("吕梁")
    ['lü', 'liang']
    """
    from pypinyin import lazy_pinyin

    return lazy_pinyin(text, v_to_u=True, errors="ignore")


def join_syllables(syllables: list[str]) -> str:
    """Syllables joined, with an apostrophe before a, o, e after the first (Xi'an).

    >>> join_syllables(["xi", "an"]), join_syllables(["jian", "sheng"])
    ("xi'an", 'jiansheng')
    """
    out = ""
    for i, s in enumerate(syllables):
        if i and s[:1] in ("a", "o", "e"):
            out += "'"
        out += s
    return out


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name), recognising compound surnames.

    >>> split_name("欧阳修"), split_name("李成明")
    (('欧阳', '修'), ('李', '成明'))
    """
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def romanize_surname(surname: str) -> str:
    """The Pinyin of a surname, with surname readings.

    >>> romanize_surname("曾"), romanize_surname("司马"), romanize_surname("覃")
    ('Zeng', 'Sima', 'Qin')
    """
    if surname in COMPOUND_SURNAMES:
        return COMPOUND_SURNAMES[surname]
    if surname in SURNAME_READINGS:
        return SURNAME_READINGS[surname]
    return _cap(join_syllables(pinyin_syllables(surname)))


def romanize_name(name: str) -> str:
    """A Chinese personal name in Pinyin, surname first.

    >>> romanize_name("李成明"), romanize_name("王娟"), romanize_name("诸葛亮")
    ('Li Chengming', 'Wang Juan', 'Zhuge Liang')
    """
    name = name.strip()
    if not name or not is_han(name[0]):
        raise ValueError(f"not a Chinese name: {name!r}")
    surname, given = split_name(name)
    if not given:
        return romanize_surname(surname)
    syllables = pinyin_syllables(given)
    if len(syllables) == len(given):
        syllables = [GIVEN_NAME_READINGS.get(ch, syllable) for ch, syllable in zip(given, syllables)]
    return f"{romanize_surname(surname)} {_cap(join_syllables(syllables))}"


GIVEN_NAME_READINGS = table("given_name_readings")
"""Characters whose reading in a given name is not pypinyin's default for the word they make:
长 in a given name is cháng "long, lasting" (韩长赋 Han Changfu, 李长林), never zhǎng "elder"."""


def romanize_place(place: str) -> str:
    """A place name in Pinyin with its administrative suffix translated: the reference
    places' English first (:func:`reference_places`), else the Pinyin of the stem (a village
    or town the data does not list) with the suffix's English.

    >>> romanize_place("娄烦县"), romanize_place("岚县"), romanize_place("西安市"), romanize_place("方山")
    ('Loufan County', 'Lan County', "Xi'an City", 'Fangshan')
    """
    place = place.strip()
    if not place:
        raise ValueError("empty place name")
    known = reference_places()
    if place in known:  # a division with its own level (乐亭县 Laoting County, 鄂伦春自治旗 …)
        return known[place]
    suffix = PLACE_SUFFIXES.get(place[-1]) if len(place) > 1 else None
    stem = place[:-1] if suffix else place
    roman = known.get(stem) or _stem_of_divisions(stem) or _cap(join_syllables(pinyin_syllables(stem)))
    return f"{roman} {suffix}" if suffix else roman


def _stem_of_divisions(stem: str) -> str | None:
    """The English the reference divisions named *stem* + a one-character level give it, where they agree:
    朝阳 is "Chaoyang" (朝阳区 Chaoyang District, 朝阳市, 朝阳县), not pypinyin's "Zhaoyang", when
    an organ took the level (朝阳区委: 朝阳 + 区委).

    >>> _stem_of_divisions("朝阳"), _stem_of_divisions("平遥"), _stem_of_divisions("纽约")
    ('Chaoyang', 'Pingyao', None)
    """
    from l10n.places import LEVELS

    known = reference_places()
    found = {english[: -len(level) - 1] for suffix, level in LEVELS
             if len(suffix) == 1 and (english := known.get(stem + suffix, "")).endswith(" " + level)}
    return found.pop() if len(found) == 1 else None
