"""The `translate` command line: a thin layer over the library API."""

from __future__ import annotations

import atexit
import os
import re
import sys
from typing import Annotated

import typer
import typer.core

from translate.cli import brief, check, evaluate, models, names, text
from translate.cli._common import EXIT_INTERRUPTED, EXIT_TERMINATED, write_stdout
from translate.version import __version__

_display_type = typer.core.TyperOption.display_type_rich
# typer 0.29 prints a type (`<bool>`) beside every flag, --help included: a flag takes no value, so show none.
typer.core.TyperOption.display_type_rich = lambda self, ctx: None if self.is_flag else _display_type(self, ctx)

app = typer.Typer(
    name="translate",
    help="Arabic-to-English news briefings: translate articles and brief them in English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        write_stdout(f"translate-briefing {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Arabic-to-English news briefings: translate articles and brief them in English."""


app.command("brief")(brief.brief)
app.command("summarize")(brief.summarize)
app.command("text")(text.text)
app.command("segment")(text.segment)
app.command("check")(check.check)
app.command("eval")(evaluate.evaluate_command)
app.command("names")(names.names)
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
    try:
        app(args=ray_argv(sys.argv[1:]))
    except SystemExit as exc:
        if exc.code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
            # Everything was cleaned up and said. Exit handlers run (a local Ray instance is shut down,
            # temporary conversions removed), then the process ends without waiting for a native
            # decoding thread (ctranslate2, torch) to finish a batch nobody will read.
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exc.code)
        raise
