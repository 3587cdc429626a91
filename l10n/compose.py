"""The one composer of place + level + organ English: requirements, export and ``glossary suggest`` all ask it.

A place and the organ or title right after it are one name in English, in the glossary's own
wording, whichever stage asks: what drafting requires (:mod:`l10n.required`), the Source line
export and drafting write (:func:`l10n.export.compose_body_name`) and the English ``l10n glossary
suggest`` proposes (:func:`l10n.glossary.suggest.built_english`). Two rules, from the one table
of administrative levels (``levels.tsv``, :data:`l10n.places.ADMINISTRATIVE_LEVELS`):

- a place goes inside the body an organ's or title's English names by its level (… of the
  Municipal Party Committee): 如皋 + 市委宣传部 is the "Publicity Department of the Rugao
  Municipal Party Committee", as the glossary's own 衡阳市委宣传部 is;
- a place that ends in its level (吕梁市, Lüliang City) gives an organ whose English names no
  level that level's adjective: 吕梁市 + 档案局 is the "Lüliang Municipal Archives Bureau", as
  the glossary's own 衡阳市教育局 is the "Hengyang Municipal Bureau of Education" and 甘肃省博物馆
  the "Gansu Provincial Museum" (not "Lüliang City Archives Bureau", which stays a variant).

Before a place goes in, an approved title right after a committee is held of it (省委 + 副书记:
"Deputy Secretary of the Provincial Party Committee", :func:`titles_of_their_committee`).
Anything else stays apart: two renderings, which export and suggest write side by side.

>>> R = Rendering
>>> [r.target for r in composed([R("吕梁", "Lüliang", kind="place", category="place", start=0, end=2),
...     R("地委宣传部", "Publicity Department of the Prefectural Party Committee", category="organ", start=2, end=7)])]
['Publicity Department of the Lüliang Prefectural Party Committee']
>>> [r.target for r in composed([R("吕梁市", "Lüliang City", category="place", start=0, end=3),
...     R("档案局", "Archives Bureau", category="organ", start=3, end=6)])]
['Lüliang Municipal Archives Bureau']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from l10n.places import ADMINISTRATIVE_LEVELS, ORGAN_LEVELS, names_its_level, organ_level
from l10n.terms import Rendering
from l10n.vocabulary import either

THE_PARTY = ("CPC", "Communist Party of China")
"""The glossary's English of 中共 and of 中国共产党."""

_ORGAN_LEVEL_WORDS = {word for level in ADMINISTRATIVE_LEVELS if "organ" in level.uses for word in (level.adjective, level.noun)}
_OF_A_LEVEL = re.compile(rf"\bof the (?=(?:{either(_ORGAN_LEVEL_WORDS)})\b)", re.I)
"""Where a body's English names the level it is of (… of the Municipal Party Committee): the place goes there."""

_LEVEL_WORDS = {word for level in ADMINISTRATIVE_LEVELS for word in (level.adjective, level.noun.split()[-1]) if word}
_A_LEVEL = re.compile(rf"\b(?:{either(_LEVEL_WORDS)})\b")
"""A level's adjective or its noun's last word (Municipal, City, Region …): an organ's English with
one names its level already, or a place's (Lüliang Municipal Archives Bureau), and takes no other."""

_NOUNS = {level.suffix: level.noun for level in ADMINISTRATIVE_LEVELS}


def place_inside(body: str, place: str) -> str | None:
    """*body*'s English with *place* in it where it names a level's body, or None where it names none.

    >>> place_inside("Party History Research Office of the Municipal Party Committee", "Jinzhong")
    'Party History Research Office of the Jinzhong Municipal Party Committee'
    >>> place_inside("County Government", "Loufan") is None
    True
    """
    return _OF_A_LEVEL.sub(f"of the {place} ", body, count=1) if _OF_A_LEVEL.search(body) else None


def names_a_level(english: str) -> bool:
    """Whether an organ's *english* names a level (Municipal Government, Township Party Committee)
    or a place with its level already, so no place's level goes before it.

    >>> names_a_level("Archives Bureau"), names_a_level("Municipal Government"), names_a_level("Lüliang Municipal Archives Bureau")
    (False, True, True)
    """
    return bool(_A_LEVEL.search(english))


