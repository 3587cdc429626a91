"""The context a name is read in: the words around it and the spans already taken.

The titles beside a name (:data:`l10n.lexicon.TITLES`, the foreign ones too), the words that
follow a name (``name_followers``: a bulletin's verbs, the words that close a name), the
characters that stop a run of name characters, and the patterns made of them, which every
detector of :mod:`l10n.names` shares; and :class:`_Spans`, the character positions a glossary
match or a name found already holds. The words are the vocabularies' (:mod:`l10n.vocabulary`).

>>> [bool(re.match(_SPEECH_RE, t)) for t in ("出席", "集体会见", "称：", "称为")]
[True, True, True, False]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from l10n.lexicon import CLAUSE_END, COMRADE, FOREIGN_TITLES, TITLES, is_han
from l10n.vocabulary import characters, either, used_as


# COMRADE (lexicon's, comrade_titles.tsv), "comrade": after a name (李成明同志) it marks a Chinese person
# as a title does; a weak surname is accepted before it, and a capital's name before it is a person's (华沙同志).

_TITLE_RE = either(t for t in (*TITLES, *FOREIGN_TITLES) if t != COMRADE)
"""Every title but 同志, the longest first: a name stands after or before one."""

STOP_CHARACTERS = characters("stop_characters")
"""Characters that end a run of name characters: function words, numerals, determiners, common
verbs (和, 与, 各 …). ``scripts/build_places.py`` leaves out a two-character division that starts
with one (和县 reads 和 + 县 in 市和县)."""

_FUNCTION_WORDS = characters("function_words")
"""Prepositions, conjunctions and particles that never sit inside a transliterated name
(巴特尔在呼和浩特 is 巴特尔 + 在 + 呼和浩特); other stop characters may (阿布都热依木, 伊万诺夫)."""


class _Spans:
    """Occupied character positions."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted((int(s), int(e)) for s, e in spans)
        self.starts = {s for s, _ in self.spans}
        self.ends = {e for _, e in self.spans}

    def free(self, start: int, end: int) -> bool:
        return all(e <= start or s >= end for s, e in self.spans)

    def add(self, start: int, end: int) -> None:
        self.spans.append((start, end))
        self.starts.add(start)
        self.ends.add(end)


def _is_cjk(ch: str) -> bool:
    return is_han(ch)


_NAME_FOLLOWERS = frozenset(used_as("name_followers", "closes"))
"""Words that typically follow a name and whose first character must not be read as its last."""

_SPEECH_RE = (f"(?:{either(used_as('name_followers', 'adverb'))})?"
              f"(?:{either(used_as('name_followers', 'verb'))}"
              f"|(?:{either(used_as('name_followers', 'verb-before-a-pause'))})(?=[，：]))")
"""Verbs of a bulletin's actors: a name that opens a clause before one of them is a person (王沪宁出席),
also with an adverb of how they did it between (张德江集体会见, 李强分别会见, 王毅专程赴)."""

_CLAUSE_END = CLAUSE_END  # lexicon's, the sentence and clause ends of clause_ends.tsv and sentence_ends.tsv


NAME_DOTS = "·・•"
"""The interpuncts that join the parts of one person's name (艾尔肯·吐尼亚孜, 唐纳德·特朗普):
the middle dot, the katakana middle dot and the bullet, as bulletins type them."""


_TITLE_ENDS = re.compile(f"(?:{_TITLE_RE})$")
"""A title ending where a slice of text ends (外交部长 before 沙祖康)."""
_TITLE_OR_VERB_ENDS = re.compile(f"(?:{_TITLE_RE}|{_SPEECH_RE})$")
_FOLLOWERS_RE = re.compile(f"(?:{_TITLE_RE}|{_SPEECH_RE}|{'|'.join(sorted(_NAME_FOLLOWERS))})")
