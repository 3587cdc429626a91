"""The openai engine against real OpenAI-compatible servers started on 127.0.0.1 with the
default model (tests/llama_server.py): llama-cpp-python's own (``python``) and llama.cpp's C++
``llama-server --parallel 4`` (``cpp``), each test run against each.

One server of each kind serves the module (its start costs a model load). Skipped without
the default model's weights; ``python`` without llama-cpp-python's ``[server]`` extra, ``cpp``
without the binary (scripts/build_llama_server.sh, or ``$L10N_LLAMA_SERVER``).

Greedy llama.cpp output is exact only for the same grouping of tokens into matrix products
(see test_engine_llama_batch.py): a call that reuses the previous call's evaluated prefix can
differ from one on a fresh context. Both engines here reuse the prefix, so each is first
asked the same warm-up sentence: after it, every prompt shares exactly the system prompt,
the house examples and the instruction with the one before (the sentences below begin with
different characters), whatever order a server takes concurrent requests in.

llama-server's drafts one at a time are the local engine's, and so are their scores (it
sends log-probabilities; llama_cpp.server sends none); it counts one more completion token,
the end of turn. Sequences it decodes together in one batch are not bit-identical to the
same sequences decoded alone: the four sentences here came back unchanged in the runs made
so far, but bench/server.py found 11 of 20 test-half drafts changed at concurrency 4 against
1, and which requests share a batch depends on when they arrive; so the concurrent test
asserts each answer's gist and order there, and identity only on the queueing server.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from l10n.engines.base import Request

sys.path.insert(0, str(Path(__file__).resolve().parent))
from llama_server import SAME_AS_LOCAL, SERVERS, available, cpp_binary  # noqa: E402

pytestmark = [pytest.mark.model, pytest.mark.slow]

QWEN = "qwen2.5-coder-1.5b-instruct-q4_k_m"
N_CTX = 4096
WARM_UP = "通知如下。"
SENTENCES = ["会议在北京召开。", "市委书记主持会议。", "全市经济运行总体平稳。", "今年粮食生产再获丰收。"]
GIST = ["beijing", "secretary", "econom", "grain"]  # a word each sentence's English must have, whatever its wording
PARALLEL = len(SENTENCES)  # the C++ server's slots: every sentence decoded at once
CLI = [sys.executable, "-c", "from l10n.cli import main; main()"]


@pytest.fixture(scope="module")
def weights():
    pytest.importorskip("llama_cpp")  # the local engine the servers are compared with
    import os

    from l10n import registry

    saved = os.environ.pop(registry.CACHE_ENV, None)  # the user's cache, where `l10n models pull` put them
    try:
        entry = registry.get_entry(QWEN)
        if not registry.is_present(entry):
            pytest.skip("the default model's weights are not pulled (l10n models pull)")
        return registry.model_path(entry)
    finally:
        if saved is not None:
            os.environ[registry.CACHE_ENV] = saved


@pytest.fixture(scope="module", params=["python", "cpp"])
def server(request, weights, tmp_path_factory):
    kind = request.param
    if kind == "python" and not available():
        pytest.skip("llama-cpp-python's server extra is not installed (pip install 'llama-cpp-python[server]')")
    if kind == "cpp" and cpp_binary() is None:
        pytest.skip("llama.cpp's llama-server is not built (scripts/build_llama_server.sh)")
    options = {"parallel": PARALLEL} if kind == "cpp" else {}
    with SERVERS[kind](weights, n_ctx=N_CTX, log=tmp_path_factory.mktemp("server") / "server.log", **options) as s:
        yield s


def remote(server, **kw):
    from l10n.engines.openai import OpenAIEngine

    return OpenAIEngine(server.url, server.alias, extra_body=SAME_AS_LOCAL, timeout=300, **kw)


@pytest.fixture(scope="module")
def served(server):
    """The server's drafts of SENTENCES, one request at a time, after the warm-up."""
    engine = remote(server, concurrency=1)
    engine.translate([Request(WARM_UP)])
    return [h[0] for h in engine.translate([Request(s) for s in SENTENCES])]


@pytest.fixture(scope="module")
def local(weights):
    """The local llama engine's drafts of SENTENCES, after the warm-up (one engine for both servers)."""
    from l10n.engines.llama import LlamaEngine

    engine = LlamaEngine(weights, n_ctx=N_CTX, batch=1, english_only=False)  # a server is sent no mask
    engine.translate([Request(WARM_UP)])
    return [h[0] for h in engine.translate([Request(s) for s in SENTENCES])]


