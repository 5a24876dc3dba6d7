"""English briefs: abstractive with distilbart-cnn (pinned), or extractive with no model at all."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate.engines import PARALLEL_BATCHES, Decoding, Seq2Seq, settings_stamp
from translate.hub import ModelSource, resolve
from translate.lock import SUMMARIZATION, Lock, load_lock
from translate.segment import chunk_sentence

SUMMARIZERS = ("abstractive", "extractive")
MODEL_WINDOW = 1024  # distilbart-cnn's input limit, in its tokens


@dataclass(frozen=True)
class Brief:
    text: str
    method: str
    sentences: tuple[str, ...] = ()  # extractive: the article's own sentences, in order
    parts: int = 1  # abstractive: how many chunks were summarized before the final pass


@dataclass(frozen=True)
class SummaryOptions:
    summarizer: str = "abstractive"
    beams: int = 4
    min_length: int = 56
    max_length: int = 142
    length_penalty: float = 2.0
    no_repeat_ngram_size: int = 3
    sentences: int = 3  # extractive
    device: str = "auto"
    engine: str = "ctranslate2"
    compute_type: str = "auto"
    threads: int = 0
    parallel_batches: int = PARALLEL_BATCHES

    @classmethod
    def from_lock(cls, lock: Lock | None = None, **overrides: object) -> SummaryOptions:
        """The pinned model's generation settings from models.lock, then the caller's."""
        pinned = (lock or load_lock()).pin(SUMMARIZATION).settings
        fields = {k: v for k, v in pinned.items() if k in cls.__dataclass_fields__}
        return cls(**{**fields, **overrides})


# --- English sentences ------------------------------------------------------------------------

_EN_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_EN_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|No|vs|etc|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|\.[A-Z])$")


def english_sentences(text: str) -> list[str]:
    """Sentences of English prose (line by line), each a stripped substring: nothing dropped."""
    sentences = []
    for line in text.splitlines():
        start = 0
        for m in _EN_END.finditer(line):
            if m.group()[0] == "." and _EN_ABBREV.search(line, 0, m.start()):
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


@dataclass(frozen=True)
class ExtractiveSummarizer:
    """LexRank-style: TF-IDF cosine graph, PageRank with a lead bias; top sentences in article order."""

    sentences: int = 3
    min_words: int = 6
    max_words: int = 60
    damping: float = 0.85
    method: str = field(default="extractive", init=False)

    def summarize(self, text: str) -> Brief:
        candidates = english_sentences(text)
        if not candidates:
            return Brief("", self.method)
        within = [i for i, s in enumerate(candidates) if self.min_words <= len(s.split()) <= self.max_words]
        pool = within if len(within) >= min(self.sentences, len(candidates)) else list(range(len(candidates)))
        scores = self._scores([candidates[i] for i in pool])
        best = sorted(sorted(range(len(pool)), key=lambda k: -scores[k])[: self.sentences])
        chosen = tuple(candidates[pool[k]] for k in best)
        return Brief(" ".join(chosen), self.method, chosen)

    def provenance(self) -> dict[str, object]:
        return {"method": self.method, "sentences": self.sentences, "words_per_sentence": [self.min_words, self.max_words]}

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


class AbstractiveSummarizer:
    """distilbart-cnn-12-6 with its own settings; long input is summarized in parts, never truncated."""

    method = "abstractive"

    def __init__(self, source: ModelSource, options: SummaryOptions | None = None) -> None:
        self.source = source
        self.options = o = options or SummaryOptions()
        self.model = Seq2Seq(source.path, engine=o.engine, device=o.device, compute_type=o.compute_type, threads=o.threads,
                             parallel=o.parallel_batches)
        self.engine = self.model.engine
        self.window = min(MODEL_WINDOW, getattr(self.model.tokenizer, "model_max_length", MODEL_WINDOW))

    @classmethod
    def load(cls, model: str | None = None, *, lock: Lock | None = None, options: SummaryOptions | None = None) -> AbstractiveSummarizer:
        return cls(resolve_summarization_model(model, lock), options)

    def _decoding(self, _source_length: int) -> Decoding:
        o = self.options
        # min_length and max_length count the decoder start token, as transformers does.
        return Decoding(
            beams=o.beams, max_new_tokens=o.max_length - 1, min_new_tokens=max(0, o.min_length - 1),
            length_penalty=o.length_penalty, no_repeat_ngram_size=o.no_repeat_ngram_size,
        )

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

    def summarize_many(self, documents: Sequence[Sequence[str]]) -> list[Brief]:
        """Briefs for many documents (each a list of English paragraphs); parts share batches.

        A document over the window is summarized chunk by chunk, then the joined partial
        summaries are summarized again, until one pass covers it all.
        """
        pending = {i: self.chunks([p for p in doc if p.strip()]) for i, doc in enumerate(documents)}
        parts = {i: len(pieces) for i, pieces in pending.items()}
        briefs = {i: "" for i, pieces in pending.items() if not pieces}
        pending = {i: pieces for i, pieces in pending.items() if pieces}
        while pending:
            flat = [(i, piece) for i, pieces in pending.items() for piece in pieces]
            # One window's worth of tokens per batch: beams x 1024-token cross-attention caches are large.
            outputs = self.model.run([piece for _, piece in flat], self._decoding, self.window)
            summaries: dict[int, list[str]] = {}
            for (i, _), summary in zip(flat, outputs):
                summaries.setdefault(i, []).append(summary)
            for i, found in summaries.items():
                if len(pending[i]) == 1:
                    briefs[i] = found[0]
                    del pending[i]
                else:
                    pending[i] = self.chunks(found)
        return [Brief(briefs[i], self.method, parts=parts[i]) for i in range(len(documents))]

    def summarize(self, text: str) -> Brief:
        return self.summarize_many([text.splitlines()])[0]

    def provenance(self) -> dict[str, object]:
        return {"method": self.method, **self.source.provenance(), "engine": self.engine.name, "compute_type": self.engine.compute_type,
                "settings": settings_stamp(self.options)}


def resolve_summarization_model(model: str | None = None, lock: Lock | None = None) -> ModelSource:
    return resolve(
        (lock or load_lock()).pin(SUMMARIZATION), model, option="--sum-model",
        alternative="Or brief without a model: --summarizer extractive.",
    )
