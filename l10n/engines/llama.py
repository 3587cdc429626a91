"""The ``llama`` engine: an instruction model in GGUF run by llama-cpp-python.

Decisions, measured with llama-cpp-python 0.3.36:

* The chat template is the GGUF's own (``create_chat_completion`` with no
  ``chat_format`` reads ``tokenizer.chat_template`` from the file).
* Every prompt starts with the same system message, so consecutive calls share
  a token prefix; ``Llama.generate`` keeps the KV cache of the longest common
  prefix with the previous call and evaluates only the rest. No
  ``LlamaRAMCache`` is needed for that (it snapshots whole states per prompt,
  which costs memory and buys nothing when only the prefix repeats).
* ``logprobs=True`` in the library needs ``logits_all=True``, which keeps an
  ``n_ctx × n_vocab`` float array (≈2.5 GB for Qwen's 151,936-token vocabulary
  at 4,096 context) and computes logits for every prompt token. Instead a
  logits processor records the log-softmax of each step's raw logits and reads
  off the chosen token's log-probability at the next step: the mean is
  :attr:`Hypothesis.score`.
* A reply may not write a token of a character from U+3000 on (Han, CJK punctuation,
  kana, Hangul, full-width forms: :func:`non_english_tokens`, 34,537 of Qwen's tokens), so
  the model translates a word it would have left in Chinese, with the whole sentence
  before it, instead of drafting's leftover-fragment questions translating it out of
  context afterwards. Measured with ``bench/calls.py`` on the tuning half (124 lines, 2
  cores): first drafts leaving Chinese fell from 29 to 0, engine requests per segment
  from 1.93 to 1.56, total time from 445 s to 419 s, and chrF2 rose from 57.85 to 58.14
  (term accuracy 0.9767 → 0.9721, one term). The log-probabilities recorded stay the
  model's own over the whole vocabulary, so a word forced into English scores low.
  ``plain`` requests (the baseline) are not masked, nor is the ``openai`` engine (a
  server is sent no such mask).
* Decoding is greedy (temperature 0) with a fixed seed: the same input gives the
  same draft. ``n_best > 1`` adds hypotheses sampled at temperature 0.7 with
  seeds ``seed+1``, ``seed+2`` …, deduplicated; the greedy one stays first,
  the rest follow by score.
* Several requests with ``n_best == 1`` are decoded together (``batch`` of them, default
  :func:`~l10n.engines.batch.default_batch`): a second llama.cpp context holds one
  sequence per request in a unified KV cache; the prompts' common token prefix (the
  system prompt and house examples) is evaluated once into sequence 0, kept across
  calls, and copied to every sequence; each step decodes one token of every live
  sequence, and a finished sequence's slot takes the next request at once
  (:func:`~l10n.engines.batch.greedy_batch`). Decoding on a CPU is bound by
  memory bandwidth, so the weights read for one step serve the whole batch. The prompt
  tokens are those ``create_chat_completion`` builds from the GGUF's template; llama.cpp's
  batched matrix products may differ from the one-sequence ones in the last bits, so a
  greedy output can differ where two tokens are close (as the one-at-a-time path's own
  output differs between a fresh context and a reused prefix). ``batch = 1`` keeps the
  one-at-a-time path. Measured on 2 idle cores (bench/engines.py, 8 dev-set prompts),
  output tokens/s were 21.0, 22.5, 24.9, 24.7 at batch 1, 2, 4, 8: here decoding is
  nearly compute-bound, so batching gains little; on a busier or wider machine more.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import time
from collections.abc import Sequence
from pathlib import Path

from l10n.engines.base import Hypothesis, Request
from l10n.engines.batch import common_prefix, default_batch, greedy_batch
from l10n.engines.prompt import build_messages, output_limit, parse_reply, reply_start
from l10n.engines.work import EngineWork
from l10n.errors import L10nError


class LlamaUnavailableError(L10nError):
    """llama-cpp-python is not installed."""


class _LogprobRecorder:
    """A llama-cpp logits processor that records the chosen tokens' log-probabilities, and
    keeps the tokens *forbidden* (a boolean mask over the vocabulary) from being chosen. A
    log-probability is the model's own, over the whole vocabulary: where the model would
    have written a forbidden token, the token it writes instead scores low."""

    def __init__(self, forbidden=None) -> None:
        import numpy as np

        self._np = np
        self.forbidden = forbidden
        self.pending = None
        self.logprobs: list[float] = []

    def __call__(self, input_ids, logits):
        np = self._np
        if self.pending is not None and len(input_ids):
            self.logprobs.append(float(self.pending[int(input_ids[-1])]))
        top = float(logits.max())
        lse = top + math.log(float(np.exp(logits - top).sum()))
        self.pending = logits - lse
        if self.forbidden is not None:
            logits = np.where(self.forbidden, -np.inf, logits)
        return logits

    def finish(self, greedy: bool) -> list[float]:
        """The recorded log-probabilities; with greedy decoding the last (end) token's too."""
        if greedy and self.pending is not None:
            allowed = self.pending if self.forbidden is None else self.pending[~self.forbidden]
            self.logprobs.append(float(allowed.max()))
        self.pending = None
        return self.logprobs


