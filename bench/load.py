"""Drafting speed when another program takes a core, printed as JSON.

The default model is loaded once. For each thread setting (``fixed``: every core, the old
``threads = 0``; ``adaptive``: the cores other programs leave free, looked at before each batch,
the new ``threads = 0``, :mod:`l10n.engines.threads`) and each condition (``idle``; ``busy``:
``python3 -c 'while True: pass'`` started by this script and stopped after), it drafts

1. one prompt (the example bulletin's first body sentence, plain prompt, greedy): output tokens/s;
2. the example bulletin, as ``l10n draft`` does (``draft_catalog`` in a throw-away project with
   the repository's glossary, the model already loaded): seconds and segments/s;
3. the test half's first ``--lines`` lines (bench/devset.py), the pipeline as bench/engines.py runs
   it (chunks of 8 segments' attempts together): segments/s.

Conditions alternate within a setting (idle, busy, idle, busy … for ``--repeats``) and the figures
are medians; the ratios busy/idle are the targets of issue 45 (busy ≥ 0.6 × idle; adaptive's idle
within 5 % of fixed's idle).

    .venv-llama/bin/python bench/load.py                 # L10N_CACHE_DIR must hold the default model
    .venv-llama/bin/python bench/load.py --lines 10 --skip-bulletin
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
EVAL = ROOT.parent / "shared" / "eval" / "prc_gov.dev.zh"


@contextlib.contextmanager
def busy_core(on: bool):
    """One process spinning on a core while the block runs (nothing when *on* is false)."""
    if not on:
        yield
        return
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)  # running before the work starts
        yield
    finally:
        spinner.kill()
        spinner.wait()


def one_prompt(engine, sentence: str) -> dict:
    from l10n.engines.base import Request
    from l10n.engines.prompt import build_messages

    engine.follow_the_load()  # as translate() does before each batch
    t0 = time.perf_counter()
    reply = engine.llm.create_chat_completion(messages=build_messages(Request(sentence, plain=True)), temperature=0.0,
                                              seed=engine.seed, max_tokens=engine.max_tokens)
    seconds = time.perf_counter() - t0
    tokens = reply["usage"]["completion_tokens"]
    return {"seconds": seconds, "tokens": tokens, "tokens_per_s": tokens / seconds, "threads": engine.threads}


def example_bulletin(engine) -> dict:
    """Draft examples/bulletin.txt in a throw-away copy of this repository's project."""
    from l10n.config import load_config
    from l10n.draft import draft_catalog
    from l10n.ingest import ingest

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        for name in ("l10n.toml", "glossary", "models"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
        cfg = load_config(work / "l10n.toml")
        slug = ingest(ROOT / "examples" / "bulletin.txt", template_path_for=cfg.template_path, slug="example").bulletin.slug
        t0 = time.perf_counter()
        summary = draft_catalog(cfg, slug, engine_factory=lambda: engine)
        seconds = time.perf_counter() - t0
        segments = summary.drafted + summary.reused + summary.deduped
        return {"seconds": seconds, "segments": segments, "segments_per_s": segments / seconds, "threads": engine.threads}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_lines(engine, sentences: list[str], required: list, max_attempts: int) -> dict:
    from engines import _pipeline

    _, figures = _pipeline(engine, sentences, required, max_attempts=max_attempts, chunk=8)
    return {"seconds": figures["seconds"], "segments_per_s": figures["segments_per_s"], "threads": engine.threads}


def median_of(runs: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=20, help="test-half lines drafted (0: none)")
    parser.add_argument("--repeats", type=int, default=1, help="idle/busy pairs per setting (medians reported)")
    parser.add_argument("--skip-bulletin", action="store_true", help="do not draft the example bulletin")
    parser.add_argument("--settings", default="fixed,adaptive", help="comma-separated: fixed, adaptive")
    args = parser.parse_args()

    from devset import indices

    from l10n import registry
    from l10n.config import load_config
    from l10n.engines.llama import LlamaEngine
    from l10n.engines.threads import usable_cores
    from l10n.glossary import load_glossary
    from l10n.required import matcher_on, requirements

    cfg = load_config(ROOT / "l10n.toml")
    lines = EVAL.read_text(encoding="utf-8").splitlines()
    sentences = [lines[i] for i in indices("test")[: args.lines]]
    matcher = matcher_on(load_glossary(cfg), None)
    required = [requirements(s, matcher) for s in sentences]
    entry = registry.get_entry(cfg.default_model)
    cores = usable_cores()
    engine = LlamaEngine(registry.model_path(entry), model_id=entry.id, threads=0)
    sentence = (ROOT / "examples" / "bulletin.txt").read_text(encoding="utf-8").split("。")[0] + "。"

    results: dict = {}
    for setting in args.settings.split(","):
        runs: dict[str, dict[str, list]] = {"idle": {}, "busy": {}}
        for _ in range(args.repeats):
            for condition in ("idle", "busy"):
                engine.adaptive = setting == "adaptive"
                if not engine.adaptive:
                    engine.use_threads(cores)
                with busy_core(condition == "busy"):
                    runs[condition].setdefault("prompt", []).append(one_prompt(engine, sentence))
                    if not args.skip_bulletin:
                        runs[condition].setdefault("bulletin", []).append(example_bulletin(engine))
                    if sentences:
                        runs[condition].setdefault("lines", []).append(test_lines(engine, sentences, required, cfg.max_attempts))
        out: dict = {}
        for condition, measured in runs.items():
            out[condition] = {
                "prompt_tokens_per_s": median_of(measured["prompt"], "tokens_per_s"),
                "prompt_threads": [r["threads"] for r in measured["prompt"]],
                **({"bulletin_seconds": median_of(measured["bulletin"], "seconds"),
                    "bulletin_segments_per_s": median_of(measured["bulletin"], "segments_per_s"),
                    "bulletin_threads_at_end": [r["threads"] for r in measured["bulletin"]]} if "bulletin" in measured else {}),
                **({"lines_segments_per_s": median_of(measured["lines"], "segments_per_s"),
                    "lines_threads_at_end": [r["threads"] for r in measured["lines"]]} if "lines" in measured else {}),
            }
        ratio = lambda key: round(out["busy"][key] / out["idle"][key], 2) if key in out["idle"] else None
        out["busy_over_idle"] = {k: ratio(k) for k in ("prompt_tokens_per_s", "bulletin_segments_per_s", "lines_segments_per_s")
                                 if k in out["idle"]}
        results[setting] = out
    if "fixed" in results and "adaptive" in results:
        results["adaptive_idle_over_fixed_idle"] = {
            k: round(results["adaptive"]["idle"][k] / results["fixed"]["idle"][k], 3)
            for k in ("prompt_tokens_per_s", "bulletin_segments_per_s", "lines_segments_per_s") if k in results["fixed"]["idle"]}
    print(json.dumps({
        "machine": f"{platform.machine()}, {cores} cores ({os.cpu_count()} online), {platform.processor() or platform.platform()}",
        "model": entry.id, "lines": len(sentences), "repeats": args.repeats, "results": results,
    }, indent=2))


if __name__ == "__main__":
    main()
