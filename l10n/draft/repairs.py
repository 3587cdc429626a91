"""The repairs a draft goes through once the engine's attempts are done: a list of steps.

Each step has one signature, ``(job, engine, candidate) -> candidate or None`` (None: it
has nothing to do), and says whether its result is kept whatever it does to the QA
errors or only when it lowers them. :func:`repair` runs them in order:

1. proper nouns written all in lower case put back in their rendering's case (kept);
   a month the model gave a date whose source names the day only taken out ("On March 3"
   for 三号 is "On the 3rd", kept), and a year it made up for 去年 put back ("In 2019" is
   "Last year", kept);
2. a forbidden form, near miss or misplaced title replaced by the required rendering
   (kept: each splice in it is kept only when it lowers the errors);
3. Chinese left in the English replaced: by its rendering, its English asked as a fragment
   of the sentence, else a gap QA reports (kept); the attempts leave short runs of it to
   this step (:data:`~l10n.draft.segment.FRAGMENT_RUN`), which costs a few output tokens;
4. a segment still failing drafted once more clause by clause (kept only when it lowers
   the errors: a whole-sentence draft reads better), recorded as the repair
   :data:`~l10n.draft.confidence.CLAUSES`, the Chinese that draft left replaced as in 3 and a
   month or year it made up mended as in 1;
5. a person's two titles written "the T1 and the T2 Name", which reads as two people, put
   after the name ("Name, T1 and T2,", kept);
6. an acronym the text has not spelled out yet written in full (kept).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from l10n.acronyms import spell_out_first
from l10n.draft.clauses import clause_pieces, draft_by_clauses
from l10n.draft.confidence import CLAUSES
from l10n.draft.edits import (capitalise_proper_nouns, repair_leftovers, splice_missing, splice_required, titles_after_their_name,
                              without_invented_months, without_invented_years)
from l10n.draft.job import SegmentJob, error_count
from l10n.engines.base import Engine, Hypothesis
from l10n.lexicon import HAN_RUN


@dataclass(frozen=True)
class Candidate:
    """A draft in the making: the engine's hypothesis it comes from (its confidence), its
    text, the QA findings on that text, and the repairs made to it so far."""

    hypothesis: Hypothesis
    text: str
    findings: list
    repairs: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        return error_count(self.findings)


Repair = Callable[[SegmentJob, "Engine | None", Candidate], "Candidate | None"]


@dataclass(frozen=True)
class Step:
    name: str
    run: Repair
    always: bool
    """Kept whatever it does to the errors; else only when it lowers them."""


def _checked(job: SegmentJob, candidate: Candidate, text: str, repairs: tuple[str, ...] | list[str]) -> Candidate:
    """*candidate* with *text* (checked afresh) and *repairs* added to its own."""
    from l10n.quality.qa import check_segment

    return Candidate(candidate.hypothesis, text, check_segment(job.source, text, job.required), (*candidate.repairs, *repairs))


def _capitalise(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    text, repairs = capitalise_proper_nouns(candidate.text, job.required)
    return _checked(job, candidate, text, repairs) if repairs else None


def _months(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    text, repairs = without_invented_months(job.source, candidate.text)
    return _checked(job, candidate, text, repairs) if repairs else None


def _years(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    text, repairs = without_invented_years(job.source, candidate.text)
    return _checked(job, candidate, text, repairs) if repairs else None


def _splice(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    text, repairs = splice_missing(job.source, candidate.text, job.required, candidate.findings)
    return _checked(job, candidate, text, repairs) if repairs else None


def _by_clauses(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    clauses = clause_pieces(job.source, job.required) if candidate.errors and job.max_attempts > 1 else []
    if not clauses:
        return None
    job.attempts += 1
    hypothesis = draft_by_clauses(engine, clauses)
    text, repairs = splice_required(job.source, hypothesis.text, job.required)
    return _checked(job, Candidate(hypothesis, text, []), text, (CLAUSES, *repairs))


def _titles_after_the_name(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    text, repairs = titles_after_their_name(job.source, candidate.text, job.required)
    return _checked(job, candidate, text, repairs) if repairs else None


def _leftovers(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    if not HAN_RUN.search(candidate.text):
        return None
    text, repairs = repair_leftovers(job.source, candidate.text, job.required, engine)
    return _checked(job, candidate, text, repairs)


def _acronyms(job: SegmentJob, engine: Engine | None, candidate: Candidate) -> Candidate | None:
    if job.acronyms is None:
        return None
    text, spelled = spell_out_first(candidate.text, job.required, job.acronyms, job.acronyms_later)
    return _checked(job, candidate, text, spelled) if spelled else None


STEPS: tuple[Step, ...] = (
    Step("capitalise", _capitalise, always=True),
    Step("months", _months, always=True),
    Step("years", _years, always=True),
    Step("splice", _splice, always=True),
    Step("leftovers", _leftovers, always=True),
    Step("clauses", _by_clauses, always=False),
    Step("leftovers", _leftovers, always=True),  # what the clause-by-clause draft left
    Step("months", _months, always=True),  # a month the clause-by-clause draft made up
    Step("years", _years, always=True),
    Step("titles after the name", _titles_after_the_name, always=True),
    Step("acronyms", _acronyms, always=True),
)


DETERMINISTIC: tuple[Step, ...] = tuple(s for s in STEPS if s.name in ("capitalise", "months", "years", "splice"))
"""The steps that need no engine and change only what QA says is wrong: what a draft's
findings come to before any further engine call is worth asking."""


def repair(job: SegmentJob, engine: Engine | None, candidate: Candidate, steps: tuple[Step, ...] = STEPS) -> Candidate:
    """*candidate* after each of *steps* whose result is kept."""
    for step in steps:
        new = step.run(job, engine, candidate)
        if new is not None and (step.always or new.errors < candidate.errors):
            candidate = new
    return candidate
