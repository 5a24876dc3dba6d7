"""Glossary files: Arabic term -> the English rendering a run must use, from TSV or TOML.

The file is validated as a whole before any work: every problem names the file and the line (TSV)
or key (TOML); wrong types are refused, never stringified; a term given twice is an error that
names both places; a byte-order mark is not part of the first term.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

from translate.chars import newline_lines
from translate.errors import GlossaryError


def _term(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _add(glossary: dict[str, str], where: dict[str, str], path: Path, term: str, rendering: str, place: str) -> None:
    key = _term(term)
    if not key:
        raise GlossaryError(f"{path}, {place}: the Arabic term is empty")
    if not _term(rendering):
        raise GlossaryError(f"{path}, {place}: the English rendering of {key} is empty")
    if key in glossary:
        raise GlossaryError(f"{path}, {place}: the term {key} is given twice ({where[key]} and {place}); keep one")
    glossary[key], where[key] = _term(rendering), place


def load_glossary(path: Path) -> dict[str, str]:
    """Arabic term -> required English rendering, from TSV (two columns) or TOML (a [terms] table, or
    top-level string keys). Raises GlossaryError (a ValueError) naming the file and the place."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    glossary: dict[str, str] = {}
    where: dict[str, str] = {}
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise GlossaryError(f"{path}: not valid TOML ({exc})") from None
        terms = data["terms"] if "terms" in data else data
        if not isinstance(terms, dict):
            raise GlossaryError(f"{path}, key 'terms': expected a table of \"Arabic term\" = \"English\", "
                                f"found a {type(terms).__name__}")
        for term, rendering in terms.items():
            if not isinstance(rendering, str):
                raise GlossaryError(f"{path}, key {term!r}: the rendering must be a string, found a "
                                    f"{type(rendering).__name__} ({rendering!r})")
            _add(glossary, where, path, term, rendering, f"key {term!r}")
        return glossary
    for number, line in enumerate(newline_lines(text), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise GlossaryError(f"{path}, line {number}: expected 'Arabic term<TAB>English rendering'")
        _add(glossary, where, path, parts[0], parts[1], f"line {number}")
    return glossary
