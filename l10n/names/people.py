"""The signals that find people in running text, a table of them (:data:`PERSON_SIGNALS`).

Foreign people beside a title or a country, a title before or after the name (副主席强建生,
强建生副主席), 同志 after it, a title the glossary approved, a bulletin's verb after a name that
opens a clause (王沪宁出席), a noun for a person before it (村民王大明), a preposition after a
clause's subject (王毅向记者介绍), a list joined by 、: each a row with one signature
(:data:`PersonSignal`, registered with :func:`person_signal`), documented and tried on its own
cases, run in order over one :class:`_Reading` of the text (its :class:`~l10n.names.analysis.Analysis`);
then an interpunct joins a name's parts (艾尔肯·吐尼亚孜).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from l10n.lexicon import HAN, is_han
from l10n.names.analysis import Analysis, analysis_of
from l10n.names.boundaries import splits_a_place
from l10n.names.checks import (
    ORGAN_ENDINGS, _boundary, _minority_span, _name_ok, _not_a_person, _right_boundary, _speaker_ok, _transliterated_span,
)
from l10n.names.context import (
    _CLAUSE_END, COMRADE, _FOLLOWERS_RE, _FUNCTION_WORDS, NAME_DOTS, _NAME_FOLLOWERS, _SPEECH_RE, STOP_CHARACTERS,
    _TITLE_OR_VERB_ENDS, _Spans, _is_cjk, used_as,
)
from l10n.names.countries import _countries_and_parties
from l10n.names.foreign import _STRONG, reads_as_minority_name, transliteration_score
from l10n.names.places import is_place_name, place_at_an_edge
from l10n.names.readings import _common_word, _known
from l10n.names.romanize import COMPOUND_SURNAMES, PLACE_SUFFIXES, _WEAK_SURNAMES
from l10n.names.vietnamese import _vietnamese_womans
from l10n.vocabulary import alternation, characters, table


def _name_after(text: str, start: int, spans: _Spans) -> tuple[int, int] | None:
    """A 2–3 character name (4 with a compound surname) starting at *start*."""
    for length in (4, 3, 2):
        end = start + length
        if end > len(text):
            continue
        name = text[start:end]
        if not _name_ok(name, weak_ok=True) or not spans.free(start, end):
            continue
        if length == 4 and name[:2] not in COMPOUND_SURNAMES and not _vietnamese_womans(name):
            continue
        if length >= 3 and (text[end - 1 : end + 1] in _NAME_FOLLOWERS or _ends_in_a_verb_of_speaking(text, start, end)):
            continue
        if _not_a_person(text, start, end, spans):
            continue
        return start, end
    return None


def _ends_in_a_verb_of_speaking(text: str, start: int, end: int) -> bool:
    """Whether a three-character span ends in a verb of speaking that jieba reads as a word of
    its own after a person of two characters (书记王明/nr + 说/v: Wang Ming says, not "Wang
    Mingshuo"; 县长刘敏 + 称). A name jieba reads whole (李建国 + 说) or splits otherwise (王/nr +
    明亮/a) stays three, and so does one whose last character only jieba calls a verb (孔铉 + 佑,
    李家 + 超: given names, not speech).

    >>> [_ends_in_a_verb_of_speaking(t, 2, 5) for t in ("书记王明说，", "县长刘敏称，", "主任李建国说：", "书记王明亮说，", "代表李家超表示")]
    [True, True, False, False, False]
    """
    if text[end - 1] not in _SPEECH_VERBS:
        return False
    words = {(s, e): tag for s, e, tag in analysis_of(text).words}
    return words.get((start, end - 1), "").startswith("nr") and words.get((end - 1, end), "").startswith("v")


_SPEECH_VERBS = characters("speech_verbs")
"""One-character verbs of speaking that follow a speaker's name: none is a common last
character of a Chinese given name."""


def _before_where(text: str, verb: int) -> int | None:
    """Where a speaker's name would end before 在 and a place that ends right before the verb at
    *verb* (李成明 + 在呼和浩特 + 调研), None where the text there is no 在 + place.

    >>> t = "李成明在呼和浩特调研。"
    >>> _before_where(t, t.index("调研")), _before_where("会议在北京召开后表示", 7)
    (3, None)
    """
    for k in range(2, 7):
        at = verb - k - 1
        if at > 0 and text[at] == "在" and is_place_name(text[at + 1:verb]):
            return at
    return None


_LEADER_TITLES = frozenset(table("leader_titles"))
"""Titles so rarely preceded by anything but a name that a name before them needs no boundary."""



def _name_before(text: str, end: int, spans: _Spans, *, weak_ok: bool, leader: bool = False) -> tuple[int, int] | None:
    """A name ending at *end*, preferring the length whose start is a clear boundary.

    Before a leader's title (*leader*) a three-character name with a common surname is
    taken even inside a run of text: 高度评价习近平总书记 → 习近平.
    """
    candidates = []
    for length in (4, 3, 2):
        start = end - length
        if start < 0:
            continue
        name = text[start:end]
        if length == 4 and name[:2] not in COMPOUND_SURNAMES and not _vietnamese_womans(name):
            continue
        if (_name_ok(name, weak_ok=weak_ok) and spans.free(start, end) and not (length == 2 and _common_word(name))
                and not _not_a_person(text, start, end, spans)):
            candidates.append((start, end))
    for start, stop in candidates:
        if _boundary(text, start, spans):
            return start, stop
    for start, stop in candidates:
        if leader and stop - start == 3 and text[start] not in _WEAK_SURNAMES and text[stop - 1] not in ORGAN_ENDINGS:
            return start, stop
    return None


@dataclass(frozen=True)
class _Reading:
    """What a person signal reads: the *text* (the segment's :class:`~l10n.names.analysis.Analysis`),
    the positions taken so far (*spans*: the glossary's matches and the people found, growing as
    each is taken), the built-in *titles* in it (:attr:`~l10n.names.analysis.Analysis.titles`, none
    that splits a place), the spans of the glossary's approved titles, and the people *found* so
    far, in the order found."""

    text: Analysis
    spans: _Spans
    titles: tuple[re.Match, ...]
    glossary_titles: tuple[tuple[int, int], ...]
    found: list[tuple[int, int]]


PersonSignal = Callable[[_Reading], Iterator["tuple[int, int] | None"]]
"""A signal that finds people: it reads a :class:`_Reading` and proposes spans one at a time (None
for nothing); each one still free is taken before the signal goes on, so a later proposal sees
the people taken before it."""

PERSON_SIGNALS: list[PersonSignal] = []
"""The person signals, in the order they run (:func:`_find_person_spans`): an earlier signal's
people are taken first, and a later one finds only what is still free."""


def person_signal(signal: PersonSignal) -> PersonSignal:
    """Register *signal* as the next row of :data:`PERSON_SIGNALS`."""
    PERSON_SIGNALS.append(signal)
    return signal


def _reading(text: str, spans: _Spans | None = None, glossary_titles: Iterable[tuple[int, int]] = ()) -> _Reading:
    """The reading of *text* (an :class:`~l10n.names.analysis.Analysis`, or its text) the signals share,
    with the positions *spans* holds taken."""
    text = analysis_of(text)
    spans = spans if spans is not None else _Spans([])
    titles = tuple(m for m in text.titles if not splits_a_place(text, m.start(), m.end()))
    return _Reading(text, spans, titles, tuple(glossary_titles), [])


def _run(reading: _Reading, signals: Iterable[PersonSignal]) -> list[tuple[int, int]]:
    """The people *signals* find in *reading*, in the order found: each proposal still free is taken."""
    for signal in signals:
        for span in signal(reading):
            if span and reading.spans.free(*span):
                reading.spans.add(*span)
                reading.found.append(span)
    return reading.found


def _finds(signal: PersonSignal, text: str, taken: Iterable[tuple[int, int]] = ()) -> list[str]:
    """What *signal* alone finds in *text* (*taken*: glossary matches): how each signal's cases read."""
    return [text[s:e] for s, e in _run(_reading(text, _Spans(taken)), [signal])]


def _find_person_spans(text: str, spans: _Spans, glossary_titles: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The people in *text*: every row of :data:`PERSON_SIGNALS`, in order, then the parts of a
    name an interpunct joins made one (:func:`_join_dotted`)."""
    return _join_dotted(text, _run(_reading(text, spans, glossary_titles), PERSON_SIGNALS), spans)


@person_signal
def _foreign_person_beside_a_title(r: _Reading) -> Iterator[tuple[int, int]]:
    """Foreign people beside a title, before a bulletin's verb or beside a foreign country's
    title (:func:`_foreign_people_by_titles`), and minority names before 同志: first, so that no
    Chinese reading takes them.

    >>> [_finds(_foreign_person_beside_a_title, t) for t in ("柬埔寨首相洪森出席。", "代表马塞洛表示", "扎西同志讲话", "主任李成明出席。")]
    [['洪森'], ['马塞洛'], ['扎西'], []]
    """
    yield from _foreign_people_by_titles(r.text, r.spans)


@person_signal
def _title_before(r: _Reading) -> Iterator[tuple[int, int] | None]:
    """A name right after a built-in title (副主席强建生), where the title is free, ends a glossary
    match, or shares its first character with an organ's last (外交部 + 部长 + 王毅).

    >>> [_finds(_title_before, t) for t in ("副主席强建生出席。", "主任李成明同志来到娄烦县。", "越南代表团访华。")]
    [['强建生'], ['李成明'], []]
    >>> _finds(_title_before, "外交部部长王毅表示", taken=[(0, 3)])
    ['王毅']
    """
    text, spans = r.text, r.spans
    for m in r.titles:
        if spans.free(m.start(), m.end()) or m.end() in spans.ends or (m.start() + 1 in spans.ends and spans.free(m.start() + 1, m.end())):
            yield _name_after(text, m.end(), spans)


@person_signal
def _title_or_comrade_after(r: _Reading) -> Iterator[tuple[int, int] | None]:
    """A name right before a built-in title or 同志 (强建生副主席, 李成明同志) at a boundary, or
    within a run of text before a leader's title (高度评价习近平总书记); a weak surname only
    before 同志.

    >>> [_finds(_title_or_comrade_after, t) for t in ("强建生副主席出席。", "，李成明同志讲话", "会议高度评价习近平总书记的讲话", "全国人大常委会委员长")]
    [['强建生'], ['李成明'], ['习近平'], []]
    """
    text, spans = r.text, r.spans
    for m in sorted([*re.finditer(COMRADE, text), *r.titles], key=lambda m: m.start()):
        yield _name_before(text, m.start(), spans, weak_ok=m.group() == COMRADE, leader=m.group() in _LEADER_TITLES)


@person_signal
def _glossary_title_beside(r: _Reading) -> Iterator[tuple[int, int] | None]:
    """A name right after or before a title the glossary approved (总工程师王建国, 王建国总工程师):
    the glossary's titles anchor a name as the built-in ones do.

    >>> [_run(_reading(t, _Spans([span]), [span]), [_glossary_title_beside]) for t, span in
    ...  (("总工程师王建国介绍了新书。", (0, 4)), ("，王建国总工程师介绍了新书。", (4, 8)), ("总工程师介绍了新书。", (0, 4)))]
    [[(4, 7)], [(1, 4)], []]
    """
    for start, end in r.glossary_titles:
        yield _name_after(r.text, end, r.spans)
        yield _name_before(r.text, start, r.spans, weak_ok=False)


@person_signal
def _speech_verb_after(r: _Reading) -> Iterator[tuple[int, int]]:
    """A name before a bulletin's verb (王沪宁出席, 李强分别会见), or before 在 + a place and the
    verb (李成明在呼和浩特调研), that passes what a speaker's name must (:func:`_speaker_ok`: no
    ordinary word, place or transliteration).

    >>> [_finds(_speech_verb_after, t) for t in ("王沪宁出席会议。", "李成明在呼和浩特调研。", "白皮书表示", "会议由市长主持")]
    [['王沪宁'], ['李成明'], [], []]
    """
    text, spans = r.text, r.spans
    for m in re.finditer(_SPEECH_RE, text):
        for end in (m.start(), _before_where(text, m.start())):
            span = _name_before(text, end, spans, weak_ok=False) if end is not None else None
            if span and _speaker_ok(text[span[0]:span[1]]):
                yield span
                break


@person_signal
def _person_noun_before(r: _Reading) -> Iterator[tuple[int, int]]:
    """A name right after a noun for a person (村民王大明, 女孩周芬): :func:`_people_after_a_noun`.

    >>> [_finds(_person_noun_before, t) for t in ("贫困户女孩周芬收到了录取通知书。", "农民工人数增加。")]
    [['周芬'], []]
    """
    yield from (span for span in _people_after_a_noun(r.text) if r.spans.free(*span))


@person_signal
def _preposition_after(r: _Reading) -> Iterator[tuple[int, int]]:
    """A clause's subject before a preposition and, later in the clause, a verb (王毅向记者介绍,
    李强就经济工作提出要求): :func:`_people_before_a_preposition`.

    >>> [_finds(_preposition_after, t) for t in ("王毅向记者介绍了会谈情况。", "会议在北京召开，中国同越南建交。")]
    [['王毅'], []]
    """
    yield from _people_before_a_preposition(r.text, r.spans)


@person_signal
def _list_of_names(r: _Reading) -> Iterator[tuple[int, int]]:
    """The items of an 、-list when every one of them looks like a personal name (高君宇、石评梅),
    a person found already counting as one (:func:`_list_items`).

    >>> [_finds(_list_of_names, t) for t in ("感谢高君宇、石评梅。", "北京、上海出席。")]
    [['高君宇', '石评梅'], []]
    """
    for m in re.finditer(f"[{HAN}]{{2,4}}(?:、[{HAN}]{{2,4}})+", r.text):
        yield from _list_items(r.text, m.start(), m.end(), r.spans, set(r.found)) or ()


PERSON_NOUNS = frozenset(table("person_nouns"))
"""Nouns for people that a bulletin sets right before a person's name, as a title would be (女孩周芬
"the girl Zhou Fen", 村民王大明), but that are no titles: no glossary term, no English to require."""


_PERSON_NOUN = re.compile(alternation("person_nouns"))


def _people_after_a_noun(text: str) -> list[tuple[int, int]]:
    """Names right after a noun for a person (:data:`PERSON_NOUNS`): a span jieba tags a person
    (``nr``) after such a noun that passes the checks a speaker's name does (:func:`_speaker_ok`:
    no ordinary word, no place, no transliteration).

    >>> t = "贫困户女孩周芬收到了录取通知书。"
    >>> [t[s:e] for s, e in _people_after_a_noun(t)], _people_after_a_noun("农民工人数增加。")
    (['周芬'], [])
    """
    if not _PERSON_NOUN.search(text):
        return []  # jieba need not be loaded
    words = analysis_of(text).words
    return [(s, e) for (a, b, _), (s, e, tag) in zip(words, words[1:])
            if tag == "nr" and text[a:b] in PERSON_NOUNS and _name_ok(text[s:e], weak_ok=False) and _speaker_ok(text[s:e])]


_PREPOSITIONS = characters("prepositions")
"""Prepositions (and 就, "on the matter of") that a clause's subject stands right before when
a verb comes after what they introduce: 王毅向记者介绍, 张德江就…提出要求, 蔡奇同代表交流."""
_AFTER_A_SUBJECT = _PREPOSITIONS | set(used_as("name_followers", "subject"))
"""The words jieba reads after such a subject: a preposition, or 对此 ("about this"), one word to it."""
_VERBAL_NOUNS = frozenset(table("verbal_nouns"))
"""Verbs of a bulletin's actors that jieba tags as nouns (李强向大会报告/n): a verb unless 的 comes before."""
_CLAUSE_BREAKS = _CLAUSE_END + "、"
"""Where a clause ends, a list item's 、 included."""
_BEFORE_A_SUBJECT = _CLAUSE_BREAKS + "“\"（( "
"""What may stand right before a clause's subject: a clause break, an opening quote or bracket, a space."""
_PREPOSITION_AFTER_A_NAME = re.compile(f"(?:^|[{re.escape(_BEFORE_A_SUBJECT)}])([{HAN}]{{2,4}})[{''.join(sorted(_PREPOSITIONS))}]")


