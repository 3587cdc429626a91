"""Benchmark the glossary: matching 10,000 synthetic terms over 1 MB of Chinese text, and the
time of ``l10n glossary validate`` on a generated 30,000-row glossary and of ``l10n glossary
import`` of a generated 20,000-entry TBX (issue 41, item 18: both grew quadratically).

Prints JSON: automaton build time and match time (median of several runs), the number of
matches and the throughput; then each command's wall time as a user sees it (a fresh
process, the reference places under the glossary), the median of ``--cli-runs`` runs.
Run: ``python bench/glossary.py [--runs 5] [--validate-rows 30000] [--import-entries 20000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n.glossary import Glossary, Term  # noqa: E402

# Common CJK characters to build terms and filler text from.
_CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def synthetic_terms(n: int, rng: random.Random) -> list[Term]:
    seen: set[str] = set()
    terms = []
    while len(terms) < n:
        zh = "".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 8)))
        if zh in seen:
            continue
        seen.add(zh)
        status = "approved" if rng.random() < 0.8 else "proposed"
        terms.append(Term(f"t{len(terms)}", zh, f"Term {len(terms)}", "organ", status))
    return terms


def synthetic_text(terms: list[Term], size_bytes: int, rng: random.Random) -> str:
    parts: list[str] = []
    size = 0
    while size < size_bytes:
        piece = rng.choice(terms).zh if rng.random() < 0.3 else "".join(rng.choice(_CHARS) for _ in range(rng.randint(3, 12)))
        parts.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(parts)


def glossary_rows(n: int, rng: random.Random) -> list[Term]:
    """*n* rows as an editor's glossary holds them: mostly approved, some proposals, deprecated
    entries superseded by a revision (``X.r2``, same Chinese) and titles split by validity dates."""
    import datetime as dt

    terms: list[Term] = []
    for i, t in enumerate(synthetic_terms(n, rng)):
        kind = rng.random()
        row = dict(category=rng.choice(("organ", "title", "place", "term")), note="generated", proposed_by="Li",
                   updated_at="2024-01-01T00:00:00Z")
        if kind < 0.6 or len(terms) + 2 > n:
            terms.append(Term(f"g{i}", t.zh, t.en, status="approved", approved_by="Jing", **row))
        elif kind < 0.8:
            terms.append(Term(f"g{i}", t.zh, t.en, status="proposed", **row))
        elif kind < 0.9:  # an entry and its approved revision
            terms.append(Term(f"g{i}", t.zh, t.en, status="deprecated", approved_by="Jing", **(row | {"note": "superseded by g%d.r2" % i})))
            terms.append(Term(f"g{i}.r2", t.zh, t.en + " (new)", status="approved", approved_by="Jing", **row))
        else:  # a title that changed on a date
            terms.append(Term(f"g{i}", t.zh, t.en, status="approved", approved_by="Jing", valid_to=dt.date(2018, 3, 17), **row))
            terms.append(Term(f"g{i}-new", t.zh, t.en + " and Tourism", status="approved", approved_by="Jing", valid_from=dt.date(2018, 3, 18), **row))
        if len(terms) >= n:
            break
    return terms[:n]


def _project(directory: Path) -> Path:
    from l10n.config import EXAMPLE

    (directory / "l10n.toml").write_text(EXAMPLE.replace('translator = ""', 'translator = "Jing"', 1), encoding="utf-8")
    (directory / "glossary").mkdir()
    return directory


def _cli_seconds(project: Path, *args: str, before=None) -> float:
    """Wall time of ``l10n ARGS`` in a fresh process (started as a user starts it); exit 0 required."""
    if before is not None:
        before()
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from l10n.cli import main; main()", *args], cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"l10n {' '.join(args)} failed: {done.stderr}")
    return seconds


def cli_timings(rows: int, entries: int, runs: int) -> dict:
    """The time of ``glossary validate`` on *rows* generated rows and of ``glossary import`` of a *entries*-entry TBX."""
    from l10n.glossary.store import render_csv
    from l10n.glossary.tbx import render_tbx

    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp))
        (project / "glossary" / "generated.csv").write_text(render_csv(glossary_rows(rows, random.Random(41))), encoding="utf-8")
        validate = [_cli_seconds(project, "glossary", "validate") for _ in range(runs)]
        (project / "glossary" / "generated.csv").unlink()
        (project / "partner.tbx").write_text(render_tbx(glossary_rows(entries, random.Random(42))), encoding="utf-8")
        target = project / "glossary" / "partner.csv"
        imports = [_cli_seconds(project, "glossary", "import", "partner.tbx", "--approve", "--by", "Jing",
                                before=lambda: target.unlink(missing_ok=True)) for _ in range(runs)]
        startup = [_cli_seconds(project, "--version") for _ in range(runs)]
    return {
        "validate_rows": rows,
        "validate_s_median": round(statistics.median(validate), 3),
        "import_tbx_entries": entries,
        "import_s_median": round(statistics.median(imports), 3),
        "cli_startup_s_median": round(statistics.median(startup), 3),
        "cli_runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--validate-rows", type=int, default=30_000, help="rows of the generated glossary `glossary validate` checks")
    parser.add_argument("--import-entries", type=int, default=20_000, help="entries of the generated TBX `glossary import` reads")
    parser.add_argument("--cli-runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20241123)
    terms = synthetic_terms(args.terms, rng)
    text = synthetic_text(terms, int(args.mb * 1_000_000), rng)
    glossary = Glossary(terms)
    builds, matches = [], []
    found = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        matcher = glossary.matcher()
        t1 = time.perf_counter()
        found = matcher.find(text)
        t2 = time.perf_counter()
        builds.append(t1 - t0)
        matches.append(t2 - t1)
    match_s = statistics.median(matches)
    print(json.dumps({
        "terms": len(terms),
        "text_bytes": len(text.encode("utf-8")),
        "text_chars": len(text),
        "runs": args.runs,
        "build_s_median": round(statistics.median(builds), 4),
        "match_s_median": round(match_s, 4),
        "matches": len(found),
        "mb_per_s": round(len(text.encode("utf-8")) / 1e6 / match_s, 2),
        **cli_timings(args.validate_rows, args.import_entries, args.cli_runs),
    }, indent=2))


if __name__ == "__main__":
    main()
