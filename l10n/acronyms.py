"""Acronyms in full at their first mention: "CPPCC National Committee" is first written
"National Committee of the Chinese People's Political Consultative Conference (CPPCC)".

English style guides (Xinhua's, the UN's, AP's) spell an organisation out the first time
a text names it and use the acronym after that. The full forms come from the glossary
itself: an acronym stands for the approved English whose initials spell it ("Communist
Party of China" → CPC, "National People's Congress" → NPC), so editors keep both.

A rendering that starts with an acronym, or has it right after "the", gets the full form
as :attr:`~l10n.terms.Rendering.first_mention`, which drafting writes where the acronym
first appears in a bulletin (:func:`spell_out_first`), with the acronym in brackets only
where the bulletin uses it again (AP and UN style: a reader is given an acronym to use it).
QA accepts an acronym spelled out
with the acronym in brackets wherever it accepts the acronym (:func:`find_spelled_out`), and
a rendering's own first mention without the brackets (:func:`unbracketed`).

>>> table = acronym_table(["Communist Party of China", "National People's Congress", "NPC Standing Committee", "CPC Central Committee"])
>>> table
{'CPC': 'Communist Party of China', 'NPC': "National People's Congress"}
>>> first_mention("NPC Standing Committee", table)
"Standing Committee of the National People's Congress (NPC)"
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, MutableSet, Sequence

from l10n.lexicon import phrase_pattern
from l10n.terms import Rendering

_SMALL_WORDS = {"of", "the", "and", "for", "on", "in"}
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_ORDINAL = re.compile(r"(?:\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth)$")


def initials(english: str) -> str:
    """The capital initials of *english*'s words, small words skipped.

    >>> initials("Chinese People's Political Consultative Conference"), initials("Hong Kong Special Administrative Region")
    ('CPPCC', 'HKSAR')
    """
    return "".join(w[0] for w in english.split() if w not in _SMALL_WORDS and w[:1].isupper())


def acronym_table(targets: Iterable[str]) -> dict[str, str]:
    """``{acronym: full form}`` for each acronym used in *targets* that another target spells out."""
    targets = list(dict.fromkeys(targets))
    used = {a for t in targets for a in _ACRONYM.findall(t)}
    table: dict[str, str] = {}
    for target in targets:
        key = initials(target)
        if len(target.split()) >= 2 and key in used and key not in table and not _ACRONYM.search(target):
            table[key] = target
    return table


def first_mention(target: str, table: dict[str, str]) -> str:
    """*target* with its first acronym spelled out, or "" when it cannot be put simply.

    The words after the acronym go before it, joined by "of the": "19th CPC National
    Congress" → "19th National Congress of the Communist Party of China (CPC)". Only an
    acronym at the start (after an ordinal) or after "the" is spelled out, and only before
    capitalised words: "Lüliang City CPPCC" and "CPPCC member" stay as they are. Of two
    bodies joined by "and", the first is the acronym's.

    >>> t = {"CPC": "Communist Party of China", "CPPCC": "Chinese People's Political Consultative Conference"}
    >>> first_mention("19th CPC National Congress", t), first_mention("First CPC National Congress", t)
    ('19th National Congress of the Communist Party of China (CPC)', 'First National Congress of the Communist Party of China (CPC)')
    >>> first_mention("Site of the First CPC National Congress", t)
    'Site of the First National Congress of the Communist Party of China (CPC)'
    >>> first_mention("Party History Research Office of the CPC Lüliang Municipal Committee", t)
    'Party History Research Office of the Lüliang Municipal Committee of the Communist Party of China (CPC)'
    >>> first_mention("CPPCC", t)
    "Chinese People's Political Consultative Conference (CPPCC)"
    >>> first_mention("CPC Central Committee and the State Council", t)
    'Central Committee of the Communist Party of China (CPC) and the State Council'
    >>> [first_mention(x, t) for x in ("Lüliang City CPPCC", "CPPCC member", "Communist Party of China")]
    ['', '', '']
    """
    words = target.split()
    for i, word in enumerate(words):
        full = table.get(word)
        if full is None:
            continue
        before, after = words[:i], words[i + 1 :]
        if before and not (before[-1] == "the" or (_ORDINAL.fullmatch(before[-1]) and before[-2:-1] in ([], ["the"]))):
            return ""
        after, tail = (after[:after.index("and")], after[after.index("and"):]) if "and" in after else (after, [])
        if after and not after[0][:1].isupper() or any(not w[:1].isupper() and w not in _SMALL_WORDS for w in after):
            return ""
        if not after:
            return " ".join([*before, f"{full} ({word})", *tail])
        return " ".join([*before, *after, "of the", f"{full} ({word})", *tail])
    return ""


def with_first_mentions(renderings: Sequence[Rendering], table: dict[str, str]) -> list[Rendering]:
    """*renderings* with :attr:`~l10n.terms.Rendering.first_mention` set where the target has a spelled-out form."""
    from dataclasses import replace

    out = []
    for r in renderings:
        full = first_mention(r.target, table)
        out.append(replace(r, first_mention=full) if full else r)
    return out


def find_spelled_out(form: str, text: str) -> tuple[int, int] | None:
    """Where *text* has *form* with its acronym spelled out and given in brackets, or None.

    The words before the brackets must have the acronym's initials (any wording: QA needs
    no glossary for it), and the rest of *form* must come before them, with "of the".

    >>> text = "the National Committee of the Chinese People's Political Consultative Conference (CPPCC) met"
    >>> find_spelled_out("CPPCC National Committee", text), find_spelled_out("NPC Standing Committee", text)
    ((4, 88), None)
    >>> find_spelled_out("CPC", "The Chinese Communist Party and the Communist Party of China (CPC)")
    (36, 66)
    >>> find_spelled_out("Director", "the Director (CPC)")
    >>> find_spelled_out("Member of the CPC Central Committee", "two Members of the Central Committee of the Communist Party of China (CPC)")
    (4, 74)
    """
    words = form.split()
    at = next((i for i, w in enumerate(words) if _ACRONYM.fullmatch(w)), None)
    if at is None:
        return None
    acronym, rest = words[at], [*words[:at], *words[at + 1 :]]
    lead = " ".join(rest) + (" of the" if words[at + 1 :] else "")
    for m in re.finditer(rf"\({acronym}\)", text):
        start = _spelled_start(text[: m.start()], acronym)
        if start is None:
            continue
        if lead:
            before = re.search(phrase_pattern(lead.split(), r"\s+") + r"\s+$", text[:start], re.IGNORECASE)
            if before is None:
                continue
            start = before.start()
        return start, m.end()
    return None


def _spelled_start(head: str, acronym: str) -> int | None:
    """Where the words at the end of *head* whose initials spell *acronym* begin."""
    initials_so_far = ""
    for token in reversed(list(re.finditer(r"[\w'’-]+", head))):
        word = token.group()
        if word in _SMALL_WORDS:
            continue
        if not word[:1].isupper():
            return None
        initials_so_far = word[0] + initials_so_far
        if initials_so_far == acronym:
            return token.start()
        if not acronym.endswith(initials_so_far):
            return None
    return None


_BRACKETED = re.compile(r"\(([A-Z]{2,})\)")


def acronym_of(rendering: Rendering) -> str:
    """The acronym *rendering*'s first mention spells out ("" if none)."""
    m = _BRACKETED.search(rendering.first_mention)
    return m.group(1) if m and m.end() == len(rendering.first_mention) else ""


