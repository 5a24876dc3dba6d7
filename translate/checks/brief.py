"""Briefs: each sentence of a brief against the sentences of the article it comes from.

A brief sentence's source is the article sentence the sentence encoder finds nearest to it (its two
nearest, for a sentence that joins two). Against its source, a brief sentence must keep:
- its numbers (a number of the same article taken from another sentence is a swapped number);
- its names: a capitalized word must be in the source, as written or inflected ("Macedonia's",
  "Macedonian" are Macedonia); one found only elsewhere in the article is a swapped name;
- its polarity: a negator the source lacks, or the source's negation left out;
- its months and weekdays, its relative days and periods ("yesterday", "next week").
A brief sentence less similar to its nearest article sentence than human translations are to what
they translate (the meaning limit, bench/derive_checks.py) is flagged as supported by no part of the
article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate.checks.base import COSTLY_MAX_LETTERS, calibration
from translate.checks.dates import EN_DAYS, EN_MONTHS, english_dates, english_periods
from translate.checks.names import common_word
from translate.checks.negation import EN_STRONG
from translate.checks.numbers import english_number_values, english_numbers
from translate.flags import Flag, FlagKind

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|St|Mt|Jr|Sr|Lt|Co|Gen|Sen|Rep|Gov|Det|Col|Sgt|Insp|Capt|Prof|Supt)|\b[A-Z])\.$")
_NAME = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'’-]*[A-Za-z\u00c0-\u024f]|[A-Z]")
_INFLECTIONS = re.compile(r"(?:['’]s|['’]|n|an|ian|ians|ans|ns|ese|i|is|s|es)$")
_COMMON_ZIPF = 5.0  # a sentence's first word this frequent (The, However) is not a name
CANDIDATES = 6  # article sentences sharing most words with a brief sentence: the ones the encoder compares it with
JOIN_MARGIN = 0.1  # a second article sentence nearly as near as the first is a source too (a sentence joining two)


_DATE_WORDS = set(EN_MONTHS + EN_DAYS)


def split_sentences(text: str) -> list[str]:
    """Sentences, one line at a time; not after a title or an initial (Det. Insp., U.S.)."""
    out: list[str] = []
    for line in text.splitlines():
        pieces: list[str] = []
        for piece in (p.strip() for p in _SENTENCE_END.split(line)):
            if pieces and _ABBREVIATION.search(pieces[-1]):
                pieces[-1] += " " + piece
            elif piece:
                pieces.append(piece)
        out += pieces
    return out


def _stem(word: str) -> str:
    word = word.lower()
    stem = _INFLECTIONS.sub("", word)
    return stem if len(stem) >= 3 else word


def _name_forms(text: str) -> set[str]:
    """Every word of the text in lower case and stemmed (Macedonia's, Macedonian -> macedonia)."""
    words = re.findall(r"[A-Za-z\u00c0-\u024f]+", text)
    return {w.lower() for w in words} | {_stem(w) for w in words} | {_stem(w).rstrip("aeiouy") for w in words}


def _names(sentence: str) -> list[str]:
    """Capitalized words, each part of a hyphenated or apostrophed one (Berners-Lee, O'Hagan) apart;
    a sentence's first word only when it is rare as a common word."""
    out = []
    for match in _NAME.finditer(sentence):
        first = not sentence[:match.start()].strip(" \"“‘'(")
        for word in re.split(r"['’-]", re.sub(r"['’]s?$", "", match.group(0))):
            common = first and common_word(word, _COMMON_ZIPF)
            if len(word) < 2 or not word[0].isupper() or word in _DATE_WORDS or common:
                continue  # months and weekdays are the date comparison's
            out.append(word)
    return out


def _known(name: str, forms: set[str]) -> bool:
    lowered = name.lower()
    return lowered in forms or _stem(name) in forms or _stem(name).rstrip("aeiouy") in forms


@dataclass(frozen=True)
class Support:
    sentence: str
    sources: tuple[str, ...]  # its nearest article sentences, nearest first
    similarity: float


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z\u00c0-\u024f]{4,}|\d+", text)}


def supports(brief_sentences: list[str], article_sentences: list[str]) -> list[Support]:
    """Each brief sentence's nearest article sentences, by the sentence encoder (English to English),
    among the CANDIDATES sharing most words with it: the cost stays that of a few sentences per brief
    sentence, however long the article."""
    if not brief_sentences:
        return []
    if not article_sentences:
        return [Support(s, (), 0.0) for s in brief_sentences]
    from translate.checks.encoder import encoder

    words = [_content_words(s) for s in article_sentences]
    out = []
    for sentence in brief_sentences:
        own = _content_words(sentence)
        ranked = sorted(range(len(article_sentences)), key=lambda j: (-len(own & words[j]), j))[:CANDIDATES]
        texts = [t[:4 * COSTLY_MAX_LETTERS] for t in [sentence] + [article_sentences[j] for j in ranked]]
        vectors = encoder().encode(texts)
        similarity = vectors[1:] @ vectors[0]
        order = similarity.argsort()[::-1]
        first = order[0]
        chosen = [first] + [k for k in order[1:2] if similarity[k] >= similarity[first] - JOIN_MARGIN]
        out.append(Support(sentence, tuple(article_sentences[ranked[k]] for k in chosen), round(float(similarity[first]), 4)))
    return out


