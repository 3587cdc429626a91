"""An OpenAI-compatible server on 127.0.0.1 for a test or a benchmark: llama-cpp-python's own
(:class:`LlamaServer`) or llama.cpp's C++ ``llama-server`` (:class:`CppLlamaServer`).

Shared by tests/test_engine_openai_server.py and bench/server.py. Both are started with the
settings the local llama engine uses (:class:`~l10n.engines.llama.LlamaEngine`): the GGUF's
own chat template, the same context size (per slot), seed and threads, no mlock.

llama-cpp-python's server: ``logits_all`` off (its default is on: an ``n_ctx × n_vocab``
float array, 2.5 GB at 4,096 cells, and logits computed for every prompt token; the openai
engine asks for no ``top_logprobs``, so nothing needs them). Its one sampling difference, a
``repeat_penalty`` default of 1.1 even for greedy requests, is the client's to set: the
openai engine's ``extra_body = {repeat_penalty = 1.0}`` (:data:`SAME_AS_LOCAL`).
llama-cpp-python 0.3.36's server decodes one request at a time (one ``Llama`` object behind
a lock; it has no ``--parallel`` or slot option): concurrent requests queue on the server.

The C++ ``llama-server`` is built from the llama.cpp vendored in the pinned llama-cpp-python
sdist by scripts/build_llama_server.sh (found through ``$L10N_LLAMA_SERVER`` or at
:data:`CPP_BINARY`; its CUDA build, ``CUDA=1``, at :data:`CPP_CUDA_BINARY`, is passed as
*binary*). With ``--parallel N`` it decodes N requests together, one slot each;
``-c`` is the KV cache of all slots, so it is N × the per-slot context. ``-ngl`` is
*gpu_layers*, 0 by default: llama.cpp's own default (``auto``) would offload every layer
a CUDA build finds room for, so the device is always the caller's choice. Also set to match
llama-cpp-python's ``Llama`` defaults: ``--jinja`` (the GGUF's Jinja template), flash
attention off, batch and micro-batch 512; its sampling defaults already have no repeat
penalty. Its ``/v1/models`` answers 503 until the model is loaded. It counts the end-of-turn
token as a completion token (llama-cpp-python does not), and returns log-probabilities
(its last entry is that end token's, which the local engine's score includes too).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SAME_AS_LOCAL = {"repeat_penalty": 1.0}
"""The ``[engines.openai] extra_body`` that makes the server's greedy decoding the local engine's."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CPP_ENV = "L10N_LLAMA_SERVER"
CPP_BINARY = Path.home() / ".cache" / "l10n" / "bin" / "llama-server"
"""Where scripts/build_llama_server.sh installs the C++ server (a link to the pinned version's binary)."""
CPP_CUDA_BINARY = CPP_BINARY.with_name("llama-server-cuda")
"""Where ``CUDA=1 scripts/build_llama_server.sh`` installs the CUDA build (a link, like :data:`CPP_BINARY`)."""


def cpp_binary() -> Path | None:
    """The C++ ``llama-server`` to run: ``$L10N_LLAMA_SERVER`` if set, else :data:`CPP_BINARY`; None if absent."""
    path = Path(os.environ.get(CPP_ENV) or CPP_BINARY).expanduser()
    return path if path.is_file() and os.access(path, os.X_OK) else None


def available() -> bool:
    """Whether llama-cpp-python's server extra (uvicorn, fastapi, sse-starlette …) is installed."""
    try:
        import llama_cpp.server.app  # noqa: F401
    except ImportError:
        return False
    return True


class LlamaServer:
    """``python -m llama_cpp.server`` on *port*; :meth:`start` waits until ``/v1/models`` answers.

    *n_ctx* is the context of one request (of each slot, where the server has several).

    ``startup_s`` is how long the last start took (process start, model load, first answer).
    """

    name = "llama_cpp.server"
    parallel = 1
    """Requests the server decodes together."""
    counts_end_token = False
    """Whether ``usage.completion_tokens`` (and the ``logprobs`` list) count the end-of-turn token."""

    def __init__(self, model: Path | str, *, port: int | None = None, n_ctx: int = 4096, seed: int = 42,
                 threads: int = 0, alias: str = "local-gguf", log: Path | None = None) -> None:
        self.model = str(model)
        self.port = port or free_port()
        self.n_ctx, self.seed = n_ctx, seed
        self.threads = threads or os.cpu_count() or 1
        self.alias = alias
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.startup_s = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "llama_cpp.server", "--model", self.model, "--model_alias", self.alias,
                "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", str(self.n_ctx), "--seed", str(self.seed),
                "--n_threads", str(self.threads), "--n_threads_batch", str(self.threads),
                "--logits_all", "False", "--use_mlock", "False", "--verbose", "False"]

    def start(self, timeout: float = 180.0) -> "LlamaServer":
        import httpx

        began = time.perf_counter()
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(self.command(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            if self.log:
                out.close()
        while time.perf_counter() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} while starting (log: {self.log})")
            try:
                if httpx.get(f"{self.url}/models", timeout=2.0).status_code == 200:
                    self.startup_s = time.perf_counter() - began
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s")

    def kill(self) -> None:
        """SIGKILL: the server dies as a crashed or preempted one would, mid-request."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "LlamaServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class CppLlamaServer(LlamaServer):
    """llama.cpp's C++ ``llama-server`` (*binary*, default :func:`cpp_binary`) with *parallel* slots
    of *n_ctx* cells each and *gpu_layers* layers offloaded to the GPU (0: all on the CPU)."""

    name = "llama-server"
    counts_end_token = True

    def __init__(self, model: Path | str, *, parallel: int = 1, gpu_layers: int = 0, binary: Path | str | None = None,
                 **kw) -> None:
        super().__init__(model, **kw)
        if parallel < 1:
            raise ValueError(f"parallel must be at least 1, not {parallel}")
        if gpu_layers < 0:
            raise ValueError(f"gpu_layers must be 0 or more, not {gpu_layers}")
        self.parallel, self.gpu_layers = parallel, gpu_layers
        found = binary or cpp_binary()
        if found is None:
            raise FileNotFoundError(f"no llama-server at ${CPP_ENV} or {CPP_BINARY}; run scripts/build_llama_server.sh")
        self.binary = str(found)

    def command(self) -> list[str]:
        return [self.binary, "--model", self.model, "--alias", self.alias, "--host", "127.0.0.1", "--port", str(self.port),
                "--parallel", str(self.parallel), "--ctx-size", str(self.n_ctx * self.parallel), "--seed", str(self.seed),
                "--n-gpu-layers", str(self.gpu_layers),
                "--threads", str(self.threads), "--threads-batch", str(self.threads), "--jinja",
                "--flash-attn", "off", "--batch-size", "512", "--ubatch-size", "512", "--no-webui"]


SERVERS = {"python": LlamaServer, "cpp": CppLlamaServer}
"""The servers by the name bench/server.py's ``--server`` takes."""
