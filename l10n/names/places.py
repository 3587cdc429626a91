"""Places in running text: whether a word is a place, places found by their suffix, national capitals.
"""

from __future__ import annotations

import functools
import re

from l10n.names.analysis import analysis_of
from l10n.names.context import STOP_CHARACTERS, _Spans, _is_cjk
from l10n.names.countries import _countries
from l10n.names.readings import _cedict, cedict_reading, is_known_place, is_word
from l10n.names.romanize import PLACE_SUFFIXES, reference_places
from l10n.vocabulary import table


_NOT_PLACES = frozenset(table("not_places"))
"""Two-character words ending in a place suffix that are not places (山区, 超市, 家乡)."""

_NOT_PLACE_FOLLOWERS = table("not_place_followers")
"""For each place suffix, the characters after it that make it start a word (市长, 市民, 区域)."""


def suffix_starts_a_word(text: str, i: int) -> bool:
    """Whether the place suffix ``text[i]`` starts a title or another word with the character
    after it (市长, 市民, 区域, 县级) instead of ending a place.

    >>> suffix_starts_a_word("罗马市长", 2), suffix_starts_a_word("罗马市人", 2), suffix_starts_a_word("罗马市", 2)
    (True, False, False)
    """
    return text[i + 1 : i + 2] != "" and text[i + 1] in _NOT_PLACE_FOLLOWERS.get(text[i], "")


_GEOGRAPHY = re.compile(r"\b(?:river|lake|mountains?|range|sea|island|bay|gorge|plateau|basin|canal|reservoir|desert|valley|delta|strait)\b", re.I)


@functools.lru_cache(maxsize=4096)
def is_place_name(word: str) -> bool:
    """Whether *word* is a place: one of the reference places (:func:`reference_places`), or
    one CC-CEDICT knows: an administrative division (:func:`is_known_place`), a river, lake
    or mountain range, or a country.

    >>> [w for w in ("长江", "长白山", "长春", "越南", "长期", "李强") if is_place_name(w)]
    ['长江', '长白山', '长春', '越南']
    """
    if is_known_place(word) or word in reference_places():
        return True
    if cedict_reading(word)[0] != "proper":
        return False
    first = (_cedict().get_entry(word)["definitions"] or [""])[0]
    return bool(_GEOGRAPHY.search(first)) or bool(_countries().fullmatch(word))


def _find_place_spans(text: str, spans: _Spans) -> list[tuple[int, int, bool]]:
    """(start, end, with_suffix) of places.

    A suffix that starts a glossary match (县委, 市政协) is left to the glossary and
    only the stem before it is a place, when the dictionary or the rest of the
    text confirms that it is one.
    """
    found: list[tuple[int, int, bool]] = []
    suffix_at: set[int] = set()
    pending: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch not in PLACE_SUFFIXES:
            continue
        inside = not spans.free(i, i + 1)
        if inside and i not in spans.starts:
            continue
        j = i
        while j > 0 and i - j < 6 and _is_cjk(text[j - 1]) and text[j - 1] not in STOP_CHARACTERS and j not in spans.ends and j - 1 not in suffix_at:
            if not spans.free(j - 1, j):
                break
            j -= 1
        run = text[j:i]
        if not run or run[-1] + ch in _NOT_PLACES:
            continue
        if not inside and suffix_starts_a_word(text, i):
            continue
        stem = ""
        for length in (4, 3, 2, 1):  # 乌鲁木齐, 呼和浩特
            candidate = run[-length:]
            if len(candidate) == length and (is_known_place(candidate) or is_known_place(candidate + ch)):
                stem = candidate
                break
        if not stem:  # a place the dictionary knows, across a character that stops a run: 呼和浩特
            for length in (4, 3):
                candidate = text[max(0, i - length):i]
                if len(candidate) == length and all(map(_is_cjk, candidate)) and spans.free(i - length, i) and is_known_place(candidate):
                    stem = candidate
                    break
        if not stem and not inside and 2 <= len(run) <= 3 and not is_word(run) and not is_word(run + ch):
            stem = run  # a village or town the dictionary does not list
        if not stem:
            if inside and len(run) >= 2:
                pending.append((i - min(len(run), 3), i))
            continue
        if inside:
            found.append((i - len(stem), i, False))
        else:
            found.append((i - len(stem), i + 1, True))
            suffix_at.add(i)
    # A stem before a glossary term counts when the text names the same place with its suffix.
    confirmed = {text[s:e - 1] for s, e, w in found if w}
    for s, e in pending:
        for k in range(s, e - 1):
            if text[k:e] in confirmed:
                found.append((k, e, False))
                break
    found.sort()
    return found


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """The reference places' national capitals: Chinese → the Chinese of their country."""
    from l10n.places import rows

    reference = rows()[1]
    country = {r[2]: r[1] for r in reference if r[0].startswith("place-country-")}
    return {r[1]: country.get(r[8].removeprefix("CC-CEDICT, capital of "), "") for r in reference if r[0].startswith("place-capital-")}