def _people_before_a_preposition(text: str, spans: _Spans) -> list[tuple[int, int]]:
    """The subjects of clauses that open with a person jieba tags ``nr``, then a preposition
    (:data:`_PREPOSITIONS`) and, later in the clause, a verb: 王毅向记者介绍 (Wang Yi briefed the
    press), 张德江就…提出要求. The span must pass what a speaker's name does (:func:`_speaker_ok`:
    no ordinary word, place or transliteration) and the tagger-and-dictionary veto
    (:func:`_not_a_person`). Before, only a verb right after the name proposed it, so the
    names before 向, 就 or 同 went unfound, and the model wrote "Xi Jinping" for 秦刚.

    >>> t = "王毅向记者介绍了会谈情况，李强就经济工作提出要求。"
    >>> [t[s:e] for s, e in _people_before_a_preposition(t, _Spans([]))]
    ['王毅', '李强']
    >>> _people_before_a_preposition("会议在北京召开，中国同越南建交。", _Spans([]))
    []
    """
    if not _PREPOSITION_AFTER_A_NAME.search(text):
        return []  # jieba need not be loaded
    words = analysis_of(text).words
    found = []
    for k, (s, e, tag) in enumerate(words[:-1]):
        after = words[k + 1]
        if not tag.startswith("nr") or text[after[0]:after[1]] not in _AFTER_A_SUBJECT:
            continue
        if s > 0 and text[s - 1] not in _BEFORE_A_SUBJECT and s not in spans.ends:
            continue  # the clause's subject only
        clause_end = next((i for i in range(after[1], len(text)) if text[i] in _CLAUSE_BREAKS), len(text))
        verb_later = any(a >= after[1] + 1 and b <= clause_end and (t.startswith("v") or (text[a:b] in _VERBAL_NOUNS and text[a - 1] != "的"))
                         for a, b, t in words[k + 2:])
        name = text[s:e]
        if (verb_later and _name_ok(name, weak_ok=False) and spans.free(s, e) and _speaker_ok(name)
                and not _not_a_person(text, s, e, spans)):
            found.append((s, e))
    return found


