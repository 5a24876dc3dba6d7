"""Arabic text normalization: the first stage, before segmentation."""

from __future__ import annotations

import re
import unicodedata

from translate.chars import BIDI_CONTROLS

TATWEEL = "\u0640"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_REMOVED = str.maketrans("", "", TATWEEL + BIDI_CONTROLS + ZERO_WIDTH)

# Harakat, tanween, shadda, sukun, superscript alef and the Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_HSPACE = re.compile(r"[^\S\n]+")
_LINE_ENDINGS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


def normalize(text: str, *, strip_diacritics: bool = False) -> str:
    """NFC; drop tatweel, bidi marks and zero-width characters; tidy whitespace.

    Line breaks are kept (they mark paragraphs); runs of other whitespace become one
    space and lines are stripped. Diacritics and Arabic-Indic digits are kept unless
    ``strip_diacritics`` is set.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_ENDINGS.sub("\n", text).translate(_REMOVED)
    if strip_diacritics:
        text = _DIACRITICS.sub("", text)
    lines = (_HSPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")
