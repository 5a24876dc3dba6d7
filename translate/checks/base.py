"""The contract every check implements, and what a check sees.

A check is a class in a module of this package (see ``translate.checks``): it names the kinds it
emits, says whether it is costly (then it is asked in batches, and only of sentences that no flag
already covers whole), and returns the flags of one pair. Subclasses register themselves.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, ClassVar

from translate.flags import Flag, FlagKind

DEFAULT_MIN_SCORE = -1.5  # mean token log-probability under which a translation is flagged low_confidence
# The costly checks (the encoder's) judge a pair of at most this many Arabic letters (and four times as many
# English characters): one embedding for a whole long text says little, and costs memory by its length.
COSTLY_MAX_LETTERS = 5000


def within_bounds(ar: str, en: str) -> bool:
    from translate.chars import arabic_letters

    return len(en) <= 4 * COSTLY_MAX_LETTERS and arabic_letters(ar) <= COSTLY_MAX_LETTERS


@lru_cache(maxsize=1)
def calibration() -> dict[str, Any]:
    """The limits derived from human pairs by bench/derive_checks.py (translate/data/checks.json)."""
    return json.loads((resources.files("translate") / "data" / "checks.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Context:
    """What a run gives the checks besides the pair: its glossary, confidence limit and article."""

    glossary: dict[str, str] | None = None
    glossary_applied: bool = False  # the glossary already fixed or flagged this English (an article's stage)
    min_score: float | None = None  # low_confidence below it (None: the sentence has no model score)
    article: tuple[tuple[str, str], ...] = ()  # (Arabic, English) of every sentence of the article checked: their names count


@dataclass(frozen=True)
class Pair:
    ar: str
    en: str
    heading: bool = False  # short and unpunctuated: no length or ending checks
    score: float | None = None  # the model's mean token log-probability, when it made the English


class Check:
    """One family of checks. ``order`` fixes where its flags stand among the others'."""

    order: ClassVar[int]
    kinds: ClassVar[tuple[FlagKind, ...]]
    costly: ClassVar[bool] = False  # asked in one batch, and only where no whole-sentence flag is set
    on_headings: ClassVar[bool] = True
    needs_english: ClassVar[bool] = True  # False: asked of a pair with no English too
    registry: ClassVar[list[type[Check]]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Check.registry.append(cls)

    def warm(self) -> None:
        """Load what the check reads (word lists, gazetteers) now, once per process, rather than on its first pair."""

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        """The flags of one pair (a cheap check)."""
        raise NotImplementedError

    def batch(self, pairs: Sequence[Pair], context: Context) -> list[list[Flag]]:
        """The flags of many pairs at once (a costly check overrides this)."""
        return [self.flags(pair, context) for pair in pairs]
