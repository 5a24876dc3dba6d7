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

from translate.article import Article, Source
from translate.chars import plural
from translate.copies import mark_copies
from translate.distributed import RayExecutor, RaySettings
from translate.errors import InputError, NoArticles
from translate.inputs import Collected, collect_inputs, file_state
from translate.names_index import build_index, make_consistent
from translate.output import OutputFolder
from translate.reader import SourceText, read_source
from translate.registry import StoryRegistry, since_time
from translate.render import Failure, briefing_html, briefing_markdown
from translate.signature import RunSignature
from translate.stages import BriefOptions, Job, Reporter, Run, SilentReporter, Stages, Timings, prepare_run, read_glossary

__all__ = ["BriefOptions", "BriefReport", "Briefer", "Job", "Reporter", "brief", "watch"]


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
    story_seconds: float = 0.0  # of `seconds`, spent on wire copies, stories and the names index
    briefing: Path | None = None
    signature: RunSignature | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


class Briefer:
    """One output folder and its models, for one pass (`brief`) or many (`watch`)."""

    def __init__(self, options: BriefOptions, reporter: Reporter | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.options, self.reporter, self.clock = options, reporter or SilentReporter(), clock
        self.glossary = read_glossary(options.glossary)
        self.folder = OutputFolder(options.out_dir)
        self.run: Run | None = None
        self.stages: Stages | None = None
        self.reported_failures: dict[tuple[str, str], tuple[int, int] | None] = {}  # (status, path) -> its state when said
        self.executor: Callable[[list[Job], BriefReport], Iterator[Article]] = self.local

    @property
    def signature(self) -> RunSignature | None:
        return self.run.signature if self.run else None

    def local(self, jobs: list[Job], report: BriefReport) -> Iterator[Article]:
        """The stages on this machine; their time added to the report."""
        assert self.stages is not None
        timings = Timings()
        try:
            yield from self.stages.run(jobs, timings)
        finally:
            report.translate_seconds += timings.translate_seconds
            report.check_seconds += timings.check_seconds

    def start(self) -> None:
        """Every model found (all missing ones named at once), the signature built: once, before the
        output folder is touched (a run that cannot work creates nothing there)."""
        if self.run is None:
            self.run = prepare_run(self.options, self.reporter, self.glossary)
            self.stages = Stages(self.run, self.options, self.reporter, self.clock)

    def _say_once(self, report_list: list[Failure], failure: Failure, status: str) -> None:
        """Listed in every briefing; said once per state of the file (watch retries it only when it changes)."""
        report_list.append(failure)
        state = file_state(failure.path)
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
        assert self.run is not None
        models, signature = self.run.models, self.run.signature
        report.warnings, report.signature = list(self.run.warnings), signature

        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        registry = StoryRegistry(options.out_dir, reporter.warn)
        try:
            since = since_time(options.since, registry)
            registry.start(now)
            finished, recorded = self._run_files(collected, report, registry, announce_skips)
            grouping = clock()
            before = {a.output: list(a.copies) for a in finished}
            mark_copies(finished)
            names = build_index(finished)
            renamed = make_consistent(finished, names, self.run.glossary)  # before the stories' briefs are drawn
            stories = registry.stories(finished)
        finally:
            registry.close()
        for article in finished:
            if article.output in renamed:
                folder.write(article, signature.stamp())  # its English changed: its pages too
            elif article.copies != before[article.output] or article.story != recorded.get(article.output, article.story):
                folder.write_record(article)  # its wire copies and its story are part of its record
        report.story_seconds = clock() - grouping + registry.seconds
        if since is not None:
            stories = [s for s in stories if any(since.changed(e) for e in s.timeline)]
        totals = {"date": now, "done": len(report.done), "skipped": len(report.skipped), "stamp": signature.stamp(),
                  "left_out": report.left_out, "stories": stories, "names": names,
                  "since": since.label if since else None}
        report.briefing = folder.write_briefing(briefing_markdown(finished, report.failed, **totals),
                                                briefing_html(finished, report.failed, **totals))
        report.seconds = clock() - started
        report.load_seconds, models.load_seconds = models.load_seconds, 0.0
        return report

    def _run_files(self, collected: Collected, report: BriefReport, registry: StoryRegistry,
                   announce_skips: bool) -> tuple[list[Article], dict[str, int | None]]:
        """Each file: skipped (its record read back) or translated and written, each attached to its story
        before its files are written. The articles, and the story each skipped one's record gave."""
        options, reporter, folder = self.options, self.reporter, self.folder
        assert self.run is not None
        signature = self.run.signature
        finished: list[Article] = []
        recorded: dict[str, int | None] = {}
        todo: list[Job] = []
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
                article = folder.read(item.output)
                recorded[article.output] = article.story
                registry.attach(article)
                finished.append(article)
                if announce_skips:
                    reporter.file(str(item.path), "skipped", "unchanged")
                continue
            article = Article(Source(str(item.path), text.sha256, text.encoding, text.format), item.output, cache_key=key,
                              provenance=signature.provenance(), date=text.date, notes=list(text.notes),
                              outlet=text.outlet)
            todo.append(Job(article, text))

        if todo:
            for article in self.executor(todo, report):
                registry.attach(article)
                folder.write(article, signature.stamp())
                finished.append(article)
                report.done.append(article.source.path)
                reporter.advance(articles=1)
                reporter.file(article.source.path, "done", plural(article.sentence_count, "sentence"))
        return finished, recorded


def brief(paths: Sequence[Path], options: BriefOptions, reporter: Reporter | None = None,
          clock: Callable[[], float] = time.perf_counter, ray: RaySettings | None = None) -> BriefReport:
    """Translate and brief every article under ``paths`` into ``options.out_dir`` (on Ray workers if ``ray``).

    Raises NoArticles when the inputs hold no article file at all (nothing is created then), and
    ModelUnavailable before the output folder is touched."""
    since_time(options.since)  # a --since the run cannot read fails before any work
    briefer = Briefer(options, reporter, clock)
    collected = collect_inputs(paths, options.out_dir)
    if not collected.files and not collected.failures:
        raise NoArticles(collected.no_articles_message(paths))
    briefer.start()
    if ray is not None:
        briefer.executor = RayExecutor(briefer, ray)
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


def _wait_for_news(wake, stop, rescan: float) -> None:
    """Until a change event, ``stop``, or ``rescan`` seconds (looking at ``stop`` every quarter second)."""
    deadline = time.monotonic() + rescan
    while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
        if wake.wait(min(0.25, left)):
            break
    wake.clear()


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
    since_time(options.since)
    briefer = Briefer(options, reporter)
    collect_inputs(paths, options.out_dir)  # usage errors before anything is loaded or written
    briefer.start()
    wake = threading.Event()
    watcher = threading.Thread(target=_events, args=(paths, options.out_dir, wake, stop, force_polling, briefer.reporter.warn),
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
                collected = collect_inputs(paths, options.out_dir)
                state = collected.state()
                if state == seen:
                    _wait_for_news(wake, stop, rescan)
                    continue
                if seen is not None:  # something changed: brief it once it has stopped changing
                    while not stop.wait(settle):
                        again = collect_inputs(paths, options.out_dir)
                        if (now := again.state()) == state:
                            break
                        collected, state = again, now
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
