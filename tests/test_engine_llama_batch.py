"""Batched greedy decoding (l10n.engines.batch) against a scripted decoder, and the llama
engine's choice of path; the real model's batched = sequential check is marked ``model``."""

from __future__ import annotations

import math

import pytest

from l10n.engines.base import Request
from l10n.engines.batch import common_prefix, default_batch, greedy_batch, pick

VOCAB = 10
EOS, EOT = 8, 9  # two end tokens, as Qwen has <|endoftext|> and <|im_end|>


def one_hot(token: int, margin: float = 5.0) -> list[float]:
    row = [0.0] * VOCAB
    row[token] = margin
    return row


class ScriptedDecoder:
    """Prompt ``[k, …]`` continues with ``SCRIPTS[k]`` (then EOS forever); records what it is
    asked, and checks the cells in use never pass *capacity*."""

    def __init__(self, scripts: dict[int, list[int]], *, capacity: int = 10_000):
        self.scripts = scripts
        self.capacity = capacity
        self.shared: list[int] | None = None
        self.slots: dict[int, tuple[list[int], int]] = {}  # slot → (prompt, tokens made)
        self.steps: list[tuple[dict, list]] = []  # (tokens fed by slot, prompt first tokens started)
        self.most_cells = 0

    def share(self, prefix):
        assert self.shared is None, "the prefix is shared once per call"
        self.shared = list(prefix)

    def _row(self, slot: int):
        prompt, made = self.slots[slot]
        script = self.scripts[prompt[-1]]
        return one_hot(script[made] if made < len(script) else EOS)

    def step(self, tokens, prompts):
        assert tokens or prompts, "a step does something"
        assert not set(tokens) & set(prompts)
        self.steps.append((dict(tokens), [p[-1] for p in prompts.values()]))
        for slot in [s for s in self.slots if s not in tokens and s not in prompts]:
            del self.slots[slot]  # finished
        for slot, token in tokens.items():
            prompt, made = self.slots[slot]
            script = self.scripts[prompt[-1]]
            assert token == script[made], "fed the token it chose"
            self.slots[slot] = (prompt, made + 1)
        for slot, prompt in prompts.items():
            assert list(prompt[: len(self.shared)]) == self.shared
            self.slots[slot] = (list(prompt), 0)
        used = len(self.shared) + sum(len(p) - len(self.shared) + made + 1 for p, made in self.slots.values())
        self.most_cells = max(self.most_cells, used)
        assert used <= self.capacity
        return {slot: self._row(slot) for slot in [*tokens, *prompts]}


def is_end(token: int) -> bool:
    return token in (EOS, EOT)


# Prompts are [0, k]: a shared token, then k, which picks the script.
CASES = [
    # (scripts by prompt, prompts, limits, slots, expected tokens, expected reasons)
    ({1: [3, 4, EOS], 2: [5, EOT]}, [[0, 1], [0, 2]], [10, 10], 4, [[3, 4], [5]], ["stop", "stop"]),
    ({1: [3, 4, 5, 6, EOS]}, [[0, 1], [0, 1]], [2, 10], 4, [[3, 4], [3, 4, 5, 6]], ["length", "stop"]),
    ({1: [EOT], 2: [7, 7, 7, EOS]}, [[0, 1], [0, 2]], [5, 5], 1, [[], [7, 7, 7]], ["stop", "stop"]),
    ({1: [3, EOS]}, [[0, 1]], [0], 2, [[]], ["length"]),
    ({1: [3, 3, 3], 2: [4, EOS], 3: [5, 5, EOS]}, [[0, 3], [0, 1], [0, 2]], [8, 3, 8], 2,
     [[5, 5], [3, 3, 3], [4]], ["stop", "length", "stop"]),
]


@pytest.mark.parametrize("scripts,prompts,limits,slots,tokens,reasons", CASES)
def test_each_sequence_stops_on_its_own_and_results_keep_the_prompts_order(scripts, prompts, limits, slots, tokens, reasons):
    decoder = ScriptedDecoder(scripts)
    out = greedy_batch(decoder, prompts, limits, is_end, slots=slots, capacity=1000)
    assert [g.tokens for g in out] == tokens
    assert [g.reason for g in out] == reasons
    # a log-probability for every token chosen: the end token's too, none past a limit
    assert [len(g.logprobs) for g in out] == [len(t) + (r == "stop") for t, r in zip(tokens, reasons)]
    assert decoder.shared == [0]


