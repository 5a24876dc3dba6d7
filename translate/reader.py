"""Reading articles: bytes to text, with a clear error for anything that is not Arabic text."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from translate.chars import ARABIC_LETTER
from translate.errors import FormatError, InputError, unreadable
from translate.formats import Block, html_encoding, parse_docx, parse_html, parse_markdown

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]")


MB = 1_000_000
DEFAULT_MAX_INPUT_MB = 64  # larger than any news article or saved page with its pictures inline


@dataclass(frozen=True)
class ReadLimits:
    """How much one input may hold, checked before it is read (a file's size) or inflated (a Word file's parts)."""

    max_bytes: int = DEFAULT_MAX_INPUT_MB * MB

    def refuse(self, size: int) -> str:
        return (f"{size / MB:.1f} MB, over the limit of {self.max_bytes / MB:g} MB for one input (--max-input-mb); "
                f"nothing was read")


@dataclass(frozen=True)
class SourceText:
    name: str  # file path as given, or "<stdin>" / "<text>"
    text: str
    encoding: str
    sha256: str  # of the raw bytes
    blocks: tuple[Block, ...] | None = None  # web pages, Word and Markdown: paragraphs and headings as marked
    format: str = "text"
    date: str | None = None
    notes: tuple[tuple[str, str], ...] = ()  # (kind, detail): how the file was read, for the article's flags
    outlet: str | None = None  # the site that published it, when the page says


FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".docx": "docx"}


def decode(data: bytes, name: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Text, the encoding it was read as (UTF-8, BOM or not; UTF-16 with BOM; Windows-1256) and notes
    for the article's flags: UTF-8 with a few bytes that are not UTF-8 is read as UTF-8, each such byte
    replaced by U+FFFD and the note saying how many and where."""
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
        notes: tuple[tuple[str, str], ...] = ()
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            damaged = _damaged_utf8(data) if encoding.startswith("utf-8") else None
            if damaged is None:
                continue
            text, notes = damaged
        if _CONTROL.search(text) and len(_CONTROL.findall(text)) > len(text) // 100:
            raise InputError(name, f"binary data, not text (control characters in {encoding})")
        if encoding == "cp1256" and not _looks_arabic(text):
            continue
        return text, encoding, notes
    raise InputError(name, "unsupported encoding; expected UTF-8, UTF-16 with a byte-order mark, or Windows-1256")


_BAD_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape keeps it
LETTERS_PER_BAD_BYTE = 2  # Arabic letters the UTF-8 reading holds, at least, per bad byte


def _damaged_utf8(data: bytes) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """UTF-8 with a few bytes that are not (a cut download, two files joined), each replaced by U+FFFD
    with a note; None where the bytes read as UTF-8 make more bad bytes than Arabic letters allow: in
    Windows-1256 Arabic almost every letter is a bad byte, and a valid sequence is rarely an Arabic letter."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = [m.start() for m in _BAD_BYTE.finditer(escaped)]
    if not bad or len(ARABIC_LETTER.findall(escaped)) < LETTERS_PER_BAD_BYTE * len(bad):
        return None
    first = len(escaped[:bad[0]].encode("utf-8", errors="surrogateescape"))
    text = _BAD_BYTE.sub("\ufffd", escaped)
    return text, (("encoding", f"read as UTF-8; {len(bad)} {'bytes that are' if len(bad) > 1 else 'byte that is'} not UTF-8 "
                               f"(the first at byte {first}) replaced by \ufffd: check the Arabic there"),)


def _looks_arabic(text: str) -> bool:
    """Windows-1256 decodes almost any bytes: accept it only if the letters it makes are Arabic."""
    letters = _NON_ASCII_LETTER.findall(text)
    return bool(letters) and sum(bool(ARABIC_LETTER.match(c)) for c in letters) >= 0.9 * len(letters)


def repair_mojibake(text: str) -> str | None:
    """UTF-8 Arabic that was decoded as Windows-1256 somewhere upstream ("ط¸ط·ظ…" for "ظطم"), repaired;
    None when ``text`` is not such mojibake. Real Arabic text written back in Windows-1256 is not
    valid UTF-8, so this never touches it."""
    if not ARABIC_LETTER.search(text):
        return None
    try:
        repaired = text.encode("cp1256").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return repaired if repaired != text and ARABIC_LETTER.search(repaired) else None


def _decode_page(data: bytes, name: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A page's text: by its declared encoding, unless that gives no Arabic and another reading does
    (a UTF-8 page that declares windows-1256, or the other way round): then the reading that gives
    Arabic, with a note naming both."""
    declared = html_encoding(data)
    if declared is None:
        return decode(data, name)
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        text = None
    if declared not in ("utf-8", "utf-8-sig"):
        try:
            utf8 = data.decode("utf-8")
        except UnicodeDecodeError:
            utf8 = None
        if utf8 is not None and ARABIC_LETTER.search(utf8) and utf8 != text:
            return utf8, "utf-8", (("encoding", f"the page declares {declared}, but its bytes are UTF-8 (read as "
                                                f"{declared} they are not Arabic text); read as UTF-8"),)
    if text is None:
        try:
            text, encoding, notes = decode(data, name)
        except InputError:
            raise InputError(name, f"the page says it is {declared} but is not valid {declared}") from None
        if encoding.startswith("utf-8") and declared.startswith("utf-8"):
            return text, encoding, notes  # as declared, with bytes that are not: the notes say where
        return text, encoding, (("encoding", f"the page declares {declared}, but its bytes are not {declared}; "
                                             f"read as {encoding}"), *notes)
    return text, declared, ()


