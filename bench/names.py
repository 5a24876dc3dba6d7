"""The names index: are the variants of one name joined, and different names kept apart?

    python bench/names.py       # the 123 NTREX-128 articles: their Arabic and English references

The index is built twice by `translate names`'s code (translate/names_index.py): on the articles as
they are, and on the articles plus a copy of each whose English names are re-spelled by this script's
own rules (Haftar/Hafter/Hifter style: a vowel changed, a doubled consonant made single or a single
one doubled, an h dropped after a consonant), seeded; only the renderings the article writes are
re-spelled (until 2026-12-02 an entry's renderings from other articles were counted too: 151
re-spellings that were in no text, so never joined). Joined: a re-spelled rendering lands in the
entry of the name it re-spells. Apart: no entry of the first index holds two names that are not
variants of each other (another name, not a re-spelling: differing in more than vowels, doubled
letters and a demonym ending). Made consistent: the run's rewriting (make_consistent) tried on both:
on the human English alone, every rewrite is a change to a good translation (target: none); on the
articles and their copies, how many re-spelled names end written one way in an article and its copy.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import ntrex_documents  # noqa: E402

from translate.article import Article, Paragraph, Sentence, Source  # noqa: E402
from translate.names_index import build_index, make_consistent  # noqa: E402


def respell(name: str, rng: random.Random) -> str:
    for _ in range(20):
        rule = rng.choice(["vowel", "double", "single", "h"])
        if rule == "vowel":
            spots = [m.start() for m in re.finditer("[aeiou]", name[1:])]
            if spots:
                i = rng.choice(spots) + 1
                out = name[:i] + rng.choice([v for v in "aeiou" if v != name[i]]) + name[i + 1:]
            else:
                continue
        elif rule == "double":
            spots = [i for i in range(1, len(name)) if name[i] in "bdfglmnprst" and name[i] != name[i - 1]]
            if not spots:
                continue
            i = rng.choice(spots)
            out = name[:i] + name[i] + name[i:]
        elif rule == "single":
            match = re.search(r"([a-z])\1", name)
            if not match:
                continue
            out = name[:match.start()] + name[match.start() + 1:]
        else:
            match = re.search(r"(?<=[bcdgkst])h", name)
            if not match:
                continue
            out = name[:match.start()] + name[match.end():]
        if out != name:
            return out
    return name


def skeleton(name: str) -> str:
    """The name without its demonym ending, vowels and doubled letters: two renderings with one
    skeleton are variants of one name (Korea, Korean; Haftar, Hifter)."""
    stem = re.sub(r"(?:ians?|ans?|ns?|ese|ish|is?|s)$", "", name.lower())
    return name.lower()[:1] + re.sub(r"(.)\1+", r"\1", re.sub("[aeiouy]", "", stem[1:]))


def article(i: int, pairs: list[tuple[str, str]]) -> Article:
    return Article(Source(f"{i}.txt", "0" * 64, "utf-8"), f"{i}.txt", [Paragraph(ar, False, [Sentence(ar, [ar], en)]) for ar, en in pairs])


def main() -> None:
    rng = random.Random(2026)
    documents = ntrex_documents()
    originals = [article(i, d) for i, d in enumerate(documents)]
    first = build_index(originals)
    key_of = {(a, r): n.key for n in first for a in n.articles for r in n.renderings}
    copies, expected, copy_of = [], [], []
    for i, document in enumerate(documents):
        # The renderings this article writes (an entry's renderings from other articles are not in its text).
        text = " ".join(en for _, en in document)
        names = {r for n in first if f"{i}.txt" in n.articles for r in n.renderings if re.search(rf"\b{re.escape(r)}\b", text)}
        varied = {name: respell(name, rng) for name in sorted(names)}
        pairs = []
        for ar, en in document:
            for name, other in varied.items():
                en = re.sub(rf"\b{re.escape(name)}\b", other, en)
            pairs.append((ar, en))
        copies.append(article(len(documents) + i, pairs))
        expected += [(key_of[(f"{i}.txt", name)], other, name) for name, other in varied.items() if other != name]
        copy_of += [i for name, other in varied.items() if other != name]
    second = build_index(originals + copies)
    renderings = {n.key: set(n.renderings) for n in second}
    joined = sum(other in renderings.get(key, ()) for key, other, _ in expected)
    apart = [n for n in first if len({skeleton(r) for r in n.renderings}) > 1]
    print(f"{len(first)} names in the {len(originals)} NTREX articles; {len(expected)} re-spelled in the copies")
    print(f"variants joined: {joined} of {len(expected)} ({100 * joined / max(1, len(expected)):.1f}%; target >= 90%)")
    print(f"entries joining different names (not re-spellings of each other): {len(apart)} of {len(first)} (target 0)")
    for key, other, name in [e for e in expected if e[1] not in renderings.get(e[0], ())][:25] if "--misses" in sys.argv else ():
        print("  missed:", key, name, "->", other, [n.key for n in second if other in n.renderings][:3])
    for name in apart[:10] if "--misses" not in sys.argv else apart:
        print(f"  {name.arabic}: {', '.join(name.renderings)}")
    make_consistent(originals, first)
    human = sum(f.kind == "name_made_consistent" for a in originals for f in a.flags)
    make_consistent(originals + copies, second)
    english = [" ".join(s.en for p in a.paragraphs for s in p.sentences) for a in originals + copies]
    n = len(documents)
    one_way = sum(not (re.search(rf"\b{re.escape(name)}\b", english[i]) and re.search(rf"\b{re.escape(other)}\b", english[n + i]))
                  for (_, other, name), i in zip(expected, copy_of))
    print(f"made consistent: {human} names rewritten in the human English (target 0); {one_way} of the {len(expected)} "
          f"re-spelled names now written one way in the article and its copy ({100 * one_way / max(1, len(expected)):.1f}%)")


if __name__ == "__main__":
    main()