def test_a_finished_sequence_is_not_fed_again_and_its_slot_takes_the_next_prompt():
    decoder = ScriptedDecoder({1: [3, EOS], 2: [4, 4, 4, EOS], 5: [6, EOS]})
    out = greedy_batch(decoder, [[0, 1], [0, 2], [0, 5]], [10, 10, 10], is_end, slots=2, capacity=1000)
    assert [g.tokens for g in out] == [[3], [4, 4, 4], [6]]
    assert decoder.steps == [
        ({}, [1, 2]),  # two slots: the first two prompts start
        ({0: 3, 1: 4}, []),
        ({1: 4}, [5]),  # prompt 1 ended (EOS): its slot starts the third prompt in the same pass
        ({1: 4, 0: 6}, []),
    ]


def test_a_prompt_waits_until_its_cells_fit_beside_the_running_ones():
    # each sequence: 1 own prompt token + limit 4 = 5 cells, the shared prefix 1: two fit in 11, not three
    decoder = ScriptedDecoder({1: [3, 3, 3, 3], 2: [4, EOS], 5: [6, EOS]}, capacity=11)
    out = greedy_batch(decoder, [[0, 1], [0, 2], [0, 5]], [4, 4, 4], is_end, slots=3, capacity=11)
    assert [g.tokens for g in out] == [[3, 3, 3, 3], [4], [6]]
    assert decoder.steps[0] == ({}, [1, 2])
    assert decoder.most_cells <= 11


def test_nothing_to_decode_asks_the_decoder_nothing_and_a_prompt_too_long_is_refused():
    decoder = ScriptedDecoder({})
    assert greedy_batch(decoder, [], [], is_end, slots=4, capacity=100) == []
    assert decoder.shared is None and decoder.steps == []
    with pytest.raises(ValueError, match="one output limit per prompt"):
        greedy_batch(decoder, [[1]], [], is_end, slots=4, capacity=100)
    with pytest.raises(ValueError, match="prompt 1 needs 105 cells, more than the 100"):
        greedy_batch(decoder, [[0, 1], [0] * 100], [3, 5], is_end, slots=4, capacity=100)
    assert decoder.steps == []


def test_score_is_the_mean_log_probability_of_the_chosen_tokens():
    out = greedy_batch(ScriptedDecoder({1: [3, EOS]}), [[0, 1]], [5], is_end, slots=1, capacity=100)[0]
    expected = -math.log((VOCAB - 1) / math.exp(5) + 1)  # log-softmax of the 5.0 entry
    assert out.score == pytest.approx(expected)
    assert math.isnan(greedy_batch(ScriptedDecoder({1: [3]}), [[0, 1]], [0], is_end, slots=1, capacity=100)[0].score)


@pytest.mark.parametrize("logits,token", [([0.0, 1.0, 1.0], 1), ([3.0, -1.0], 0), ([-5.0, -4.0, -6.0], 1)])
def test_pick_is_greedy_and_takes_the_first_of_equal_maxima(logits, token):
    assert pick(logits)[0] == token
    assert pick(logits)[1] <= 0


class FixedRowDecoder:
    """Every slot's next-token logits are always *row*."""

    def __init__(self, row):
        self.row = row

    def share(self, prefix):
        pass

    def step(self, tokens, prompts):
        return {slot: self.row for slot in [*tokens, *prompts]}


def test_each_sequence_keeps_clear_of_its_own_forbidden_tokens():
    row = [0.0] * VOCAB
    row[3], row[EOS] = 2.0, 1.0  # the model's favourite is 3, then the end
    forbid_3 = [t == 3 for t in range(VOCAB)]
    out = greedy_batch(FixedRowDecoder(row), [[0, 1], [0, 2]], [2, 2], is_end, slots=2, capacity=100,
                       forbidden=[forbid_3, None])
    assert [(g.tokens, g.reason) for g in out] == [([], "stop"), ([3, 3], "length")]
    # the end token's log-probability is the model's own, over the whole vocabulary
    assert out[0].logprobs == [pytest.approx(pick(row)[1] - 1.0)]


@pytest.mark.parametrize("seqs,n", [([[1, 2, 3], [1, 2, 3, 4]], 3), ([[1], [2]], 0), ([[1, 2]], 2), ([[], [1]], 0)])
def test_common_prefix(seqs, n):
    assert common_prefix(seqs) == n


