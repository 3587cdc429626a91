"""What a segment must carry: its required renderings, and the notes that record them.

:func:`requirements` is the one place that learns what a source sentence requires: the
glossary terms valid then (a title that would split a place dropped, a title joined with
the organ it names, a member's title before 班子 read as the body), person and place names,
ordinals of 10 and over, and hints that spell out 万/亿 figures and a country's side (越方). A wire-service dateline
adds its own renderings (:func:`with_dateline`). :func:`requirements_on` is that for a bulletin's date with the dateline's renderings added:
what drafting verifies a draft against (:attr:`l10n.draft.SegmentJob.with_dateline`), and
what review (screen, accept, edit, accept-clean), ``l10n check``, ``l10n score``, export's
QA re-check and ``bench/quality.py`` enforce. Nothing else computes requirements.

The rule for a catalog entry (:func:`entry_requirements`): with a glossary (the project's,
even one with no terms) its requirements are recomputed from its msgid on the bulletin's
date (:func:`bulletin_date`): the notes record what drafting used, and the stages after it
enforce the current glossary. Without one (library use with no project configuration,
``glossary=None``) they are read back from the entry's notes (:func:`note_renderings`).

The notes codec writes those renderings as ``#.`` catalog notes (``term: 政协 → CPPCC``,
``name: 李成明 → Li Chengming``, ``missing: …``; :meth:`Rendering.comment` is the writer)
and reads them back into :class:`Rendering` objects (:func:`note_renderings`).

Term accuracy, the share of approved glossary terms a translation renders, is
:func:`l10n.quality.score.term_accuracy` over these requirements, for the gate, ``score``
and the benchmark alike.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from l10n.compose import THE_PARTY, composed, places_in_their_organs
from l10n.lexicon import COMRADE
from l10n.terms import RENDERING_KINDS, Rendering, note_rendering
from l10n.vocabulary import alternation, table, words

ENFORCED_KINDS = tuple(kind for kind in RENDERING_KINDS if kind != "hint")
"""The kinds a translation must contain (a ``hint`` is shown, not enforced)."""

TITLE_CATEGORY = "title"
"""The glossary category of a title: an approved one anchors the name beside it, as a built-in title does."""

NOT_A_NAME_CATEGORY = "not-a-name"
"""The glossary category of a span that is no person's or place's name (an ordinary word, a
brand): an approved row keeps name detection off it, and its English is a hint, never enforced."""


@dataclass
class Reading:
    """What :func:`requirements` has learnt of one segment so far, pass by pass (:data:`PASSES`).

    ``terms`` are the glossary's terms and reference places still in force, ``not_names`` the
    approved ``not-a-name`` rows (as hints), ``sides`` a country's side (越方), ``names`` the
    people and places found by context, ``ordinals`` the ordinals (十二届, 第三次). Each pass reads
    these and narrows or adds to them; :func:`arbitrate` makes the one list at the end.

    ``analysis`` is the segment's one reading (:class:`l10n.names.Analysis`: its words, clauses,
    titles and foreign countries, each worked out once), made from *source* where none is given:
    every pass hands it to the detectors of :mod:`l10n.names`, which read it instead of the text
    again. The glossary's facts stay here, beside it (the terms narrow pass by pass; an analysis
    is the text's alone, whatever the glossary or date)."""

    source: str
    terms: list[Rendering]
    not_names: list[Rendering] = field(default_factory=list)
    sides: list[Rendering] = field(default_factory=list)
    names: list[Rendering] = field(default_factory=list)
    ordinals: list[Rendering] = field(default_factory=list)
    analysis: Any = None

    def __post_init__(self) -> None:
        if self.analysis is None:
            from l10n.names import analysis_of

            self.analysis = analysis_of(self.source)

    def spans(self, *groups: Sequence[Rendering], but: str = "") -> list[tuple[int, int]]:
        """The spans of the renderings in *groups* (those of kind *but* left out): what is taken."""
        return [(r.start, r.end) for group in groups for r in group if r.kind != but]

    def titles(self) -> list[tuple[int, int]]:
        """The spans of the glossary's titles in force: each anchors the name beside it."""
        return [(t.start, t.end) for t in self.terms if t.category == TITLE_CATEGORY and t.kind == "term"]


PASSES: list[Callable[[Reading], None]] = []
"""What a segment requires, learnt in this order: each pass reads the :class:`Reading` the ones
before it left and narrows or adds to it (the glossary's terms first, then people, then ordinals).
:func:`requirements` runs them; each is tested on its own table of cases (tests/test_required_passes.py)."""


def _pass(step: Callable[[Reading], None]) -> Callable[[Reading], None]:
    PASSES.append(step)
    return step


def requirements(source: str, matcher) -> list[Rendering]:
    """Everything *source* requires: glossary terms (from *matcher*, which knows the date;
    None for no glossary), person/place names, ordinals and 万/亿 figures, sorted by position.
    The glossary's approved titles anchor names (:data:`TITLE_CATEGORY`), its approved places
    (category ``place``) are places for name detection, and its approved ``not-a-name`` rows
    keep names off their spans (:data:`NOT_A_NAME_CATEGORY`).

    The :data:`PASSES` run in turn on one :class:`Reading` of the segment, then :func:`arbitrate`
    makes the list: each distinct ``source → target`` once, at its first position. The segment is
    analysed once (:func:`l10n.names.analysis_of`), and the glossary's matching and every pass read
    that analysis. A *source* longer than any sentence is refused, not analysed (:func:`check_length`).
    """
    from l10n.names import analysis_of

    check_length(source)
    analysis = analysis_of(source)
    reading = Reading(source, glossary_terms(analysis, matcher), analysis=analysis)
    for step in PASSES:
        step(reading)
    return arbitrate(reading)


