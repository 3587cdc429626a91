"""What an engine did for drafting: requests by cause, prompt tokens reused and prefilled, tokens
generated, seconds inside the engine. ``l10n draft -v`` and bench/engines.py read it to say where a
segment's time goes; the engines record into it (:class:`EngineWork`)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from l10n.engines.batch import common_prefix

CAUSES = ("draft", "retry", "clause", "fragment", "plain")
"""Why drafting asks the engine (``Request.cause``): a segment's first draft, another attempt with
the findings as feedback, a clause of a segment drafted clause by clause, a run of Chinese a draft
left (its English as a fragment), a bare prompt (baselines, ``l10n models test``)."""


@dataclass
class EngineWork:
    """Running totals of what an engine did; thread-safe (the openai engine records from its workers)."""

    requests: int = 0
    prompt_tokens: int = 0
    """The tokens of each request's prompt (the GGUF template's, the reply's start included)."""
    reused_tokens: int = 0
    """Of those, the ones already in the KV cache: the prefix shared with what the context held
    (llama-cpp-python evaluates only the rest), or the prefix a batch shares."""
    generated_tokens: int = 0
    seconds: float = 0.0
    """Wall time inside the engine's calls, prompt and generation (a batch's once)."""
    causes: Counter = field(default_factory=Counter)
    """Requests by cause (:data:`CAUSES`)."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def record(self, prompt: Sequence[int] | None, held: Sequence[int], generated: int, seconds: float, *,
               prompt_tokens: int = 0, reused: int = 0, cause: str = "draft") -> None:
        """One request: its *prompt* tokens (None where the template is unknown: *prompt_tokens*, the
        server's count, and *reused* its cached ones), what the context *held* before it, as
        llama-cpp-python reuses it (the longest common prefix, the prompt's last token always evaluated again)."""
        if prompt is not None:
            prompt_tokens, reused = len(prompt), (min(common_prefix([held, prompt]), len(prompt) - 1) if prompt else 0)
        self.add([cause], prompt_tokens, reused, generated, seconds)

    def add(self, causes: Sequence[str], prompt_tokens: int, reused: int, generated: int, seconds: float) -> None:
        """Requests of *causes* decoded together: their prompt tokens, *reused* of them, *generated*, *seconds*."""
        with self._lock:
            self.requests += len(causes)
            self.causes.update(causes)
            self.prompt_tokens += prompt_tokens
            self.reused_tokens += reused
            self.generated_tokens += generated
            self.seconds += seconds

    def snapshot(self) -> "EngineWork":
        """A copy of the totals now."""
        with self._lock:
            return EngineWork(self.requests, self.prompt_tokens, self.reused_tokens, self.generated_tokens, self.seconds,
                              Counter(self.causes))

    def since(self, before: "EngineWork") -> "EngineWork":
        """What was done after *before* (a :meth:`snapshot`)."""
        now = self.snapshot()
        return EngineWork(now.requests - before.requests, now.prompt_tokens - before.prompt_tokens,
                          now.reused_tokens - before.reused_tokens, now.generated_tokens - before.generated_tokens,
                          now.seconds - before.seconds, now.causes - before.causes)

    def as_dict(self, segments: int) -> dict:
        """The totals per segment of *segments*, rounded for a report.

        >>> EngineWork(3, 2400, 1800, 90, 6.0, Counter(draft=2, retry=1)).as_dict(2)
        {'requests': 1.5, 'prompt_tokens': 1200.0, 'reused_tokens': 900.0, 'prefilled_tokens': 300.0, 'generated_tokens': 45.0, 'engine_s': 3.0, 'requests_by_cause': {'draft': 1.0, 'retry': 0.5}}
        """
        per = lambda value: round(value / segments, 2) if segments else None  # noqa: E731
        return {"requests": per(self.requests), "prompt_tokens": per(self.prompt_tokens), "reused_tokens": per(self.reused_tokens),
                "prefilled_tokens": per(self.prompt_tokens - self.reused_tokens), "generated_tokens": per(self.generated_tokens),
                "engine_s": per(self.seconds), "requests_by_cause": {c: per(self.causes[c]) for c in CAUSES if self.causes[c]}}

    def report(self, segments: int, seconds: float) -> list[str]:
        """Where *segments*' time went, *seconds* in all, as lines for ``l10n draft -v``.

        >>> print("\\n".join(EngineWork(3, 2400, 1800, 90, 6.0, Counter(draft=2, retry=1)).report(2, 7.0)))
        2 segments in 7.0 s: 6.0 s in the engine, 1.0 s around it (loading, analysis, checks, repairs, saving)
        requests: 1.50 a segment (draft 1.00, retry 0.50)
        prompt tokens: 1200 a segment, 900 reused from the cache, 300 prefilled; 45 generated
        """
        if not segments:
            return []
        d = self.as_dict(segments)
        causes = ", ".join(f"{c} {n:.2f}" for c, n in d["requests_by_cause"].items())
        return [f"{segments} segment{'' if segments == 1 else 's'} in {seconds:.1f} s: {self.seconds:.1f} s in the engine, "
                f"{max(0.0, seconds - self.seconds):.1f} s around it (loading, analysis, checks, repairs, saving)",
                f"requests: {d['requests']:.2f} a segment" + (f" ({causes})" if causes else ""),
                f"prompt tokens: {d['prompt_tokens']:.0f} a segment, {d['reused_tokens']:.0f} reused from the cache, "
                f"{d['prefilled_tokens']:.0f} prefilled; {d['generated_tokens']:.0f} generated"]
