"""Drafting: a bulletin's template → machine drafts a translator can trust.

Per segment (DESIGN.md, "Terminology and names"):

1. translation memory: an exact approved match is reused; close matches become examples;
2. the glossary terms and names the segment holds, valid on the bulletin's date;
3. the engine drafts with them as required renderings, the previous segment as context;
4. verification by the QA checks (terms, forbidden renderings, Chinese left, numbers, chatter);
5. repair: failing segments are retried with stronger constraints and the findings as
   feedback, bounded; the best draft by verification, then model score, wins; a segment
   still failing is drafted once more clause by clause, kept if that fixes something;
6. the entry is written ``fuzzy`` with notes: terms applied and missing, names, findings,
   repairs, and a confidence that combines the model's probability with the findings and
   repairs (:mod:`~l10n.draft.confidence`).

The catalog is rewritten atomically after every batch, so a killed draft resumes where it
stopped; approved entries are never touched. The old translation a re-ingest kept for a
changed segment (fuzzy, with its previous source) is left for review like any draft; only
``force`` redrafts it, and then keeps it visible as a ``previous-translation:`` note.

The package: :mod:`~l10n.draft.job` (a segment's job and its draft), :mod:`~l10n.draft.segment`
(attempts), :mod:`~l10n.draft.repairs` (the repair steps), :mod:`~l10n.draft.edits` (the
post-edits they make), :mod:`~l10n.draft.clauses` (clause by clause), :mod:`~l10n.draft.confidence`, :mod:`~l10n.draft.notes`
and :mod:`~l10n.draft.catalog` (catalogs, retranslate, ad-hoc texts). What a segment requires
comes from :mod:`l10n.required`.
"""

from __future__ import annotations

from l10n.draft.catalog import (
    DraftSummary,
    EngineFactory,
    Progress,
    bulletin_date,
    draft_catalog,
    glossary_matcher,
    job_for,
    prepare_catalog,
    retranslate,
    translate_texts,
)
from l10n.draft.clauses import clause_pieces
from l10n.draft.edits import splice_required, without_stray_markup
from l10n.draft.job import Draft, SegmentJob, error_count, first_request, segment_job
from l10n.draft.notes import apply_draft, draft_notes
from l10n.draft.segment import RETRIED_WARNINGS, draft_job, draft_segment
from l10n.required import number_hints, ordinal_renderings, required_renderings, requirements

__all__ = [
    "RETRIED_WARNINGS",
    "Draft",
    "DraftSummary",
    "EngineFactory",
    "Progress",
    "SegmentJob",
    "apply_draft",
    "bulletin_date",
    "clause_pieces",
    "draft_catalog",
    "draft_job",
    "draft_notes",
    "draft_segment",
    "error_count",
    "first_request",
    "glossary_matcher",
    "job_for",
    "number_hints",
    "ordinal_renderings",
    "prepare_catalog",
    "required_renderings",
    "requirements",
    "retranslate",
    "segment_job",
    "splice_required",
    "translate_texts",
    "without_stray_markup",
]
