"""How often the checks flag clean human translations, and how often they catch corrupted ones.

    python bench/flags.py            # FLORES-200 devtest, NTREX-128, TICO-19 (5,109 pairs)
    python bench/flags.py --cost     # the checks' share of `brief` time on the 123 NTREX articles (tiny models)
    python bench/flags.py --held-out # the meaning limit derived from two sets, tried on the third

Clean: each reference pair as it is (target: at most 2% flagged). Corrupted: each pair the
corruption applies to, changed by this script with a fixed seed (target: at least 95% caught by
any check; 90% for a date). Corruptions: a number dropped, a number changed, a span repeated,
Arabic left in, the sentence cut short (its last 40% of words dropped), a month, weekday or
relative day swapped for another of its kind, an unrelated sentence (another line's English).
The corruptions find numbers with their own pattern, not the checker's.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from derive_checks import MEANING_MIN_LETTERS, load_sets, percentile  # noqa: E402

from translate.checks import check_pairs  # noqa: E402
from translate.checks.meaning import meaning_similarities  # noqa: E402
from translate.flags import FlagKind  # noqa: E402

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # the corruptions' own idea of a number, not the checker's
# The corruptions' own lists of date words (not the checker's CLDR tables): one is swapped for another of its kind.
DATE_KINDS = ["January February March April May June July August September October November December".split(),
              "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(), ["yesterday", "tomorrow"]]
# A scale or unit after digits, swapped for another (digits kept): the script's own lists.
UNIT_SWAPS = {"thousand": ["million", "billion"], "million": ["billion", "thousand"], "billion": ["million", "trillion"],
              "percent": ["points"], "per cent": ["points"], "days": ["weeks", "months"], "weeks": ["months", "days"],
              "months": ["years", "weeks"], "years": ["months", "decades"], "hours": ["days", "minutes"],
              "minutes": ["hours", "seconds"], "km": ["miles"], "kilometres": ["miles"], "kilometers": ["miles"],
              "miles": ["kilometres"], "tonnes": ["kilograms"], "tons": ["kilograms"]}
UNIT_WORD = re.compile(r"(?<=\d )(" + "|".join(sorted(UNIT_SWAPS, key=len, reverse=True)) + r")\b")
DATE_WORD = re.compile(r"\b(" + "|".join(w for kind in DATE_KINDS for w in kind) + r")\b")


# A corruption that a new check was built for, and that check: what it catches alone is shown too.
OWN_CHECK = {"date changed": FlagKind.date, "scale or unit changed": FlagKind.quantity}


def corruptions(ar: str, en: str, others: list[str], rng: random.Random) -> dict[str, str]:
    out = {}
    numbers = list(NUMBER.finditer(en))
    if numbers:
        m = rng.choice(numbers)
        out["number dropped"] = (en[:m.start()] + en[m.end():]).replace("  ", " ")
        value = m.group(0)
        changed = str(int(value.replace(",", "").split(".")[0]) + rng.choice([1, 2, 3, 7, 10]))
        out["number changed"] = en[:m.start()] + changed + en[m.end():]
    words = en.split()
    if len(words) >= 4:
        i = rng.randrange(0, len(words) - 2)
        size = rng.choice([1, 2, 3])
        span = words[i:i + size]
        out["span repeated"] = " ".join(words[:i + size] + span * 3 + words[i + size:])
        arabic = [w for w in ar.split() if re.search("[\u0621-\u064a]{2,}", w)]
        if arabic:
            j = rng.randrange(0, len(words))
            out["Arabic left in"] = " ".join(words[:j] + [rng.choice(arabic)] + words[j:])
        out["cut short"] = " ".join(words[: max(1, int(len(words) * 0.6))])
    units = list(UNIT_WORD.finditer(en))
    if units:
        m = rng.choice(units)
        out["scale or unit changed"] = en[:m.start()] + rng.choice(UNIT_SWAPS[m.group(0)]) + en[m.end():]
    dates = list(DATE_WORD.finditer(en))
    if dates:
        m = rng.choice(dates)
        kind = next(k for k in DATE_KINDS if m.group(0) in k)
        out["date changed"] = en[:m.start()] + rng.choice([w for w in kind if w != m.group(0)]) + en[m.end():]
    out["unrelated sentence"] = rng.choice(others)
    return out


def cost() -> None:
    """The check stage's share of a whole `brief` run, and the retries' cost, with the tests' tiny models."""
    import os
    import tempfile

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bench.run import human_check_seconds, ntrex_articles
    from tests.conftest import ENGLISH, TINY_MAX_LENGTH, seed_lines
    from tests.tiny_models import build_bart, build_marian
    from translate.pipeline import BriefOptions, brief
    from translate.summarizer import SummaryOptions
    from translate.translator import TranslationOptions

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ.setdefault("TRANSLATE_CACHE", str(root / "cache"))
        marian = build_marian(root / "marian", seed_lines(), ENGLISH, max_length=TINY_MAX_LENGTH)
        bart = build_bart(root / "bart", ENGLISH)
        articles = root / "articles"
        articles.mkdir()
        for i, text in enumerate(ntrex_articles()):
            (articles / f"{i:03d}.txt").write_text(text, encoding="utf-8")
        figures = {}
        for retries in (True, False, True, False):  # alternate: this machine's speed drifts
            options = BriefOptions(out_dir=root / f"out-{retries}", force=True, mt_model=str(marian), sum_model=str(bart), cache=False,
                                   translation=TranslationOptions(retries=retries), summary=SummaryOptions())
            report = brief([articles], options)
            figures.setdefault(retries, []).append(report)
        on, off = figures[True], figures[False]
        share = min(r.check_seconds / (r.seconds - r.load_seconds) for r in on)
        share_off = min(r.check_seconds / (r.seconds - r.load_seconds) for r in off)
        work_on = min(r.seconds - r.load_seconds for r in on)
        work_off = min(r.seconds - r.load_seconds for r in off)
        print(f"brief of {len(on[0].done)} NTREX articles (tiny models, abstractive briefs), best of 2: "
              f"{work_on:.1f} s with checks and retries, {work_off:.1f} s with checks and no retries")
        print(f"check stage: {100 * share:.2f}% of the brief time with retries, {100 * share_off:.2f}% without; "
              f"retries: {100 * (work_on / work_off - 1):.1f}% "
              f"(random weights loop and run to their bound far more often than a trained model)")
        sentences = [s for path in (root / "out-True").glob("*.json")
                     for p in json.loads(path.read_text(encoding="utf-8")).get("paragraphs", []) for s in p["sentences"]]
        spared = sum(any(FlagKind(f["kind"]).whole_sentence for f in s["flags"]) for s in sentences)
        print(f"of its {len(sentences)} sentences, {spared} already flagged as a whole (so not asked of the meaning encoder)")
        seconds, pairs, encoded = human_check_seconds(len(on[0].done))
        print(f"worst case, the checks on the human translations of the same articles ({pairs} pairs, {encoded} through "
              f"the meaning encoder): {seconds:.1f} s")


