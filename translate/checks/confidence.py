"""The model's own confidence: a mean token log-probability under the run's limit (``--min-score``)."""

from __future__ import annotations

from translate.checks.base import Check, Context, Pair
from translate.flags import Flag, FlagKind


class LowConfidence(Check):
    order = 70
    kinds = (FlagKind.low_confidence,)
    needs_english = False  # an empty English can be the model's low-confidence output too

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        if pair.score is None or context.min_score is None or pair.score >= context.min_score:
            return []
        return [Flag(FlagKind.low_confidence, f"model confidence {pair.score:.2f} (below {context.min_score})")]