def with_level(level: str, organ: Rendering) -> Rendering | None:
    """*organ* after the level character *level* alone (县 + 地方志办公室): its English after the level's
    adjective ("County Local Chronicles Office"); None where the level is no organ's or the organ names its own.

    >>> with_level("县", Rendering("地方志办公室", "Local Chronicles Office", category="organ", start=1, end=7)).target
    'County Local Chronicles Office'
    """
    adjective = ORGAN_LEVELS.get(level, "")
    if not adjective or organ.category != "organ" or names_a_level(organ.target):
        return None
    before = lambda english: f"{adjective} {english}"
    return replace(organ, source=level + organ.source, start=organ.start - len(level), target=before(organ.target),
                   variants=tuple(map(before, organ.variants)), first_mention=before(organ.first_mention) if organ.first_mention else "")


def with_place(place: Rendering, body: Rendering) -> tuple[Rendering, str] | None:
    """*place* and the organ or title *body* right after it made one rendering, and the place's
    words in it ("Rugao", "Lüliang Municipal"); None where they stay apart (no level to put
    the place in or take from it, a place with its level before a body that names one, a title
    after a place with its level: 吕梁市 + 副市长 is no "Lüliang Municipal Vice Mayor").

    The place after the body ("… of the Municipal Party Committee of Rugao") and the two side
    by side (as approved translations may have them) are variants; the body's forbidden forms stay.

    >>> place = Rendering("如皋", "Rugao", kind="place", category="place", start=0, end=2)
    >>> organ = Rendering("市委宣传部", "Publicity Department of the Municipal Party Committee", category="organ", start=2, end=7)
    >>> merged, where = with_place(place, organ)
    >>> merged.source, merged.target, merged.variants, where
    ('如皋市委宣传部', 'Publicity Department of the Rugao Municipal Party Committee', ('Publicity Department of the Municipal Party Committee of Rugao', 'Rugao Publicity Department of the Municipal Party Committee'), 'Rugao')
    >>> city = Rendering("吕梁市", "Lüliang City", category="place", start=0, end=3)
    >>> merged, where = with_place(city, Rendering("档案局", "Archives Bureau", category="organ", start=3, end=6))
    >>> merged.target, merged.variants, where
    ('Lüliang Municipal Archives Bureau', ('Archives Bureau of Lüliang City', 'Lüliang City Archives Bureau'), 'Lüliang Municipal')
    >>> with_place(city, Rendering("副市长", "Vice Mayor", category="title", start=3, end=6)) is None
    True
    """
    if not place.target or body.category not in ("organ", "title"):
        return None
    level = organ_level(place.source, place.target)
    if level is None and not names_its_level(place.target) and place_inside(body.target, place.target):
        where = place.target
        compose = lambda english: place_inside(english, where) or english
    elif level is not None and body.category == "organ" and not names_a_level(body.target):
        where = " ".join(level)
        compose = lambda english: f"{where} {english}"
    else:
        return None
    variants = (*map(compose, body.variants), f"{body.target} of {place.target}", f"{place.target} {body.target}")
    return replace(body, source=place.source + body.source, start=place.start, target=compose(body.target), variants=variants,
                   first_mention=compose(body.first_mention) if body.first_mention else ""), where


def places_in_their_organs(terms: Sequence[Rendering]) -> list[Rendering]:
    """*terms* with each place and the organ or title right after it made one rendering
    (:func:`with_place`). 中共 before the place is the body's own "Party" (中共桂林市委书记:
    "Secretary of the Guilin Municipal Party Committee"), so it joins the rendering, with
    Xinhua's "CPC Guilin Municipal Committee" as a variant. Renderings already composed are
    left as they are, so composing twice changes nothing.

    >>> place = Rendering("如皋", "Rugao", kind="place", category="place", start=0, end=2)
    >>> organ = Rendering("市委宣传部", "Publicity Department of the Municipal Party Committee", category="organ", start=2, end=7,
    ...                   forbidden=("Propaganda Department",))
    >>> [(r.source, r.target, r.forbidden) for r in places_in_their_organs([place, organ])]
    [('如皋市委宣传部', 'Publicity Department of the Rugao Municipal Party Committee', ('Propaganda Department',))]
    >>> title = Rendering("省委常委", "Member of the Standing Committee of the Provincial Party Committee", category="title", start=2, end=6)
    >>> [r.target for r in places_in_their_organs([replace(place, source="河北", target="Hebei"), title])]
    ['Member of the Standing Committee of the Hebei Provincial Party Committee']
    >>> body = Rendering("县委", "County Party Committee", category="organ", start=2, end=4)
    >>> [r.target for r in places_in_their_organs([place, body])]
    ['Rugao', 'County Party Committee']
    >>> party = Rendering("中共", "CPC", category="organ", start=0, end=2)
    >>> [(r.source, r.variants[-1]) for r in places_in_their_organs([party, replace(place, start=2, end=4), replace(organ, start=4, end=9)])]
    [('中共如皋市委宣传部', 'Publicity Department of the CPC Rugao Municipal Committee')]
    >>> places_in_their_organs(places_in_their_organs([place, organ])) == places_in_their_organs([place, organ])
    True
    """
    out: list[Rendering] = []
    for term in terms:
        place = out[-1] if out else None
        both = (with_place(place, term) if place is not None and "place" in (place.category, place.kind) and place.end == term.start
                else None)
        if both is None:
            out.append(term)
            continue
        merged, where = both
        party = out[-2] if len(out) >= 2 else None
        if party is not None and party.target in THE_PARTY and party.end == place.start and "Party Committee" in merged.target:
            cpc = merged.target.replace(f"{where} ", f"CPC {where} ", 1).replace("Party Committee", "Committee", 1)
            out[-2:] = [replace(merged, source=party.source + merged.source, start=party.start, variants=(*merged.variants, cpc))]
        else:
            out[-1] = merged
    return out


