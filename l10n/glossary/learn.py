"""Glossary proposals learned from reviewers: corrections made the same way in several entries.

A reviewer who changes the machine's "County Convergence Media Center" to "County Integrated
Media Centre" in three entries that all name 县融媒体中心 is teaching the glossary a term. For
every reviewed entry (the Chinese, the machine's draft, the approved English) this module
finds what the reviewer changed in the names of things (:func:`changed_phrases`: a word-level
diff, each change widened to the proper-noun phrase around it), and which Chinese the machine
had rendered there:

* a phrase the machine wrote because the segment required it (a glossary term, a person's or a
  place's name: :func:`l10n.required.requirements_on`) is that rendering's Chinese;
* any other is the Chinese that every entry with the same correction shares: the longest
  institution, title or name span (``glossary suggest``'s n-grams and the names the names
  module finds) common to all their sources.

A correction made in at least *at_least* entries (two by default, in one bulletin or across
several) that no approved term already settles becomes a :class:`Proposal`, with its evidence
and a category guessed from the Chinese (an institution's or office's suffix, a title, a
person, a place). Nothing here changes the glossary: ``l10n glossary learn --propose`` writes
proposals as *proposed* rows, which change no draft until an editor approves them.

>>> changed_phrases("The County Convergence Media Center held talks.", "The County Integrated Media Centre held talks.")
[('County Convergence Media Center', 'County Integrated Media Centre')]
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from l10n.lexicon import HAN_RUN

__all__ = ["Correction", "Proposal", "Reviewed", "changed_phrases", "learn", "reviewed_entries"]

_TOKEN = re.compile(r"[A-Za-zÀ-ÿĀ-ž0-9]+(?:['’\-][A-Za-zÀ-ÿĀ-ž0-9]+)*|[^\sA-Za-zÀ-ÿĀ-ž0-9]")
# the small words inside a proper name ("Office of the Municipal Party Committee")
_INSIDE_A_NAME = frozenset({"of", "the", "and", "for", "on", "in", "de"})
# capitalised only because they open a sentence: never the edge of a name
_ARTICLES = frozenset({"The", "A", "An", "On", "In", "At", "To", "It", "This", "That", "These", "Those", "From", "By", "As",
                       "Recently", "Today", "Yesterday", "According"})


@dataclass(frozen=True)
class Reviewed:
    """One reviewed entry: where it is, its Chinese, the machine's draft and the approved English."""

    slug: str
    context: str
    source: str
    machine: str
    approved: str


@dataclass(frozen=True)
class Correction:
    """What a reviewer changed in one entry: the machine's phrase and theirs."""

    slug: str
    context: str
    before: str
    after: str


@dataclass
class Proposal:
    """A glossary row learned from reviewers: the Chinese, the reviewers' English, a category
    guess, the machine's English it replaces, and the entries that show it."""

    zh: str
    en: str
    category: str
    machine: str
    evidence: list[Correction] = field(default_factory=list)

    def note(self) -> str:
        """The proposal's evidence as a glossary note (one line)."""
        where = ", ".join(f"{c.slug} {c.context}" for c in self.evidence[:6]) + (" …" if len(self.evidence) > 6 else "")
        return f"learned from {len(self.evidence)} reviewed entries ({where}): '{self.machine}' → '{self.en}'"

    def to_dict(self) -> dict:
        return {"zh": self.zh, "en": self.en, "category": self.category, "machine": self.machine,
                "evidence": [{"bulletin": c.slug, "entry": c.context, "before": c.before, "after": c.after} for c in self.evidence]}


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("’", "'"))  # a typographic apostrophe is no change


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def phrases(text: str) -> list[str]:
    """The proper-noun phrases of *text*, in order: runs of capitalised words with the small words
    between two of them (of, the, and …), without a sentence's opening article; punctuation
    but a hyphen or an apostrophe inside a word ends a phrase.

    >>> phrases("The Party History Office of the County Committee met Li Chengming, its Director.")
    ['Party History Office of the County Committee', 'Li Chengming', 'Director']
    """
    tokens = _tokens(text)
    found, run = [], []

    def close() -> None:
        while run and (run[-1] in _INSIDE_A_NAME):
            run.pop()
        if run and run[-1].endswith("'s"):  # a possessive at its end is the same name (Xi Jinping's); People's is a word
            run[-1] = run[-1][:-2]
        while run and (run[0] in _INSIDE_A_NAME or run[0] in _ARTICLES):
            run.pop(0)
        if run:
            found.append(" ".join(run))
        run.clear()

    for token in tokens:
        if _capitalised(token) or (token in _INSIDE_A_NAME and run):
            run.append(token)
        else:
            close()
    close()
    return found


