"""The `translate` command line: a thin layer over the library API."""

from __future__ import annotations

import typer

from translate.cli import brief, check, evaluate, models, text

app = typer.Typer(
    name="translate",
    help="Arabic-to-English news briefings: translate articles and brief them in English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("brief")(brief.brief)
app.command("summarize")(brief.summarize)
app.command("text")(text.text)
app.command("segment")(text.segment)
app.command("check")(check.check)
app.command("eval")(evaluate.evaluate_command)
app.add_typer(models.app, name="models")


def main() -> None:
    app()
