"""How many threads llama.cpp may use: the cores other programs leave free, looked at again before each batch.

llama.cpp's worker threads spin while they wait for each other, so one thread that loses its
core to another program stalls every other: on 2 cores with one busy, 2 threads decode at a
tenth of the speed 1 thread does. Taking every core is right only while nothing else runs.
With ``[draft] threads = 0`` (the default; or ``[engines.llama] threads``) the engine asks :func:`free_cores` before each
batch of segments and sets generation and prompt threads to that (``llama_set_n_threads``); a
positive ``threads`` fixes the number.

Other programs' load is read from ``/proc/stat`` over a short sample, less this process's own
CPU time over it (:func:`busy_cores`); where ``/proc/stat`` is missing every core counts as free.
"""

from __future__ import annotations

import os
import time

SAMPLE_SECONDS = 0.05
"""How long the load is sampled before a batch: short beside a batch's seconds of decoding."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _busy_jiffies() -> tuple[int, int] | None:
    """(busy, total) clock ticks of all cores since boot, from ``/proc/stat``; None where it cannot be read."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    ticks = [int(v) for v in fields[1:9]]  # user nice system idle iowait irq softirq steal
    idle = ticks[3] + ticks[4]
    return sum(ticks) - idle, sum(ticks)


def busy_cores(sample: float = SAMPLE_SECONDS) -> float | None:
    """How many cores other programs keep busy, measured over *sample* seconds: the machine's
    busy time less this process's own, per second of wall time. None where ``/proc/stat`` is missing."""
    before = _busy_jiffies()
    if before is None:
        return None
    own_before, started = _own_cpu(), time.monotonic()
    time.sleep(sample)
    after = _busy_jiffies()
    if after is None:
        return None
    elapsed = time.monotonic() - started
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    others = (after[0] - before[0]) / tick - (_own_cpu() - own_before)
    return max(0.0, others / elapsed) if elapsed > 0 else 0.0


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def threads_for(cores: int, busy: float | None) -> int:
    """Threads to use on *cores* with *busy* of them taken by other programs: the cores left
    (a core counts as taken from 0.5 of one busy), at least one.

    >>> threads_for(2, 0.0), threads_for(2, 1.0), threads_for(2, 0.3), threads_for(8, 2.6), threads_for(2, 3.0), threads_for(4, None)
    (2, 1, 2, 5, 1, 4)
    """
    if busy is None:
        return cores
    return max(1, cores - int(busy + 0.5))


def free_cores() -> int:
    """The threads llama.cpp should use now (:func:`threads_for` of :func:`usable_cores` and :func:`busy_cores`)."""
    return threads_for(usable_cores(), busy_cores())
