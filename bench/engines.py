"""Engine throughput, printed as JSON.

1. marian: transformers fp32 vs CTranslate2 int8 on a randomly initialised
   MarianMT the size of opus-mt-zh-en (6+6 layers, d_model 512, 8 heads, FFN
   2048, vocabulary 65,001), same inputs, fixed output length
   (min_length = max_length), side by side in one run; medians and the ratio.
2. llama, on the first --limit lines of prc_gov.dev.zh, one model loaded once:
   a plain one-call-per-sentence loop (plain prompt, create_chat_completion);
   the pipeline (draft_segment with the glossary's requirements, enforcement and
   repair, as bench/quality.py calls it) with batching off (one segment at a
   time) and on (a chunk of --chunk segments' attempts asked together, decoded
   --batch at a time, as ``l10n draft`` does); engine calls and requests per
   segment, how many drafts differ between the two; output tokens/s of batched
   greedy decoding at batch 1, 2, 4, 8 on the same prompts (median of --repeats);
   whether batched greedy equals the one-at-a-time path on the first drafts;
   peak RSS. For the plain loop and the pipeline, where a segment's time goes
   (``per_segment``): requests, prompt tokens (reused from the KV cache, prefilled), tokens
   generated, seconds inside llama.cpp and in Python around it (l10n.engines.work.EngineWork), and
   the same for the batched path (its shared prefix counted as reused by all but the first).

    .venv/bin/python bench/engines.py --skip-marian --limit 50

Measured 2026-12-08 at 746be6c on 2 cores with nothing else running (load average 1.3 at the start, from the run before;
``--skip-marian --limit 50 --repeats 1 --lookup 0 --sweep 1 --sweep-prompts 2``, threads = 0):
plain loop 0.442 segments/s, the pipeline 0.299 one at a time (0.68×) and 0.315 batched (batch 4,
chunk 8; 0.71×); chrF2 48.02, 56.33, 56.95; term accuracy 0.23, 1.00, 1.00. A segment of the plain
loop: 1 request, 51 prompt tokens prefilled (31 reused), 67 generated, 2.26 s in llama.cpp; of the
pipeline one at a time: 1.92 requests (draft 1.00, retry 0.10, clause 0.82), 116 prefilled (421
of 538 reused), 82.5 generated, 3.26 s in llama.cpp, 0.08 s in Python; batched: 2.10 requests
(draft 1.00, retry 0.12, clause 0.98), 125 prefilled, 86 generated, 3.14 s. The overhead is the
clause-by-clause drafts of the segments that still have an error after their attempts (on the
tuning half, bench/calls.py, 4 of the 5 asked were kept: they fix a term or a number), not Python.

Measured 2026-12-07 at this commit on 2 idle cores (threads = 0, now the free cores), the test
half's first 20 lines (``--skip-marian --limit 20 --repeats 1 --lookup 0 --sweep 1
--sweep-prompts 2``): plain loop 0.369 segments/s, the pipeline 0.285 one at a time (0.77×) and
0.346 batched (batch 4, chunk 8; 0.94×); chrF2 46.22, 58.55, 59.03; term accuracy 0.18, 1.00,
1.00. A segment of the plain loop: 1 request, 85 prompt tokens (30 reused, 55 prefilled), 84
generated, 2.71 s in llama.cpp, 0.00 s in Python; of the pipeline one at a time: 1.9 requests,
531 prompt tokens (412 reused, 119 prefilled), 88.5 generated, 3.42 s in llama.cpp, 0.09 s in
Python: its overhead is the second request (a retry or repair) and twice the prefill, not Python.
The same on the first 50 lines (``--limit 50``): plain 0.435 segments/s, pipeline 0.270 one at a
time (0.62×) and 0.323 batched (0.74×); chrF2 48.02, 56.33, 56.95; term accuracy 0.23, 1.00, 1.00;
a segment of the plain loop 1 request, 51 tokens prefilled, 67 generated, 2.30 s; of the pipeline
one at a time 1.92 requests, 116 prefilled (421 of 538 reused), 82.5 generated, 3.62 s, 0.08 s Python.
    .venv/bin/python bench/engines.py --skip-llama

Measured 2026-12-01 on 2 idle cores, the test half's first 50 lines (``--skip-marian
--repeats 1``, commit e73c0b5): plain loop 0.304 segments/s; pipeline 0.139 with batching off,
0.150 on (batch 4, chunk 8; ratios 0.46 and 0.49); chrF2 48.02 plain, 55.82 off, 56.15 on;
term accuracy 0.235, 0.975, 0.988; engine calls per segment 2.02 → 0.98, requests 3.22 → 3.18;
batched output tokens/s 19.1, 17.9, 19.3, 21.0 at batch 1, 2, 4, 8; prompt-lookup decoding
(4 draft tokens) 0.5x the speed without it; peak RSS 5.2 GB (two models loaded for the lookup).

Again at e8b2b0b (retries as a follow-up turn, since reverted), ``--skip-marian --repeats 1 --lookup 0``, idle:
plain loop 0.287 segments/s; pipeline 0.146 with batching off, 0.145 on (ratio 0.51 both);
chrF2 48.02, 55.66, 55.56; term accuracy 0.235, 0.975, 0.963; 3.14 and 3.30 requests a segment;
batched output tokens/s 17.0, 18.5, 21.3, 22.1 at batch 1, 2, 4, 8; one ``llama_decode`` of 1,
2, 4, 8 tokens took 39.7, 76.6, 120.4, 250.6 ms with every token's logits (34.5, 58.1, 89.4,
184.4 with the last's only): verifying three speculated tokens costs three steps, so prompt
lookup would pay only if nearly every guess were right; peak RSS 2.8 GB.

At 5128b9e (fewer retries, the fragment's answer started by the engine), same command: plain
loop 0.286 segments/s; pipeline 0.124 off, 0.134 on (ratios 0.43, 0.47); chrF2 48.02, 55.79,
56.03; term accuracy 0.235, 0.975, 0.988; 3.08 and 3.04 requests a segment; output tokens/s 16.5,
17.2, 20.0, 19.3 at batch 1, 2, 4, 8. This machine ran slower than before during the run (one
``llama_decode`` of 1 token took 45 ms, 40 before), so runs of different days do not compare:
interleaved with the code before in one run the pipeline took 12 % less time (docs/benchmarks-history.md).
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
sys.path.insert(0, str(ROOT / "bench"))
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


class _Counting:
    """An engine wrapper counting translate() calls and the requests in them."""

    def __init__(self, engine) -> None:
        self.engine, self.calls, self.requests = engine, 0, 0
        self.name, self.model_id, self.model_sha256 = engine.name, engine.model_id, engine.model_sha256

    def translate(self, requests, *, n_best: int = 1):
        self.calls += 1
        self.requests += len(requests)
        return self.engine.translate(requests, n_best=n_best)


def _pipeline(engine, sentences: list[str], required: list, *, max_attempts: int, chunk: int) -> tuple[list, dict]:
    """Drafts of *sentences* and the run's figures: one draft_segment per line when *chunk*
    is 1, else chunks of *chunk* lines whose attempts go together (attempt_together)."""
    from l10n.draft import draft_segment
    from l10n.draft.job import segment_job
    from l10n.draft.segment import attempt_together, draft_job

    counting = _Counting(engine)
    drafts = []
    work_before = engine.work.snapshot()
    t0 = time.perf_counter()
    for start in range(0, len(sentences), chunk):
        lines = list(range(start, min(start + chunk, len(sentences))))
        if chunk == 1:
            drafts += [draft_segment(counting, sentences[i], required[i], max_attempts=max_attempts) for i in lines]
            continue
        jobs = [segment_job(sentences[i], required[i], max_attempts=max_attempts) for i in lines]
        drafts += [draft_job(counting, job, attempts=a) for job, a in zip(jobs, attempt_together(counting, jobs))]
    seconds = time.perf_counter() - t0
    return drafts, {
        "seconds": round(seconds, 1),
        "per_segment": _breakdown(engine, work_before, seconds, len(sentences)),
        "segments_per_s": round(len(sentences) / seconds, 3),
        "engine_calls_per_segment": round(counting.calls / len(sentences), 2),
        "requests_per_segment": round(counting.requests / len(sentences), 2),
        "attempts_per_segment": round(sum(d.attempts for d in drafts) / len(sentences), 2),
        "with_errors": sum(any(f.severity == "error" for f in d.findings) for d in drafts),
    }


def _breakdown(engine, before, seconds: float, segments: int) -> dict:
    """Where a segment's time went since *before* (an :meth:`~l10n.engines.work.EngineWork.snapshot`):
    requests by cause, prompt tokens (reused from the KV cache, prefilled), tokens generated,
    seconds inside llama.cpp and in Python around it."""
    spent = engine.work.since(before)
    out = spent.as_dict(segments)
    out["python_s"] = round((seconds - spent.seconds) / segments, 2) if segments and spent.requests else None
    return out


def _quality(texts: list[str], refs: list[str], sources: list[str], scored: list, spell_out: bool) -> dict:
    """chrF2, BLEU, term accuracy and Chinese left of *texts*, as bench/quality.py scores them
    (acronyms spelled out at their first mention when the project does so)."""
    from quality import _metrics

    from l10n.acronyms import spell_out_first

    if spell_out:
        texts = [spell_out_first(t, r, set())[0] for t, r in zip(texts, scored)]
    m = _metrics([" ".join(t.split()) for t in texts], refs, sources, scored)
    return {k: m[k] for k in ("chrF2", "BLEU", "term_accuracy", "terms_checked", "chinese_left_share")}


def _tokens_per_s(engine, requests, batches: list[int], repeats: int) -> dict:
    """Output tokens/s of the batched path decoding *requests* at each batch size (median of *repeats*)."""
    out = {}
    keep = engine.batch
    for batch in batches:
        engine.batch = batch
        runs = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            hyps = engine.translate(requests)
            runs.append(sum(h[0].tokens for h in hyps) / (time.perf_counter() - t0))
        out[str(batch)] = {"median": round(statistics.median(runs), 2), "runs": [round(r, 2) for r in runs]}
    engine.batch = keep
    return out


def _prompt_lookup(engine, path: Path, requests, repeats: int, num_pred_tokens: int) -> dict:
    """Seconds to draft *requests* one at a time with and without llama-cpp-python's
    prompt-lookup speculative decoding (``LlamaPromptLookupDecoding``), medians of *repeats*
    (the two alternate), and how many drafts differ. The library needs ``logits_all`` for it,
    so that model computes the logits of every prompt token too."""
    from llama_cpp import Llama
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    from l10n.engines.prompt import build_messages, output_limit

    lookup = Llama(model_path=str(path), n_ctx=engine.llm.n_ctx(), n_threads=engine.threads, seed=engine.seed, verbose=False,
                   draft_model=LlamaPromptLookupDecoding(num_pred_tokens=num_pred_tokens))

    def run(llm) -> tuple[float, list[str], int]:
        t0, texts, tokens = time.perf_counter(), [], 0
        for r in requests:
            reply = llm.create_chat_completion(messages=build_messages(r), temperature=0.0, top_k=0, top_p=1.0, min_p=0.0,
                                               repeat_penalty=1.0, seed=engine.seed, max_tokens=output_limit(r.source, engine.max_tokens))
            texts.append(reply["choices"][0]["message"]["content"] or "")
            tokens += reply["usage"]["completion_tokens"]
        return time.perf_counter() - t0, texts, tokens

    plain_runs, lookup_runs = [], []
    for _ in range(repeats):
        seconds, plain_texts, tokens = run(engine.llm)
        plain_runs.append(seconds)
        seconds, lookup_texts, _ = run(lookup)
        lookup_runs.append(seconds)
    del lookup
    return {"prompts": len(requests), "num_pred_tokens": num_pred_tokens, "output_tokens": tokens,
            "without_s": round(statistics.median(plain_runs), 2), "with_s": round(statistics.median(lookup_runs), 2),
            "speedup": round(statistics.median(plain_runs) / statistics.median(lookup_runs), 2),
            "drafts_differing": sum(a != b for a, b in zip(plain_texts, lookup_texts))}


def _decode_cost(engine, prompt: list[int], ks=(1, 2, 4, 8), repeats: int = 5) -> dict:
    """Milliseconds one ``llama_decode`` takes to evaluate k more tokens of one sequence after
    *prompt*, with logits for all k (what verifying k-1 speculated tokens needs) and for the
    last only (prompt evaluation); medians of *repeats*. Where the cost grows with k as fast
    as k single steps, speculation (prompt lookup) cannot pay for itself."""
    import llama_cpp

    decoder = engine._decoder  # made by the batched calls before this
    decoder.share(prompt[:-1])
    decoder.step({}, {0: prompt})
    at = len(prompt)
    out = {}
    for which in ("all", "last"):
        row = {}
        for k in ks:
            runs = []
            for _ in range(repeats):
                items = [(prompt[j % len(prompt)], at + j, 1, which == "all" or j == k - 1) for j in range(k)]
                t0 = time.perf_counter()
                decoder._decode(items)
                runs.append(1000 * (time.perf_counter() - t0))
                llama_cpp.llama_memory_seq_rm(decoder.memory, 1, at, -1)
            row[str(k)] = round(statistics.median(runs), 1)
        out[f"logits_{which}_ms"] = row
    return out


def bench_llama(sentences: list[str], refs: list[str], *, config: Path, batch: int, chunk: int, repeats: int, sweep: list[int],
                sweep_n: int, lookup: int = 0) -> dict:
    from l10n import registry
    from l10n.config import load_config
    from l10n.draft.job import first_request
    from l10n.engines.base import Request
    from l10n.engines.batch import default_batch
    from l10n.engines.llama import LlamaEngine
    from l10n.engines.prompt import build_messages
    from l10n.glossary import load_glossary
    from l10n.required import matcher_on, requirements, requirements_on

    cfg = load_config(config)
    glossary = load_glossary(cfg)
    matcher = matcher_on(glossary, None)  # as bench/quality.py: the lines have no bulletin date
    required = [requirements(s, matcher) for s in sentences]
    scored = [requirements_on(s, glossary, None) for s in sentences]
    batch = batch or default_batch()
    entry = registry.get_entry("qwen2.5-coder-1.5b-instruct-q4_k_m")
    path = registry.model_path(entry)
    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    engine = LlamaEngine(path, model_id=entry.id, threads=0, batch=max(batch, *sweep))
    load = time.perf_counter() - t0

    # The plain loop: plain prompt, one create_chat_completion per sentence.
    t0 = time.perf_counter()
    naive_tokens = 0
    plain_texts = []
    from l10n.engines.work import EngineWork

    plain_work = EngineWork()
    for s in sentences:
        prompt, held = engine.prompt_tokens(Request(s, plain=True)), list(engine.llm.input_ids)
        started = time.perf_counter()
        reply = engine.llm.create_chat_completion(
            messages=build_messages(Request(s, plain=True)), temperature=0.0, seed=engine.seed, max_tokens=engine.max_tokens
        )
        plain_work.record(prompt, held, reply["usage"]["completion_tokens"], time.perf_counter() - started, cause="plain")
        naive_tokens += reply["usage"]["completion_tokens"]
        plain_texts.append(reply["choices"][0]["message"]["content"] or "")
    naive_s = time.perf_counter() - t0
    plain = {"seconds": round(naive_s, 1), "segments_per_s": round(len(sentences) / naive_s, 3),
             "output_tokens_per_s": round(naive_tokens / naive_s, 1),
             "per_segment": {**plain_work.as_dict(len(sentences)), "python_s": round((naive_s - plain_work.seconds) / len(sentences), 2)}}
    quality = lambda texts, spell: _quality(texts, refs, sentences, scored, spell) if refs else {}
    plain |= quality(plain_texts, False)

    engine.batch = 1
    off_drafts, off = _pipeline(engine, sentences, required, max_attempts=cfg.max_attempts, chunk=1)
    engine.batch = batch
    on_drafts, on = _pipeline(engine, sentences, required, max_attempts=cfg.max_attempts, chunk=chunk)
    on["batch"], on["chunk"] = batch, chunk
    off |= quality([d.text for d in off_drafts], cfg.spell_out_acronyms)
    on |= quality([d.text for d in on_drafts], cfg.spell_out_acronyms)

    # Batched greedy vs one at a time on the same first requests.
    firsts = [first_request(s, r) for s, r in zip(sentences, required)]
    engine.batch = 1
    one = engine.translate(firsts)
    engine.batch = batch
    together = engine.translate(firsts)
    differ = [i for i, (a, b) in enumerate(zip(one, together)) if a[0].text != b[0].text]

    sweep_requests = firsts[:sweep_n]
    tps = _tokens_per_s(engine, sweep_requests, sweep, repeats)
    decode_cost = _decode_cost(engine, engine.prompt_tokens(firsts[0]))
    looked_up = _prompt_lookup(engine, path, sweep_requests, repeats, lookup) if lookup else None
    return {
        "model": entry.id,
        "sentences": len(sentences),
        "threads": engine.threads,
        "load_s": round(load, 2),
        "max_attempts": cfg.max_attempts,
        "plain_loop": plain,
        "pipeline_batching_off": off,
        "pipeline_batching_on": on,
        "ratio_pipeline_on_to_plain": round(on["segments_per_s"] / plain["segments_per_s"], 2),
        "ratio_pipeline_off_to_plain": round(off["segments_per_s"] / plain["segments_per_s"], 2),
        "speedup_on_over_off": round(on["segments_per_s"] / off["segments_per_s"], 2),
        "pipeline_drafts_differing_on_vs_off": sum(a.text != b.text for a, b in zip(off_drafts, on_drafts)),
        "first_drafts_batched_vs_sequential": {"n": len(firsts), "differ": len(differ), "lines": differ,
                                               "examples": [{"one": one[i][0].text, "batched": together[i][0].text} for i in differ[:3]]},
        "batched_output_tokens_per_s": {"prompts": len(sweep_requests), "repeats": repeats, "by_batch": tps},
        "decode_cost_one_sequence": decode_cost,
        "prompt_lookup_decoding": looked_up,
        "peak_rss_mb": round(peak_rss_mb(), 0),
        "peak_rss_mb_before_load": round(rss_before, 0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=50, help="sentences of prc_gov.dev.zh for llama (default 50)")
    parser.add_argument("--half", default="test", help="half of prc_gov.dev the llama lines come from (bench/devset.py): test, tune or all")
    parser.add_argument("--skip-llama", action="store_true", help="skip the llama part (no weights or library)")
    parser.add_argument("--skip-marian", action="store_true")
    parser.add_argument("--marian-sentences", type=int, default=16)
    parser.add_argument("--out-len", type=int, default=32, help="fixed output length for marian")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--config", type=Path, default=ROOT / "l10n.toml", help="project whose glossary gives the requirements")
    parser.add_argument("--batch", type=int, default=0, help="llama sequences decoded together with batching on (0: from cores and memory)")
    parser.add_argument("--chunk", type=int, default=8, help="segments whose attempts go together (l10n draft --batch-size)")
    parser.add_argument("--sweep", default="1,2,4,8", help="batch sizes for the tokens/s sweep")
    parser.add_argument("--sweep-prompts", type=int, default=8, help="first drafts' prompts decoded in the sweep")
    parser.add_argument("--lookup", type=int, default=4, help="draft tokens of prompt-lookup decoding, timed on the sweep's prompts (0: skip)")
    args = parser.parse_args(argv)

    import devset

    lines, refs = [], []
    if EVAL.exists():
        sources, references = EVAL.read_text(encoding="utf-8").splitlines(), EVAL.with_suffix(".en").read_text(encoding="utf-8").splitlines()
        keep = devset.indices(args.half)
        lines, refs = [sources[i].strip() for i in keep], [references[i].strip() for i in keep]
    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
                    "half": args.half}
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
        report["llama"] = {"skipped": reason} if reason else bench_llama(
            lines[: args.limit], refs[: args.limit], config=args.config, batch=args.batch, chunk=args.chunk, repeats=args.repeats,
            sweep=[int(b) for b in args.sweep.split(",")], sweep_n=args.sweep_prompts, lookup=args.lookup)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
