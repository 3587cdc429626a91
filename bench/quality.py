#!/usr/bin/env python3
"""Drafting quality: the full pipeline vs a plain prompt with the same model, in one run.

Prints JSON: BLEU, chrF, TER (sacrebleu, with signatures), term accuracy against the approved
glossary, share of outputs with Chinese left, name accuracy, segments/s — for both systems —
plus chrF/BLEU deltas and paired-bootstrap p-values. Hypotheses are saved with --out. The
pipeline's drafts are also scored before their acronyms are spelled out at first mention
(``pipeline_acronyms_as_drafted``), to show what that house-style post-edit changes.

On ``prc_gov.dev`` it reports the **test half** by default (``bench/devset.py``: the lines from
newstest2019–generaltest2023, which no rule was tuned on); ``--half tune`` or ``all`` for the
others. Beside recall of names it reports their precision (the share of romanised names the
reference confirms), the outputs holding Pinyin of ordinary words, and how well the drafts'
confidence ranks them: the ROC AUC of confidence for telling drafts with sentence chrF below
40 from the rest.

    python bench/quality.py --limit 50
    python bench/quality.py --model opus-mt-zh-en --src ../shared/eval/newstest2019.zh --ref ../shared/eval/newstest2019.en
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))  # the tree this script is in, not an l10n installed elsewhere
sys.path.insert(0, str(Path(__file__).resolve().parent))
import devset  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=EVAL / "prc_gov.dev.zh")
    parser.add_argument("--ref", type=Path, default=EVAL / "prc_gov.dev.en")
    parser.add_argument("--half", choices=devset.HALVES, default="test", help="which half of prc_gov.dev (bench/devset.py); other sets are used whole")
    parser.add_argument("--limit", type=int, default=0, help="first N lines only (0: all)")
    parser.add_argument("--model", default=None, help="registry model id (default: l10n.toml's)")
    parser.add_argument("--config", type=Path, default=ROOT / "l10n.toml")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "quality", help="where per-line results go (lines.jsonl); a rerun resumes there")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--baseline-from", type=Path, default=None,
                        help="take the plain prompt's outputs and seconds from this earlier run's --out (same model, set and half; "
                             "greedy decoding gives the same text) instead of translating them again; the report says so")
    parser.add_argument("--report-only", action="store_true", help="report on the lines done so far, translate nothing")
    parser.add_argument("--fresh", action="store_true", help="discard the lines done in --out (needed when model, glossary or test set changed)")
    args = parser.parse_args()

    from l10n.acronyms import spell_out_first
    from l10n.config import load_config
    from l10n.draft import draft_segment
    from l10n.engines.base import Request
    from l10n.glossary import load_glossary
    from l10n.required import matcher_on, requirements, requirements_on

    cfg = load_config(args.config)
    sources = args.src.read_text(encoding="utf-8").splitlines()
    refs = args.ref.read_text(encoding="utf-8").splitlines()
    half = args.half if args.src.resolve() == (EVAL / "prc_gov.dev.zh").resolve() else "all"
    keep = devset.indices(half) if half != "all" else range(len(sources))
    sources, refs = [sources[i] for i in keep], [refs[i] for i in keep]
    if args.limit:
        sources, refs = sources[: args.limit], refs[: args.limit]
    glossary = load_glossary(cfg)
    matcher = matcher_on(glossary, None)  # the lines have no bulletin date: terms of any day
    required = [requirements(s, matcher) for s in sources]  # what drafting is given (it adds a dateline's own)
    scored = [requirements_on(s, glossary, None) for s in sources]  # what each line requires, as `l10n check` sees it
    model_id = args.model or cfg.default_model

    # One JSON line per source line: a killed run resumes, and a partial run can be reported.
    meta = {"src": str(args.src), "half": half, "model": model_id, "glossary_revision": glossary.revision, "baseline": not args.skip_baseline}
    earlier = {}
    if args.baseline_from is not None:
        theirs = json.loads((args.baseline_from / "meta.json").read_text())
        if any(theirs.get(k) != meta[k] for k in ("src", "half", "model")) or not theirs.get("baseline"):
            print(f"{args.baseline_from} holds no plain outputs of this model, set and half.", file=sys.stderr)
            return 2
        for line in (args.baseline_from / "lines.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            earlier[record["i"]] = {"plain": record["plain"], "plain_s": record["plain_s"]}
        meta["baseline_from"] = str(args.baseline_from)
    args.out.mkdir(parents=True, exist_ok=True)
    meta_path, lines_path = args.out / "meta.json", args.out / "lines.jsonl"
    if args.fresh or not meta_path.exists():
        if not args.report_only:
            meta_path.write_text(json.dumps(meta))
            lines_path.write_text("")
    elif json.loads(meta_path.read_text()) != meta and not args.report_only:
        print(f"{args.out} holds lines of another setup ({meta_path.read_text()}); pass --fresh to discard them or another --out.", file=sys.stderr)
        return 2
    if not lines_path.exists():
        lines_path.write_text("")
    done = {}
    for line in lines_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        done[record["i"]] = record

    engine = None
    with lines_path.open("a", encoding="utf-8") as log:
        for i, source in enumerate(sources):
            if i in done or args.report_only:
                continue
            if engine is None:
                from l10n.engines import load_engine

                engine = load_engine(model_id, cfg)
            record = {"i": i}
            # The two systems alternate line by line, so machine load affects both alike.
            if i in earlier:
                record |= earlier[i]
            elif not args.skip_baseline:
                t = time.perf_counter()
                hyp = engine.translate([Request(source, plain=True)])[0][0]
                record["plain_s"] = time.perf_counter() - t
                record["plain"] = _one_line(hyp.text)
            t = time.perf_counter()
            draft = draft_segment(engine, source, required[i], max_attempts=cfg.max_attempts)
            # Each line is a body sentence of its own news item, so its acronyms are at their first
            # mention, in brackets only if the line uses them again; the draft before that last
            # post-edit is kept to show what it changes.
            text = spell_out_first(draft.text, required[i], set())[0] if cfg.spell_out_acronyms else draft.text
            record["pipeline_s"] = time.perf_counter() - t
            record["pipeline"] = _one_line(text)
            record["pipeline_acronyms_as_drafted"] = _one_line(draft.text)
            record["attempts"] = draft.attempts
            record["confidence"] = None if math.isnan(draft.confidence) else round(draft.confidence, 4)
            record["model_confidence"] = None if math.isnan(draft.model_confidence) else round(draft.model_confidence, 4)  # bench/confidence.py
            record["repairs"] = list(draft.repairs)
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
            log.flush()
            done[i] = record
            print(f"[{i + 1}/{len(sources)}] {draft.text[:100]}", file=sys.stderr, flush=True)

    order = sorted(done)
    if not order:
        print("no lines done yet", file=sys.stderr)
        return 1
    refs_done = [refs[i] for i in order]
    sources_done = [sources[i] for i in order]
    required_done = [scored[i] for i in order]
    report = {
        "machine": f"{platform.machine()} cpus={os.cpu_count()}",
        "model": model_id,
        "glossary_revision": glossary.revision,
        "src": str(args.src),
        "half": half,
        "lines": len(order),
        "of_lines": len(sources),
        "systems": {},
    }
    if args.baseline_from is not None:
        report["plain_taken_from"] = str(args.baseline_from)  # its seconds were measured in that run
    names = [n for n in ("plain", "pipeline", "pipeline_acronyms_as_drafted") if n in done[order[0]]]
    systems = {name: [done[i][name] for i in order] for name in names}
    for name, hyps in systems.items():
        seconds = [done[i][f"{name.split('_')[0]}_s"] for i in order]
        report["systems"][name] = _metrics(hyps, refs_done, sources_done, required_done) | {
            "segments_per_s": round(len(hyps) / sum(seconds), 3),
            "median_s_per_segment": round(statistics.median(seconds), 3),
        }
    report["systems"]["pipeline"]["mean_attempts"] = round(statistics.mean(done[i]["attempts"] for i in order), 3)
    report["systems"]["pipeline"]["confidence_ranking"] = _confidence_auc(
        systems["pipeline"], refs_done, [done[i].get("confidence") for i in order])
    if "plain" in systems:
        p, b = report["systems"]["pipeline"], report["systems"]["plain"]
        report["delta"] = {"chrF2": round(p["chrF2"] - b["chrF2"], 2), "BLEU": round(p["BLEU"] - b["BLEU"], 2)}
        report["speed_ratio_pipeline_over_plain"] = round(p["segments_per_s"] / b["segments_per_s"], 3)
        report["paired_bootstrap"] = _paired(systems["plain"], systems["pipeline"], refs_done)
    for name, hyps in systems.items():
        (args.out / f"{name}.en").write_text("\n".join(hyps) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _metrics(hyps, refs, sources, required) -> dict:
    from l10n.lexicon import HAN_RUN
    from l10n.names import romanize_name
    from l10n.quality.score import corpus_scores, term_accuracy

    out = {}
    for metric in corpus_scores(hyps, refs):
        out[metric.name] = round(metric.score, 2)
        out[f"{metric.name}_signature"] = metric.signature
    terms = term_accuracy(hyps, required)  # the gate's and `l10n score`'s formula
    out["term_accuracy"] = round(terms.value, 4) if terms.value is not None else None
    out["terms_checked"] = terms.total
    out["chinese_left_share"] = round(sum(bool(HAN_RUN.search(h)) for h in hyps) / len(hyps), 4)
    # Names count when the reference confirms the romanisation (its surname appears there).
    confirmed = [[r for r in rs if r.kind == "name" and r.target.split()[0] in ref] for rs, ref in zip(required, refs)]
    names = term_accuracy(hyps, confirmed, kinds=("name",))
    out["name_recall"] = round(names.value, 4) if names.value is not None else None
    out["names_checked"] = names.total
    # Precision: of the names the draft romanises as the pipeline found them, the share the
    # reference confirms: it writes the whole romanisation (letters compared without case or
    # spaces), or the surname as a word of its own when that is not an English word ("Xi" of
    # "President Xi", not "He" of "He said"). A Vietnamese person the draft writes in their own
    # spelling, as issue 18 asks (阮文平: Nguyen Van Binh), is confirmed where the reference
    # writes the same characters' Chinese Pinyin instead ("Ruan Wenping"): it names the person.
    romanised = [(r, ref) for rs, ref, hyp in zip(required, refs, hyps) for r in rs if r.kind == "name" and r.target in hyp]
    unconfirmed = [r.target for r, ref in romanised
                   if not (_name_confirmed(r.target, ref) or _name_confirmed(romanize_name(r.source), ref))]
    out["name_precision"] = round(1 - len(unconfirmed) / len(romanised), 4) if romanised else None
    out["names_romanised"] = len(romanised)
    out["names_unconfirmed"] = sorted(set(unconfirmed))
    pinyin = [_pinyin_of_words(h, s, ref) for h, s, ref in zip(hyps, sources, refs)]
    out["pinyin_of_non_names"] = sum(bool(p) for p in pinyin)
    out["pinyin_of_non_names_examples"] = sorted({w for p in pinyin for w in p})[:30]
    return out


def _name_confirmed(name: str, ref: str) -> bool:
    from l10n.names import is_common_english

    surname = name.split()[0]
    if _letters(name) in _letters(ref):
        return True
    return bool(re.search(rf"\b{re.escape(surname)}\b", ref)) and not is_common_english(surname)


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _pinyin_of_words(hyp: str, source: str, ref: str) -> list[str]:
    """Words of *hyp* that are the toneless Pinyin of an ordinary word of *source* (CC-CEDICT
    lists it in lower case) and that the reference does not write: Pinyin standing in for a
    translation ("Jianchi" for 坚持), not a name."""
    from pypinyin import lazy_pinyin

    from l10n.lexicon import HAN_RUN
    from l10n.names import _common_word

    words = {_letters(w): w for w in re.findall(r"[A-Za-zÀ-ž']{4,}", hyp)}
    ref_letters = _letters(ref)
    found = []
    for run in HAN_RUN.findall(source):
        for i in range(len(run)):
            for j in range(i + 2, min(len(run), i + 6) + 1):
                word = run[i:j]
                key = "".join(lazy_pinyin(word, v_to_u=False)).replace("ü", "u")
                if key in words and key not in ref_letters and _common_word(word):
                    found.append(words[key])
    return found


def _confidence_auc(hyps: list[str], refs: list[str], confidence: list) -> dict:
    """ROC AUC of confidence for telling drafts with sentence chrF < 40 from the rest: the
    chance that a good draft is more confident than a bad one (ties count half)."""
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    scored = [(c, chrf.sentence_score(h, [r]).score) for h, r, c in zip(hyps, refs, confidence) if c is not None]
    bad = [c for c, s in scored if s < 40]
    good = [c for c, s in scored if s >= 40]
    if not bad or not good:
        return {"auc": None, "bad": len(bad), "good": len(good)}
    wins = sum((g > b) + 0.5 * (g == b) for g in good for b in bad)
    return {"auc": round(wins / (len(good) * len(bad)), 4), "bad": len(bad), "good": len(good),
            "median_confidence_bad": round(statistics.median(bad), 4), "median_confidence_good": round(statistics.median(good), 4)}


def _paired(baseline: list[str], system: list[str], refs: list[str]) -> dict:
    from l10n.quality.score import paired_bootstrap

    return {c.name: {"p_value": c.p_value, "mean": c.mean, "ci": c.ci} for c in paired_bootstrap(system, baseline, refs)}


if __name__ == "__main__":
    sys.exit(main())
