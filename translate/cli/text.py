"""`translate text` and `translate segment`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from translate.article import Article, Source
from translate.checks import DEFAULT_MIN_SCORE, check_article
from translate.cli._common import (
    GlossaryOpt,
    MinScore,
    MtModel,
    StripDiacritics,
    friendly_errors,
    read_input,
    translation_flags,
    warn,
    write_stdout,
)
from translate.normalize import normalize
from translate.render import clean, reasons, to_check
from translate.segment import split_paragraphs
from translate.stages import read_glossary
from translate.translator import TranslationOptions, Translator

InputText = Annotated[str | None, typer.Argument(help="Arabic text, or '-' for standard input.", show_default=False)]
InputFile = Annotated[Path | None, typer.Option("--file", "-f", help="Read the text from FILE.", show_default=False)]


@translation_flags
def text(
    text: InputText = None,
    file: InputFile = None,
    mt_model: MtModel = None,
    translation: TranslationOptions = TranslationOptions(),
    glossary: GlossaryOpt = None,
    min_score: MinScore = DEFAULT_MIN_SCORE,
) -> None:
    """Translate Arabic text; English paragraphs on stdout, one per input paragraph, blank line between.

    One warning line per sentence to double-check goes to stderr; it never changes the exit code.
    """
    with friendly_errors():
        terms = read_glossary(glossary)
        source = read_input(text, file)
        translator = Translator.load(mt_model, options=translation)
        article = Article(Source(source.name, source.sha256, source.encoding), "")
        article.paragraphs = translator.translate_paragraphs(translator.prepare(source.text))
        check_article(article, terms, min_score)
        write_stdout("\n\n".join(clean(p.en) for p in article.paragraphs))
        number = 0
        for paragraph in article.paragraphs:
            for sentence in paragraph.sentences:
                number += 1
                if to_check(sentence):
                    warn(f"sentence {number}: {reasons(sentence)}")


def segment(
    file: Annotated[str, typer.Argument(help="Arabic text file, or '-' for standard input.")],
    strip_diacritics: StripDiacritics = False,
) -> None:
    """Print the sentences one per line, with an empty line between paragraphs."""
    with friendly_errors():
        source = read_input(None, Path(file)) if file != "-" else read_input("-", None)
        paragraphs = split_paragraphs(normalize(source.text, strip_diacritics=strip_diacritics))
        write_stdout("\n\n".join("\n".join(p.sentences) for p in paragraphs))
