"""Length batching: padded batches of at most so many tokens and sentences, longest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from translate.engines import BATCH_SENTENCES, Decoding, Job


def length_batches(lengths: Sequence[int], max_tokens: int, max_size: int = BATCH_SENTENCES) -> list[list[int]]:
    """Indices grouped longest first so each padded batch holds at most ``max_tokens`` tokens."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
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
               batch_size: int = BATCH_SENTENCES) -> tuple[list[list[int]], list[Job]]:
    """Length batches of ``tokenized`` (as indices) and the engine jobs for them, each decoded for its longest source."""
    batches = length_batches([len(t) for t in tokenized], batch_tokens, batch_size)
    jobs = [([tokenized[i] for i in batch], decoding_for(max(len(tokenized[i]) for i in batch))) for batch in batches]
    return batches, jobs
