"""The one engine interface: a batch of requests → n-best hypotheses with scores.

Every engine (``llama``, ``marian``, ``openai``) implements :class:`Engine`.
Model runtimes are imported inside the engine modules' constructors, never at
import time of this module.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from l10n.terms import Rendering


@dataclass(frozen=True)
class Request:
    """One segment to translate, with what the engine must honour.

    ``required`` are the renderings the English must contain (glossary terms,
    names, places; ``hint`` kinds are suggestions only). ``context`` is the
    previous source segment, ``examples`` are ``(zh, en)`` pairs from the
    translation memory. ``strict`` asks for the stronger constraints of a
    repair attempt; ``feedback`` lists what the previous attempt got wrong and
    ``previous`` is that attempt's text, for the engine to correct rather than redo.
    ``inline`` writes the required renderings into the source itself, in place
    of the Chinese they render (code-switching), which small models copy far more
    reliably than they follow a list. ``plain`` asks for a bare prompt with none
    of the above (baselines). ``fragment`` says the source is a phrase cut from the
    sentence in ``context`` (Chinese a draft left untranslated): the English of the
    phrase alone is wanted, the sentence only tells what it means there.
    ``cause`` says why drafting asks (:data:`l10n.engines.work.CAUSES`): counted, never sent.
    """

    source: str
    required: tuple[Rendering, ...] = ()
    context: str | None = None
    examples: tuple[tuple[str, str], ...] = ()
    strict: bool = False
    feedback: tuple[str, ...] = ()
    previous: str | None = None
    inline: bool = False
    plain: bool = False
    fragment: bool = False
    cause: str = field(default="draft", compare=False)


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation.

    ``score`` is the mean log-probability per output token (≤ 0; ``nan`` when
    the engine cannot tell), ``tokens`` the number of output tokens, and
    ``seconds`` the wall time spent on it (a batch's time divided evenly).
    """

    text: str
    score: float = math.nan
    tokens: int = 0
    seconds: float = 0.0

    @property
    def confidence(self) -> float:
        """``exp(score)``: the geometric-mean token probability in [0, 1], or nan.

        >>> round(Hypothesis("x", score=-0.2).confidence, 3)
        0.819
        """
        return math.exp(self.score) if not math.isnan(self.score) else math.nan


@runtime_checkable
class Engine(Protocol):
    """What drafting needs from a translation engine."""

    name: str  # "llama", "marian", "openai", …
    model_id: str
    model_sha256: str  # "" when unknown (e.g. a remote endpoint)

    def translate(self, requests: Sequence[Request], *, n_best: int = 1) -> list[list[Hypothesis]]:
        """Translate *requests*; return for each at most *n_best* hypotheses, best first."""
        ...