@pytest.mark.parametrize("cores,mb,batch", [(1, 16000, 4), (2, 16000, 4), (4, 16000, 4), (8, 16000, 8), (64, 900, 3), (2, 10, 1)])
def test_default_batch_follows_cores_and_memory(cores, mb, batch):
    assert default_batch(cores, mb) == batch


def _bare_engine(batch: int):
    """A LlamaEngine without a model, its two paths replaced by recorders."""
    from l10n.engines.base import Hypothesis
    from l10n.engines.llama import LlamaEngine

    engine = LlamaEngine.__new__(LlamaEngine)
    engine.batch = batch
    calls: list[tuple] = []
    engine._translate_batched = lambda reqs: calls.append(("batched", len(reqs))) or [Hypothesis(r.source) for r in reqs]
    engine._translate_one = lambda req, n: calls.append(("one", n)) or [Hypothesis(req.source)] * n
    return engine, calls


@pytest.mark.parametrize(
    "batch,n,n_best,calls",
    [
        (4, 3, 1, [("batched", 3)]),
        (4, 1, 1, [("batched", 1)]),  # one request too: the batch context keeps the shared prefix
        (4, 2, 2, [("one", 2), ("one", 2)]),  # n-best samples stay on the one-at-a-time path
        (1, 2, 1, [("one", 1), ("one", 1)]),  # batch = 1: batching off
        (4, 0, 1, []),
    ],
)
def test_the_engine_batches_greedy_requests_only(batch, n, n_best, calls):
    engine, seen = _bare_engine(batch)
    out = engine.translate([Request(f"句{i}") for i in range(n)], n_best=n_best)
    assert seen == calls
    assert [hyps[0].text for hyps in out] == [f"句{i}" for i in range(n)]
    assert all(len(hyps) == n_best for hyps in out)


class _TemplateLlm:
    """What the one-at-a-time path asks of llama-cpp's Llama, recorded: a chat completion for
    messages, a plain completion for a prompt of tokens (here the prompt's bytes)."""

    def __init__(self):
        self.asked: list[tuple[str, object]] = []
        self.input_ids: list[int] = []  # what the context holds: nothing, for these

    def tokenize(self, data: bytes, add_bos: bool, special: bool) -> list[int]:
        return list(data)

    def create_chat_completion(self, messages, **sampling):
        self.asked.append(("chat", messages))
        return {"choices": [{"message": {"content": "The meeting was held."}}], "usage": {"completion_tokens": 5}}

    def create_completion(self, prompt, **sampling):
        self.asked.append(("completion", bytes(prompt).decode("utf-8")))
        return {"choices": [{"text": 'theme"'}], "usage": {"completion_tokens": 2}}


class _Rendered:
    def __init__(self, messages):
        self.prompt = "".join(f"<{m['role']}>{m['content']}" for m in messages) + "<assistant>"
        self.added_special = True


@pytest.mark.parametrize("fragment,asked,text,tokens", [
    (True, "completion", 'In the sentence above, the Chinese words «主旨» mean, in English: "theme"', 2),
    (False, "chat", "The meeting was held.", 5),
])
def test_a_fragment_reply_is_completed_after_the_start_the_engine_writes(fragment, asked, text, tokens):
    from l10n.engines.llama import EngineWork, LlamaEngine

    engine = LlamaEngine.__new__(LlamaEngine)
    engine.llm, engine._formatter, engine._processors = _TemplateLlm(), _Rendered, lambda processors: processors
    engine.english_only, engine.work = False, EngineWork()
    request = Request("主旨", context="发表主旨讲话。", fragment=True) if fragment else Request("会议召开。")
    hypothesis = engine._complete(request, temperature=0.0, seed=1, max_tokens=20)
    [(kind, prompt)] = engine.llm.asked
    assert kind == asked and (hypothesis.text, hypothesis.tokens) == (text, tokens)
    assert (engine.work.requests, engine.work.prompt_tokens, engine.work.reused_tokens) == (1, len(engine.prompt_tokens(request)), 0)
    if fragment:  # the template's prompt, then the start of the reply the model continues
        assert prompt.endswith('«主旨» mean, in English:<assistant>In the sentence above, the Chinese words «主旨» mean, in English: "')


