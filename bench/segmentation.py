"""Sentence-boundary precision, recall and F1 on the 123 NTREX-128 Arabic news articles.

Each article's lines are the gold sentences. Two conditions: all lines joined into one running
text (the headline too), and the headline kept on its own line as articles arrive in files.
Compared on the same data: this tool's segmenter, pysbd (language "ar") and a plain regex split.

    python bench/segmentation.py [--data ../shared/data/ar-en/ntrex128]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from translate.normalize import normalize
from translate.segment import split_paragraphs

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ar-en" / "ntrex128"
_REGEX = re.compile(r"(?<=[.!?؟])\s+")


def load_articles(folder: Path) -> list[list[str]]:
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = (folder / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    articles: dict[str, list[str]] = {}
    for doc, line in zip(ids, lines, strict=True):
        articles.setdefault(doc, []).append(normalize(line))
    return list(articles.values())


def ours(text: str) -> list[str]:
    return [s for p in split_paragraphs(text) for s in p.sentences]


def regex(text: str) -> list[str]:
    return [s for line in text.split("\n") for s in _REGEX.split(line) if s.strip()]


def pysbd_splitter() -> Callable[[str], list[str]]:
    import pysbd

    segmenter = pysbd.Segmenter(language="ar", clean=False)
    return lambda text: [s for line in text.split("\n") for s in segmenter.segment(line) if s.strip()]


def boundaries(text: str, sentences: list[str]) -> set[int]:
    """Offsets (whitespace-free) where a sentence other than the first starts."""
    squeezed = [re.sub(r"\s+", "", s) for s in sentences]
    offsets, position = set(), 0
    for sentence in squeezed[:-1]:
        position += len(sentence)
        offsets.add(position)
    assert "".join(squeezed) == re.sub(r"\s+", "", text), "a splitter lost or changed text"
    return offsets


def score(split: Callable[[str], list[str]], articles: list[list[str]], headline_line: bool) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for sentences in articles:
        text = (sentences[0] + "\n" + " ".join(sentences[1:])) if headline_line else " ".join(sentences)
        gold = boundaries(text, sentences)
        found = boundaries(text, split(text))
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    articles = load_articles(args.data)
    splitters = {"translate.segment": ours, "pysbd (ar)": pysbd_splitter(), "regex [.!?؟]\\s+": regex}
    print(f"{len(articles)} articles, {sum(map(len, articles))} gold sentences")
    print("| segmenter | running text P / R / F1 | headline on its own line P / R / F1 |")
    print("|---|---|---|")
    for name, split in splitters.items():
        cells = [" / ".join(f"{x:.3f}" for x in score(split, articles, h)) for h in (False, True)]
        print(f"| {name} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
