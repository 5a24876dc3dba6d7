"""Checks on the English's surface, against its Arabic: Arabic left in, loops, a length outside the
band human translations stay in, and an English that stops mid-sentence."""

from __future__ import annotations

import re

from translate.chars import ARABIC_LETTER
from translate.checks.base import Check, Context, Pair, calibration
from translate.flags import Flag, FlagKind

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+(?:[\\s\u0600-\u06ff]*[\u0600-\u06ff])?")
_WORD_TOKEN = re.compile(r"\w+")


def check_untranslated(en: str) -> list[Flag]:
    spans = [m.group(0) for m in _ARABIC_SCRIPT.finditer(en) if ARABIC_LETTER.search(m.group(0))]
    return [Flag(FlagKind.untranslated, "Arabic left in the English: " + " … ".join(spans)[:80], words=tuple(spans))] if spans else []


def _first_run(tokens: list[str]) -> tuple[list[str], int]:
    """The first span of 1 to 8 tokens said three times or more in a row, and how many times; ([], 0) for none
    (a number said again, "1 1 1", is not one)."""
    for size in range(1, 9):
        for i in range(len(tokens) - 3 * size + 1):
            span = tokens[i:i + size]
            if tokens[i + size:i + 2 * size] == span and tokens[i + 2 * size:i + 3 * size] == span:
                times = 3
                while tokens[i + times * size:i + (times + 1) * size] == span:
                    times += 1
                if size == 1 and span[0].isdigit():
                    continue
                return span, times
    return [], 0


def _most_repeated(tokens: list[str]) -> int:
    """The most times any span of 1 to 8 tokens is said in a row, in one pass a span length (linear time)."""
    best = 1 if tokens else 0
    for size in range(1, 9):
        streak = 0  # tokens in a row equal to the one ``size`` after them
        for j in range(len(tokens) - size):
            streak = streak + 1 if tokens[j] == tokens[j + size] else 0
            best = max(best, streak // size + 1)
    return best


def check_repetition(en: str, ar: str = "") -> list[Flag]:
    """A span said three times or more in a row (a loop), unless the Arabic says something as many times in a row
    ("No, no, no, no, no" for لا، لا، لا، لا، لا); or an English of few distinct words for its length."""
    tokens = [t.lower() for t in _WORD_TOKEN.findall(en)]
    span, times = _first_run(tokens)
    if span and not (ar and _most_repeated(_WORD_TOKEN.findall(ar)) >= times):
        return [Flag(FlagKind.repetition, f"“{' '.join(span)}” {times} times in a row")]
    limits = calibration()["repetition"]
    if len(tokens) >= limits["min_tokens"] and len(set(tokens)) / len(tokens) < limits["min_distinct_share"]:
        return [Flag(FlagKind.repetition, f"{len(set(tokens))} distinct words in {len(tokens)}")]
    return []


_AR_ENDS = re.compile("[.!?؟…][\"”»’')\\]]*$")
_EN_ENDS = re.compile(r"[.!?…][\"”’')\]]*$|[\"”’')\]]$")


# An Arabic that ends open itself: on a comma or semicolon, or on a conjunction (و, أو, ثم, ف) written alone.
_AR_OPEN = re.compile("(?:[،,؛;]|(?:^|\\s)(?:و|أو|او|ثم|ف))$")

# Words an English sentence does not end on: an output stopping there was cut off.
_DANGLING = frozenset("a an the of to and or nor with by for at from than into its his her their our your my whose "
                      "between while".split())
_LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")


_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def title_case(en: str) -> bool:
    """A headline's capitals: at least two thirds of its words of four letters or more, after the
    first, capitalized ("Sarah Palin's Eldest Son Arrested on Domestic Violence Charges")."""
    words = [w for w in _WORDS.findall(en)[1:] if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 2 * len(words) / 3


def check_unfinished(ar: str, en: str) -> list[Flag]:
    """The English stops mid-sentence (a cut-off output): on a comma or a word such as "the" where the
    Arabic does not end open itself, or without an ending where the Arabic ends its sentence and
    shorter for its Arabic than half the human translations are (a headline the translator gave a
    full stop is not cut off, nor one written in title case)."""
    en = en.strip()
    last = _LAST_WORD.search(en)
    dangling = en.endswith(",") or (last is not None and last.end(1) == len(en) and last.group(1).lower() in _DANGLING)
    dangling = dangling and not _AR_OPEN.search(ar.strip())  # the Arabic leaves it open too: a list's item (قبل مهمة تعقيم، و)
    short = length_ratio(ar, en) < calibration()["length_ratio"]["median"]
    if dangling or (_AR_ENDS.search(ar.strip()) and not _EN_ENDS.search(en) and short and not title_case(en)):
        return [Flag(FlagKind.unfinished, "the English stops before the end of the sentence: “…" + en[-30:] + "”")]
    return []


def length_ratio(ar: str, en: str) -> float:
    return len("".join(en.split())) / max(1, len("".join(ar.split())))


def check_length(ar: str, en: str) -> list[Flag]:
    band = calibration()["length_ratio"]
    if len("".join(ar.split())) < band["min_arabic_chars"]:
        return []
    ratio = length_ratio(ar, en)
    usual = f"usual {band['low']:.2f}–{band['high']:.2f}"
    if ratio < band["low"]:
        return [Flag(FlagKind.length_ratio, f"the English is short for the Arabic (ratio {ratio:.2f}, {usual})")]
    if ratio > band["high"]:
        return [Flag(FlagKind.length_ratio, f"the English is long for the Arabic (ratio {ratio:.2f}, {usual})")]
    return []


class Untranslated(Check):
    order = 20
    kinds = (FlagKind.untranslated,)

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_untranslated(pair.en)


class Repetition(Check):
    order = 30
    kinds = (FlagKind.repetition,)

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_repetition(pair.en, pair.ar)


class Length(Check):
    order = 40
    kinds = (FlagKind.length_ratio,)
    on_headings = False

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_length(pair.ar, pair.en)


class Unfinished(Check):
    order = 50
    kinds = (FlagKind.unfinished,)
    on_headings = False

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        return check_unfinished(pair.ar, pair.en)
