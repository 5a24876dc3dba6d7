"""The main job: brief files and folders of Arabic articles into per-article English and a briefing.

Library API (the CLI's `translate brief` is a thin layer over `brief`)::

    from translate.pipeline import BriefOptions, brief
    report = brief([Path("seeds")], BriefOptions(out_dir=Path("outputs")))

Stages, in order: collect inputs, read each (bytes to text), skip those whose outputs are up to
date, then per group of articles: segment, translate, summarize, and write each article as soon
as its brief is done. Very large articles come last, each in a group of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from translate.article import Article, Source
from translate.check import DEFAULT_MIN_SCORE, check_article, glossary_digest, load_glossary
from translate.hub import ModelSource, resolve_all
from translate.inputs import InputFile, UsageError, collect_inputs
from translate.lock import SUMMARIZATION, TRANSLATION, load_lock
from translate.output import OutputFolder
from translate.reader import InputError, read_source
from translate.render import Failure, briefing_markdown
from translate.signature import RunSignature
from translate.summarizer import (
    AbstractiveSummarizer, ExtractiveSummarizer, Summarizer, SummarizerKind, SummaryOptions, describe_abstractive,
)
from translate.translator import TranslationOptions, Translator, describe

GROUP_CHUNKS = 64  # chunks in flight before their articles are summarized and written
LARGE_CHUNKS = 1024  # an article with more chunks than this gets a group of its own, after the others


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
    min_score: float = DEFAULT_MIN_SCORE  # low_confidence below this mean token log-probability


@dataclass
class BriefReport:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    load_seconds: float = 0.0  # of `seconds`, spent loading models
    check_seconds: float = 0.0  # of `seconds`, spent in the checks (retries count as translation)
    briefing: Path | None = None
    signature: RunSignature | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


class Reporter(Protocol):
    def message(self, text: str) -> None: ...
    def start(self, articles: int, chunks: int) -> None: ...
    def advance(self, chunks: int = 0, articles: int = 0) -> None: ...
    def file(self, path: str, status: str, detail: str = "") -> None: ...


class SilentReporter:
    def message(self, text: str) -> None: ...
    def start(self, articles: int, chunks: int) -> None: ...
    def advance(self, chunks: int = 0, articles: int = 0) -> None: ...
    def file(self, path: str, status: str, detail: str = "") -> None: ...


def unverified_warning(source: ModelSource) -> str:
    return (f"models.lock records no file hashes for {source.repo}, so its files were not checked; "
            f"run `translate models lock` on a machine that reaches the Hub to record them.")


class _Models:
    """The two models, each loaded on first use and once per run."""

    def __init__(self, sources: dict[str, ModelSource], options: BriefOptions, reporter: Reporter) -> None:
        self.sources, self.options, self.reporter = sources, options, reporter
        self._translator: Translator | None = None
        self._summarizer: Summarizer | None = None
        self.load_seconds = 0.0

    def _converting(self, folder: Path) -> None:
        self.reporter.message(f"converting {folder} to CTranslate2 (once; cached for later runs)")

    def translator(self) -> Translator:
        if self._translator is None:
            start = time.perf_counter()
            self.reporter.message(f"loading the translation model from {self.sources[TRANSLATION].path}")
            self._translator = Translator(self.sources[TRANSLATION], self.options.translation, on_convert=self._converting)
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
    checks = {"min_score": options.min_score, "glossary_sha256": glossary_digest(glossary)}
    return RunSignature(describe(sources[TRANSLATION], options.translation), summary, checks)


def read_glossary(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    try:
        return load_glossary(path)
    except (OSError, ValueError) as exc:
        raise UsageError(f"--glossary {path}: {getattr(exc, 'strerror', None) or exc}") from None


def _groups(articles: list[Article], chunk_counts: list[int], max_articles: int) -> list[list[int]]:
    """Indices in groups: ordinary articles in input order first, then each very large one alone, smallest first."""
    small = [i for i in range(len(articles)) if chunk_counts[i] <= LARGE_CHUNKS]
    large = sorted((i for i in range(len(articles)) if chunk_counts[i] > LARGE_CHUNKS), key=lambda i: chunk_counts[i])
    groups: list[list[int]] = []
    for i in small:
        if groups and len(groups[-1]) < max_articles and sum(chunk_counts[j] for j in groups[-1]) < GROUP_CHUNKS:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups + [[i] for i in large]


def brief(paths: Sequence[Path], options: BriefOptions, reporter: Reporter | None = None,
          clock: Callable[[], float] = time.perf_counter) -> BriefReport:
    """Translate and brief every article under ``paths`` into ``options.out_dir``."""
    reporter = reporter or SilentReporter()
    started = clock()
    report = BriefReport()
    glossary = read_glossary(options.glossary)
    inputs, report.failed = collect_inputs(paths, options.out_dir)
    for failure in report.failed:
        reporter.file(failure.path, "failed", failure.reason)
    lock = load_lock()
    needs = {TRANSLATION: options.mt_model}
    if SummarizerKind(options.summary.summarizer) is SummarizerKind.abstractive:
        needs[SUMMARIZATION] = options.sum_model
    folder = OutputFolder(options.out_dir)
    with folder.locked(on_wait=reporter.message):
        sources = resolve_all(needs, lock, brief=True)
        for source in sources.values():
            if source.unverified:
                report.warnings.append(unverified_warning(source))
                reporter.message("warning: " + report.warnings[-1])
        signature = report.signature = run_signature(sources, options, glossary)
        models = _Models(sources, options, reporter)

        finished: list[Article] = []
        todo: list[tuple[InputFile, Article]] = []
        texts: list[str] = []
        for item in inputs:
            try:
                text = read_source(item.path)
            except InputError as exc:
                report.failed.append(Failure(str(item.path), exc.reason))
                reporter.file(str(item.path), "failed", exc.reason)
                continue
            key = signature.cache_key(text.sha256)
            if not options.force and folder.complete(item.output, key):
                report.skipped.append(str(item.path))
                finished.append(folder.read(item.output))
                reporter.file(str(item.path), "skipped", "unchanged")
                continue
            article = Article(Source(str(item.path), text.sha256, text.encoding), item.output, cache_key=key,
                              provenance=signature.provenance())
            todo.append((item, article))
            texts.append(text.text)

        if todo:
            translator = models.translator()
            summarizer = models.summarizer()
            for (_, article), text in zip(todo, texts):
                article.paragraphs = translator.prepare(text)
            counts = [sum(len(s.chunks) for p in a.paragraphs for s in p.sentences) for _, a in todo]
            reporter.start(len(todo), sum(counts))
            for group in _groups([a for _, a in todo], counts, options.group_articles):
                members = [todo[i] for i in group]
                t0 = clock()
                for _ in translator.translate_articles([a.paragraphs for _, a in members],
                                                       progress=lambda n: reporter.advance(chunks=n)):
                    pass
                t1 = clock()
                for k, brief_ in summarizer.summarize_many([a.body() for _, a in members]):
                    item, article = members[k]
                    article.brief = brief_
                    t_check = clock()
                    check_article(article, glossary, options.min_score)
                    report.check_seconds += clock() - t_check
                    article.set_title(item.path.name)
                    article.set_flags()
                    article.provenance["timings"] = {"translate_s": round((t1 - t0) / len(members), 3),
                                                     "brief_done_s": round(clock() - t1, 3),
                                                     "note": "translation time shared by the articles of its group"}
                    folder.write(article)
                    finished.append(article)
                    report.done.append(str(item.path))
                    reporter.advance(articles=1)
                    reporter.file(str(item.path), "done", f"{article.sentence_count} sentences")

        date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        report.briefing = folder.write_briefing(briefing_markdown(
            finished, report.failed, date=date, done=len(report.done), skipped=len(report.skipped),
            stamp=signature.stamp()))
    report.seconds = clock() - started
    report.load_seconds = models.load_seconds
    return report
