"""The main job: brief files and folders of Arabic articles into per-article English and a briefing.

Library API (the CLI's `translate brief` is a thin layer over `brief`)::

    from translate.pipeline import BriefOptions, brief
    report = brief([Path("seeds")], BriefOptions(out_dir=Path("outputs")))
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from translate import __version__
from translate.atomic import remove_stale_temp_files, write_text_atomic
from translate.hub import ModelSource
from translate.reader import InputError, SourceText, read_source
from translate.render import ArticleResult, BriefingEntry, Failure, article_json, article_markdown, briefing_markdown, read_entry, title_of
from translate.summarizer import (
    AbstractiveSummarizer, Brief, ExtractiveSummarizer, SummaryOptions, resolve_summarization_model,
)
from translate.engines import settings_stamp
from translate.translator import TranslatedParagraph, TranslationOptions, Translator, resolve_translation_model

INPUT_SUFFIXES = (".txt", ".md")
BRIEFING = "briefing.md"


@dataclass(frozen=True)
class BriefOptions:
    out_dir: Path = Path("outputs")
    force: bool = False
    mt_model: str | None = None
    sum_model: str | None = None
    translation: TranslationOptions = field(default_factory=TranslationOptions)
    summary: SummaryOptions = field(default_factory=SummaryOptions)
    group_articles: int = 32  # articles whose sentences share batches before their files are written


@dataclass(frozen=True)
class InputFile:
    path: Path
    relative: Path  # output path, no suffix, relative to the output folder


@dataclass
class BriefReport:
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    load_seconds: float = 0.0  # of `seconds`, spent loading models
    briefing: Path | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


class Reporter(Protocol):
    def start(self, articles: int, sentences: int) -> None: ...
    def advance(self, articles: int, sentences: int) -> None: ...
    def file(self, path: str, status: str, detail: str = "") -> None: ...


class SilentReporter:
    def start(self, articles: int, sentences: int) -> None: ...
    def advance(self, articles: int, sentences: int) -> None: ...
    def file(self, path: str, status: str, detail: str = "") -> None: ...


def collect_inputs(paths: Sequence[Path], out_dir: Path) -> tuple[list[InputFile], list[Failure]]:
    """Files as given and, recursively, the .txt and .md files of folders (never the output folder)."""
    found: list[InputFile] = []
    failures: list[Failure] = []
    taken: set[Path] = set()
    out = out_dir.resolve()
    for root in paths:
        if root.is_dir():
            files = sorted(
                p for p in root.rglob("*")
                if p.suffix.lower() in INPUT_SUFFIXES and p.is_file() and not p.name.startswith(".")
                and out not in p.resolve().parents
            )
            pairs = [(p, p.relative_to(root)) for p in files]
        elif root.is_file():
            pairs = [(root, Path(root.name))]
        else:
            failures.append(Failure(str(root), "no such file or folder."))
            continue
        for path, relative in pairs:
            stem = relative.with_suffix("")
            if stem in taken:
                stem = relative.with_name(relative.name.replace(".", "_"))
            taken.add(stem)
            found.append(InputFile(path, stem))
    return found, failures


def _cache_key(source: SourceText, stamp: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps({"source": source.sha256, **stamp}, sort_keys=True).encode()).hexdigest()


def _unchanged(out_dir: Path, item: InputFile, key: str) -> bool:
    json_path = out_dir / item.relative.with_suffix(".json")
    md_path = out_dir / item.relative.with_suffix(".md")
    if not (json_path.is_file() and md_path.is_file()):
        return False
    try:
        return json.loads(json_path.read_text(encoding="utf-8"))["provenance"]["cache_key"] == key
    except (ValueError, KeyError, TypeError):
        return False


def _flags(source: SourceText, paragraphs: Sequence[TranslatedParagraph], brief: Brief) -> list[dict[str, object]]:
    flags: list[dict[str, object]] = []
    if source.encoding not in ("utf-8", "str"):
        flags.append({"flag": "encoding", "detail": f"read as {source.encoding}"})
    split = sum(len(s.chunks) > 1 for p in paragraphs for s in p.sentences)
    if split:
        flags.append({"flag": "long_sentences_split", "detail": f"{split} sentences translated in parts"})
    empty = [s.ar for p in paragraphs for s in p.sentences if not s.en.strip()]
    if empty:
        flags.append({"flag": "empty_translation", "detail": f"{len(empty)} sentences gave no English", "sentences": empty})
    if brief.parts > 1:
        flags.append({"flag": "summary_in_parts", "detail": f"summarized in {brief.parts} parts, then once more"})
    return flags


def _body(paragraphs: Sequence[TranslatedParagraph]) -> list[str]:
    """The English to brief: headings left out (the title is shown apart), unless that is all."""
    body = [p.en for p in paragraphs if not p.heading]
    return body or [p.en for p in paragraphs]


class _Models:
    """The two models, loaded on first use and once per run."""

    def __init__(self, mt: ModelSource, summary_source: ModelSource | None, options: BriefOptions) -> None:
        self.mt, self.summary_source, self.options = mt, summary_source, options
        self._translator: Translator | None = None
        self._summarizer: AbstractiveSummarizer | ExtractiveSummarizer | None = None
        self.load_seconds = 0.0

    def translator(self) -> Translator:
        if self._translator is None:
            start = time.perf_counter()
            self._translator = Translator(self.mt, self.options.translation)
            self.load_seconds += time.perf_counter() - start
        return self._translator

    def summarizer(self) -> AbstractiveSummarizer | ExtractiveSummarizer:
        if self._summarizer is None:
            start = time.perf_counter()
            if self.summary_source is None:
                self._summarizer = ExtractiveSummarizer(self.options.summary.sentences)
            else:
                self._summarizer = AbstractiveSummarizer(self.summary_source, self.options.summary)
            self.load_seconds += time.perf_counter() - start
        return self._summarizer

    def summarize(self, documents: Sequence[Sequence[str]]) -> list[Brief]:
        summarizer = self.summarizer()
        if isinstance(summarizer, AbstractiveSummarizer):
            return summarizer.summarize_many(documents)
        return [summarizer.summarize("\n".join(doc)) for doc in documents]


def _stamp(mt: ModelSource, summary_source: ModelSource | None, options: BriefOptions) -> dict[str, object]:
    """Everything that decides an article's output; also its provenance."""
    summary = settings_stamp(options.summary)
    if summary_source is None:
        summary = {k: summary[k] for k in ("summarizer", "sentences")}
    return {
        "tool": {"name": "translate-briefing", "version": __version__},
        "models": {
            "translation": {**mt.provenance(), "settings": settings_stamp(options.translation)},
            "summarization": {**(summary_source.provenance() if summary_source else {"model": None}), "settings": summary},
        },
    }


