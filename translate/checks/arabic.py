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
