"""The ``marian`` engine: a MarianMT model through transformers, or CTranslate2 int8.

With ``fast=True`` (the default when ctranslate2 is installed) the model
directory is converted once with ``ctranslate2.converters.TransformersConverter``
into ``<cache>/ct2/<name>-<hash>-<quantization>`` and reused on later runs;
otherwise ``AutoModelForSeq2SeqLM.generate`` runs it in fp32.

Neither path has positive lexical constraints (transformers 5 removed
constrained beam search; CTranslate2 never had it), so required renderings are
honoured by n-best selection: when a request carries required renderings the
beam is widened to ``constraint_beam`` and the hypotheses are ordered by how
many required targets they contain, then by score. Without required renderings
the n-best list is ordered by score alone.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from l10n.engines.base import Hypothesis, Request
from l10n.errors import L10nError


class MarianUnavailableError(L10nError):
    """transformers/torch/sentencepiece are not installed."""


def model_dir_hash(model_dir: Path) -> str:
    """A short content hash of a model directory (file names, sizes and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(model_dir).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(model_dir)).encode())
        digest.update(str(path.stat().st_size).encode())
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:16]


def ct2_dir(model_dir: Path, cache: Path, quantization: str) -> Path:
    """Where the CTranslate2 conversion of *model_dir* is cached."""
    return cache / "ct2" / f"{Path(model_dir).name}-{model_dir_hash(model_dir)}-{quantization}"