def test_the_one_at_a_time_path_keeps_clear_of_forbidden_tokens_and_records_the_models_own_log_probabilities():
    import numpy as np

    from l10n.engines.llama import _LogprobRecorder

    forbidden = np.array([False, True, False, False])
    recorder = _LogprobRecorder(forbidden)
    first = np.array([1.0, 5.0, 2.0, 0.0])  # the model's favourite is forbidden
    allowed = recorder(np.array([7]), first)
    assert allowed.argmax() == 2 and allowed[1] == -np.inf and first[1] == 5.0  # the logits given are not changed
    recorder(np.array([7, 2]), np.array([0.0, 0.0, 0.0, 3.0]))
    logprobs = recorder.finish(greedy=True)
    lse = np.log(np.exp(first).sum())
    assert logprobs[0] == pytest.approx(2.0 - lse)  # over the whole vocabulary, the forbidden token too
    assert logprobs[1] == pytest.approx(3.0 - np.log(np.exp([0.0, 0.0, 0.0, 3.0]).sum()))
    assert _LogprobRecorder()(np.array([7]), first) is first  # nothing forbidden: the logits pass as they are


@pytest.mark.parametrize("piece,forbidden", [
    ("the", False), (" Committee", False), ("é", False), ("Ü", False), ("—", False), ("“", False), ("…", False),
    ("·", False), ("主旨", True), ("，", True), ("。", True), ("、", True), ("「", True), ("ア", True), ("한", True),
    ("﨑", True), ("𠀋", True), (" 会议", True), ("2024年", True),
])
def test_the_tokens_an_english_reply_may_not_write(piece, forbidden):
    from l10n.engines.llama import non_english_tokens

    assert non_english_tokens([piece.encode()]).tolist() == [forbidden]
    if forbidden:  # a token holding only the first bytes of such a character is forbidden too
        assert non_english_tokens([piece.encode()[:-1]]).tolist() == [True]


QWEN = "qwen2.5-coder-1.5b-instruct-q4_k_m"
SENTENCES = ["会议在北京召开。", "市委书记主持会议。", "全市经济运行总体平稳。", "他强调，要抓好安全生产工作。"]


@pytest.fixture
def qwen(monkeypatch):
    """The default model in the llama engine, four slots batched; skipped without its weights."""
    pytest.importorskip("llama_cpp")
    monkeypatch.delenv("L10N_CACHE_DIR", raising=False)
    from l10n import registry
    from l10n.engines.llama import LlamaEngine

    entry = registry.get_entry(QWEN)
    if not registry.is_present(entry):
        pytest.skip("the default model's weights are not pulled (l10n models pull)")
    return LlamaEngine(registry.model_path(entry), batch=4, n_ctx=2048)


@pytest.mark.model
def test_batched_greedy_equals_sequential_greedy_on_the_real_model(qwen):
    """The batched machinery (the GGUF template's tokens, the shared prefix, the stops, the
    log-probabilities) gives what create_chat_completion gives from a fresh context, to the
    token, one slot at a time and four at a time.

    Greedy llama.cpp output is exact only for the same grouping of tokens into matrix
    products: measured on this machine (llama-cpp-python 0.3.36, 2 cores), the fourth
    sentence here comes out "He emphasized that safety work must be strengthened." from
    create_chat_completion when the previous call's prefix is reused, and "… he must
    strengthen safety production work." from a fresh context or another order of calls.
    So some drafts differ from run to run of the one-at-a-time path already; bench/engines.py
    counts how many differ between the two paths over the dev set."""
    engine = qwen
    requests = [Request(s) for s in SENTENCES]
    engine.batch = 1  # the one-at-a-time path, create_chat_completion, each from a fresh context
    fresh = []
    for request in requests:
        engine.llm.reset()
        fresh.append(engine.translate([request])[0][0])
    engine.batch = 4
    one_slot = [engine._translate_batched([r])[0] for r in requests]
    batched = [h[0] for h in engine.translate(requests)]
    for got in (one_slot, batched):
        assert [h.text for h in got] == [h.text for h in fresh]
        assert [h.tokens for h in got] == [h.tokens for h in fresh]
        assert [h.score for h in got] == pytest.approx([h.score for h in fresh], abs=0.05)


