"""What every command shares: option aliases, the one console, and error-to-exit-code mapping."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from translate.engines import ENGINES
from translate.hub import ModelUnavailable
from translate.lock import LockError
from translate.reader import InputError, SourceText, read_source, source_from_bytes, source_from_text
from translate.segment import DEFAULT_TOKEN_BUDGET
from translate.translator import TranslationOptions

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Messages and progress go to stderr; stdout carries results only.
console = Console(stderr=True, highlight=False, soft_wrap=True)


def error(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}")


def warn(message: str) -> None:
    console.print(f"[yellow]warning:[/] {message}")


def die(message: str, code: int = EXIT_FAILED) -> NoReturn:
    error(message)
    raise typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Known failures become one paragraph on stderr and an exit code, never a traceback."""
    try:
        yield
    except (ModelUnavailable, LockError) as exc:
        die(str(exc), EXIT_USAGE)
    except InputError as exc:
        die(str(exc), EXIT_FAILED)
    except KeyboardInterrupt:
        die("interrupted; files already written are complete, and running again finishes the rest.", EXIT_INTERRUPTED)
    except OSError as exc:  # output folder not writable, disk full...
        die(f"{exc.filename or ''}: {exc.strerror or exc}", EXIT_FAILED)


def write_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def read_input(text: str | None, file: Path | None) -> SourceText:
    """TEXT as given, '-' or nothing for stdin, or --file."""
    if text is not None and file is not None:
        die("give TEXT or --file, not both.", EXIT_USAGE)
    if file is not None:
        return read_source(file) if str(file) != "-" else source_from_bytes(sys.stdin.buffer.read(), "<stdin>")
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            die("no input: give TEXT, '-' for standard input, or --file FILE.", EXIT_USAGE)
        return source_from_bytes(sys.stdin.buffer.read(), "<stdin>")
    return source_from_text(text)


MtModel = Annotated[
    str | None,
    typer.Option(
        "--mt-model",
        envvar="TRANSLATE_MT_MODEL",
        help="Translation model: a local folder saved with save_pretrained, or a Hub repo id. Default: models.lock.",
    ),
]
Beams = Annotated[int | None, typer.Option(min=1, help="Beam size. Default: the model's own (4 for opus-mt).")]
Device = Annotated[str, typer.Option(help="auto (cuda when present), cpu or cuda.")]
Engine = Annotated[str, typer.Option(help=f"Inference engine: {' or '.join(ENGINES)}.")]
ComputeType = Annotated[str, typer.Option(help="ctranslate2 compute type: auto (int8 on CPU, int8_float16 on CUDA), int8, float32...")]
Threads = Annotated[int, typer.Option(min=0, help="CPU threads; 0 uses all cores. ctranslate2 decodes two batches at once, half the threads each.")]
ChunkTokens = Annotated[int, typer.Option(min=8, help="Most subword tokens sent to the model at once; longer sentences are split.")]
BatchTokens = Annotated[int, typer.Option(min=64, help="Most padded source tokens in one batch.")]
StripDiacritics = Annotated[bool, typer.Option("--strip-diacritics", help="Remove Arabic diacritics (harakat) before translating.")]


def translation_options(
    *, beams: int | None, device: str, engine: str, compute_type: str, threads: int,
    chunk_tokens: int, batch_tokens: int, strip_diacritics: bool,
) -> TranslationOptions:
    if engine not in ENGINES:
        die(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}.", EXIT_USAGE)
    return TranslationOptions(
        beams=beams, device=device, engine=engine, compute_type=compute_type, threads=threads,
        chunk_tokens=chunk_tokens, batch_tokens=batch_tokens, strip_diacritics=strip_diacritics,
    )


DEFAULT_CHUNK_TOKENS = DEFAULT_TOKEN_BUDGET