def held_out() -> None:
    """Is the meaning limit a property of human translation, or of these pairs? Derive it (0.25th
    percentile) from two of the sets and apply it to the third, clean and with unrelated English."""
    sets = load_sets()
    rng = random.Random(7)
    clean, unrelated = {}, {}
    for name, pairs in sets.items():
        shuffled = [(ar, pairs[(i + rng.randrange(1, len(pairs))) % len(pairs)][1]) for i, (ar, _) in enumerate(pairs)]
        clean[name] = [v for v in meaning_similarities(pairs) if v is not None]
        unrelated[name] = [v for v in meaning_similarities(shuffled) if v is not None]
    print(f"meaning check, limit from the other two sets (pairs with at least {MEANING_MIN_LETTERS} Arabic letters)")
    print("| set | limit | clean pairs flagged | unrelated caught |")
    print("|---|---|---|---|")
    for name in sets:
        limit = percentile([v for other, values in clean.items() if other != name for v in values], 0.25)
        flagged = sum(v < limit for v in clean[name]) / len(clean[name])
        caught = sum(v < limit for v in unrelated[name]) / len(unrelated[name])
        print(f"| {name} | {limit:.3f} | {100 * flagged:.2f}% | {100 * caught:.1f}% |")


def main() -> None:
    if "--cost" in sys.argv:
        return cost()
    if "--held-out" in sys.argv:
        return held_out()
    sets = load_sets()
    rng = random.Random(2026)
    kinds_on_clean: Counter = Counter()
    print("| set | pairs | clean pairs flagged |")
    print("|---|---|---|")
    totals = [0, 0]
    detected: Counter = Counter()
    tried: Counter = Counter()
    own_detected: Counter = Counter()
    own_tried: Counter = Counter()
    for name, pairs in sets.items():
        others = [e for _, e in pairs]
        clean_flags = check_pairs(pairs)
        flagged = sum(bool(flags) for flags in clean_flags)
        for flags in clean_flags:
            kinds_on_clean.update({f.kind for f in flags})
        corrupted = [(kind, ar, changed) for ar, en in pairs for kind, changed in corruptions(ar, en, others, rng).items()
                     if changed != en]
        for (kind, _, _), flags in zip(corrupted, check_pairs([(ar, changed) for _, ar, changed in corrupted])):
            tried[kind] += 1
            detected[kind] += bool(flags)
            if kind in OWN_CHECK:
                own_tried[kind] += 1
                own_detected[kind] += any(f.kind == OWN_CHECK[kind] for f in flags)
        totals[0] += len(pairs)
        totals[1] += flagged
        print(f"| {name} | {len(pairs)} | {100 * flagged / len(pairs):.2f}% |")
    print(f"| all | {totals[0]} | {100 * totals[1] / totals[0]:.2f}% |")
    print()
    print("clean pairs flagged, by kind: " + ", ".join(f"{k} {v}" for k, v in kinds_on_clean.most_common()))
    print()
    print("| corruption | pairs | caught |")
    print("|---|---|---|")
    for kind in tried:
        print(f"| {kind} | {tried[kind]} | {100 * detected[kind] / tried[kind]:.1f}% |")
    print()
    print("| corruption | pairs | caught by its own check |")
    print("|---|---|---|")
    for kind in own_tried:
        print(f"| {kind} | {own_tried[kind]} | {100 * own_detected[kind] / own_tried[kind]:.1f}% |")


if __name__ == "__main__":
    main()
