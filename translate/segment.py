"""Segmentation: normalized Arabic text into paragraphs, sentences and model-sized chunks.

Nothing is dropped: sentences are stripped substrings of their paragraph, and chunks are
stripped substrings of their sentence, so every letter and digit lands in exactly one chunk.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

TERMINATORS = ".!?؟…"
CLOSERS = "»\"”’')]}"
HEADING_MAX_WORDS = 12
DEFAULT_TOKEN_BUDGET = 200

_TERMINATOR_RUN = re.compile(f"[{re.escape(TERMINATORS)}]+")
_CLOSER_RUN = re.compile(f"[{re.escape(CLOSERS)}]*[,،]?")
_WORD_BEFORE = re.compile(r"(?:[^\W\d_]|[\u064b-\u065f\u0670])+$")  # letters and harakat
_PROTECTED = re.compile(
    r"(?:https?://|www\.)\S+?(?=[.,!?؟»\"”)\]]*(?:\s|$))"  # URLs, minus trailing punctuation
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}",  # e-mail addresses (bounded: linear time)
    re.IGNORECASE,
)
_LATIN_ALNUM = re.compile(r"[A-Za-z0-9]")
_SENTENCE_FINAL = re.compile(f"[{re.escape(TERMINATORS)}:][{re.escape(CLOSERS)}]*$")

# Abbreviations whose final dot never ends a sentence (compared without dots, lower case).
# Single letters (initials such as "د." or "U.S.") are always treated as abbreviations.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr inc ltd co corp vs etc no nos gen col lt sgt capt cmdr gov
    sen rep jan feb mar apr jun jul aug sep sept oct nov dec dept govt approx est fig vol pp
    ph eng""".split()
)

Counter = Callable[[str], int]


@dataclass(frozen=True)
class Paragraph:
    """One line of the input: a heading (kept whole) or a run of sentences."""

    text: str
    sentences: tuple[str, ...]
    heading: bool = False


def is_heading(line: str) -> bool:
    return len(line.split()) <= HEADING_MAX_WORDS and not _SENTENCE_FINAL.search(line)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs at line breaks; short unpunctuated lines are headings."""
    paragraphs = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if is_heading(line):
            paragraphs.append(Paragraph(line, (line,), heading=True))
        else:
            paragraphs.append(Paragraph(line, tuple(split_sentences(line))))
    return paragraphs


def split_blocks(blocks, normalize_text: Callable[[str], str]) -> list[Paragraph]:
    """Paragraphs of a structured document: its headings stay whole, its paragraphs are split into sentences."""
    paragraphs = []
    for block in blocks:
        text = " ".join(normalize_text(block.text).split())
        if not text:
            continue
        paragraphs.append(Paragraph(text, (text,), heading=True) if block.heading else Paragraph(text, tuple(split_sentences(text))))
    return paragraphs


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)]


_LOOKBACK = 48  # longer than any abbreviation: the word before a dot is searched this far back


def _dot_is_boundary(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False  # decimals, versions, dates such as 1.2 or 2.8.1
    if _LATIN_ALNUM.match(before) and _LATIN_ALNUM.match(after):
        return False  # U.S.A, example.com, v1.2
    word = _WORD_BEFORE.search(text, max(0, i - _LOOKBACK), i)
    letters = "".join(c for c in word.group() if c.isalpha()) if word else ""
    if len(letters) == 1 or letters.lower() in ABBREVIATIONS:
        return False  # initials and abbreviations: د. أ.د. ص.ب. U.S. Dr.
    return True


def _boundaries(text: str) -> Iterator[int]:
    """Offsets just past each sentence end (terminator run, closing quotes, a `.,` comma)."""
    spans = _protected_spans(text)  # sorted, not overlapping
    starts = [a for a, _ in spans]
    pos = 0
    while (m := _TERMINATOR_RUN.search(text, pos)) is not None:
        start, end = m.span()
        pos = end
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and start < spans[k][1]:
            pos = spans[k][1]
            continue
        run = m.group()
        if run == "." and not _dot_is_boundary(text, start):
            continue
        if run == "..":
            continue  # a pause in Arabic news prose, not an ending
        end = _CLOSER_RUN.match(text, end).end()
        if end < len(text):
            yield end
        pos = end


def split_sentences(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for end in _boundaries(paragraph):
        piece = paragraph[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


# Clause boundaries tried in order when a sentence is over the token budget: after a
# semicolon, after a comma, before a word starting with wa- ("and"), then between words.
_CLAUSE_SPLITS = (
    re.compile(r"(?<=[؛;])\s*"),
    re.compile(r"(?<=[،,])\s*"),
    re.compile(r"\s+(?=و)"),
    re.compile(r"\s+"),
)


def _pieces(text: str, splitter: re.Pattern[str]) -> list[str]:
    cuts = [m.start() for m in splitter.finditer(text) if 0 < m.start() < len(text)]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _split_word(word: str, count: Counter, budget: int) -> list[str]:
    """Last resort for a single token-heavy word: the longest prefixes that fit (binary search)."""
    chunks, start = [], 0
    while start < len(word):
        low, high = start + 1, len(word)  # word[start:low] always goes, even over budget
        while low < high:
            mid = (low + high + 1) // 2
            if count(word[start:mid]) <= budget:
                low = mid
            else:
                high = mid - 1
        chunks.append(word[start:low])
        start = low
    return chunks


def chunk_sentence(sentence: str, count: Counter, budget: int = DEFAULT_TOKEN_BUDGET) -> list[str]:
    """Split a sentence into chunks of at most ``budget`` tokens, at the gentlest boundary.

    Linear in the sentence's length: each piece is tokenized once and pieces are packed by the
    sum of their counts (less the special tokens each count adds); a packed chunk that still
    counts over the budget is split again at the next boundary kind.
    """
    return _chunk(sentence.strip(), count, budget, 0, count(""))


def _chunk(text: str, count: Counter, budget: int, level: int, overhead: int) -> list[str]:
    if count(text) <= budget:
        return [text]
    if level == len(_CLAUSE_SPLITS):
        return _split_word(text, count, budget)
    pieces = _pieces(text, _CLAUSE_SPLITS[level])
    if len(pieces) == 1:
        return _chunk(text, count, budget, level + 1, overhead)
    chunks: list[str] = []
    current: list[str] = []
    used = overhead
    for piece in pieces:
        cost = max(0, count(piece.strip()) - overhead)
        if current and used + cost > budget:
            chunks.extend(_chunk("".join(current).strip(), count, budget, level + 1, overhead))
            current, used = [], overhead
        current.append(piece)
        used += cost
    chunks.extend(_chunk("".join(current).strip(), count, budget, level + 1, overhead))
    return chunks