def titles_of_their_committee(terms: Sequence[Rendering]) -> list[Rendering]:
    """*terms* with a committee (an approved organ whose English is a committee, a commission
    or a congress's committee: :data:`_COMMITTEE`) and the approved title right after it made
    one rendering, the title held of the committee: 省委 + 副书记 is the "Deputy Secretary of the
    Provincial Party Committee", as Xinhua and the glossary's own 省委书记 write it, not the
    "Provincial Party Committee Deputy Secretary" a small model writes from the two parts (not a
    variant: that is the draft this mends; a title's lower case after a name is). So every level
    gets every title without a row for each. A department's head is not composed (部长 of 宣传部 is its "Head", a row of its own).

    >>> organ = Rendering("省委", "Provincial Party Committee", category="organ", start=0, end=2)
    >>> title = Rendering("副书记", "Deputy Secretary", category="title", start=2, end=5, variants=("deputy secretary",))
    >>> [(r.source, r.target, r.variants) for r in titles_of_their_committee([organ, title])]
    [('省委副书记', 'Deputy Secretary of the Provincial Party Committee', ('deputy secretary of the provincial party committee',))]
    >>> department = Rendering("市委宣传部", "Publicity Department of the Municipal Party Committee", category="organ", start=0, end=5)
    >>> [r.source for r in titles_of_their_committee([department, replace(title, start=5, end=8)])]
    ['市委宣传部', '副书记']
    """
    out: list[Rendering] = []
    for term in terms:
        organ = out[-1] if out else None
        head, _, whose = organ.target.partition(" of ") if organ is not None else ("", "", "")
        if (organ is not None and organ.category == "organ" and term.category == "title" and organ.end == term.start
                and organ.kind == term.kind == "term" and _COMMITTEE.search(head)):
            # a Standing Committee's 常委 is a "Member of the Standing Committee of the … People's Congress", said once
            english = f"{term.target} of {whose}" if whose and term.target.endswith(head) else f"{term.target} of the {organ.target}"
            first = f"{term.target} of the {organ.first_mention}" if organ.first_mention and english.endswith(organ.target) else ""
            lower = (english.lower(),) if term.variants else ()
            out[-1] = replace(term, source=organ.source + term.source, start=organ.start, target=english, first_mention=first,
                              variants=(*lower, first) if first else lower, forbidden=(*organ.forbidden, *term.forbidden))
        else:
            out.append(term)
    return out


_COMMITTEE = re.compile(r"\b(?:Committee|Commission)$")
"""The end of the English of a body a title is held of: a committee or a commission
(Party Committee, CPPCC Committee, Central Military Commission, the Standing Committee of a
people's congress), read before any "of" (not a department of a committee)."""


def composed(terms: Sequence[Rendering]) -> list[Rendering]:
    """*terms* composed as requirements compose them: each title held of its committee, then each
    place in (or with the level of) the organ or title after it."""
    return places_in_their_organs(titles_of_their_committee(terms))


def place_with_level(place: Rendering | None, level: str) -> Rendering | None:
    """*place* (吕梁, Lüliang) and the level character after it (市) as one place (吕梁市, "Lüliang City"),
    for a level written apart from the place a glossary row names; None without a place.

    >>> place_with_level(Rendering("吕梁", "Lüliang", category="place", start=0, end=2), "市").target
    'Lüliang City'
    """
    if place is None or not level or level not in _NOUNS:
        return place
    return replace(place, source=place.source + level, end=place.end + len(level), target=f"{place.target} {_NOUNS[level]}")
