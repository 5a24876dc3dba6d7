"""How often the checks flag clean human translations, and how often they catch corrupted ones.

    python bench/flags.py            # FLORES-200 devtest, NTREX-128, TICO-19 (5,109 pairs)
    python bench/flags.py --cost     # the checks' share of `brief` time on the 123 NTREX articles (tiny models)
    python bench/flags.py --held-out # the derived limits (meaning, short lines, names, negation alignment): from two sets, on the third

Clean: each reference pair as it is (target: at most 2% flagged). Corrupted: each pair the
corruption applies to, changed by this script with a fixed seed (target: at least 95% caught by
any check; 90% for a date). Corruptions: a number dropped, a number changed, a span repeated,
Arabic left in, the sentence cut short (its last 40% of words dropped), a month, weekday or
relative day swapped for another of its kind, a scale or unit swapped, a polarity flipped, a
negation dropped with its auxiliary ("did not attend" -> "attended": shown to say what the flips
miss), a verb turned into its opposite ("denied" -> "confirmed", "accepted" -> "rejected"),
a name swapped for a name of another pair, a clause of 20-35% of the words (no digit in it)
dropped or added from another line, an unrelated sentence (another line's English), and a short
line (under 20 Arabic letters: headlines, quotes) given another short line's English.
NTREX-128, the one set that says which article each line is of, is checked an article at a time,
as the product checks one: the names its other sentences render count.
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

from derive_checks import MEANING_MIN_LETTERS, load_documents, load_sets, percentile  # noqa: E402

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


# A name, as this script sees one: a capitalized word inside a sentence that the three sets' English
# never write in lower case (not the checker's gazetteer, transliteration or word list).
NAME_WORD = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")

# Polarity flipped, by the script's own rules: "not" put after an auxiliary, or a "not", "n't" or "never" taken out.
AUXILIARY = re.compile(r"\b(?:is|are|was|were|will|can|could|would|should|has|have|had|does|do|did|may|might|must)\b(?! not\b)(?= [a-z])")
NEGATED = re.compile(r"\b(?:is|are|was|were|will|can|could|would|should|has|have|had|does|do|did|may|might|must)( not)\b"
                     r"|([A-Za-z]+)n[’']t\b|( never)\b")
_CONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}  # won't, can't, shan't; the others drop "n't" (didn't -> did)


def flip_polarity(en: str, rng: random.Random) -> str | None:
    removable = list(NEGATED.finditer(en))
    addable = list(AUXILIARY.finditer(en))
    if removable and (not addable or rng.random() < 0.5):
        m = rng.choice(removable)
        if m.group(2):  # didn't -> did
            return en[:m.start()] + _CONTRACTED.get(m.group(2).lower(), m.group(2)) + en[m.end():]
        group = 1 if m.group(1) else 3
        return en[:m.start(group)] + en[m.end(group):]
    if addable:
        m = rng.choice(addable)
        return en[:m.end()] + " not" + en[m.end():]
    return None


# A negation dropped with its auxiliary ("did not attend" -> "attended"), re-inflected by the script's own rules:
# what a translation that loses a negation writes, where taking out "not" alone leaves "did attend".
_DO_NOT = re.compile(r"\b(did|does|do) not ([a-z]+)\b|\b(did|does|do)n[’']t ([a-z]+)\b", re.IGNORECASE)
_PAST = {"go": "went", "come": "came", "take": "took", "make": "made", "give": "gave", "know": "knew", "see": "saw", "have": "had",
         "get": "got", "find": "found", "think": "thought", "say": "said", "tell": "told", "leave": "left", "feel": "felt",
         "become": "became", "keep": "kept", "begin": "began", "bring": "brought", "hold": "held", "write": "wrote",
         "stand": "stood", "hear": "heard", "mean": "meant", "meet": "met", "run": "ran", "pay": "paid", "speak": "spoke",
         "lose": "lost", "win": "won", "buy": "bought", "send": "sent", "build": "built", "fall": "fell", "spend": "spent",
         "be": "was", "let": "let", "put": "put", "set": "set", "cut": "cut"}


def drop_negation_and_auxiliary(en: str) -> str | None:
    m = _DO_NOT.search(en)
    if not m:
        return None
    auxiliary, verb = (m.group(1) or m.group(3)).lower(), m.group(2) or m.group(4)
    consonant_y = re.search("[^aeiou]y$", verb)
    if auxiliary == "did":
        form = _PAST.get(verb) or (verb + "d" if verb.endswith("e") else verb[:-1] + "ied" if consonant_y else verb + "ed")
    elif auxiliary == "does":
        form = "has" if verb == "have" else verb + "es" if re.search("(?:s|sh|ch|x|z|o)$", verb) else \
            verb[:-1] + "ies" if consonant_y else verb + "s"
    else:
        form = verb
    return en[:m.start()] + form + en[m.end():]


# A verb turned into its opposite, by the script's own table of English antonyms (the check reads Arabic verbs):
# the first one the sentence has, no random draw, so the other corruptions' draws stay as they were.
ANTONYMS = {"denied": "confirmed", "denies": "confirms", "deny": "confirm", "rejected": "accepted", "rejects": "accepts",
            "reject": "accept", "refused": "agreed", "refuses": "agrees", "confirmed": "denied", "confirms": "denies",
            "confirm": "deny", "accepted": "rejected", "accepts": "rejects", "agreed": "refused", "approved": "rejected",
            "approves": "rejects", "welcomed": "rejected", "welcomes": "rejects", "admitted": "denied", "admits": "denies"}
ANTONYM = re.compile(r"\b(" + "|".join(ANTONYMS) + r")\b")


def turn_verb(en: str) -> str | None:
    m = ANTONYM.search(en)
    return en[:m.start()] + ANTONYMS[m.group(1)] + en[m.end():] if m else None


# A corruption that a new check was built for, and that check: what it catches alone is shown too.
OWN_CHECK = {"date changed": FlagKind.date, "scale or unit changed": FlagKind.quantity, "name swapped": FlagKind.name,
             "negation flipped": FlagKind.negation, "negation dropped with its auxiliary": FlagKind.negation,
             "verb turned into its opposite": FlagKind.negation}


def name_pool(sets: dict[str, list[tuple[str, str]]]) -> tuple[set[str], list[str]]:
    """Words the sets' English write in lower case, and the names (as NAME_WORD finds them) of all three sets."""
    lower = {w for pairs in sets.values() for _, en in pairs for w in re.findall(r"\b[a-z]{3,}\b", en)}
    dates = {w for kind in DATE_KINDS for w in kind}
    names = sorted({m.group(0) for pairs in sets.values() for _, en in pairs for m in NAME_WORD.finditer(en)
                    if m.group(0).lower() not in lower and m.group(0) not in dates})
    return lower, names