def _quote(text: str, size: int = 90) -> str:
    return f"“{text if len(text) <= size else text[:size - 1] + '…'}”"


_NEGATOR_WORDS = {"not", "never", "no", "without", "cannot", "nor", "neither", "nobody", "nothing", "none", "nowhere"}


def _negated_words(negating: str, other: str) -> str | None:
    """A negator of ``negating`` whose next two words ``other`` has too, with no negator before them
    (the same statement with its polarity flipped: "did not go well" and "did go well"); a part of
    the source left out is not."""
    words = re.findall(r"[a-z’']+", other.lower())
    for match in EN_STRONG.finditer(negating):
        after = re.findall(r"[a-z’']+", negating[match.end():].lower())[:2]
        if len(after) < 2:
            continue
        for i in range(len(words) - 1):
            if words[i:i + 2] == after and not (i and (words[i - 1] in _NEGATOR_WORDS or re.search(r"n[’']t$", words[i - 1]))):
                return f"{match.group(0)} {' '.join(after)}"
    return None


@dataclass(frozen=True)
class ArticleFacts:
    """What the whole article's English holds: its numbers' values and its words' forms."""

    values: set[float]
    forms: set[str]

    @classmethod
    def of(cls, english: str) -> ArticleFacts:
        return cls(english_number_values(english), _name_forms(english))


def sentence_problems(support: Support, article: ArticleFacts, limit: float) -> list[tuple[str, tuple[str, ...]]]:
    """What one brief sentence says that its source sentences do not, each with the words at fault."""
    sentence, sources = support.sentence, support.sources
    if support.similarity < limit:
        return [(f"{_quote(sentence)}: no sentence of the article says this (nearest similarity {support.similarity:.2f}; "
                 f"a human translation scores {limit:.2f} or more against what it translates)", ())]
    problems = []
    source_text = " ".join(sources)
    source_values = english_number_values(source_text)
    article_values = article.values
    for number in english_numbers(sentence):
        if number.required and not number.options & source_values:
            where = "its source says " + ", ".join(n.written for n in english_numbers(sources[0])) if english_numbers(sources[0]) \
                else "its source has no number"
            elsewhere = "" if number.options & article_values else "; the article has it nowhere"
            problems.append((f"{_quote(sentence)} has {number.written}, {where}{elsewhere}", (number.written,)))
    source_forms, article_forms = _name_forms(source_text), article.forms
    for name in _names(sentence):
        if not _known(name, source_forms):
            where = "the article has it only in another sentence" if _known(name, article_forms) else "the article has it nowhere"
            problems.append((f"{_quote(sentence)} names {name}, its source does not ({where})", (name,)))
    added, dropped = _negated_words(sentence, sources[0]), _negated_words(sources[0], sentence)
    if added:
        problems.append((f"{_quote(sentence)} says “{added}”, its source {_quote(sources[0], 70)} does not negate", (added,)))
    elif dropped:
        problems.append((f"{_quote(sentence)} drops the “{dropped}” of its source {_quote(sources[0], 70)}", (dropped.split(" ", 1)[1],)))
    months, days, _, relative = english_dates(sentence)
    source_months, source_days, _, source_relative = english_dates(source_text)
    periods, source_periods = english_periods(sentence), english_periods(source_text)
    for name in [m for k, m in months.items() if k not in source_months] + [d for k, d in days.items() if k not in source_days] \
            + [p for k, p in periods.items() if k not in source_periods] + sorted(relative - source_relative):
        problems.append((f"{_quote(sentence)} says {name}, its source does not", (name,)))
    return problems


def check_brief(brief: str, article_english: str) -> list[Flag]:
    """Each brief sentence against the article sentences it comes from (``article_english``: the
    article's English, one sentence or paragraph per line)."""
    limit = calibration()["meaning"]["min_similarity"]
    facts = ArticleFacts.of(article_english)
    problems = [p for support in supports(split_sentences(brief), split_sentences(article_english))
                for p in sentence_problems(support, facts, limit)]
    return [Flag(FlagKind.unsupported, problem, words=words) for problem, words in problems]
