"""Drafting one segment: engine attempts ranked by verification, then the repair steps.

The engine drafts with the required renderings written into the source; a draft with
errors (or a made-up month) is retried with stronger constraints and the findings as
feedback, up to ``max_attempts`` engine calls, unless all it has wrong is what the
deterministic repairs mend, a lost number (:data:`NOT_REDRAFTED_FOR`) or a few short runs
of Chinese left, which the repairs translate as fragments; the best by verification, then model score,
goes through :mod:`l10n.draft.repairs`, and its confidence (:mod:`l10n.draft.confidence`)
combines the model's probability with the findings and repairs left. A dateline is rendered by rule and only the body
is drafted.
"""

from __future__ import annotations

import math
from collections.abc import MutableSet, Sequence
from dataclasses import replace

from l10n.draft.confidence import segment_confidence
from l10n.draft.edits import one_line, without_stray_markup
from l10n.draft.job import Draft, SegmentJob, error_count, segment_job
from l10n.draft.repairs import DETERMINISTIC, Candidate, repair
from l10n.engines.base import Engine, Hypothesis, Request
from l10n.lexicon import HAN_RUN
from l10n.memory import Match
from l10n.numbers import extra_numbers, source_numbers
from l10n.terms import Rendering

RETRIED_WARNINGS = {"invented-month", "invented-year", "invented-place"}
"""Warnings a draft is retried for: the model made something up, though a reviewer may add it."""


FRAGMENT_RUN = 4
"""Chinese left in a draft in runs of at most this many characters is put right by asking
each run's English as a fragment of the sentence (:func:`l10n.draft.edits.repair_leftovers`,
a few output tokens), not by drafting the whole sentence again: on the tuning half (bench/calls.py)
the model leaves one common word in Chinese (主旨, 初心, 职业) in over a third of first drafts, and
each such retry cost a full draft and often a clause-by-clause one after it."""


NOT_REDRAFTED_FOR = frozenset({"numbers"})
"""Checks whose errors alone never call for another whole draft: on the tuning half
(bench/calls.py at c16aaa8) all 6 retries asked only for a number the draft lacked (九, 一百二,
1.1 亿, 100万 …) returned the draft they were asked to fix, word for word, at 4.5 s each. Such a
draft goes on to the repairs, where a segment of several clauses is drafted clause by clause
(which put the number back on 3 of those 6 lines); with a term missing as well it is retried."""


def borrowed_numbers(source: str, context: str | None, translation: str) -> list:
    """Numbers *translation* has that *source* lacks and *context*, the sentence before it,
    has: the model copied them from the context. On the seed bulletin, 截至目前…完成初稿86万字
    after a sentence naming 《平遥县志(2001—2020)》 was drafted "the initial draft of the
    2001-2020 edition of the "Pintao County History" has been completed"; QA's numbers warning
    names the years, and only the context explains them.

    >>> [n.text for n in borrowed_numbers("完成初稿86万字。", "了解了《县志(2001—2020)》的进度。", "The 2001-2020 edition reached 860,000 words.")]
    ['2001', '2020']
    >>> borrowed_numbers("完成初稿86万字。", None, "The 2001 edition reached 860,000 words.")
    []
    """
    if not context:
        return []
    in_context = {n.value for n in source_numbers(context)}
    return [n for n in extra_numbers(source, translation) if n.value in in_context]


def to_fix(findings) -> list:
    """The *findings* a repair attempt is asked to fix: errors and :data:`RETRIED_WARNINGS`."""
    return [f for f in findings if f.severity == "error" or f.check in RETRIED_WARNINGS]


def _worth_another_draft(findings, text: str) -> bool:
    """Whether what *findings* say is wrong with *text* calls for drafting it again: something
    to fix besides short runs of Chinese left (:data:`FRAGMENT_RUN`), which the repairs
    translate as fragments at a fraction of a draft's cost, and besides the checks in
    :data:`NOT_REDRAFTED_FOR`.

    >>> from l10n.quality.qa import Finding
    >>> left = Finding("chinese-left", "error", "主旨 left in the translation")
    >>> _worth_another_draft([left], "a 主旨 speech"), _worth_another_draft([left], "他说这是一个很长的句子")
    (False, True)
    >>> lost = Finding("numbers", "error", "12 is missing")
    >>> term = Finding("missing-term", "error", "政协 → CPPCC not found")
    >>> _worth_another_draft([lost], "The city has counties."), _worth_another_draft([lost, term], "The city has counties.")
    (False, True)
    """
    fix = to_fix(findings)
    short = all(len(run) <= FRAGMENT_RUN for run in HAN_RUN.findall(text))
    return any(f.check not in NOT_REDRAFTED_FOR and (f.check != "chinese-left" or not short) for f in fix)


def _worth_asking_again(job: SegmentJob, best: Candidate) -> bool:
    """Whether the *best* draft so far calls for another engine call once the deterministic
    repairs (:data:`~l10n.draft.repairs.DETERMINISTIC`: case, splices of near misses and
    forbidden forms) have done what they can: those run on the chosen draft anyway, so a
    retry for what they put right buys nothing. On the tuning half they cleared 6 of the 36
    retries' reasons; 4 of those retries had returned the draft unchanged."""
    fixed = repair(job, None, best, DETERMINISTIC)
    return _worth_another_draft(fixed.findings, fixed.text)


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


