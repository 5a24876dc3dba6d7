"""How often the brief check flags faithful briefs, and how often it catches corrupted ones.

    python bench/briefs.py      # the 123 NTREX-128 articles' English (human-written news)

For each article, briefs are made by this script (seeded), from the article's own sentences:
- faithful: an extract (three of its first six sentences), and a paraphrase of each extract by
  rules of this script: "the X of Y" made "Y's X" (and back), two comma-separated parts swapped,
  a trailing part after the last comma dropped;
- corrupted: one sentence of a faithful brief with a number of it swapped for another number of the
  same article, a name swapped for another name of the same article, its polarity flipped (the
  negation corruption of bench/flags.py), or a sentence of another article put in its place.
Targets: faithful briefs flagged at most 2%; each corruption caught at least 90%.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from flags import flip_polarity, print_rates  # noqa: E402
from run import ntrex_documents  # noqa: E402

from translate.checks.brief import check_brief  # noqa: E402

NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")  # the script's own idea of a number
NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{2,}\b")  # and of a name: capitalized inside a sentence
OF_NAME = re.compile(r"\bthe ([a-z]+(?: [a-z]+)?) of ([A-Z][a-z]+)\b")
POSSESSIVE = re.compile(r"\b([A-Z][a-z]+)'s ([a-z]+)\b")


def paraphrase(sentence: str, rng: random.Random, lower_words: set[str]) -> str:
    options = []
    if OF_NAME.search(sentence):
        options.append(OF_NAME.sub(lambda m: f"{m.group(2)}'s {m.group(1)}", sentence, count=1))
    if POSSESSIVE.search(sentence):
        options.append(POSSESSIVE.sub(lambda m: f"the {m.group(2)} of {m.group(1)}", sentence, count=1))
    parts = [p for p in re.split(r",\s+", sentence.rstrip(".")) if p]
    if len(parts) >= 2 and len(parts[-1].split()) >= 3:
        head = parts[0].split(" ", 1)
        if head[0].lower() in lower_words:  # the old first word, in lower case where the article writes it so
            head[0] = head[0].lower()
        middle = "" if len(parts) == 2 else ", " + ", ".join(parts[1:-1])
        options.append(f"{parts[-1][0].upper()}{parts[-1][1:]}, {' '.join(head)}{middle}.")
        if len(" ".join(parts[:-1]).split()) >= 8:
            options.append(", ".join(parts[:-1]) + ".")
    return rng.choice(options) if options else sentence


def corrupt(sentence: str, article: list[str], other_articles: list[list[str]], rng: random.Random) -> dict[str, str]:
    out = {}
    numbers = list(NUMBER.finditer(sentence))
    pool = sorted({m.group(0) for s in article for m in NUMBER.finditer(s)} - {m.group(0) for m in numbers})
    if numbers and pool:
        m = rng.choice(numbers)
        out["number swapped (same article)"] = sentence[:m.start()] + rng.choice(pool) + sentence[m.end():]
    names = list(NAME.finditer(sentence))
    pool = sorted({m.group(0) for s in article for m in NAME.finditer(s)} - {m.group(0) for m in NAME.finditer(sentence)})
    if names and pool:
        m = rng.choice(names)
        out["name swapped (same article)"] = sentence[:m.start()] + rng.choice(pool) + sentence[m.end():]
    flipped = flip_polarity(sentence, rng)
    if flipped and flipped != sentence:
        out["negation flipped"] = flipped
    out["sentence from another article"] = rng.choice(rng.choice(other_articles))
    return out


def main() -> None:
    rng = random.Random(2026)
    documents = [[en for _, en in document if en.strip()] for document in ntrex_documents()]
    faithful = Counter()
    faithful_flagged = Counter()
    tried = Counter()
    caught = Counter()
    for i, article in enumerate(documents):
        if len(article) < 4:
            continue
        english = "\n".join(article)
        lower_words = set(re.findall(r"\b[a-z]+\b", english))
        others = documents[:i] + documents[i + 1:]
        extract = [s if re.search(r"[.!?][\"”’']?$", s) else s + "." for s in rng.sample(article[:6], 3)]  # a headline ends
        for kind, brief in (("extract", extract), ("paraphrase", [paraphrase(s, rng, lower_words) for s in extract])):
            faithful[kind] += 1
            flags = check_brief(" ".join(brief), english)
            faithful_flagged[kind] += bool(flags)
            if flags and "-v" in sys.argv:
                print(f"faithful {kind} flagged: {flags[0].detail}")
            j = rng.randrange(len(brief))
            for corruption, changed in corrupt(brief[j], article, others, rng).items():
                tried[corruption] += 1
                flags = check_brief(" ".join(brief[:j] + [changed] + brief[j + 1:]), english)
                caught[corruption] += bool(flags)
                if not flags and "-v" in sys.argv:
                    print(f"missed {corruption}: {changed}")
    faithful["all"], faithful_flagged["all"] = sum(faithful.values()), sum(faithful_flagged.values())
    print_rates("faithful brief", "briefs", "flagged", faithful, faithful_flagged)
    print()
    print_rates("corruption (one sentence of a faithful brief)", "briefs", "caught", tried, caught)


if __name__ == "__main__":
    main()
