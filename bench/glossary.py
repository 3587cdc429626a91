"""Benchmark glossary matching: 10,000 synthetic terms over 1 MB of Chinese text.

Prints JSON: automaton build time and match time (median of several runs), the
number of matches and the throughput. Run: ``python bench/glossary.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
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
    }, indent=2))


if __name__ == "__main__":
    main()