@_pass
def not_a_name_rows(r: Reading) -> None:
    """The glossary's ``not-a-name`` rows leave the terms: each is a hint whose span no name may take."""
    r.not_names = [replace(t, kind="hint") for t in r.terms if t.category == NOT_A_NAME_CATEGORY]
    r.terms = [t for t in r.terms if t.category != NOT_A_NAME_CATEGORY]


@_pass
def places_that_hold(r: Reading) -> None:
    """A reference place's stem that runs on into a longer place (:func:`_stem_of_a_longer_place`)
    and a capital that names a person (市长罗马指出) are no places."""
    from l10n.names import capital_names_a_person

    starts = {t.start for t in r.terms}
    r.terms = [t for t in r.terms if not (_stem_of_a_longer_place(r.source, t) and t.end not in starts)
               and not (t.kind == "place" and capital_names_a_person(r.analysis, t.start, t.end))]


@_pass
def titles_and_offices(r: Reading) -> None:
    """A title joins the organ it names (:func:`_titles_with_their_organ`); a foreign state's office
    is that office, and a Chinese organ read in a foreign clause no requirement (:func:`_foreign_office`)."""
    r.terms = [t for t in (_foreign_office(r.analysis, t) for t in _titles_with_their_organ(r.terms)) if t is not None]


@_pass
def teams(r: Reading) -> None:
    """A member's title before 班子 names the body (:func:`_the_team`)."""
    r.terms = [t for t in (_the_team(r.source, t) for t in r.terms) if t is not None]


@_pass
def composed_bodies(r: Reading) -> None:
    """Places, levels, organs and titles composed into one English (:func:`l10n.compose.composed`),
    the Youth League's committees read whole (:func:`_the_leagues_committees`)."""
    r.terms = _the_leagues_committees(composed(r.terms))


@_pass
def sides(r: Reading) -> None:
    """A country's side (越方: the Vietnamese side) where no term or not-a-name row stands."""
    from l10n.names import country_sides

    r.sides = [h for h in country_sides(r.analysis) if all(h.end <= t.start or h.start >= t.end for t in (*r.terms, *r.not_names))]


@_pass
def places_that_split_no_name(r: Reading) -> None:
    """A reference place never splits a person's name (欧阳明, not 欧 + 阳明; 埃马纽埃尔·马克龙, not 纽埃 Niue):
    the people found with the places set aside keep their spans."""
    from l10n.names import FOREIGN_NAME_CATEGORY, find_names

    if not any(t.kind == "place" for t in r.terms):
        return
    approved = [(t.start, t.end) for t in r.terms if t.category == "place" and t.kind == "term"]
    people = [n for n in find_names(r.analysis, taken=r.spans(r.terms, r.sides, r.not_names, but="place"), titles=r.titles(), places=approved)
              if n.kind == "name" or n.category == FOREIGN_NAME_CATEGORY]
    r.terms = [t for t in r.terms if t.kind != "place" or all(t.end <= p.start or t.start >= p.end for p in people)]


@_pass
def people(r: Reading) -> None:
    """People and places found by context (:func:`l10n.names.find_names`), outside the spans taken,
    the titles in force anchoring them and the glossary's and reference places as places (凤阳 + 王明,
    凤鸣 + 镇 + 李强); then 同志 after a name (:func:`_comrades`) and a foreign title beside a foreign
    person (:func:`_foreign_office`)."""
    from l10n.names import find_names

    places = [(t.start, t.end) for t in r.terms if t.category == "place" and t.kind in ("term", "place")]
    r.names = find_names(r.analysis, taken=r.spans(r.terms, r.sides, r.not_names), titles=r.titles(), places=places)
    r.terms = [t for t in (_foreign_office(r.analysis, t, r.names) for t in _comrades(r.terms, r.names)) if t is not None]


@_pass
def ordinals(r: Reading) -> None:
    """Ordinals (十二届: 12th, 第三次: third; :func:`ordinal_renderings`) outside every span taken."""
    taken = r.spans(r.terms, r.sides, r.names, r.not_names)
    r.ordinals = [o for o in ordinal_renderings(r.source) if all(o.end <= s or o.start >= e for s, e in taken)]


@_pass
def places_past_their_date(r: Reading) -> None:
    """An old place name past its date is a place with no English to require: it leaves the terms."""
    r.terms = [t for t in r.terms if t.target]


def arbitrate(r: Reading) -> list[Rendering]:
    """The one list of what the segment requires, by position: everything the passes found and the
    万/亿 hints (:func:`number_hints`), places composed again with the organs after them now that the
    names module has found its places too (朝阳 + 区委常委), 中共 + an ordinal term read as the
    Party's (:func:`_the_party_and_its_term`), each ``source → target`` once, at its first position."""
    found = sorted([*r.terms, *r.sides, *r.names, *r.ordinals, *number_hints(r.source), *r.not_names], key=lambda x: (x.start, x.end))
    seen: set[tuple[str, str]] = set()
    unique = []
    for rendering in _the_party_and_its_term(places_in_their_organs(found)):
        if (rendering.source, rendering.target) not in seen:
            seen.add((rendering.source, rendering.target))
            unique.append(rendering)
    return unique


