"""The ``openai`` engine: any OpenAI-compatible ``/v1/chat/completions`` endpoint.

A vLLM, TGI or llama.cpp server farm drafts many segments at once: requests go
out with bounded concurrency (a thread pool of ``concurrency`` workers sharing
one ``httpx.Client``), each attempt within a wall-clock deadline of ``timeout``
seconds (connect, send and the whole reply: a server that trickles bytes cannot
hold it longer), and are retried with exponential backoff on timeouts, connection
errors, 429, 5xx and replies far beyond the output limit. The first request that
fails for good stops the rest of its batch at once: a dead endpoint costs one
request's retries, not every segment's. A reply is read with a byte cap
(:func:`reply_cap`), never whole first, and its usage and log-probabilities are
informational: malformed ones are ignored. Prompts and reply
cleaning are those of the llama engine (:mod:`l10n.engines.prompt`), and so is the
output limit (:func:`~l10n.engines.prompt.output_limit` of ``max_tokens``): the same
model behind a server, decoding greedily with the same settings, gives the local
engine's drafts (tests/test_engine_openai_server.py shows it on llama-cpp-python's
server).

Configured in ``l10n.toml``::

    [engines.openai]
    url = "http://gpu-1:8000/v1"   # the base URL; /chat/completions is appended
    model = "qwen2.5-7b-instruct"
    api_key_env = "OPENAI_API_KEY" # the environment variable holding the key (optional)
    concurrency = 8                # requests in flight: the server's parallel slots, summed over the farm
    timeout = 60                   # seconds per attempt, all of it: queueing on the server, the whole reply
    retries = 3                    # extra attempts after the first
    extra_body = { repeat_penalty = 1.0 }  # merged into every request: a server's own sampling keys

``extra_body`` carries what the OpenAI schema has no key for. llama-cpp-python's server
applies ``repeat_penalty = 1.1`` by default even to greedy requests, so it needs
``repeat_penalty = 1.0`` to decode as the local engine does; llama.cpp's ``llama-server``
and vLLM default to no penalty. The OpenAI service itself refuses keys it does not know.
Keys of the request l10n builds (``messages``, ``temperature`` …) cannot be overridden.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

from l10n.engines.base import Hypothesis, Request
from l10n.engines.prompt import build_messages, output_limit, parse_reply
from l10n.engines.work import EngineWork
from l10n.errors import L10nError

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}

#: A reply's text may take this many characters a token of its output limit: a token is a
#: word piece or a CJK character or two, so a longer text was not made within the limit.
CHARS_PER_TOKEN = 16
#: A reply's body may take this many bytes a token of its output limit: the token's text
#: escaped as JSON (``\\uXXXX``, six bytes a CJK character) and its log-probability entry.
#: llama.cpp's ``llama-server`` answers ``logprobs`` with 20 alternatives a token, each with its
#: bytes (measured: 1.8-1.9 kB a token), and ``top_logprobs: 1`` is no remedy: llama-cpp-python's
#: server then refuses the request (its ``logits_all`` is off). Twice that, with room to spare.
BYTES_PER_TOKEN = 4096
#: A reply's body besides its tokens: ids, usage, each choice's keys.
REPLY_SLACK = 64 * 1024


def reply_cap(limit: int, n: int = 1) -> int:
    """The most bytes the reply to a request for *n* choices of at most *limit* tokens
    may take; the rest of a longer one is never read.

    >>> reply_cap(84), reply_cap(512, 2)
    (409600, 4259840)
    """
    return REPLY_SLACK + n * limit * BYTES_PER_TOKEN


class EndpointError(L10nError):
    """The chat endpoint failed, timed out after every retry, or answered something unusable."""


class MalformedReplyError(EndpointError):
    """The endpoint's reply is not an OpenAI chat completion."""


class _Failed(Exception):
    """One attempt failed in a way worth another (the reason is the message)."""


class _Stopped(Exception):
    """Another request of the batch failed for good: this one stops (never reaches the caller)."""


class _Deadline(threading.local):
    """The wall-clock deadline (``time.monotonic()``) of the attempt this thread is making."""

    at: float | None = None


_DEADLINE = _Deadline()


