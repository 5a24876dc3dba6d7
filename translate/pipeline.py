"""The main job: brief files and folders of Arabic articles into per-article English and a briefing.

Library API (the CLI's `translate brief` is a thin layer over `brief`)::

    from translate.pipeline import BriefOptions, brief
    report = brief([Path("seeds")], BriefOptions(out_dir=Path("outputs")))

Stages, in order: collect inputs, read each (bytes to text), skip those whose outputs are up to
date, then per group of articles: segment, translate, summarize, and write each article as soon
as its brief is done. Very large articles come last, each in a group of its own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from translate import settings
from translate.article import Article, Source
from translate.cache import ChunkCache
from translate.chars import visible
from translate.checks import DEFAULT_MIN_SCORE, check_article, checker_identity, glossary_digest
from translate.checks.encoder import MeaningEncoder, encoder
from translate.distributed import RayExecutor, RaySettings
from translate.errors import InputError, NoArticles, UsageError
from translate.glossary import load_glossary
from translate.hub import ModelSource, resolve_all
from translate.inputs import Collected, collect_inputs
from translate.lock import SUMMARIZATION, TRANSLATION, load_lock
from translate.output import OutputFolder
from translate.reader import ReadLimits, SourceText, read_source
from translate.render import Failure, briefing_html, briefing_markdown
from translate.signature import RunSignature
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


@dataclass
class BriefReport:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    left_out: list[Failure] = field(default_factory=list)  # files not read, and why (formats, hidden files)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    load_seconds: float = 0.0  # of `seconds`, spent loading models
    check_seconds: float = 0.0  # of `seconds`, spent in the checks (retries count as translation)
    translate_seconds: float = 0.0  # of `seconds`, spent translating (retries included)
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
            f"run `{settings.command('models lock')}` on a machine that reaches the Hub to record them.")


class _Models:
    """The two models, each loaded on first use and once per run."""

    def __init__(self, sources: dict[str, ModelSource], options: BriefOptions, reporter: Reporter) -> None:
        self.sources, self.options, self.reporter = sources, options, reporter
        self._translator: Translator | None = None
        self._summarizer: Summarizer | None = None
        self.load_seconds = 0.0

    def _warn(self, text: str) -> None:
        self.reporter.message("warning: " + text)

    def _converting(self, folder: Path, problem: str | None = None) -> None:
        if problem is None:
            self.reporter.message(f"converting {folder} to CTranslate2 (once; cached for later runs)")
        else:
            self._warn(f"converting {folder} to CTranslate2 for this run only: the conversion cache {problem}")

    def meaning(self) -> MeaningEncoder:
        """The meaning check's encoder (shipped with its package), loaded once, threads as translation's."""
        start = time.perf_counter()
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
                self._translator.cache = ChunkCache(self._translator.cache_identity(), warn=self._warn)
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


def work(models: _Models, todo: list[tuple[Article, SourceText]], options: BriefOptions, glossary: dict[str, str] | None,
         reporter: Reporter, clock: Callable[[], float], report: BriefReport) -> Iterator[Article]:
    """Segment, translate, brief and check articles; yield each as soon as it is complete.

    The one path every article takes, in a local run and on a Ray worker alike.
    """
    translator, summarizer = models.translator(), models.summarizer()
    models.meaning()
    sizes = [len(text.text) for _, text in todo]

    def prepare(i: int) -> int:
        article, text = todo[i]
        article.paragraphs = translator.prepare(text.text, text.blocks)
        return sum(len(s.chunks) for p in article.paragraphs for s in p.sentences)

    counts = {i: prepare(i) for i in range(len(todo)) if sizes[i] <= LARGE_CHARS}
    reporter.start(len(todo), sum(counts.values()))
    for group in _groups(sizes, counts, options.group_articles):
        for i in group:
            if i not in counts:  # a very large article: segmented now, its pieces added to the progress total
                counts[i] = prepare(i)
                reporter.start(0, counts[i])
        members = [todo[i][0] for i in group]
        t0 = clock()
        for _ in translator.translate_articles([a.paragraphs for a in members], progress=lambda n: reporter.advance(chunks=n)):
            pass
        t1 = clock()
        report.translate_seconds += t1 - t0
        for k, brief_ in summarizer.summarize_many([a.body() for a in members]):
            article = members[k]
            article.brief = brief_
            t_check = clock()
            check_article(article, glossary, options.min_score)
            report.check_seconds += clock() - t_check
            article.set_title(visible(Path(article.source.path).name))
            article.set_flags()
            article.provenance["timings"] = {"translate_s": round((t1 - t0) / len(members), 3),
                                             "brief_done_s": round(clock() - t1, 3),
                                             "note": "translation time shared by the articles of its group"}
            yield article


class Briefer:
    """One output folder and its models, for one pass (`brief`) or many (`watch`)."""

    def __init__(self, options: BriefOptions, reporter: Reporter | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.options, self.reporter, self.clock = options, reporter or SilentReporter(), clock
        self.glossary = read_glossary(options.glossary)
        self.folder = OutputFolder(options.out_dir)
        self.lock = load_lock()
        self.needs = {TRANSLATION: options.mt_model}
        if SummarizerKind(options.summary.summarizer) is SummarizerKind.abstractive:
            self.needs[SUMMARIZATION] = options.sum_model
        self.models: _Models | None = None
        self.signature: RunSignature | None = None
        self.warnings: list[str] = []
        self.reported_failures: dict[tuple[str, str], tuple[int, int] | None] = {}  # (status, path) -> its state when said
        self.executor: Callable[[list[tuple[Article, SourceText]], BriefReport], Iterator[Article]] = self.local

    def local(self, todo: list[tuple[Article, SourceText]], report: BriefReport) -> Iterator[Article]:
        assert self.models is not None
        yield from work(self.models, todo, self.options, self.glossary, self.reporter, self.clock, report)

    def start(self) -> None:
        """Every model found (all missing ones named at once), the signature built: once, before the
        output folder is touched (a run that cannot work creates nothing there)."""
        if self.models is not None:
            return
        sources = resolve_all(self.needs, self.lock, brief=True)
        for source in sources.values():
            if source.unverified:
                self.warnings.append(unverified_warning(source))
                self.reporter.message("warning: " + self.warnings[-1])
        self.signature = run_signature(sources, self.options, self.glossary)
        self.models = _Models(sources, self.options, self.reporter)

    def _say_once(self, report_list: list[Failure], failure: Failure, status: str) -> None:
        """Listed in every briefing; said once per state of the file (watch retries it only when it changes)."""
        report_list.append(failure)
        try:
            info = os.stat(failure.path)
            state: tuple[int, int] | None = (info.st_size, info.st_mtime_ns)
        except OSError:
            state = None
        if self.reported_failures.get((status, failure.path), ()) != state:
            self.reporter.file(failure.path, status, failure.reason)
            self.reported_failures[(status, failure.path)] = state

    def fail(self, report: BriefReport, failure: Failure) -> None:
        self._say_once(report.failed, failure, "failed")

    def leave_out(self, report: BriefReport, entry: Failure) -> None:
        self._say_once(report.left_out, entry, "left out")

    def read(self, path: Path) -> SourceText:
        """One file's text; any failure of its reader is this file's failure, never the batch's."""
        try:
            return read_source(path, self.options.limits)
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - a reader's bug or missing library must not end the batch
            raise InputError(str(path), f"could not be read ({type(exc).__name__}: {exc})") from None

    def run_once(self, paths: Sequence[Path], *, announce_skips: bool = True,
                 collected: Collected | None = None) -> BriefReport:
        """One pass; ``collected``: the inputs already found for this pass (the walk is not repeated)."""
        options, reporter, clock, folder = self.options, self.reporter, self.clock, self.folder
        started = clock()
        report = BriefReport()
        collected = collected or collect_inputs(paths, options.out_dir)
        for failure in collected.failures:
            self.fail(report, failure)
        for entry in collected.left_out:
            self.leave_out(report, entry)
        self.start()
        assert self.models is not None and self.signature is not None
        models, signature = self.models, self.signature
        report.warnings, report.signature = list(self.warnings), signature

        finished: list[Article] = []
        todo: list[tuple[Article, SourceText]] = []
        for item in collected.files:
            try:
                text = self.read(item.path)
            except InputError as exc:
                self.fail(report, Failure(str(item.path), exc.reason))
                continue
            self.reported_failures.pop(("failed", str(item.path)), None)
            key = signature.cache_key(text.sha256)
            if not options.force and folder.complete(item.output, key):
                report.skipped.append(str(item.path))
                finished.append(folder.read(item.output))
                if announce_skips:
                    reporter.file(str(item.path), "skipped", "unchanged")
                continue
            article = Article(Source(str(item.path), text.sha256, text.encoding, text.format), item.output, cache_key=key,
                              provenance=signature.provenance(), date=text.date, notes=list(text.notes))
            todo.append((article, text))

        if todo:
            for article in self.executor(todo, report):
                folder.write(article, signature.stamp())
                finished.append(article)
                report.done.append(article.source.path)
                reporter.advance(articles=1)
                reporter.file(article.source.path, "done", f"{article.sentence_count} sentences")

        date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        totals = {"date": date, "done": len(report.done), "skipped": len(report.skipped), "stamp": signature.stamp(),
                  "left_out": report.left_out}
        report.briefing = folder.write_briefing(briefing_markdown(finished, report.failed, **totals),
                                                briefing_html(finished, report.failed, **totals))
        report.seconds = clock() - started
        report.load_seconds, models.load_seconds = models.load_seconds, 0.0
        return report


