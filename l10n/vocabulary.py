"""What l10n knows about Chinese words, by role, as data an editor can read and extend.

Each role is one file, ``l10n/data/vocabulary/<role>.tsv``, read once per process. The file
opens with ``#`` lines saying what the role means, which stage reads it and where its entries
come from; then one entry a line: the Chinese, and where the role maps a word to something
(its English, its reading), a tab and that value. Blank lines and ``#`` lines are skipped, so
an entry may carry a ``# why`` after a tab at its end.

>>> "书记" in words("titles") and table("surname_readings")["单"] == "Shan"
True
>>> characters("weak_surnames") <= characters("surnames")
True

A vocabulary here is the analysis's own; the glossary's categories feed the same roles on top
(an approved ``title`` anchors a name as a built-in title does: :mod:`l10n.required`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from l10n.errors import L10nError

VOCABULARY = Path(__file__).resolve().parent / "data" / "vocabulary"


@functools.cache
def table(role: str) -> dict[str, str]:
    """The entries of *role* in file order, each mapped to its value (``""`` where the role has none)."""
    path = VOCABULARY / f"{role}.tsv"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise L10nError(f"The vocabulary {path} cannot be read ({exc}); reinstall l10n.") from None
    entries: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, rest = line.partition("\t")
        value = rest.split("\t#", 1)[0].strip() if not rest.startswith("#") else ""
        entries.setdefault(word.strip(), value)
    return entries


def words(role: str) -> tuple[str, ...]:
    """The entries of *role*, in file order."""
    return tuple(table(role))


def characters(role: str) -> frozenset[str]:
    """Every character of every entry of *role*: for roles whose entries are single characters."""
    return frozenset("".join(table(role)))


def used_as(role: str, use: str) -> tuple[str, ...]:
    """The entries of *role* whose value, a list of uses separated by spaces, names *use*, in file order.

    >>> used_as("name_followers", "partner")
    ('同', '与', '和')
    """
    return tuple(word for word, uses in table(role).items() if use in uses.split())


def either(entries) -> str:
    """A regular-expression body matching any of *entries*, the longest first (``a|b|c``)."""
    import re

    return "|".join(re.escape(w) for w in sorted(entries, key=len, reverse=True))


def alternation(role: str) -> str:
    """A regular-expression body matching any entry of *role*, the longest first (``a|b|c``)."""
    return either(table(role))