def _named(phrase: str) -> bool:
    """Whether *phrase* names something: a capitalised word that is not a figure (30th, 2020)."""
    return any(t[:1].isupper() for t in phrase.split())


def _inside(small: str, large: str) -> bool:
    """Whether the words of *small* stand together in *large*."""
    return f" {small} " in f" {large} "


_ALIKE = 0.45
"""How alike (difflib's ratio of the lower-case phrases) a machine's phrase and a reviewer's must
be to be read as one name corrected, not two names."""


def changed_phrases(machine: str, approved: str) -> list[tuple[str, str]]:
    """The names of things a reviewer changed: each proper-noun phrase of *machine* (a title, an
    institution, a person, a place: :func:`phrases`) that *approved* lacks, paired with the most
    alike phrase of *approved* that *machine* lacks (each used once; a pair must be
    :data:`_ALIKE`). Changes to ordinary words are style, not terms, and are left out.

    >>> changed_phrases("Director Li Chengming chaired it.", "Director Lee Cheng-ming chaired it.")
    [('Director Li Chengming', 'Director Lee Cheng-ming')]
    >>> changed_phrases("The meeting was held today.", "The meeting took place today.")
    []
    """
    mine = [p for p in phrases(machine) if _named(p)]
    theirs = [p for p in phrases(approved) if _named(p)]
    gone = [m for m in dict.fromkeys(mine) if m not in theirs]
    new = [t for t in dict.fromkeys(theirs) if t not in mine]
    pairs: list[tuple[float, str, str]] = []
    for m in gone:
        for t in new:
            if _inside(m, t) or _inside(t, m):
                continue  # words added around a name, or cut from it, are the sentence's, not a new English for it
            ratio = difflib.SequenceMatcher(None, m.lower(), t.lower(), autojunk=False).ratio()
            if ratio >= _ALIKE:
                pairs.append((ratio, m, t))
    found, used_m, used_t = [], set(), set()
    for _, m, t in sorted(pairs, key=lambda p: -p[0]):
        if m not in used_m and t not in used_t:
            used_m.add(m), used_t.add(t)
            found.append((m, t))
    return sorted(found, key=lambda pair: mine.index(pair[0]))


def _within(target: str, before: str, after: str) -> str | None:
    """What *after* has in place of *target* where the words of *before* around *target* stand
    unchanged in *after* (Director + Li Chengming → Director + Lee Cheng-ming: Lee Cheng-ming);
    None where *target* is not in *before*, or the change reaches past it.

    >>> _within("Li Chengming", "Director Li Chengming", "Director Lee Cheng-ming")
    'Lee Cheng-ming'
    >>> _within("Li Chengming", "Director Li Chengming", "Deputy Director Lee Cheng-ming") is None
    True
    """
    at = before.find(target) if target else -1
    if at < 0:
        return None
    head, tail = before[:at], before[at + len(target):]
    if not (after.startswith(head) and after.endswith(tail)) or len(after) <= len(head) + len(tail):
        return None
    return after[len(head):len(after) - len(tail)].strip() or None


def _forms(rendering) -> list[str]:
    """Every English a draft may give *rendering*: its target, its variants, and its acronym
    spelled out at a first mention, with and without the bracketed acronym."""
    forms = [rendering.target, *rendering.variants]
    if rendering.first_mention:
        forms += [rendering.first_mention, re.sub(r"\s*\([A-Z]{2,}\)", "", rendering.first_mention)]
    return [f for f in dict.fromkeys(forms) if f]


