#!/usr/bin/env python3
"""How well drafts' confidence ranks them, recomputed offline from a ``bench/quality.py`` run.

Reads the run's ``lines.jsonl`` (and the ``meta.json`` beside it: which half of ``prc_gov.dev``),
recomputes each draft's QA findings as ``l10n check`` sees them, and prints JSON: the ROC AUC
of confidence for telling drafts with sentence chrF < 40 from the rest (``bench/quality.py``'s
``_confidence_auc``) for the model's probability alone (``model``) and for
:func:`l10n.draft.confidence.draft_confidence` (``combined``), with the constants used.

A line of a run from before the combined confidence has the model's probability as its
``confidence``; a later one has it as ``model_confidence``. A leftover the older pipeline
replaced by run-together Pinyin ("初心 → chuxin") is counted as the gap today's pipeline
leaves when the fragment cannot be translated (the worse case: the fragment is now asked with
its sentence as context, which may succeed).

    python bench/confidence.py /work/bg/before-tune            # report, constants of l10n/draft/confidence.py
    python bench/confidence.py /work/bg/before-tune --tune     # grid search; refused on the test half

Tune only on the tuning half (``bench/devset.py``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import devset  # noqa: E402
from quality import EVAL, _confidence_auc  # noqa: E402

GRID = {
    "error": (0.05, 0.1, 0.25, 0.5, 1.0),
    "warning": (0.02, 0.05, 0.1, 0.25, 0.5),
    "repair": (0.05, 0.1, 0.25, 0.5, 1.0),
    "attempt": (0.0, 0.05, 0.1, 0.2, 0.4),
    "unfixed_cost": (0.0, 1.0, 2.0, 4.0, 6.0, 8.0),
    "quoted": (0.0, 0.2, 0.5, 1.0),
}
"""The constants tried; an error must cost more than a warning and every finding and repair
something (what the confidence promises a reviewer, whatever a small tuning set says)."""


def load(run: Path) -> tuple[str, list[dict]]:
    """The half a run drafted and its records, each with the source, reference and draft."""
    lines = run / "lines.jsonl" if run.is_dir() else run
    meta = json.loads((lines.parent / "meta.json").read_text(encoding="utf-8"))
    half = meta.get("half", "all")
    sources = (EVAL / "prc_gov.dev.zh").read_text(encoding="utf-8").splitlines()
    refs = (EVAL / "prc_gov.dev.en").read_text(encoding="utf-8").splitlines()
    keep = devset.indices(half) if half != "all" else range(len(sources))
    sources, refs = [sources[i] for i in keep], [refs[i] for i in keep]
    records = []
    for line in lines.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record["source"], record["reference"] = sources[record["i"]], refs[record["i"]]
        records.append(record)
    return half, records


def _legacy_pinyin_as_gap(text: str, repairs: list[str]) -> tuple[str, list[str]]:
    """*text* and *repairs* with each older run-together-Pinyin leftover counted as a gap."""
    from pypinyin import lazy_pinyin

    from l10n.lexicon import HAN_RUN
    from l10n.quality.qa import gap

    out = []
    for repair in repairs:
        old, sep, new = repair.partition(" → ")
        guessed = "".join(lazy_pinyin(old, v_to_u=True))
        if sep and HAN_RUN.fullmatch(old) and new.lower() == guessed.lower():
            text = text.replace(new, gap(None), 1)
            repair = f"{old} → {gap(None)}"
        out.append(repair)
    return text, out


def features(records: list[dict]) -> list[dict]:
    """Per record: the model's probability, the findings recomputed, the repairs and attempts,
    and the sentence chrF of the draft scored by ``bench/quality.py``."""
    from sacrebleu.metrics import CHRF

    from l10n.config import load_config
    from l10n.glossary import load_glossary
    from l10n.quality.qa import check_segment
    from l10n.draft.confidence import free_quotes, unfixed_share
    from l10n.required import requirements_on

    glossary = load_glossary(load_config(ROOT / "l10n.toml"))
    chrf = CHRF()
    out = []
    for r in records:
        model = r.get("model_confidence", r.get("confidence"))
        text = r.get("pipeline_acronyms_as_drafted", r["pipeline"])
        text, repairs = _legacy_pinyin_as_gap(text, list(r.get("repairs", [])))
        required = requirements_on(r["source"], glossary)
        findings = check_segment(r["source"], text, required)
        out.append({"i": r["i"], "model": model, "findings": findings, "repairs": repairs, "attempts": r.get("attempts", 1),
                    "unfixed": unfixed_share(r["source"], required), "quotes": free_quotes(r["source"], required),
                    "hypothesis": r["pipeline"], "reference": r["reference"],
                    "chrf": chrf.sentence_score(r["pipeline"], [r["reference"]]).score})
    return out


def auc(rows: list[dict], **constants) -> dict:
    from l10n.draft.confidence import draft_confidence

    confidence = [None if f["model"] is None else draft_confidence(f["model"], f["findings"], f["repairs"], f["attempts"], f["unfixed"], f["quotes"], **constants)
                  for f in rows]
    return _confidence_auc([f["hypothesis"] for f in rows], [f["reference"] for f in rows], confidence)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path, help="a bench/quality.py --out folder (or its lines.jsonl)")
    parser.add_argument("--tune", action="store_true", help="grid-search the constants (tuning half only)")
    args = parser.parse_args()

    from l10n.draft import confidence as module

    half, records = load(args.run)
    rows = features(records)
    current = {"error": module.ERROR, "warning": module.WARNING, "repair": module.REPAIR, "attempt": module.ATTEMPT,
               "unfixed_cost": module.UNFIXED, "quoted": module.QUOTED}
    report = {
        "run": str(args.run),
        "half": half,
        "lines": len(rows),
        "model": auc(rows, error=0, warning=0, repair=0, attempt=0, unfixed_cost=0, quoted=0),
        "combined": auc(rows, **current) | {"constants": current},
    }
    if any("model_confidence" in r for r in records):
        report["recorded"] = _confidence_auc([r["pipeline"] for r in records], [r["reference"] for r in records],
                                             [r.get("confidence") for r in records])
    if args.tune:
        if half != "tune":
            print(f"Error: {args.run} holds the {half} half; constants are tuned on the tuning half only.", file=sys.stderr)
            return 2
        scored = []
        for values in itertools.product(*GRID.values()):
            constants = dict(zip(GRID, values))
            if constants["error"] <= constants["warning"]:
                continue
            scored.append((auc(rows, **constants)["auc"] or 0.0, -sum(values), constants))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        report["tuned"] = [{"auc": a, "constants": c} for a, _, c in scored[:10]]
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
