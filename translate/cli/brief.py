"""`translate brief` (the main job) and `translate summarize`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from translate import settings
from translate.chars import plural
from translate.checks import DEFAULT_MIN_SCORE
from translate.cli._common import (
    EXIT_USAGE,
    EtaColumn,
    GlossaryOpt,
    MinScore,
    MtModel,
    ProgressLog,
    console,
    die,
    engine_flags,
    error,
    friendly_errors,
    read_stdin,
    say,
    translation_flags,
    warn,
    write_stdout,
)
from translate.distributed import RaySettings, require_ray
from translate.engines import EngineOptions
from translate.errors import InputError
from translate.pipeline import BriefOptions
from translate.pipeline import brief as run_brief
from translate.pipeline import watch as run_watch
from translate.reader import DEFAULT_MAX_INPUT_MB, MB, ReadLimits, decode, read_bytes
from translate.render import clean
from translate.summarizer import AbstractiveSummarizer, ExtractiveSummarizer, SummarizerKind, SummaryOptions
from translate.translator import TranslationOptions

SumModel = Annotated[str | None, typer.Option(
    "--sum-model", envvar=settings.SUM_MODEL,
    help="Summarization model: a local folder saved with save_pretrained, or a Hub repo id. Default: models.lock.")]
SummarizerOpt = Annotated[SummarizerKind, typer.Option(
    "--summarizer", help="abstractive (distilbart-cnn, pinned) or extractive (no model).")]


class ProgressReporter:
    """A rich progress bar on a terminal (articles, sentence chunks); plain log lines otherwise, with a
    progress line at a steady pace (counts, share, ETA)."""

    def __init__(self) -> None:
        self.live = console.is_terminal
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            EtaColumn(), console=console, transient=True,
        )
        self.articles = self.chunks = None
        self.articles_total = self.articles_done = 0
        self.log = ProgressLog("sentence pieces", also=lambda: f"{self.articles_done} of {self.articles_total} articles")

    def message(self, text: str) -> None:
        say(text)

    def warn(self, text: str) -> None:
        say(text, "warning", "yellow")

    def start(self, articles: int, chunks: int) -> None:
        """A new pass, or (called again) more work for the same bars: their totals grow."""
        self.articles_total += articles
        self.log.add(chunks)
        if self.live:
            if self.articles is None:
                self.progress.start()
                self.articles = self.progress.add_task("articles", total=0)
                self.chunks = self.progress.add_task("sentences", total=0)
            for task, more in ((self.articles, articles), (self.chunks, chunks)):
                self.progress.update(task, total=(self.progress.tasks[task].total or 0) + more)
        elif articles:
            say(f"translating {plural(articles, 'article')}, {plural(chunks, 'sentence piece')}")
        else:
            say(f"a very large article: {plural(chunks, 'sentence piece')} more")

    def advance(self, chunks: int = 0, articles: int = 0) -> None:
        self.log.advance(chunks)
        self.articles_done += articles
        if self.live:
            if chunks:
                self.progress.advance(self.chunks, chunks)
            if articles:
                self.progress.advance(self.articles, articles)

    def file(self, path: str, status: str, detail: str = "") -> None:
        style = {"failed": "bold red", "skipped": "dim", "done": "green", "left out": "yellow"}.get(status, "")
        say(path + (f" ({detail})" if detail else ""), status, style)

    def stop(self) -> None:
        self.log.stop()
        if self.live:
            self.progress.stop()


@translation_flags
def brief(
    paths: Annotated[list[Path], typer.Argument(help="Article files and folders (.txt .md .html .htm .docx, recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("outputs"),
    force: Annotated[bool, typer.Option("--force", help="Redo articles whose outputs are up to date.")] = False,
    mt_model: MtModel = None,
    sum_model: SumModel = None,
    summarizer: SummarizerOpt = SummarizerKind.abstractive,
    translation: TranslationOptions = TranslationOptions(),
    group_articles: Annotated[int, typer.Option(
        min=1, help="Articles translated in one group before their files are written (speed only).")] = 4,
    glossary: GlossaryOpt = None,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Translate every chunk again; do not read or write the chunk cache.")] = False,
    watch_folder: Annotated[bool, typer.Option("--watch", help="Keep going: brief files added or changed, until Ctrl-C.")] = False,
    settle: Annotated[float, typer.Option(min=0.0, help="--watch: seconds a file must stay unchanged before it is read.")] = 1.0,
    poll: Annotated[bool, typer.Option("--poll", help="--watch: poll the folder (for network file systems without events).")] = False,
    ray: Annotated[str | None, typer.Option("--ray", metavar="[ADDRESS]",
                                            help="Brief on Ray: alone, a local Ray instance; with an address (or "
                                                 "RAY_ADDRESS), that cluster. Needs translate-briefing\\[ray].")] = None,
    ray_workers: Annotated[int | None, typer.Option("--ray-workers", min=1, help="Ray workers (default: one per 2 CPUs).")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE|last", help="The briefing shows only the stories with articles added or revised since "
                                             "DATE (2026-12-01, or 2026-12-01 09:30, UTC) or since the last run ('last').")] = None,
    max_input_mb: Annotated[float, typer.Option(
        "--max-input-mb", min=0.001, help="Largest input file, and largest a Word file may inflate to, in MB; larger "
                                          "ones fail by name before they are read.")] = DEFAULT_MAX_INPUT_MB,
) -> None:
    """Translate and brief articles: DIR/<path>/<name>.md and .json per article, and DIR/briefing.md."""
    reporter = ProgressReporter()
    with friendly_errors():
        summary = SummaryOptions(summarizer=summarizer, runtime=translation.runtime)  # one engine for both models
        options = BriefOptions(out_dir=out, force=force, mt_model=mt_model, sum_model=sum_model,
                               translation=translation, summary=summary, group_articles=group_articles,
                               glossary=glossary, min_score=min_score, cache=not no_cache,
                               limits=ReadLimits(max_bytes=int(max_input_mb * MB)), since=since)
        try:
            if watch_folder:
                say(f"watching {', '.join(map(str, paths))}; Ctrl-C to stop")
                report = run_watch(paths, options, reporter, settle=settle, force_polling=poll or None,
                                   on_pass=lambda r: say(f"briefing updated: {r.briefing} ({len(r.done)} done)") if r.done else None)
            elif ray:
                require_ray()
                settings_ = RaySettings(address=None if ray == "local" else ray, workers=ray_workers)
                report = run_brief(paths, options, reporter, ray=settings_)
            else:
                report = run_brief(paths, options, reporter)
        finally:
            reporter.stop()
    left_out = f", {len(report.left_out)} left out" if report.left_out else ""
    say(f"{len(report.done)} done, {len(report.skipped)} skipped (unchanged), {len(report.failed)} failed{left_out} "
        f"in {report.seconds:.1f} s; briefing: {report.briefing}")
    if report.failed:
        error(f"{plural(len(report.failed), 'file')} failed; see {report.briefing}.")
    raise typer.Exit(report.exit_code)


@engine_flags
def summarize(
    file: Annotated[str, typer.Argument(help="English text file, or '-' for standard input.")],
    summarizer: SummarizerOpt = SummarizerKind.abstractive,
    sum_model: SumModel = None,
    runtime: EngineOptions = EngineOptions(),
) -> None:
    """Summarize English text directly into a short brief."""
    with friendly_errors():
        options = SummaryOptions(summarizer=summarizer, runtime=runtime)
        if file != "-" and not Path(file).exists():
            die(f"no such file: {file}", EXIT_USAGE)
        limits = ReadLimits()
        data = read_stdin(limits) if file == "-" else read_bytes(Path(file), limits)
        if len(data) > limits.max_bytes:
            raise InputError(file, limits.refuse(len(data)))
        text, _, notes = decode(data, file)
        for _, detail in notes:
            warn(f"{file}: {detail}")
        if options.summarizer is SummarizerKind.extractive:
            model = ExtractiveSummarizer(options.sentences)
        else:
            model = AbstractiveSummarizer.load(sum_model, options=options)
        write_stdout(clean(model.summarize(text).text))
