"""The ``#.`` notes a draft leaves on its catalog entry, and putting a draft on an entry."""

from __future__ import annotations

import math

from l10n.catalog import Entry, note
from l10n.draft.edits import one_line
from l10n.draft.job import Draft
from l10n.required import requirement_notes


def draft_notes(draft: Draft) -> list[str]:
    """The ``#.`` notes recording how a draft was made and what is wrong with it."""
    notes = requirement_notes(draft.required, draft.missing)
    notes += [note("qa", f.note()) for f in draft.findings]
    notes += [note("repair", f"replaced {r}" if " → " in r else r) for r in draft.repairs]
    if not math.isnan(draft.confidence):
        notes.append(note("confidence", f"{draft.confidence:.2f}"))
    if draft.origin == "glossary":
        notes.append(note("drafted", "composed from the glossary"))
    if draft.origin == "tm":
        notes.append(note("tm", f"exact ({draft.examples[0].origin})" if draft.examples else "exact"))
    else:
        notes += [note("tm-example", f"{m.similarity:.0f}% {m.source} → {m.translation}") for m in draft.examples]
    if draft.attempts > 1:
        notes.append(note("attempts", str(draft.attempts)))
    return notes


def apply_draft(entry: Entry, draft: Draft) -> None:
    """Put *draft* on *entry* as a fuzzy draft with its notes, as one line of plain text
    (:func:`~l10n.draft.edits.one_line`). The translation a changed segment kept (it has a
    previous source) stays visible as a ``previous-translation:`` note."""
    kept = entry.notes_for("previous-translation")
    if not kept and entry.previous_source and entry.translation:
        kept = [" ".join(entry.translation.split())]
    entry.translation = one_line(draft.text)
    entry.set_machine_draft(entry.translation)  # on record after review: what glossary learn compares
    entry.fuzzy = True
    entry.notes = draft_notes(draft)
    entry.set_notes("previous-translation", kept)
