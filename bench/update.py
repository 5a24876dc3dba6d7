"""What an updated article costs: brief NTREX articles, add one paragraph to each, brief again.

    python bench/update.py                 # 24 NTREX articles (--n-articles 123 for all)

Models: random weights in the exact real shapes (bench/run.py builds them, cached in --workdir),
ctranslate2 int8, 4 beams, 48 target tokens per sentence, extractive briefs. The second run
translates only the added paragraphs: the rest comes from the chunk cache. The figure is the
second run's translation time against the first's (target: at most 15%).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402


def main() -> None:
    args = run.common_arguments(__doc__, 24).parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    marian, _ = run.build_models(args.workdir)
    from translate.pipeline import BriefOptions, brief
    from translate.summarizer import SummaryOptions
    from translate.translator import TranslationOptions

    articles = run.ntrex_articles()[: args.n_articles]
    sentences = [line for text in run.ntrex_articles() for line in text.splitlines()]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["TRANSLATE_CACHE"] = str(root / "cache")  # an empty chunk cache: the first run translates everything
        run.prepare_ct2(marian)
        folder = root / "articles"
        folder.mkdir()
        for i, text in enumerate(articles):
            (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
        options = BriefOptions(out_dir=root / "out", mt_model=str(marian),
                               translation=TranslationOptions(num_beams=run.BEAMS, fixed_output_tokens=run.OUTPUT_TOKENS),
                               summary=SummaryOptions(summarizer="extractive"))
        first = brief([folder], options)
        added = 0
        for path in sorted(folder.glob("*.txt")):
            extra = rng.choice(sentences)
            added += 1
            path.write_text(path.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
        second = brief([folder], options)
        assert len(first.done) == len(second.done) == len(articles)
        ratio = second.translate_seconds / first.translate_seconds
        print(f"{len(articles)} NTREX articles, {sum(t.count(chr(10)) + 1 for t in articles)} paragraphs; one paragraph added to each")
        print(f"translation time: first run {first.translate_seconds:.1f} s, after the update {second.translate_seconds:.1f} s "
              f"= {100 * ratio:.1f}% of the first (whole runs: {first.seconds:.1f} s and {second.seconds:.1f} s)")


if __name__ == "__main__":
    main()
