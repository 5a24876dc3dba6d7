"""Derive the checker's calibration from the public reference pairs in ../shared/data/ar-en.

    python bench/derive_checks.py     # writes translate/data/checks.json

Nothing is hand-picked but the percentiles named below:
- length_ratio: English/Arabic non-space characters, pairs with at least 20 Arabic characters;
  the band is the 0.15th to 99.85th percentile of the 5,109 human pairs; an English with no ending
  is cut off only when its ratio is under their median.
- repetition: the share of distinct words in sentences of 16 words or more; the limit is the
  0.1th percentile of the human English.
- meaning: the cross-lingual similarity (translate/checks/encoder.py) of pairs with at least 20 Arabic
  letters; the limit is the 0.25th percentile of the human pairs. Short lines (3 to 19 Arabic
  letters: headlines, quotes) have their own limit, the 2nd percentile of theirs.
- name: each pair's lowest similarity between an English name found neither by transliteration nor
  in the gazetteer and its nearest Arabic word (translate/checks/names.py); the limit is the
  0.3rd percentile of the human pairs (a pair whose English names another place than the Arabic counts as lowest).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "ar-en"
SETS = {
    "flores200": ("flores200/arb_Arab.devtest", "flores200/eng_Latn.devtest"),
    "ntrex128": ("ntrex128/newstest2019-ref.arb.txt", "ntrex128/newstest2019-src.eng.txt"),
    "tico19": ("tico19/tico19-test.ar", "tico19/tico19-test.en"),
}
OUT = ROOT / "translate" / "data"
MEANING_MIN_LETTERS = 20
SHORT_PERCENTILE = 2.0  # short lines are few (108 pairs): a lower percentile would rest on one pair
NAME_PERCENTILE = 0.3
NEGATION_PERCENTILE = 50  # of the content words' alignments: the median
LENGTH_PERCENTILES = (0.15, 99.85)


def load_sets() -> dict[str, list[tuple[str, str]]]:
    sets = {}
    for name, (ar, en) in SETS.items():
        ar_lines = (DATA / ar).read_text(encoding="utf-8").splitlines()
        en_lines = (DATA / en).read_text(encoding="utf-8").splitlines()
        sets[name] = [(a, e) for a, e in zip(ar_lines, en_lines, strict=True) if a.strip() and e.strip()]
    return sets


DOCUMENT_IDS = {"ntrex128": "ntrex128/DOCUMENT_IDS.tsv"}  # the one set that says which article each line is of


def load_documents() -> dict[str, list[str] | None]:
    """The article of each pair of each set, as load_sets keeps the pairs; None for a set that does not say."""
    out: dict[str, list[str] | None] = {}
    for name, (ar, en) in SETS.items():
        if name not in DOCUMENT_IDS:
            out[name] = None
            continue
        ids = (DATA / DOCUMENT_IDS[name]).read_text(encoding="utf-8").splitlines()
        lines = zip(ids, (DATA / ar).read_text(encoding="utf-8").splitlines(), (DATA / en).read_text(encoding="utf-8").splitlines(),
                    strict=True)
        out[name] = [doc for doc, a, e in lines if a.strip() and e.strip()]
    return out


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q / 100
    low = int(k)
    return values[low] + (values[min(low + 1, len(values) - 1)] - values[low]) * (k - low)


def main() -> None:
    sets = load_sets()
    pairs = [p for rows in sets.values() for p in rows]
    ratios = [len("".join(e.split())) / len("".join(a.split())) for a, e in pairs if len("".join(a.split())) >= 20]
    shares = []
    for _, e in pairs:
        words = re.findall(r"\w+", e.lower())
        if len(words) >= 16:
            shares.append(len(set(words)) / len(words))
    from translate.chars import arabic_letters
    from translate.checks.encoder import encoder, encoder_identity
    from translate.checks.meaning import SHORT_MIN_LETTERS

    meaning_pairs = [(a, e) for a, e in pairs if arabic_letters(a) >= MEANING_MIN_LETTERS]
    similarities = encoder().similarities(meaning_pairs)
    short_pairs = [(a, e) for a, e in pairs if SHORT_MIN_LETTERS <= arabic_letters(a) < MEANING_MIN_LETTERS]
    short = encoder().similarities(short_pairs)
    from translate.checks.names import name_scores

    names = name_scores(pairs)
    from translate.checks.negation import content_alignments

    alignments = [v for a, e in pairs for v in content_alignments(a, e)]
    calibration = {
        "derived_by": "python bench/derive_checks.py",
        "pairs": len(pairs),
        "length_ratio": {"min_arabic_chars": 20, "low": round(percentile(ratios, LENGTH_PERCENTILES[0]), 3),
                         "high": round(percentile(ratios, LENGTH_PERCENTILES[1]), 3), "percentiles": list(LENGTH_PERCENTILES),
                         "median": round(percentile(ratios, 50), 3)},
        "repetition": {"min_tokens": 16, "min_distinct_share": round(percentile(shares, 0.1), 3), "percentile": 0.1},
        "meaning": {"min_arabic_letters": MEANING_MIN_LETTERS, "min_similarity": round(percentile(similarities, 0.25), 3),
                    "percentile": 0.25, "pairs": len(meaning_pairs), "encoder": encoder_identity(),
                    "short_min_similarity": round(percentile(short, SHORT_PERCENTILE), 3), "short_percentile": SHORT_PERCENTILE,
                    "short_pairs": len(short_pairs)},
        "name": {"min_similarity": round(percentile(names, NAME_PERCENTILE), 3), "percentile": NAME_PERCENTILE},
        # A negator's word is judged only where it aligns as well as half the content words of human translations do.
        "negation": {"min_alignment": round(percentile(alignments, NEGATION_PERCENTILE), 3), "percentile": NEGATION_PERCENTILE},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "checks.json").write_text(json.dumps(calibration, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(calibration))


if __name__ == "__main__":
    main()
