"""English briefs: abstractive with distilbart-cnn (pinned), or extractive with no model at all.

Both implement ``Summarizer``: ``summarize_many`` yields (document index, Brief) as each brief is
done, and ``provenance`` says what made them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from translate.article import Brief
from translate.engines import (
    BATCH_SENTENCES,
    Decoding,
    EngineOptions,
)
from translate.engines.generation import read_generation
from translate.engines.seq2seq import Seq2Seq
from translate.hub import ModelSource, resolve
from translate.lock import SETTINGS_KEYS, SUMMARIZATION, Lock, load_lock
from translate.segment import chunk_sentence, is_heading

MODEL_WINDOW = 1024  # distilbart-cnn's input limit, in its tokens
EXTRACTIVE_POOL = 400  # candidate sentences considered (the lead of a very long article): the graph is quadratic


class SummarizerKind(str, Enum):
    abstractive = "abstractive"
    extractive = "extractive"


@dataclass(frozen=True)
class SummaryOptions:
    """Generation settings use models.lock's names. None means the lock's setting for the pinned
    model, else the model's own (its generation_config.json, else config.json)."""

    summarizer: SummarizerKind = SummarizerKind.abstractive
    num_beams: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    length_penalty: float | None = None
    no_repeat_ngram_size: int | None = None
    sentences: int = 3  # extractive
    runtime: EngineOptions = field(default_factory=EngineOptions)  # where and how the model runs

    def __post_init__(self) -> None:
        object.__setattr__(self, "summarizer", SummarizerKind(self.summarizer))


class Summarizer(Protocol):
    method: str

    def summarize_many(self, documents: Sequence[Sequence[str]], progress: Callable[[int], None] | None = None
                       ) -> Iterator[tuple[int, Brief]]: ...

    def provenance(self) -> dict[str, Any]: ...


# --- English sentences ------------------------------------------------------------------------

_EN_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_EN_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|No|vs|etc|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|\.[A-Z])$")


def english_sentences(text: str) -> list[str]:
    """Sentences of English prose (line by line), each a stripped substring: nothing dropped."""
    sentences = []
    for line in text.splitlines():
        start = 0
        for m in _EN_END.finditer(line):
            if m.group()[0] == "." and _EN_ABBREV.search(line, max(0, m.start() - 8), m.start()):
                continue
            sentences.append(line[start : m.end()].strip())
            start = m.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences


# --- Extractive -------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9']+")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being it its this that these "
    "those he she they we you i his her their our your not no said says will would could should has have had do "
    "does did than then there here which who whom what when where while also after before over into about up out".split()
)


def clip_words(sentence: str, words: int) -> str:
    """At most ``words`` words, with " …" where it was cut: English with no sentence ends (a model's
    output for a long unpunctuated paragraph) is one "sentence", and a brief must stay short."""
    parts = sentence.split(maxsplit=words)
    return sentence if len(parts) <= words else " ".join(parts[:words]) + " …"


@dataclass(frozen=True)
class ExtractiveSummarizer:
    """LexRank-style: TF-IDF cosine graph, PageRank with a lead bias; top sentences in article order.

    Headings (short lines without final punctuation) are never candidates.
    """

    sentences: int = 3
    min_words: int = 6
    max_words: int = 60
    damping: float = 0.85
    method: str = field(default="extractive", init=False)

    def summarize(self, text: str) -> Brief:
        lines = [line for line in text.splitlines() if line.strip() and not is_heading(line.strip())]
        candidates = english_sentences("\n".join(lines))[:EXTRACTIVE_POOL]
        if not candidates:
            return Brief("", self.method)
        within = [i for i, s in enumerate(candidates) if self.min_words <= len(s.split()) <= self.max_words]
        pool = within if len(within) >= min(self.sentences, len(candidates)) else list(range(len(candidates)))
        scores = self._scores([candidates[i] for i in pool])
        best = sorted(sorted(range(len(pool)), key=lambda k: -scores[k])[: self.sentences])
        chosen = tuple(clip_words(candidates[pool[k]], self.max_words) for k in best)
        return Brief(" ".join(chosen), self.method, chosen)

    def summarize_many(self, documents: Sequence[Sequence[str]], progress: Callable[[int], None] | None = None
                       ) -> Iterator[tuple[int, Brief]]:
        for i, document in enumerate(documents):
            yield i, self.summarize("\n".join(document))
            if progress:
                progress(1)

    def provenance(self) -> dict[str, Any]:
        return {"method": self.method, "sentences": self.sentences, "words_per_sentence": [self.min_words, self.max_words],
                "candidates": EXTRACTIVE_POOL}
    def _scores(self, sentences: Sequence[str]) -> list[float]:
        bags = [Counter(w for w in _WORD.findall(s.lower()) if w not in _STOP) for s in sentences]
        n = len(bags)
        df = Counter(w for bag in bags for w in bag)
        vectors = [{w: tf * math.log(1 + n / df[w]) for w, tf in bag.items()} for bag in bags]
        norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
        sim = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                dot = sum(weight * vectors[j].get(w, 0.0) for w, weight in vectors[i].items())
                sim[i][j] = sim[j][i] = dot / (norms[i] * norms[j])
        lead = [1.0 / (1 + i) for i in range(n)]  # earlier sentences matter more in news
        total_lead = sum(lead)
        prior = [x / total_lead for x in lead]
        out_weight = [sum(row) or 1.0 for row in sim]
        scores = prior[:]
        for _ in range(50):
            scores = [
                (1 - self.damping) * prior[i] + self.damping * sum(scores[j] * sim[j][i] / out_weight[j] for j in range(n))
                for i in range(n)
            ]
        return scores


