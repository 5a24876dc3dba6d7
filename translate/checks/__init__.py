"""Checks: what a reader who cannot read the Arabic should double-check. They work on any translation
(this tool's, a human's, another system's).

One module per family, each a ``Check`` (translate/checks/base.py) that says which kinds it emits,
whether it is costly, and whether it applies to headings; the runner below walks the registry, so
adding a check is adding a module. Families: ``numbers``, ``quantities``, ``dates``, ``surface`` (Arabic left in, loops,
length, unfinished endings), ``glossary``, ``confidence`` (the model's own score), ``meaning``
(the costly one: cross-lingual similarity, asked only where no flag already covers the whole
sentence), and ``brief`` for briefs. The limits are derived from public reference pairs by
bench/derive_checks.py and ship in translate/data/checks.json. The checks' identity in the run
signature is built from every file of this package, found by walking it, and the calibration.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from translate.article import Article
from translate.checks.base import DEFAULT_MIN_SCORE, Check, Context, Pair, calibration
from translate.checks.brief import check_brief
from translate.checks.glossary import apply_glossary
from translate.flags import Flag, FlagKind

__all__ = ["DEFAULT_MIN_SCORE", "Check", "Context", "Pair", "calibration", "check_article", "check_brief",
           "check_pair", "check_pairs", "checker_identity", "checks", "glossary_digest", "warm"]


@lru_cache(maxsize=1)
def checks() -> tuple[Check, ...]:
    """Every check of this package, found by importing each of its modules, in their ``order``."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return tuple(cls() for cls in sorted(Check.registry, key=lambda cls: cls.order))


def warm() -> None:
    """Every check's data loaded now (a run counts it with the models' loading, not with the checks)."""
    for check in checks():
        check.warm()


def _cheap_flags(pair: Pair, context: Context) -> list[Flag]:
    """Every check but the costly ones on one pair. A pair with no English gets ``empty_translation``
    and only the checks that do not read the English."""
    empty = not pair.en.strip()
    flags = [Flag(FlagKind.empty_translation, "no English")] if empty and pair.ar.strip() else []
    for check in checks():
        if check.costly or (pair.heading and not check.on_headings) or (empty and check.needs_english):
            continue
        flags += check.flags(pair, context)
    return flags


def _add_costly(pairs: list[Pair], flags: list[list[Flag]], context: Context) -> None:
    """The costly checks, each in one batch, on the pairs whose flags do not already cover the whole sentence."""
    for check in checks():
        if not check.costly:
            continue
        asked = [i for i, found in enumerate(flags) if not any(f.kind.whole_sentence for f in found)]
        for i, more in zip(asked, check.batch([pairs[i] for i in asked], context)):
            flags[i] += more


def check_pairs(pairs: list[tuple[str, str]], glossary: dict[str, str] | None = None,
                article: Sequence[tuple[str, str]] = ()) -> list[list[Flag]]:
    """Every check on each Arabic sentence (or line) and its English; the costly ones in one batch.
    ``article``: the (Arabic, English) sentences of the article the pairs come from (the names its other
    sentences render are checked in each pair); none: the pairs stand alone."""
    context = Context(glossary=glossary, article=tuple(article))
    items = [Pair(ar, en) for ar, en in pairs]
    flags = [_cheap_flags(pair, context) for pair in items]
    _add_costly(items, flags, context)
    return flags


def check_pair(ar: str, en: str, glossary: dict[str, str] | None = None) -> list[Flag]:
    """Every check on one pair (for many, ``check_pairs`` batches the costly checks)."""
    return check_pairs([(ar, en)], glossary)[0]


def check_article(article: Article, glossary: dict[str, str] | None = None, min_score: float = DEFAULT_MIN_SCORE) -> None:
    """The check stage: flags on every sentence (after the glossary's fixes) and on the brief, in place."""
    context = Context(glossary=glossary, glossary_applied=True, min_score=min_score)
    sentences = [(paragraph.heading, sentence) for paragraph in article.paragraphs for sentence in paragraph.sentences]
    pairs: list[Pair] = []
    found: list[list[Flag]] = []
    for heading, sentence in sentences:
        fixed: list[Flag] = []
        if glossary:
            sentence.en, fixed = apply_glossary(sentence.ar, sentence.en, glossary)
        pair = Pair(sentence.ar, sentence.en, heading, sentence.score)
        pairs.append(pair)
        found.append(list(sentence.flags) + fixed + _cheap_flags(pair, context))
    _add_costly(pairs, found, replace(context, article=tuple((p.ar, p.en) for p in pairs)))
    for (_, sentence), flags in zip(sentences, found):
        sentence.flags = list(dict.fromkeys(flags))  # each flag once, in order
    if article.brief is not None and article.brief.text:
        flags = check_brief(article.brief.text, "\n".join(p.en for p in article.paragraphs))
        if not article.brief.finished:
            flags.append(Flag(FlagKind.truncated, "the summary stopped at its length limit"))
        article.brief = replace(article.brief, flags=tuple(flags))


def checker_sources(package=None) -> list[tuple[str, bytes]]:
    """What decides the flags, as installed: every file of this package (found by walking it, so a check
    moved into a new module stays in), the flag kinds and character classes it uses, and the calibration.
    ``package``: the folder of ``translate`` (default: the installed one)."""
    package = package or resources.files("translate")
    files = [("flags.py", package / "flags.py"), ("chars.py", package / "chars.py"),
             ("data/checks.json", package / "data" / "checks.json")]

    def walk(folder, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.is_file() and entry.name.endswith(".py"):
                files.append((prefix + entry.name, entry))

    walk(package / "checks", "checks/")
    return [(name, entry.read_bytes()) for name, entry in sorted(files, key=lambda item: item[0])]


def sources_digest(sources: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, source in sources:
        digest.update(name.encode() + b"\0" + hashlib.sha256(source).digest())
    return digest.hexdigest()[:16]


def checker_identity() -> dict[str, str]:
    """What decides the flags besides the run's options: the checks' code and calibration, and the
    meaning encoder. A new version of any checks articles again."""
    from translate.checks.encoder import encoder_identity

    return {"checker_sha256": sources_digest(checker_sources()), "meaning_encoder": encoder_identity()}


def glossary_digest(glossary: dict[str, str] | None) -> str | None:
    if not glossary:
        return None
    return hashlib.sha256(json.dumps(glossary, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