def _stem_of_a_longer_place(source: str, rendering: Rendering) -> bool:
    """Whether a reference place's short form (长乐, of 长乐区) runs on into a place the data
    does not list (花垣县长乐乡: 长乐乡, a township), which the names module then finds whole;
    not where the suffix starts a title or another word instead (罗马 + 市长, 罗马 + 市民).
    :func:`requirements` also keeps one whose suffix starts the glossary term after it (如皋 +
    市委宣传部: the city's Party committee)."""
    from l10n.names import PLACE_SUFFIXES, suffix_starts_a_word

    suffix = source[rendering.end:rendering.end + 1]
    return (rendering.kind == "place" and rendering.source[-1:] not in PLACE_SUFFIXES and suffix in PLACE_SUFFIXES
            and not suffix_starts_a_word(source, rendering.end))


required_renderings = requirements
"""The name drafting's callers know :func:`requirements` by."""


def requirements_on(source: str, glossary: Any, date: dt.date | None = None) -> list[Rendering]:
    """What *source* requires on *date* (None: any day, as for a bulletin without a date):
    :func:`requirements` under *glossary*'s terms valid then, and its dateline's renderings.

    *glossary* is a :class:`l10n.glossary.Glossary` (its matcher for *date* is built once and
    cached, :func:`matcher_on`), a matcher (``find(text)``; it knows its date), or None for
    no glossary terms (names, places, ordinals and hints only).

    >>> [(r.kind, r.source, r.target) for r in requirements_on("新华社北京3月5日电 十二届全国人大一次会议开幕", None)]
    [('ordinal', '十二届', '12th'), ('place', '北京', 'Beijing')]
    """
    from l10n.dateline import find_dateline

    required = requirements(source, matcher_on(glossary, date))
    dateline = find_dateline(source, required)
    return with_dateline(required, dateline) if dateline is not None else required


def entry_requirements(entry, glossary: Any, date: dt.date | None = None) -> list[Rendering]:
    """What catalog *entry* requires: recomputed from its msgid with *glossary* on *date*
    (:func:`requirements_on`), or, with no glossary (None), read from its notes.

    >>> from l10n.catalog import Entry
    >>> e = Entry("1.1", "市政协李成明", notes=["term: 政协 → CPPCC", "name: 李成明 → Li Chengming"])
    >>> [(r.kind, r.source) for r in entry_requirements(e, None)]
    [('term', '政协'), ('name', '李成明')]
    """
    check_length(entry.source, f"Entry {entry.context}")
    if glossary is None:
        return note_renderings(entry.notes, RENDERING_KINDS, source=entry.source)
    return requirements_on(entry.source, glossary, date)


def check_length(source: str, what: str = "") -> None:
    """Refuse (:class:`~l10n.errors.InputError`) a *source* longer than :data:`l10n.lexicon.MAX_SEGMENT`
    characters: no sentence is that long, and analysing one takes time that grows with the
    square of its length. *what* names it in the message (default: its first words).

    >>> check_length("会议召开。" * 400)
    >>> check_length("会议召开。" * 401, "Entry 1.1")
    Traceback (most recent call last):
    l10n.errors.InputError: Entry 1.1 holds 2,005 characters, more than the 2,000 one segment may hold; split that sentence in the bulletin and run `l10n ingest` again.
    """
    from l10n.errors import InputError
    from l10n.lexicon import MAX_SEGMENT

    if len(source) > MAX_SEGMENT:
        raise InputError(f"{what or 'The segment ' + repr(source[:12] + '…')} holds {len(source):,} characters, more than the "
                         f"{MAX_SEGMENT:,} one segment may hold; split that sentence in the bulletin and run `l10n ingest` again.")


def bulletin_date(catalog) -> dt.date | None:
    """The date a catalog's bulletin was issued (``X-Bulletin-Date``), None when it has none."""
    try:
        return dt.date.fromisoformat(catalog.header.get("X-Bulletin-Date", "").strip())
    except ValueError:
        return None


def project_glossary(config) -> Any:
    """The glossary requirements are recomputed with: *config*'s (empty when it lists no
    glossary file); None without a configuration, so requirements come from the notes."""
    if config is None:
        return None
    from l10n.glossary import load_glossary

    return load_glossary(config)


_MATCHERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def matcher_on(glossary: Any, date: dt.date | None):
    """*glossary*'s matcher for *date*, built once per glossary, date and set of terms;
    a matcher or None is returned as it is."""
    if glossary is None or not hasattr(glossary, "matcher"):
        return glossary
    terms = tuple(getattr(glossary, "terms", ()))
    try:
        cache = _MATCHERS.setdefault(glossary, {})
    except TypeError:  # neither hashable nor weakly referable: build it afresh
        return glossary.matcher(on=date)
    hit = cache.get(date)
    if hit is None or hit[0] != terms:  # an edited glossary gets a new matcher
        hit = cache[date] = (terms, glossary.matcher(on=date))
    return hit[1]


