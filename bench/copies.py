"""Wire copies: how many are found, and whether different articles are ever taken for copies.

    python bench/copies.py        # the 123 NTREX-128 articles (Arabic), and a copy of each

Each article gets one copy made by this script (seeded) with the edits agencies make, chosen at
random until 5-30% of its words are changed: a byline put before it, its headline (first line)
replaced by another article's, a paragraph dropped, a paragraph of another article added, words
replaced by words of another article, punctuation taken out. Then the 246 texts are grouped at once:
a copy found is its original's group holding it (and nothing else); the 123 originals alone must
give no group at all. The shared sets hold few articles about the same event, so this says nothing
about two outlets' different reports of one event (those are stories, not copies).
"""

from __future__ import annotations

import difflib
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import ntrex_documents  # noqa: E402

from translate.copies import copy_groups  # noqa: E402

BYLINES = ["القاهرة (رويترز) -", "بيروت - أ ف ب:", "(وكالات) -", "دبي - العربية.نت", "عمان - بترا"]


def changed_share(original: str, copy: str) -> float:
    """The share of words changed: 1 - difflib's ratio of the two word sequences."""
    return 1 - difflib.SequenceMatcher(None, original.split(), copy.split(), autojunk=False).ratio()


def make_copy(lines: list[str], others: list[list[str]], rng: random.Random) -> str:
    target = rng.uniform(0.05, 0.30)
    copy = list(lines)
    for _ in range(50):
        if changed_share("\n".join(lines), "\n".join(copy)) >= target:
            break
        other = rng.choice(others)
        edit = rng.choice(["byline", "headline", "drop", "add", "words", "punctuation"])
        if edit == "byline" and not copy[0].startswith(tuple(BYLINES)):
            copy[0] = rng.choice(BYLINES) + " " + copy[0]
        elif edit == "headline":
            copy[0] = rng.choice(other)
        elif edit == "drop" and len(copy) > 3:
            copy.pop(rng.randrange(1, len(copy)))
        elif edit == "add":
            copy.insert(rng.randrange(1, len(copy) + 1), rng.choice(other))
        elif edit == "words":
            line = rng.randrange(len(copy))
            words, pool = copy[line].split(), " ".join(other).split()
            for _ in range(max(1, len(words) // 10)):
                words[rng.randrange(len(words))] = rng.choice(pool)
            copy[line] = " ".join(words)
        elif edit == "punctuation":
            copy = [re.sub("[،,.:؛]", "", line) for line in copy]
    return "\n".join(copy)


def main() -> None:
    rng = random.Random(2026)
    articles = [[ar for ar, _ in document if ar.strip()] for document in ntrex_documents()]
    originals = ["\n".join(lines) for lines in articles]
    copies = [make_copy(lines, articles[:i] + articles[i + 1:], rng) for i, lines in enumerate(articles)]
    shares = sorted(changed_share(o, c) for o, c in zip(originals, copies))
    start = time.perf_counter()
    alone = copy_groups(originals)
    groups = copy_groups(originals + copies)
    seconds = time.perf_counter() - start
    n = len(originals)
    found = sum(any(set(g) == {i, i + n} for g in groups) for i in range(n))
    wrong = [g for g in groups if len({i % n for i in g}) > 1]
    print(f"{n} NTREX articles and a copy of each (words changed: median {100 * shares[n // 2]:.0f}%, "
          f"{100 * shares[0]:.0f}-{100 * shares[-1]:.0f}%)")
    print(f"copies found: {found} of {n} ({100 * found / n:.1f}%; target >= 99%)")
    print(f"groups among the originals alone: {len(alone)} (target 0); groups joining different articles: {len(wrong)}")
    print(f"grouping {2 * n} articles: {seconds:.2f} s")


if __name__ == "__main__":
    main()
