"""Arabic words as the checks compare them: one spelling per letter, common prefixes off."""

from __future__ import annotations

import re
from functools import lru_cache

from translate.chars import DIACRITICS, TATWEEL

AR_WORD = re.compile("[\u0621-\u065f\u0670\u066e-\u06d3]+")  # letters and their diacritics
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", TATWEEL: None})
_AR_PREFIXES = ("وب", "ول", "وال", "بال", "لل", "فال", "كال", "ال", "و", "ب", "ل", "ف")
ONE_LETTER_PREFIXES = ("و", "ف", "ب", "ل")  # and, so, with, for: written joined to the next word


def ar_normal(word: str) -> str:
    """No diacritics or tatweel, one alef, ta marbuta as ha, alef maqsura as ya."""
    return DIACRITICS.sub("", word).translate(_LETTERS)


@lru_cache(maxsize=1 << 16)
def ar_stem(word: str) -> str:
    """Light normalization for matching: ``ar_normal`` and common prefixes off."""
    word = ar_normal(word)
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


@lru_cache(maxsize=1 << 15)
def arabic_zipf(word: str) -> float:
    """How common the word is, as written, in wordfreq's Arabic (Zipf scale: 6 is "في", 3 a rare word)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ar")


KNOWN_ZIPF = 3.0  # an Arabic word at least this frequent in wordfreq is a word, not letters run together
MIN_PIECE = 3  # letters: each side of a word cut in two by ``unglued``


def known_word(word: str) -> bool:
    return len(word) >= 2 and arabic_zipf(word) >= KNOWN_ZIPF


@lru_cache(maxsize=1 << 15)
def unglued(word: str) -> tuple[str, ...]:
    """The rest of a word no dictionary knows, where it is a known word written together with another
    (ولايةكارولينا: كارولينا; نافاروأيضا: نافارو): each cut with a known word of MIN_PIECE letters or
    more on one side, the other side kept. ``word`` as written, diacritics off (wordfreq keeps hamzas)."""
    if len(word) < 2 * MIN_PIECE or known_word(word):
        return ()
    cuts = range(MIN_PIECE, len(word) - MIN_PIECE + 1)
    return tuple(dict.fromkeys([word[i:] for i in cuts if known_word(word[:i])] + [word[:i] for i in cuts if known_word(word[i:])]))
