"""Clause by clause: a long segment cut at its Chinese punctuation, drafted a clause at a
time, and the English clauses joined with the right punctuation and casing.

A small model drops terms from a long list of titles; one clause at a time it keeps them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from l10n.draft.edits import without_stray_markup
from l10n.draft.job import first_request
from l10n.engines.base import Engine, Hypothesis
from l10n.terms import Rendering

CLAUSE_BREAK = re.compile(r"[，；。！？、]|[,;!?](?!\d)")
"""Where a clause ends: Chinese punctuation, or the ASCII marks many web bulletins use in its
place (全县已征集史料1.2万余份,完成初稿86万字), never a comma between digits (4,493)."""
SHORTEST_CLAUSE = 6
_CLAUSE_MARK = {"，": ",", "；": ";", "。": ".", "！": "!", "？": "?", "、": ","}
"""The English of each Chinese mark :data:`CLAUSE_BREAK` ends a clause at; an ASCII one stands as it is."""
_FUNCTION_WORDS = {"The", "A", "An", "And", "It", "Its", "This", "These", "That", "Those", "He", "She", "They", "We", "His", "Her",
                   "Their", "Our", "In", "On", "At", "To", "With", "For", "By", "From", "As", "Who", "Which", "Many", "All",
                   "Some", "Each", "Every", "Both", "Such", "There"}


def clause_pieces(source: str, required: Sequence[Rendering]) -> list[tuple[str, str, list[Rendering]]]:
    """*source* cut after each ``，；。！？、`` into clauses of at least 6 characters, each
    with the punctuation that ended it and the renderings inside it (spans moved to the
    clause); empty when there is one clause only. A short clause joins the next one, a
    short tail the one before.

    A small model drops terms from a long list of titles; one clause at a time it keeps them.

    >>> [(c, p) for c, p, _ in clause_pieces("中共中央政治局常委王沪宁，中央书记处书记蔡奇出席。", [])]
    [('中共中央政治局常委王沪宁', '，'), ('中央书记处书记蔡奇出席', '。')]
    >>> [(c, p) for c, p, _ in clause_pieces("中共中央总书记、国家主席、中央军委主席习近平回信。", [])]
    [('中共中央总书记', '、'), ('国家主席、中央军委主席习近平回信', '。')]
    >>> [(c, p) for c, p, _ in clause_pieces("全县已征集史料1.2万余份,完成初稿86万字。", [])]
    [('全县已征集史料1.2万余份', ','), ('完成初稿86万字', '。')]
    >>> clause_pieces("会议在京召开。", []), clause_pieces("中亚、西亚以及欧洲", []), clause_pieces("共取得了4,493场胜利。", [])
    ([], [], [])
    """
    pieces: list[tuple[int, int, str]] = []
    start = 0
    for mark in CLAUSE_BREAK.finditer(source):
        if pieces and pieces[-1][1] - pieces[-1][0] < SHORTEST_CLAUSE:  # too short to stand alone
            pieces[-1] = (pieces[-1][0], mark.start(), mark.group())
        else:
            pieces.append((start, mark.start(), mark.group()))
        start = mark.end()
    if source[start:].strip():
        if pieces and min(len(source) - start, pieces[-1][1] - pieces[-1][0]) < SHORTEST_CLAUSE:
            pieces[-1] = (pieces[-1][0], len(source), "")
        else:
            pieces.append((start, len(source), ""))
    if len(pieces) < 2:
        return []
    out = []
    for begin, end, mark in pieces:
        text = source[begin:end]
        inside = [replace(r, start=r.start - begin, end=r.end - begin) if r.end > r.start else r
                  for r in required if (begin <= r.start and r.end <= end if r.end > r.start else r.source in text)]
        out.append((text, mark, inside))
    return out


_PINYIN = re.compile(r"(?:(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])(?:i?ang|i?ong|uang|eng|ing|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|ve|[aoeiuvü])"
                     r"|a[io]?|o[u]?|e[ir]?|[ae]ng?)+")


def _lowers_after_comma(english: str, required: Sequence[Rendering]) -> bool:
    """Whether a clause's *english*, joined after a comma, should start in lower case: its
    first word is a function word, or an ordinary English word (not Pinyin, not a required
    rendering, not the head of a capitalised phrase).

    >>> [e for e in ("The meeting", "The Party", "Conducting surveys", "If the", "He Shengbu", "Beijing is", "Xining has",
    ...              "National People's Congress", "Africa is") if _lowers_after_comma(e, [])]
    ['The meeting', 'The Party', 'Conducting surveys', 'If the']
    """
    from l10n.names import is_common_english

    words = english.split(" ", 2)
    first, capital_next = words[0], len(words) > 1 and words[1][:1].isupper()
    if not (first[:1].isupper() and first[1:].islower()) or any(english.startswith(r.target) for r in required):
        return False
    pinyin = _PINYIN.fullmatch(first.lower()) is not None
    if first in _FUNCTION_WORDS:
        return not (pinyin and capital_next)  # "He Shengbu", "An Lumeng" are names
    return not (capital_next or pinyin) and is_common_english(first)


def draft_by_clauses(engine: Engine, clauses: list[tuple[str, str, list[Rendering]]]) -> Hypothesis:
    """One hypothesis made of the engine's drafts of each clause, joined by the English of
    the punctuation between them; its score is the worst clause's."""
    replies = engine.translate([replace(first_request(text, required), cause="clause") for text, _, required in clauses])
    parts: list[str] = []
    scores, tokens = [], 0
    for (text, mark, required), hyps in zip(clauses, replies):
        hyp = hyps[0] if hyps else Hypothesis("")
        english = without_stray_markup(text, hyp.text).strip().rstrip(".;,。，；")
        if parts and parts[-1][-1:] in ",;" and _lowers_after_comma(english, required):
            english = english[0].lower() + english[1:]
        parts.append(english + _CLAUSE_MARK.get(mark, mark))
        scores.append(hyp.score)
        tokens += hyp.tokens
    score = min((s for s in scores if not math.isnan(s)), default=math.nan)
    return Hypothesis(" ".join(parts), score=score, tokens=tokens)