def convert_to_ct2(model_dir: Path, cache: Path, quantization: str = "int8") -> Path:
    """Convert *model_dir* for CTranslate2 once; later calls return the cached result."""
    target = ct2_dir(model_dir, cache, quantization)
    if (target / "model.bin").is_file():
        return target
    from ctranslate2.converters import TransformersConverter

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        TransformersConverter(str(model_dir)).convert(str(staging / "model"), quantization=quantization, force=True)
        if target.exists():  # a concurrent run finished first
            return target
        os.replace(staging / "model", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _coverage(text: str, request: Request) -> int:
    low = text.lower()
    return sum(
        any(form.lower() in low for form in (r.target, *r.variants)) for r in request.required if r.enforced
    )


class MarianEngine:
    """Translate with a MarianMT model directory (saved with ``save_pretrained``)."""

    name = "marian"

    def __init__(
        self,
        model_dir: Path | str,
        *,
        model_id: str = "",
        model_sha256: str = "",
        fast: bool | None = None,
        compute_type: str = "int8",
        cache: Path | None = None,
        threads: int = 0,
        batch_size: int = 16,
        beam_size: int = 4,
        constraint_beam: int = 8,
        max_length: int = 256,
    ) -> None:
        try:
            from transformers import MarianTokenizer
        except ImportError:
            raise MarianUnavailableError(
                "The marian engine needs transformers, torch and sentencepiece; run `pip install 'l10n[marian]'`."
            ) from None
        self.model_dir = Path(model_dir)
        self.model_id = model_id or self.model_dir.name
        self.model_sha256 = model_sha256
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.constraint_beam = constraint_beam
        self.max_length = max_length
        self.threads = threads or os.cpu_count() or 1
        import warnings

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
            self.tokenizer = MarianTokenizer.from_pretrained(str(self.model_dir))
        if fast is None:
            try:
                import ctranslate2  # noqa: F401

                fast = True
            except ImportError:
                fast = False
        self.fast = fast
        if fast:
            import ctranslate2

            if cache is None:
                from l10n.registry import cache_dir

                cache = cache_dir()
            self.ct2_path = convert_to_ct2(self.model_dir, Path(cache), compute_type)
            self.translator = ctranslate2.Translator(
                str(self.ct2_path), device="cpu", compute_type=compute_type, intra_threads=self.threads
            )
        else:
            import torch
            from transformers import AutoModelForSeq2SeqLM

            torch.set_num_threads(self.threads)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(str(self.model_dir)).eval()

    # ------------------------------------------------------------------ decoding

    def generate(self, sources: Sequence[str], *, beams: int, n_best: int, min_length: int = 0) -> list[list[tuple[list[int], float]]]:
        """Decode a batch; for each source up to *n_best* ``(token ids, mean logprob)``, best first."""
        if self.fast:
            return self._generate_ct2(sources, beams=beams, n_best=n_best, min_length=min_length)
        return self._generate_hf(sources, beams=beams, n_best=n_best, min_length=min_length)

    def _generate_hf(self, sources, *, beams, n_best, min_length):
        import torch

        batch = self.tokenizer(list(sources), return_tensors="pt", padding=True, truncation=True, max_length=512)
        with torch.inference_mode():
            out = self.model.generate(
                **batch,
                num_beams=beams,
                num_return_sequences=n_best,
                max_new_tokens=min_length or self.max_length,
                min_new_tokens=min_length,
                # CTranslate2 stops at the limit without forcing </s>; do the same so both paths agree
                forced_eos_token_id=None,
                do_sample=False,
                early_stopping=beams > 1,
                output_scores=True,
                return_dict_in_generate=True,
            )
        seqs = out.sequences
        if beams > 1:
            scores = out.sequences_scores.tolist()
        else:
            steps = self.model.compute_transition_scores(seqs, out.scores, normalize_logits=True)
            scores = []
            for row, seq in zip(steps, seqs):
                live = [float(s) for s, t in zip(row, seq[1:]) if int(t) != self.tokenizer.pad_token_id and math.isfinite(float(s))]
                scores.append(sum(live) / len(live) if live else math.nan)
        results = []
        for i in range(len(sources)):
            hyps = []
            for j in range(n_best):
                ids = [int(t) for t in seqs[i * n_best + j] if int(t) != self.tokenizer.pad_token_id]
                hyps.append((ids, float(scores[i * n_best + j])))
            results.append(hyps)
        return results

    def _generate_ct2(self, sources, *, beams, n_best, min_length):
        tokens = [self.tokenizer.convert_ids_to_tokens(self.tokenizer.encode(s, truncation=True, max_length=512)) for s in sources]
        out = self.translator.translate_batch(
            tokens,
            beam_size=beams,
            num_hypotheses=n_best,
            return_scores=True,
            length_penalty=1.0,  # scores become sum(logprob) / length: the mean per token
            max_decoding_length=min_length or self.max_length,
            min_decoding_length=max(1, min_length),
            max_batch_size=self.batch_size,
        )
        results = []
        for res in out:
            hyps = []
            for toks, score in zip(res.hypotheses, res.scores):
                hyps.append((self.tokenizer.convert_tokens_to_ids(toks), float(score)))
            results.append(hyps)
        return results

    # ------------------------------------------------------------------ engine

    def translate(self, requests: Sequence[Request], *, n_best: int = 1) -> list[list[Hypothesis]]:
        """Translate in batches of ``batch_size``; see the module doc for required renderings."""
        if n_best < 1:
            raise ValueError(f"n_best must be at least 1, not {n_best}")
        results: list[list[Hypothesis]] = []
        for start in range(0, len(requests), self.batch_size):
            chunk = requests[start : start + self.batch_size]
            constrained = any(r.required for r in chunk)
            wide = max(n_best, self.constraint_beam if constrained else 1)
            beams = max(self.beam_size, wide)
            t0 = time.perf_counter()
            decoded = self.generate([r.source for r in chunk], beams=beams, n_best=wide)
            share = (time.perf_counter() - t0) / max(1, len(chunk))
            for request, hyps in zip(chunk, decoded):
                out = [
                    Hypothesis(
                        self.tokenizer.decode(ids, skip_special_tokens=True).strip(),
                        score=score,
                        tokens=len([i for i in ids if i != self.tokenizer.eos_token_id]),
                        seconds=share,
                    )
                    for ids, score in hyps
                ]
                out.sort(key=lambda h: (-_coverage(h.text, request), -h.score if not math.isnan(h.score) else math.inf))
                results.append(out[:n_best])
        return results
