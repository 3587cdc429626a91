"""One segment's drafting job, built once, and the draft it yields.

A :class:`SegmentJob` holds what drafting a segment needs to know: its source, what it
requires (:func:`l10n.required.requirements`), its wire-service dateline (found once),
the previous segment as context, translation-memory examples, the acronyms the text has
spelled out so far, and the bounds on engine calls.
"""

from __future__ import annotations

import math
from collections.abc import MutableSet, Sequence
from dataclasses import dataclass, field

from l10n.dateline import Dateline, body_renderings, find_dateline
from l10n.engines.base import Request
from l10n.memory import Match
from l10n.required import with_dateline
from l10n.terms import Rendering


@dataclass
class Draft:
    """The outcome of drafting one segment.

    ``confidence`` is :func:`l10n.draft.confidence.draft_confidence`: ``model_confidence`` (the
    engine hypothesis's token probability) lowered by the findings, repairs and attempts.
    """

    source: str
    text: str
    required: tuple[Rendering, ...] = ()
    findings: list = field(default_factory=list)  # l10n.quality.qa.Finding
    confidence: float = math.nan
    attempts: int = 0
    origin: str = "engine"  # "engine", "tm" or "dedupe"
    examples: tuple[Match, ...] = ()
    repairs: tuple[str, ...] = ()
    model_confidence: float = math.nan  # the engine hypothesis's token probability

    @property
    def missing(self) -> list[Rendering]:
        from l10n.quality.qa import rendering_present

        return [r for r in self.required if r.enforced and not rendering_present(r, self.text)]


def error_count(findings) -> int:
    """How many of *findings* (``l10n.quality.qa.Finding``) are errors."""
    return sum(1 for f in findings if f.severity == "error")


@dataclass
class SegmentJob:
    """Everything drafting one segment needs; ``attempts`` counts the engine drafts asked so far.

    *acronyms* are those the text has spelled out before this segment: one not among them is
    written in full here and added; None leaves acronyms as drafted. *acronyms_later* are
    those the bulletin uses after this segment: only these, and those used again in the
    segment itself, are given in brackets after their full form.
    """

    source: str
    required: tuple[Rendering, ...]
    dateline: Dateline | None
    context: str | None = None
    examples: tuple[Match, ...] = ()
    acronyms: MutableSet[str] | None = None
    max_attempts: int = 3
    n_best: int = 1
    attempts: int = 0
    acronyms_later: frozenset[str] = frozenset()

    @property
    def request(self) -> Request:
        """The first engine request: required renderings written into the source (code-switched).

        A dateline is rendered by rule (:mod:`l10n.dateline`), so only the body goes to the engine.
        """
        source, required = self.source, self.required
        if self.dateline is not None:
            source, required = source[self.dateline.end :], body_renderings(required, self.dateline)
        return Request(source, tuple(required), self.context, tuple((m.source, m.translation) for m in self.examples), inline=True)

    @property
    def dateline_only(self) -> bool:
        """Whether the segment is a dateline and nothing else (no engine needed)."""
        return self.dateline is not None and not self.source[self.dateline.end :].strip()

    @property
    def with_dateline(self) -> list[Rendering]:
        """The required renderings and the dateline's own (its place, its reporters)."""
        return with_dateline(self.required, self.dateline) if self.dateline is not None else list(self.required)

    def body(self) -> SegmentJob:
        """The job for the text after the dateline, with the renderings that fall there."""
        body = self.source[self.dateline.end :]
        return segment_job(body, body_renderings(self.with_dateline, self.dateline), context=self.context,
                           examples=self.examples, max_attempts=self.max_attempts, n_best=self.n_best)


def segment_job(source: str, required: Sequence[Rendering] = (), *, context: str | None = None, examples: Sequence[Match] = (),
                acronyms: MutableSet[str] | None = None, max_attempts: int = 3, n_best: int = 1) -> SegmentJob:
    """The job for *source* requiring *required*; its dateline is looked for here, once."""
    required = tuple(required)
    return SegmentJob(source, required, find_dateline(source, required), context, tuple(examples), acronyms, max_attempts, n_best)


def first_request(source: str, required: Sequence[Rendering], context: str | None = None, examples: Sequence[Match] = ()) -> Request:
    """The first engine request for *source* (:attr:`SegmentJob.request`)."""
    return segment_job(source, required, context=context, examples=examples).request
