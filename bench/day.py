#!/usr/bin/env python3
"""A desk's day: N bulletins built from the dev set's lines, ingested as one folder and drafted
with ``l10n draft --all``, timed end to end, for the local engine and for the openai engine
against a llama.cpp server on 127.0.0.1. Prints JSON.

The bulletins: ``prc_gov.dev.zh`` (``../shared/eval``, all 278 lines, in order) cut into groups
of --lines-per-bulletin consecutive lines; the first line of a group is the bulletin's headline
(its full stop dropped), the others its paragraphs, under a ``发布时间：`` date line (one day after another from
2026-12-01, ten bulletins a day), and every other bulletin's first paragraph, unless it has a
dateline of its own, opens with a Xinhua dateline (``新华社北京12月1日电``), which drafting renders by rule. More lines than the
set holds start it again (``lines_reused`` says how many). They are written to ``in/`` of a
throw-away project holding this repository's l10n.toml, glossary and model registry, and
ingested with ``l10n ingest in`` (timed too).

Each engine drafts a fresh copy of that project with ``l10n draft --all`` in a subprocess of this
interpreter (run the benchmark with the interpreter that has llama-cpp-python, .venv-llama):

* ``llama``: the local default model (``l10n models pull``; ``$L10N_CACHE_DIR``), skipped when
  llama-cpp-python or the weights are missing;
* ``openai``: a server started by the benchmark on 127.0.0.1 with the local engine's settings
  (tests/llama_server.py): llama.cpp's C++ ``llama-server --parallel N`` (--server cpp, the
  default when scripts/build_llama_server.sh has built it) or llama-cpp-python's
  ``python -m llama_cpp.server`` (--server python; needs ``pip install 'llama-cpp-python[server]'``
  in that interpreter; it decodes one request at a time). ``[engines.openai] concurrency`` is set
  to the server's slots (--parallel), so ``draft --all`` keeps that many requests in flight across
  bulletins. Skipped, saying why, when the server or the weights are missing.

For each engine: end-to-end seconds of ``draft --all`` (process start to exit, the model load
included), the segments it drafted, segments/s, and the CPU seconds of the ``l10n`` process
itself (for the openai engine: what one drafting client spends per segment besides waiting).
The farm estimate multiplies the per-server segments/s by N servers, capped by what one client
process can prepare and check (segments over its CPU seconds): beyond that cap, run several
``draft --all`` clients, e.g. one per day's folder. On a machine where the server and the client
share the cores (as on this one), the per-server figure is a low bound.

    .venv-llama/bin/python bench/day.py --dry-run              # build and ingest the 50 bulletins, draft nothing
    .venv-llama/bin/python bench/day.py                        # both engines, 50 bulletins of 5 lines
    .venv-llama/bin/python bench/day.py --engines openai --server cpp --parallel 4 --farm 1,2,4,8
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
CLI = [sys.executable, "-c", "from l10n.cli import main; main()"]
QWEN = "qwen2.5-coder-1.5b-instruct-q4_k_m"
FIRST_DAY = dt.date(2026, 12, 1)
PER_DAY = 10
_DRAFTED = re.compile(r"^(\d+) bulletins?: (\d+) segments drafted", re.M)


def dev_lines() -> list[str]:
    import devset

    return [line.strip() for line in (devset.EVAL / "prc_gov.dev.zh").read_text(encoding="utf-8").splitlines() if line.strip()]


def bulletins(lines: list[str], count: int, per: int) -> tuple[list[tuple[str, str]], int]:
    """*count* bulletins of *per* consecutive *lines* each, as (file name, text), and how many
    lines were taken a second time (more asked for than the set holds)."""
    from l10n.dateline import find_dateline

    out = []
    for i in range(count):
        group = [lines[(i * per + k) % len(lines)] for k in range(per)]
        day = FIRST_DAY + dt.timedelta(days=i // PER_DAY)
        body = group[1:] or group[:1]
        if i % 2 and find_dateline(body[0]) is None:  # one dateline to a paragraph, as on the wire
            body = [f"新华社北京{day.month}月{day.day}日电　{body[0]}", *body[1:]]
        headline = group[0].rstrip("。")  # a headline has no full stop
        text = "\n\n".join([headline, f"发布时间：{day.isoformat()}", *body]) + "\n"
        out.append((f"{day.isoformat()}/bulletin-{i + 1:03d}.txt", text))
    return out, max(0, count * per - len(lines))


def l10n(project: Path, *args: str, timeout: float | None = None) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``l10n ARGS`` in *project*; the result, its wall seconds and its CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([*CLI, *args], cwd=project, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, seconds, cpu


def make_project(where: Path, items: list[tuple[str, str]]) -> dict:
    """A project at *where* with this repository's l10n.toml, glossary and models, *items* in ``in/``,
    ingested; what the ingest gave."""
    where.mkdir(parents=True)
    shutil.copy(ROOT / "l10n.toml", where / "l10n.toml")
    for folder in ("glossary", "models"):
        shutil.copytree(ROOT / folder, where / folder)
    for name, text in items:
        path = where / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    done, seconds, _ = l10n(where, "ingest", "in")
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    from l10n.catalog import read_catalog

    templates = sorted((where / "locales" / "templates").glob("*.pot"))
    return {"bulletins": len(templates), "segments": sum(len(read_catalog(p).entries) for p in templates), "ingest_s": round(seconds, 2)}


def draft_all(project: Path, *args: str) -> dict:
    """``l10n draft --all ARGS`` in *project*, timed; its figures."""
    done, seconds, cpu = l10n(project, "draft", "--all", *args)
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"], "seconds": round(seconds, 1)}
    found = _DRAFTED.search(done.stdout)
    segments = int(found.group(2)) if found else 0
    return {"seconds": round(seconds, 1), "segments": segments, "segments_per_s": round(segments / seconds, 3) if seconds else None,
            "client_cpu_s": round(cpu, 1)}


def local_engine(project: Path) -> dict:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return {"skipped": f"llama-cpp-python is not installed in {sys.executable}; run the benchmark with .venv-llama/bin/python"}
    from l10n import registry

    entry = registry.get_entry(QWEN, ROOT / "models")
    if not registry.is_present(entry):
        return {"skipped": "the default model's weights are not pulled (l10n models pull; $L10N_CACHE_DIR)"}
    return {"engine": f"llama ({QWEN}, in process)", **draft_all(project)}


def server_engine(project: Path, kind: str, parallel: int, n_ctx: int) -> dict:
    from llama_server import SAME_AS_LOCAL, SERVERS, available, cpp_binary

    from l10n import registry

    if kind == "python" and not available():
        return {"skipped": f"llama-cpp-python's server extra is not installed in {sys.executable} "
                           "(pip install 'llama-cpp-python[server]==<the installed version>')"}
    if kind == "cpp" and cpp_binary() is None:
        return {"skipped": "llama.cpp's llama-server is not built (scripts/build_llama_server.sh, or $L10N_LLAMA_SERVER)"}
    entry = registry.get_entry(QWEN, ROOT / "models")
    if not registry.is_present(entry):
        return {"skipped": "the default model's weights are not pulled (l10n models pull; $L10N_CACHE_DIR)"}
    options = {"parallel": parallel} if kind == "cpp" else {}
    log = project / "server.log"
    with SERVERS[kind](registry.model_path(entry), n_ctx=n_ctx, log=log, **options) as server:
        extra = ", ".join(f"{k} = {json.dumps(v)}" for k, v in SAME_AS_LOCAL.items())
        with open(project / "l10n.toml", "a", encoding="utf-8") as f:
            f.write(f'\n[engines.openai]\nurl = "{server.url}"\nmodel = "{server.alias}"\nconcurrency = {parallel}\n'
                    f"timeout = 600\nextra_body = {{ {extra} }}\n")
        figures = draft_all(project, "--engine", "openai")
        startup = server.startup_s
    name = f"llama-server --parallel {parallel}" if kind == "cpp" else "python -m llama_cpp.server (one request at a time)"
    return {"engine": f"openai against {name}", "server_startup_s": round(startup, 2), "concurrency": parallel, **figures}


def farm(figures: dict, sizes: list[int]) -> dict | None:
    """What N servers like the one measured would give one drafting client: N × its segments/s,
    capped by the client's own rate (segments over its CPU seconds)."""
    rate, cpu, segments = figures.get("segments_per_s"), figures.get("client_cpu_s"), figures.get("segments")
    if not rate or not segments:
        return None
    client = segments / cpu if cpu else None
    out = {"per_server_segments_per_s": rate, "one_client_cap_segments_per_s": round(client, 2) if client else None, "servers": {}}
    for n in sizes:
        estimate = n * rate if client is None else min(n * rate, client)
        out["servers"][str(n)] = {"segments_per_s": round(estimate, 2), "minutes_for_this_day": round(segments / estimate / 60, 1),
                                  "client_bound": bool(client is not None and n * rate > client)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bulletins", type=int, default=50, help="bulletins in the day (default 50)")
    parser.add_argument("--lines-per-bulletin", type=int, default=5, help="dev-set lines per bulletin, headline included (default 5)")
    parser.add_argument("--engines", default="llama,openai", help="comma-separated: llama, openai (default both)")
    parser.add_argument("--server", choices=("cpp", "python"), default=None,
                        help="the openai engine's server: llama.cpp's llama-server (default when built) or llama-cpp-python's")
    parser.add_argument("--parallel", type=int, default=4, help="the server's slots, and the requests kept in flight (default 4)")
    parser.add_argument("--n-ctx", type=int, default=4096, help="context of one request (of each slot)")
    parser.add_argument("--farm", default="1,2,4,8", help="server counts for the farm estimate (default 1,2,4,8)")
    parser.add_argument("--dry-run", action="store_true", help="build and ingest the bulletins, draft nothing")
    parser.add_argument("--keep", type=Path, default=None, help="build the projects in this new folder and keep them")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - {"llama", "openai"})
    if unknown or args.bulletins < 1 or args.lines_per_bulletin < 1:
        parser.error(f"unknown engines {unknown}" if unknown else "--bulletins and --lines-per-bulletin must be at least 1")

    from llama_server import cpp_binary

    kind = args.server or ("cpp" if cpp_binary() else "python")
    report: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                                "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
                    "command": " ".join([Path(sys.executable).name, *sys.argv])}
    items, reused = bulletins(dev_lines(), args.bulletins, args.lines_per_bulletin)
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-day-"))
    try:
        report.update(make_project(base / "ingested", items), lines_per_bulletin=args.lines_per_bulletin, lines_reused=reused)
        if not args.dry_run:
            report["engines"] = {}
            for engine in engines:
                project = base / engine
                shutil.copytree(base / "ingested", project)
                report["engines"][engine] = (local_engine(project) if engine == "llama"
                                             else server_engine(project, kind, args.parallel, args.n_ctx))
            if "openai" in report["engines"]:
                report["farm"] = farm(report["engines"]["openai"], [int(n) for n in args.farm.split(",") if n.strip()])
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
