"""Does the English say what the Arabic says? The cross-lingual similarity of the pair (the shipped
sentence encoder, translate/checks/encoder.py) against the limit human translations reach."""

from __future__ import annotations

from collections.abc import Sequence

from translate.chars import arabic_letters
from translate.checks.base import COSTLY_MAX_LETTERS, Check, Context, Pair, calibration, within_bounds
from translate.flags import Flag, FlagKind

SHORT_MIN_LETTERS = 3  # a line with fewer Arabic letters (a dash, a number) says nothing to compare


def meaning_similarities(pairs: list[tuple[str, str]]) -> list[float | None]:
    """Cross-lingual similarity of each pair, in one batch; None where the check does not apply (no
    English, fewer than SHORT_MIN_LETTERS Arabic letters, or more than COSTLY_MAX_LETTERS)."""
    from translate.checks.encoder import encoder

    wanted = [i for i, (ar, en) in enumerate(pairs)
              if en.strip() and SHORT_MIN_LETTERS <= arabic_letters(ar) and within_bounds(ar, en)]
    similarities: list[float | None] = [None] * len(pairs)
    if wanted:
        for i, value in zip(wanted, encoder().similarities([pairs[i] for i in wanted])):
            similarities[i] = value
    return similarities


def check_meaning(similarity: float | None, letters: int = COSTLY_MAX_LETTERS) -> list[Flag]:
    """A pair under the limit human translations of its length reach: short lines (headlines, quotes,
    fewer Arabic letters than the calibration's minimum for sentences) have their own limit."""
    if similarity is None:
        return []
    limits = calibration()["meaning"]
    short = letters < limits["min_arabic_letters"]
    if short:
        limit, percentile = limits["short_min_similarity"], limits["short_percentile"]
    else:
        limit, percentile = limits["min_similarity"], limits["percentile"]
    if similarity < limit:
        what = "human translations of lines this short" if short else "human translations"
        return [Flag(FlagKind.meaning, f"the English may not say what the Arabic says (similarity {similarity:.2f}; "
                                       f"{100 - percentile:g}% of {what} score {limit:.2f} or more)")]
    return []


_AR_QUESTION = ("؟", "?")


def check_question(ar: str, en: str) -> list[Flag]:
    """A short line (a headline, a quote) whose Arabic asks a question that the English does not ask:
    where the encoder says least, the question mark is what a reader of the English cannot see is
    gone. One way only: the Arabic of the shared sets leaves the mark out of questions its English
    asks ("Remember?"), never the other way round (docs/checks.md)."""
    if any(mark in ar for mark in _AR_QUESTION) and "?" not in en:
        return [Flag(FlagKind.meaning, f"the Arabic asks a question (“{ar.strip()}”); the English does not (“{en.strip()}”)")]
    return []


class Meaning(Check):
    order = 80
    kinds = (FlagKind.meaning,)
    costly = True

    def batch(self, pairs: Sequence[Pair], context: Context) -> list[list[Flag]]:
        short = calibration()["meaning"]["min_arabic_letters"]
        out = []
        for pair, similarity in zip(pairs, meaning_similarities([(p.ar, p.en) for p in pairs])):
            letters = arabic_letters(pair.ar)
            flags = check_meaning(similarity, letters)
            if not flags and similarity is not None and letters < short:
                flags = check_question(pair.ar, pair.en)
            out.append(flags)
        return out