@pytest.mark.parametrize("text,batch", [("", 1), ("[draft]\nbatch = 0\n", 0), ("[draft]\nbatch = 6\n", 6)])
def test_draft_batch_is_read_from_l10n_toml_and_reaches_the_llama_engine(tmp_path, monkeypatch, text, batch):
    from l10n import registry
    from l10n.config import load_config
    from l10n.engines import llama, load_engine
    from l10n.registry import ModelEntry

    (tmp_path / "l10n.toml").write_text(text, encoding="utf-8")
    cfg = load_config(tmp_path / "l10n.toml")
    assert cfg.batch == batch
    seen = {}

    class Recorder:
        def __init__(self, path, **options):
            seen.update(options)

    monkeypatch.setattr(registry, "get_entry", lambda name, models_dir=None: ModelEntry(id=name, engine="llama", file="m.gguf"))
    monkeypatch.setattr(registry, "model_path", lambda entry: tmp_path / "m.gguf")
    monkeypatch.setattr(llama, "LlamaEngine", Recorder)
    load_engine("some-gguf", cfg)
    assert seen["batch"] == batch


@pytest.mark.parametrize(
    "text,message",
    [
        ("[draft]\nbatch = -1\n", "[draft] batch must be at least 0, not -1."),
        ("[draft]\nbatch = 65\n", "[draft] batch must be at most 64, not 65."),
        ("[draft]\nbatch = true\n", "[draft] batch must be int, not True."),
        ("[draft]\nbatch = '4'\n", "[draft] batch must be int, not '4'."),
        ("[draft]\nbatches = 4\n", "[draft] batches is not a setting of l10n.toml; did you mean batch?"),
    ],
)
def test_a_bad_draft_batch_is_refused_in_one_sentence(tmp_path, text, message):
    from l10n.config import load_config
    from l10n.errors import ConfigError

    (tmp_path / "l10n.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path / "l10n.toml")
    assert message in str(error.value) and "\n" not in str(error.value)


FRAGMENTS = [("主旨", "习近平总书记发表主旨讲话。"), ("志书", "要确保志书质量。"), ("初心", "不忘初心，牢记使命。")]


@pytest.mark.model
def test_a_fragment_reply_starts_after_the_echo_of_its_question_on_both_paths(qwen):
    """The model answers a fragment's question by repeating it first; the engine writes that
    start for it (prompt.reply_start), so the model adds only the English: a few tokens, the
    same on the one-at-a-time and the batched path, and the reply reads as before."""
    from l10n.draft.edits import fragment_english

    engine = qwen
    requests = [Request(phrase, context=sentence, fragment=True) for phrase, sentence in FRAGMENTS]
    engine.batch = 1
    one = [engine.translate([r])[0][0] for r in requests]
    engine.batch = 4
    batched = [h[0] for h in engine.translate(requests)]
    for got in (one, batched):
        assert all(h.text.startswith("In the sentence above, the Chinese words «") for h in got)
        assert all(h.tokens <= 8 for h in got), [h.tokens for h in got]
        english = [fragment_english(phrase, h.text) for (phrase, _), h in zip(FRAGMENTS, got)]
        assert all(e and e.isascii() for e in english), english
    assert [h.text for h in batched] == [h.text for h in one]


LEFT_IN_CHINESE = ["外方高度评价他在论坛上的主旨讲话。", "全体党员重温入党誓词。", "他参加了专题民主生活会。"]


@pytest.mark.model
def test_the_model_writes_english_where_it_would_have_left_chinese_on_both_paths(qwen):
    """Unmasked, the default model leaves a word in Chinese in each of these ("his主旨 speech",
    measured with llama-cpp-python 0.3.36); with the non-English tokens forbidden it writes
    English instead, one request at a time and batched."""
    from l10n.lexicon import HAN_RUN

    engine = qwen
    requests = [Request(s) for s in LEFT_IN_CHINESE]
    engine.batch, engine.english_only = 1, False
    assert all(HAN_RUN.search(h[0].text) for h in engine.translate(requests))
    engine.english_only = True
    for batch in (1, 4):
        engine.batch = batch
        drafts = [h[0] for h in engine.translate(requests)]
        assert all(h.text and not HAN_RUN.search(h.text) for h in drafts), [h.text for h in drafts]
        assert all(h.score < 0 for h in drafts)


def test_the_extra_buffer_guard_changes_the_default_parameters_only_while_loading():
    """A build with AMX kernels loads its weights without llama.cpp's extra CPU buffer types
    (where the AMX kernels run); the module's own function is back after the load, whatever
    happened in it."""
    import types

    from l10n.engines.llama import _without_extra_buffers

    def default():
        return types.SimpleNamespace(use_extra_bufts=True, n_gpu_layers=0)

    module = types.SimpleNamespace(llama_model_default_params=default)
    with _without_extra_buffers(module):
        inside = module.llama_model_default_params()
    assert (inside.use_extra_bufts, inside.n_gpu_layers) == (False, 0)
    assert module.llama_model_default_params is default and default().use_extra_bufts is True
    with pytest.raises(RuntimeError), _without_extra_buffers(module):
        raise RuntimeError("the model failed to load")
    assert module.llama_model_default_params is default


@pytest.mark.model
def test_an_amx_build_drafts_the_same_with_its_weights_in_plain_buffers(monkeypatch):
    """The guard's path on the real model: said to be an AMX build, the engine loads the
    weights without extra buffers (llama.cpp takes the parameter) and drafts what the usual
    load drafts. On an AMX build the usual load would crash at the first prompt; this machine's
    build has no AMX kernels, so both loads run."""
    pytest.importorskip("llama_cpp")
    monkeypatch.delenv("L10N_CACHE_DIR", raising=False)
    import llama_cpp.llama as llama_module

    from l10n import registry
    from l10n.engines.llama import LlamaEngine

    entry = registry.get_entry(QWEN)
    if not registry.is_present(entry):
        pytest.skip("the default model's weights are not pulled (l10n models pull)")
    requests = [Request("会议在北京召开。"), Request("王毅向记者介绍了会谈情况。")]
    usual = LlamaEngine(registry.model_path(entry), batch=1, n_ctx=1024)
    assert usual.without_amx is False
    expected = [h[0].text for h in usual.translate(requests)]
    del usual
    asked = []
    default = llama_module.llama_cpp.llama_model_default_params
    monkeypatch.setattr(llama_module.llama_cpp, "llama_print_system_info", lambda: b"CPU : AVX512 = 1 | AMX_INT8 = 1 | ")

    def recording():
        params = default()
        asked.append(params)
        return params

    monkeypatch.setattr(llama_module.llama_cpp, "llama_model_default_params", recording)
    guarded = LlamaEngine(registry.model_path(entry), batch=1, n_ctx=1024)
    assert guarded.without_amx is True and [p.use_extra_bufts for p in asked] == [False]
    assert [h[0].text for h in guarded.translate(requests)] == expected


@pytest.mark.model
def test_threads_follow_the_cores_other_programs_leave_free(qwen, monkeypatch):
    """``threads = 0``: before each batch the engine sets both contexts (generation and prompt
    threads) to the cores free then; a fixed ``threads`` is never changed."""
    import llama_cpp

    from l10n.engines import threads

    def in_use() -> set[tuple[int, int]]:
        contexts = [qwen.llm.ctx] + ([qwen._decoder.ctx] if qwen._decoder is not None else [])
        return {(llama_cpp.llama_n_threads(c), llama_cpp.llama_n_threads_batch(c)) for c in contexts}

    assert qwen.adaptive
    for free in (1, 2, 1):
        monkeypatch.setattr(threads, "free_cores", lambda: free)
        qwen.translate([Request(s) for s in SENTENCES[:2]])
        assert qwen._decoder is not None and (qwen.threads, in_use()) == (free, {(free, free)})
    qwen.adaptive = False  # as threads = N
    monkeypatch.setattr(threads, "free_cores", lambda: 2)
    qwen.translate([Request(SENTENCES[0])])
    assert in_use() == {(1, 1)}


@pytest.mark.model
def test_the_engine_counts_its_work_one_request_at_a_time(qwen):
    """EngineWork: each request's prompt tokens, those reused from the KV cache (the system prompt
    and the house examples, shared from the second request on), the tokens generated, the seconds."""
    qwen.batch = 1
    before = qwen.work.requests
    qwen.translate([Request(SENTENCES[0])])
    first = (qwen.work.prompt_tokens, qwen.work.reused_tokens)
    qwen.translate([Request(SENTENCES[1])])
    work = qwen.work
    assert work.requests - before == 2 and work.generated_tokens > 0 and work.seconds > 0
    second_prompt, second_reused = work.prompt_tokens - first[0], work.reused_tokens - first[1]
    assert second_prompt > 100 and second_prompt - 40 < second_reused < second_prompt  # only the sentence's part is new