def unbracketed(first_mention: str) -> str:
    """*first_mention* without its acronym in brackets: the full form a text that never uses
    the acronym again writes (AP and UN style give the acronym only when it is used later).

    >>> unbracketed("Central Committee of the Communist Party of China (CPC) and the State Council")
    'Central Committee of the Communist Party of China and the State Council'
    """
    return re.sub(r"\s*\([A-Z]{2,}\)", "", first_mention)


def used(texts: Iterable[str]) -> set[str]:
    """The acronyms *texts* write: ``{"CPC"}`` for "the CPC Central Committee"."""
    return {a for text in texts for a in _ACRONYM.findall(text)}


def used_after(segments: Sequence[Iterable[str]]) -> list[frozenset[str]]:
    """For each of *segments* (the English texts each segment of a bulletin holds or will
    hold), the acronyms the segments after it use.

    >>> [sorted(a) for a in used_after([["the CPC met"], ["the NPC and the CPC"], []])]
    [['CPC', 'NPC'], [], []]
    """
    after, acronyms = [], frozenset()
    for texts in reversed(segments):
        after.append(acronyms)
        acronyms = acronyms | used(texts)
    return after[::-1]


def introduced(texts: Iterable[str]) -> set[str]:
    """The acronyms already spelled out, "(CPC)", in *texts*."""
    return {m.group(1) for text in texts for m in _BRACKETED.finditer(text)}