# A clause, as this script cuts one: at a comma, semicolon or colon, or before a conjunction or relative word.
CLAUSE = re.compile(r"(?<=[,;:])\s+|\s+(?=(?:and|but|which|who|while|because|although|after|before|when|where)\b)")


def clauses(en: str) -> list[str]:
    return [p for p in CLAUSE.split(en) if p]


def drop_clause(en: str, rng: random.Random) -> str | None:
    """One clause of 20-35% of the words, with no digit in it, taken out."""
    parts, n = clauses(en), len(en.split())
    fit = [i for i, p in enumerate(parts) if 0.2 <= len(p.split()) / n <= 0.35 and not re.search(r"\d", p)]
    if not fit:
        return None
    i = rng.choice(fit)
    return " ".join(parts[:i] + parts[i + 1:])


def add_clause(en: str, others: list[str], rng: random.Random) -> str | None:
    """A clause of another line's English (20-35% of this one's words, no digit) put in at a clause boundary."""
    n = len(en.split())
    for _ in range(20):
        fit = [p.strip(" ,;:.") for p in clauses(rng.choice(others))]
        fit = [p for p in fit if 0.2 <= len(p.split()) / n <= 0.35 and not re.search(r"\d", p)]
        if fit:
            clause, parts = rng.choice(fit), clauses(en)
            if len(parts) > 1:
                i = rng.randrange(1, len(parts))
                return " ".join(parts[:i] + [clause + ","] + parts[i:])
            return en.rstrip(".") + ", " + clause + "."
    return None