_BEYOND_ENGLISH = 0xE3
"""UTF-8 lead bytes from this one up start the characters from U+3000 on: CJK punctuation,
kana, Han ideographs, Hangul, the full-width forms. None belongs in an English edition, and
everything one uses (Latin letters with their accents, Ü, the dashes and quotes, ellipsis) lies
below U+3000."""


def non_english_tokens(pieces) -> "numpy.ndarray":
    """A boolean mask over the vocabulary whose *pieces* (each token's bytes, in id order) are
    given: true where a token writes any byte of a character from U+3000 on, a whole Han
    character or the start of one.

    >>> non_english_tokens([b"the", "主旨".encode(), b"\\xe4\\xb8", b"\\xbb", "é".encode(), "—".encode()]).tolist()
    [False, True, True, False, False, False]
    """
    import numpy as np

    return np.array([any(byte >= _BEYOND_ENGLISH for byte in piece) for piece in pieces], dtype=bool)


def built_with_amx(system_info: bytes | str) -> bool:
    """Whether llama.cpp's ``llama_print_system_info()`` says it was compiled with the AMX
    kernels (``AMX_INT8 = 1``), which crash on some Xeon CPUs: a segfault in
    ``ggml_backend_amx_mul_mat`` at the first prompt of more than one token (llama.cpp issue
    20824). ``make demo`` builds without them; a plain ``pip install llama-cpp-python`` on such a
    CPU compiles them in (``-march=native``).

    >>> built_with_amx(b"CPU : SSE3 = 1 | AVX512 = 1 | AMX_INT8 = 1 | REPACK = 1 | ")
    True
    >>> built_with_amx(b"CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 1 | REPACK = 1 | "), built_with_amx("AMX_INT8 = 0")
    (False, False)
    """
    text = system_info.decode("utf-8", "replace") if isinstance(system_info, bytes) else system_info
    return "AMX_INT8 = 1" in text


@contextlib.contextmanager
def _without_extra_buffers(llama_cpp):
    """While a ``Llama`` loads in this block, its model parameters leave out llama.cpp's extra
    CPU buffer types (``use_extra_bufts = false``): the weights stay in plain CPU buffers, so
    neither the AMX kernels (:func:`built_with_amx`) nor weight repacking run on them.
    llama-cpp-python 0.3.36 has no argument for it, so the default parameters it asks for are
    changed for the length of the load."""
    default = llama_cpp.llama_model_default_params

    def params():
        p = default()
        p.use_extra_bufts = False
        return p

    llama_cpp.llama_model_default_params = params
    try:
        yield
    finally:
        llama_cpp.llama_model_default_params = default


