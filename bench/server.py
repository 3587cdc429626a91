"""The openai engine against a real server, printed as JSON.

llama-cpp-python's own OpenAI-compatible server (``python -m llama_cpp.server``, the
default) or, with ``--server cpp``, llama.cpp's C++ ``llama-server --parallel N``
(scripts/build_llama_server.sh builds it; ``--binary`` picks another build, such as its
CUDA one, with ``--gpu-layers`` layers offloaded to the GPU), started on 127.0.0.1 by
tests/llama_server.py with the local engine's settings, serves the default model; the first
--limit lines of the dev set's test half (bench/devset.py, or the copy at ``--eval``) are
drafted with the pipeline's first prompt for each line (``first_request``: the repository
glossary's required renderings written in) through

1. the openai engine at each concurrency of ``--concurrency`` (a comma list, default 4;
   concurrency 1, one request at a time, always runs first: the others are compared with it),
2. the local llama engine (batch 1, one at a time), after the server is stopped, unless
   ``--skip-local`` (on a GPU machine the local CPU engine is not the comparison, and without
   it llama-cpp-python need not be installed for ``--server cpp``),

each after the same warm-up sentence, so every prompt shares the same evaluated prefix with
the one before. For each concurrency it reports segments/s (lines over wall time), the median
seconds per request (at concurrency above 1 that includes waiting in the server's queue),
output tokens/s, and, above 1, the speed-up over concurrency 1 and how many drafts are
identical to concurrency 1's; how many server drafts at concurrency 1 are identical to the
local engine's; the server's startup time (process start to the first answer of
``/v1/models``), the C++ server's ``--version`` lines and the GPUs nvidia-smi lists. No source
line or draft is printed.

llama-cpp-python 0.3.36's server has no parallel decoding (one ``Llama`` behind a lock; no
``--parallel``/slot option in ``--help``): concurrent requests queue and are decoded one
after another, so concurrency buys only the overlap of HTTP and prompt building with
decoding. A server with parallel slots (llama.cpp's ``llama-server --parallel N``, vLLM)
decodes them together.

    .venv/bin/python bench/server.py --limit 20
    .venv/bin/python bench/server.py --limit 20 --server cpp --parallel 4
    .venv/bin/python bench/server.py --limit 50 --server cpp --parallel 16 --concurrency 1,4,16 \
        --binary ~/.cache/l10n/bin/llama-server-cuda --gpu-layers 99 --skip-local   # scripts/gpu_bench.sh

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

On a GPU (issue 45), scripts/gpu_bench.sh builds the CUDA ``llama-server`` and runs the third
command above: 50 test-half lines through 16 slots, all layers on the GPU, at concurrency 1, 4
and 16. Not measured yet: no GPU machine was available when it was written (2026-12-07).
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


def test_lines(limit: int, eval_dir: Path) -> list[str]:
    """The first *limit* lines of the dev set's test half, read from *eval_dir*."""
    import devset

    lines = (eval_dir / "prc_gov.dev.zh").read_text(encoding="utf-8").splitlines()
    return [lines[i].strip() for i in devset.indices("test", eval_dir / devset.PROVENANCE.name)[:limit]]


def concurrencies(text: str) -> list[int]:
    """``--concurrency``'s comma list as the runs to make: each value once, ascending, 1 always among
    them (the run the others' drafts and speed are compared with).

    >>> concurrencies("16,4"), concurrencies("1, 4,4")
    ([1, 4, 16], [1, 4])
    """
    try:
        values = {int(value) for value in text.split(",") if value.strip()}
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a comma list of whole numbers such as 1,4,16, not {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"concurrencies must be 1 or more, not {text!r}")
    return sorted(values | {1})


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


