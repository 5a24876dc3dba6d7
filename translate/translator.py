"""Arabic to English with MarianMT: normalize, segment, chunk, then translate in length-sorted batches.

Batches never mix articles, so an article's translation depends only on its own text, the model
and the settings in the run signature, never on which other articles share the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.article import Paragraph, Sentence
from translate.cache import ChunkCache, Translation
from translate.checks.surface import check_repetition
from translate.engines import (
    BATCH_SENTENCES,
    Decoding,
    EngineOptions,
)
from translate.engines.generation import read_generation
from translate.engines.seq2seq import Output, Seq2Seq
from translate.flags import Flag, FlagKind
from translate.hub import ModelSource, resolve
from translate.lock import TRANSLATION, Lock, load_lock
from translate.normalize import normalize
from translate.segment import DEFAULT_TOKEN_BUDGET, chunk_sentence, split_blocks, split_paragraphs

MODEL_MAX_TOKENS = 512
NO_REPEAT_NGRAM = 3  # the loop retry's setting
TRUNCATED = "the model stopped at its length limit; the end may be missing"


@dataclass(frozen=True)
class TranslationOptions:
    """Generation settings use models.lock's (and Hugging Face's) names."""

    num_beams: int | None = None  # None: the lock's, else the model's own (generation_config.json, else config.json)
    chunk_tokens: int = DEFAULT_TOKEN_BUDGET
    batch_tokens: int = 4096
    batch_sentences: int = BATCH_SENTENCES
    strip_diacritics: bool = False
    fixed_output_tokens: int | None = None  # benchmarks only: every output exactly this long
    retries: bool = True  # translate again what hit its bound or looped (benchmarks turn it off to measure it)
    runtime: EngineOptions = field(default_factory=EngineOptions)  # where and how the model runs


def resolve_beams(source: ModelSource, options: TranslationOptions) -> tuple[int, str]:
    """The caller's beams, else the lock's for the pinned model, else the model's own; and where from."""
    if options.num_beams:
        return options.num_beams, "options"
    if "num_beams" in source.pinned_settings:
        return int(source.pinned_settings["num_beams"]), "models.lock"  # type: ignore[call-overload]
    generation = read_generation(source.path)
    return generation.num_beams, generation.source


def model_max_length(source: ModelSource) -> int:
    """The model's own output limit (generation_config.json, else config.json), at most 512."""
    return min(MODEL_MAX_TOKENS, read_generation(source.path).max_length)


def describe(source: ModelSource, options: TranslationOptions) -> dict[str, Any]:
    """What decides the translations, resolved (model, engine, compute type, decoding, chunking)."""
    beams, origin = resolve_beams(source, options)
    decoding = {"num_beams": beams, "max_new_tokens": f"1.5 x source + 10, at most {model_max_length(source)}",
                "retries": "unfinished: once alone at the model's max_length, then re-split; loops: no_repeat_ngram_size "
                           f"{NO_REPEAT_NGRAM}", "settings_from": origin}
    if options.fixed_output_tokens:
        decoding["fixed_output_tokens"] = options.fixed_output_tokens
    if not options.retries:
        decoding["retries"] = "off"
    return {**source.provenance(), **options.runtime.describe(), "decoding": decoding, "chunk_tokens": options.chunk_tokens,
            "strip_diacritics": options.strip_diacritics}


