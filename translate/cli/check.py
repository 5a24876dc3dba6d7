"""`translate check`: the checks on any line-aligned Arabic and English files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from translate.chars import newline_lines
from translate.checks import check_pairs
from translate.cli._common import (
    EXIT_FAILED,
    EXIT_USAGE,
    GlossaryOpt,
    ProgressLog,
    die,
    friendly_errors,
    say,
    warn,
    write_stdout,
)
from translate.errors import unreadable
from translate.reader import decode
from translate.stages import read_glossary


def _lines(path: Path, option: str) -> list[str]:
    if not path.is_file():
        die(f"{option} {path}: no such file.", EXIT_USAGE)
    try:
        data = path.read_bytes()
    except OSError as exc:
        die(f"{option} {path}: {unreadable(exc)}.", EXIT_USAGE)
    if not data.strip():
        return []
    text, _, notes = decode(data, str(path))
    for _, detail in notes:
        warn(f"{option} {path}: {detail}")
    return newline_lines(text)


CHECK_SLICE = 256  # pairs checked at once (the meaning check batches within a slice)


def _checked(pairs: list[tuple[str, str]], terms: dict[str, str] | None) -> list:
    """``check_pairs`` slice by slice (the same flags: each pair is judged on its own), with progress lines."""
    log = ProgressLog("lines")
    log.add(len(pairs))
    results: list = []
    try:
        for start in range(0, len(pairs), CHECK_SLICE):
            part = pairs[start:start + CHECK_SLICE]
            results += check_pairs(part, terms)
            log.advance(len(part))
    finally:
        log.stop()
    return results


def check(
    source: Annotated[Path, typer.Option("--source", help="Arabic, one sentence or segment a line.")],
    translation: Annotated[Path, typer.Option("--translation", help="English, line-aligned with --source.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line on stdout.")] = False,
    glossary: GlossaryOpt = None,
) -> None:
    """Check a translation line by line: meaning, numbers, quantities, dates, names, negation, Arabic left in, loops,
    length, endings, glossary.

    Exit 0 when no line is flagged, 1 when any is, 2 on usage errors.
    """
    with friendly_errors():
        arabic, english = _lines(source, "--source"), _lines(translation, "--translation")
        if len(arabic) != len(english):
            die(f"--source has {len(arabic)} lines and --translation {len(english)}; they must be line-aligned.", EXIT_USAGE)
        terms = read_glossary(glossary)
        flagged = 0
        results = _checked(list(zip(arabic, english)), terms)
        for number, flags in enumerate(results, 1):
            flagged += bool(flags)
            if as_json:
                write_stdout(json.dumps({"line": number, "flags": [f.as_dict() for f in flags]}, ensure_ascii=False))
            else:
                for flag in flags:
                    write_stdout(f"{number}\t{flag.kind}\t{flag.detail}")
        if not as_json:
            say(f"{flagged} of {len(arabic)} lines flagged")
    raise typer.Exit(EXIT_FAILED if flagged else 0)