def spell_out_first(text: str, required: Sequence[Rendering], seen: MutableSet[str],
                    later: Collection[str] = ()) -> tuple[str, tuple[str, ...]]:
    """*text* with the first occurrence of each acronym not in *seen* written in full, as
    its rendering's first mention says. The acronym stays in brackets, and is added to
    *seen*, only where it is used again: later in *text* or in the bulletin after it (*later*,
    the acronyms the segments after this one use); else the full form is written alone.
    Returns the text and what was replaced.

    What is replaced is the acronym phrase, so a title the model wrote in lower case
    ("vice chairman of the NPC Standing Committee") is spelled out too.

    >>> r = Rendering("全国政协", "CPPCC National Committee",
    ...               first_mention="National Committee of the Chinese People's Political Consultative Conference (CPPCC)")
    >>> seen = set()
    >>> spell_out_first("The CPPCC National Committee met; the CPPCC National Committee closed.", [r], seen)[0]
    "The National Committee of the Chinese People's Political Consultative Conference (CPPCC) met; the CPPCC National Committee closed."
    >>> seen, spell_out_first("The CPPCC National Committee met.", [r], seen)[0]
    ({'CPPCC'}, 'The CPPCC National Committee met.')
    >>> spell_out_first("The CPPCC National Committee met.", [r], set())[0]
    "The National Committee of the Chinese People's Political Consultative Conference met."
    >>> spell_out_first("The CPPCC National Committee met.", [r], set(), later={"CPPCC"})[0]
    "The National Committee of the Chinese People's Political Consultative Conference (CPPCC) met."
    """
    seen.update(introduced([text]))
    first: dict[str, tuple[int, int, str, str]] = {}  # acronym → (start, -length, phrase, in full) of its first occurrence
    for r in required:
        acronym = acronym_of(r)
        if not acronym or acronym in seen:
            continue
        phrase, full = _phrases(r.target, r.first_mention)
        m = _occurrence(phrase, text)
        if m and (acronym not in first or (m.start(), -len(phrase)) < first[acronym][:2]):
            first[acronym] = (m.start(), -len(phrase), phrase, full)
    repairs: list[str] = []
    for acronym, (_, _, phrase, full) in sorted(first.items(), key=lambda kv: kv[1][:2]):
        m = _occurrence(phrase, text)
        if m is None:  # inside a form spelled out just before
            continue
        if acronym in later or acronym in used([text[m.end() :]]):
            seen.add(acronym)
        else:
            full = unbracketed(full)
        text = text[: m.start()] + full + text[m.end() :]
        repairs.append(f"{phrase} → {full} (first mention)")
    return text, tuple(repairs)


def _phrases(target: str, first: str) -> tuple[str, str]:
    """The acronym phrase of *target* and its spelled-out form: what follows their common words.

    >>> _phrases("19th CPC National Congress", "19th National Congress of the Communist Party of China (CPC)")
    ('CPC National Congress', 'National Congress of the Communist Party of China (CPC)')
    """
    a, b = target.split(" "), first.split(" ")
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return " ".join(a[k:]), " ".join(b[k:])


def _occurrence(phrase: str, text: str) -> re.Match | None:
    """Where *phrase* is in *text*; a bare acronym only where it names the body itself,
    not as the first word of a name ("CPC Lüliang Municipal Committee").

    >>> _occurrence("CPC", "the CPC Lüliang Municipal Committee and the CPC."), _occurrence("CPC", "CPCs")
    (<re.Match object; span=(44, 47), match='CPC'>, None)
    """
    attributive = r"(?!\s+[A-Z])" if _ACRONYM.fullmatch(phrase) else ""
    return re.search(rf"(?<![\w(-]){re.escape(phrase)}(?![\w)-]){attributive}", text)
