"""One model folder: its tokenizer, its own generation settings and an engine; text in, text out."""

from __future__ import annotations

import ctypes
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from translate.engines import Decoding, EngineOptions, load_engine, quiet_transformers
from translate.engines.batching import batch_jobs
from translate.engines.generation import read_generation
from translate.errors import ModelUnavailable


def _glibc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6") if sys.platform.startswith("linux") else None
    except OSError:
        return None


_LIBC = _glibc()


def release_memory() -> None:
    """Hand freed heap pages back to the OS; glibc keeps them, and a batch frees hundreds of MB."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


@dataclass(frozen=True)
class Output:
    text: str
    score: float  # mean token log-probability
    finished: bool  # ended with the end token, not at the length bound


class Seq2Seq:
    """A tokenizer and an engine for one model folder, batched by length."""

    def __init__(self, folder: Path, options: EngineOptions, *, on_convert: Callable[[Path], None] | None = None) -> None:
        quiet_transformers()
        from transformers import AutoTokenizer

        try:
            self.generation = read_generation(folder)
            self.tokenizer = AutoTokenizer.from_pretrained(folder)
            self.engine = load_engine(folder, self.tokenizer, self.generation, options, on_convert=on_convert)
        except (OSError, ValueError, RuntimeError, KeyError) as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ModelUnavailable(f"Cannot load a model from {folder}: {reason}") from None
        # Chunking counts, then batching reuses; ids in 4-byte arrays (strings would take 15 times the memory).
        self._ids = lru_cache(maxsize=16384)(self._token_ids)
        self.produced_tokens = 0  # target tokens generated so far (for throughput figures)
        release_memory()  # loading leaves large freed buffers behind

    def _token_ids(self, text: str) -> array:
        return array("i", self.tokenizer(text)["input_ids"])

    def tokens(self, text: str) -> tuple[str, ...]:
        return tuple(self.tokenizer.convert_ids_to_tokens(self._ids(text).tolist()))

    def count_tokens(self, text: str) -> int:
        return len(self._ids(text))

    def detokenize(self, tokens: list[str]) -> str:
        return self.tokenizer.convert_tokens_to_string(tokens).strip()

    def run_groups(self, groups: Sequence[Sequence[str]], decoding_for: Callable[[int], Decoding], batch_tokens: int,
                   batch_size: int) -> Iterator[tuple[int, int, list[Output]]]:
        """Generate for groups of texts; batches never mix groups, so a group's results do not depend
        on the other groups. Yields (group, texts done in this batch, the group's results once all are
        done, else []) after each batch; every group's results come back in input order."""
        plans = []
        jobs = []
        for g, texts in enumerate(groups):
            tokenized = [list(self.tokens(text)) for text in texts]
            batches, group_jobs = batch_jobs(tokenized, decoding_for, batch_tokens, batch_size)
            plans.extend((g, batch, [len(tokenized[i]) for i in batch]) for batch in batches)
            jobs.extend(group_jobs)
        results: list[list[Output]] = [[Output("", 0.0, True)] * len(texts) for texts in groups]
        remaining = [len(texts) for texts in groups]
        for g, texts in enumerate(groups):
            if not texts:
                yield g, 0, []
        for (g, batch, lengths), outputs in zip(plans, self.engine.generate_many(jobs)):
            for i, length, hypothesis in zip(batch, lengths, outputs):
                bound = decoding_for(length).max_new_tokens - 1
                self.produced_tokens += min(len(hypothesis.tokens), bound)
                results[g][i] = Output(self.detokenize(hypothesis.tokens[:bound]), hypothesis.score,
                                       hypothesis.finished and len(hypothesis.tokens) <= bound)
            remaining[g] -= len(batch)
            yield g, len(batch), results[g] if remaining[g] == 0 else []
        release_memory()  # batches reuse each other's scratch memory; the next model need not

    def run(self, texts: Sequence[str], decoding_for: Callable[[int], Decoding], batch_tokens: int,
            batch_size: int) -> list[Output]:
        """Generate for independent texts (one group) in length-sorted batches; results in input order."""
        out: list[Output] = []
        for _, _, done in self.run_groups([texts], decoding_for, batch_tokens, batch_size):
            out = done or out
        return out