def _before_deadline(timeout: float | None, expired: str) -> float | None:
    """*timeout* (seconds one socket wait may take) cut to what is left of this thread's
    deadline; httpcore's exception *expired* (``ReadTimeout`` …) when nothing is."""
    at = _DEADLINE.at
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        import httpcore

        raise getattr(httpcore, expired)("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream:
    """An httpcore network stream whose every wait ends by the deadline of the request using it.

    httpx's timeouts bound each socket wait, so a server trickling a byte a second would hold
    a request for ever; cut to the deadline, the wait that passes it is a timeout."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _before_deadline(timeout, "ReadTimeout"))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _before_deadline(timeout, "WriteTimeout"))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None) -> "_DeadlineStream":
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _before_deadline(timeout, "ConnectTimeout")))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend:
    """An httpcore network backend whose streams are :class:`_DeadlineStream`."""

    def __init__(self, backend) -> None:
        self._backend = backend

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None) -> _DeadlineStream:
        timeout = _before_deadline(timeout, "ConnectTimeout")
        return _DeadlineStream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(self, path, timeout=None, socket_options=None) -> _DeadlineStream:
        return _DeadlineStream(self._backend.connect_unix_socket(path, _before_deadline(timeout, "ConnectTimeout"), socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _deadline_transport(httpx, limits):
    """httpx's own transport, each socket wait of a request cut to its deadline.

    httpx has no public way to give its connection pool a network backend, so this wraps
    the one the pool holds; were a later httpx to move it, requests would keep httpx's
    per-wait timeouts and :meth:`OpenAIEngine._read`'s own deadline over the body."""
    transport = httpx.HTTPTransport(limits=limits)
    pool = getattr(transport, "_pool", None)
    if getattr(pool, "_network_backend", None) is not None:
        pool._network_backend = _DeadlineBackend(pool._network_backend)
    return transport


class OpenAIEngine:
    """Translate through an OpenAI-compatible chat completions endpoint."""

    name = "openai"

    def __init__(
        self,
        url: str,
        model: str,
        *,
        api_key: str | None = None,
        concurrency: int = 4,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_tokens: int = 512,
        seed: int = 42,
        extra_body: dict | None = None,
        transport=None,
    ) -> None:
        import httpx

        if concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, not {concurrency}")
        base = url.rstrip("/")
        self.endpoint = base if base.endswith("/chat/completions") else f"{base}/chat/completions"
        self.model_id = model
        self.model_sha256 = ""
        self.concurrency = concurrency
        self.batch = concurrency  # what draft's progress shows as decoded together
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_tokens = max_tokens
        self.seed = seed
        self.extra_body = dict(extra_body or {})
        self.work = EngineWork()  # seconds: each request's wall time, so concurrent requests add up to more than the run's
        self._httpx = httpx
        # identity: the byte cap counts what is read, which a compressed reply would multiply
        headers = {"Accept-Encoding": "identity", **({"Authorization": f"Bearer {api_key}"} if api_key else {})}
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        self.client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            limits=limits,
            transport=transport or _deadline_transport(httpx, limits),
        )

    @classmethod
    def from_config(cls, settings: dict, **overrides) -> "OpenAIEngine":
        """Build from an ``[engines.openai]`` table (see the module doc)."""
        merged = {**settings, **{k: v for k, v in overrides.items() if v is not None}}
        url = merged.get("url")
        model = merged.get("model")
        if not url or not model:
            raise EndpointError("The openai engine needs url and model in [engines.openai] of l10n.toml; add them.")
        key_env = merged.get("api_key_env", "OPENAI_API_KEY")
        return cls(
            url,
            model,
            api_key=merged.get("api_key") or os.environ.get(key_env) or None,
            concurrency=int(merged.get("concurrency", 4)),
            timeout=float(merged.get("timeout", 60)),
            retries=int(merged.get("retries", 3)),
            backoff=float(merged.get("backoff", 0.5)),
            max_tokens=int(merged.get("max_tokens", 512)),
            extra_body=merged.get("extra_body"),
        )

    def close(self) -> None:
        self.client.close()

    def _post(self, payload: dict, stop: threading.Event) -> dict:
        """The parsed reply to *payload*. Each attempt has ``timeout`` seconds in all; timeouts,
        broken connections, :data:`RETRY_STATUS` and replies beyond :func:`reply_cap` are tried
        again after a backoff, :class:`_Stopped` as soon as *stop* is set."""
        httpx = self._httpx
        last = ""
        for attempt in range(self.retries + 1):
            if stop.wait(self.backoff * 2 ** (attempt - 1) if attempt else 0):
                raise _Stopped
            _DEADLINE.at = time.monotonic() + self.timeout
            try:
                with self.client.stream("POST", self.endpoint, json=payload) as response:
                    if response.status_code in RETRY_STATUS:
                        last = f"HTTP {response.status_code}"
                        continue
                    body = self._read(response, payload["max_tokens"], payload["n"], stop)
            except httpx.TimeoutException:
                last = "timed out"
                continue
            except httpx.ConnectError as exc:
                last = f"could not connect ({str(exc)[:120] or exc.__class__.__name__})"
                continue
            except httpx.TransportError as exc:
                last = f"the connection broke ({exc.__class__.__name__})"
                continue
            except _Failed as exc:
                last = str(exc)
                continue
            finally:
                _DEADLINE.at = None
            if response.status_code >= 400:
                shown = body[:120].decode("utf-8", "replace").strip()
                raise EndpointError(f"{self.endpoint} answered HTTP {response.status_code} ({shown}); check url, model and API key.")
            try:
                return json.loads(body)
            except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
                raise MalformedReplyError(f"{self.endpoint} did not answer JSON; check that url points at an OpenAI-compatible /v1 endpoint.") from None
        advice = "check that the server is running at that url" if last.startswith("could not connect") else "check the server or raise timeout/retries"
        tries = "once" if not self.retries else f"{self.retries + 1} times"
        raise EndpointError(f"{self.endpoint} failed {tries} (last: {last}); {advice}.")

    def _read(self, response, limit: int, n: int, stop: threading.Event) -> bytes:
        """*response*'s body, read as it comes and never past :func:`reply_cap` bytes.

        A reply far beyond the output limit is refused, not cut: its JSON cut short does not
        parse, and a translation cut at the limit would lack its end with nothing to show it.
        It is a failed attempt like a 5xx (a one-off loop or a proxy's page may not recur), so
        it is tried again, and the request fails for it after its retries."""
        cap = reply_cap(limit, n)
        too_big = f"answered more than {cap:,} bytes, far beyond max_tokens = {limit}"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise _Failed(too_big)
        body = bytearray()
        for chunk in response.iter_raw():
            body += chunk
            if len(body) > cap:
                raise _Failed(too_big)
            if stop.is_set():
                raise _Stopped
            if _DEADLINE.at is not None and time.monotonic() > _DEADLINE.at:  # a transport without the deadline's backend
                raise _Failed("timed out")
        return bytes(body)

    def _one(self, request: Request, n_best: int, stop: threading.Event) -> list[Hypothesis]:
        limit = output_limit(request.source, self.max_tokens)
        payload = {
            **self.extra_body,
            "model": self.model_id,
            "messages": build_messages(request),
            "temperature": 0.0 if n_best == 1 else 0.7,
            "max_tokens": limit,
            "seed": self.seed,
            "n": n_best,
            "logprobs": True,
        }
        started = time.perf_counter()
        data = self._post(payload, stop)
        seconds = time.perf_counter() - started
        try:
            choices = data["choices"]
            if not isinstance(choices, list) or not choices:
                raise TypeError
            hyps = []
            for choice in choices:
                content = choice["message"]["content"]
                if not isinstance(content, str):
                    raise TypeError
                hyps.append((content, choice))
        except (KeyError, TypeError, IndexError):
            raise MalformedReplyError(
                f"{self.endpoint} answered without choices[].message.content; check that it is an OpenAI-compatible chat endpoint."
            ) from None
        longest = max(len(content) for content, _ in hyps)
        if longest > CHARS_PER_TOKEN * limit:  # refused, not cut: see _read
            raise MalformedReplyError(
                f"{self.endpoint} answered {longest:,} characters where max_tokens = {limit} allows about {CHARS_PER_TOKEN * limit:,}; "
                "check that the server honours max_tokens."
            )
        usage = data.get("usage")
        usage_tokens = _completion_tokens(usage, most=(limit + 1) * len(hyps))
        prompt_tokens = _count(usage, "prompt_tokens", most=MAX_PROMPT_TOKENS)
        cached = _count(data.get("timings"), "cache_n", most=prompt_tokens)  # llama-server's: the prompt's tokens it kept
        self.work.record(None, (), usage_tokens, seconds, prompt_tokens=prompt_tokens, reused=cached, cause=request.cause)
        out = []
        for content, choice in hyps:
            logprobs = _token_logprobs(choice)
            tokens = len(logprobs) if logprobs else usage_tokens // len(hyps)
            score = sum(logprobs) / len(logprobs) if logprobs else math.nan
            out.append(Hypothesis(parse_reply(content), score=score, tokens=tokens, seconds=seconds / len(hyps)))
        unique: dict[str, Hypothesis] = {}
        for h in out:
            unique.setdefault(h.text, h)
        ranked = list(unique.values())
        if n_best > 1:
            ranked.sort(key=lambda h: -h.score if not math.isnan(h.score) else math.inf)
        return ranked[:n_best]

    def translate(self, requests: Sequence[Request], *, n_best: int = 1) -> list[list[Hypothesis]]:
        """Translate *requests* with at most ``concurrency`` in flight; results keep their order.

        The first request to fail for good fails the call at once: the requests not yet
        sent are dropped, those in flight stop at their next step, so a dead or stalled
        endpoint costs one request's attempts, not every request's."""
        if n_best < 1:
            raise ValueError(f"n_best must be at least 1, not {n_best}")
        if not requests:
            return []
        stop = threading.Event()

        def one(request: Request) -> list[Hypothesis]:
            try:
                return self._one(request, n_best, stop)
            except BaseException:
                stop.set()  # before this worker takes the next request
                raise

        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, len(requests)))
        try:
            futures = [pool.submit(one, r) for r in requests]
            wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f.exception() for f in futures if f.done() and f.exception() is not None), None)
            if failed is not None:
                raise failed
            return [f.result() for f in futures]
        finally:
            stop.set()
            pool.shutdown(wait=False, cancel_futures=True)


