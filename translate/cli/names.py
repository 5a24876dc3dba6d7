"""`translate names`: the names of an output folder's articles, their renderings, and a glossary draft."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from translate.article import Article
from translate.atomic import write_text_atomic
from translate.chars import bidi_visible, visible
from translate.cli._common import EXIT_USAGE, GlossaryOpt, die, friendly_errors, say, write_stdout
from translate.names_index import build_index, glossary_draft
from translate.stages import read_glossary


def _records(folder: Path) -> list[Article]:
    articles = []
    for path in sorted(folder.rglob("*.json")):
        try:
            articles.append(Article.from_dict(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not an article record
    return articles


def names(
    folder: Annotated[Path, typer.Argument(help="An output folder of `translate brief`.")],
    draft: Annotated[Path | None, typer.Option("--glossary-draft", help="Write the names as a TSV glossary to edit "
                                                                          "and pass back with --glossary.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per name on stdout.")] = False,
    glossary: GlossaryOpt = None,
) -> None:
    """The people, places and organisations of a folder's articles: each Arabic name, its English
    renderings with their counts, and its articles; a name rendered more than one way is marked."""
    with friendly_errors():
        if not folder.is_dir():
            die(f"{visible(str(folder))}: no such folder.", EXIT_USAGE)
        articles = _records(folder)
        if not articles:
            die(f"{visible(str(folder))}: no article records (.json) here; run `translate brief` into it first.", EXIT_USAGE)
        terms = read_glossary(glossary)
        index = build_index(articles)
        for name in index:
            if as_json:
                write_stdout(json.dumps(name.as_dict(), ensure_ascii=False))
            else:
                renderings = ", ".join(f"{bidi_visible(r)} ×{n}" for r, n in name.renderings.most_common())
                mark = "" if name.consistent else "\tinconsistent"
                write_stdout(f"{bidi_visible(name.arabic)}\t{renderings}\t{len(name.articles)} articles{mark}")
        if draft is not None:
            write_text_atomic(draft, glossary_draft(index, terms))
        if not as_json:
            inconsistent = sum(not n.consistent for n in index)
            say(f"{len(index)} names in {len(articles)} articles, {inconsistent} rendered more than one way"
                + (f"; glossary draft written to {visible(str(draft))}" if draft else ""))