class Translator:
    """Loads the translation model once; translates text, or many articles' paragraphs in place."""

    def __init__(self, source: ModelSource, options: TranslationOptions | None = None, *,
                 on_convert: Callable[[Path], None] | None = None) -> None:
        self.source = source
        self.options = options or TranslationOptions()
        self.model = Seq2Seq(source.path, self.options.runtime, on_convert=on_convert)
        self.engine = self.model.engine
        self.beams = resolve_beams(source, self.options)[0]
        self.max_length = model_max_length(source)
        self.cache: ChunkCache | None = None  # set by the caller: translated chunks kept between runs
        self.count_tokens = self.model.count_tokens

    @classmethod
    def load(cls, model: str | None = None, *, lock: Lock | None = None, options: TranslationOptions | None = None) -> Translator:
        """The pinned model, or ``model``: a local folder or another Hub repo id."""
        return cls(resolve((lock or load_lock()).pin(TRANSLATION), model), options)

    def decoding(self, source_length: int) -> Decoding:
        fixed = self.options.fixed_output_tokens
        if fixed:
            return Decoding(num_beams=self.beams, max_new_tokens=fixed + 1, min_new_tokens=fixed)
        return Decoding(num_beams=self.beams, max_new_tokens=min(self.max_length, int(1.5 * source_length) + 10))

    def prepare(self, text: str, blocks=None) -> list[Paragraph]:
        """Normalized, segmented paragraphs whose sentences are cut into chunks within the token budget.

        ``blocks``: a structured document's paragraphs and headings (web pages, Word, Markdown).
        """
        strip = self.options.strip_diacritics
        if blocks is not None:
            paragraphs = split_blocks(blocks, lambda t: normalize(t, strip_diacritics=strip))
        else:
            paragraphs = split_paragraphs(normalize(text, strip_diacritics=strip))
        return [Paragraph(p.text, p.heading, [Sentence(s, chunk_sentence(s, self.count_tokens, self.options.chunk_tokens))
                                              for s in p.sentences]) for p in paragraphs]

    def translate_articles(self, articles: Sequence[Sequence[Paragraph]],
                           progress: Callable[[int], None] | None = None) -> Iterator[int]:
        """Fill in every sentence's English, in place; yields each article's index once it is done.

        ``progress`` is called with the number of chunks after each batch.
        """
        groups = [[chunk for p in paragraphs for s in p.sentences for chunk in s.chunks] for paragraphs in articles]
        known = self.cache.get_many(c for g in groups for c in g) if self.cache else {}
        todo = [list(dict.fromkeys(c for c in group if c not in known)) for group in groups]
        o = self.options
        for index, done_now, outputs in self.model.run_groups(todo, self.decoding, o.batch_tokens, o.batch_sentences):
            if progress and done_now:
                progress(done_now)
            if outputs or not todo[index]:
                fresh = {}
                for chunk, out in zip(todo[index], outputs):
                    out, flags = self._finish(chunk, out)
                    fresh[chunk] = Translation(out.text, round(out.score, 4), out.finished, tuple(flags))
                if self.cache:
                    self.cache.put_many(fresh)
                results = {**known, **fresh}
                if progress and len(groups[index]) > len(todo[index]):
                    progress(len(groups[index]) - len(todo[index]))
                for paragraph in articles[index]:
                    for sentence in paragraph.sentences:
                        parts = [results[chunk] for chunk in sentence.chunks]
                        sentence.en = " ".join(part.english for part in parts)
                        scores = [part.score for part in parts if part.score is not None]
                        sentence.score = round(sum(scores) / len(scores), 4) if scores else None
                        sentence.flags = [flag for part in parts for flag in part.flags]
                yield index

    def _full_limit(self, _source_length: int) -> Decoding:
        return Decoding(num_beams=self.beams, max_new_tokens=self.max_length)

    def _finish(self, chunk: str, out: Output) -> tuple[Output, list[Flag]]:
        """Never silently cut, and no loop left where a retry removes it. Retries are single-chunk
        jobs, so they never depend on other articles either."""
        o = self.options
        if o.fixed_output_tokens or not o.retries:  # benchmarks: outputs cut at a fixed length on purpose
            return out, ([] if out.finished or o.fixed_output_tokens else [Flag(FlagKind.truncated, TRUNCATED)])
        flags = []
        if not out.finished:
            retry = self.model.run([chunk], self._full_limit, o.batch_tokens, 1)[0]
            if not retry.finished:
                parts = chunk_sentence(chunk, self.count_tokens, max(8, self.count_tokens(chunk) // 2))
                if len(parts) > 1:
                    outs = self.model.run(parts, self._full_limit, o.batch_tokens, 1)
                    retry = Output(" ".join(x.text for x in outs), sum(x.score for x in outs) / len(outs),
                                   all(x.finished for x in outs))
            if retry.finished:
                flags.append(Flag(FlagKind.retried, "hit its length bound; translated again with the model's full limit"))
            else:
                flags.append(Flag(FlagKind.truncated, TRUNCATED))
            out = retry
        if check_repetition(out.text, chunk):
            looped = Decoding(num_beams=self.beams, max_new_tokens=self.max_length, no_repeat_ngram_size=NO_REPEAT_NGRAM)
            retry = self.model.run([chunk], lambda _: looped, o.batch_tokens, 1)[0]
            if not check_repetition(retry.text, chunk):
                flags.append(Flag(FlagKind.repetition_fixed,
                                  f"a loop removed by translating again with no_repeat_ngram_size {NO_REPEAT_NGRAM}"))
                out = retry
        return out, flags

    def translate_chunks(self, chunks: Sequence[str]) -> list[str]:
        """Independent pieces of text, batched by length among themselves, in input order (no retries)."""
        o = self.options
        return [out.text for out in self.model.run(chunks, self.decoding, o.batch_tokens, o.batch_sentences)]

    def translate_paragraphs(self, paragraphs: list[Paragraph]) -> list[Paragraph]:
        for _ in self.translate_articles([paragraphs]):
            pass
        return paragraphs

    def translate(self, text: str) -> list[str]:
        """English paragraphs, in the same order and number as the input's paragraphs."""
        return [p.en for p in self.translate_paragraphs(self.prepare(text))]

    def provenance(self) -> dict[str, Any]:
        return describe(self.source, self.options)

    def cache_identity(self) -> dict[str, Any]:
        """What decides one chunk's translation: the model, engine, compute type, decoding and retries."""
        return {k: v for k, v in self.provenance().items() if k not in ("chunk_tokens", "strip_diacritics")}
