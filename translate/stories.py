"""Stories: articles about the same event, grouped across outlets and across runs.

Two articles are about one event when they share its rare words (the people, places and things it
is about) and, less strongly, when their leads say the same thing:
- words: each article's Arabic as a bag of lightly stemmed words, each weighted by how rare it is in
  Arabic at large (7 minus its Zipf frequency in wordfreq, so "في" weighs nothing and "حفتر" a lot),
  compared by cosine;
- lead: the shipped sentence encoder's mean vector of the first LEAD sentences, compared by cosine.
A pair joins when the words alone pass their limit, or when both pass lower ones. The limits are
derived by bench/stories.py from NTREX-128, whose 123 articles hold 11 events reported by several
outlets (labelled in bench/ntrex_stories.py), and kept in translate/data/stories.json.

An article joins the story of the earlier article it is most like, among those it joins; otherwise it
starts a story. The output folder's registry (translate/registry.py) keeps each article's profile,
so that a later run attaches its articles to the stories of earlier runs the same way.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from translate.article import Article
from translate.chars import DIACRITICS
from translate.checks.arabic import AR_WORD, ar_normal, arabic_zipf
from translate.checks.brief import split_sentences

LEAD = 3  # sentences of the Arabic the encoder reads
RARE_FLOOR = 7.0  # a word's weight: this minus its Zipf frequency (words at least this common weigh nothing)
MIN_STEM = 3  # letters: shorter words are function words or clitics
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل")  # as written (hamzas kept, for wordfreq)
_SUFFIXES = ("ها", "هم", "يه", "ات", "ون", "ين", "ه")


@lru_cache(maxsize=1 << 14)
def _stem(word: str) -> str:
    """One prefix and one suffix off the normalized word, if a stem of MIN_STEM letters is left. A
    one-letter prefix (و ف ب ل) comes off only where Arabic writes the rest more often than the whole
    (وطرابلس is طرابلس; بيان stays بيان)."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            if len(prefix) > 1 or arabic_zipf(word[1:]) > arabic_zipf(word):
                word = word[len(prefix):]
            break
    word = ar_normal(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[:-len(suffix)]
    return word


@lru_cache(maxsize=1 << 14)
def _zipf(word: str) -> float:
    """How common the word is in Arabic: the highest Zipf frequency of it as written and without its
    first prefix (wordfreq counts "والرئيس" apart from "الرئيس")."""
    best = arabic_zipf(word)
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix):]
            return max(best, arabic_zipf(rest), arabic_zipf("ال" + rest))
    return best


@lru_cache(maxsize=1)
def warm() -> None:
    """Load once, with the models, what grouping reads: wordfreq's Arabic list and scipy's sparse matrices."""
    import scipy.sparse  # noqa: F401

    arabic_zipf("في")


