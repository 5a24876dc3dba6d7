"""The `translate` command line: a thin layer over the library API."""

from __future__ import annotations

import re
import sys

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


_RAY_ADDRESS = re.compile(r"^(auto|local|ray://\S+|[\w.-]+:\d+)$")


def ray_argv(argv: list[str]) -> list[str]:
    """`--ray` alone means a local Ray instance: give it the value `local` unless an address follows."""
    out = []
    for i, arg in enumerate(argv):
        out.append(arg)
        if arg == "--ray" and not (i + 1 < len(argv) and _RAY_ADDRESS.match(argv[i + 1])):
            out.append("local")
    return out


def main() -> None:
    app(args=ray_argv(sys.argv[1:]))