def draft_job(engine: Engine | None, job: SegmentJob, first: list[Hypothesis] | None = None,
              attempts: "Attempts | None" = None) -> Draft:
    """The draft of *job* (see :func:`draft_segment`); *engine* may be None for a dateline alone.

    *attempts* are the engine's drafts already asked (:func:`attempt_together`); else they are
    asked here, one call at a time."""
    if job.dateline is not None and (attempts is None or attempts.job is not job):
        # attempts asked for this very job are of its body already: a second dateline in a row is the body's text
        return _draft_after_dateline(engine, job, first, attempts)
    if attempts is None:
        attempts = Attempts(job)
        if first is not None:
            attempts.take(first)
        while (request := attempts.pending) is not None:
            attempts.take(engine.translate([request], n_best=job.n_best)[0])
    best = repair(job, engine, attempts.best())
    if (text := one_line(best.text)) != best.text:  # a fragment or clause-by-clause reply broke the line
        from l10n.quality.qa import check_segment

        best = replace(best, text=text, findings=check_segment(job.source, text, job.required))
    model = best.hypothesis.confidence
    confidence = segment_confidence(model, best.findings, best.repairs, job.attempts, job.source, job.required)
    return Draft(job.source, best.text, job.required, best.findings, confidence, job.attempts, "engine", job.examples, best.repairs, model)


class Attempts:
    """The engine's drafts of one job, taken an attempt at a time: ranked by verification, then
    model score, and asked again (strict, with the findings as feedback) while the best still
    has something to fix, up to the job's ``max_attempts``. A best draft that took numbers from
    the sentence before (:func:`borrowed_numbers`) is drafted again without that sentence.

    :attr:`pending` is the next request to ask (None when done), :meth:`take` its hypotheses;
    for a segment with a dateline the job is its body's (:meth:`for_job`).
    """

    def __init__(self, job: SegmentJob, first: Request | None = None) -> None:
        self.job = job
        self.pending: Request | None = first or job.request
        self._best: tuple[tuple, Hypothesis, list] | None = None
        self._context: str | None = job.request.context

    @classmethod
    def for_job(cls, job: SegmentJob) -> "Attempts | None":
        """The attempts of *job*'s engine part, first asking *job*'s own first request: its body
        after a dateline; None for a dateline alone."""
        if job.dateline_only:
            return None
        return cls(job.body(), job.request) if job.dateline is not None else cls(job)

    def take(self, hypotheses: Sequence[Hypothesis]) -> None:
        from l10n.quality.qa import check_segment

        job = self.job
        job.attempts += 1
        for hyp in hypotheses:
            hyp = replace(hyp, text=one_line(without_stray_markup(job.source, hyp.text)))
            findings = check_segment(job.source, hyp.text, job.required)
            key = _rank(findings, hyp)
            if self._best is None or key < self._best[0]:
                self._best = (key, hyp, findings)
        best = self._best
        borrowed = borrowed_numbers(job.source, self._context, best[1].text) if best else []
        if job.attempts >= max(1, job.max_attempts) or (best is not None and not borrowed and not _worth_asking_again(job, self.best())):
            self.pending = None
            return
        feedback = tuple(f.message for f in to_fix(best[2])) if best else ()
        previous = best[1].text if best else None
        if borrowed:  # drafted afresh without the sentence before: a draft to correct would keep what it took from it
            self._context, previous = None, None
            feedback += tuple(f"{n.text} is not in this sentence" for n in borrowed)
        self.pending = replace(job.request, context=self._context, strict=True, feedback=feedback, previous=previous,
                               cause="retry")

    def best(self) -> Candidate:
        _, hyp, findings = self._best if self._best else ((), Hypothesis(""), [])
        return Candidate(hyp, hyp.text.strip(), findings)


def attempt_together(engine: Engine, jobs: Sequence[SegmentJob]) -> list["Attempts | None"]:
    """The engine's attempts at every one of *jobs*, each round's requests in one engine call
    (a batch the engine can decode together): the first drafts, then the retries of those that
    still have something to fix. None for a dateline alone."""
    attempts = [Attempts.for_job(job) for job in jobs]
    live = [a for a in attempts if a is not None]
    while asking := [a for a in live if a.pending is not None]:
        replies = engine.translate([a.pending for a in asking], n_best=asking[0].job.n_best)
        for a, hyps in zip(asking, replies):
            a.take(hyps)
    return attempts


def _draft_after_dateline(engine: Engine | None, job: SegmentJob, first: list[Hypothesis] | None,
                          attempts: Attempts | None) -> Draft:
    """The dateline's English, then the engine's draft of the rest of the segment."""
    from l10n.quality.qa import check_segment

    dateline, required = job.dateline, job.with_dateline
    if job.dateline_only:
        text, drafted = dateline.english, Draft(job.source[dateline.end :], "")
    else:
        body = attempts.job if attempts is not None else job.body()
        drafted = draft_job(engine, body, first, attempts)
        text = f"{dateline.english} {drafted.text}"
    findings = check_segment(job.source, text, required)
    confidence = segment_confidence(drafted.model_confidence, findings, drafted.repairs, drafted.attempts, job.source, required)
    return replace(drafted, source=job.source, text=text, required=tuple(required), findings=findings, confidence=confidence)