def brief(paths: Sequence[Path], options: BriefOptions, reporter: Reporter | None = None, clock: Callable[[], float] = time.perf_counter) -> BriefReport:
    """Translate and brief every article under ``paths`` into ``options.out_dir``."""
    reporter = reporter or SilentReporter()
    started = clock()
    report = BriefReport()
    remove_stale_temp_files(options.out_dir)
    inputs, report.failed = collect_inputs(paths, options.out_dir)
    mt = resolve_translation_model(options.mt_model)
    abstractive = options.summary.summarizer == "abstractive"
    summary_source = resolve_summarization_model(options.sum_model) if abstractive else None
    stamp = _stamp(mt, summary_source, options)
    models = _Models(mt, summary_source, options)

    todo: list[tuple[InputFile, SourceText, str]] = []
    entries: list[BriefingEntry] = []
    for failure in report.failed:
        reporter.file(failure.path, "failed", failure.reason)
    for item in inputs:
        try:
            source = read_source(item.path)
        except InputError as exc:
            report.failed.append(Failure(str(item.path), str(exc).removeprefix(f"{item.path}: ")))
            reporter.file(str(item.path), "failed", report.failed[-1].reason)
            continue
        key = _cache_key(source, stamp)
        if not options.force and _unchanged(options.out_dir, item, key):
            report.skipped.append(str(item.path))
            entries.append(read_entry(options.out_dir / item.relative.with_suffix(".json"), item.relative))
            reporter.file(str(item.path), "skipped", "unchanged")
        else:
            todo.append((item, source, key))

    if todo:
        translator = models.translator()
        documents = [translator.segment(source.text) for _, source, _ in todo]
        reporter.start(len(todo), sum(len(p.sentences) for doc in documents for p in doc))
        for first in range(0, len(todo), options.group_articles):
            group = todo[first : first + options.group_articles]
            group_docs = documents[first : first + options.group_articles]
            t0 = clock()
            translated = translator.translate_documents(group_docs)
            t1 = clock()
            briefs = models.summarize([_body(doc) for doc in translated])
            t2 = clock()
            sentences = [sum(len(p.sentences) for p in doc) for doc in group_docs]
            for (item, source, key), paragraphs, brief_, n in zip(group, translated, briefs, sentences):
                share = n / max(1, sum(sentences))
                result = ArticleResult(
                    source={"path": str(item.path), "sha256": source.sha256, "encoding": source.encoding},
                    relative=item.relative,
                    title=title_of(paragraphs, item.path.stem),
                    brief=brief_,
                    paragraphs=paragraphs,
                    flags=_flags(source, paragraphs, brief_),
                    provenance={
                        "tool": stamp["tool"],
                        "models": {"translation": translator.provenance(), "summarization": models.summarizer().provenance()},
                        "timings": {"translate_s": round((t1 - t0) * share, 3), "summarize_s": round((t2 - t1) * share, 3),
                                    "note": "shares of batches this article shared with others"},
                        "cache_key": key,
                    },
                )
                base = options.out_dir / item.relative
                write_text_atomic(base.with_suffix(".md"), article_markdown(result))
                write_text_atomic(base.with_suffix(".json"), article_json(result))  # last: it marks the article done
                entries.append(BriefingEntry(item.relative, result.title, brief_.text))
                report.done.append(str(item.path))
                reporter.file(str(item.path), "done", f"{n} sentences")
            reporter.advance(len(group), sum(sentences))

    report.briefing = options.out_dir / BRIEFING
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    write_text_atomic(
        report.briefing,
        briefing_markdown(entries, report.failed, date=date, done=len(report.done), skipped=len(report.skipped)),
    )
    report.seconds = clock() - started
    report.load_seconds = models.load_seconds
    return report