def _found(paths: Sequence[Path], options: BriefOptions) -> Collected:
    """The inputs, with usage errors raised before anything is loaded or written."""
    return collect_inputs(paths, options.out_dir)


def brief(paths: Sequence[Path], options: BriefOptions, reporter: Reporter | None = None,
          clock: Callable[[], float] = time.perf_counter, ray: RaySettings | None = None) -> BriefReport:
    """Translate and brief every article under ``paths`` into ``options.out_dir`` (on Ray workers if ``ray``).

    Raises NoArticles when the inputs hold no article file at all (nothing is created then), and
    ModelUnavailable before the output folder is touched."""
    briefer = Briefer(options, reporter, clock)
    collected = _found(paths, options)
    if not collected.files and not collected.failures:
        raise NoArticles(collected.no_articles_message(paths))
    briefer.start()
    if ray is not None:
        briefer.executor = RayExecutor(briefer, ray, work, BriefReport)
    with briefer.folder.locked(on_wait=briefer.reporter.message):
        return briefer.run_once(paths, collected=collected)


RESCAN_S = 5.0  # --watch: the folder is walked again at least this often, events or not


def _input_filter(out_dir: Path):
    out = os.path.realpath(out_dir)

    def wanted(_change, path: str) -> bool:  # never raises: os.path.realpath does not, on link loops either
        real = os.path.realpath(path)
        return real != out and not real.startswith(out + os.sep)

    return wanted


