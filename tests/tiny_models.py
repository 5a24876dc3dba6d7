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

# The real repos' file sets (weights as pytorch_model.bin only), and their config quirks.
MARIAN_FILES = {"config.json", "generation_config.json", "pytorch_model.bin", "source.spm", "target.spm", "vocab.json",
                "tokenizer_config.json"}
BART_FILES = {"config.json", "pytorch_model.bin", "vocab.json", "merges.txt", "tokenizer_config.json"}
TC_BIG_FILES = {"config.json", "pytorch_model.bin", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json",
                "special_tokens_map.json"}

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
TINY_BART = {**TINY_MARIAN, "max_position_embeddings": 1024}


def as_hub_files(folder: Path, keep: set[str], config: dict, tokenizer_config: dict | None = None) -> Path:
    """Rewrite a save_pretrained folder to look like an old Hub repo: pytorch_model.bin, the generation
    settings written into config.json, the repo's own small files and nothing else."""
    import torch
    from safetensors.torch import load_file

    if (folder / "model.safetensors").is_file():
        torch.save(load_file(str(folder / "model.safetensors")), folder / "pytorch_model.bin")
    saved = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    (folder / "config.json").write_text(json.dumps({**saved, **config}, indent=2), encoding="utf-8")
    if tokenizer_config is not None:
        (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), encoding="utf-8")
    for path in folder.iterdir():
        if path.name not in keep:
            path.unlink()
    return folder


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
    tc_big: bool = False,
    max_length: int = 512,
) -> Path:
    """A MarianMT folder like Helsinki-NLP/opus-mt-ar-en's: source.spm, target.spm, vocab.json.

    ``shape`` is a config (e.g. ../shared/model-shapes/opus-mt-ar-en.json); its vocab_size wins,
    the shared vocabulary being padded with unused entries up to it, as the real one is.
    ``english_only`` biases the output layer against every non-target piece, so that random
    outputs are English pieces, as a trained model's are (the bias costs no compute).
    ``max_length``: the model's own output limit (512 for the real ones; tests use less, so that
    retries of random noise at the model's limit stay short).
    ``tc_big``: opus-mt-tc-big-ar-en's quirks: the end token is not id 0, and there is no
    generation_config.json (4 beams and max_length 512 live in config.json).
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    quiet_transformers()

    folder.mkdir(parents=True, exist_ok=True)
    pieces = _train_spm(arabic, folder / "source.spm", vocab_size)
    target_pieces = _train_spm(english, folder / "target.spm", vocab_size)
    pieces += target_pieces
    vocab = {"<unk>": 0, "</s>": 1} if tc_big else {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        vocab.setdefault(piece, len(vocab))
    if tc_big:  # its end token sits in the middle of the vocabulary
        vocab = {k: v for k, v in vocab.items() if k != "</s>"}
        vocab = {k: i for i, k in enumerate(vocab)}
        middle = len(vocab) // 2
        items = list(vocab)
        items.insert(middle, "</s>")
        vocab = {k: i for i, k in enumerate(items)}
    settings = {**TINY_MARIAN, **{k: v for k, v in (shape or {}).items() if k not in ("architectures", "model_type")}}
    total = settings.get("vocab_size", len(vocab) + 1)
    for i in range(total - 1 - len(vocab)):
        vocab[f"<unused{i}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    pad, eos = vocab["<pad>"], vocab["</s>"]
    settings.update(vocab_size=len(vocab), decoder_vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad)
    settings.setdefault("activation_function", "relu" if tc_big else "swish")
    settings.setdefault("scale_embedding", True)
    settings.setdefault("share_encoder_decoder_embeddings", True)
    settings.update(eos_token_id=eos, forced_eos_token_id=eos, bos_token_id=0)
    for key in ("num_beams", "max_length", "bad_words_ids"):
        settings.pop(key, None)
    torch.manual_seed(seed)
    model = MarianMTModel(MarianConfig(**settings)).eval()
    if english_only:
        allowed = {vocab[p] for p in target_pieces if p != "<unk>"} | {vocab["</s>"]}
        blocked = torch.tensor(sorted(set(range(len(vocab))) - allowed))
        model.final_logits_bias[0, blocked] = -1e4
    generation = {"num_beams": 4, "max_length": max_length, "bad_words_ids": [[pad]], "decoder_start_token_id": pad,
                  "eos_token_id": eos, "forced_eos_token_id": eos, "pad_token_id": pad, "bos_token_id": 0}
    model.generation_config = GenerationConfig(**generation)
    model.save_pretrained(folder)
    MarianTokenizer(str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json")).save_pretrained(folder)
    if tc_big:
        return as_hub_files(folder, TC_BIG_FILES, {"num_beams": 4, "max_length": max_length, "bad_words_ids": [[pad]]},
                            {"source_lang": "ar", "target_lang": "en", "separate_vocabs": False})
    return as_hub_files(folder, MARIAN_FILES, {"num_beams": 4, "max_length": max_length, "bad_words_ids": [[pad]]},
                        {"target_lang": "en", "source_lang": "ar"})


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
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

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
    model.save_pretrained(folder)
    BartTokenizer(vocab=str(folder / "vocab.json"), merges=str(folder / "merges.txt")).save_pretrained(folder)
    bpe.save_model(str(folder))  # the tokenizer's save may rewrite them; keep the padded vocabulary
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    # distilbart-cnn-12-6 has no generation_config.json: its settings are in config.json.
    generation = {"num_beams": 4, "min_length": 56, "max_length": 142, "length_penalty": 2.0, "no_repeat_ngram_size": 3,
                  "early_stopping": True, "forced_bos_token_id": 0, "forced_eos_token_id": 2}
    return as_hub_files(folder, BART_FILES, generation, {"model_max_length": 1024})