SHORT_LETTERS = re.compile("[\u0621-\u064a]")  # the script's own count of Arabic letters


def is_short(ar: str) -> bool:
    return len(SHORT_LETTERS.findall(ar)) < 20


def corruptions(ar: str, en: str, others: list[str], rng: random.Random, names: tuple[set[str], list[str]] = (set(), []),
                short_others: list[str] = ()) -> dict[str, str]:
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
    lower, pool = names
    found = [m for m in NAME_WORD.finditer(en) if m.group(0).lower() not in lower and m.group(0) in pool]
    if found:
        m = rng.choice(found)
        out["name swapped"] = en[:m.start()] + rng.choice([n for n in pool if n not in en]) + en[m.end():]
    flipped = flip_polarity(en, rng)
    if flipped:
        out["negation flipped"] = flipped
    dropped_with_auxiliary = drop_negation_and_auxiliary(en)
    if dropped_with_auxiliary:
        out["negation dropped with its auxiliary"] = dropped_with_auxiliary
    turned = turn_verb(en)
    if turned:
        out["verb turned into its opposite"] = turned
    dropped, added = drop_clause(en, rng), add_clause(en, others, rng)
    if dropped:
        out["clause dropped (no digit in it)"] = dropped
    if added:
        out["clause added from another line (no digit in it)"] = added
    out["unrelated sentence"] = rng.choice(others)
    if is_short(ar) and len(short_others) > 1:
        out["short line replaced"] = rng.choice([o for o in short_others if o != en])
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
    """Are the derived limits a property of human translation, or of these pairs? Each is derived from
    two of the sets (its percentile, as bench/derive_checks.py does) and applied to the third, to its
    clean pairs and to the corruption it is there for."""
    from derive_checks import NAME_PERCENTILE, SHORT_PERCENTILE

    from translate.chars import arabic_letters
    from translate.checks.names import name_scores

    sets = load_sets()
    rng = random.Random(7)
    names = name_pool(sets)
    rows = {"meaning (sentences)": {}, "meaning (short lines)": {}, "name": {}}
    for set_name, pairs in sets.items():
        others = [en for _, en in pairs]
        long = [(ar, en) for ar, en in pairs if arabic_letters(ar) >= MEANING_MIN_LETTERS]
        short = [(ar, en) for ar, en in pairs if 3 <= arabic_letters(ar) < MEANING_MIN_LETTERS]
        shuffled = [(ar, others[(i + rng.randrange(1, len(others))) % len(others)]) for i, (ar, _) in enumerate(long)]
        replaced = [(ar, rng.choice([e for _, e in short if e != en])) for ar, en in short] if len(short) > 1 else []
        swapped = [(ar, changed) for ar, en in pairs if (changed := corruptions(ar, en, others, rng, names).get("name swapped"))]
        rows["meaning (sentences)"][set_name] = (meaning_similarities(long), meaning_similarities(shuffled), 0.25)
        rows["meaning (short lines)"][set_name] = (meaning_similarities(short), meaning_similarities(replaced), SHORT_PERCENTILE)
        rows["name"][set_name] = (name_scores(pairs), name_scores(swapped), NAME_PERCENTILE)
    print("| limit | held-out set | limit from the other two | clean pairs flagged | its corruption caught |")
    print("|---|---|---|---|---|")
    negation_held_out(sets, rng)
    for row, by_set in rows.items():
        for set_name, (clean, corrupted, q) in by_set.items():
            derived = [v for other, (values, _, _) in by_set.items() if other != set_name for v in values if v is not None]
            if not clean or not derived:
                print(f"| {row} | {set_name} | | no such pairs | |")
                continue
            limit = percentile(derived, q)
            flagged = sum(v is not None and v < limit for v in clean) / len(clean)
            caught = sum(v is not None and v < limit for v in corrupted) / max(1, len(corrupted))
            print(f"| {row} | {set_name} ({len(clean)} pairs) | {limit:.3f} | {100 * flagged:.2f}% | {100 * caught:.1f}% |")


