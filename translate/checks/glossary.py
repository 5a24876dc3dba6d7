"""Required renderings (a glossary given to the run): one code path that finds a term the Arabic holds
whose rendering the English lacks, and either fixes a near-variant (``glossary_fixed``) or flags it."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from translate.checks.arabic import AR_WORD, ar_stem
from translate.checks.base import Check, Context, Pair
from translate.flags import Flag, FlagKind


def _contains_term(ar: str, term: str) -> bool:
    stems = [ar_stem(w) for w in AR_WORD.findall(ar)]
    wanted = [ar_stem(w) for w in AR_WORD.findall(term)]
    return bool(wanted) and any(stems[i:i + len(wanted)] == wanted for i in range(len(stems) - len(wanted) + 1))


def near_variant(en: str, rendering: str) -> tuple[int, int] | None:
    """The span of ``en`` that is a near-variant of ``rendering`` (Hafter for Haftar), if any."""
    words = list(re.finditer(r"[\w'’-]+", en))
    size = len(rendering.split())
    best, best_span = 0.0, None
    for i in range(len(words) - size + 1):
        start, end = words[i].start(), words[i + size - 1].end()
        candidate = en[start:end]
        ratio = SequenceMatcher(None, candidate.lower(), rendering.lower()).ratio()
        if ratio > best:
            best, best_span = ratio, (start, end)
    return best_span if best >= 0.8 else None


def glossary_findings(ar: str, en: str, glossary: dict[str, str], *, fix: bool) -> tuple[str, list[Flag]]:
    """Each term the Arabic holds whose rendering the English lacks: with ``fix``, a near-variant is
    replaced by the rendering (recorded as ``glossary_fixed``); anything else is flagged ``glossary``."""
    flags = []
    for term, rendering in glossary.items():
        if not _contains_term(ar, term) or rendering.lower() in en.lower():
            continue
        span = near_variant(en, rendering) if fix else None
        if span:
            found = en[span[0]:span[1]]
            en = en[:span[0]] + rendering + en[span[1]:]
            flags.append(Flag(FlagKind.glossary_fixed, f"“{found}” replaced by “{rendering}” for {term}"))
        else:
            flags.append(Flag(FlagKind.glossary, f"{term} should be rendered “{rendering}”"))
    return en, flags


def apply_glossary(ar: str, en: str, glossary: dict[str, str]) -> tuple[str, list[Flag]]:
    """The English with near-variants of required renderings replaced, and the flags (an article's stage)."""
    return glossary_findings(ar, en, glossary, fix=True)


class Glossary(Check):
    order = 60
    kinds = (FlagKind.glossary,)

    def flags(self, pair: Pair, context: Context) -> list[Flag]:
        if not context.glossary or context.glossary_applied:
            return []
        return glossary_findings(pair.ar, pair.en, context.glossary, fix=False)[1]
