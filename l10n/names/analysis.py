"""The one reading of a segment that every detector of :mod:`l10n.names` reads: :class:`Analysis`.

A segment is read once: jieba's words and their parts of speech, the spans of its sentences
and clauses, the built-in titles in it, the sides of foreign countries it names (越方), and the
foreign country a clause or the rest of a sentence ties a name to. Each fact is worked out the
first time a detector asks for it and kept, so a sentence nothing asks jieba about never loads
jieba, and no detector tags the text again or scans it for what another detector found.

An :class:`Analysis` *is* the segment's text (a ``str``): :func:`l10n.required.requirements`
makes it once (:func:`analysis_of`) and hands it to every detector as the text, so whatever is
given the text is given its reading, and a slice of it is plain text again. A caller with only a
string (a test, a doctest, QA) gets the same object from :func:`analysis_of`.

>>> a = analysis_of("会上，越南政府表示。习近平出席")
>>> a.clauses, a.sentences, a.clause_of(10, 13) == a.sentence_of(10, 13) == (10, 15)
(((0, 2), (3, 9), (10, 15)), ((0, 9), (10, 15)), True)
>>> analysis_of(a) is a is analysis_of("会上，越南政府表示。习近平出席")
True

CC-CEDICT is asked word by word (:meth:`Analysis.cedict`, a cached function of the word: a
word reads the same in every sentence).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cached_property

from l10n.lexicon import CLAUSE_END, HAN, SENTENCE_END
from l10n.names.context import COMRADE, _TITLE_RE, either, used_as
from l10n.names.countries import (
    FOREIGN_PARTIES, SIDE, SIDE_ABBREVIATIONS, _CHINA_NAMED, _countries, _countries_and_parties, _territory_codes, names_abroad,
    names_china,
)
from l10n.names.readings import cedict_reading, is_word, tagged
from l10n.terms import Rendering
from l10n.vocabulary import table

Word = tuple[int, int, str]
"""One word of jieba's reading: where it starts and ends in the text, and its part of speech
(``nr`` a person, ``ns`` a place …)."""


def _kept(method: Callable) -> Callable:
    """*method* of an :class:`Analysis` worked out once for each set of arguments and kept with the analysis."""
    @functools.wraps(method)
    def kept(self: Analysis, *args):
        key = (method.__name__, *args)
        if key not in self._facts:
            self._facts[key] = method(self, *args)
        return self._facts[key]
    return kept


class Analysis(str):
    """The text of one segment and what is read in it (the module's docstring says how it is shared)."""

    def __reduce__(self):  # a copy or a pickle is the text's analysis, not the facts kept with it
        return analysis_of, (str(self),)

    @cached_property
    def _facts(self) -> dict:
        return {}

    @cached_property
    def text(self) -> str:
        """The segment's text as a plain string."""
        return str(self)

    def cedict(self, word: str) -> tuple[str, str]:
        """What CC-CEDICT calls *word*: :func:`l10n.names.readings.cedict_reading`, cached by the word for every segment."""
        return cedict_reading(word)

    # --- words ---------------------------------------------------------------

    @cached_property
    def words(self) -> tuple[Word, ...]:
        """jieba's reading of the whole text: ``(start, end, tag)`` per word, ``nr`` for a person,
        ``nrt`` for a transliterated name, ``ns`` a place, ``nt`` an organisation. The words cover
        the text, so one word at most starts (:meth:`word_at`) or ends (:meth:`word_ending_at`) at a position.

        >>> [(s, e, t) for s, e, t in analysis_of("利比里亚总统维阿表示").words if t[:1] == "n"]
        [(0, 4, 'ns'), (4, 6, 'n'), (6, 8, 'nr')]
        """
        return tagged(self.text)

    @cached_property
    def _starting(self) -> dict[int, Word]:
        return {w[0]: w for w in reversed(self.words)}

    @cached_property
    def _ending(self) -> dict[int, Word]:
        return {w[1]: w for w in reversed(self.words)}

    def word_at(self, start: int) -> Word | None:
        """The word that begins at *start*, None where a word runs across it."""
        return self._starting.get(start)

    def word_ending_at(self, end: int) -> Word | None:
        """The word that ends at *end*, None where a word runs across it."""
        return self._ending.get(end)

    def words_in(self, lo: int, hi: int) -> list[Word]:
        """The words wholly inside ``text[lo:hi]``."""
        return [w for w in self.words if lo <= w[0] and w[1] <= hi]

    @_kept
    def reading_of(self, lo: int, hi: int) -> tuple[Word, ...]:
        """jieba's reading of ``text[lo:hi]`` on its own, positions counted from *lo*: the one
        deliberate re-reading of a slice, kept like every other fact.

        It is for 中共 (:func:`l10n.names.zhong_gong_apart`): where jieba reads 中共 as one word of
        the sentence, the sentence's words cannot say whether 中 closes the phrase before it ("in",
        "among": 生涯中, 会议中) and 共 begins what follows ("in total": 共取得, 共有), so the clause up
        to 中 and the text after it are each read alone.
        """
        return tagged(self.text[lo:hi])

    # --- sentences and clauses -----------------------------------------------

    @cached_property
    def _sentence_marks(self) -> list[int]:
        return [i for i, c in enumerate(self.text) if c in SENTENCE_END]

    @cached_property
    def _clause_marks(self) -> list[int]:
        return [i for i, c in enumerate(self.text) if c in CLAUSE_END]

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """The spans of the text's sentences, none empty, each up to the mark that ends it
        (:data:`l10n.lexicon.SENTENCE_END`: 。！？； and a line break) or the text's end."""
        return _spans(self._sentence_marks, len(self))

    @cached_property
    def clauses(self) -> tuple[tuple[int, int], ...]:
        """The spans of the text's clauses, none empty: the sentences cut at a comma or a colon too
        (:data:`l10n.lexicon.CLAUSE_END`)."""
        return _spans(self._clause_marks, len(self))

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence holding ``text[start:end]`` begins and ends: from after the last
        sentence end (:data:`l10n.lexicon.SENTENCE_END`) before *start* to the first one from *end*
        on, or the text's ends.

        >>> analysis_of("美国国务卿访华。国务院召开会议。").sentence_of(8, 11)
        (8, 15)
        """
        return _between(self._sentence_marks, start, end, 0, len(self))

    def clause_of(self, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
        """Where the clause holding ``text[start:end]`` begins and ends within ``text[lo:hi]`` (the
        whole text by default): from after the last clause end (:data:`l10n.lexicon.CLAUSE_END`)
        before *start* to the first one from *end* on, or *lo* and *hi*.

        >>> a = analysis_of("会上，越南政府表示。习近平出席")
        >>> a.clause_of(3, 5), a.clause_of(10, 13), a.clause_of(10, 13, 10, 15)
        ((3, 9), (10, 15), (10, 15))
        """
        return _between(self._clause_marks, start, end, lo, len(self) if hi is None else hi)

    # --- titles ----------------------------------------------------------------

    @cached_property
    def titles(self) -> tuple[re.Match, ...]:
        """The built-in titles in the text (:data:`l10n.lexicon.TITLES` and the foreign ones, but
        同志), but not one that begins a longer word with the character after it: 代表团 is a
        delegation, not 代表 ("representative") + a name 团访华; 书记处 is a secretariat. Where
        that character starts a word of its own (部长 + 会见, not 部长会) the title stays.

        >>> t = "越南代表团访华，代表王明出席，中央书记处书记，萨利赫部长会见"
        >>> [m.group() for m in analysis_of(t).titles]
        ['代表', '书记', '部长']
        """
        text = self.text
        return tuple(m for m in _TITLES.finditer(text)
                     if not (is_word(text[m.start():m.end() + 1]) and not is_word(text[m.end():m.end() + 2])))

    # --- the foreign countries a clause or a sentence speaks of ----------------------

    @cached_property
    def sides(self) -> tuple[tuple[re.Match, str], ...]:
        """Each foreign country's side in the text (越方) with the country's two-letter code: what
        :func:`country_sides` says in English and :meth:`sentence_country` reads as the country."""
        text = self.text
        if SIDE not in text:
            return ()
        codes = _territory_codes()
        named = {}
        for m in _countries().finditer(text):
            named.setdefault(m.group()[0], codes.get(m.group()))
        found = []
        for m in re.finditer(f"([{HAN}]){SIDE}", text):
            code = named.get(m.group(1)) or SIDE_ABBREVIATIONS.get(m.group(1))
            if code is None or self.word_at(m.start()) is None:
                continue  # no country's character, or no word begins with it (执法方面)
            after = self.word_at(m.start() + 1)
            if after is None or after[1] - after[0] == 1:  # 方 is no start of a longer word (以 + 方便, 老 + 方法)
                found.append((m, code))
        return tuple(found)

    @_kept
    def foreign_context(self, start: int) -> str | None:
        """The foreign country the clause before *start* ties the name there to, None where
        there is none: a country (or its party: 越南共产党, 越共 for Vietnam) with nothing but
        titles and organs between it and the name; not a country after 驻 (中国驻越南大使), not
        across China or a verb. The country must be a word of the sentence in jieba's reading:
        tagged a place or an organisation, or read whole whatever the tag (马尔代夫, which jieba
        tags a transliterated name).

        >>> [foreign_context(t, t.index(n)) for t, n in [("越南国家主席阮春福出席", "阮春福"), ("越共中央总书记阮富仲出席", "阮富仲"),
        ...     ("越南国家主席阮春福会见中国驻越南大使馆代表王明", "王明"), ("阮富仲在河内会见王毅", "王毅")]]
        ['越南', '越南', None, None]
        >>> foreign_context("马尔代夫总统优素福表示", 6)
        '马尔代夫'
        """
        text = self.text
        clause = self.clause_of(start, start)[0]
        countries = list(_countries_and_parties().finditer(text, clause, start))
        if not countries:
            return None
        country = countries[-1]
        between = text[country.end():start]
        if text[country.start() - 1:country.start()] == "驻" or _CHINA.search(between):
            return None
        word = self.word_at(country.start())
        if word is None or not (word[2][:2] in ("ns", "nt") or word[1] == country.end() or country.group() in FOREIGN_PARTIES):
            return None  # the country is not a word here (增加纳税 holds no Ghana, 超越共同 no 越共); 马尔代夫/nrt is
        if any(tag[:1] in ("v", "p", "c") and tag != "vn" for _, _, tag in self.words_in(country.end(), start)):
            return None
        return FOREIGN_PARTIES.get(country.group(), country.group())

    @_kept
    def person_stretch(self, start: int, end: int) -> str:
        """The stretch of the clause about the person at ``text[start:end]``: the clause, cut at a
        meeting with someone else or a conjunction that brings someone in (:data:`_PARTNER`), before
        and after the person; the text before them, ``|``, the text after them.

        >>> t = "习近平会见越南总理范明政，双方表示"
        >>> person_stretch(t, 0, 3), person_stretch(t, 9, 12)
        ('|', '越南总理|')
        """
        text = self.text
        lo, hi = self.clause_of(start, end)
        lo = max([m.end() for m in _PARTNER.finditer(text, lo, start)] or [lo])
        after = _PARTNER.search(text, end, hi)
        return text[lo:start] + "|" + text[end:after.start() if after else hi]

    @_kept
    def sentence_country(self, start: int, end: int) -> str | None:
        """The foreign country the rest of the sentence ties the person at ``text[start:end]`` to,
        where their own clause names none before them (:meth:`foreign_context`): a foreign country
        that another clause speaks for (范明政总理表示，越南愿与中国加强合作: 越南 opens its clause,
        nothing but nouns before it; 越方, 越共 likewise), where the sentence names China only as a
        partner or an object (与中国, 同中方). None where:

        - CC-CEDICT lists the person as Chinese (习近平), or 同志 follows them (comrades are Chinese);
        - their own stretch of the clause (:meth:`person_stretch`) names China or a PRC place
          (国务院总理李强, 平遥县委书记王建国: :func:`~l10n.names.countries.names_china`);
        - China is named elsewhere in the sentence other than as a partner or object (李强总理表示，
          中国愿同越南…; 王建国表示，越南是我市重要伙伴: the speaker's side);
        - their own clause names a foreign country or city, which :meth:`foreign_context` has read
          (王毅抵达越南, 习近平会见越南总理范明政: the visitor and the host stay Chinese);
        - the other clauses name a foreign country only after a verb or a preposition, or as a
          modifier (王建国副县长表示，越南客商前来投资: Vietnamese traders, not Vietnam's side).

        Of several countries, the nearest to the person.

        >>> t = "范明政总理表示，越南愿与中国加强合作。"
        >>> sentence_country(t, 0, 3), sentence_country("李成明表示，中国愿与越南加强合作。", 0, 3)
        ('越南', None)
        >>> sentence_country("刘建超抵达越南，表示中方愿同越方加强合作。", 0, 3)
        >>> sentence_country("习近平同越南国家主席武文赏会谈。", 0, 3)
        """
        text = self.text
        lo, hi = self.sentence_of(start, end)
        own_lo, own_hi = self.clause_of(start, end, lo, hi)
        outside = lambda a: lo <= a < own_lo or own_hi <= a < hi
        if not any(outside(m.start()) for m in _countries_and_parties().finditer(text, lo, hi)) and not any(
                outside(m.start()) for m in re.finditer(f"[{''.join(SIDE_ABBREVIATIONS)}]{SIDE}", text[:hi])):
            return None  # no foreign country outside the person's clause: jieba need not be asked
        if names_abroad(text[own_lo:own_hi]):
            return None  # their own clause names a country or a city abroad: foreign_context's to read (王毅抵达越南, 抵达河内)
        if self.cedict(text[start:end])[0] == "person" or text.startswith(COMRADE, end) or names_china(self.person_stretch(start, end)):
            return None
        codes = {code: name for name, code in _territory_codes().items()}
        foreign = [(m.start(), m.end(), FOREIGN_PARTIES.get(m.group(), m.group())) for m in _countries_and_parties().finditer(text, lo, hi)]
        foreign += [(m.start(), m.end(), codes[code]) for m, code in self.sides if code in codes]
        china = [(m.start(), m.end(), None) for m in _CHINA_NAMED.finditer(text, lo, hi)]
        owners = []
        for a, b, country in sorted(m for m in (*foreign, *china) if outside(m[0])):
            if self.word_at(a) is None:
                continue  # no word of the sentence here (增加纳税 holds no Ghana, 集中方式 no 中方)
            if country is None:
                if text[a - 1:a] not in _OBJECT_MARKERS:  # 与中国, 愿同 + 中方 (jieba may join the marker to the verb)
                    return None  # China named as a side, not a partner: the person may be its
            elif self._speaks_for(a, self.clause_of(a, a, lo, hi)[0]):
                owners.append((a, b, country))
        if not owners:
            return None
        return min(owners, key=lambda o: min(abs(o[0] - end), abs(start - o[1])))[2]

    def _speaks_for(self, at: int, clause: int) -> bool:
        """Whether the clause that begins at *clause* speaks for the country whose word begins at
        *at*: no verb, preposition or conjunction before it in the clause (越南愿, 今年越南将; not
        感谢越南, 在越南), and no noun after its word, which it would only modify (越南政府 + 高度重视
        speaks for Vietnam; 越南 + 客商, Vietnamese traders, does not).

        >>> a = analysis_of("会上，越南政府高度重视合作，越南客商前来投资，感谢越南的支持")
        >>> [a._speaks_for(a.index(w), a.index(w) - k) for w, k in (("越南政府", 0), ("越南客商", 0), ("越南的", 2))]
        [True, False, False]
        """
        if any(tag[:1] in ("v", "p", "c") and tag != "vn" for _, _, tag in self.words_in(clause, at)):
            return False
        after = self.word_at(self.word_at(at)[1])
        return not (after is not None and after[2].startswith("n"))


def _spans(marks: list[int], length: int) -> tuple[tuple[int, int], ...]:
    """The non-empty stretches of a text of *length* characters between the *marks* (positions)."""
    bounds = [-1, *marks, length]
    return tuple((a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a + 1)


def _between(marks: list[int], start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """From after the last of the *marks* (sorted positions) in ``[lo, start)`` (else *lo*) to the
    first in ``[end, hi)`` (else *hi*), on positions found once."""
    i = bisect_left(marks, start) - 1
    j = bisect_left(marks, end)
    before = marks[i] + 1 if i >= 0 and marks[i] >= lo else lo
    return before, marks[j] if j < len(marks) and marks[j] < hi else hi


_TITLES = re.compile(_TITLE_RE)

_CHINA = re.compile(either([*used_as("china_words", "foreign-end"), *used_as("name_followers", "meeting")]))
"""What ends a foreign country's hold on the names after it: China named again, or a meeting
verb (jieba may tag 会见 a noun)."""

_PARTNER = re.compile(either([*used_as("name_followers", "meeting"), *used_as("name_followers", "partner")]))
"""What ends the stretch of a clause about one person: a meeting with someone else, a conjunction."""

_OBJECT_MARKERS = frozenset(table("prepositions")) | frozenset(used_as("name_followers", "partner"))
"""Characters right before a country that make it a partner or an object (与中国, 同中方, 对中国), not the side a clause speaks for."""


def analysis_of(text: str) -> Analysis:
    """The :class:`Analysis` of *text*: *text* itself where it is one, else the one made for that
    text (kept for the last segments read, so a caller with a plain string gets the object
    :func:`l10n.required.requirements` made and read)."""
    return text if isinstance(text, Analysis) else _analysis(text)


@functools.lru_cache(maxsize=128)
def _analysis(text: str) -> Analysis:
    return Analysis(text)


# The detectors' public entry points that take a plain string: each reads the text's analysis.

def foreign_context(text: str, start: int) -> str | None:
    """The foreign country the clause before *start* ties the name there to: :meth:`Analysis.foreign_context`."""
    return analysis_of(text).foreign_context(start)


def person_stretch(text: str, start: int, end: int) -> str:
    """The stretch of the clause about the person at ``text[start:end]``: :meth:`Analysis.person_stretch`."""
    return analysis_of(text).person_stretch(start, end)


def sentence_country(text: str, start: int, end: int) -> str | None:
    """The foreign country the rest of the sentence ties the person at ``text[start:end]`` to: :meth:`Analysis.sentence_country`."""
    return analysis_of(text).sentence_country(start, end)


def country_sides(text: str) -> list[Rendering]:
    """Hints for a foreign country written as its first character and 方, "side": 越方 "the
    Vietnamese side". The character is the country's where the sentence names a country it
    starts (斯里兰卡 … 斯方), else where it is a standing abbreviation (:data:`~l10n.names.countries.SIDE_ABBREVIATIONS`);
    X方 must be a word in jieba's reading, so 执法方面, 以方便 and 老方法 hold no side. The span
    is no person's name (韩方表示 is not "Han Fang"): :attr:`Analysis.sides`.

    >>> [(r.source, r.target) for r in country_sides("越方和老方代表出席签字仪式，斯里兰卡外长表示斯方愿同中方合作")]
    [('越方', 'the Vietnamese side'), ('老方', 'the Lao side'), ('斯方', 'the Sri Lankan side')]
    >>> country_sides("执法方面，以方便群众为先，老方法不管用，马方表示")
    []
    """
    from l10n.places import demonyms

    hints = []
    for m, code in analysis_of(text).sides:
        adjectives = demonyms(f"place-country-{code.lower()}")
        if adjectives:
            english = f"the {adjectives[-1]} side"  # the house form is listed last (Lao, Philippine)
            hints.append(Rendering(m.group(), english, kind="hint", start=m.start(), end=m.end(), category="side"))
    return hints
