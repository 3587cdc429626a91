"""A tiny random MarianMT model with a real sentencepiece vocabulary, for engine tests.

Built in seconds: sentencepiece is trained on a few Chinese and English lines,
the vocabulary puts ``<pad>`` last (CTranslate2's converter expects it there),
and the model (2+2 layers, d_model 32) is saved with ``save_pretrained``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

LINES = [
    "会议由市委史志研究室主任李成明主持。",
    "国务院办公厅印发了通知。",
    "全国政协委员在北京参加会议。",
    "今年全市地区生产总值增长百分之五点二。",
    "娄烦县召开经济工作会议。",
    "The meeting was chaired by Li Chengming, director of the municipal history research office.",
    "The General Office of the State Council issued a notice.",
    "Members of the CPPCC National Committee attended the meeting in Beijing.",
    "The city's GDP grew by 5.2 percent this year.",
    "Loufan County held an economic work conference.",
]


def train_spm(path: Path, lines: list[str] = LINES, vocab_size: int = 120) -> None:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 4),
        model_writer=buf,
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        bos_id=-1,
        eos_id=1,
        unk_id=0,
        pad_id=-1,
        minloglevel=2,
    )
    path.write_bytes(buf.getvalue())


def build_tiny_marian(
    directory: Path,
    *,
    d_model: int = 32,
    layers: int = 2,
    heads: int = 2,
    ffn: int = 64,
    vocab_size: int | None = None,
    seed: int = 0,
) -> Path:
    """Write a random MarianMT model + tokenizer into *directory* and return it.

    With *vocab_size* the vocabulary is padded with dummy pieces to that size
    (the benchmark uses 65,001 like opus-mt-zh-en); ``<pad>`` is always last.
    """
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    directory.mkdir(parents=True, exist_ok=True)
    train_spm(directory / "source.spm")
    (directory / "target.spm").write_bytes((directory / "source.spm").read_bytes())
    sp = spm.SentencePieceProcessor(model_file=str(directory / "source.spm"))
    pieces = ["</s>", "<unk>"] + [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if sp.id_to_piece(i) not in ("</s>", "<unk>")]
    if vocab_size is not None:
        pieces += [f"▁x{i}" for i in range(vocab_size - 1 - len(pieces))]
    vocab = {piece: i for i, piece in enumerate(pieces)}
    vocab["<pad>"] = len(vocab)
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(directory / "source.spm"),
        target_spm=str(directory / "target.spm"),
        vocab=str(directory / "vocab.json"),
        source_lang="zh",
        target_lang="en",
    )
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn,
        max_position_embeddings=512,
        pad_token_id=pad,
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=pad,
        forced_eos_token_id=vocab["</s>"],
        bad_words_ids=[[pad]],
        num_beams=1,
        max_length=64,
        share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory
