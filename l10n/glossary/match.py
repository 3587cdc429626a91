"""Find glossary terms in unsegmented Chinese text (Aho-Corasick, leftmost-longest).

>>> from l10n.glossary.store import Term
>>> m = Matcher.from_terms([Term("a", "国务院", "State Council", status="approved"),
...                         Term("b", "国务院办公厅", "General Office of the State Council", status="approved")])
>>> [(r.source, r.start, r.end) for r in m.find("国务院办公厅和国务院")]
[('国务院办公厅', 0, 6), ('国务院', 7, 10)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from l10n.terms import Rendering


class Matcher:
    """Leftmost-longest, non-overlapping matcher over a fixed set of renderings."""

    def __init__(self, renderings: Iterable[Rendering]):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        self.size = 0
        for r in renderings:
            if not r.source:
                continue
            # One rendering per surface form: an approved term beats a hint for the same Chinese.
            existing = self._automaton.get(r.source, None)
            if existing is not None and existing.kind == "term" and r.kind != "term":
                continue
            if existing is None:
                self.size += 1
            self._automaton.add_word(r.source, r)
        if self.size:
            self._automaton.make_automaton()

    @classmethod
    def from_terms(cls, terms: Iterable, *, on: dt.date | None = None, reference: Iterable = ()) -> Matcher:
        """Approved terms valid *on* the date (kind ``term``) and proposed ones (kind ``hint``);
        the approved *reference* places under them (kind ``place``, as the places the names
        module finds: they are not the project's glossary terms). A reference place not valid
        on the date (an old name: 襄樊市 after 2010-12-08) is still a place, with no English
        (an empty target): no title or name is read across it, and nothing requires it."""
        from l10n.acronyms import acronym_table, with_first_mentions
        from l10n.places import demonyms

        terms = list(terms)
        places = {id(t) for t in reference}
        renderings = []
        for t in [*terms, *reference]:
            if t.status == "approved":
                kind = "place" if id(t) in places else "term"
            elif t.status == "proposed":
                kind = "hint"
            else:
                continue
            if not t.valid_on(on):
                if kind == "place":
                    renderings.append(Rendering(t.zh, "", kind, entry_id=t.id, category=t.category))
                continue
            variants = (t.en.lower(),) if t.category == "title" and t.en.lower() != t.en else ()
            if kind == "place":
                variants = demonyms(t.id)  # "the Royal Canadian Museum" names Canada
            renderings.append(Rendering(t.zh, t.en, kind, entry_id=t.id, forbidden=t.forbidden, variants=variants, category=t.category))
        return cls(with_first_mentions(renderings, acronym_table(t.en for t in terms if t.status == "approved")))

    def __len__(self) -> int:
        return self.size

    def find(self, text: str) -> list[Rendering]:
        """Matches in text order: leftmost first, longest at a start, never overlapping.

        >>> m = Matcher([Rendering("市委", "Municipal Party Committee"), Rendering("委员会", "Committee")])
        >>> [r.source for r in m.find("市委员会")]
        ['市委']
        """
        if not self.size or not text:
            return []
        best: dict[int, tuple[int, Rendering]] = {}
        for end, rendering in self._automaton.iter(text):
            length = len(rendering.source)
            start = end + 1 - length
            current = best.get(start)
            if current is None or current[0] < length:
                best[start] = (length, rendering)
        found: list[Rendering] = []
        last_end = 0
        for start in sorted(best):
            if start < last_end:
                continue
            length, r = best[start]
            found.append(replace(r, start=start, end=start + length))
            last_end = start + length
        return found

    def find_all(self, text: str) -> list[Rendering]:
        """Every match, overlapping ones included, by start then length: what
        :meth:`find` chose among (a place that a title's match hid, 我省长江).

        >>> m = Matcher([Rendering("省长", "Governor"), Rendering("长江", "Yangtze River")])
        >>> [(r.source, r.start) for r in m.find_all("我省长江")], [r.source for r in m.find("我省长江")]
        ([('省长', 1), ('长江', 2)], ['省长'])
        """
        if not self.size or not text:
            return []
        found = [replace(r, start=end + 1 - len(r.source), end=end + 1) for end, r in self._automaton.iter(text)]
        return sorted(found, key=lambda r: (r.start, r.end))
