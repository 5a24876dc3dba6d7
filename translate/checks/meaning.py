"""Does the English say what the Arabic says? The cross-lingual similarity of the pair (the shipped
sentence encoder, translate/checks/encoder.py) against the limit human translations reach."""

from __future__ import annotations

from collections.abc import Sequence

from translate.chars import arabic_letters
from translate.checks.base import Check, Context, Pair, calibration
from translate.flags import Flag, FlagKind

MEANING_MAX_LETTERS = 5000  # one embedding for a whole long text says little, and costs memory by its length


def meaning_similarities(pairs: list[tuple[str, str]]) -> list[float | None]:
    """Cross-lingual similarity of each pair, in one batch; None where the check does not apply (no
    English, fewer Arabic letters than the calibration's minimum, or more than MEANING_MAX_LETTERS)."""
    from translate.checks.encoder import encoder

    minimum = calibration()["meaning"]["min_arabic_letters"]
    wanted = [i for i, (ar, en) in enumerate(pairs)
              if en.strip() and minimum <= arabic_letters(ar) <= MEANING_MAX_LETTERS and len(en) <= 4 * MEANING_MAX_LETTERS]
    similarities: list[float | None] = [None] * len(pairs)
    if wanted:
        for i, value in zip(wanted, encoder().similarities([pairs[i] for i in wanted])):
            similarities[i] = value
    return similarities


def check_meaning(similarity: float | None) -> list[Flag]:
    if similarity is None:
        return []
    limit = calibration()["meaning"]["min_similarity"]
    if similarity < limit:
        return [Flag(FlagKind.meaning, f"the English may not say what the Arabic says (similarity {similarity:.2f}; "
                                f"{100 - calibration()['meaning']['percentile']:g}% of human translations score {limit:.2f} or more)")]
    return []


class Meaning(Check):
    order = 80
    kinds = (FlagKind.meaning,)
    costly = True

    def batch(self, pairs: Sequence[Pair], context: Context) -> list[list[Flag]]:
        return [check_meaning(s) for s in meaning_similarities([(p.ar, p.en) for p in pairs])]
