"""Briefs: numbers and capitalized names in a brief that the article's English does not hold (invented)."""

from __future__ import annotations

import re

from translate.checks.numbers import english_number_values, english_numbers
from translate.flags import Flag, FlagKind

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STARTERS = frozenset("The A An In On At It He She They We This That These Those But And Or As For After Before "
                      "When While If Its His Her Their There Here Also However Meanwhile".split())


def check_brief(brief: str, article_english: str) -> list[Flag]:
    """Numbers and capitalized names in a brief that the article's English does not hold (invented)."""
    flags = []
    source_numbers = english_number_values(article_english)
    numbers = [n.written for n in english_numbers(brief) if n.required and not n.options & source_numbers]
    lowered = article_english.lower()
    names = []
    for sentence in re.split(r"(?<=[.!?])\s+", brief):
        for i, match in enumerate(_LATIN_WORD.finditer(sentence)):
            word = match.group(0).strip("'’-")
            if word[:1].isupper() and not (i == 0 and word in _STARTERS) and word.lower() not in lowered:
                names.append(word)
    if numbers:
        flags.append(Flag(FlagKind.unsupported, f"numbers not in the article: {', '.join(dict.fromkeys(numbers))}"))
    if names:
        flags.append(Flag(FlagKind.unsupported, f"names not in the article: {', '.join(dict.fromkeys(names))}"))
    return flags