def story_words(text: str) -> dict[str, float]:
    """The Arabic as weighted stems, of unit length: (1 + log count) times the rarity of the word."""
    counts: Counter[str] = Counter()
    common: dict[str, float] = {}
    for word in AR_WORD.findall(text):
        word = DIACRITICS.sub("", word)
        stem = _stem(word)
        if len(stem) < MIN_STEM:
            continue
        counts[stem] += 1
        common[stem] = max(common.get(stem, 0.0), _zipf(word))
    weights = {s: (1 + math.log(n)) * max(0.0, RARE_FLOOR - common[s]) for s, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {s: w / norm for s, w in weights.items() if w > 0}


def lead_vectors(leads: Sequence[Sequence[str]]) -> np.ndarray:
    """Each lead's mean sentence vector, of unit length (zeros for an empty lead), in one batch."""
    from translate.checks.encoder import encoder

    vectors = encoder().encode([s for lead in leads for s in lead[:LEAD]])
    out, at = np.zeros((len(leads), 512), dtype=np.float32), 0
    for i, lead in enumerate(leads):
        n = min(len(lead), LEAD)
        if n:
            mean = vectors[at:at + n].mean(axis=0)
            out[i] = mean / (np.linalg.norm(mean) or 1.0)
        at += n
    return out


@dataclass
class Profile:
    """What an article is compared by: its weighted words and its lead's vector."""

    words: dict[str, float]
    vector: np.ndarray

    def to_json(self) -> str:
        return json.dumps({"words": {w: round(x, 5) for w, x in self.words.items()},
                           "vector": [round(float(x), 5) for x in self.vector]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Profile:
        data = json.loads(text)
        return cls({str(w): float(x) for w, x in data["words"].items()}, np.asarray(data["vector"], dtype=np.float32))


def profiles(texts: Sequence[str], leads: Sequence[Sequence[str]]) -> list[Profile]:
    """One profile per article: ``texts`` its whole Arabic, ``leads`` its first sentences."""
    vectors = lead_vectors(leads)
    return [Profile(story_words(text), vectors[i]) for i, text in enumerate(texts)]


@dataclass(frozen=True)
class Limits:
    """When two articles are about one event (derived by bench/stories.py)."""

    words: float  # the words alone
    words_with_lead: float  # the words, together with ...
    lead: float  # ... the leads

    @classmethod
    def shipped(cls) -> Limits:
        data = json.loads((resources.files("translate") / "data" / "stories.json").read_text(encoding="utf-8"))
        return cls(data["words"], data["words_with_lead"], data["lead"])

    def identity(self) -> str:
        return f"stories: words {self.words}, or words {self.words_with_lead} and lead {self.lead}"


def similarities(profiles_: Sequence[Profile]) -> tuple[np.ndarray, np.ndarray]:
    """All pairs at once: the words' cosines and the leads' cosines (two square matrices)."""
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for i, profile in enumerate(profiles_):
        for word, weight in profile.words.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(weight)
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(len(profiles_), max(1, len(vocabulary))), dtype=np.float32)
    words = (matrix @ matrix.T).toarray()
    vectors = np.array([p.vector for p in profiles_], dtype=np.float32).reshape(len(profiles_), -1)
    return words, vectors @ vectors.T


class StoryIndex:
    """The articles seen so far, each with its story, to find the story a new article joins: its words'
    cosine with each earlier article through an inverted index (word -> articles, weights), its lead's
    with a matrix of the earlier leads. Adding and asking take time in proportion to the articles
    sharing its words, not to the square of the batch."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits.shipped()
        self.stories: list[int] = []
        self._postings: dict[str, list] = {}  # word -> [article numbers, weights, how many], arrays grown by doubling
        self._leads = np.zeros((64, 512), dtype=np.float32)

    def story_of(self, profile: Profile) -> int | None:
        """The story of the earlier article it is most like (by its words) among those it joins, or None."""
        n = len(self.stories)
        if not n:
            return None
        words = np.zeros(n, dtype=np.float32)
        for word, weight in profile.words.items():
            found = self._postings.get(word)
            if found:
                ids, weights, count = found
                words[ids[:count]] += weight * weights[:count]
        leads = self._leads[:n] @ profile.vector.astype(np.float32)
        joins = np.flatnonzero(joined(words, leads, self.limits))
        return self.stories[int(joins[np.argmax(words[joins])])] if joins.size else None

    def add(self, profile: Profile, story: int) -> None:
        i = len(self.stories)
        self.stories.append(story)
        for word, weight in profile.words.items():
            found = self._postings.setdefault(word, [np.zeros(4, dtype=np.int32), np.zeros(4, dtype=np.float32), 0])
            if found[2] == len(found[0]):
                found[0], found[1] = np.resize(found[0], 2 * found[2]), np.resize(found[1], 2 * found[2])
            found[0][found[2]], found[1][found[2]] = i, weight
            found[2] += 1
        if i == len(self._leads):
            self._leads = np.concatenate([self._leads, np.zeros_like(self._leads)])
        self._leads[i] = profile.vector


def joined(words: np.ndarray, leads: np.ndarray, limits: Limits) -> np.ndarray:
    """Which pairs are about one event."""
    return (words >= limits.words) | ((words >= limits.words_with_lead) & (leads >= limits.lead))


def assign(profiles_: Sequence[Profile], known: Sequence[int] = (), limits: Limits | None = None) -> list[int]:
    """The story of each profile, in order: ``known`` gives the stories of the first len(known) profiles
    (earlier runs' articles); each later one joins the story of the earlier profile it is most like
    (by its words) among those it joins, or starts a new story (numbered after the highest known)."""
    index = StoryIndex(limits)
    stories = list(known)
    for profile, story in zip(profiles_, known):
        index.add(profile, story)
    following = max(stories, default=-1) + 1
    for profile in profiles_[len(stories):]:
        story = index.story_of(profile)
        if story is None:
            story, following = following, following + 1
        stories.append(story)
        index.add(profile, story)
    return stories


ADDED_SENTENCES = 3  # at most this many sentences of the other articles' briefs join a story's brief
NEW_SHARE = 0.5  # a sentence adds to the story's brief when more than this share of its words are new to it
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}|\d[\d.,]*")  # words of four letters or more, and numbers: what a sentence says


def story_brief(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """(sentence, the output of the article it is from): the first article's brief (the most central),
    then the sentences of the others' briefs that say something new (more than NEW_SHARE of their words
    are not in the story's brief yet), in order, at most ADDED_SENTENCES of them. Each sentence was
    checked with its own article's brief."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for n, article in enumerate(articles):
        text = article.brief.text if article.brief else ""
        for sentence in split_sentences(text):
            words = {w.lower() for w in _CONTENT.findall(sentence)}
            if n and (not words or len(words - seen) <= NEW_SHARE * len(words)):
                continue
            if n and sum(o != articles[0].output for _, o in out) >= ADDED_SENTENCES:
                return out
            out.append((sentence, article.output))
            seen |= words
    return out