def negation_held_out(sets: dict[str, list[tuple[str, str]]], rng: random.Random) -> None:
    """The negation check's alignment limit (the median of content words' alignments) from two sets, on
    the third: its clean pairs and its flips that add a negator, flagged by the scope test alone."""
    from derive_checks import NEGATION_PERCENTILE

    from translate.checks.negation import content_alignments, english_negators, scope_flags

    alignments = {name: [v for ar, en in pairs for v in content_alignments(ar, en)] for name, pairs in sets.items()}
    for name, pairs in sets.items():
        limit = percentile([v for other, values in alignments.items() if other != name for v in values], NEGATION_PERCENTILE)
        flipped = [(ar, f) for ar, en in pairs if (f := flip_polarity(en, rng)) and len(english_negators(f)) > len(english_negators(en))]
        flagged = sum(scope_flags(pairs, limit)) / len(pairs)
        caught = sum(scope_flags(flipped, limit)) / max(1, len(flipped))
        print(f"| negation (scope alignment; the flags of this test alone) | {name} ({len(pairs)} pairs) | {limit:.3f} | "
              f"{100 * flagged:.2f}% | {100 * caught:.1f}% (of {len(flipped)} negators added) |")


def print_rates(what: str, count: str, rate: str, tried: Counter, hits: Counter) -> None:
    """A Markdown table: each key, how many were tried, and the share hit."""
    print(f"| {what} | {count} | {rate} |")
    print("|---|---|---|")
    for key in tried:
        print(f"| {key} | {tried[key]} | {100 * hits[key] / tried[key]:.1f}% |")


def articles_of(ids: list[str] | None) -> list[list[int]] | None:
    """The sentences (indices) of each pair's article, where the set says which article a line is of."""
    if ids is None:
        return None
    members: dict[str, list[int]] = {}
    for i, doc in enumerate(ids):
        members.setdefault(doc, []).append(i)
    return [members[doc] for doc in ids]


def checked(pairs: list[tuple[str, str]], sources: list[int], sentences: list[tuple[str, str]],
            articles: list[list[int]] | None) -> list[list]:
    """The flags of each pair, made from the sentence ``sources`` gives of ``sentences``: in one batch where
    the set has no articles; else the pairs of one sentence together, with the other sentences of its
    article (as the product checks an article; its other sentences' names count)."""
    if articles is None:
        return check_pairs(pairs)
    groups: dict[int, list[int]] = {}
    for j, i in enumerate(sources):
        groups.setdefault(i, []).append(j)
    out: list[list] = [[] for _ in pairs]
    for i, group in groups.items():
        others = [sentences[k] for k in articles[i] if k != i]
        for j, flags in zip(group, check_pairs([pairs[j] for j in group], article=others)):
            out[j] = flags
    return out


def main() -> None:
    if "--cost" in sys.argv:
        return cost()
    if "--held-out" in sys.argv:
        return held_out()
    sets = load_sets()
    names = name_pool(sets)
    rng = random.Random(2026)
    kinds_on_clean: Counter = Counter()
    print("| set | pairs | clean pairs flagged |")
    print("|---|---|---|")
    totals = [0, 0]
    detected: Counter = Counter()
    tried: Counter = Counter()
    own_detected: Counter = Counter()
    own_tried: Counter = Counter()
    documents = load_documents()
    for name, pairs in sets.items():
        others = [e for _, e in pairs]
        short_others = [e for a, e in pairs if is_short(a)]
        articles = articles_of(documents[name])
        clean_flags = checked(pairs, list(range(len(pairs))), pairs, articles)
        flagged = sum(bool(flags) for flags in clean_flags)
        for flags in clean_flags:
            kinds_on_clean.update({f.kind for f in flags})
        corrupted, sources = [], []
        for i, (ar, en) in enumerate(pairs):
            for kind, changed in corruptions(ar, en, others, rng, names, short_others).items():
                if changed != en:
                    corrupted.append((kind, ar, changed))
                    sources.append(i)
        corrupted_flags = checked([(ar, changed) for _, ar, changed in corrupted], sources, pairs, articles)
        for (kind, _, _), flags in zip(corrupted, corrupted_flags):
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
    print_rates("corruption", "pairs", "caught", tried, detected)
    print()
    print_rates("corruption", "pairs", "caught by its own check", own_tried, own_detected)


if __name__ == "__main__":
    main()
