"""Stories: the limits derived, and how articles are grouped on NTREX-128.

    python bench/stories.py --derive   # the limits, from NTREX's labelled events -> translate/data/stories.json
    python bench/stories.py            # the grouping measured: events, halves, held-out, 5,000 articles

NTREX-128's 123 articles are not 123 distinct stories: newstest2019 was gathered over a few days of
September 2018 and holds 11 events reported by two to eight outlets each (bench/ntrex_stories.py,
labelled by hand from the headlines and leads). So three things are measured on them:
- wrongly merged: articles put in a story with an article of another event (pairs labelled "either"
  aside);
- events found: of the articles of the 11 events, how many share a story with another of their event;
- halves: each article cut in two files (its first lines and the rest) among the other articles'
  halves: how often the two halves land in one story;
- time: 5,000 articles of 16 random NTREX lines each, profiled (words and leads), grouped and
  indexed (names), each timed.
The limits are derived from the same labels: the words-only limit is the highest similarity of a pair
that must not join; the lead limit the highest lead similarity among such pairs whose words pass the
99th percentile. The held-out view derives them on the articles of even index and measures on the
odd ones, and the other way round. The shared sets hold no other articles about one event, so these
figures say nothing of a day's feed from a dozen outlets; they do say that unrelated news on the same
topics (Brexit, Trump, North Korea) is kept apart.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ntrex_stories import LABEL, STORIES, must_not_join  # noqa: E402
from run import ntrex_documents  # noqa: E402

from translate.article import Article, Paragraph, Sentence, Source  # noqa: E402
from translate.names_index import build_index  # noqa: E402
from translate.stories import LEAD, Limits, assign, profiles, similarities  # noqa: E402

LIMITS = ROOT / "translate" / "data" / "stories.json"
WORDS_PERCENTILE = 99  # of the pairs that must not join: the words' part of the joint limit
SCALE = 5000  # articles, for the time grouping and indexing take


def up(value: float) -> float:
    """Rounded up at the third decimal: a limit a pair must reach (>=), strictly above what it is derived from."""
    return float(np.floor(value * 1000) + 1) / 1000


def derive(words: np.ndarray, leads: np.ndarray, indexes: list[int]) -> Limits:
    pairs = [(a, b) for x, a in enumerate(indexes) for b in indexes[x + 1:] if must_not_join(a, b)]
    apart_words = np.array([words[a, b] for a, b in pairs])
    apart_leads = np.array([leads[a, b] for a, b in pairs])
    joint = float(np.percentile(apart_words, WORDS_PERCENTILE))
    return Limits(up(apart_words.max()), up(joint), up(apart_leads[apart_words >= up(joint)].max(initial=0.0)))


def measure(groups: list[int], indexes: list[int]) -> tuple[int, int, int]:
    """(articles wrongly merged, articles of a labelled event with another of it, articles of labelled events)."""
    where = dict(zip(indexes, groups, strict=True))
    wrong = {a for a in indexes for b in indexes if where[a] == where[b] and must_not_join(a, b)}
    labelled = [a for a in indexes if a in LABEL and sum(b in where for b in STORIES[LABEL[a]]) > 1]
    found = [a for a in labelled if any(where[b] == where[a] for b in STORIES[LABEL[a]] if b != a and b in where)]
    return len(wrong), len(found), len(labelled)


def main() -> None:
    documents = [[ar for ar, _ in d] for d in ntrex_documents()]
    n = len(documents)
    started = time.perf_counter()
    whole = profiles(["\n".join(d) for d in documents], documents)
    seconds = time.perf_counter() - started
    words, leads = similarities(whole)
    everything = list(range(n))
    if "--derive" in sys.argv:
        limits = derive(words, leads, everything)
        LIMITS.write_text(json.dumps({"words": limits.words, "words_with_lead": limits.words_with_lead, "lead": limits.lead,
                                      "derived_by": "bench/stories.py --derive", "from": "NTREX-128, bench/ntrex_stories.py"},
                                     indent=2) + "\n", encoding="utf-8")
        print(f"limits: {limits.identity()} -> {LIMITS.relative_to(ROOT)}")
        return
    limits = Limits.shipped()
    print(f"{limits.identity()}; profiles of the {n} articles: {seconds:.1f} s")
    wrong, found, labelled = measure(assign(whole, limits=limits), everything)
    print("| measure | result |")
    print("|---|---|")
    print(f"| articles wrongly merged (of {n}) | {wrong} ({100 * wrong / n:.1f}%) |")
    print(f"| articles of the 11 events in a story with another of theirs | {found} of {labelled} ({100 * found / labelled:.0f}%) |")
    halves = [d[:max(1, len(d) // 2)] for d in documents] + [d[max(1, len(d) // 2):] for d in documents]
    half_profiles = profiles(["\n".join(h) for h in halves], halves)
    order = list(range(2 * n))
    random.Random(2026).shuffle(order)  # the halves come in no particular order
    groups = assign([half_profiles[i] for i in order], limits=limits)
    story = {i: g for i, g in zip(order, groups, strict=True)}
    together = sum(story[i] == story[i + n] for i in range(n))
    owner = {i: i % n for i in range(2 * n)}
    wrong_halves = {i for i in range(2 * n) for j in range(2 * n) if story[i] == story[j] and must_not_join(owner[i], owner[j])}
    print(f"| an article's two halves in one story | {together} of {n} ({100 * together / n:.0f}%) |")
    print(f"| halves wrongly merged (of {2 * n}) | {len(wrong_halves)} |")
    print()
    print("held out (derived on one part of the articles, measured on the other):")
    print("| derived on | limits | measured on | wrongly merged | events found |")
    print("|---|---|---|---|---|")
    for name, part, other in (("even", everything[0::2], everything[1::2]), ("odd", everything[1::2], everything[0::2])):
        held = derive(words, leads, part)
        wrong, found, labelled = measure(assign([whole[i] for i in other], limits=held), other)
        print(f"| {name} articles | {held.identity().split(': ', 1)[1]} | the other {len(other)} | {wrong} | {found} of {labelled} |")
    print()
    rng = random.Random(7)
    pairs = [pair for d in ntrex_documents() for pair in d]
    many = [rng.sample(pairs, 16) for _ in range(SCALE)]
    articles = [Article(Source(f"{i}.txt", "0" * 64, "utf-8"), f"{i}.txt", [Paragraph(ar, False, [Sentence(ar, [ar], en)])
                                                                          for ar, en in lines]) for i, lines in enumerate(many)]
    started = time.perf_counter()
    # Each lead line made distinct (its article's number after it), so that no vector comes from the encoder's cache.
    many_profiles = profiles(["\n".join(ar for ar, _ in m) for m in many], [[f"{ar} ({i})" for ar, _ in m] for i, m in enumerate(many)])
    profile_s = time.perf_counter() - started
    started = time.perf_counter()
    assign(many_profiles, limits=limits)
    assign_s = time.perf_counter() - started
    started = time.perf_counter()
    build_index(articles)
    names_s = time.perf_counter() - started
    print(f"{SCALE:,} articles of 16 random NTREX lines each (Arabic, and the human English as the translation): "
          f"profiles {profile_s:.1f} s (the leads through the encoder: {SCALE * LEAD:,} sentences), grouping {assign_s:.1f} s, "
          f"names index {names_s:.1f} s; in all {profile_s + assign_s + names_s:.1f} s")


if __name__ == "__main__":
    main()