def with_dateline(required: Sequence[Rendering], dateline) -> list[Rendering]:
    """*required* and the renderings of *dateline* (an :class:`l10n.dateline.Dateline`: its
    place and reporters) that are not among them yet."""
    have = {(q.source, q.target) for q in required}
    return [*required, *(r for r in dateline.renderings if (r.source, r.target) not in have)]


def glossary_terms(source: str, matcher) -> list[Rendering]:
    """*matcher*'s terms in *source* (leftmost-longest), with no title or organ read across
    a place: a place (the glossary's ``place`` entries, or one CC-CEDICT knows) that starts
    inside a term and ends after it wins unless the sentence confirms the term
    (:func:`l10n.names.place_across`: 我省长江流域 is 我省 + 长江, 省长春节 stays 省长);
    a term that starts inside a place the matcher took wins unless a word runs on from the
    place (:func:`l10n.names.title_over_place`: 长沙市长 is 长沙 + 市长, 长沙市长期 is
    长沙市 + 长期); a place that starts inside a title an organ hid yields where the title
    is confirmed (:func:`l10n.names.title_confirmed`: 外交部长沙祖康 is 外交部(长) + 沙祖康,
    not 长沙); a reference place that is only the inside of words (:func:`l10n.names.place_inside_a_word`:
    欧美 + 国家, 镶 + 金边) yields and the text after its first character is matched again
    (离开平壤: 开平 yields to 平壤); a term the sentence's ordinary words cut on both sides is no
    term there (:func:`l10n.names.term_split_by_the_text`: 行政 + 协调 holds no 政协, 其中 + 共有
    no 中共); a 中共 whose 中 closes the phrase before it and whose 共 is "in total" or starts
    another word is no CPC (:func:`l10n.names.zhong_gong_apart`: 其中 + 共有党员, 会议中 + 共收到,
    其中 + 共青团中央; 在中共领导下 and 10月中共召开 stay). The text is matched again on each side of the cut.
    *source* is the segment's analysis (:func:`l10n.names.analysis_of`), or its text.

    >>> from l10n.glossary.match import Matcher
    >>> m = Matcher([Rendering("省长", "Governor", category="title"), Rendering("市长", "Mayor", category="title"),
    ...              Rendering("长沙市", "Changsha City", category="place"), Rendering("长沙", "Changsha", category="place")])
    >>> [(r.source, r.start) for r in glossary_terms("我省长沙企业", m)], [r.source for r in glossary_terms("长沙市长出席", m)]
    ([('长沙', 2)], ['长沙', '市长'])
    """
    if matcher is None:
        return []
    from l10n.names import analysis_of

    source = analysis_of(source)
    find_all = getattr(matcher, "find_all", None)
    every = find_all(source) if find_all is not None else []
    places = [(r.start, r.end) for r in every if r.category == "place"]
    others = [r for r in every if r.category != "place"]
    return _terms_between(source, matcher, 0, len(source), places, others)


def _terms_between(source: str, matcher, lo: int, hi: int, places, others) -> list[Rendering]:
    """The terms of ``source[lo:hi]``, the text matched again on each side of every cut, left
    side first: a loop over the stretches still to match, not a recursion (a long text has as
    many cuts as it has words to cut at)."""
    found: list[Rendering] = []
    todo = [(lo, hi)]
    while todo:
        lo, hi = todo.pop()
        terms, at = _terms_or_cut(source, matcher, lo, hi, places, others)
        if at is None or not lo < at < hi:  # a cut must shorten the stretch, or it would be taken again and again
            found.extend(terms)
        else:
            todo += [(at, hi), (lo, at)]
    return found


def _terms_or_cut(source: str, matcher, lo: int, hi: int, places, others) -> tuple[list[Rendering], int | None]:
    """The terms of ``source[lo:hi]`` and None, or where the text must be cut and matched again on each side."""
    from l10n.names import (place_across, place_inside_a_word, term_across_words, term_split_by_the_text, title_confirmed, title_over_place,
                            zhong_gong_apart)

    found = [replace(r, start=r.start + lo, end=r.end + lo) for r in matcher.find(source[lo:hi])]
    known = lambda word: any(r.start == 0 and r.end == len(word) for r in matcher.find(word))
    for term in found:
        if term.category == "place":
            level_apart = False  # a title overlaps the place's last character, which is no level suffix: 常州 + 长荡湖
            for other in others:
                if term.start < other.start < term.end < other.end:
                    if not _level_inside(term, other.start):
                        level_apart = True
                    elif other.end <= hi and title_over_place(source, term.end, other.start, other.end):
                        return found, other.start
                if (lo <= other.start < term.start < other.end < term.end and other.category == "title"
                        and title_confirmed(source, other.end, term.end)):
                    return found, other.end  # 外交部长沙祖康: 部长 + 沙祖康
            if term.kind == "place" and not level_apart and place_inside_a_word(source, term.start, term.end):  # 离开平壤: 开平 yields to 平壤
                return found, term.start + 1
        elif (split := term_split_by_the_text(source, term.start, term.end)) is not None:
            return found, split  # 个人 + 大事, 其中 + 共有党员
        elif term.category == "organ" and (split := term_across_words(source, term.start, term.end, known)) is not None:
            return found, split  # 公明党 + 组成 holds no 党组, 共和党 + 组织 no 党组织
        elif zhong_gong_apart(source, term.start, term.end):
            return found, term.start + 1  # 会议中 + 共收到, 斗争中 + 共产党人
        else:
            cut = place_across(source, term.start, term.end, [(s, e) for s, e in places if e <= hi])
            if cut is not None:
                return found, cut
    return found, None


