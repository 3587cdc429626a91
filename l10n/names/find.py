"""People and places in a text, rendered: :func:`find_names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from l10n.names.analysis import analysis_of
from l10n.names.context import NAME_DOTS, _Spans
from l10n.names.foreign import FOREIGN_NAME_CATEGORY, foreign_english
from l10n.names.people import _find_person_spans
from l10n.names.places import _find_place_spans, suffix_starts_a_word
from l10n.names.romanize import PLACE_SUFFIXES, romanize_name, romanize_place
from l10n.names.vietnamese import _vietnamese_lists, _vietnamese_rendering
from l10n.terms import Rendering


def find_names(text: str, taken: Iterable[tuple[int, int]] = (), titles: Iterable[tuple[int, int]] = (),
               places: Iterable[tuple[int, int]] = ()) -> list[Rendering]:
    """Person names (kind ``name``) and places (kind ``place``) in *text*, in text order: *text* is
    the segment's :class:`~l10n.names.analysis.Analysis`, which every detector reads, or a plain
    string (its analysis is :func:`~l10n.names.analysis.analysis_of` it).

    Spans in *taken* (glossary matches) are never reused. *titles* are the spans of the
    glossary's approved titles (they are in *taken* too): a name right after or before one
    is a person, as beside a built-in title. *places* are the spans of the places the glossary
    and the reference data name (in *taken* too): a place is no part of a name, and a level
    suffix right after one is the place's (:func:`_levels_after`), so a name may start after it.
    A name or place stem found once is also found where it recurs without its context.

    >>> [(r.source, r.target) for r in find_names("强建生副主席感谢高君宇、石评梅。")]
    [('强建生', 'Qiang Jiansheng'), ('高君宇', 'Gao Junyu'), ('石评梅', 'Shi Pingmei')]
    >>> [(r.source, r.target) for r in find_names("总工程师王建国介绍了新书。", taken=[(0, 4)], titles=[(0, 4)])]
    [('王建国', 'Wang Jianguo')]
    >>> [(r.source, r.target) for r in find_names("凤鸣镇李强表示。", taken=[(0, 2)], places=[(0, 2)])]
    [('李强', 'Li Qiang')]
    """
    text = analysis_of(text)
    spans = _Spans([*taken, *_levels_after(text, places)])
    people = _find_person_spans(text, spans, titles)
    places = _find_place_spans(text, spans)
    results: list[Rendering] = []
    person: dict[str, Rendering] = {}
    vietnamese = _vietnamese_lists(text, sorted(people))
    for s, e in people:
        name = text[s:e]
        if name not in person:
            if (s, e) in vietnamese and not any(c in NAME_DOTS for c in name):
                person[name] = _vietnamese_rendering(name)
            elif foreign := foreign_english(text, s, e):
                person[name] = Rendering(name, foreign, "hint", category=FOREIGN_NAME_CATEGORY)
            else:
                person[name] = Rendering(name, romanize_name(name), "name")
        results.append(replace(person[name], start=s, end=e))
    place_stems: set[str] = set()
    for s, e, with_suffix in places:
        if not spans.free(s, e if with_suffix else e):
            continue
        spans.add(s, e)
        source = text[s:e]
        results.append(Rendering(source, romanize_place(source), "place", s, e))
        stem = source[:-1] if with_suffix else source
        if len(stem) >= 2:
            place_stems.add(stem)
    for known in sorted(person, key=len, reverse=True):
        for m in re.finditer(re.escape(known), text):
            if spans.free(m.start(), m.end()):
                spans.add(m.start(), m.end())
                results.append(replace(person[known], start=m.start(), end=m.end()))
    for known in sorted(place_stems, key=len, reverse=True):
        for m in re.finditer(re.escape(known), text):
            if spans.free(m.start(), m.end()):
                spans.add(m.start(), m.end())
                results.append(Rendering(known, romanize_place(known), "place", m.start(), m.end()))
    results.sort(key=lambda r: r.start)
    return results


def _levels_after(text: str, places: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The level suffixes right after the *places* (凤鸣 + 镇, 乌兰察布 + 市): the place's own, not
    the first character of a name after it; not one that starts a title or another word
    (凤鸣 + 镇长, 罗马 + 市民: :func:`~l10n.names.places.suffix_starts_a_word`).

    >>> _levels_after("凤鸣镇李强表示，凤鸣镇长出席", [(0, 2), (8, 10)])
    [(2, 3)]
    """
    return [(end, end + 1) for _, end in places
            if text[end:end + 1] in PLACE_SUFFIXES and not suffix_starts_a_word(text, end)]