def _join_dotted(text: str, found: list[tuple[int, int]], spans: _Spans) -> list[tuple[int, int]]:
    """*found* with every person whose name an interpunct (:data:`NAME_DOTS`) joins to the
    next part (or the part before) made one span over all its parts: 艾尔肯·吐尼亚孜, found as
    two people, is one. A part no detector found is taken up to where a name may end (a title,
    a verb, a stop character: :func:`_dotted_part`). An interpunct beside no person joins
    nothing (《史记·项羽本纪》).

    >>> t = "主席艾尔肯·吐尼亚孜出席。"
    >>> _join_dotted(t, [(2, 5), (6, 10)], _Spans([(2, 5), (6, 10)])), _join_dotted(t, [(2, 5)], _Spans([(2, 5)]))
    ([(2, 10)], [(2, 10)])
    """
    if not any(c in text for c in NAME_DOTS):
        return found
    ordered = sorted(found)
    by_start = dict(ordered)
    joined: list[tuple[int, int]] = []
    absorbed: set[int] = set()
    for start, end in ordered:
        if start in absorbed:
            continue
        while end + 1 < len(text) and text[end] in NAME_DOTS:
            nxt = by_start.get(end + 1) or _dotted_part(text, end + 1, spans, forward=True)
            if nxt is None:
                break
            absorbed.add(end + 1)
            end = nxt
        while start >= 2 and text[start - 1] in NAME_DOTS and (not joined or joined[-1][1] != start - 1):
            before = _dotted_part(text, start - 1, spans, forward=False)
            if before is None:
                break
            start = before
        joined.append((start, end))
    for span in joined:
        if span not in found:
            spans.add(*span)
    return joined


