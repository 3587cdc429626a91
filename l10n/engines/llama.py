"""The ``llama`` engine: an instruction model in GGUF run by llama-cpp-python.

Decisions, measured with llama-cpp-python 0.3.36:

* The chat template is the GGUF's own (``create_chat_completion`` with no
  ``chat_format`` reads ``tokenizer.chat_template`` from the file).
* Every prompt starts with the same system message, so consecutive calls share
  a token prefix; ``Llama.generate`` keeps the KV cache of the longest common
  prefix with the previous call and evaluates only the rest. No
  ``LlamaRAMCache`` is needed for that (it snapshots whole states per prompt,
  which costs memory and buys nothing when only the prefix repeats).
* ``logprobs=True`` in the library needs ``logits_all=True``, which keeps an
  ``n_ctx × n_vocab`` float array (≈2.5 GB for Qwen's 151,936-token vocabulary
  at 4,096 context) and computes logits for every prompt token. Instead a
  logits processor records the log-softmax of each step's raw logits and reads
  off the chosen token's log-probability at the next step: the mean is
  :attr:`Hypothesis.score`.
* Decoding is greedy (temperature 0) with a fixed seed: the same input gives the
  same draft. ``n_best > 1`` adds hypotheses sampled at temperature 0.7 with
  seeds ``seed+1``, ``seed+2`` …, deduplicated; the greedy one stays first,
  the rest follow by score.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from pathlib import Path

from l10n.engines.base import Hypothesis, Request
from l10n.engines.prompt import build_messages, parse_reply
from l10n.errors import L10nError


class LlamaUnavailableError(L10nError):
    """llama-cpp-python is not installed."""


class _LogprobRecorder:
    """A llama-cpp logits processor that records the chosen tokens' log-probabilities."""

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self.pending = None
        self.logprobs: list[float] = []

    def __call__(self, input_ids, logits):
        np = self._np
        if self.pending is not None and len(input_ids):
            self.logprobs.append(float(self.pending[int(input_ids[-1])]))
        top = float(logits.max())
        lse = top + math.log(float(np.exp(logits - top).sum()))
        self.pending = logits - lse
        return logits

    def finish(self, greedy: bool) -> list[float]:
        """The recorded log-probabilities; with greedy decoding the last (end) token's too."""
        if greedy and self.pending is not None:
            self.logprobs.append(float(self.pending.max()))
        self.pending = None
        return self.logprobs


def output_limit(source: str, ceiling: int) -> int:
    """Tokens a translation of *source* may take: about 1.2 English tokens per Chinese
    character in practice, so 4 per character plus room for a short line is generous,
    and stops a rambling reply early.

    >>> output_limit("会议召开。", 512), output_limit("字" * 500, 512)
    (84, 512)
    """
    return min(ceiling, 4 * len(source) + 64)


class LlamaEngine:
    """Translate with a local GGUF instruction model."""

    name = "llama"

    def __init__(
        self,
        model_path: Path | str,
        *,
        model_id: str = "",
        model_sha256: str = "",
        threads: int = 0,
        n_ctx: int = 4096,
        max_tokens: int = 512,
        seed: int = 42,
        verbose: bool = False,
    ) -> None:
        try:
            from llama_cpp import Llama, LogitsProcessorList
        except ImportError:
            raise LlamaUnavailableError(
                "The llama engine needs llama-cpp-python; run `pip install 'l10n[llama]'` (it compiles for about 10 minutes)."
            ) from None
        self.model_id = model_id or Path(model_path).stem
        self.model_sha256 = model_sha256
        self.seed = seed
        self.max_tokens = max_tokens
        self._processors = LogitsProcessorList
        self.llm = Llama(
            model_path=str(model_path),
            n_ctx=n_ctx,
            n_threads=threads or os.cpu_count() or 1,
            seed=seed,
            verbose=verbose,
        )

    def _complete(self, messages: list[dict], *, temperature: float, seed: int, max_tokens: int) -> Hypothesis:
        recorder = _LogprobRecorder()
        started = time.perf_counter()
        reply = self.llm.create_chat_completion(
            messages=messages,
            temperature=temperature,
            top_p=1.0 if temperature == 0 else 0.95,
            top_k=0 if temperature == 0 else 40,
            min_p=0.0,
            repeat_penalty=1.0,
            seed=seed,
            max_tokens=max_tokens,
            logits_processor=self._processors([recorder]),
        )
        seconds = time.perf_counter() - started
        text = reply["choices"][0]["message"]["content"] or ""
        logprobs = recorder.finish(greedy=temperature == 0)
        tokens = int(reply.get("usage", {}).get("completion_tokens", len(logprobs)))
        score = sum(logprobs) / len(logprobs) if logprobs else math.nan
        return Hypothesis(parse_reply(text), score=score, tokens=tokens, seconds=seconds)

    def translate(self, requests: Sequence[Request], *, n_best: int = 1) -> list[list[Hypothesis]]:
        """Translate each request in turn (one model, one sequence at a time)."""
        if n_best < 1:
            raise ValueError(f"n_best must be at least 1, not {n_best}")
        results = []
        for request in requests:
            messages = build_messages(request)
            limit = output_limit(request.source, self.max_tokens)
            best = self._complete(messages, temperature=0.0, seed=self.seed, max_tokens=limit)
            hyps = [best]
            seen = {best.text}
            for k in range(1, 2 * n_best):  # a few extra draws: samples often repeat the greedy text
                if len(hyps) >= n_best:
                    break
                alt = self._complete(messages, temperature=0.7, seed=self.seed + k, max_tokens=limit)
                if alt.text not in seen:
                    seen.add(alt.text)
                    hyps.append(alt)
            results.append([best] + sorted(hyps[1:], key=lambda h: -h.score if not math.isnan(h.score) else math.inf))
        return results
