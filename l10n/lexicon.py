"""Facts about Chinese and English text that several stages share, written once.

Every stage that needs to know what a Han character is, or how the English months are
spelled, asks this module; it sits below them all and imports nothing of l10n but the
vocabularies (:mod:`l10n.vocabulary`), where its word lists live as data.

>>> HAN_RUN.findall("Loufan 娄烦县, 𠀋 and 﨑")
['娄烦县', '𠀋', '﨑']
>>> count_han("Hengyang 衡阳市"), is_han("衡"), is_han("，")
(3, True, False)
>>> set(OFFICE_TITLES) <= set(TITLES)  # the head of an office is a title next to a name too
True
>>> set(FOREIGN_TITLES) & set(TITLES)  # kept apart: a name beside one is foreign
set()
"""

from __future__ import annotations

import re

from l10n.vocabulary import alternation, table, words

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Han ideographs as a character-class body: CJK Unified (and Extension A), the
compatibility ideographs, and the supplementary planes' extensions B–H."""

CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
"""CJK symbols and punctuation, and the full-width forms: what sits between Han characters."""

HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")


def is_han(ch: str) -> bool:
    """Whether the character *ch* is a Han ideograph."""
    return bool(HAN_CHAR.fullmatch(ch))


def count_han(text: str) -> int:
    """How many Han characters *text* holds."""
    return len(HAN_CHAR.findall(text))


SENTENCE_END = "".join(words("sentence_ends")) + "\n"
"""The marks a sentence ends at (``sentence_ends.tsv``: 。！？；… and their ASCII forms), and a
line break: the segmenter splits after one, :meth:`l10n.names.analysis.Analysis.sentence_of` reads up to one."""

CLAUSE_END = "".join(words("clause_ends")) + SENTENCE_END
"""The marks a clause ends at: a comma or a colon (``clause_ends.tsv``) and every sentence end.

>>> set(SENTENCE_END) < set(CLAUSE_END) and "、" not in CLAUSE_END
True
"""

MAX_SEGMENT = 2000
"""The most characters one segment may hold. The longest line of the dev set
(prc_gov.dev.zh: 278 lines of official Chinese) has 498, a whole paragraph; a text four times
that is no sentence but a page run together (or an attack: analysing a segment takes time
that grows with the square of its length). Ingest cuts a longer sentence at its clause
punctuation or refuses it; a catalog entry longer than this is bad input, not analysed."""


CHATTER_TAG = re.compile(rf"</?\s*(?:{alternation('chatter_tags')})\b[^>]*>", re.I)
"""A tag a model wraps its reply in (``chatter_tags.tsv``: ``<translation>``, ``<text>`` …, any
case, with attributes or none): the reply parser strips every one, and QA reports one left in
a translation, so the two agree on what is the model's markup.

>>> CHATTER_TAG.sub("", '<text lang="en">The plan was approved.</TEXT> <context>')
'The plan was approved. <context>'
"""


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
"""English month names, January first: ``MONTHS[month - 1]``."""

MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                       "Oct": 10, "Nov": 11, "Dec": 12}


# Titles: what an office's head is called, and every word that stands before or after a name.
OFFICE_TITLES = words("office_titles")
"""Titles that head an office (主任, 局长 …): ``glossary suggest`` collects the organ + title
n-grams that end in one. Every one of them is also in :data:`TITLES`."""

TITLES = words("titles")
"""Words that stand before or after a person's name (titles, ranks, honorifics: 书记, 教授,
同志, 女士 …): ``names`` finds a name next to one."""

COMRADE = words("comrade_titles")[0]
"""同志, "comrade" (``comrade_titles.tsv``): after a name (李成明同志) it marks a Chinese person as a
title does, and is required as "Comrade" only right after a name no other title comes before."""

FOREIGN_TITLES = words("foreign_titles")
"""Titles that Chinese bulletins give only to foreign office holders (a president, a prime
minister, a king, the chair of a national assembly, 国会: the NPC is no 国会): the name next to one
is not a Chinese name (:mod:`l10n.names`)."""

FOREIGN_OFFICES = table("foreign_offices")
"""Titles whose English differs when a foreign state's office holder bears them: a foreign
总理 is a Prime Minister, not the PRC's Premier; 朝鲜国务委员会委员长 is its Chairman, not the
NPC's (:func:`l10n.required.requirements`). A longer title comes before one it ends in
(副总理 before 总理): the first a term ends in is its office."""


def phrase_pattern(words: list[str], separator: str = r"[\s-]+", *, inflected: bool = False) -> str:
    """A regular-expression body for the English *words* in a row, *separator* between them;
    the noun before the first "of", "to" or "for" may be plural (a title before several names:
    "Members of the Standing Committee", "Deputy Secretaries of ...", "Chairmen of ..."; several
    office holders: "envoys to China"). With *inflected*, every word but the small ones may
    take any inflection (a policy formula is a verb phrase as often as a noun phrase: "study
    and implement" is "studying and implementing", "the study and implementation of").

    >>> bool(re.fullmatch(phrase_pattern("Deputy Secretary of the Committee".split()), "Deputy Secretaries of the Committee"))
    True
    >>> bool(re.fullmatch(phrase_pattern("envoy to China".split()), "envoys to China"))
    True
    >>> [bool(re.fullmatch(phrase_pattern("study and implement".split(), inflected=True), t))
    ...  for t in ("studying and implementing", "study and implementation", "studied and implemented", "study or implement")]
    [True, True, True, False]
    """
    if inflected:
        return separator.join(_inflected(w) for w in words)
    parts = [re.escape(w) for w in words]
    at = next((i - 1 for i, w in enumerate(words) if i > 0 and w in _BEFORE_PLURAL_OBJECT), None)
    if at is not None:
        parts[at] = _plural(words[at])
    return separator.join(parts)


_BEFORE_PLURAL_OBJECT = frozenset({"of", "to", "for"})
"""The words after which a title names what it is held of or to: the noun before the first may be plural."""


def _inflected(word: str) -> str:
    """A pattern for *word* or any of its inflections and its "-ation" noun (study/studies/
    studied/studying, implement/implementation, revitalize/revitalizing, plan/planning); the
    small words of a phrase (and, of, the …) stay as they are.

    >>> [bool(re.fullmatch(_inflected(w), t)) for w, t in (("study", "studies"), ("revitalize", "revitalizing"), ("plan", "planned"), ("and", "ands"))]
    [True, True, True, False]
    """
    if not word.isalpha() or word.lower() in _SMALL_WORDS:
        return re.escape(word)
    if re.search(r"[^aeiou]y$", word):
        return re.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|ing|ation|ations)"
    return re.escape(word) + f"(?:s|es|ed|ing|ation|ations|{re.escape(word[-1])}ed|{re.escape(word[-1])}ing)?"


_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "as", "from"})


def _plural(noun: str) -> str:
    """A pattern for *noun* or its plural (Secretary/Secretaries, Chairman/Chairmen, Member/Members)."""
    if noun.endswith("man"):
        return re.escape(noun[:-3]) + "m[ae]n"
    if re.search(r"[^aeiou]y$", noun):
        return re.escape(noun[:-1]) + "(?:y|ies)"
    if re.search(r"(?:s|x|ch|sh)$", noun):
        return re.escape(noun) + "(?:es)?"
    return re.escape(noun) + "s?"