def _dotted_part(text: str, at: int, spans: _Spans, *, forward: bool) -> int | None:
    """Where the part of a dotted name that begins at *at* (*forward*) ends, or the part
    that ends at *at* begins: the longest run of up to six Han characters, bounded where a
    name may end (after a title, a verb, a stop character or a glossary match), with no
    title, verb, function word or ordinary word in it, and no place across its edges. None
    where there is no such run."""
    for n in range(6, 0, -1):
        a, b = (at, at + n) if forward else (at - n, at)
        if a < 0 or b > len(text) or not all(map(is_han, text[a:b])) or not spans.free(a, b):
            continue
        part = text[a:b]
        if forward and not _right_boundary(text, b, spans):
            continue
        if not forward and not (_boundary(text, a, spans) or _TITLE_OR_VERB_ENDS.search(text[max(0, a - 6):a])):
            continue
        if (any(c in _FUNCTION_WORDS for c in part) or any(_FOLLOWERS_RE.match(text, i) for i in range(a, b))
                or (len(part) >= 2 and _common_word(part)) or place_at_an_edge(text, a, b)):
            continue
        return b if forward else a
    return None


def _list_items(text: str, start: int, end: int, spans: _Spans, people: set[tuple[int, int]] = frozenset()) -> list[tuple[int, int]] | None:
    """The items of an 、-list when every one of them looks like a personal name: a Chinese
    one, a person already found (*people*: 主席扎西 of 主席扎西、次仁), or a minority name
    (:func:`reads_as_minority_name`) that is no word or place CC-CEDICT knows (次仁, not 乌兰)."""
    raw = text[start:end].split("、")
    items: list[tuple[int, int]] = []
    pos = start

    def minority(s: int, e: int) -> bool:
        return reads_as_minority_name(text[s:e]) and not _known(text[s:e]) and spans.free(s, e)

    for i, item in enumerate(raw):
        item_start, item_end = pos, pos + len(item)
        pos = item_end + 1
        if i == 0:
            # The regex may have swallowed words before the first name: keep its tail, a person
            # found already or a minority name at a boundary (主席 + 扎西, not 席扎西), else a Chinese name.
            known = [s for s in range(max(item_start, item_end - 4), item_end - 1)
                     if (s, item_end) in people or (minority(s, item_end) and _boundary(text, s, spans))]
            if known:
                item_start = known[0]
            else:
                for length in (3, 2):
                    s = item_end - length
                    # The list itself is evidence enough for a three-character name; two need a boundary.
                    # None starts inside a glossary match or a place (凤阳 + 王明, not 阳王明).
                    if s >= item_start and spans.free(s, item_end) and (length == 3 or _boundary(text, s, spans)):
                        if _name_ok(text[s:item_end], weak_ok=False):
                            item_start = s
                            break
                else:
                    return None
        elif i == len(raw) - 1:
            known = [e for e in range(min(item_end, item_start + 4), item_start + 1, -1)
                     if (item_start, e) in people or (minority(item_start, e) and _right_boundary(text, e, spans))]
            if known:
                item_end = known[0]
            else:
                for length in (3, 2):
                    e = item_start + length
                    if e <= item_end and spans.free(item_start, e) and (e == len(text) or not _is_cjk(text[e]) or text[e] in STOP_CHARACTERS
                                                                        or e in spans.starts):
                        if _name_ok(text[item_start:e], weak_ok=False):
                            item_end = e
                            break
                else:
                    return None
        if (item_start, item_end) in people or minority(item_start, item_end):
            items.append((item_start, item_end))
            continue
        name = text[item_start:item_end]
        if not _name_ok(name, weak_ok=False) or not spans.free(item_start, item_end) or _not_a_person(text, item_start, item_end, spans):
            return None
        items.append((item_start, item_end))
    return items