def command_lines(command: list[str]) -> list[str]:
    """What *command* prints (stdout and stderr), line by line; [] when it cannot run."""
    import subprocess

    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def installed_version(distribution: str) -> str | None:
    """*distribution*'s installed version, without importing it; None if it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def gpus() -> list[str]:
    """The GPUs nvidia-smi lists (name, memory, driver); [] on a machine without one."""
    return command_lines(["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"])


def skip_reason(args) -> str | None:
    """Why this machine cannot run what *args* ask for (a missing package, binary, weights or
    dev set), or None. llama-cpp-python is needed only for its server or the local run."""
    import importlib.util

    from llama_server import available, cpp_binary

    from l10n import registry

    if (args.server == "python" or not args.skip_local) and importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed"
    if args.server == "python" and not available():
        return "llama-cpp-python's [server] extra is not installed"
    if args.server == "cpp" and not (args.binary or cpp_binary()):
        return "llama.cpp's llama-server is not built (scripts/build_llama_server.sh)"
    if not registry.is_present(registry.get_entry(QWEN)):
        return "weights not pulled (l10n models pull)"
    if not (args.eval / "prc_gov.dev.zh").is_file():
        return f"the dev set is not in {args.eval} (--eval)"
    return None


def main(argv: list[str] | None = None) -> int:
    import devset

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=20, help="lines of the dev set's test half (default 20)")
    parser.add_argument("--concurrency", type=concurrencies, default=[1, 4],
                        help="requests in flight, a run for each value of a comma list such as 1,4,16; 1 always runs (default 4)")
    parser.add_argument("--server", choices=("python", "cpp"), default="python",
                        help="llama-cpp-python's server (default) or llama.cpp's C++ llama-server (scripts/build_llama_server.sh)")
    parser.add_argument("--parallel", type=int, default=4, help="the C++ server's slots, decoded together (default 4)")
    parser.add_argument("--binary", type=Path, help="the C++ server to run (default $L10N_LLAMA_SERVER, else ~/.cache/l10n/bin/llama-server)")
    parser.add_argument("--gpu-layers", type=int, default=0, help="layers the C++ server offloads to the GPU, its -ngl (default 0: CPU)")
    parser.add_argument("--skip-local", action="store_true", help="no local llama engine run (and no llama-cpp-python needed with --server cpp)")
    parser.add_argument("--n-ctx", type=int, default=4096, help="context of one request (of each slot)")
    parser.add_argument("--config", type=Path, default=ROOT / "l10n.toml", help="project whose glossary gives the requirements")
    parser.add_argument("--eval", type=Path, default=devset.EVAL, help=f"folder holding prc_gov.dev.zh and its provenance (default {devset.EVAL})")
    parser.add_argument("--log", type=Path, help="the server's log (default a new temporary file)")
    args = parser.parse_args(argv)
    if args.server == "python" and (args.binary or args.gpu_layers):
        parser.error("--binary and --gpu-layers are the C++ server's: add --server cpp")
    if args.binary and not (args.binary.is_file() and os.access(args.binary, os.X_OK)):
        parser.error(f"--binary {args.binary} is not an executable file")

    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                                "gpus": gpus(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}}
    reason = skip_reason(args)
    if reason:
        print(json.dumps({**report, "skipped": reason}, indent=2))
        return 0
    from llama_server import SAME_AS_LOCAL, SERVERS, cpp_binary

    from l10n import registry
    from l10n.config import load_config
    from l10n.draft.job import first_request
    from l10n.engines.openai import OpenAIEngine
    from l10n.glossary import load_glossary
    from l10n.required import matcher_on, requirements

    entry = registry.get_entry(QWEN)
    matcher = matcher_on(load_glossary(load_config(args.config)), None)  # as bench/quality.py: the lines have no date
    requests = [first_request(s, requirements(s, matcher)) for s in test_lines(args.limit, args.eval)]
    path = registry.model_path(entry)
    report.update({"llama_cpp_python": installed_version("llama-cpp-python"), "model": entry.id, "lines": len(requests),
                   "half": "test", "extra_body": SAME_AS_LOCAL})
    if args.server == "python":
        report["server"] = "python -m llama_cpp.server (decodes one request at a time: no parallel slots in 0.3.36)"
        options = {}
    else:
        binary = args.binary or cpp_binary()
        report["server"] = (f"llama.cpp's llama-server --parallel {args.parallel} (-c {args.parallel} x {args.n_ctx})"
                            f" -ngl {args.gpu_layers}")
        report["server_binary"] = str(binary.resolve())
        report["server_version"] = command_lines([str(binary), "--version"])
        options = {"parallel": args.parallel, "gpu_layers": args.gpu_layers, "binary": binary}

    log = args.log or Path(tempfile.mkdtemp(prefix="bench-server-")) / "server.log"
    runs = {}
    with SERVERS[args.server](path, n_ctx=args.n_ctx, log=log, **options) as server:
        report["server_startup_s"] = round(server.startup_s, 2)
        for concurrency in args.concurrency:
            engine = OpenAIEngine(server.url, server.alias, extra_body=SAME_AS_LOCAL, concurrency=concurrency, timeout=600)
            runs[concurrency] = timed(engine, requests)
            engine.close()
    alone, alone_figures = runs[1]
    for concurrency, (drafts, figures) in runs.items():
        if concurrency > 1:
            figures["speedup_vs_concurrency_1"] = round(figures["segments_per_s"] / alone_figures["segments_per_s"], 2)
            figures["drafts_vs_concurrency_1"] = same(drafts, alone)
        report[f"openai_concurrency_{concurrency}"] = figures
    if not args.skip_local:
        from l10n.engines.llama import LlamaEngine

        local_engine = LlamaEngine(path, model_id=entry.id, n_ctx=args.n_ctx, batch=1, english_only=False)  # a server is sent no mask
        local, report["local_llama_batch_1"] = timed(local_engine, requests)
        report["drafts_server_vs_local"] = same(alone, local)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
