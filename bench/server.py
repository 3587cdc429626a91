"""The openai engine against a real server, printed as JSON.

llama-cpp-python's own OpenAI-compatible server (``python -m llama_cpp.server``, the
default) or, with ``--server cpp``, llama.cpp's C++ ``llama-server --parallel N``
(scripts/build_llama_server.sh builds it), started on 127.0.0.1 by tests/llama_server.py
with the local engine's settings, serves the default model; the first --limit lines of
the dev set's test half (bench/devset.py) are drafted with the pipeline's first prompt for
each line (``first_request``: the repository glossary's required renderings written in)
through

1. the openai engine, one request at a time (concurrency 1),
2. the openai engine, --concurrency requests in flight (default 4),
3. the local llama engine (batch 1, one at a time), after the server is stopped,

each after the same warm-up sentence, so every prompt shares the same evaluated prefix with
the one before. It reports how many drafts are identical (server vs local, concurrency 4
vs 1), segments/s (lines over wall time), the median seconds per request (at concurrency
above 1 that includes waiting in the server's queue), and the server's startup time (process
start to the first answer of ``/v1/models``). No source line or draft is printed.

llama-cpp-python 0.3.36's server has no parallel decoding (one ``Llama`` behind a lock; no
``--parallel``/slot option in ``--help``): concurrent requests queue and are decoded one
after another, so concurrency buys only the overlap of HTTP and prompt building with
decoding. A server with parallel slots (llama.cpp's ``llama-server --parallel N``, vLLM)
decodes them together.

    .venv/bin/python bench/server.py --limit 20
    .venv/bin/python bench/server.py --limit 20 --server cpp --parallel 4

Measured 2026-12-01 with ``--limit 10`` on 2 cores shared with other jobs (load average 0.4
at the start, 1.7 at the end; an earlier run under a load of 8 took over 25 minutes): server
startup 2.07 s; concurrency 1: 0.325 segments/s, median 2.69 s a request; concurrency 4:
0.277 segments/s (0.85×; median 13.2 s a request, the queue included); local engine 0.357
segments/s, median 2.61 s; drafts identical server vs local 10 of 10, concurrency 4 vs 1
10 of 10.

``--server cpp --parallel 4``, measured 2026-12-01 with ``--limit 20`` (the binary from
scripts/build_llama_server.sh, commit e5e35bc) on the same 2 cores with nothing else
running (load average 0.45 at the start, 2.05 at the end): server startup 2.88 s;
concurrency 1: 0.235 segments/s, median 3.46 s a request, 16.2 output tokens/s; concurrency 4:
0.293 segments/s (1.25×; median 10.7 s a request, the wait for a batch included, 20.8 tokens/s);
local engine 0.262 segments/s, median 3.31 s, 17.8 tokens/s. Drafts identical server vs local
20 of 20; concurrency 4 vs 1 only 7 of 20 (sequences decoded together in one batch are not
bit-identical to the same sequences alone). On 2 cores decoding is compute-bound, so four
slots buy a quarter more throughput; slots pay off on a server with cores (or a GPU) to spare.
(A first run, shared with another model benchmark, measured 0.166, 0.040 and 0.046
segments/s: figures of the load, not of the server.)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
WARM_UP = "通知如下。"
QWEN = "qwen2.5-coder-1.5b-instruct-q4_k_m"


def test_lines(limit: int) -> list[str]:
    import devset

    lines = (devset.EVAL / "prc_gov.dev.zh").read_text(encoding="utf-8").splitlines()
    return [lines[i].strip() for i in devset.indices("test")[:limit]]


def timed(engine, requests) -> tuple[list, dict]:
    """Drafts of *requests* by *engine* after the warm-up, and the run's figures."""
    from l10n.engines.base import Request

    t0 = time.perf_counter()
    engine.translate([Request(WARM_UP)])
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    hyps = [h[0] for h in engine.translate(requests)]
    seconds = time.perf_counter() - t0
    return hyps, {
        "warm_up_s": round(warm, 2),
        "seconds": round(seconds, 1),
        "segments_per_s": round(len(requests) / seconds, 3),
        "median_s_per_segment": round(statistics.median(h.seconds for h in hyps), 2),
        "output_tokens_per_s": round(sum(h.tokens for h in hyps) / seconds, 1),
    }