def _foreign_people_by_titles(text: str, spans: _Spans) -> Iterator[tuple[int, int]]:
    """Spans of foreign people right after or before a title (日本首相安倍晋三, 金正恩委员长,
    代表马塞洛, 萨拉赫先生), or opening a clause before a bulletin's verb (梅洛尼表示):
    the longest one CC-CEDICT lists as a foreign person, or that reads as a transliteration
    (:func:`_transliterated_span`); after the title of a foreign country named in the clause
    (:meth:`Analysis.foreign_context`), the longest span that is no word, place or verb whatever its
    characters (马尔代夫总统优素福, 缅甸总统吴敏瑞); before 同志, a minority name (扎西同志,
    :func:`reads_as_minority_name`); :func:`foreign_english` gives their English. Each is
    proposed free, and taken (added to *spans*) before the next is sought."""
    a = analysis_of(text)
    anchors = [(m, True) for m in a.titles] + [(m, False) for m in re.finditer(_SPEECH_RE, text)]
    for m, title in anchors:
        after = [(m.end(), m.end() + n) for n in (6, 5, 4, 3, 2)] if title else []
        ends = [m.start()]
        if not title and (where := _before_where(text, m.start())) is not None:
            ends.append(where)  # 扎西 + 在拉萨 + 考察: the speaker before where they spoke
        for start, stop in after + [(end - n, end) for end in ends for n in (6, 5, 4, 3, 2)]:
            if start < 0 or stop > len(text) or not spans.free(start, stop):
                continue
            if title and stop - start <= 5 and a.cedict(text[start:stop])[0] == "foreign":
                if start == m.end():  # 代表安东尼 + 奥: a listed name's foreign ending
                    stop = next((e for e in (stop + 2, stop + 1) if e <= len(text) and spans.free(start, e)
                                 and not _right_boundary(text, stop, spans) and _right_boundary(text, e, spans)
                                 and all(transliteration_score(c) >= _STRONG for c in text[stop:e])), stop)
                yield start, stop
                break
            if start == m.end() or not (title and m.group()[0] in PLACE_SUFFIXES):  # 加莱 + 省长: a place's head
                if _transliterated_span(text, start, stop, spans, after=start == m.end()):
                    yield start, stop
                    break
        else:
            if (title and m.end() < len(text) and is_han(text[m.end()]) and a.foreign_context(m.end())
                    and _name_after(text, m.end(), spans) is None):
                # 马尔代夫总统 + 优素福: after a foreign country's title any name is foreign, however it
                # reads; one shaped like a Chinese name (阮氏金银, 陈大光) is left to _name_after
                for start, stop in after:
                    if stop <= len(text) and spans.free(start, stop) and _transliterated_span(text, start, stop, spans, after=True, sounds=False):
                        yield start, stop
                        break
            if title and (start := _after_a_country(text, m.start())) is not None and spans.free(start, m.start()):
                # 马尔代夫 + 优素福总统, 老挝 + 通伦主席: between a foreign country and its title, likewise
                # (the country bounds its start, so only its end, before the title, is asked for an edge)
                if _name_before(text, m.start(), spans, weak_ok=False) is None and _transliterated_span(
                        text, start, m.start(), spans, after=True, sounds=False):
                    yield start, m.start()
    for m in re.finditer(COMRADE, text):  # 扎西同志: comrades are Chinese citizens, so only a minority name
        for start in range(max(0, m.start() - 6), m.start() - 1):
            if spans.free(start, m.start()) and reads_as_minority_name(text[start:m.start()]) and _minority_span(text, start, m.start(), spans, after=False):
                yield start, m.start()
                break


def _after_a_country(text: str, end: int) -> int | None:
    """Where a name of 2–6 characters ending at *end* would start right after a foreign country
    named there (:meth:`Analysis.foreign_context`), the end of the word jieba reads it in (马尔代夫 of
    马尔代夫优素福总统, 蒙古国 of 蒙古国呼日勒苏赫总理); None where there is none."""
    if not _countries_and_parties().search(text, max(0, end - 16), end - 2):
        return None  # no country there: jieba need not be asked
    a = analysis_of(text)
    for s, e, _ in a.words:
        if end - 6 <= e <= end - 2 and (country := a.foreign_context(e)) and text.startswith(country, s):
            return e
    return None