def capital_country(word: str) -> str | None:
    """The Chinese of the country whose capital *word* is, None where it is no national
    capital of the reference places.

    >>> capital_country("金边"), capital_country("万象"), capital_country("北京"), capital_country("长沙")
    ('柬埔寨', '老挝', None, None)
    """
    return _capitals().get(word)


def capital_context(text: str, start: int, end: int) -> bool:
    """Whether the sentence ties the capital at ``text[start:end]`` to its country: the
    country named in the same sentence (老挝 … 万象) or paired with China (中老铁路万象站:
    :func:`_paired_with_china`), 首都 right before it, or a foreign
    country before it in its clause (:meth:`~l10n.names.analysis.Analysis.foreign_context`).

    >>> [capital_context(t, t.index("万象"), t.index("万象") + 2) for t in ("中国和老挝在万象签署协议", "老挝首都万象", "万象更新")]
    [True, True, False]
    """
    a = analysis_of(text)
    lo, hi = a.sentence_of(start, end)
    country = capital_country(text[start:end])
    if country and country in text[lo:start] + "|" + text[end:hi]:
        return True
    if country and _paired_with_china(text, lo, hi, country):
        return True
    return text.endswith("首都", 0, start) or a.foreign_context(start) is not None


_CHINA_SHORT = "中"
"""China's one-character short form, paired with another country's (中老铁路, 中柬友谊)."""


def _paired_with_china(text: str, lo: int, hi: int, country: str) -> bool:
    """Whether ``text[lo:hi]`` pairs China with *country* by their first characters (中老铁路,
    中柬友谊, 老中边境), not inside a longer word (中老年人 "the middle-aged and elderly").

    >>> [_paired_with_china(t, 0, len(t), "老挝") for t in ("中老铁路万象站开通", "老中边境", "中老年人包罗万象")]
    [True, True, False]
    """
    for pair in (_CHINA_SHORT + country[0], country[0] + _CHINA_SHORT):
        for m in re.compile(pair).finditer(text, lo, hi):
            i = m.start()
            if not any(is_word(text[a:b]) for a, b in ((i, i + 3), (i - 1, i + 2)) if a >= 0 and b <= len(text)):
                return True
    return False


def place_at_an_edge(text: str, start: int, stop: int, *, start_edge: bool = True, end_edge: bool = True) -> bool:
    """Whether a place (:func:`is_place_name`) crosses an edge of ``text[start:stop]``: one
    beginning inside the span and running on after it (巴特尔在呼 + 和浩特), or one beginning
    before it and ending inside it (巴西 + 利亚 of 巴西利亚). A name span never holds a
    place's characters (issue 18: "no title or name is matched across a place").

    >>> [place_at_an_edge(t, a, b) for t, a, b in (("巴特尔在呼和浩特", 0, 5), ("巴特尔在呼和浩特", 0, 3), ("在巴西利亚出席", 3, 5))]
    [True, False, True]
    """
    crossing_end = ((k, k + n) for k in range(start + 1, stop) for n in range(2, 6) if k + n > stop and end_edge)
    crossing_start = ((k, k + n) for k in range(max(0, start - 4), start) for n in range(2, 6) if start < k + n <= stop and start_edge)
    return any(e <= len(text) and is_place_name(text[s:e]) for s, e in (*crossing_end, *crossing_start))
