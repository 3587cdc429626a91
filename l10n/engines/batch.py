"""Greedy decoding of several prompts at once: the bookkeeping, apart from the model.

Decoding a small quantised model on a CPU is bound by memory bandwidth: every step
reads all the weights once, whether it computes one sequence's next token or four.
So :func:`greedy_batch` steps every unfinished sequence together through a
:class:`Decoder` (llama.cpp in :mod:`l10n.engines.llama`, a scripted fake in the
tests): the decoder evaluates the prompts, sharing their common token prefix, and then
one token per live sequence per step. Each sequence stops on its own, at an end token
(EOS, end of turn) or at its output limit; its result keeps the per-token
log-probabilities, the end token's included, as the one-at-a-time path does.

:func:`plan_batches` cuts a list of prompts into batches that fit the decoder's
sequences and context cells; :func:`default_batch` picks the batch size from the
cores and memory.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class Decoder(Protocol):
    """What :func:`greedy_batch` needs from a model: logits (one row per sequence)."""

    def prefill(self, prompts: Sequence[Sequence[int]]) -> list:
        """Evaluate *prompts* as sequences ``0 … n-1``; the next-token logits of each."""
        ...

    def step(self, tokens: Mapping[int, int]) -> dict:
        """Append ``tokens[i]`` to sequence ``i`` (the live ones only); their next-token logits."""
        ...


@dataclass
class Generated:
    """One sequence's output: its tokens (the end token not among them), the
    log-probability of every token chosen (the end token's too), and why it stopped:
    ``"stop"`` (an end token) or ``"length"`` (its limit)."""

    tokens: list[int] = field(default_factory=list)
    logprobs: list[float] = field(default_factory=list)
    reason: str = ""

    @property
    def score(self) -> float:
        """Mean log-probability per token chosen (nan when none was)."""
        return sum(self.logprobs) / len(self.logprobs) if self.logprobs else math.nan


def pick(logits) -> tuple[int, float]:
    """The greedy token of *logits* (the first of equal maxima) and its log-probability.

    >>> pick([0.0, 2.0, 2.0, -1.0])[0]
    1
    """
    import numpy as np

    row = np.asarray(logits, dtype=np.float64)
    token = int(row.argmax())
    return token, -math.log(float(np.exp(row - row[token]).sum()))


def greedy_batch(decoder: Decoder, prompts: Sequence[Sequence[int]], limits: Sequence[int],
                 is_end: Callable[[int], bool]) -> list[Generated]:
    """Greedy outputs of *prompts* decoded together, in the order of *prompts*; sequence
    ``i`` stops at an end token or after ``limits[i]`` tokens, the others go on."""
    if len(limits) != len(prompts):
        raise ValueError("one output limit per prompt")
    out = [Generated() for _ in prompts]
    if not prompts:
        return out
    rows = dict(enumerate(decoder.prefill(prompts)))
    while rows:
        feed: dict[int, int] = {}
        for i, logits in rows.items():
            if len(out[i].tokens) >= limits[i]:
                out[i].reason = "length"
                continue
            token, logprob = pick(logits)
            out[i].logprobs.append(logprob)
            if is_end(token):
                out[i].reason = "stop"
                continue
            out[i].tokens.append(token)
            if len(out[i].tokens) >= limits[i]:
                out[i].reason = "length"
                continue
            feed[i] = token
        rows = decoder.step(feed) if feed else {}
    return out


def common_prefix(sequences: Sequence[Sequence[int]]) -> int:
    """The length of the token prefix all *sequences* share.

    >>> common_prefix([[1, 2, 3], [1, 2, 4], [1, 2]]), common_prefix([]), common_prefix([[5, 6]])
    (2, 0, 2)
    """
    if not sequences:
        return 0
    first = sequences[0]
    n = min(len(s) for s in sequences)
    for i in range(n):
        if any(s[i] != first[i] for s in sequences):
            return i
    return n


def plan_batches(lengths: Sequence[int], limits: Sequence[int], *, shared: int, batch: int, capacity: int) -> list[list[int]]:
    """The indices of the prompts cut, in order, into batches of at most *batch* prompts
    whose cells fit *capacity*: the *shared* prefix once, then each prompt's own tokens
    and its output limit. A prompt too long for any batch is a batch of its own.

    >>> plan_batches([10, 10, 10], [5, 5, 5], shared=4, batch=2, capacity=100)
    [[0, 1], [2]]
    >>> plan_batches([10, 10, 10], [5, 5, 5], shared=4, batch=8, capacity=20)
    [[0], [1], [2]]
    """
    plans: list[list[int]] = []
    used = shared
    for i, (length, limit) in enumerate(zip(lengths, limits)):
        need = length - shared + limit
        if plans and len(plans[-1]) < batch and used + need <= capacity:
            plans[-1].append(i)
            used += need
        else:
            plans.append([i])
            used = shared + need
    return plans


def default_batch(cores: int | None = None, available_mb: float | None = None) -> int:
    """Sequences decoded together when ``[draft] batch`` is 0: 4 on up to 4 cores, 8 above
    (a CPU's memory bandwidth is shared by all cores; beyond that each step's matrix
    products stop being cheap), fewer when memory is short (about 256 MB a sequence
    for its cells and logits, with room to spare).

    >>> default_batch(2, 8000), default_batch(16, 64000), default_batch(16, 600), default_batch(2, 100)
    (4, 8, 2, 1)
    """
    cores = cores if cores is not None else (os.cpu_count() or 1)
    by_cores = 4 if cores <= 4 else 8
    if available_mb is None:
        available_mb = _available_mb()
    if available_mb is None:
        return by_cores
    return max(1, min(by_cores, int(available_mb // 256)))


def _available_mb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None
