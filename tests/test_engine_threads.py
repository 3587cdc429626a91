"""How many threads llama.cpp gets: the cores other programs leave free (l10n.engines.threads)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from l10n.engines import threads


@pytest.mark.parametrize("cores, busy, expected", [
    (2, 0.0, 2),     # idle: every core
    (2, 0.4, 2),     # noise, a short job: still every core
    (2, 1.0, 1),     # one program spinning on one core: the other one
    (2, 0.6, 1),     # a core mostly taken
    (2, 2.0, 1),     # everything taken: still one thread
    (8, 2.6, 5),
    (16, 0.0, 16),
    (4, None, 4),    # no /proc/stat: every core, as before
])
def test_threads_for(cores, busy, expected):
    assert threads.threads_for(cores, busy) == expected


def test_busy_cores_subtracts_this_process(monkeypatch):
    """/proc/stat counts every process; what this one used in the sample is not another program's load."""
    ticks = iter([(1000, 5000), (1000 + 150, 5000 + 200)])  # 1.5 s busy of 2 s in the sample
    own = iter([10.0, 10.5])  # 0.5 s of it was this process
    clock = iter([0.0, 1.0])
    monkeypatch.setattr(threads, "_busy_jiffies", lambda: next(ticks))
    monkeypatch.setattr(threads, "_own_cpu", lambda: next(own))
    monkeypatch.setattr(threads.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(threads.time, "sleep", lambda s: None)
    monkeypatch.setattr(threads.os, "sysconf", lambda name: 100)
    assert threads.busy_cores() == pytest.approx(1.0)


def test_without_proc_stat_every_core_is_free(monkeypatch):
    monkeypatch.setattr(threads, "_busy_jiffies", lambda: None)
    monkeypatch.setattr(threads, "usable_cores", lambda: 6)
    assert threads.busy_cores() is None
    assert threads.free_cores() == 6


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/stat")
def test_a_spinning_program_is_seen():
    """The real reading: a process spinning on a core shows as (about) one busy core more."""
    quiet = threads.busy_cores(0.3)
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        busy = threads.busy_cores(0.5)
    finally:
        spinner.kill()
        spinner.wait()
    assert quiet is not None and busy is not None
    assert busy >= 0.7, (quiet, busy)