def test_the_server_drafts_what_the_local_engine_drafts(server, served, local):
    assert [h.text for h in served] == [h.text for h in local]
    assert [h.tokens for h in served] == [h.tokens + server.counts_end_token for h in local]
    assert all(h.text and not any("\u4e00" <= c <= "\u9fff" for c in h.text) for h in served)
    if server.counts_end_token:  # a server that sends log-probabilities gives the local engine's confidence
        assert [h.score for h in served] == pytest.approx([h.score for h in local], abs=1e-3)


def test_concurrent_requests_all_come_back_in_order(server, served):
    engine = remote(server, concurrency=len(SENTENCES))
    in_flight, most, lock = [0], [0], threading.Lock()
    stream = engine.client.stream  # each request reads its reply as a stream (a stalled server cannot hang it)

    @contextlib.contextmanager
    def counted(*args, **kw):
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        try:
            with stream(*args, **kw) as response:
                yield response
        finally:
            with lock:
                in_flight[0] -= 1

    engine.client.stream = counted
    got = engine.translate([Request(s) for s in SENTENCES])
    assert most[0] == len(SENTENCES)  # all sent at once: llama_cpp.server queues them, llama-server decodes them together
    texts = [h[0].text for h in got]
    if server.parallel == 1:  # decoded one after another, as when sent one at a time
        assert texts == [h.text for h in served]
    else:  # decoded together: greedy output may change with the batch (see the module doc), the answers may not
        assert [g in t.lower() for g, t in zip(GIST, texts)] == [True] * len(SENTENCES), texts
        assert all(not any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts)


# --- a server killed mid-bulletin --------------------------------------------------------------

BULLETIN = ["县政府召开常务会议", "", "会议在县城召开。", "县长主持会议。", "会议研究了春耕工作。", "会议强调要做好防汛准备。"]


def drafted(project: Path) -> dict[str, str]:
    """The catalog's drafted entries (context → English); the file must parse."""
    from l10n.catalog import read_catalog
    from l10n.config import load_config

    path = load_config(project / "l10n.toml").catalog_path("county")
    return {e.context: e.translation for e in read_catalog(path).entries if e.translation} if path.exists() else {}


def test_a_server_killed_mid_bulletin_fails_the_draft_cleanly_and_the_next_draft_resumes(server, project):
    with open(project / "l10n.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[engines.openai]\nurl = "{server.url}"\nmodel = "{server.alias}"\nconcurrency = 1\n'
                f'timeout = 300\nretries = 1\nbackoff = 0.2\nextra_body = {{ repeat_penalty = 1.0 }}\n')
    (project / "bulletin.txt").write_text("\n".join(BULLETIN) + "\n", encoding="utf-8")
    ingest = subprocess.run([*CLI, "ingest", "bulletin.txt", "--slug", "county", "--date", "2024-03-01"],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert ingest.returncode == 0, ingest.stderr
    segments = len(BULLETIN) - 1

    # each segment is saved as soon as it is drafted (--batch-size 1); kill the server after two
    first = subprocess.Popen([*CLI, "draft", "county", "--engine", "openai", "--batch-size", "1"], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        began = time.monotonic()
        while len(before := drafted(project)) < 2 and first.poll() is None and time.monotonic() - began < 600:
            time.sleep(0.1)
        assert first.poll() is None, first.communicate()
        server.kill()
        out, err = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 2, err
    assert "Traceback" not in out + err
    said = [line for line in err.splitlines() if line.strip() and not line.startswith("drafting county")]  # the bar's last state
    assert len(said) == 1 and said[0].startswith("Error: ") and "check that the server is running" in said[0], err
    after = drafted(project)
    assert len(before) >= 2 and len(after) < segments
    assert {k: after.get(k) for k in before} == before  # every segment drafted before the kill is kept

    server.start()
    second = subprocess.run([*CLI, "draft", "county", "--engine", "openai", "--batch-size", "1"], cwd=project,
                            capture_output=True, text=True, timeout=900)
    assert second.returncode == 0, second.stderr
    assert f"county: {segments - len(after)} drafted," in second.stdout  # only what was left
    final = drafted(project)
    assert len(final) == segments
    assert {k: final[k] for k in after} == after
