"""What every command shares: option aliases, the one console, and error-to-exit-code mapping.

Everything printed goes through ``say``: untrusted text (paths, article text, model output) is
printed as plain text, never parsed as Rich markup, with control and bidi-control characters shown
as escapes, so that a file name can never forge a line or reorder one.
"""

from __future__ import annotations

import functools
import inspect
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import ProgressColumn
from rich.text import Text

from translate import settings
from translate.chars import visible
from translate.engines import ComputeType, Device, EngineName, EngineOptions
from translate.errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_NO_ARTICLES,
    EXIT_TERMINATED,
    EXIT_USAGE,
    Terminated,
    TranslateError,
    interruption,
)
from translate.reader import ReadLimits, SourceText, read_source, source_from_bytes, source_from_text
from translate.translator import TranslationOptions

R = TypeVar("R")

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_NO_ARTICLES", "EXIT_TERMINATED", "EXIT_USAGE"]  # for the commands

# Messages and progress go to stderr; stdout carries results only.
console = Console(stderr=True, highlight=False, soft_wrap=True)


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def say(message: str, label: str = "", style: str = "") -> None:
    text = Text()
    if label:
        text.append(f"{label}: ", style=style)
    text.append(visible(message))
    console.print(text)


def error(message: str) -> None:
    say(message, "error", "bold red")


def warn(message: str) -> None:
    say(message, "warning", "yellow")


def die(message: str, code: int = EXIT_FAILED) -> NoReturn:
    error(message)
    raise typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Known failures become one paragraph on stderr and an exit code, never a traceback."""
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    interrupted = "files already written are complete, and running again finishes the rest."
    try:
        yield
    except TranslateError as exc:  # each carries its exit code (translate/errors.py)
        die(str(exc), exc.exit_code)
    except OSError as exc:
        die(f"{exc.filename or ''}: {exc.strerror or exc}" if exc.filename else str(exc), EXIT_FAILED)
    except (KeyboardInterrupt, Terminated, Exception) as exc:
        # Ctrl-C or SIGTERM, also when a library that calls our signal handler from native code (Ray's
        # wait) hands it back wrapped in its own error; anything else goes on up.
        kind = interruption(exc)
        if kind is None:
            raise
        sigterm = kind is Terminated
        die(f"terminated (SIGTERM); {interrupted}" if sigterm else f"interrupted; {interrupted}",
            EXIT_TERMINATED if sigterm else EXIT_INTERRUPTED)
    finally:
        signal.signal(signal.SIGTERM, previous)


PROGRESS_EVERY_S = 30.0  # away from a terminal: a progress line at least this often while work goes on


def clock_text(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def eta(done: float, total: float, elapsed: float) -> float | None:
    """Seconds left at the throughput measured so far; None before anything is done."""
    if done <= 0 or elapsed <= 0:
        return None
    return max(0.0, elapsed * (total - done) / done)


class EtaColumn(ProgressColumn):
    """Time left from the throughput measured since the bar started (rich's own estimate needs
    several updates within 30 s, which long batches never give)."""

    def render(self, task) -> Text:
        left = eta(task.completed, task.total or 0, task.elapsed or 0.0)
        return Text("-:--:--" if left is None else clock_text(left), style="progress.remaining")


class ProgressLog:
    """Away from a terminal (a log, a pipe), one line at a steady pace while work goes on: counts, share,
    elapsed time and an ETA from the throughput measured so far. Quiet on a terminal, where a bar shows it."""

    def __init__(self, unit: str, *, also: Callable[[], str] | None = None, every: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.unit, self.also, self.clock = unit, also, clock
        self.every = PROGRESS_EVERY_S if every is None else every
        self.total = self.done = 0
        self.started: float | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, total: int) -> None:
        """More work (a first pass, or a very large article whose pieces are counted when its turn comes)."""
        self.total += total
        if self.started is None:
            self.started = self.clock()
        if self._thread is None and not console.is_terminal:
            self._thread = threading.Thread(target=self._run, name="translate-progress", daemon=True)
            self._thread.start()

    def advance(self, done: int) -> None:
        self.done += done

    def line(self) -> str:
        elapsed = self.clock() - (self.started or self.clock())
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        text = f"progress: {self.done} of {self.total} {self.unit}{share}"
        if self.also:
            text += ", " + self.also()
        left = eta(self.done, self.total, elapsed)
        text += f", {clock_text(elapsed)} elapsed, " + ("no estimate yet" if left is None else f"about {clock_text(left)} left")
        return text

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            if self.done < self.total:
                say(self.line())

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)


def write_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def read_stdin(limits: ReadLimits | None = None) -> bytes:
    """Standard input, at most the input limit (one byte more tells that it was over)."""
    return sys.stdin.buffer.read((limits or ReadLimits()).max_bytes + 1)


def read_input(text: str | None, file: Path | None) -> SourceText:
    """TEXT as given, '-' or nothing for stdin, or --file."""
    if text is not None and file is not None:
        die("give TEXT or --file, not both.", EXIT_USAGE)
    if file is not None:
        if str(file) == "-":
            return source_from_bytes(read_stdin(), "<stdin>")
        if not file.exists():
            die(f"no such file: {file}", EXIT_USAGE)
        return read_source(file)
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            die("no input: give TEXT, '-' for standard input, or --file FILE.", EXIT_USAGE)
        return source_from_bytes(read_stdin(), "<stdin>")
    return source_from_text(text)


MtModel = Annotated[str | None, typer.Option(
    "--mt-model", envvar=settings.MT_MODEL,
    help="Translation model: a local folder saved with save_pretrained, or a Hub repo id. Default: models.lock.")]
Beams = Annotated[int | None, typer.Option(min=1, help="Beam size. Default: the model's own (4 for opus-mt).")]
DeviceOpt = Annotated[Device, typer.Option("--device", help="auto uses CUDA when present.")]
EngineOpt = Annotated[EngineName, typer.Option("--engine", help="Inference engine.")]
ComputeTypeOpt = Annotated[ComputeType, typer.Option(
    "--compute-type", help="ctranslate2 only; auto is int8 on CPU, int8_float16 on CUDA.")]
Threads = Annotated[int, typer.Option(
    min=0, help="CPU threads; 0 uses all cores. ctranslate2 decodes two batches at once, half the threads each.")]
ChunkTokens = Annotated[int, typer.Option(min=8, help="Most subword tokens sent to the model at once; longer sentences are split.")]
BatchTokens = Annotated[int, typer.Option(min=64, help="Most padded source tokens in one batch (speed only).")]
StripDiacritics = Annotated[bool, typer.Option("--strip-diacritics", help="Remove Arabic diacritics (harakat) before translating.")]
GlossaryOpt = Annotated[Path | None, typer.Option(
    "--glossary", help="Required renderings: TSV (Arabic term<TAB>English) or TOML. Near-variants are replaced, the rest flagged.")]
MinScore = Annotated[float, typer.Option(
    "--min-score", help="Flag low_confidence below this mean token log-probability.")]
@dataclass(frozen=True)
class CliFlag:
    """One command-line flag of a group: its parameter name, its typer annotation, and the field it
    sets on the group's options ("runtime.engine" for a nested one)."""

    name: str
    annotation: Any
    field: str


