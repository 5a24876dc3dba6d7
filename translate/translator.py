"""Arabic to English with MarianMT: sentences of many paragraphs share length-sorted batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from translate.engines import BATCH_SENTENCES, PARALLEL_BATCHES, Decoding, Seq2Seq, settings_stamp
from translate.hub import ModelSource, resolve
from translate.lock import TRANSLATION, Lock, load_lock
from translate.normalize import normalize
from translate.segment import DEFAULT_TOKEN_BUDGET, Paragraph, chunk_sentence, split_paragraphs

MODEL_MAX_TOKENS = 512


@dataclass(frozen=True)
class TranslationOptions:
    beams: int | None = None  # None: the model's generation config (4 for opus-mt)
    chunk_tokens: int = DEFAULT_TOKEN_BUDGET
    batch_tokens: int = 4096
    batch_sentences: int = BATCH_SENTENCES
    parallel_batches: int = PARALLEL_BATCHES
    device: str = "auto"
    engine: str = "ctranslate2"
    compute_type: str = "auto"
    threads: int = 0
    strip_diacritics: bool = False
    fixed_output_tokens: int | None = None  # benchmarks only: every output exactly this long


@dataclass(frozen=True)
class TranslatedSentence:
    ar: str
    en: str
    chunks: tuple[str, ...] = ()


@dataclass(frozen=True)
class TranslatedParagraph:
    ar: str
    en: str
    heading: bool
    sentences: tuple[TranslatedSentence, ...] = field(default_factory=tuple)


class Translator:
    """Loads the translation model once; translates text, paragraphs or whole batches of articles."""

    def __init__(self, source: ModelSource, options: TranslationOptions | None = None) -> None:
        self.source = source
        self.options = o = options or TranslationOptions()
        self.model = Seq2Seq(source.path, engine=o.engine, device=o.device, compute_type=o.compute_type, threads=o.threads,
                             parallel=o.parallel_batches)
        self.engine = self.model.engine
        self.count_tokens = self.model.count_tokens

    @classmethod
    def load(cls, model: str | None = None, *, lock: Lock | None = None, options: TranslationOptions | None = None) -> Translator:
        """The pinned model, or ``model``: a local folder or another Hub repo id."""
        return cls(resolve_translation_model(model, lock), options)

    def segment(self, text: str) -> list[Paragraph]:
        return split_paragraphs(normalize(text, strip_diacritics=self.options.strip_diacritics))

    def translate_chunks(self, chunks: Sequence[str]) -> list[str]:
        """Translate independent pieces of text, batched by token length, in input order."""
        return self.model.run(chunks, self._decoding, self.options.batch_tokens, self.options.batch_sentences)

    def _decoding(self, source_length: int) -> Decoding:
        fixed = self.options.fixed_output_tokens
        if fixed:
            return Decoding(beams=self.options.beams, max_new_tokens=fixed + 1, min_new_tokens=fixed)
        bound = min(MODEL_MAX_TOKENS, int(1.5 * source_length) + 10)
        return Decoding(beams=self.options.beams, max_new_tokens=bound)

    def plan(self, paragraphs: Sequence[Paragraph]) -> list[list[list[str]]]:
        """The chunks of each sentence of each paragraph, each within the token budget."""
        return [[chunk_sentence(s, self.count_tokens, self.options.chunk_tokens) for s in p.sentences] for p in paragraphs]

    def translate_documents(self, documents: Sequence[Sequence[Paragraph]]) -> list[list[TranslatedParagraph]]:
        """Translate many articles at once: all their chunks share the same batches."""
        plans = [self.plan(doc) for doc in documents]
        flat = [chunk for plan in plans for para in plan for sent in para for chunk in sent]
        english = iter(self.translate_chunks(flat))
        out = []
        for doc, plan in zip(documents, plans):
            paragraphs = []
            for para, para_plan in zip(doc, plan):
                sentences = tuple(
                    TranslatedSentence(ar, " ".join(next(english) for _ in chunks), tuple(chunks))
                    for ar, chunks in zip(para.sentences, para_plan)
                )
                paragraphs.append(TranslatedParagraph(para.text, " ".join(s.en for s in sentences), para.heading, sentences))
            out.append(paragraphs)
        return out

    def translate_paragraphs(self, paragraphs: Sequence[Paragraph]) -> list[TranslatedParagraph]:
        return self.translate_documents([paragraphs])[0]

    def translate(self, text: str) -> list[str]:
        """English paragraphs, in the same order and number as the input's paragraphs."""
        return [p.en for p in self.translate_paragraphs(self.segment(text))]

    def provenance(self) -> dict[str, object]:
        return {
            **self.source.provenance(),
            "engine": self.engine.name,
            "compute_type": self.engine.compute_type,
            "settings": settings_stamp(self.options),
        }


def resolve_translation_model(model: str | None = None, lock: Lock | None = None) -> ModelSource:
    return resolve((lock or load_lock()).pin(TRANSLATION), model, option="--mt-model")