def _level_inside(place: Rendering, start: int) -> bool:
    """Whether a title or organ beginning at *start* inside *place* may take what it overlaps:
    it begins before the place's last character, or on a last character that is the place's
    level suffix (长沙市 + 市长, 湖南省 + 省长, 重庆市 + 市委书记: its English names the level, or
    the name without it is a place too), not part of its name (广州 + 长隆 has no 州长, 杭州长运
    none; :func:`l10n.places.names_its_level`)."""
    from l10n.places import english, names_its_level

    return start < place.end - 1 or names_its_level(place.target) or place.source[:-1] in english()


def _foreign_office(source: str, term: Rendering, people: Sequence[Rendering] = ()) -> Rendering | None:
    """*term*, or where a foreign state's office holder bears the title (:data:`l10n.lexicon.FOREIGN_OFFICES`:
    a country earlier in the clause, :meth:`l10n.names.Analysis.foreign_context`, or the title right beside
    one of *people* read as a foreign person, wherever the sentence names their country) a hint with that
    office's English: 越南政府总理 is a Prime Minister, 国务院总理 stays the Premier; a term that
    ends in such a title (委员会委员长) counts as the title. A Chinese organ read in a foreign
    clause (越南共产党中央: 党中央; 老挝人民革命党: 民革; 美国国务院, the State Department, not the
    State Council) is no requirement at all (None).

    >>> premier = Rendering("总理", "Premier", category="title", start=4, end=6)
    >>> [_foreign_office(t, premier).target for t in ("越南政府总理范明政", "国务院总理李强")]
    ['Prime Minister', 'Premier']
    >>> _foreign_office("越南共产党中央总书记", Rendering("党中央", "CPC Central Committee", category="organ", start=4, end=7)) is None
    True
    """
    from l10n.lexicon import FOREIGN_OFFICES
    from l10n.names import FOREIGN_NAME_CATEGORY, VIETNAMESE_NAME_CATEGORY, analysis_of

    if term.kind != "term":
        return term
    a = analysis_of(source)
    if term.category in ("organ", "institution"):
        return None if a.foreign_context(term.start) or _beside_a_secretary_of_state(a, term) else term
    english = next((e for title, e in FOREIGN_OFFICES.items() if term.source.endswith(title)), None) if term.category == "title" else None
    beside_a_foreigner = any(p.category in (FOREIGN_NAME_CATEGORY, VIETNAMESE_NAME_CATEGORY) and (p.end == term.start or p.start == term.end) for p in people)
    if english is None or not (a.foreign_context(term.start) or beside_a_foreigner):
        return term
    return replace(term, target=english, kind="hint", category="foreign-office", forbidden=(), variants=())


def _beside_a_secretary_of_state(source: str, term: Rendering) -> bool:
    """Whether *term* is a 国务院 in a sentence that names a 国务卿 (Secretary of State), which
    the State Council has none of: the State Department where she served (前国务卿…在国务院任职),
    no country named in the clause. 国务院总理 and 国务院副总理 stay the State Council's.

    >>> def state(text, at):
    ...     return Rendering("国务院", "State Council", category="organ", start=text.index("国务院", at), end=text.index("国务院", at) + 3)
    >>> [_beside_a_secretary_of_state(t, state(t, at)) for t, at in (("前国务卿凭借一本关于她在国务院任职期间的书", 4),
    ...     ("国务院总理李强会见美国国务卿", 0), ("美国国务卿访华。国务院常务会议召开", 0))]
    [True, False, False]
    """
    from l10n.names import analysis_of

    if term.source not in _STATE_CUES["organ"] or source.startswith(_STATE_CUES["own head"], term.end):
        return False
    lo, hi = analysis_of(source).sentence_of(term.start, term.end)
    return any(cue in source[lo:hi] for cue in _STATE_CUES["cue"])


_STATE_CUES = {part: tuple(w for w, p in table("state_department_cues").items() if p == part) for part in ("organ", "cue", "own head")}
"""The words that tell the State Council from the State Department (``state_department_cues.tsv``), by their part."""


def _comrades(terms: list[Rendering], names: Sequence[Rendering]) -> list[Rendering]:
    """*terms* without a 同志 that is no one's title: "Comrade" is required right after a
    person's name that no other title comes before (习近平同志 "Comrade Xi Jinping",
    以习近平同志为核心); 同志们, 三十六位同志 and 主任李成明同志 ("Director Li Chengming") require none.

    >>> xi = Rendering("习近平", "Xi Jinping", kind="name", start=1, end=4)
    >>> comrade = Rendering(COMRADE, "Comrade", category="title", start=4, end=6)
    >>> [len(_comrades([comrade], people)) for people in ([xi], [])]
    [1, 0]
    >>> director = Rendering("主任", "Director", category="title", start=0, end=1)
    >>> _comrades([director, comrade], [xi]) == [director]
    True
    """
    people = [r for r in (*terms, *names) if r.is_person]
    titled = {t.end for t in terms if t.category == "title" and t.source != COMRADE}
    return [t for t in terms if t.source != COMRADE or t.category != "title"
            or any(p.end == t.start and p.start not in titled for p in people)]


