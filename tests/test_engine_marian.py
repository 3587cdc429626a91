"""The marian engine on a tiny random MarianMT: transformers and CTranslate2 agree."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

pytest.importorskip("transformers")
pytest.importorskip("ctranslate2")
sys.path.insert(0, str(Path(__file__).parent))

from tiny_marian import build_tiny_marian  # noqa: E402

from l10n.engines.base import Hypothesis, Request  # noqa: E402
from l10n.engines.marian import MarianEngine, convert_to_ct2, ct2_dir  # noqa: E402
from l10n.terms import Rendering  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses")

SOURCES = ["会议由市委史志研究室主任李成明主持。", "国务院办公厅印发了通知。", "娄烦县召开经济工作会议。"]


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    return build_tiny_marian(tmp_path_factory.mktemp("tiny") / "tiny-marian")


@pytest.fixture(scope="session")
def ct2_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ct2cache")


@pytest.fixture(scope="session")
def hf_engine(tiny_marian):
    return MarianEngine(tiny_marian, fast=False, beam_size=1, max_length=12)


@pytest.fixture(scope="session")
def ct2_engine(tiny_marian, ct2_cache):
    return MarianEngine(tiny_marian, fast=True, compute_type="float32", cache=ct2_cache, beam_size=1, max_length=12)


def test_tiny_model_has_pad_last_and_a_real_sentencepiece_vocabulary(tiny_marian):
    from transformers import MarianTokenizer

    tok = MarianTokenizer.from_pretrained(str(tiny_marian))
    vocab = tok.get_vocab()
    assert max(vocab.values()) == vocab["<pad>"] == len(vocab) - 1
    assert tok.convert_ids_to_tokens(tok.encode("会议"))[-1] == "</s>"


def test_transformers_and_ctranslate2_give_the_same_greedy_tokens(hf_engine, ct2_engine):
    hf = hf_engine.generate(SOURCES, beams=1, n_best=1)
    ct = ct2_engine.generate(SOURCES, beams=1, n_best=1)
    assert [h[0][0] for h in hf] == [c[0][0] for c in ct]
    for (_, hf_score), (_, ct_score) in ((h[0], c[0]) for h, c in zip(hf, ct)):
        assert hf_score < 0 and ct_score < 0
        assert math.isclose(hf_score, ct_score, abs_tol=0.05)


def test_translate_returns_n_best_sorted_by_score(hf_engine, ct2_engine):
    for engine in (hf_engine, ct2_engine):
        results = engine.translate([Request(s) for s in SOURCES], n_best=3)
        assert len(results) == len(SOURCES)
        for hyps in results:
            assert 1 <= len(hyps) <= 3 and all(isinstance(h, Hypothesis) for h in hyps)
            scores = [h.score for h in hyps]
            assert scores == sorted(scores, reverse=True)
            assert all(h.tokens > 0 and h.seconds > 0 and h.text for h in hyps)


def test_same_translation_through_both_paths(hf_engine, ct2_engine):
    requests = [Request(s) for s in SOURCES]
    assert [h[0].text for h in hf_engine.translate(requests)] == [h[0].text for h in ct2_engine.translate(requests)]


def test_required_rendering_moves_a_covering_hypothesis_first(ct2_engine):
    hyps = ct2_engine.translate([Request(SOURCES[0])], n_best=4)[0]
    assert len(hyps) > 1
    # Require a word only the lowest-scored hypothesis contains: it must come first.
    last_words = set(hyps[-1].text.split()) - set(hyps[0].text.split())
    pieces = sorted(last_words) or [hyps[-1].text]
    required = (Rendering("会议", pieces[0]),)
    ranked = ct2_engine.translate([Request(SOURCES[0], required=required)], n_best=4)[0]
    assert pieces[0].lower() in ranked[0].text.lower()


def test_conversion_is_cached_and_reused(tiny_marian, ct2_cache, ct2_engine):
    target = ct2_dir(tiny_marian, ct2_cache, "float32")
    assert ct2_engine.ct2_path == target and (target / "model.bin").is_file()
    mtime = (target / "model.bin").stat().st_mtime_ns
    assert convert_to_ct2(tiny_marian, ct2_cache, "float32") == target
    assert (target / "model.bin").stat().st_mtime_ns == mtime


def test_int8_fast_path_translates(tiny_marian, ct2_cache):
    engine = MarianEngine(tiny_marian, fast=True, compute_type="int8", cache=ct2_cache, beam_size=1, max_length=8)
    hyps = engine.translate([Request(SOURCES[1])])[0]
    assert hyps[0].text and hyps[0].score < 0
    assert engine.ct2_path.name.endswith("-int8")


def test_load_engine_runs_a_registered_marian_model(tiny_marian, tmp_path, monkeypatch):
    import shutil

    from l10n.config import Config
    from l10n.engines import load_engine

    cache = tmp_path / "cache"
    shutil.copytree(tiny_marian, cache / "tiny-marian")
    monkeypatch.setenv("L10N_CACHE_DIR", str(cache))
    models = tmp_path / "models"
    models.mkdir()
    (models / "tiny-marian.toml").write_text('engine = "marian"\nfile = "tiny-marian"\ndirectory = true\nrequired_files = ["config.json"]\n')
    cfg = Config(root=tmp_path, engines={"marian": {"beam_size": 1, "max_length": 6}})
    engine = load_engine("tiny-marian", cfg, fast=True, compute_type="float32")
    assert (engine.name, engine.model_id) == ("marian", "tiny-marian")
    assert engine.translate([Request(SOURCES[2])])[0][0].tokens == 6
    assert load_engine("marian", cfg, fast=False).model_id == "tiny-marian"
