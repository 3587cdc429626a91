"""Greedy decoding of several prompts at once: the bookkeeping, apart from the model.

Decoding a small quantised model on a CPU is bound by memory bandwidth: every step
reads all the weights once, whether it computes one sequence's next token or four.
So :func:`greedy_batch` steps every unfinished sequence together through a
:class:`Decoder` (llama.cpp in :mod:`l10n.engines.llama`, a scripted fake in the
tests): the decoder holds the prompts' common token prefix evaluated once, evaluates
each prompt's own tokens after it, and then one token per live sequence per step. Each sequence stops on its own, at an end token
(EOS, end of turn) or at its output limit; its result keeps the per-token
log-probabilities, the end token's included, as the one-at-a-time path does.

A sequence that finishes leaves its slot to the next prompt at once (continuous
batching), so a long output does not hold up the batch; a prompt starts only when its
cells (prompt and output limit) fit the context beside the running ones.
:func:`default_batch` picks the batch size from the cores and memory.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class Decoder(Protocol):
    """What :func:`greedy_batch` needs from a model: next-token logits, one row per slot."""

    def share(self, prefix: Sequence[int]) -> None:
        """Hold *prefix* evaluated once, for every prompt started after to begin with."""
        ...

    def step(self, tokens: Mapping[int, int], prompts: Mapping[int, Sequence[int]]) -> dict:
        """In one pass: append ``tokens[s]`` to the sequence in slot ``s``, and start
        ``prompts[s]`` (which begins with the shared prefix) afresh in slot ``s``;
        the next-token logits of every slot named, by slot. A slot named in neither has
        finished: its cells may be freed."""
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


def pick(logits, forbidden=None) -> tuple[int, float]:
    """The greedy token of *logits* (the first of equal maxima) that the boolean mask
    *forbidden* allows, and its log-probability over the whole vocabulary.

    >>> pick([0.0, 2.0, 2.0, -1.0])[0]
    1
    >>> pick([0.0, 2.0, 2.0, -1.0], forbidden=[False, True, True, False])[0]
    0
    """
    import numpy as np

    row = np.asarray(logits, dtype=np.float64)
    token = int(np.where(forbidden, -np.inf, row).argmax()) if forbidden is not None else int(row.argmax())
    return token, -math.log(float(np.exp(row - row[token]).sum()))


def cells(prompt_length: int, limit: int, shared: int) -> int:
    """The cache cells a sequence may take beyond the shared prefix: its own prompt tokens and its output."""
    return prompt_length - shared + limit


def greedy_batch(decoder: Decoder, prompts: Sequence[Sequence[int]], limits: Sequence[int],
                 is_end: Callable[[int], bool], *, slots: int, capacity: int,
                 forbidden: Sequence | None = None) -> list[Generated]:
    """Greedy outputs of *prompts*, in their order, decoded up to *slots* at a time: sequence
    ``i`` stops at an end token or after ``limits[i]`` tokens while the others go on, and the
    next prompt starts in the slot it leaves (continuous batching) once its cells fit
    *capacity* beside those of the running ones and the shared prefix. The shared prefix is
    the prompts' common one, less a token (each prompt evaluates one of its own at least).
    ``forbidden[i]``, where given, is a boolean mask over the vocabulary of the tokens
    sequence ``i`` may not choose (:func:`pick`). A prompt that cannot fit even alone is a
    :class:`ValueError`."""
    if len(limits) != len(prompts):
        raise ValueError("one output limit per prompt")
    forbidden = forbidden if forbidden is not None else [None] * len(prompts)
    out = [Generated() for _ in prompts]
    if not prompts:
        return out
    shared = min(common_prefix(prompts), min(len(p) for p in prompts) - 1)
    need = [cells(len(p), limit, shared) for p, limit in zip(prompts, limits)]
    too_long = [i for i, n in enumerate(need) if shared + n > capacity]
    if too_long:
        raise ValueError(f"prompt {too_long[0]} needs {shared + need[too_long[0]]} cells, more than the {capacity} there are")
    decoder.share(prompts[0][:shared])
    waiting = list(range(len(prompts)))
    running: dict[int, int] = {}  # slot → prompt
    feed: dict[int, int] = {}
    while waiting or feed:
        starting: dict[int, Sequence[int]] = {}
        used = shared + sum(need[i] for i in running.values())
        free = [s for s in range(slots) if s not in running]
        while waiting and free and used + need[waiting[0]] <= capacity:
            slot, i = free.pop(0), waiting.pop(0)
            running[slot] = i
            starting[slot] = prompts[i]
            used += need[i]
        rows = decoder.step(feed, starting)
        feed = {}
        for slot, logits in sorted(rows.items()):
            i = running[slot]
            g = out[i]
            if len(g.tokens) < limits[i]:
                token, logprob = pick(logits, forbidden[i])
                g.logprobs.append(logprob)
                if is_end(token):
                    g.reason = "stop"
                else:
                    g.tokens.append(token)
            if not g.reason and len(g.tokens) >= limits[i]:
                g.reason = "length"
            if g.reason:
                del running[slot]
            else:
                feed[slot] = g.tokens[-1]
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
