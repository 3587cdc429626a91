#!/usr/bin/env python3
"""Where drafting's engine requests go, on the tuning half: printed as JSON.

Drafts each line as ``bench/quality.py`` does (``draft_segment``, one line at a time) through
an engine wrapper that sorts every request by why it was asked: the first draft, a retry (and
which QA checks the attempt it retries failed), a clause of the clause-by-clause draft, or a
fragment of leftover Chinese. For each first draft it also records its findings, and whether
the deterministic repairs alone (capitalisation, splices) would have cleared its errors: the
retries a cheaper fix could have saved. Each request's cost is its output tokens and its new
prompt tokens (those past the prefix the previous request left evaluated, which llama.cpp
reuses); on 2 cores a prompt token costs about half an output token's time. Retries that
only repeat the draft they were asked to fix are counted. The drafts are scored as ``bench/quality.py`` scores
them (chrF2, term accuracy), so a change that saves requests shows what it costs. The lines
it is run on are the ones rules are tuned on, so it is refused on the test half
(``bench/devset.py``).

    python bench/calls.py --limit 40 --out /work/bg/calls-tune
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))  # the tree this script is in, not an l10n installed elsewhere
sys.path.insert(0, str(Path(__file__).resolve().parent))
import devset  # noqa: E402


class _Sorting:
    """An engine wrapper recording each request's kind and the tokens it cost."""

    def __init__(self, engine, job_of) -> None:
        self.engine, self.job_of = engine, job_of
        self.name, self.model_id, self.model_sha256 = engine.name, engine.model_id, engine.model_sha256
        self.log: list[dict] = []
        self._last: list[int] = []

    def translate(self, requests, *, n_best: int = 1):
        from l10n.draft.segment import to_fix
        from l10n.quality.qa import check_segment

        from l10n.engines.batch import common_prefix

        replies = self.engine.translate(requests, n_best=n_best)
        for request, hyps in zip(requests, replies):
            entry = {"tokens": sum(h.tokens for h in hyps), "seconds": sum(h.seconds for h in hyps)}
            if hasattr(self.engine, "prompt_tokens"):  # what the prompt costs: its tokens past the cached prefix
                prompt = self.engine.prompt_tokens(request)
                entry["prompt_tokens"] = len(prompt)
                entry["new_prompt_tokens"] = len(prompt) - common_prefix([prompt, self._last])
                self._last = prompt
            entry["kind"] = request.cause  # draft, retry, clause, fragment (l10n.engines.work.CAUSES)
            if request.cause == "fragment":
                entry["phrase"], entry["answer"] = request.source, hyps[0].text if hyps else ""
            elif request.cause == "retry":
                job = self.job_of()
                failed = check_segment(job.source, request.previous or "", job.required)
                entry["repeats_previous"] = bool(hyps) and hyps[0].text.strip() == (request.previous or "").strip()
                entry["checks"] = sorted({f.check for f in to_fix(failed)})
            elif request.cause == "draft":
                entry["text"] = hyps[0].text if hyps else ""
            self.log.append(entry)
        return replies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="first N lines of the tuning half (0: all 124)")
    parser.add_argument("--half", choices=devset.HALVES, default="tune")
    parser.add_argument("--config", type=Path, default=ROOT / "l10n.toml")
    parser.add_argument("--out", type=Path, default=None, help="write per-line records there (lines.jsonl)")
    args = parser.parse_args()
    if args.half != "tune":
        print("Error: bench/calls.py studies the lines rules are tuned on; it runs on the tuning half only.", file=sys.stderr)
        return 2

    from quality import _metrics

    from l10n.acronyms import spell_out_first
    from l10n.config import load_config
    from l10n.draft.confidence import CLAUSES
    from l10n.draft.job import segment_job
    from l10n.draft.repairs import DETERMINISTIC, Candidate, repair
    from l10n.draft.segment import draft_job, to_fix
    from l10n.engines import load_engine
    from l10n.engines.base import Hypothesis
    from l10n.glossary import load_glossary
    from l10n.quality.qa import check_segment
    from l10n.required import matcher_on, requirements, requirements_on

    cfg = load_config(args.config)
    sources = (EVAL / "prc_gov.dev.zh").read_text(encoding="utf-8").splitlines()
    refs = (EVAL / "prc_gov.dev.en").read_text(encoding="utf-8").splitlines()
    keep = devset.indices("tune")[: args.limit or None]
    glossary = load_glossary(cfg)
    matcher = matcher_on(glossary, None)
    engine = load_engine(cfg.default_model, cfg)
    current = {}
    sorting = _Sorting(engine, lambda: current["job"])
    records = []
    t0 = time.perf_counter()
    for n, i in enumerate(keep):
        job = segment_job(sources[i], requirements(sources[i], matcher), max_attempts=cfg.max_attempts)
        current["job"] = job.body() if job.dateline is not None and not job.dateline_only else job
        start = len(sorting.log)
        draft = draft_job(sorting, job)
        calls = sorting.log[start:]
        first = next((c for c in calls if c["kind"] == "draft"), None)
        text = spell_out_first(draft.text, job.required, set())[0] if cfg.spell_out_acronyms else draft.text
        record = {"i": i, "draft": " ".join(text.split()), "attempts": draft.attempts, "calls": [{k: v for k, v in c.items() if k != "text"} for c in calls],
                  "errors_left": sum(f.severity == "error" for f in draft.findings),
                  "repairs": [r.split(":", 1)[0] for r in draft.repairs]}
        if first is not None:
            body = current["job"]
            findings = check_segment(body.source, first["text"].strip(), body.required)
            record["first_draft"] = first["text"].strip()
            record["first_checks"] = sorted({f.check for f in to_fix(findings)})
            if record["first_checks"]:
                fixed = repair(body, None, Candidate(Hypothesis(first["text"]), first["text"].strip(), findings), DETERMINISTIC)
                record["fixed_without_a_call"] = not to_fix(fixed.findings)
        if hasattr(engine, "prompt_tokens"):
            from l10n.engines.base import Request

            record["plain_prompt_tokens"] = len(engine.prompt_tokens(Request(sources[i], plain=True)))
        records.append(record)
        print(f"[{n + 1}/{len(keep)}] {draft.attempts} attempts, {len(calls)} requests {record.get('first_checks', [])}",
              file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "lines.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    kinds = collections.Counter(c["kind"] for r in records for c in r["calls"])
    tokens, prompt_tokens, seconds_by_kind = collections.Counter(), collections.Counter(), collections.Counter()
    for r in records:
        for c in r["calls"]:
            tokens[c["kind"]] += c["tokens"]
            prompt_tokens[c["kind"]] += c.get("new_prompt_tokens", 0)
            seconds_by_kind[c["kind"]] += c["seconds"]
    retry_checks = collections.Counter(ch for r in records for c in r["calls"] if c["kind"] == "retry" for ch in c["checks"])
    first_checks = collections.Counter(ch for r in records for ch in r.get("first_checks", []))
    failing = [r for r in records if r.get("first_checks")]
    lines = len(records)
    scored = _metrics([r["draft"] for r in records], [refs[r["i"]] for r in records], [sources[r["i"]] for r in records],
                      [requirements_on(sources[r["i"]], glossary, None) for r in records])
    print(json.dumps({
        "machine": f"{platform.machine()} cpus={os.cpu_count()}",
        "model": cfg.default_model,
        "half": "tune",
        "lines": lines,
        "seconds": round(seconds, 1),
        "requests_per_segment": round(sum(kinds.values()) / lines, 2),
        "requests_per_segment_by_kind": {k: round(v / lines, 2) for k, v in kinds.most_common()},
        "output_tokens_by_kind": dict(tokens.most_common()),
        "new_prompt_tokens_by_kind": dict(prompt_tokens.most_common()),
        "seconds_by_kind": {k: round(v, 1) for k, v in seconds_by_kind.most_common()},
        "plain_prompt_tokens": sum(r.get("plain_prompt_tokens", 0) for r in records),
        "mean_attempts": round(statistics.mean(r["attempts"] for r in records), 2),
        "first_drafts_failing": len(failing),
        "first_draft_checks": dict(first_checks.most_common()),
        "retries_by_check": dict(retry_checks.most_common()),
        "retries_repeating_the_previous_draft": sum(c.get("repeats_previous", False) for r in records for c in r["calls"]),
        "failing_first_drafts_fixed_without_a_call": sum(r.get("fixed_without_a_call", False) for r in failing),
        "drafts_with_errors_left": sum(r["errors_left"] > 0 for r in records),
        "clause_drafts_kept": sum(CLAUSES in r["repairs"] for r in records),
        "clause_drafts_asked": sum(any(c["kind"] == "clause" for c in r["calls"]) for r in records),
        "quality": {k: scored[k] for k in ("chrF2", "BLEU", "term_accuracy", "terms_checked", "chinese_left_share")},
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