# The one place where CLI flags are mapped to options (CTranslate2's declare_arguments/convert_from_args).
ENGINE_FLAGS = (CliFlag("device", DeviceOpt, "device"), CliFlag("engine", EngineOpt, "engine"),
                CliFlag("compute_type", ComputeTypeOpt, "compute_type"), CliFlag("threads", Threads, "threads"))
TRANSLATION_FLAGS = (CliFlag("beams", Beams, "num_beams"), *(CliFlag(f.name, f.annotation, "runtime." + f.field) for f in ENGINE_FLAGS),
                     CliFlag("chunk_tokens", ChunkTokens, "chunk_tokens"), CliFlag("batch_tokens", BatchTokens, "batch_tokens"),
                     CliFlag("strip_diacritics", StripDiacritics, "strip_diacritics"))


def option_value(options: Any, path: str) -> Any:
    """A field of options by its path (\"runtime.engine\")."""
    for part in path.split("."):
        options = getattr(options, part)
    return options


def with_values(options: Any, values: dict[str, Any]) -> Any:
    """``options`` with fields set by path ("num_beams", "runtime.engine"): nested options are replaced whole."""
    nested: dict[str, dict[str, Any]] = {}
    flat: dict[str, Any] = {}
    for path, value in values.items():
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            flat[head] = value
    for head, inner in nested.items():
        flat[head] = with_values(getattr(options, head), inner)
    return replace(options, **flat)


def _flag_group(parameter_name: str, flags: tuple[CliFlag, ...], defaults: Any) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """A decorator: the command's ``parameter_name`` parameter becomes ``flags`` (with the defaults of
    ``defaults``), and the command receives one options object built from their values."""

    def decorate(command: Callable[..., R]) -> Callable[..., R]:
        signature = inspect.signature(command, eval_str=True)
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name != parameter_name:
                parameters.append(parameter)
                continue
            parameters += [inspect.Parameter(f.name, parameter.kind, default=option_value(defaults, f.field), annotation=f.annotation)
                           for f in flags]

        @functools.wraps(command)
        def with_flags(**kwargs: Any) -> R:
            options = with_values(defaults, {f.field: kwargs.pop(f.name) for f in flags})
            return command(**{parameter_name: options}, **kwargs)

        with_flags.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        with_flags.__annotations__ = {p.name: p.annotation for p in parameters}
        return with_flags

    return decorate


# --beams, --engine, ... for every command that translates: its ``translation: TranslationOptions``.
translation_flags = _flag_group("translation", TRANSLATION_FLAGS, TranslationOptions())
# --engine, --device, ... for a command that runs a model but does not translate: its ``runtime: EngineOptions``.
engine_flags = _flag_group("runtime", ENGINE_FLAGS, EngineOptions())
