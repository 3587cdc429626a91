"""The dev set's fixed split into a tuning half and a test half.

``prc_gov.dev`` (278 lines, ``../shared/eval``) is split once, by the WMT test set each line
came from (``prc_gov.dev.provenance.tsv``): lines from newstest2017 and newstest2018 (124)
are the **tuning half**, the only lines a rule may be grown from; lines from newstest2019,
2020, 2021 and generaltest2022, 2023 (154) are the **test half**, which benchmarks report
on by default. Splitting by test set keeps a news story's sentences on one side, so a name or
place seen while tuning does not reappear in the test half by the same story.

    >>> tune, test = indices("tune"), indices("test")
    >>> len(tune), len(test), set(tune) & set(test)
    (124, 154, set())
"""

from __future__ import annotations

from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
PROVENANCE = EVAL / "prc_gov.dev.provenance.tsv"
TUNING_SETS = frozenset({"newstest2017", "newstest2018"})
HALVES = ("test", "tune", "all")


def indices(half: str, provenance: Path = PROVENANCE) -> list[int]:
    """0-based line numbers of prc_gov.dev in *half* ("test", "tune" or "all")."""
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, not {half!r}")
    sets = [line.split("\t")[0] for line in provenance.read_text(encoding="utf-8").splitlines()[1:]]
    return [i for i, s in enumerate(sets) if half == "all" or (s in TUNING_SETS) == (half == "tune")]