class LlamaEngine:
    """Translate with a local GGUF instruction model."""

    name = "llama"
    adaptive = False  # True: threads follow the cores other programs leave free (threads = 0)

    def __init__(
        self,
        model_path: Path | str,
        *,
        model_id: str = "",
        model_sha256: str = "",
        threads: int = 0,
        n_ctx: int = 4096,
        max_tokens: int = 512,
        seed: int = 42,
        batch: int = 0,
        english_only: bool = True,
        verbose: bool = False,
    ) -> None:
        try:
            from llama_cpp import Llama, LogitsProcessorList
        except ImportError:
            raise LlamaUnavailableError(
                "The llama engine needs llama-cpp-python; run `pip install 'l10n[llama]'` (it compiles for about 10 minutes)."
            ) from None
        self.model_id = model_id or Path(model_path).stem
        self.model_sha256 = model_sha256
        self.seed = seed
        self.max_tokens = max_tokens
        self._processors = LogitsProcessorList
        from l10n.engines.threads import free_cores

        self.adaptive = not threads  # 0: the cores other programs leave free, looked at before each batch
        self.threads = threads or free_cores()
        import llama_cpp.llama as llama_module

        # A build with the AMX kernels crashes on some CPUs (built_with_amx): load the weights
        # where those kernels never run, at the cost of weight repacking.
        self.without_amx = built_with_amx(llama_module.llama_cpp.llama_print_system_info())
        guard = _without_extra_buffers(llama_module.llama_cpp) if self.without_amx else contextlib.nullcontext()
        with guard:
            self.llm = Llama(
                model_path=str(model_path),
                n_ctx=n_ctx,
                n_threads=self.threads,
                n_threads_batch=self.threads,  # prompt processing too: llama-cpp-python's default is every core
                seed=seed,
                verbose=verbose,
            )
        self.batch = batch or default_batch()
        self._formatter = _template_formatter(self.llm)
        if self._formatter is None:
            self.batch = 1
        self._decoder: _LlamaBatchDecoder | None = None
        self._sequences = self.batch
        self.english_only = english_only
        self._non_english = None
        self.work = EngineWork()

    def _forbidden(self, request: Request):
        """The tokens *request*'s reply may not write: with ``english_only``, those of the
        characters no English edition holds (:func:`non_english_tokens`), so the model
        translates a word it would have left in Chinese; none for a ``plain`` request, the
        bare baseline."""
        if not self.english_only or request.plain:
            return None
        if self._non_english is None:
            import llama_cpp

            vocab, buf = self.llm._model.vocab, ctypes.create_string_buffer(256)
            pieces = []
            for token in range(self.llm.n_vocab()):
                n = llama_cpp.llama_token_to_piece(vocab, token, buf, len(buf), 0, True)
                pieces.append(buf.raw[:n] if n > 0 else b"")
            self._non_english = non_english_tokens(pieces)
        return self._non_english

    def _complete(self, request: Request, *, temperature: float, seed: int, max_tokens: int) -> Hypothesis:
        """One reply to *request*: by the GGUF's chat template (``create_chat_completion``), or,
        when the reply has a start written for it (:func:`~l10n.engines.prompt.reply_start`),
        by completing the template's prompt after that start."""
        recorder = _LogprobRecorder(self._forbidden(request))
        sampling = dict(
            temperature=temperature,
            top_p=1.0 if temperature == 0 else 0.95,
            top_k=0 if temperature == 0 else 40,
            min_p=0.0,
            repeat_penalty=1.0,
            seed=seed,
            max_tokens=max_tokens,
            logits_processor=self._processors([recorder]),
        )
        prompt = self.prompt_tokens(request) if self._formatter is not None else None
        held = list(self.llm.input_ids) if prompt is not None else []
        started = time.perf_counter()
        start = reply_start(request) if self._formatter is not None else ""
        if start:
            reply = self.llm.create_completion(prompt=prompt, **sampling)
            text = start + reply["choices"][0]["text"]
        else:
            reply = self.llm.create_chat_completion(messages=build_messages(request), **sampling)
            text = reply["choices"][0]["message"]["content"] or ""
        seconds = time.perf_counter() - started
        usage = reply.get("usage", {})
        self.work.record(prompt, held, int(usage.get("completion_tokens", 0)), seconds, prompt_tokens=int(usage.get("prompt_tokens", 0)),
                         cause=request.cause)
        logprobs = recorder.finish(greedy=temperature == 0)
        tokens = int(usage.get("completion_tokens", len(logprobs)))
        score = sum(logprobs) / len(logprobs) if logprobs else math.nan
        return Hypothesis(parse_reply(text), score=score, tokens=tokens, seconds=seconds)

    def translate(self, requests: Sequence[Request], *, n_best: int = 1) -> list[list[Hypothesis]]:
        """Translate *requests*: decoded together, ``batch`` at a time, when ``n_best`` is 1
        and batching is on; else each in turn."""
        if n_best < 1:
            raise ValueError(f"n_best must be at least 1, not {n_best}")
        if requests:
            self.follow_the_load()
        if n_best == 1 and self.batch > 1 and requests:
            return [[h] for h in self._translate_batched(requests)]
        return [self._translate_one(request, n_best) for request in requests]

    def follow_the_load(self) -> None:
        """With ``threads = 0``, use the cores other programs leave free now (:func:`l10n.engines.threads.free_cores`)."""
        if self.adaptive:
            from l10n.engines.threads import free_cores

            self.use_threads(free_cores())

    def use_threads(self, n: int) -> None:
        """Decode with *n* threads from now on, for generation and prompts alike, in both contexts."""
        if n == self.threads:
            return
        import llama_cpp

        self.threads = n
        for ctx in (self.llm.ctx, self._decoder.ctx if self._decoder is not None else None):
            if ctx:
                llama_cpp.llama_set_n_threads(ctx, n, n)

    def _translate_one(self, request: Request, n_best: int) -> list[Hypothesis]:
        limit = output_limit(request.source, self.max_tokens)
        best = self._complete(request, temperature=0.0, seed=self.seed, max_tokens=limit)
        hyps = [best]
        seen = {best.text}
        for k in range(1, 2 * n_best):  # a few extra draws: samples often repeat the greedy text
            if len(hyps) >= n_best:
                break
            alt = self._complete(request, temperature=0.7, seed=self.seed + k, max_tokens=limit)
            if alt.text not in seen:
                seen.add(alt.text)
                hyps.append(alt)
        return [best] + sorted(hyps[1:], key=lambda h: -h.score if not math.isnan(h.score) else math.inf)

    def prompt_tokens(self, request: Request) -> list[int]:
        """The tokens evaluated for *request*: what ``create_chat_completion`` builds from the
        GGUF's chat template, then the start of the reply if it has one (:func:`reply_start`)."""
        if self._formatter is None:
            raise RuntimeError("the model has no chat template in its GGUF")
        rendered = self._formatter(messages=build_messages(request))
        prompt = rendered.prompt + reply_start(request)
        return self.llm.tokenize(prompt.encode("utf-8"), add_bos=not rendered.added_special, special=True)

    def _translate_batched(self, requests: Sequence[Request]) -> list[Hypothesis]:
        import llama_cpp

        prompts = [self.prompt_tokens(r) for r in requests]
        limits = [output_limit(r.source, self.max_tokens) for r in requests]
        if self._decoder is None:
            self._sequences = max(self.batch, self._sequences)  # a later, lower batch uses fewer of them
            self._decoder = _LlamaBatchDecoder(self.llm, sequences=self._sequences, n_ctx=max(self.llm.n_ctx(), 2048 * self._sequences))
            llama_cpp.llama_set_n_threads(self._decoder.ctx, self.threads, self.threads)  # the load's, not the model's start
        decoder = self._decoder
        vocab = self.llm._model.vocab
        alone = [i for i, p in enumerate(prompts) if len(p) + limits[i] > decoder.capacity]  # too long to share
        together = [i for i in range(len(requests)) if i not in alone]
        out: list[Hypothesis | None] = [None] * len(requests)
        for i in alone:
            out[i] = self._translate_one(requests[i], 1)[0]  # llama-cpp says what is wrong
        if together:
            started = time.perf_counter()
            generated = greedy_batch(decoder, [prompts[i] for i in together], [limits[i] for i in together],
                                     lambda t: bool(llama_cpp.llama_vocab_is_eog(vocab, t)),
                                     slots=min(self.batch, self._sequences), capacity=decoder.capacity,
                                     forbidden=[self._forbidden(requests[i]) for i in together])
            spent = time.perf_counter() - started
            shared = len(decoder.prefix)  # evaluated once for them all, less what the decoder held already
            prompt_tokens = sum(len(prompts[i]) for i in together)
            prefilled = shared - decoder.kept + sum(len(prompts[i]) - shared for i in together)
            self.work.add([requests[i].cause for i in together], prompt_tokens, prompt_tokens - prefilled,
                          sum(len(g.tokens) for g in generated), spent)
            seconds = spent / len(together)
            for i, g in zip(together, generated):
                text = reply_start(requests[i]) + self.llm.detokenize(g.tokens).decode("utf-8", errors="ignore")
                out[i] = Hypothesis(parse_reply(text), score=g.score, tokens=len(g.tokens), seconds=seconds)
        return out  # type: ignore[return-value]


