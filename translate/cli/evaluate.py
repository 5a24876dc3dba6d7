"""`translate eval`: quality on a test set, with sacrebleu signatures; or two configurations compared."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from translate.cli._common import (
    EXIT_USAGE,
    TRANSLATION_FLAGS,
    MtModel,
    ProgressLog,
    die,
    friendly_errors,
    option_value,
    say,
    translation_flags,
    with_values,
    write_stdout,
)
from translate.evaluate import TESTSETS, Evaluation, TestSet, compare, evaluate, load_testset, score
from translate.translator import TranslationOptions, Translator

TestSetName = Enum("TestSetName", {name: name for name in TESTSETS}, type=str)  # type: ignore[misc]
_COMPARABLE = {"mt_model", "engine", "compute_type", "beams", "device", "chunk_tokens"}  # names of the flags


def _evaluated(translator: Translator, lines: TestSet) -> Evaluation:
    """``evaluate`` with progress lines at a steady pace away from a terminal."""
    log = ProgressLog("sentence pieces")

    def progress(*, total: int = 0, done: int = 0) -> None:
        if total:
            say(f"translating {len(lines.sources)} lines of {lines.name}, {total} sentence pieces")
            log.add(total)
        log.advance(done)

    try:
        return evaluate(translator, lines, progress)
    finally:
        log.stop()


def _parse_compare(text: str) -> dict[str, str]:
    pairs = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, value = item.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or key not in _COMPARABLE:
            die(f"--compare takes KEY=VALUE[,KEY=VALUE] with keys {', '.join(sorted(_COMPARABLE))}; got {item!r}.", EXIT_USAGE)
        pairs[key] = value.strip()
    if not pairs:
        die("--compare needs at least one KEY=VALUE.", EXIT_USAGE)
    return pairs


def _other(options: TranslationOptions, mt_model: str | None, changes: dict[str, str]) -> tuple[TranslationOptions, str | None]:
    """The second configuration: each KEY=VALUE typed and mapped as the flag of that name is."""
    flags = {f.name: f for f in TRANSLATION_FLAGS}
    values: dict[str, Any] = {}
    try:
        for key, value in changes.items():
            if key != "mt_model":
                field = flags[key].field
                kind = type(option_value(TranslationOptions(), field))
                values[field] = int(value) if kind is int or field == "num_beams" else kind(value)
    except ValueError as exc:
        die(f"--compare: {exc}", EXIT_USAGE)
    return with_values(options, values), changes.get("mt_model", mt_model)


def _describe(result: Evaluation) -> str:
    model = result.model
    name = f"{model['repo']}@{model['revision'][:7]}" if model.get("repo") else f"local {model.get('path')}"
    return f"{name}, {model['engine']} {model['compute_type']}, beams {model['decoding']['num_beams']}"


def _print(result: Evaluation, label: str = "") -> None:
    head = f"{label}: " if label else ""
    if result.model:
        write_stdout(f"{head}{result.testset}, {result.lines} lines; {_describe(result)}")
    else:
        write_stdout(f"{head}{result.testset}, {result.lines} lines; hypotheses from a file")
    for metric, value in result.scores.items():
        write_stdout(f"  {metric:<7}{value['score']:6.2f}   {value['signature']}")
    write_stdout(f"  lines flagged by the checks: {100 * result.flagged_share:.1f}%")
    if result.tokens_per_s is not None:
        write_stdout(f"  target tokens/s: {result.tokens_per_s} ({result.seconds} s)")


@translation_flags
def evaluate_command(
    testset: Annotated[TestSetName, typer.Option("--set", help="A test set shipped with the tool.")] = "flores200",  # type: ignore[assignment]
    source: Annotated[Path | None, typer.Option("--source", help="Arabic, one line each (instead of --set).")] = None,
    reference: Annotated[Path | None, typer.Option("--reference", help="English reference, line-aligned with --source.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N lines.")] = None,
    hypotheses: Annotated[Path | None, typer.Option(
        "--hypotheses", help="Score this English (line-aligned) instead of translating.")] = None,
    compare_with: Annotated[str | None, typer.Option("--compare", help="Also run a second configuration and compare, e.g. "
                                                     "compute_type=float32 or mt_model=tc-big or engine=transformers.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    mt_model: MtModel = None,
    translation: TranslationOptions = TranslationOptions(),
) -> None:
    """Translate a test set and score it with sacrebleu (BLEU, chrF, chrF++, with signatures)."""
    changes = _parse_compare(compare_with) if compare_with else None
    if changes and hypotheses:
        die("--compare translates twice; it cannot be used with --hypotheses.", EXIT_USAGE)
    with friendly_errors():
        try:
            lines = load_testset(getattr(testset, "value", testset), source, reference, limit)
        except (ValueError, OSError) as exc:
            die(str(exc), EXIT_USAGE)
        if hypotheses is not None:
            if not hypotheses.is_file():
                die(f"--hypotheses {hypotheses}: no such file.", EXIT_USAGE)
            hyps = hypotheses.read_text(encoding="utf-8").splitlines()[: len(lines.sources)]
            if len(hyps) != len(lines.sources):
                die(f"--hypotheses has {len(hyps)} lines for {len(lines.sources)} source lines.", EXIT_USAGE)
            result = score(hyps, lines)
            write_stdout(json.dumps(result.as_dict(), ensure_ascii=False)) if as_json else _print(result)
            return
        first = _evaluated(Translator.load(mt_model, options=translation), lines)
        if not changes:
            write_stdout(json.dumps(first.as_dict(), ensure_ascii=False)) if as_json else _print(first)
            return
        other_options, other_model = _other(translation, mt_model, changes)
        second = _evaluated(Translator.load(other_model, options=other_options), lines)
        paired = compare(first, second, lines)
        if as_json:
            write_stdout(json.dumps({"first": first.as_dict(), "second": second.as_dict(), "compare": paired,
                                     "second_is": changes}, ensure_ascii=False))
            return
        _print(first, "first")
        _print(second, "second (" + ", ".join(f"{k}={v}" for k, v in changes.items()) + ")")
        write_stdout("paired bootstrap (sacrebleu, 1000 resamples): second against first")
        for metric, value in paired.items():
            low, high = value["second_95ci"]
            write_stdout(f"  {metric:<7}{value['first']:6.2f} -> {value['second']:6.2f}  difference {value['difference']:+.2f}  "
                         f"p = {value['p_value']:.4f}  second's 95% interval {low}–{high}")
        say("p below 0.05: the difference is unlikely to be chance on these lines.")