def _spans(source: str, before: str) -> set[str]:
    """The Chinese of *source* the machine's phrase *before* may render: its institution and
    title n-grams, and the people and places the names module finds whose English the phrase
    holds (a name the phrase does not write is not what the reviewer corrected)."""
    from l10n.glossary.suggest import _ngrams
    from l10n.names import find_names

    spans = {run[s:e] for run in HAN_RUN.findall(source) for s, e, _ in _ngrams(run)}
    spans |= {r.source for r in find_names(source) if r.target in before}
    return spans


def category_guess(zh: str, person: bool = False) -> str:
    """The glossary category a Chinese span most likely is: person, title, organ, place or term."""
    from l10n.glossary.suggest import INSTITUTION_SUFFIXES
    from l10n.lexicon import TITLES
    from l10n.names import is_place_name

    if person:
        return "person"
    if zh.endswith(TITLES):
        return "title"
    if zh.endswith(INSTITUTION_SUFFIXES):
        return "organ"
    if is_place_name(zh):
        return "place"
    return "term"


def learn(entries: Iterable[Reviewed], glossary, *, at_least: int = 2, date=None) -> list[Proposal]:
    """The proposals the reviewed *entries* teach, most evidence first (see the module's doc).

    *glossary* (a :class:`~l10n.glossary.Glossary`, or None) gives what each segment required
    of the machine and the approved terms that already settle a Chinese term.
    """
    from l10n.required import requirements_on

    approved_zh = {t.zh for t in getattr(glossary, "terms", ()) if t.status == "approved"}
    by_change: dict[tuple[str, str], list[tuple[Reviewed, Correction]]] = {}
    known: dict[tuple[str, str], tuple[str, bool]] = {}  # (before, after) → (Chinese, is a person), from a requirement
    for entry in entries:
        if not entry.machine or not entry.approved or entry.machine == entry.approved:
            continue
        changes = changed_phrases(entry.machine, entry.approved)
        if not changes:
            continue
        required = requirements_on(entry.source, glossary, date)
        for before, after in changes:
            # the change is inside what the segment required, in any form drafting may write it
            # (an acronym spelled out at its first mention too): that rendering's Chinese
            forms = sorted(((form, r) for r in required for form in _forms(r)), key=lambda fr: -len(fr[0]))
            for form, r in forms:
                narrowed = _within(form, before, after)
                if narrowed is not None:
                    before, after = form, narrowed
                    known.setdefault((before, after), (r.source, r.is_person))
                    break
            by_change.setdefault((before, after), []).append((entry, Correction(entry.slug, entry.context, before, after)))
    proposals: dict[str, Proposal] = {}
    for (before, after), found in by_change.items():
        if len(found) < at_least:
            continue
        zh, person = known.get((before, after), ("", False))
        if not zh:
            common = set.intersection(*(_spans(e.source, before) for e, _ in found))
            if not common:
                continue
            zh = max(common, key=lambda s: (len(s), s))
        if zh in approved_zh:
            continue  # an approved term settles it: a change to it is the editor's, by revision
        proposal = proposals.get(zh)
        if proposal is None or len(proposal.evidence) < len(found):
            proposals[zh] = Proposal(zh, after, category_guess(zh, person), before, [c for _, c in found])
    return sorted(proposals.values(), key=lambda p: (-len(p.evidence), p.zh))


def reviewed_entries(config) -> list[Reviewed]:
    """The approved entries of every catalog of the project (``locales/<lang>/LC_MESSAGES``) that
    keep the machine's draft on record (:func:`l10n.quality.effort.reviewed_entries`), in slug order."""
    from l10n.catalog import read_catalog
    from l10n.quality import effort

    return [Reviewed(slug, entry.context, entry.source, entry.machine_draft, entry.translation)
            for slug in config.catalog_slugs()
            for entry in effort.reviewed_entries(read_catalog(config.catalog_path(slug)))]
