"""Post-edit effort: how much reviewers changed the machine's drafts, and what they fixed.

Every approved entry that keeps the machine's draft on record (:attr:`l10n.catalog.Entry.machine_draft`)
is one (draft, approved text) pair. Over a set of pairs, effort is:

- ``reviewed``: how many there are;
- ``unchanged``: the share approved exactly as the machine drafted it;
- ``edit_rate``: TER of the drafts against the approved texts (sacrebleu; the edits a reviewer
  made per word of the approved text, corpus level, not an average of entries);
- ``resolved``: for each QA check, the entries whose draft had that finding and whose approved
  text has it no more (what the reviewer fixed), computed with the entry's requirements.

``l10n status`` reports it per bulletin and per reviewer (the last ``approved-by``); ``l10n score
--effort`` over a folder of catalogs, each and all together, so an editor sees whether a glossary
or a model change made reviewers' work lighter.

>>> post_edit_effort([("The CPPCC met.", "The CPPCC met."), ("A plan was made.", "A plan was adopted.")])
{'reviewed': 2, 'unchanged': 0.5, 'edit_rate': 0.143}
>>> post_edit_effort([])
{'reviewed': 0, 'unchanged': None, 'edit_rate': None}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from l10n.catalog import APPROVED, Catalog, Entry
from l10n.terms import Rendering


def post_edit_effort(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """``reviewed``, ``unchanged`` (share) and ``edit_rate`` (TER) of (machine draft, approved text) *pairs*."""
    if not pairs:
        return {"reviewed": 0, "unchanged": None, "edit_rate": None}
    from sacrebleu.metrics import TER

    ter = TER().corpus_score([m for m, _ in pairs], [[a for _, a in pairs]]).score / 100
    return {"reviewed": len(pairs), "unchanged": round(sum(m == a for m, a in pairs) / len(pairs), 3), "edit_rate": round(ter, 3)}


def reviewed_entries(catalog: Catalog) -> list[Entry]:
    """*catalog*'s approved entries with the machine's draft on record: what effort is measured on."""
    return [e for e in catalog.entries if e.state == APPROVED and e.machine_draft]


def reviewer(entry: Entry) -> str:
    """Who approved *entry* last ('' when nobody is named)."""
    return entry.approvals[-1].name if entry.approvals else ""


def resolved_findings(entries: Iterable[Entry], requirements: Callable[[Entry], Sequence[Rendering]]) -> dict[str, int]:
    """For each QA check, how many of *entries* had that finding on the machine's draft and no
    longer have it on the approved text (each entry's own checks, :func:`l10n.quality.qa.check_segment`,
    with what *requirements* says it requires), most often resolved first.

    >>> e = Entry("1.1", "会议在北京召开。", "The meeting was held in Beijing.",
    ...           comment="machine-draft: The meeting was held 在北京.\\napproved-by: Jing 2026-12-01")
    >>> resolved_findings(reviewed_entries(Catalog("x", entries=[e])), lambda entry: [])
    {'chinese-left': 1}
    """
    from l10n.quality.qa import check_segment

    counts: Counter[str] = Counter()
    for entry in entries:
        required = requirements(entry)
        before = {f.check for f in check_segment(entry.source, entry.machine_draft, required)}
        after = {f.check for f in check_segment(entry.source, entry.translation, required)}
        counts.update(before - after)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def catalog_effort(entries: Sequence[Entry], requirements: Callable[[Entry], Sequence[Rendering]] | None = None) -> dict[str, Any]:
    """Effort over reviewed *entries* (:func:`reviewed_entries`, of one catalog or several): the
    figures of :func:`post_edit_effort`, ``resolved`` (:func:`resolved_findings`, when
    *requirements* is given) and ``translators``: the first three figures per reviewer."""
    by_reviewer: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        by_reviewer.setdefault(reviewer(entry), []).append((entry.machine_draft, entry.translation))
    out = post_edit_effort([(e.machine_draft, e.translation) for e in entries])
    if requirements is not None:
        out["resolved"] = resolved_findings(entries, requirements)
    out["translators"] = {who: post_edit_effort(pairs) for who, pairs in sorted(by_reviewer.items()) if who}
    return out
