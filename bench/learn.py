#!/usr/bin/env python3
"""``glossary learn`` on the dev set, as a simulation of reviewers (issue 43).

The tuning half's pipeline drafts (a ``bench/quality.py --half tune --out DIR`` run) stand for
the machine's drafts, its human references for the approved texts. :func:`l10n.glossary.learn.learn`
proposes glossary rows from the corrections that recur; a proposal is **right** when the
reference of every other dev line holding its Chinese (all 278 lines but its evidence) contains
its English, **wrong** when one does not, and **unverifiable** when no other line holds it.
Prints JSON: the proposals with their evidence and verdicts, and the precision over the
verifiable ones. ``--rows FILE`` writes the proposals as approved glossary rows, for a
``bench/quality.py`` run on the test half with them approved (what approving them changes).

    python bench/quality.py --half tune --skip-baseline --out out/tune
    python bench/learn.py --drafts out/tune --rows out/learned.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))  # the tree this script is in, not an l10n installed elsewhere
sys.path.insert(0, str(Path(__file__).resolve().parent))
import devset  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=Path, required=True, help="a bench/quality.py --out folder of the tuning half (lines.jsonl)")
    parser.add_argument("--at-least", type=int, default=2, help="entries a correction must recur in (default 2)")
    parser.add_argument("--config", type=Path, default=ROOT / "l10n.toml")
    parser.add_argument("--rows", type=Path, default=None, help="write the proposals here as approved glossary CSV rows")
    args = parser.parse_args()

    from l10n.config import load_config
    from l10n.glossary import FIELDS, load_glossary
    from l10n.glossary.learn import Reviewed, learn

    meta = json.loads((args.drafts / "meta.json").read_text(encoding="utf-8"))
    half = meta.get("half", "tune")
    keep = devset.indices(half)
    sources = (EVAL / "prc_gov.dev.zh").read_text(encoding="utf-8").splitlines()
    refs = (EVAL / "prc_gov.dev.en").read_text(encoding="utf-8").splitlines()
    entries = []
    for line in (args.drafts / "lines.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        n = keep[record["i"]]
        entries.append(Reviewed("dev", str(n), sources[n], record["pipeline"], refs[n]))
    glossary = load_glossary(load_config(args.config))
    proposals = learn(entries, glossary, at_least=args.at_least)

    verdicts = []
    for p in proposals:
        evidence = {int(c.context) for c in p.evidence}
        others = [n for n, zh in enumerate(sources) if p.zh in zh and n not in evidence]
        right = [n for n in others if p.en.lower() in refs[n].lower()]
        verdict = "unverifiable" if not others else "right" if len(right) == len(others) else "wrong"
        verdicts.append({**p.to_dict(), "other_lines": others, "confirmed_by": right, "verdict": verdict})
    verifiable = [v for v in verdicts if v["verdict"] != "unverifiable"]
    report = {
        "drafts": str(args.drafts), "half": half, "entries": len(entries),
        "reviewed_changed": sum(1 for e in entries if e.machine != e.approved), "at_least": args.at_least,
        "proposals": len(proposals), "verifiable": len(verifiable),
        "right": sum(1 for v in verifiable if v["verdict"] == "right"),
        "precision": round(sum(1 for v in verifiable if v["verdict"] == "right") / len(verifiable), 3) if verifiable else None,
        "list": verdicts,
    }
    if args.rows is not None:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(FIELDS)
        for i, p in enumerate(proposals, 1):
            writer.writerow([f"learned-{i}", p.zh, p.en, p.category, "approved", "", "", "", p.note(), "bench/learn.py", "bench/learn.py", ""])
        args.rows.parent.mkdir(parents=True, exist_ok=True)
        args.rows.write_text(out.getvalue(), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
