"""Rendering: per-article Markdown and JSON, and the batch's briefing.md."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translate.summarizer import Brief
from translate.translator import TranslatedParagraph


@dataclass(frozen=True)
class ArticleResult:
    """Everything written for one article."""

    source: dict[str, str]  # path, sha256, encoding
    relative: Path  # output path without suffix, relative to the output folder
    title: str
    brief: Brief
    paragraphs: Sequence[TranslatedParagraph]
    flags: list[dict[str, object]] = field(default_factory=list)
    provenance: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BriefingEntry:
    relative: Path
    title: str
    brief: str


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


def title_of(paragraphs: Sequence[TranslatedParagraph], fallback: str) -> str:
    first = paragraphs[0] if paragraphs else None
    return first.en.strip() if first is not None and first.heading and first.en.strip() else fallback


def article_json(result: ArticleResult) -> str:
    body = {
        "source": result.source,
        "title": result.title,
        "brief": {"text": result.brief.text, "method": result.brief.method, "parts": result.brief.parts,
                  **({"sentences": list(result.brief.sentences)} if result.brief.sentences else {})},
        "paragraphs": [
            {"ar": p.ar, "en": p.en, "heading": p.heading,
             "sentences": [{"ar": s.ar, "en": s.en, **({"chunks": list(s.chunks)} if len(s.chunks) > 1 else {})}
                           for s in p.sentences]}
            for p in result.paragraphs
        ],
        "flags": result.flags,
        "provenance": result.provenance,
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def article_markdown(result: ArticleResult) -> str:
    lines = [f"# {result.title}", "", f"**Brief** ({result.brief.method}): {result.brief.text or '(empty)'}", ""]
    lines += [f"*Source:* `{result.source['path']}`", "", "## Translation", ""]
    for paragraph in result.paragraphs:
        english = f"### {paragraph.en}" if paragraph.heading else paragraph.en
        lines += [
            english,
            "",
            "<details><summary>Arabic original</summary>",
            "",
            f'<p dir="rtl" lang="ar">{html.escape(paragraph.ar)}</p>',
            "",
            "</details>",
            "",
        ]
    return "\n".join(lines)


def briefing_markdown(
    entries: Sequence[BriefingEntry], failures: Sequence[Failure], *, date: str, done: int, skipped: int
) -> str:
    lines = [
        "# Briefing",
        "",
        f"{date} · articles: {len(entries)} ({done} translated now, {skipped} unchanged) · failed: {len(failures)}",
        "",
    ]
    for entry in sorted(entries, key=lambda e: str(e.relative)):
        lines += [f"## {entry.title}", "", entry.brief.strip() or "(no brief)", "", f"[Full article]({entry.relative.as_posix()}.md)", ""]
    if failures:
        lines += ["## Files that failed", ""]
        lines += [f"- `{f.path}`: {f.reason}" for f in sorted(failures, key=lambda f: f.path)]
        lines.append("")
    return "\n".join(lines)


def read_entry(json_path: Path, relative: Path) -> BriefingEntry:
    data = json.loads(json_path.read_text(encoding="utf-8"))
    return BriefingEntry(relative, data["title"], data["brief"]["text"])
