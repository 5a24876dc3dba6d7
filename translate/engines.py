"""Inference engines for sequence-to-sequence models: tokens in, tokens out.

Both pipeline models (Marian for translation, BART for summaries) run through the same
interface, so segmentation, batching and outputs do not depend on the engine.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

ENGINES = ("transformers", "ctranslate2")
BATCH_SENTENCES = 16  # ctranslate2 is as fast as with more, and two such batches in flight stay small
PARALLEL_BATCHES = 2  # ctranslate2 on CPU: batches decoded side by side, threads split between them


def _glibc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
    except OSError:
        return None


_LIBC = _glibc()


def release_memory() -> None:
    """Hand freed heap pages back to the OS; glibc keeps them, and a batch frees hundreds of MB.

    Without it, one batch's scratch memory stays resident under the next model or batch, and
    the peak RSS of a run with both models grows by that much.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


@dataclass(frozen=True)
class Decoding:
    """Generation settings for one call; None means the model's own setting."""

    beams: int | None = None
    max_new_tokens: int = 256
    min_new_tokens: int = 0
    length_penalty: float | None = None
    no_repeat_ngram_size: int | None = None

    def stamp(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}


class Engine(Protocol):
    name: str
    compute_type: str

    def generate(self, batch: Sequence[list[str]], decoding: Decoding) -> list[list[str]]: ...

    def generate_many(self, jobs: Sequence[tuple[Sequence[list[str]], Decoding]]) -> list[list[list[str]]]:
        """Every (batch, decoding) job's outputs, in job order."""
        ...


def settings_stamp(options: object) -> dict[str, object]:
    """A settings dataclass as a plain dict for provenance, unset (None) fields left out."""
    return {k: v for k, v in asdict(options).items() if v is not None}


def pick_device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def quiet_transformers() -> None:
    """No progress bars or advisory warnings from transformers on our users' terminals."""
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import transformers

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


class TransformersEngine:
    """PyTorch inference through transformers' generate(), in the model's own precision."""

    name = "transformers"

    def __init__(self, folder: Path, tokenizer, *, device: str = "auto", threads: int = 0) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM

        if threads > 0:
            torch.set_num_threads(threads)
        self.device = pick_device(device)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(folder).to(self.device).eval()
        self.tokenizer = tokenizer
        self.compute_type = str(self.model.dtype).removeprefix("torch.")
        self.pad_id = self.model.config.pad_token_id

    def generate(self, batch: Sequence[list[str]], decoding: Decoding) -> list[list[str]]:
        import torch

        ids = [self.tokenizer.convert_tokens_to_ids(tokens) for tokens in batch]
        width = max(map(len, ids))
        input_ids = torch.full((len(ids), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(ids), width), dtype=torch.long)
        for row, seq in enumerate(ids):
            input_ids[row, : len(seq)] = torch.tensor(seq)
            mask[row, : len(seq)] = 1
        kwargs: dict[str, object] = {"max_new_tokens": decoding.max_new_tokens, "do_sample": False}
        if decoding.min_new_tokens:
            kwargs["min_new_tokens"] = decoding.min_new_tokens
        if decoding.beams is not None:
            kwargs["num_beams"] = decoding.beams
        if decoding.length_penalty is not None:
            kwargs["length_penalty"] = decoding.length_penalty
        if decoding.no_repeat_ngram_size is not None:
            kwargs["no_repeat_ngram_size"] = decoding.no_repeat_ngram_size
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device), **kwargs
            )
        special = set(self.tokenizer.all_special_ids)
        return [self.tokenizer.convert_ids_to_tokens([i for i in row.tolist() if i not in special]) for row in out]

    def generate_many(self, jobs: Sequence[tuple[Sequence[list[str]], Decoding]]) -> list[list[list[str]]]:
        return [self.generate(batch, decoding) for batch, decoding in jobs]  # torch parallelizes within a batch


def length_batches(lengths: Sequence[int], max_tokens: int, max_size: int = BATCH_SENTENCES) -> list[list[int]]:
    """Indices grouped longest first so each padded batch holds at most ``max_tokens`` tokens."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    for i in order:
        if batches:
            last = batches[-1]
            width = lengths[last[0]]  # the longest of the batch comes first
            if len(last) < max_size and (len(last) + 1) * width <= max_tokens:
                last.append(i)
                continue
        batches.append([i])
    return batches


def batch_jobs(tokenized: Sequence[list[str]], decoding_for: Callable[[int], Decoding], batch_tokens: int,
               batch_size: int = BATCH_SENTENCES) -> tuple[list[list[int]], list[tuple[list[list[str]], Decoding]]]:
    """Length batches of ``tokenized`` (as indices) and the engine jobs for them, each decoded for its longest source."""
    batches = length_batches([len(t) for t in tokenized], batch_tokens, batch_size)
    return batches, [([tokenized[i] for i in batch], decoding_for(max(len(tokenized[i]) for i in batch))) for batch in batches]


def load_engine(folder: Path, tokenizer, *, engine: str, device: str, compute_type: str, threads: int, parallel: int = 1) -> Engine:
    """``parallel``: batches decoded at once, sharing ``threads`` (ctranslate2 only)."""
    if engine == "transformers":
        return TransformersEngine(folder, tokenizer, device=device, threads=threads)
    if engine == "ctranslate2":
        from translate.ct2 import CTranslate2Engine

        return CTranslate2Engine(folder, tokenizer, device=device, compute_type=compute_type, threads=threads, parallel=parallel)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


class Seq2Seq:
    """A tokenizer and an engine for one model folder: text in, text out, batched by length."""

    def __init__(self, folder: Path, *, engine: str, device: str, compute_type: str, threads: int, parallel: int = 1) -> None:
        quiet_transformers()
        from transformers import AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(folder)
            self.engine = load_engine(
                folder, self.tokenizer, engine=engine, device=device, compute_type=compute_type, threads=threads,
                parallel=parallel,
            )
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            from translate.hub import ModelUnavailable

            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ModelUnavailable(f"Cannot load a model from {folder}: {reason}") from None

        self.tokens = lru_cache(maxsize=16384)(self._tokens)  # chunking counts, then batching reuses
        release_memory()  # loading leaves large freed buffers behind

    def _tokens(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.convert_ids_to_tokens(self.tokenizer(text)["input_ids"]))

    def count_tokens(self, text: str) -> int:
        return len(self.tokens(text))

    def detokenize(self, tokens: list[str]) -> str:
        return self.tokenizer.convert_tokens_to_string(tokens).strip()

    def run(self, texts: Sequence[str], decoding_for: Callable[[int], Decoding], batch_tokens: int, batch_size: int = BATCH_SENTENCES) -> list[str]:
        """Generate for independent texts in length-sorted batches; results in input order.

        Each output is cut to its own bound (less the end token), so a result never depends
        on which batch it shared.
        """
        tokenized = [list(self.tokens(text)) for text in texts]
        results = [""] * len(texts)
        batches, jobs = batch_jobs(tokenized, decoding_for, batch_tokens, batch_size)
        for batch, outputs in zip(batches, self.engine.generate_many(jobs)):
            for i, tokens in zip(batch, outputs):
                results[i] = self.detokenize(tokens[: decoding_for(len(tokenized[i])).max_new_tokens - 1])
        release_memory()  # batches reuse each other's scratch memory; the next model need not
        return results
