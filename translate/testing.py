"""Random-weight models with real tokenizers, saved like Hub snapshots, for tests and benchmarks.

The weights are random, so outputs are noise, but every file format, tokenizer and code path
is the one the real models take. Shapes come from ../shared/model-shapes or small test sizes.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

from translate.engines import quiet_transformers

TINY_MARIAN = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "init_std": 0.3,  # wide enough that random outputs depend on the input
}
TINY_BART = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_position_embeddings": 1024,
    "init_std": 0.3,
}


def _train_spm(lines: Iterable[str], model_file: Path, vocab_size: int) -> list[str]:
    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("\n".join(line for line in lines if line.strip()), encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=str(Path(tmp) / "m"),
            vocab_size=vocab_size,
            hard_vocab_limit=False,
            character_coverage=1.0,
            model_type="unigram",
            unk_id=0,
            bos_id=-1,
            eos_id=-1,
            pad_id=-1,
            num_threads=2,
            minloglevel=2,
        )
        model_file.write_bytes((Path(tmp) / "m.model").read_bytes())
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_marian(
    folder: Path,
    arabic: Iterable[str],
    english: Iterable[str],
    *,
    vocab_size: int = 1000,
    shape: dict | None = None,
    seed: int = 0,
    english_only: bool = False,
) -> Path:
    """A MarianMT folder like Helsinki-NLP/opus-mt-ar-en's: source.spm, target.spm, vocab.json.

    ``shape`` is a config (e.g. ../shared/model-shapes/opus-mt-ar-en.json); its vocab_size wins,
    the shared vocabulary being padded with unused entries up to it, as the real one is.
    ``english_only`` biases the output layer against every non-target piece, so that random
    outputs are English pieces, as a trained model's are (the bias costs no compute).
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    quiet_transformers()

    folder.mkdir(parents=True, exist_ok=True)
    pieces = _train_spm(arabic, folder / "source.spm", vocab_size)
    target_pieces = _train_spm(english, folder / "target.spm", vocab_size)
    pieces += target_pieces
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    settings = {**TINY_MARIAN, **{k: v for k, v in (shape or {}).items() if k not in ("architectures", "model_type")}}
    total = settings.get("vocab_size", len(vocab) + 1)
    for i in range(total - 1 - len(vocab)):
        vocab[f"<unused{i}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    pad = vocab["<pad>"]
    settings.update(vocab_size=len(vocab), decoder_vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad)
    settings.setdefault("activation_function", "swish")
    settings.setdefault("scale_embedding", True)
    settings.setdefault("share_encoder_decoder_embeddings", True)
    settings.update(eos_token_id=0, forced_eos_token_id=0, bos_token_id=0)
    torch.manual_seed(seed)
    model = MarianMTModel(MarianConfig(**settings)).eval()
    if english_only:
        allowed = {vocab[p] for p in target_pieces if p != "<unk>"} | {vocab["</s>"]}
        blocked = torch.tensor(sorted(set(range(len(vocab))) - allowed))
        model.final_logits_bias[0, blocked] = -1e4
    model.generation_config = GenerationConfig(
        num_beams=4, max_length=512, bad_words_ids=[[pad]], decoder_start_token_id=pad,
        eos_token_id=0, forced_eos_token_id=0, pad_token_id=pad, bos_token_id=0,
    )
    model.save_pretrained(folder)
    MarianTokenizer(str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json")).save_pretrained(folder)
    return folder


def build_bart(
    folder: Path,
    english: Iterable[str],
    *,
    vocab_size: int = 1000,
    shape: dict | None = None,
    seed: int = 0,
) -> Path:
    """A BART summarizer folder like sshleifer/distilbart-cnn-12-6's: byte-level BPE vocab.json + merges.txt."""
    import torch

    quiet_transformers()
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer, GenerationConfig

    folder.mkdir(parents=True, exist_ok=True)
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator([line for line in english if line.strip()], vocab_size=vocab_size, special_tokens=specials)
    settings = {**TINY_BART, **{k: v for k, v in (shape or {}).items() if k not in ("architectures", "model_type")}}
    total = settings.get("vocab_size", bpe.get_vocab_size())
    vocab = dict(sorted(bpe.get_vocab().items(), key=lambda kv: kv[1]))
    for i in range(total - len(vocab)):
        vocab[f"<unused{i}>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    bpe.save_model(str(folder))  # merges.txt (and the unpadded vocab.json, rewritten below)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    settings.update(
        vocab_size=len(vocab), pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
        forced_bos_token_id=0, forced_eos_token_id=2,
    )
    settings.setdefault("activation_function", "gelu")
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(BartConfig(**settings)).eval()
    model.generation_config = GenerationConfig(
        num_beams=4, min_length=56, max_length=142, length_penalty=2.0, no_repeat_ngram_size=3, early_stopping=True,
        bos_token_id=0, eos_token_id=2, pad_token_id=1, decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
    )
    model.save_pretrained(folder)
    BartTokenizer(vocab=str(folder / "vocab.json"), merges=str(folder / "merges.txt")).save_pretrained(folder)
    return folder