# --- Abstractive ------------------------------------------------------------------------------


def describe_abstractive(source: ModelSource, options: SummaryOptions) -> dict[str, Any]:
    """What decides the briefs, resolved: the caller's settings, else the lock's, else the model's own."""
    g = read_generation(source.path)
    pinned = source.pinned_settings
    model_own = {"num_beams": g.num_beams, "min_length": g.min_length, "max_length": g.max_length,
                 "length_penalty": g.length_penalty, "no_repeat_ngram_size": g.no_repeat_ngram_size}
    assert set(pinned) <= SETTINGS_KEYS[SUMMARIZATION] == set(model_own) <= {f.name for f in fields(SummaryOptions)}
    decoding: dict[str, Any] = {}
    for name, own in model_own.items():
        given = getattr(options, name)
        decoding[name] = given if given is not None else pinned.get(name, own)
    decoding["forced_bos_token_id"] = g.forced_bos_token_id
    decoding["settings_from"] = {name: ("options" if getattr(options, name) is not None else
                                        "models.lock" if name in pinned else g.source) for name in model_own}
    return {"method": "abstractive", **source.provenance(), **options.runtime.describe(), "decoding": decoding}


class AbstractiveSummarizer:
    """distilbart-cnn-12-6 with its own settings; long input is summarized in parts, never truncated."""

    method = "abstractive"

    def __init__(self, source: ModelSource, options: SummaryOptions | None = None, *,
                 on_convert: Callable[[Path], None] | None = None) -> None:
        self.source = source
        self.options = options or SummaryOptions()
        self.description = describe_abstractive(source, self.options)
        self.model = Seq2Seq(source.path, self.options.runtime, on_convert=on_convert)
        self.engine = self.model.engine
        self.window = min(MODEL_WINDOW, getattr(self.model.tokenizer, "model_max_length", MODEL_WINDOW))

    @classmethod
    def load(cls, model: str | None = None, *, lock: Lock | None = None, options: SummaryOptions | None = None) -> AbstractiveSummarizer:
        return cls(resolve((lock or load_lock()).pin(SUMMARIZATION), model, brief=True), options)

    def decoding(self, _source_length: int = 0) -> Decoding:
        d = self.description["decoding"]
        # min_length and max_length count the decoder start token, as transformers does.
        return Decoding(num_beams=d["num_beams"], max_new_tokens=d["max_length"] - 1, min_new_tokens=max(0, d["min_length"] - 1),
                        length_penalty=d["length_penalty"], no_repeat_ngram_size=d["no_repeat_ngram_size"] or None)

    def chunks(self, paragraphs: Sequence[str]) -> list[str]:
        """Pieces within the model's window, cut at paragraph, then sentence, then word boundaries."""
        units = []
        for paragraph in paragraphs:
            if self.model.count_tokens(paragraph) <= self.window:
                units.append(paragraph)
            else:
                for sentence in english_sentences(paragraph):
                    units.extend(chunk_sentence(sentence, self.model.count_tokens, self.window))
        pieces: list[str] = []
        for unit in units:
            joined = f"{pieces[-1]}\n{unit}" if pieces else unit
            if pieces and self.model.count_tokens(joined) <= self.window:
                pieces[-1] = joined
            else:
                pieces.append(unit)
        return pieces

    def summarize_many(self, documents: Sequence[Sequence[str]], progress: Callable[[int], None] | None = None
                       ) -> Iterator[tuple[int, Brief]]:
        """Briefs for many documents (each a list of English paragraphs), yielded as each is done.

        Batches never mix documents. A document over the window is summarized chunk by chunk, then
        the joined partial summaries are summarized again, until one pass covers it all.
        """
        pending = {i: self.chunks([p for p in doc if p.strip()]) for i, doc in enumerate(documents)}
        parts = {i: len(pieces) for i, pieces in pending.items()}
        for i in [i for i, pieces in pending.items() if not pieces]:
            del pending[i]
            yield i, Brief("", self.method, parts=0)
            if progress:
                progress(1)
        while pending:
            order = list(pending)
            # One window's worth of tokens per batch: beams x 1024-token cross-attention caches are large.
            groups = [pending[i] for i in order]
            for g, _, found in self.model.run_groups(groups, self.decoding, self.window, BATCH_SENTENCES):
                if not found:
                    continue
                i = order[g]
                if len(pending[i]) == 1:
                    del pending[i]
                    yield i, Brief(found[0].text, self.method, parts=parts[i], score=round(found[0].score, 4),
                                   finished=found[0].finished)
                    if progress:
                        progress(1)
                else:
                    pending[i] = self.chunks([o.text for o in found])

    def summarize(self, text: str) -> Brief:
        return next(self.summarize_many([text.splitlines()]))[1]

    def provenance(self) -> dict[str, Any]:
        return self.description
