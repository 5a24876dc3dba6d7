"""The per-article work, as named stages on one job record: segment, translate, summarize, check,
then title and flags. The one path every article takes, in a local run, a watched folder and on a
Ray worker alike; ``prepare_run`` finds the models and builds the run signature for all three.

Library API: ``BriefOptions`` (every option of a run, declared once), ``Job`` (an article and the
text it was read from), ``Run`` (the models, the signature and the glossary of a run), ``Stages``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from translate import settings
from translate.article import Article
from translate.cache import ChunkCache
from translate.chars import visible
from translate.checks import DEFAULT_MIN_SCORE, check_article, checker_identity, glossary_digest
from translate.checks import warm as warm_checks
from translate.checks.encoder import MeaningEncoder, encoder
from translate.copies import warm as warm_copies
from translate.errors import UsageError
from translate.glossary import load_glossary
from translate.hub import ModelSource, resolve_all
from translate.lock import SUMMARIZATION, TRANSLATION, load_lock
from translate.reader import ReadLimits, SourceText
from translate.signature import RunSignature
from translate.stories import warm as warm_stories
from translate.summarizer import (
    AbstractiveSummarizer,
    ExtractiveSummarizer,
    Summarizer,
    SummarizerKind,
    SummaryOptions,
    describe_abstractive,
)
from translate.translator import TranslationOptions, Translator, describe

GROUP_CHUNKS = 64  # chunks in flight before their articles are summarized and written
LARGE_CHARS = 100_000  # an article longer than this is segmented when its turn comes, alone, after the others


@dataclass(frozen=True)
class BriefOptions:
    out_dir: Path = Path("outputs")
    force: bool = False
    mt_model: str | None = None
    sum_model: str | None = None
    translation: TranslationOptions = field(default_factory=TranslationOptions)
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    group_articles: int = 4  # at most this many articles share a group (speed only: batches never mix articles)
    glossary: Path | None = None  # Arabic term -> required English rendering (TSV or TOML)
    cache: bool = True  # translated chunks kept in the tool's cache (SQLite) and reused
    min_score: float = DEFAULT_MIN_SCORE  # low_confidence below this mean token log-probability
    limits: ReadLimits = field(default_factory=ReadLimits)  # how large one input may be
    since: str | None = None  # the briefing shows only stories changed since: a date (YYYY-MM-DD[ HH:MM]) or "last" (run)


class Reporter(Protocol):
    """What a run tells a person: messages, warnings, progress and each file's outcome."""

    def message(self, text: str) -> None: ...
    def warn(self, text: str) -> None: ...
    def start(self, articles: int, chunks: int) -> None: ...
    def advance(self, chunks: int = 0, articles: int = 0) -> None: ...
    def file(self, path: str, status: str, detail: str = "") -> None: ...


class SilentReporter:
    def message(self, text: str) -> None: ...
    def warn(self, text: str) -> None: ...
    def start(self, articles: int, chunks: int) -> None: ...
    def advance(self, chunks: int = 0, articles: int = 0) -> None: ...
    def file(self, path: str, status: str, detail: str = "") -> None: ...


@dataclass
class Job:
    """One article on its way through the stages: its record, and the text it was read from."""

    article: Article
    text: SourceText


@dataclass
class Timings:
    translate_seconds: float = 0.0  # retries included
    check_seconds: float = 0.0


def unverified_warning(source: ModelSource) -> str:
    return (f"models.lock records no file hashes for {source.repo}, so its files were not checked; "
            f"run `{settings.command('models lock')}` on a machine that reaches the Hub to record them.")


class Models:
    """The two models and the meaning encoder, each loaded on first use and once per run."""

    def __init__(self, sources: dict[str, ModelSource], options: BriefOptions, reporter: Reporter) -> None:
        self.sources, self.options, self.reporter = sources, options, reporter
        self._translator: Translator | None = None
        self._summarizer: Summarizer | None = None
        self.load_seconds = 0.0

    def _converting(self, folder: Path, problem: str | None = None) -> None:
        if problem is None:
            self.reporter.message(f"converting {folder} to CTranslate2 (once; cached for later runs)")
        else:
            self.reporter.warn(f"converting {folder} to CTranslate2 for this run only: the conversion cache {problem}")

    def meaning(self) -> MeaningEncoder:
        """The checks' encoder (shipped with its package), loaded once, threads as translation's; and the
        checks' word lists and gazetteer; what wire copies and stories read."""
        start = time.perf_counter()
        warm_checks()
        warm_copies()
        warm_stories()
        loaded = encoder()
        loaded.set_threads(self.options.translation.runtime.threads)
        self.load_seconds += time.perf_counter() - start
        return loaded

    def translator(self) -> Translator:
        if self._translator is None:
            start = time.perf_counter()
            self.reporter.message(f"loading the translation model from {self.sources[TRANSLATION].path}")
            self._translator = Translator(self.sources[TRANSLATION], self.options.translation, on_convert=self._converting)
            if self.options.cache:
                self._translator.cache = ChunkCache(self._translator.cache_identity(), warn=self.reporter.warn)
            self.load_seconds += time.perf_counter() - start
        return self._translator

    def summarizer(self) -> Summarizer:
        if self._summarizer is None:
            start = time.perf_counter()
            if SUMMARIZATION not in self.sources:
                self._summarizer = ExtractiveSummarizer(self.options.summary.sentences)
            else:
                self.reporter.message(f"loading the summarization model from {self.sources[SUMMARIZATION].path}")
                self._summarizer = AbstractiveSummarizer(self.sources[SUMMARIZATION], self.options.summary,
                                                         on_convert=self._converting)
            self.load_seconds += time.perf_counter() - start
        return self._summarizer


