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

__all__ = ["Correction", "Proposal", "Reviewed", "changed_phrases", "learn"]

_TOKEN = re.compile(r"[A-Za-zÀ-ÿĀ-ž0-9]+(?:['’\-][A-Za-zÀ-ÿĀ-ž0-9]+)*|[^\sA-Za-zÀ-ÿĀ-ž0-9]")
# the small words inside a proper name ("Office of the Municipal Party Committee")
_INSIDE_A_NAME = frozenset({"of", "the", "and", "for", "on", "in", "de"})
# capitalised only because they open a sentence: never the edge of a name
_ARTICLES = frozenset({"The", "A", "An"})


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
    return _TOKEN.findall(text)


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _widen(tokens: list[str], lo: int, hi: int) -> tuple[int, int]:
    """*lo:hi* widened to the proper-noun phrase around it: capitalised words and the small
    words between two of them."""
    while True:  # leftwards: a capitalised word, or small words with a capitalised one before them
        k = lo
        while k > 0 and tokens[k - 1] in _INSIDE_A_NAME:
            k -= 1
        if k > 0 and _capitalised(tokens[k - 1]):
            lo = k - 1
        else:
            break
    while True:  # rightwards, the same
        k = hi
        while k < len(tokens) and tokens[k] in _INSIDE_A_NAME:
            k += 1
        if k < len(tokens) and _capitalised(tokens[k]):
            hi = k + 1
        else:
            break
    while lo < hi and (tokens[lo] in _INSIDE_A_NAME or tokens[lo] in _ARTICLES):
        lo += 1
    while hi > lo and tokens[hi - 1] in _INSIDE_A_NAME:
        hi -= 1
    return lo, hi


def _join(tokens: list[str]) -> str:
    text = ""
    for token in tokens:
        text += token if not text or not re.match(r"[\w]", token) or text.endswith(("-", "'")) else f" {token}"
    return text


def changed_phrases(machine: str, approved: str) -> list[tuple[str, str]]:
    """The names of things a reviewer changed: each replaced run of words of *machine*, widened
    on both sides to its proper-noun phrase (a title, an institution, a person, a place), with
    what *approved* has there. Changes to ordinary words (lower case on both sides) are style,
    not terms, and are left out.

    >>> changed_phrases("Director Li Chengming chaired it.", "Director Lee Cheng-ming chaired it.")
    [('Director Li Chengming', 'Director Lee Cheng-ming')]
    >>> changed_phrases("The meeting was held today.", "The meeting took place today.")
    []
    """
    a, b = _tokens(machine), _tokens(approved)
    found: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if not any(_capitalised(t) for t in (*a[i1:i2], *b[j1:j2])):
            continue
        # each side widened on its own: a reviewer may reorder the words of a name
        lo, hi = _widen(a, i1, i2) if i2 > i1 else _widen(a, max(i1 - 1, 0), min(i1 + 1, len(a)))
        lo2, hi2 = _widen(b, j1, j2) if j2 > j1 else _widen(b, max(j1 - 1, 0), min(j1 + 1, len(b)))
        before, after = _join(a[lo:hi]), _join(b[lo2:hi2])
        if before and after and before != after and (before, after) not in found:
            found.append((before, after))
    return found


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


def _spans(source: str) -> set[str]:
    """The Chinese of *source* a term may be: its institution and title n-grams, and the people
    and places the names module finds."""
    from l10n.glossary.suggest import _ngrams
    from l10n.names import find_names

    spans = {run[s:e] for run in HAN_RUN.findall(source) for s, e, _ in _ngrams(run)}
    spans |= {r.source for r in find_names(source)}
    return spans


def _category(zh: str, person: bool) -> str:
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
            for r in sorted(required, key=lambda r: -len(r.target)):
                narrowed = _within(r.target, before, after)
                if narrowed is not None:  # the change is inside what the segment required: that rendering's Chinese
                    before, after = r.target, narrowed
                    known.setdefault((before, after), (r.source, r.is_person))
                    break
            by_change.setdefault((before, after), []).append((entry, Correction(entry.slug, entry.context, before, after)))
    proposals: dict[str, Proposal] = {}
    for (before, after), found in by_change.items():
        if len(found) < at_least:
            continue
        zh, person = known.get((before, after), ("", False))
        if not zh:
            common = set.intersection(*(_spans(e.source) for e, _ in found))
            if not common:
                continue
            zh = max(common, key=lambda s: (len(s), s))
        if zh in approved_zh:
            continue  # an approved term settles it: a change to it is the editor's, by revision
        proposal = proposals.get(zh)
        if proposal is None or len(proposal.evidence) < len(found):
            proposals[zh] = Proposal(zh, after, _category(zh, person), before, [c for _, c in found])
    return sorted(proposals.values(), key=lambda p: (-len(p.evidence), p.zh))