def _completion_tokens(usage, most: int) -> int:
    """``usage.completion_tokens`` when it is a count of at most *most* tokens, else 0 (unknown):
    usage is informational, and a malformed one is no reason to refuse the reply.

    >>> [_completion_tokens(u, 100) for u in ({"completion_tokens": 7}, {"completion_tokens": 7.0}, "lots",
    ...  {"completion_tokens": "x"}, None, [7], {"completion_tokens": -1}, {"completion_tokens": 10**30},
    ...  {"completion_tokens": 7.5}, {"completion_tokens": float("inf")}, {"completion_tokens": True})]
    [7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    return _count(usage, "completion_tokens", most)


MAX_PROMPT_TOKENS = 1 << 20
"""The most prompt tokens a server's count is believed up to (a larger one is no count)."""


def _count(block, key: str, most: int) -> int:
    """``block[key]`` when *block* is a mapping and that a count of at most *most*, else 0 (unknown)."""
    count = block.get(key) if isinstance(block, dict) else None
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= most:
        return 0
    return count


def _logprob(value) -> float | None:
    """*value* as a token's log-probability: a finite number, at most 0 (None if it is none)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        value = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return min(value, 0.0) if math.isfinite(value) else None


def _token_logprobs(choice: dict) -> list[float]:
    """Per-token log-probabilities from an OpenAI ``logprobs`` block, if the server sent one
    (entries that are not finite numbers are left out)."""
    block = choice.get("logprobs")
    if not isinstance(block, dict):
        return []
    content = block.get("content")
    if isinstance(content, list):
        values = [t.get("logprob") for t in content if isinstance(t, dict)]
    elif isinstance(block.get("token_logprobs"), list):  # completions-style servers
        values = block["token_logprobs"]
    else:
        return []
    return [v for v in map(_logprob, values) if v is not None]
