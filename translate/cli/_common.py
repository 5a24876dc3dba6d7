"""What every command shares: option aliases, the one console, and error-to-exit-code mapping.

Everything printed goes through ``say``: untrusted text (paths, article text, model output) is
printed as plain text, never parsed as Rich markup.
"""

from __future__ import annotations

import functools
import inspect
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from translate import settings
from translate.atomic import OutputError
from translate.engines import ComputeType, Device, EngineName
from translate.distributed import WorkerError
from translate.engines.ctranslate2_engine import ConversionError
from translate.hub import ModelUnavailable
from translate.inputs import UsageError
from translate.lock import LockError
from translate.reader import InputError, SourceText, read_source, source_from_bytes, source_from_text
from translate.render import clean
from translate.translator import TranslationOptions

R = TypeVar("R")

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

# Messages and progress go to stderr; stdout carries results only.
console = Console(stderr=True, highlight=False, soft_wrap=True)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt so that cleanup runs."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def say(message: str, label: str = "", style: str = "") -> None:
    text = Text()
    if label:
        text.append(f"{label}: ", style=style)
    text.append(clean(message))
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
    except (ModelUnavailable, LockError, UsageError) as exc:
        die(str(exc), EXIT_USAGE)
    except InputError as exc:
        die(str(exc), EXIT_FAILED)
    except KeyboardInterrupt:
        die(f"interrupted; {interrupted}", EXIT_INTERRUPTED)
    except Terminated:
        die(f"terminated (SIGTERM); {interrupted}", EXIT_TERMINATED)
    except ConversionError as exc:
        die(str(exc), EXIT_FAILED)
    except WorkerError as exc:
        die(f"a Ray worker could not start {exc}", EXIT_USAGE)
    except OutputError as exc:
        die(exc.strerror or str(exc), EXIT_FAILED)
    except OSError as exc:
        die(f"{exc.filename or ''}: {exc.strerror or exc}" if exc.filename else str(exc), EXIT_FAILED)
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def read_input(text: str | None, file: Path | None) -> SourceText:
    """TEXT as given, '-' or nothing for stdin, or --file."""
    if text is not None and file is not None:
        die("give TEXT or --file, not both.", EXIT_USAGE)
    if file is not None:
        if str(file) == "-":
            return source_from_bytes(sys.stdin.buffer.read(), "<stdin>")
        if not file.exists():
            die(f"no such file: {file}", EXIT_USAGE)
        return read_source(file)
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            die("no input: give TEXT, '-' for standard input, or --file FILE.", EXIT_USAGE)
        return source_from_bytes(sys.stdin.buffer.read(), "<stdin>")
    return source_from_text(text)


MtModel = Annotated[str | None, typer.Option(
    "--mt-model", envvar=settings.MT_MODEL,
    help="Translation model: a local folder saved with save_pretrained, or a Hub repo id. Default: models.lock.")]
Beams = Annotated[int | None, typer.Option(min=1, help="Beam size. Default: the model's own (4 for opus-mt).")]
DeviceOpt = Annotated[Device, typer.Option("--device", help="auto uses CUDA when present.")]
EngineOpt = Annotated[EngineName, typer.Option("--engine", help="Inference engine.")]
ComputeTypeOpt = Annotated[ComputeType, typer.Option(
    "--compute-type", help="ctranslate2 only; auto is int8 on CPU, int8_float16 on CUDA.")]
Threads = Annotated[int, typer.Option(min=0, help="CPU threads; 0 uses all cores. ctranslate2 decodes two batches at once, half the threads each.")]
ChunkTokens = Annotated[int, typer.Option(min=8, help="Most subword tokens sent to the model at once; longer sentences are split.")]
BatchTokens = Annotated[int, typer.Option(min=64, help="Most padded source tokens in one batch (speed only).")]
StripDiacritics = Annotated[bool, typer.Option("--strip-diacritics", help="Remove Arabic diacritics (harakat) before translating.")]
GlossaryOpt = Annotated[Path | None, typer.Option(
    "--glossary", help="Required renderings: TSV (Arabic term<TAB>English) or TOML. Near-variants are replaced, the rest flagged.")]
MinScore = Annotated[float, typer.Option(
    "--min-score", help="Flag low_confidence below this mean token log-probability.")]
_TRANSLATION_FLAGS = {"beams": Beams, "device": DeviceOpt, "engine": EngineOpt, "compute_type": ComputeTypeOpt,
                      "threads": Threads, "chunk_tokens": ChunkTokens, "batch_tokens": BatchTokens,
                      "strip_diacritics": StripDiacritics}


def translation_flags(command: Callable[..., R]) -> Callable[..., R]:
    """The options every translating command shares (--beams, --engine, ...), declared once: the
    command's ``translation: TranslationOptions`` parameter becomes those options, in its place, with
    TranslationOptions' own defaults, and the command receives them as one TranslationOptions."""
    signature = inspect.signature(command, eval_str=True)
    defaults = TranslationOptions()
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name != "translation":
            parameters.append(parameter)
            continue
        parameters += [inspect.Parameter(name, parameter.kind, default=getattr(defaults, name), annotation=annotation)
                       for name, annotation in _TRANSLATION_FLAGS.items()]

    @functools.wraps(command)
    def with_flags(**kwargs: Any) -> R:
        translation = TranslationOptions(**{name: kwargs.pop(name) for name in _TRANSLATION_FLAGS})
        return command(translation=translation, **kwargs)

    with_flags.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    with_flags.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_flags
