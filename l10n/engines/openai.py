"""The ``openai`` engine: any OpenAI-compatible ``/v1/chat/completions`` endpoint.

A vLLM, TGI or llama.cpp server farm drafts many segments at once: requests go
out with bounded concurrency (a thread pool of ``concurrency`` workers sharing
one ``httpx.Client``), each with a timeout, and are retried with exponential
backoff on timeouts, connection errors, 429 and 5xx. Prompts and reply
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
    timeout = 60                   # seconds per request, queueing on the server included
    retries = 3                    # extra attempts after the first
    extra_body = { repeat_penalty = 1.0 }  # merged into every request: a server's own sampling keys

``extra_body`` carries what the OpenAI schema has no key for. llama-cpp-python's server
applies ``repeat_penalty = 1.1`` by default even to greedy requests, so it needs
``repeat_penalty = 1.0`` to decode as the local engine does; llama.cpp's ``llama-server``
and vLLM default to no penalty. The OpenAI service itself refuses keys it does not know.
Keys of the request l10n builds (``messages``, ``temperature`` …) cannot be overridden.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from l10n.engines.base import Hypothesis, Request
from l10n.engines.prompt import build_messages, output_limit, parse_reply
from l10n.errors import L10nError

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class EndpointError(L10nError):
    """The chat endpoint failed, timed out after every retry, or answered something unusable."""


class MalformedReplyError(EndpointError):
    """The endpoint's reply is not an OpenAI chat completion."""


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
        self.retries = retries
        self.backoff = backoff
        self.max_tokens = max_tokens
        self.seed = seed
        self.extra_body = dict(extra_body or {})
        self._httpx = httpx
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            transport=transport,
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

    def _post(self, payload: dict) -> dict:
        httpx = self._httpx
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.client.post(self.endpoint, json=payload)
            except httpx.TimeoutException:
                last = "timed out"
                continue
            except httpx.TransportError as exc:
                last = f"could not connect ({exc.__class__.__name__})"
                continue
            if response.status_code in RETRY_STATUS:
                last = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise EndpointError(
                    f"{self.endpoint} answered HTTP {response.status_code} ({response.text[:120].strip()}); check url, model and API key."
                )
            try:
                return response.json()
            except ValueError:
                raise MalformedReplyError(f"{self.endpoint} did not answer JSON; check that url points at an OpenAI-compatible /v1 endpoint.") from None
        raise EndpointError(f"{self.endpoint} failed {self.retries + 1} times (last: {last}); check the server or raise timeout/retries.")

    def _one(self, request: Request, n_best: int) -> list[Hypothesis]:
        payload = {
            **self.extra_body,
            "model": self.model_id,
            "messages": build_messages(request),
            "temperature": 0.0 if n_best == 1 else 0.7,
            "max_tokens": output_limit(request.source, self.max_tokens),
            "seed": self.seed,
            "n": n_best,
            "logprobs": True,
        }
        started = time.perf_counter()
        data = self._post(payload)
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
        usage = data.get("usage") or {}
        out = []
        for content, choice in hyps:
            logprobs = _token_logprobs(choice)
            tokens = len(logprobs) if logprobs else int(usage.get("completion_tokens", 0)) // max(1, len(hyps))
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
        """Translate *requests* with at most ``concurrency`` in flight; results keep their order."""
        if n_best < 1:
            raise ValueError(f"n_best must be at least 1, not {n_best}")
        if not requests:
            return []
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(requests))) as pool:
            return list(pool.map(lambda r: self._one(r, n_best), requests))


def _token_logprobs(choice: dict) -> list[float]:
    """Per-token log-probabilities from an OpenAI ``logprobs`` block, if the server sent one."""
    block = choice.get("logprobs")
    if not isinstance(block, dict):
        return []
    content = block.get("content")
    if isinstance(content, list):
        return [float(t["logprob"]) for t in content if isinstance(t, dict) and isinstance(t.get("logprob"), (int, float))]
    legacy = block.get("token_logprobs")  # completions-style servers
    if isinstance(legacy, list):
        return [float(x) for x in legacy if isinstance(x, (int, float))]
    return []