def _the_team(source: str, term: Rendering) -> Rendering | None:
    """*term*, or where a member's title names a team (班子): the body the members make up
    (省委常委班子 "the Standing Committee of the Provincial Party Committee", not a Member of
    it); no requirement where the title's English names no body.

    >>> t = Rendering("省委常委", "Member of the Standing Committee of the Provincial Party Committee", category="title", start=2, end=6)
    >>> [_the_team(s, t).target for s in ("河北省委常委班子", "河北省委常委张三")]
    ['Standing Committee of the Provincial Party Committee', 'Member of the Standing Committee of the Provincial Party Committee']
    """
    if term.category != "title" or not source.startswith(_TEAM_NOUNS, term.end):
        return term
    body = term.target.removeprefix("Member of the ")
    return replace(term, target=body, category="organ", forbidden=(), variants=()) if body != term.target else None


_TEAM_NOUNS = words("team_nouns")
"""The body a title's holders make up (班子): after a member's title it names the body."""

def _the_leagues_committees(terms: list[Rendering]) -> list[Rendering]:
    """*terms* with 共青团 + a place + a Party committee made the Communist Youth League's
    committee there: 共青团长沙市委 is the "Changsha Municipal Committee of the Communist Youth
    League", not the CPC's; so with a title (共青团岳阳县委书记: "Secretary of the Yueyang County
    Committee of the Communist Youth League").

    >>> league = Rendering("共青团", "Communist Youth League of China", category="organ", start=0, end=3)
    >>> place = Rendering("长沙", "Changsha", kind="place", category="place", start=3, end=5)
    >>> body = Rendering("市委", "Municipal Party Committee", category="organ", start=5, end=7)
    >>> [(r.source, r.target) for r in _the_leagues_committees([league, place, body])]
    [('共青团长沙市委', 'Changsha Municipal Committee of the Communist Youth League')]
    """
    league = lambda english: re.sub("party committee", "Committee of the Communist Youth League", english, count=1, flags=re.I)
    out: list[Rendering] = []
    for term in terms:
        if "party committee" not in term.target.lower() or term.category not in ("organ", "title") or not out:
            out.append(term)
        elif (len(out) >= 2 and out[-2].source in _YOUTH_LEAGUE and out[-1].category == "place" and out[-2].end == out[-1].start
              and out[-1].end == term.start and term.target.endswith("Party Committee")):
            english = f"{out[-1].target} {league(term.target)}"
            out[-2:] = [replace(term, source=out[-2].source + out[-1].source + term.source, start=out[-2].start, target=english,
                                variants=(f"Communist Youth League {out[-1].target} {term.target.removesuffix(' Party Committee')} Committee",),
                                forbidden=(), first_mention="")]
        elif out[-1].source in _YOUTH_LEAGUE and out[-1].end == term.start:
            out[-1] = replace(term, source=out[-1].source + term.source, start=out[-1].start, target=league(term.target),
                              variants=tuple(map(league, term.variants)), forbidden=(), first_mention="")
        else:
            out.append(term)
    return out


_YOUTH_LEAGUE = words("youth_league_names")
"""The Communist Youth League's name before a place and a Party committee (共青团)."""


def _the_party_and_its_term(found: list[Rendering]) -> list[Rendering]:
    """*found* with 中共 + a term's ordinal (届) + a body made one rendering, the ordinal first:
    中共十八届中央委员会 is the "18th CPC Central Committee", not "CPC 18th Central Committee",
    which the small model writes from the three; a body whose English has the CPC already
    takes the ordinal before it (中共十九届中央纪委: "19th CPC Central Commission for
    Discipline Inspection"); so with the party's full name (中国共产党第十九届中央委员会), whose
    English the first mention spells out. The three in the source's order stay a variant, and
    with the full name the body "of the Communist Party of China".

    >>> party = Rendering("中共", "CPC", category="organ", start=0, end=2, first_mention="Communist Party of China (CPC)")
    >>> term = Rendering("十八届", "18th", kind="ordinal", start=2, end=5)
    >>> body = Rendering("中央委员会", "Central Committee", category="organ", start=5, end=10)
    >>> [(r.source, r.target, r.variants, r.first_mention) for r in _the_party_and_its_term([party, term, body])]
    [('中共十八届中央委员会', '18th CPC Central Committee', ('CPC 18th Central Committee',), '18th Central Committee of the Communist Party of China (CPC)')]
    >>> party = Rendering("中国共产党", "Communist Party of China", category="organ", start=0, end=5)
    >>> [(r.target, r.variants) for r in _the_party_and_its_term([party, replace(term, start=5, end=8), replace(body, start=8, end=13)])]
    [('18th CPC Central Committee', ('Communist Party of China 18th Central Committee', '18th Central Committee of the Communist Party of China'))]
    """
    from l10n.acronyms import first_mention

    out: list[Rendering] = []
    for body in found:
        if (len(out) >= 2 and (party := out[-2]).target in THE_PARTY and (term := out[-1]).kind == "ordinal"
                and term.source.endswith(TERM_COUNTERS) and party.end == term.start and term.end == body.start
                and body.kind == "term" and body.category in ("organ", "title")):
            english = body.target.replace("CPC ", f"{term.target} CPC ", 1) if "CPC " in body.target else f"{term.target} CPC {body.target}"
            own = f"{term.target} {body.target.removeprefix('CPC ')}"
            variants = (f"{party.target} {own}", *([f"{own} of the {party.target}"] if party.target != "CPC" else []))
            full = party.first_mention.removesuffix(" (CPC)") if party.target == "CPC" else party.target
            out[-2:] = [replace(body, source=party.source + term.source + body.source, start=party.start, target=english,
                                variants=variants, first_mention=first_mention(english, {"CPC": full}) if full else "")]
        else:
            out.append(body)
    return out


