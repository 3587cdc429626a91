"""Engine throughput, printed as JSON.

1. marian: transformers fp32 vs CTranslate2 int8 on a randomly initialised
   MarianMT the size of opus-mt-zh-en (6+6 layers, d_model 512, 8 heads, FFN
   2048, vocabulary 65,001), same inputs, fixed output length
   (min_length = max_length), side by side in one run; medians and the ratio.
2. llama: the engine (shared system prompt, KV prefix reuse, logprob
   recording) vs a naive one-call-per-sentence loop with the plain prompt, on
   the first --limit lines of prc_gov.dev.zh; segments/s, output tokens/s,
   peak RSS.

    .venv/bin/python bench/engines.py --limit 50
    .venv/bin/python bench/engines.py --skip-llama
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
EVAL = ROOT.parent / "shared" / "eval" / "prc_gov.dev.zh"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_marian(sentences: list[str], *, out_len: int, repeats: int, batch: int) -> dict:
    from tiny_marian import build_tiny_marian

    from l10n.engines.marian import MarianEngine

    work = Path(tempfile.mkdtemp(prefix="bench-marian-"))
    t0 = time.perf_counter()
    model_dir = build_tiny_marian(work / "opus-size", d_model=512, layers=6, heads=8, ffn=2048, vocab_size=65001)
    built = time.perf_counter() - t0
    threads = os.cpu_count() or 1
    t0 = time.perf_counter()
    hf = MarianEngine(model_dir, fast=False, threads=threads, batch_size=batch)
    hf_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ct = MarianEngine(model_dir, fast=True, compute_type="int8", cache=work / "cache", threads=threads, batch_size=batch)
    ct_convert_load = time.perf_counter() - t0

    def run(engine) -> list[float]:
        times = []
        engine.generate(sentences[:batch], beams=1, n_best=1, min_length=out_len)  # warm-up
        for _ in range(repeats):
            t = time.perf_counter()
            for i in range(0, len(sentences), batch):
                outs = engine.generate(sentences[i : i + batch], beams=1, n_best=1, min_length=out_len)
                if any(len(o[0][0]) < out_len for o in outs):
                    raise RuntimeError("output shorter than the fixed length")
            times.append(time.perf_counter() - t)
        return times

    hf_times, ct_times = run(hf), run(ct)
    hf_med, ct_med = statistics.median(hf_times), statistics.median(ct_times)
    n_tokens = len(sentences) * out_len
    return {
        "model": "random MarianMT 6+6 layers, d_model 512, 8 heads, FFN 2048, vocab 65001",
        "sentences": len(sentences),
        "output_tokens_each": out_len,
        "batch_size": batch,
        "repeats": repeats,
        "threads": threads,
        "build_model_s": round(built, 2),
        "transformers_fp32": {
            "load_s": round(hf_load, 2),
            "median_s": round(hf_med, 3),
            "runs_s": [round(t, 3) for t in hf_times],
            "tokens_per_s": round(n_tokens / hf_med, 1),
        },
        "ctranslate2_int8": {
            "convert_and_load_s": round(ct_convert_load, 2),
            "median_s": round(ct_med, 3),
            "runs_s": [round(t, 3) for t in ct_times],
            "tokens_per_s": round(n_tokens / ct_med, 1),
        },
        "speedup_ct2_over_transformers": round(hf_med / ct_med, 2),
    }


def bench_llama(sentences: list[str]) -> dict:
    from l10n import registry
    from l10n.engines.base import Request
    from l10n.engines.llama import LlamaEngine
    from l10n.engines.prompt import build_messages

    entry = registry.get_entry("qwen2.5-coder-1.5b-instruct-q4_k_m")
    path = registry.model_path(entry)
    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    engine = LlamaEngine(path, model_id=entry.id, threads=0)
    load = time.perf_counter() - t0

    # The naive loop: plain prompt, one create_chat_completion per sentence.
    t0 = time.perf_counter()
    naive_tokens = 0
    naive_out = []
    for s in sentences:
        reply = engine.llm.create_chat_completion(
            messages=build_messages(Request(s, plain=True)), temperature=0.0, seed=engine.seed, max_tokens=engine.max_tokens
        )
        naive_tokens += reply["usage"]["completion_tokens"]
        naive_out.append(reply["choices"][0]["message"]["content"])
    naive_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    hyps = engine.translate([Request(s) for s in sentences])
    engine_s = time.perf_counter() - t0
    engine_tokens = sum(h[0].tokens for h in hyps)
    han = sum(any("\u4e00" <= c <= "\u9fff" for c in h[0].text) for h in hyps)
    han_naive = sum(any("\u4e00" <= c <= "\u9fff" for c in t) for t in naive_out)
    return {
        "model": entry.id,
        "sentences": len(sentences),
        "load_s": round(load, 2),
        "naive_plain_prompt": {
            "seconds": round(naive_s, 1),
            "segments_per_s": round(len(sentences) / naive_s, 3),
            "output_tokens_per_s": round(naive_tokens / naive_s, 1),
            "outputs_with_chinese": han_naive,
        },
        "engine": {
            "seconds": round(engine_s, 1),
            "segments_per_s": round(len(sentences) / engine_s, 3),
            "output_tokens_per_s": round(engine_tokens / engine_s, 1),
            "mean_score": round(sum(h[0].score for h in hyps) / len(hyps), 3),
            "outputs_with_chinese": han,
        },
        "peak_rss_mb": round(peak_rss_mb(), 0),
        "peak_rss_mb_before_load": round(rss_before, 0),
        "samples": [{"zh": s, "naive": n.strip()[:200], "engine": h[0].text[:200]} for s, n, h in list(zip(sentences, naive_out, hyps))[:3]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=50, help="sentences of prc_gov.dev.zh for llama (default 50)")
    parser.add_argument("--skip-llama", action="store_true", help="skip the llama part (no weights or library)")
    parser.add_argument("--skip-marian", action="store_true")
    parser.add_argument("--marian-sentences", type=int, default=16)
    parser.add_argument("--out-len", type=int, default=32, help="fixed output length for marian")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)

    lines = [ln.strip() for ln in EVAL.read_text(encoding="utf-8").splitlines() if ln.strip()] if EVAL.exists() else []
    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}}
    if not args.skip_marian:
        sents = (lines or ["会议由市委史志研究室主任李成明主持。"] * 8)[: args.marian_sentences]
        report["marian"] = bench_marian(sents, out_len=args.out_len, repeats=args.repeats, batch=8)
    if not args.skip_llama:
        reason = None
        try:
            import llama_cpp  # noqa: F401
        except ImportError:
            reason = "llama-cpp-python is not installed"
        if reason is None:
            from l10n import registry

            if not registry.is_present(registry.get_entry("qwen2.5-coder-1.5b-instruct-q4_k_m")):
                reason = "weights not pulled (l10n models pull)"
        if reason is None and not lines:
            reason = f"{EVAL} is missing"
        report["llama"] = {"skipped": reason} if reason else bench_llama(lines[: args.limit])
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