def _events(paths: Sequence[Path], out_dir: Path, wake, stop, force_polling: bool | None, warn) -> None:
    """Set ``wake`` on every change under ``paths``, from before the first pass until ``stop``."""
    from watchfiles import watch as watch_files

    try:
        for _ in watch_files(*paths, stop_event=stop, watch_filter=_input_filter(out_dir), force_polling=force_polling,
                             debounce=400, step=100, rust_timeout=500, yield_on_timeout=False, raise_interrupt=False):
            wake.set()
    except Exception as exc:  # noqa: BLE001 - the walk below still finds every file, only later
        if not stop.is_set():
            warn(f"the folder watcher stopped ({type(exc).__name__}: {exc}); the folder is walked every "
                 f"{RESCAN_S:.0f} s instead")


def watch(paths: Sequence[Path], options: BriefOptions, reporter: Reporter | None = None, stop=None, *,
          settle: float = 1.0, force_polling: bool | None = None,
          on_pass: Callable[[BriefReport], None] | None = None, rescan: float = RESCAN_S) -> BriefReport:
    """Brief what is there, then whatever is added or changed once it has stopped changing, until
    ``stop`` is set or Ctrl-C; models stay loaded and briefing.md is rewritten after each pass.

    The folder itself is the truth: after each pass it is walked again at once, and again on each
    change event or every ``rescan`` seconds, and a pass runs whenever what it holds differs from what
    the last pass saw. So a file that arrives during a pass, or whose event is lost, is still briefed.
    """
    import threading

    stop = stop or threading.Event()
    briefer = Briefer(options, reporter)
    _found(paths, options)
    briefer.start()
    wake = threading.Event()
    warn = lambda text: briefer.reporter.message("warning: " + text)  # noqa: E731
    watcher = threading.Thread(target=_events, args=(paths, options.out_dir, wake, stop, force_polling, warn),
                               name="translate-watch", daemon=True)
    watcher.start()  # before the first pass, so that nothing arriving during it goes unseen
    total = BriefReport()

    def add(report: BriefReport) -> None:
        total.done += report.done
        total.skipped, total.failed, total.left_out = report.skipped, report.failed, report.left_out
        total.warnings, total.seconds = report.warnings, total.seconds + report.seconds
        total.load_seconds += report.load_seconds
        total.briefing, total.signature = report.briefing, report.signature
        if on_pass:
            on_pass(report)

    try:
        with briefer.folder.locked(on_wait=briefer.reporter.message):
            seen: dict | None = None
            while not stop.is_set():
                collected = _found(paths, options)
                state = collected.state()
                if state == seen:
                    deadline = time.monotonic() + rescan
                    while not stop.is_set() and not wake.wait(min(0.25, max(0.0, deadline - time.monotonic()))):
                        if time.monotonic() >= deadline:
                            break
                    wake.clear()
                    continue
                if seen is not None:  # something changed: brief it once it has stopped changing
                    while not stop.wait(settle):
                        again = _found(paths, options)
                        if again.state() == state:
                            break
                        collected, state = again, again.state()
                    if stop.is_set():
                        break
                add(briefer.run_once(paths, announce_skips=seen is None, collected=collected))
                seen = state
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        watcher.join(5)
    return total