def _titles_with_their_organ(terms: list[Rendering]) -> list[Rendering]:
    """*terms* with an organ and the title right after it that already names it made one
    rendering: 全国人大常委会 + 副委员长 ("Vice Chairman of the NPC Standing Committee") is
    the title alone, not "NPC Standing Committee Vice Chairman of the NPC Standing Committee".

    >>> organ = Rendering("全国人大常委会", "NPC Standing Committee", category="organ", start=0, end=7)
    >>> title = Rendering("副委员长", "Vice Chairman of the NPC Standing Committee", category="title", start=7, end=11)
    >>> [(r.source, r.target, r.start, r.end) for r in _titles_with_their_organ([organ, title])]
    [('全国人大常委会副委员长', 'Vice Chairman of the NPC Standing Committee', 0, 11)]
    """
    out: list[Rendering] = []
    for term in terms:
        organ = out[-1] if out else None
        if (organ is not None and organ.category == "organ" and term.category == "title" and organ.end == term.start
                and organ.target.lower() in term.target.lower()):
            out[-1] = replace(term, source=organ.source + term.source, start=organ.start)
        else:
            out.append(term)
    return out


_COUNTERS = table("ordinal_counters")
TERM_COUNTERS = tuple(c for c, counts in _COUNTERS.items() if counts == "term")
"""The counters of a congress's term (届): an ordinal with or without 第 (``ordinal_counters.tsv``)."""
_ORDINAL_PREFIXES = words("ordinal_prefixes")
_ORDINAL_NAMES = words("ordinal_names")
"""Names an ordinal before them is part of (第二次世界大战: the Second World War)."""
_ORDINAL = re.compile(rf"({alternation('ordinal_prefixes')})?([一二三四五六七八九十百零]+)({alternation('ordinal_counters')})")
_DAY = re.compile(r"(?<![第月〇零一二三四五六七八九十百千万型字编代\d])([一二三四五六七八九十]{1,3})号"
                  r"(?!文件|线|楼|院|机|舰|星|站|令|称|码|牌|车|店|馆|口|门|房|台|位|桥|路|街|井|箱|球|员|种子|召(?!开))")
"""A day of the month without its month, as broadcast news writes it (王沪宁二号在北京会见, 四号下午举行):
a numeral before 号 that no month, 第 or larger number precedes, and that is not the start of a
noun (一号文件 "No. 1 Document", 二号线 "Line 2", 号召 "call on")."""


def ordinal_renderings(text: str) -> list[Rendering]:
    """Ordinals: a congress's term before 届 and a meeting's number in 第…次, and a day of the
    month without its month (:data:`_DAY`), which the model otherwise renders as another day
    or gives a month the source does not have ("February 2nd" for 二号); a day's rendering has
    the category ``day``.

    From 10 up the target is in figures (the small model drops a 十二届 it must spell out, but
    copies "12th"); below 10 it is the word, as English style writes it ("the third plenary
    session"), with the figures as a variant. Below 10 it takes a 第 (三届 alone is "three
    terms", 三次 "three times"), and the World Wars keep their own names.

    >>> [(r.source, r.target) for r in ordinal_renderings("十二届全国人大常委会第三十次会议举行第三次全体会议")]
    [('十二届', '12th'), ('第三十次', '30th'), ('第三次', 'third')]
    >>> [(r.source, r.target) for r in ordinal_renderings("连续三届当选，第二次世界大战，会议四号下午闭幕，一号文件，三月二号")]
    [('四号', '4th')]
    """
    from l10n.numbers import chinese_numeral_value, english_ordinal

    numbered = [(m, m.group(2), 1 if m.group(1) else 10, math.inf, "") for m in _ORDINAL.finditer(text)
                if (m.group(3) in TERM_COUNTERS or m.group(1)) and not text.startswith(_ORDINAL_NAMES, m.end())]
    numbered += [(m, m.group(1), 1, 31, "day") for m in _DAY.finditer(text)]
    found = []
    for m, numeral, low, high, category in numbered:
        value = chinese_numeral_value(numeral)
        if value is None or not low <= value <= high or value != int(value):
            continue
        figures, words = english_ordinal(int(value))  # QA matches renderings case-insensitively
        target, other = (words, figures) if value < 10 and not category else (figures, words)
        found.append(Rendering(m.group(0), target, kind="ordinal", start=m.start(), end=m.end(), variants=(other,) if other else (),
                               category=category))
    return sorted(found, key=lambda r: r.start)


_DATE_UNITS = words("date_units")
"""The units of a date (年, 月, 日, 号): a number before one is a date's, no count."""
_LARGE_UNITS = words("large_units")
"""万 and 亿: a quantity in them is spelled out in English."""


