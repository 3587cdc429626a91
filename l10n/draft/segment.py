"""Drafting one segment: engine attempts ranked by verification, then the repair steps.

The engine drafts with the required renderings written into the source; a draft with
errors (or a made-up month) is retried with stronger constraints and the findings as
feedback, up to ``max_attempts`` engine calls; the best by verification, then model score,
goes through :mod:`l10n.draft.repairs`. A dateline is rendered by rule and only the body
is drafted.
"""

from __future__ import annotations

import math
from collections.abc import MutableSet, Sequence
from dataclasses import replace

from l10n.draft.edits import without_stray_markup
from l10n.draft.job import Draft, SegmentJob, error_count, segment_job
from l10n.draft.repairs import Candidate, repair
from l10n.engines.base import Engine, Hypothesis
from l10n.memory import Match
from l10n.terms import Rendering

RETRIED_WARNINGS = {"invented-month"}
"""Warnings a draft is retried for: the model made something up, though a reviewer may add it."""


def _to_fix(findings) -> list:
    """The *findings* a repair attempt is asked to fix: errors and :data:`RETRIED_WARNINGS`."""
    return [f for f in findings if f.severity == "error" or f.check in RETRIED_WARNINGS]


def _rank(draft_findings: list, hypothesis: Hypothesis) -> tuple:
    errors = error_count(draft_findings)
    warnings = len(draft_findings) - errors
    score = hypothesis.score if not math.isnan(hypothesis.score) else -math.inf
    return (errors, warnings, -score)


def draft_segment(
    engine: Engine,
    source: str,
    required: Sequence[Rendering] = (),
    *,
    context: str | None = None,
    examples: Sequence[Match] = (),
    max_attempts: int = 3,
    n_best: int = 1,
    first: list[Hypothesis] | None = None,
    acronyms: MutableSet[str] | None = None,
) -> Draft:
    """Draft *source*, verify, and repair up to *max_attempts* engine calls, then, if it still
    fails and has several clauses, one more call drafting it clause by clause.

    *first* are hypotheses already computed for the first attempt (batched). *acronyms* are
    those the text has spelled out before this segment: one not among them is written in
    full here (:func:`l10n.acronyms.spell_out_first`) and added; None leaves acronyms as drafted.
    """
    job = segment_job(source, required, context=context, examples=examples, acronyms=acronyms, max_attempts=max_attempts, n_best=n_best)
    return draft_job(engine, job, first)


def draft_job(engine: Engine | None, job: SegmentJob, first: list[Hypothesis] | None = None) -> Draft:
    """The draft of *job* (see :func:`draft_segment`); *engine* may be None for a dateline alone."""
    if job.dateline is not None:
        return _draft_after_dateline(engine, job, first)
    best = repair(job, engine, _best_attempt(engine, job, first))
    return Draft(job.source, best.text, job.required, best.findings, best.hypothesis.confidence, job.attempts, "engine",
                 job.examples, best.repairs)


def _best_attempt(engine: Engine, job: SegmentJob, first: list[Hypothesis] | None) -> Candidate:
    """The best of the engine's drafts, retried while the best still has something to fix."""
    from l10n.quality.qa import check_segment

    request = job.request
    best: tuple[tuple, Hypothesis, list] | None = None
    for attempt in range(max(1, job.max_attempts)):
        hypotheses = first if attempt == 0 and first is not None else engine.translate([request], n_best=job.n_best)[0]
        job.attempts += 1
        for hyp in hypotheses:
            hyp = replace(hyp, text=without_stray_markup(job.source, hyp.text))
            findings = check_segment(job.source, hyp.text, job.required)
            key = _rank(findings, hyp)
            if best is None or key < best[0]:
                best = (key, hyp, findings)
        if best is not None and not _to_fix(best[2]):
            break
        feedback = tuple(f.message for f in _to_fix(best[2])) if best else ()
        request = replace(request, strict=True, feedback=feedback, previous=best[1].text if best else None)
    _, hyp, findings = best if best else ((), Hypothesis(""), [])
    return Candidate(hyp, hyp.text.strip(), findings)


def _draft_after_dateline(engine: Engine | None, job: SegmentJob, first: list[Hypothesis] | None) -> Draft:
    """The dateline's English, then the engine's draft of the rest of the segment."""
    from l10n.quality.qa import check_segment

    dateline, required = job.dateline, job.with_dateline
    if job.dateline_only:
        text, drafted = dateline.english, Draft(job.source[dateline.end :], "")
    else:
        drafted = draft_job(engine, job.body(), first)
        text = f"{dateline.english} {drafted.text}"
    findings = check_segment(job.source, text, required)
    return replace(drafted, source=job.source, text=text, required=tuple(required), findings=findings)
