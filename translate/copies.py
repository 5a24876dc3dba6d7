"""Wire copies: articles that are the same text with light edits (a byline, a paragraph dropped or
added, punctuation, another headline), found so that the briefing shows the story once.

Each article's Arabic is normalized (one alef, no diacritics, letters only) and cut in word
shingles; datasketch's MinHash LSH proposes pairs whose shingle sets overlap, and a pair is a copy
when the smaller of the two has at least MIN_CONTAINMENT of its shingles in the other (a copy with a
paragraph added or dropped still counts). Copies join in groups (a copy of a copy is in the group).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from translate.article import Article
from translate.checks.arabic import AR_WORD, ar_normal

SHINGLE = 3  # words per shingle
NUM_PERM = 128  # MinHash permutations
LSH_THRESHOLD = 0.3  # the Jaccard similarity around which LSH proposes a pair (candidates only)
MIN_CONTAINMENT = 0.5  # of the smaller article's shingles, in the other: a copy
MIN_SHINGLES = 8  # an article shorter than this (a few words) is nobody's copy


@lru_cache(maxsize=1)
def warm() -> None:
    """Load once, with the models, what finding copies needs: datasketch and its permutations."""
    from datasketch import MinHash

    MinHash(num_perm=NUM_PERM)


def arabic_shingles(text: str) -> set[str]:
    words = [ar_normal(w) for w in AR_WORD.findall(text)]
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def copy_groups(texts: Sequence[str]) -> list[list[int]]:
    """Groups of indexes of ``texts`` (Arabic) that are copies of each other, each in order; only
    groups of two or more."""
    from datasketch import MinHash, MinHashLSH

    shingles = [arabic_shingles(t) for t in texts]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes: dict[int, MinHash] = {}
    for i, found in enumerate(shingles):
        if len(found) < MIN_SHINGLES:
            continue
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch([s.encode("utf-8") for s in found])
        hashes[i] = minhash
        lsh.insert(str(i), minhash)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, minhash in hashes.items():
        for key in lsh.query(minhash):
            j = int(key)
            if j <= i:
                continue
            common = len(shingles[i] & shingles[j])
            if common >= MIN_CONTAINMENT * min(len(shingles[i]), len(shingles[j])):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def article_text(article: Article) -> str:
    return "\n".join(p.ar for p in article.paragraphs)


def mark_copies(articles: Sequence[Article]) -> list[list[Article]]:
    """Set each article's ``copies`` (the other articles of its group, by output name) and return the
    groups, each with the article to show first: the longest, then the earliest published, then by name."""
    for article in articles:
        article.copies = []
    groups = []
    for indexes in copy_groups([article_text(a) for a in articles]):
        group = sorted((articles[i] for i in indexes), key=lambda a: (-a.sentence_count, a.date or "~", a.output))
        for article in group:
            article.copies = [other.output for other in group if other is not article]
        groups.append(group)
    return groups