def number_hints(text: str) -> list[Rendering]:
    """Hints that spell out quantities small models often get wrong: 万/亿 quantities, a
    count written in Chinese characters from 100 up, a number with 多 or 余 ("more than":
    :attr:`l10n.numbers.Number.more_than`), one with 近 before it ("nearly": ``nearly``), and the figures before a unit English keeps by name (:data:`l10n.numbers.KEPT_UNITS`).
    Measured on the tuning half (bench/quality.py): with code-switched sources the model wrote
    一百六十多个国家 as "a hundred and sixty countries" and 四百多 as "four hundred and forty",
    and dropped the "more than" of 180多家 and 六百多名, which the plain prompt kept. With these
    hints in place (bench/calls.py, tuning half) 4 drafts changed, each for the better: chrF2
    58.70 → 58.90, engine requests a segment 1.26 → 1.20, drafts left with errors 3 → 1.

    They are not enforced as text: the ``numbers`` check accepts any equivalent form.

    >>> [(r.source, r.target) for r in number_hints("征集史料1.2万余份，投资3.5亿元，完成86万字")]
    [('1.2万余', 'more than 12,000'), ('3.5亿', '350 million'), ('86万', '860,000')]
    >>> [(r.source, r.target) for r in number_hints("从50亩扩大到1.2万亩、2000余亩，产粮30万斤，5公斤，每亩增收500元")]
    [('50亩', '50 mu'), ('1.2万亩', '12,000 mu'), ('2000余亩', 'more than 2,000 mu'), ('30万斤', '300,000 jin')]
    >>> [(r.source, r.target) for r in number_hints("同世界上一百六十多个国家的四百多个政党，180多家企业，二百零三次，第一百零四次，三十六位，十多年，20多万人")]
    [('一百六十多', 'more than 160'), ('四百多', 'more than 400'), ('180多', 'more than 180'), ('二百零三', '203'), ('十多', 'more than 10'), ('20多万', 'more than 200,000')]
    >>> [(r.source, r.target) for r in number_hints("来自一百二十多个国家的近三百个政党，近30家企业，近三年来")]
    [('一百二十多', 'more than 120'), ('三百', 'nearly 300'), ('30', 'nearly 30')]
    """
    from l10n.numbers import KEPT_UNITS, source_numbers, unit_after

    hints = []
    for number in source_numbers(text):
        unit = unit_after(text, number)
        count_in_characters = (not any(c.isdigit() for c in number.text) and not text.startswith(_DATE_UNITS, number.end)
                               and not text.endswith(_ORDINAL_PREFIXES, 0, number.start))  # no date; 第一百零四次 is an ordinal's
        if not (unit or number.more_than or number.nearly or any(c in number.text for c in _LARGE_UNITS) or (count_in_characters and number.value >= 100)):
            continue
        value = number.value
        if value >= 10**9 and value % 10**7 == 0:
            english = f"{float(value / 10**9):g} billion"
        elif value >= 10**6 and value % 10**4 == 0:
            english = f"{float(value / 10**6):g} million"
        elif value == int(value):
            english = f"{int(value):,}"
        else:
            english = f"{float(value):g}"
        source, stop = number.text, number.end
        if unit:
            source, stop = text[number.start:unit.end()], unit.end()
            english = f"{english} {KEPT_UNITS[unit.group()]}"
        if number.more_than:
            english = f"more than {english}"
        elif number.nearly:
            english = f"nearly {english}"
        hints.append(Rendering(source, english, kind="hint", start=number.start, end=stop, category="number"))
    return hints


# --- the notes codec ----------------------------------------------------------


def requirement_notes(required: Iterable[Rendering], missing: Iterable[Rendering] = ()) -> list[str]:
    """The ``#.`` notes for *required* (one ``kind: 政协 → CPPCC`` each), then one
    ``missing: …`` for each of *missing*, the enforced ones the draft lacks.

    >>> requirement_notes([Rendering("政协", "CPPCC"), Rendering("李成明", "Li Chengming", kind="name")], [Rendering("政协", "CPPCC")])
    ['term: 政协 → CPPCC', 'name: 李成明 → Li Chengming', 'missing: 政协 → CPPCC']
    """
    return [r.comment() for r in required] + [r.comment("missing") for r in missing]


def note_renderings(notes: Iterable[str], kinds: Sequence[str] = ENFORCED_KINDS, source: str | None = None) -> list[Rendering]:
    """The renderings recorded by those of *notes* whose kind is one of *kinds*, in note order;
    with *source*, each gets its span there (its first occurrence; 0:0 when absent).

    >>> notes = ["term: 政协 → CPPCC", "name: 李成明 → Li Chengming", "hint: 市 → City", "qa: terms: x"]
    >>> [(r.source, r.kind, r.start, r.end) for r in note_renderings(notes, source="市政协李成明")]
    [('政协', 'term', 1, 3), ('李成明', 'name', 3, 6)]
    """
    found = []
    for note in notes:
        rendering = note_rendering(note)
        if rendering is None or rendering.kind not in kinds:
            continue
        if rendering.kind == "ordinal":  # the words ("twelfth") count too, as when drafting
            rendering = next((replace(o, start=0, end=0) for o in ordinal_renderings(rendering.source)
                              if (o.source, o.target) == (rendering.source, rendering.target)), rendering)
        if source is not None:
            start = source.find(rendering.source)
            if start >= 0:
                rendering = replace(rendering, start=start, end=start + len(rendering.source))
        found.append(rendering)
    return found