def same(a, b) -> dict:
    differ = [i for i, (x, y) in enumerate(zip(a, b)) if x.text != y.text]
    return {"identical": len(a) - len(differ), "of": len(a), "differing_positions": differ}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=20, help="lines of the dev set's test half (default 20)")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight in the second run (default 4)")
    parser.add_argument("--server", choices=("python", "cpp"), default="python",
                        help="llama-cpp-python's server (default) or llama.cpp's C++ llama-server (scripts/build_llama_server.sh)")
    parser.add_argument("--parallel", type=int, default=4, help="the C++ server's slots, decoded together (default 4)")
    parser.add_argument("--n-ctx", type=int, default=4096, help="context of one request (of each slot)")
    parser.add_argument("--config", type=Path, default=ROOT / "l10n.toml", help="project whose glossary gives the requirements")
    args = parser.parse_args(argv)

    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                                "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}}
    try:
        import llama_cpp
    except ImportError:
        print(json.dumps({**report, "skipped": "llama-cpp-python is not installed"}, indent=2))
        return 0
    from llama_server import SAME_AS_LOCAL, SERVERS, available, cpp_binary

    from l10n import registry

    entry = registry.get_entry(QWEN)
    if args.server == "python":
        reason = None if available() else "llama-cpp-python's [server] extra is not installed"
    else:
        reason = None if cpp_binary() else "llama.cpp's llama-server is not built (scripts/build_llama_server.sh)"
    reason = reason or (None if registry.is_present(entry) else "weights not pulled (l10n models pull)")
    if reason:
        print(json.dumps({**report, "skipped": reason}, indent=2))
        return 0

    from l10n.config import load_config
    from l10n.draft.job import first_request
    from l10n.engines.llama import LlamaEngine
    from l10n.engines.openai import OpenAIEngine
    from l10n.glossary import load_glossary
    from l10n.required import matcher_on, requirements

    matcher = matcher_on(load_glossary(load_config(args.config)), None)  # as bench/quality.py: the lines have no date
    requests = [first_request(s, requirements(s, matcher)) for s in test_lines(args.limit)]
    path = registry.model_path(entry)
    report.update({"llama_cpp_python": llama_cpp.__version__, "model": entry.id, "lines": len(requests), "half": "test",
                   "extra_body": SAME_AS_LOCAL})
    if args.server == "python":
        report["server"] = "python -m llama_cpp.server (decodes one request at a time: no parallel slots in 0.3.36)"
        options = {}
    else:
        report["server"] = f"llama.cpp's llama-server --parallel {args.parallel} (-c {args.parallel} x {args.n_ctx})"
        report["server_binary"] = str(cpp_binary().resolve())
        options = {"parallel": args.parallel}

    log = Path(tempfile.mkdtemp(prefix="bench-server-")) / "server.log"
    with SERVERS[args.server](path, n_ctx=args.n_ctx, log=log, **options) as server:
        report["server_startup_s"] = round(server.startup_s, 2)
        runs = {}
        for concurrency in (1, args.concurrency):
            engine = OpenAIEngine(server.url, server.alias, extra_body=SAME_AS_LOCAL, concurrency=concurrency, timeout=600)
            runs[concurrency] = timed(engine, requests)
            engine.close()
    local_engine = LlamaEngine(path, model_id=entry.id, n_ctx=args.n_ctx, batch=1, english_only=False)  # a server is sent no mask
    local, local_figures = timed(local_engine, requests)

    report["openai_concurrency_1"] = runs[1][1]
    report[f"openai_concurrency_{args.concurrency}"] = runs[args.concurrency][1]
    report["local_llama_batch_1"] = local_figures
    report["drafts_server_vs_local"] = same(runs[1][0], local)
    report[f"drafts_concurrency_{args.concurrency}_vs_1"] = same(runs[args.concurrency][0], runs[1][0])
    report["speedup_concurrency"] = round(runs[args.concurrency][1]["segments_per_s"] / runs[1][1]["segments_per_s"], 2)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
