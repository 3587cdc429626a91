"""Split Chinese paragraphs into sentence segments."""

from __future__ import annotations

import re

from l10n.lexicon import CLAUSE_END, MAX_SEGMENT, SENTENCE_END

_ENDERS = SENTENCE_END
_CLOSERS = "”’」』）)】〕》\"'"
_OPEN_TITLE, _CLOSE_TITLE = "《〈", "》〉"


def split_sentences(paragraph: str) -> list[str]:
    """Split *paragraph* after sentence-ending punctuation.

    Closing quotes and brackets stay with their sentence, a run of enders
    (``……``, ``?!``) is one break, nothing inside 《》 splits, and an ASCII
    full stop only ends a sentence outside numbers (3.5 stays whole). A sentence
    longer than :data:`l10n.lexicon.MAX_SEGMENT` is cut at its clause punctuation
    (:func:`cut_clauses`).

    >>> split_sentences("会议召开。他说：“要加强合作！”大家同意；")
    ['会议召开。', '他说：“要加强合作！”', '大家同意；']
    >>> split_sentences("增长3.5%。《关于……的通知》已印发。")
    ['增长3.5%。', '《关于……的通知》已印发。']
    """
    sentences: list[str] = []
    start = 0
    depth = 0
    i = 0
    n = len(paragraph)
    while i < n:
        ch = paragraph[i]
        if ch in _OPEN_TITLE:
            depth += 1
        elif ch in _CLOSE_TITLE and depth:
            depth -= 1
        elif depth == 0 and (ch in _ENDERS or (ch == "." and _is_full_stop(paragraph, i))):
            j = i + 1
            while j < n and (paragraph[j] in _ENDERS or paragraph[j] in _CLOSERS):
                j += 1
            sentence = paragraph[start:j].strip()
            if sentence:
                sentences.append(sentence)
            start = i = j
            continue
        i += 1
    tail = paragraph[start:].strip()
    if tail:
        if sentences and not any(c.isalnum() for c in tail):
            sentences[-1] += tail
        else:
            sentences.append(tail)
    return [piece for sentence in sentences for piece in cut_clauses(sentence)]


_FULL_WIDTH_CLAUSE_ENDS = "".join(c for c in CLAUSE_END if not c.isascii())
_ASCII_CLAUSE_ENDS = "".join(c for c in CLAUSE_END if c.isascii())
_CLAUSE_END = re.compile(f"(?<=[{re.escape(_FULL_WIDTH_CLAUSE_ENDS)}])|(?<=[{re.escape(_ASCII_CLAUSE_ENDS)}])(?!\\d)")
"""After a clause (:data:`l10n.lexicon.CLAUSE_END`): a full-width mark, or an ASCII one not
before a digit (not the , of 1,000 or the : of 10:30)."""


def cut_clauses(sentence: str, limit: int = MAX_SEGMENT) -> list[str]:
    """*sentence*, or where it is longer than *limit* characters, its clauses packed into as
    few pieces as fit: a text that long is paragraphs run together, not a sentence. A clause
    longer than *limit* stays whole (the caller refuses it).

    >>> cut_clauses("一是加强领导，二是落实责任；三是强化考核。", limit=14)
    ['一是加强领导，二是落实责任；', '三是强化考核。']
    >>> cut_clauses("共1,000人，合计2,000元。", limit=8)
    ['共1,000人，', '合计2,000元。']
    """
    if len(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    for clause in _CLAUSE_END.split(sentence):
        if pieces and len(pieces[-1]) + len(clause) <= limit:
            pieces[-1] += clause
        else:
            pieces.append(clause)
    return [p.strip() for p in pieces if p.strip()]


def _is_full_stop(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
        return False  # e.g. "U.S" or a domain name
    return after == "" or after.isspace() or not after.isascii()