def run_signature(sources: dict[str, ModelSource], options: BriefOptions, glossary: dict[str, str] | None) -> RunSignature:
    if SUMMARIZATION in sources:
        summary = describe_abstractive(sources[SUMMARIZATION], options.summary)
    else:
        summary = ExtractiveSummarizer(options.summary.sentences).provenance()
    checks = {"min_score": options.min_score, "glossary_sha256": glossary_digest(glossary), **checker_identity()}
    return RunSignature(describe(sources[TRANSLATION], options.translation), summary, checks)


def read_glossary(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    try:
        return load_glossary(path)
    except (OSError, ValueError) as exc:
        raise UsageError(f"--glossary {path}: {getattr(exc, 'strerror', None) or exc}") from None


@dataclass
class Run:
    """What every article of a run shares: its models, signature, glossary and warnings."""

    models: Models
    signature: RunSignature
    glossary: dict[str, str] | None
    warnings: list[str]


def prepare_run(options: BriefOptions, reporter: Reporter, glossary: dict[str, str] | None = None) -> Run:
    """Every model found (all missing ones named at once: ModelUnavailable) and the signature built."""
    needs = {TRANSLATION: options.mt_model}
    if SummarizerKind(options.summary.summarizer) is SummarizerKind.abstractive:
        needs[SUMMARIZATION] = options.sum_model
    sources = resolve_all(needs, load_lock(), brief=True)
    warnings = []
    for source in sources.values():
        if source.unverified:
            warnings.append(unverified_warning(source))
            reporter.warn(warnings[-1])
    return Run(Models(sources, options, reporter), run_signature(sources, options, glossary), glossary, warnings)


def _groups(sizes: list[int], chunk_counts: dict[int, int], max_articles: int) -> list[list[int]]:
    """Indices in groups: ordinary articles in input order first (by chunks), then each very large one
    (over LARGE_CHARS characters) alone, smallest first."""
    small = [i for i in range(len(sizes)) if sizes[i] <= LARGE_CHARS]
    large = sorted((i for i in range(len(sizes)) if sizes[i] > LARGE_CHARS), key=lambda i: sizes[i])
    groups: list[list[int]] = []
    for i in small:
        if groups and len(groups[-1]) < max_articles and sum(chunk_counts[j] for j in groups[-1]) < GROUP_CHUNKS:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups + [[i] for i in large]


class Stages:
    """The per-article stages of one run; each call of ``run`` adds what it took to the ``Timings`` given."""

    def __init__(self, run: Run, options: BriefOptions, reporter: Reporter,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.shared, self.options, self.reporter, self.clock = run, options, reporter, clock

    def segment(self, job: Job) -> int:
        """Paragraphs, sentences and chunks of the job's text; how many chunks."""
        job.article.paragraphs = self.shared.models.translator().prepare(job.text.text, job.text.blocks)
        return sum(len(s.chunks) for p in job.article.paragraphs for s in p.sentences)

    def translate(self, articles: list[Article], timings: Timings) -> float:
        """Every sentence of these articles translated (one group: batches never mix articles); seconds."""
        start = self.clock()
        translator = self.shared.models.translator()
        for _ in translator.translate_articles([a.paragraphs for a in articles],
                                               progress=lambda n: self.reporter.advance(chunks=n)):
            pass
        seconds = self.clock() - start
        timings.translate_seconds += seconds
        return seconds

    def check(self, article: Article, timings: Timings) -> None:
        start = self.clock()
        check_article(article, self.shared.glossary, self.options.min_score)
        timings.check_seconds += self.clock() - start

    def run(self, jobs: Sequence[Job], timings: Timings) -> Iterator[Article]:
        """Segment, translate, summarize and check the jobs' articles; yield each as soon as it is complete."""
        models = self.shared.models
        models.translator()
        summarizer = models.summarizer()
        models.meaning()
        sizes = [len(job.text.text) for job in jobs]
        counts = {i: self.segment(jobs[i]) for i in range(len(jobs)) if sizes[i] <= LARGE_CHARS}
        self.reporter.start(len(jobs), sum(counts.values()))
        for group in _groups(sizes, counts, self.options.group_articles):
            for i in group:
                if i not in counts:  # a very large article: segmented now, its pieces added to the progress total
                    counts[i] = self.segment(jobs[i])
                    self.reporter.start(0, counts[i])
            members = [jobs[i].article for i in group]
            translated = self.translate(members, timings)
            done_translating = self.clock()
            for k, brief in summarizer.summarize_many([a.body() for a in members]):
                article = members[k]
                article.brief = brief
                self.check(article, timings)
                article.set_title(visible(Path(article.source.path).name))
                article.set_flags()
                article.provenance["timings"] = {"translate_s": round(translated / len(members), 3),
                                                 "brief_done_s": round(self.clock() - done_translating, 3),
                                                 "note": "translation time shared by the articles of its group"}
                yield article