def require_arabic(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(name, "no text")
    if not ARABIC_LETTER.search(text):
        raise InputError(name, "no Arabic text found; nothing was sent to the model")


def read_bytes(path: Path, limits: ReadLimits) -> bytes:
    """The file's bytes, its size checked first; never more than the limit read, even if it grows."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_bytes:
                raise InputError(name, limits.refuse(size))
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(name, unreadable(exc)) from None
    if len(data) > limits.max_bytes:
        raise InputError(name, limits.refuse(len(data)) + " (it grew while being read)")
    return data


def read_source(path: Path, limits: ReadLimits | None = None) -> SourceText:
    limits = limits or ReadLimits()
    return source_from_bytes(read_bytes(path, limits), str(path), FORMATS.get(path.suffix.lower(), "text"), limits)


def _unmangled(text: str, notes: tuple[tuple[str, str], ...]) -> tuple[str, tuple[tuple[str, str], ...]]:
    repaired = repair_mojibake(text)
    if repaired is None:
        return text, notes
    return repaired, (*notes, ("encoding", "the text was UTF-8 Arabic decoded as Windows-1256 before it was saved "
                                           "(mojibake such as \u201cط¸\u201d); repaired to the Arabic"))


def source_from_bytes(data: bytes, name: str, kind: str = "text", limits: ReadLimits | None = None) -> SourceText:
    limits = limits or ReadLimits()
    if len(data) > limits.max_bytes:
        raise InputError(name, limits.refuse(len(data)))
    sha256 = hashlib.sha256(data).hexdigest()
    notes: tuple[tuple[str, str], ...] = ()
    try:
        if kind == "docx":
            if not data.strip():
                raise InputError(name, "the file is empty")
            parsed = parse_docx(data, limits.max_bytes)
            encoding = "docx"
        elif kind == "html":
            if not data.strip():
                raise InputError(name, "the file is empty")
            html, encoding, notes = _decode_page(data, name)
            html, notes = _unmangled(html, notes)
            parsed = parse_html(html, limits.max_bytes)
        elif kind == "markdown":
            text, encoding, notes = decode(data, name)
            text, notes = _unmangled(text, notes)
            parsed = parse_markdown(text)
        else:
            text, encoding, notes = decode(data, name)
            text, notes = _unmangled(text, notes)
            require_arabic(text, name)
            return SourceText(name, text, encoding, sha256, notes=notes)
    except FormatError as exc:
        raise InputError(name, str(exc)) from None
    text = "\n".join(block.text for block in parsed.blocks)
    require_arabic(text, name)
    return SourceText(name, text, encoding, sha256, parsed.blocks, kind, parsed.date,
                      notes + parsed.notes, parsed.outlet)


def source_from_text(text: str, name: str = "<text>") -> SourceText:
    require_arabic(text, name)
    return SourceText(name, text, "str", hashlib.sha256(text.encode("utf-8")).hexdigest())
