"""Reading articles: bytes to text, with a clear error for anything that is not Arabic text."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from translate.formats import Block, FormatError, html_encoding, parse_docx, parse_html, parse_markdown

ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06fc\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]")


class InputError(Exception):
    """An input that cannot be translated; the message names the source and says why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}.")
        self.name, self.reason = name, reason


@dataclass(frozen=True)
class SourceText:
    name: str  # file path as given, or "<stdin>" / "<text>"
    text: str
    encoding: str
    sha256: str  # of the raw bytes
    blocks: tuple[Block, ...] | None = None  # web pages, Word and Markdown: paragraphs and headings as marked
    format: str = "text"
    title: str | None = None
    date: str | None = None


FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".docx": "docx"}


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was read as: UTF-8 (BOM or not), UTF-16 with BOM, Windows-1256."""
    if not data.strip():
        raise InputError(name, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data:
        raise InputError(name, "binary data, not text (it holds NUL bytes and no UTF-16 byte-order mark)")
    else:
        candidates = ["utf-8", "cp1256"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text) and len(_CONTROL.findall(text)) > len(text) // 100:
            raise InputError(name, f"binary data, not text (control characters in {encoding})")
        if encoding == "cp1256" and not _looks_arabic(text):
            continue
        return text, encoding
    raise InputError(name, "unsupported encoding; expected UTF-8, UTF-16 with a byte-order mark, or Windows-1256")


def _looks_arabic(text: str) -> bool:
    """Windows-1256 decodes almost any bytes: accept it only if the letters it makes are Arabic."""
    letters = _NON_ASCII_LETTER.findall(text)
    return bool(letters) and sum(bool(ARABIC_LETTER.match(c)) for c in letters) >= 0.9 * len(letters)


def require_arabic(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(name, "no text")
    if not ARABIC_LETTER.search(text):
        raise InputError(name, "no Arabic text found; nothing was sent to the model")


def read_source(path: Path) -> SourceText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    return source_from_bytes(data, str(path), FORMATS.get(path.suffix.lower(), "text"))


def source_from_bytes(data: bytes, name: str, kind: str = "text") -> SourceText:
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        if kind == "docx":
            if not data.strip():
                raise InputError(name, "the file is empty")
            parsed = parse_docx(data)
            encoding = "docx"
        elif kind == "html":
            if not data.strip():
                raise InputError(name, "the file is empty")
            declared = html_encoding(data)
            if declared:
                try:
                    html, encoding = data.decode(declared), declared
                except UnicodeDecodeError:
                    raise InputError(name, f"the page says it is {declared} but is not valid {declared}") from None
            else:
                html, encoding = decode(data, name)
            parsed = parse_html(html)
        elif kind == "markdown":
            text, encoding = decode(data, name)
            parsed = parse_markdown(text)
        else:
            text, encoding = decode(data, name)
            require_arabic(text, name)
            return SourceText(name, text, encoding, sha256)
    except FormatError as exc:
        raise InputError(name, str(exc)) from None
    text = "\n".join(block.text for block in parsed.blocks)
    require_arabic(text, name)
    return SourceText(name, text, encoding, sha256, parsed.blocks, kind, parsed.title, parsed.date)


def source_from_text(text: str, name: str = "<text>") -> SourceText:
    require_arabic(text, name)
    return SourceText(name, text, "str", hashlib.sha256(text.encode("utf-8")).hexdigest())