def _template_formatter(llm):
    """The formatter ``create_chat_completion`` uses for *llm* when that is the GGUF's own
    chat template (the only case batching builds prompts for), else None."""
    if llm.chat_format != "chat_template.default" or llm.chat_handler is not None:
        return None
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    eos, bos = llm.token_eos(), llm.token_bos()
    return Jinja2ChatFormatter(
        template=llm.metadata["tokenizer.chat_template"],
        eos_token=llm._model.token_get_text(eos) if eos != -1 else "",
        bos_token=llm._model.token_get_text(bos) if bos != -1 else "",
        stop_token_ids=[eos],
    )


class _LlamaBatchDecoder:
    """A :class:`~l10n.engines.batch.Decoder` on a second llama.cpp context of *llm*'s model:
    sequence 0 keeps the shared prompt prefix between calls, sequence ``s + 1`` decodes slot ``s``."""

    def __init__(self, llm, *, sequences: int, n_ctx: int) -> None:
        import llama_cpp
        import numpy as np

        self._c, self._np = llama_cpp, np
        params = type(llm.context_params).from_buffer_copy(llm.context_params)
        params.n_ctx = n_ctx
        params.n_seq_max = sequences + 1
        params.kv_unified = True  # the shared prefix's cells serve every sequence
        self.ctx = llama_cpp.llama_init_from_model(llm.model, params)
        if not self.ctx:
            raise RuntimeError(f"llama.cpp could not make a context of {n_ctx} cells for {sequences} sequences")
        self.memory = llama_cpp.llama_get_memory(self.ctx)
        self.sequences = sequences
        self.capacity = llama_cpp.llama_n_ctx(self.ctx)
        self.n_batch = llama_cpp.llama_n_batch(self.ctx)
        self.batch = llama_cpp.llama_batch_init(self.n_batch, 0, 1)
        self.n_vocab = llm.n_vocab()
        self.prefix: list[int] = []
        self.kept = 0  # of the prefix last shared, the tokens the cache held already
        self.positions: dict[int, int] = {}
        llm._stack.callback(self._free)  # freed with llm's own context, before its model

    def _free(self) -> None:
        if self.ctx:
            self._c.llama_batch_free(self.batch)
            self._c.llama_free(self.ctx)
            self.ctx = None

    def share(self, prefix):
        c = self._c
        for seq in range(1, self.sequences + 1):  # the last call's, however many it had
            c.llama_memory_seq_rm(self.memory, seq, -1, -1)
        self.positions = {}
        keep = common_prefix([self.prefix, prefix])
        if keep < len(self.prefix):
            c.llama_memory_seq_rm(self.memory, 0, keep, -1)
        self.prefix, self.kept = list(prefix[:keep]), keep
        self._decode([(t, keep + j, 0, False) for j, t in enumerate(prefix[keep:])])
        self.prefix = list(prefix)

    def step(self, tokens, prompts):
        c, shared = self._c, len(self.prefix)
        for slot in [s for s in self.positions if s not in tokens and s not in prompts]:  # finished: free its cells
            c.llama_memory_seq_rm(self.memory, slot + 1, -1, -1)
            del self.positions[slot]
        items = []
        for slot, token in tokens.items():
            items.append((token, self.positions[slot], slot + 1, True))
            self.positions[slot] += 1
        for slot, prompt in prompts.items():
            c.llama_memory_seq_rm(self.memory, slot + 1, -1, -1)
            c.llama_memory_seq_cp(self.memory, 0, slot + 1, -1, -1)
            items += [(t, shared + j, slot + 1, shared + j == len(prompt) - 1) for j, t in enumerate(prompt[shared:])]
            self.positions[slot] = len(prompt)
        rows = self._decode(items)
        return {seq - 1: row for seq, row in rows.items()}

    def _decode(self, items) -> dict:
        """Evaluate *items* ``(token, position, sequence, wants logits)`` in chunks of the
        context's batch size; the logits asked for, by sequence."""
        c, np, b = self._c, self._np, self.batch
        rows = {}
        for start in range(0, len(items), self.n_batch):
            chunk = items[start : start + self.n_batch]
            for k, (token, pos, seq, wants) in enumerate(chunk):
                b.token[k], b.pos[k], b.n_seq_id[k], b.logits[k] = token, pos, 1, wants
                b.seq_id[k][0] = seq
            b.n_tokens = len(chunk)
            status = c.llama_decode(self.ctx, b)
            if status != 0:
                c.llama_memory_clear(self.memory, True)
                self.prefix = []
                raise RuntimeError(f"llama_decode failed ({status}): the batch does not fit the context")
            for k, (_, _, seq, wants) in enumerate(chunk):
                if wants:
                    rows[seq] = np.ctypeslib.as_array(c.llama_get_logits_ith(self.ctx, k), shape=(self.n_vocab,)).copy()
        return rows
