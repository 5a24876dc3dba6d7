"""`translate brief` (the main job) and `translate summarize`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from translate.cli._common import (
    DEFAULT_CHUNK_TOKENS, EXIT_USAGE, BatchTokens, Beams, ChunkTokens, ComputeType, Device, Engine, MtModel,
    StripDiacritics, Threads, console, die, error, friendly_errors, translation_options, write_stdout,
)
from translate.pipeline import BriefOptions, brief as run_brief
from translate.reader import decode
from translate.summarizer import SUMMARIZERS, AbstractiveSummarizer, ExtractiveSummarizer, SummaryOptions

SumModel = Annotated[
    str | None,
    typer.Option("--sum-model", envvar="TRANSLATE_SUM_MODEL",
                 help="Summarization model: a local folder saved with save_pretrained, or a Hub repo id. Default: models.lock."),
]
Summarizer = Annotated[str, typer.Option(help="abstractive (distilbart-cnn, pinned) or extractive (no model).")]


def _summary_options(summarizer: str, **engine: object) -> SummaryOptions:
    if summarizer not in SUMMARIZERS:
        die(f"--summarizer must be one of {', '.join(SUMMARIZERS)}, not {summarizer!r}.", EXIT_USAGE)
    return SummaryOptions.from_lock(summarizer=summarizer, **engine)


class ProgressReporter:
    """A rich progress bar on a terminal; plain log lines otherwise."""

    def __init__(self) -> None:
        self.live = console.is_terminal
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TimeRemainingColumn(), console=console, transient=True,
        )
        self.articles = self.sentences = None

    def start(self, articles: int, sentences: int) -> None:
        if self.live:
            self.progress.start()
            self.articles = self.progress.add_task("articles", total=articles)
            self.sentences = self.progress.add_task("sentences", total=sentences)
        else:
            console.print(f"translating {articles} articles, {sentences} sentences")

    def advance(self, articles: int, sentences: int) -> None:
        if self.live:
            self.progress.advance(self.articles, articles)
            self.progress.advance(self.sentences, sentences)

    def file(self, path: str, status: str, detail: str = "") -> None:
        style = {"failed": "bold red", "skipped": "dim", "done": "green"}.get(status, "")
        console.print(f"[{style}]{status}[/]: {path}" + (f" ({detail})" if detail else ""))

    def stop(self) -> None:
        if self.live:
            self.progress.stop()


def brief(
    paths: Annotated[list[Path], typer.Argument(help="Article files and folders (.txt and .md, recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("outputs"),
    force: Annotated[bool, typer.Option("--force", help="Redo articles whose outputs are up to date.")] = False,
    summarizer: Summarizer = "abstractive",
    mt_model: MtModel = None,
    sum_model: SumModel = None,
    beams: Beams = None,
    device: Device = "auto",
    engine: Engine = "ctranslate2",
    compute_type: ComputeType = "auto",
    threads: Threads = 0,
    chunk_tokens: ChunkTokens = DEFAULT_CHUNK_TOKENS,
    batch_tokens: BatchTokens = 4096,
    strip_diacritics: StripDiacritics = False,
    group_articles: Annotated[int, typer.Option(min=1, help="Articles translated together (sharing batches) before their files are written.")] = 32,
) -> None:
    """Translate and brief articles: DIR/<path>/<stem>.md and .json per article, and DIR/briefing.md."""
    translation = translation_options(
        beams=beams, device=device, engine=engine, compute_type=compute_type, threads=threads,
        chunk_tokens=chunk_tokens, batch_tokens=batch_tokens, strip_diacritics=strip_diacritics,
    )
    reporter = ProgressReporter()
    with friendly_errors():
        summary = _summary_options(summarizer, engine=engine, device=device, compute_type=compute_type, threads=threads)
        options = BriefOptions(out_dir=out, force=force, mt_model=mt_model, sum_model=sum_model,
                               translation=translation, summary=summary, group_articles=group_articles)
        try:
            report = run_brief(paths, options, reporter)
        finally:
            reporter.stop()
    console.print(
        f"{len(report.done)} done, {len(report.skipped)} skipped (unchanged), {len(report.failed)} failed "
        f"in {report.seconds:.1f} s; briefing: {report.briefing}"
    )
    if report.failed:
        error(f"{len(report.failed)} files failed; see {report.briefing}.")
    raise typer.Exit(report.exit_code)


def summarize(
    file: Annotated[str, typer.Argument(help="English text file, or '-' for standard input.")],
    summarizer: Summarizer = "abstractive",
    sum_model: SumModel = None,
    device: Device = "auto",
    engine: Engine = "ctranslate2",
    compute_type: ComputeType = "auto",
    threads: Threads = 0,
) -> None:
    """Summarize English text directly into a short brief."""
    with friendly_errors():
        options = _summary_options(summarizer, engine=engine, device=device, compute_type=compute_type, threads=threads)
        data = sys.stdin.buffer.read() if file == "-" else _read_bytes(Path(file))
        text, _ = decode(data, file)
        if options.summarizer == "extractive":
            model = ExtractiveSummarizer(options.sentences)
        else:
            model = AbstractiveSummarizer.load(sum_model, options=options)
        write_stdout(model.summarize(text).text)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        die(f"{path}: cannot be read ({exc.strerror or exc}).")

