"""Character classes every stage shares, and how untrusted names are shown to a person.

One definition each: what an Arabic letter is, which characters are bidirectional controls, and
``visible``, which makes control and bidi-control characters of a name visible as escapes so that a
file name can neither forge a line on a terminal nor reorder what a reader sees.
"""

from __future__ import annotations

import re

ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06fc\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
TATWEEL = "\u0640"
# Harakat, tanween, shadda, sukun, superscript alef and the Quranic marks.
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def arabic_letters(text: str) -> int:
    return len(ARABIC_LETTER.findall(text))


CONTROLS = "\x00-\x1f\x7f-\x9f\ud800-\udfff"  # Unicode's Cc (C0, DEL, C1) and Cs (lone surrogates)
_SHOWN = re.compile(f"[{CONTROLS}{BIDI_CONTROLS}]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    c = match.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def visible(name: str) -> str:
    """``name`` with every control character (line breaks and tabs included) and every bidi control
    written as an escape: ``new\\nline.txt``, ``evil\\u202etxt.exe.txt``. One regular expression pass:
    linear, with no object per character (articles can be megabytes)."""
    return _SHOWN.sub(_escape, name)


def bidi_visible(text: str) -> str:
    """``text`` with its bidi controls written as escapes (they could reorder what a reader sees)."""
    return _BIDI.sub(_escape, text)


def newline_lines(text: str) -> list[str]:
    """A file's lines, ended by a newline or CRLF only: str.splitlines also ends one at U+2028, form
    feeds and U+0085, which text copied from the web holds inside lines (line-aligned files and line
    numbers in messages would shift)."""
    return [line.removesuffix("\r") for line in text.removesuffix("\n").split("\n")] if text else []


def plural(n: int, noun: str) -> str:
    """"1 sentence", "2 sentences": a count as a person reads it."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
