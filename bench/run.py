"""Speed and memory of the two engines on models of the exact real shapes (random weights).

    python bench/run.py            # full: 256 sentences, the 123 NTREX articles
    python bench/run.py --quick    # under 5 minutes: 64 sentences, 3 articles

Builds (once, cached in --workdir) MarianMT and BART models of the shapes in
../shared/model-shapes with random weights and real tokenizers: SentencePiece models of
several thousand pieces trained on the Arabic and English of ../shared/data/ar-en, and a
byte-level BPE for BART. Output lengths are fixed (random weights decide at random when to
stop). Each engine runs in its own process, so peak RSS is its own; figures are measured side
by side in one run on the same NTREX Arabic sentences and articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "ar-en"
SHAPES = SHARED / "model-shapes"
OUTPUT_TOKENS = 48  # fixed translation length per sentence
SUMMARY_TOKENS = 64  # fixed brief length (in BART tokens)
BEAMS = 4
COMPUTE = {"transformers": "float32", "ctranslate2": "int8"}


def arabic_lines() -> list[str]:
    files = [DATA / "flores200" / "arb_Arab.devtest", DATA / "ntrex128" / "newstest2019-ref.arb.txt", DATA / "tico19" / "tico19-test.ar"]
    return [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def english_lines() -> list[str]:
    files = [DATA / "flores200" / "eng_Latn.devtest", DATA / "ntrex128" / "newstest2019-src.eng.txt", DATA / "tico19" / "tico19-test.en"]
    return [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ntrex_articles() -> list[str]:
    folder = DATA / "ntrex128"
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = (folder / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    articles: dict[str, list[str]] = {}
    for doc, line in zip(ids, lines, strict=True):
        articles.setdefault(doc, []).append(line)
    return ["\n".join(lines) for lines in articles.values()]


def build_models(workdir: Path) -> tuple[Path, Path]:
    from translate.testing import build_bart, build_marian

    marian, bart = workdir / "opus-mt-ar-en-shape-v2", workdir / "distilbart-cnn-12-6-shape"
    if not (marian / "config.json").is_file():
        print("building a random-weight MarianMT of opus-mt-ar-en's shape...", file=sys.stderr)
        shape = json.loads((SHAPES / "opus-mt-ar-en.json").read_text())
        build_marian(marian, arabic_lines(), english_lines(), vocab_size=8000, shape=shape, english_only=True)
    if not (bart / "config.json").is_file():
        print("building a random-weight BART of distilbart-cnn-12-6's shape...", file=sys.stderr)
        shape = json.loads((SHAPES / "distilbart-cnn-12-6.json").read_text())
        build_bart(bart, english_lines(), vocab_size=8000, shape=shape)
    return marian, bart


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM; ru_maxrss would carry the parent's across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(args: argparse.Namespace) -> None:
    """One engine, in its own process: raw throughput, whole pipeline, overhead, peak RSS."""
    from translate.engines import length_batches
    from translate.hub import ModelSource
    from translate.pipeline import BriefOptions, brief
    from translate.summarizer import AbstractiveSummarizer, SummaryOptions
    from translate.translator import TranslationOptions, Translator

    engine, compute = args.worker, COMPUTE[args.worker]
    translation = TranslationOptions(beams=BEAMS, engine=engine, compute_type=compute, threads=0, fixed_output_tokens=OUTPUT_TOKENS)
    summary = SummaryOptions(engine=engine, compute_type=compute, beams=BEAMS,
                             min_length=SUMMARY_TOKENS + 1, max_length=SUMMARY_TOKENS + 2)
    translator = Translator(ModelSource("translation", args.marian), translation)
    summarizer = AbstractiveSummarizer(ModelSource("summarization", args.bart), summary)
    loaded_rss = peak_rss_mb()

    # Raw engine: pre-tokenized sentences, length-sorted batches, generate() only.
    sentences = json.loads(args.sentences.read_text(encoding="utf-8"))
    tokenized = [list(translator.model.tokens(s)) for s in sentences]
    decoding = translator._decoding(0)
    batches = [[tokenized[i] for i in b] for b in length_batches([len(t) for t in tokenized], translation.batch_tokens)]
    translator.engine.generate(batches[-1][:2], decoding)  # warm-up
    start = time.perf_counter()
    produced = sum(len(out) for batch in batches for out in translator.engine.generate(batch, decoding))
    raw_seconds = time.perf_counter() - start

    # The whole brief pipeline on the articles, with the abstractive summarizer.
    with tempfile.TemporaryDirectory() as out:
        options = BriefOptions(out_dir=Path(out), force=True, mt_model=str(args.marian), sum_model=str(args.bart),
                               translation=translation, summary=summary)
        start = time.perf_counter()
        report = brief([args.articles], options)
        pipeline_seconds = time.perf_counter() - start
    assert not report.failed, report.failed

    # Overhead: the translation pipeline (extractive brief) against raw calls on the same chunks.
    overhead = None
    if args.overhead:
        documents = [translator.segment(p.read_text(encoding="utf-8")) for p in sorted(args.articles.glob("*.txt"))]
        chunks = [c for doc in documents for plan in [translator.plan(doc)] for para in plan for sent in para for c in sent]
        chunk_tokens = [list(translator.model.tokens(c)) for c in chunks]
        chunk_batches = [[chunk_tokens[i] for i in b] for b in length_batches([len(t) for t in chunk_tokens], translation.batch_tokens)]
        start = time.perf_counter()
        for batch in chunk_batches:
            translator.engine.generate(batch, decoding)
        raw_chunks = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as out:
            options = BriefOptions(out_dir=Path(out), force=True, mt_model=str(args.marian), translation=translation,
                                   summary=SummaryOptions(summarizer="extractive"))
            start = time.perf_counter()
            brief([args.articles], options)
            pipe_chunks = time.perf_counter() - start
        overhead = {"raw_s": raw_chunks, "pipeline_s": pipe_chunks, "overhead": pipe_chunks / raw_chunks - 1}

    print(json.dumps({
        "engine": engine, "compute_type": translator.engine.compute_type,
        "sentences": len(sentences), "target_tokens": produced, "raw_s": raw_seconds,
        "tokens_per_s": produced / raw_seconds,
        "articles": len(report.done), "pipeline_s": pipeline_seconds,
        "articles_per_min": 60 * len(report.done) / pipeline_seconds,
        "rss_loaded_mb": loaded_rss, "peak_rss_mb": peak_rss_mb(), "overhead": overhead,
    }))


def prepare_ct2(marian: Path, bart: Path) -> None:
    """Convert once, outside the measured processes (conversion loads the fp32 model in torch)."""
    from translate.ct2 import converted

    for folder in (marian, bart):
        converted(folder, COMPUTE["ctranslate2"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="64 sentences and 3 articles (under 5 minutes)")
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "translate-briefing" / "bench")
    parser.add_argument("--worker", choices=list(COMPUTE), help=argparse.SUPPRESS)
    for hidden in ("--marian", "--bart", "--sentences", "--articles"):
        parser.add_argument(hidden, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--overhead", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TRANSLATE_CACHE", str(args.workdir / "cache"))
    marian, bart = build_models(args.workdir)
    prepare_ct2(marian, bart)
    n_sentences, n_articles = (64, 3) if args.quick else (256, 123)
    from translate.normalize import normalize

    ntrex = [normalize(line) for line in (DATA / "ntrex128" / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()]
    sentences_file = args.workdir / "sentences.json"
    sentences_file.write_text(json.dumps(ntrex[:n_sentences], ensure_ascii=False), encoding="utf-8")
    articles = args.workdir / f"articles-{n_articles}"
    shutil.rmtree(articles, ignore_errors=True)
    articles.mkdir()
    for i, text in enumerate(ntrex_articles()[:n_articles]):
        (articles / f"{i:03d}.txt").write_text(text, encoding="utf-8")

    results = {}
    for engine in COMPUTE:
        print(f"measuring {engine}...", file=sys.stderr)
        command = [sys.executable, __file__, "--worker", engine, "--marian", str(marian), "--bart", str(bart),
                   "--sentences", str(sentences_file), "--articles", str(articles)]
        if engine == "ctranslate2":
            command.append("--overhead")
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
        if done.returncode:
            sys.exit(f"{engine} worker failed:\n{done.stderr}")
        results[engine] = json.loads(done.stdout.strip().splitlines()[-1])

    t, c = results["transformers"], results["ctranslate2"]
    print(f"{os.cpu_count()} CPU threads; beams {BEAMS}; {OUTPUT_TOKENS} target tokens per sentence; "
          f"{t['sentences']} NTREX sentences; {t['articles']} NTREX articles; brief fixed at {SUMMARY_TOKENS} tokens")
    print("| engine | compute | target tokens/s | pipeline articles/min | RSS both models loaded (MB) | peak RSS (MB) |")
    print("|---|---|---|---|---|---|")
    for r in (t, c):
        print(f"| {r['engine']} | {r['compute_type']} | {r['tokens_per_s']:.1f} | {r['articles_per_min']:.2f} | "
              f"{r['rss_loaded_mb']:.0f} | {r['peak_rss_mb']:.0f} |")
    o = c["overhead"]
    print(f"pipeline overhead over raw engine calls (ctranslate2, same chunks): {100 * o['overhead']:.1f}% "
          f"({o['pipeline_s']:.1f} s vs {o['raw_s']:.1f} s)")
    print(f"pipeline speedup ctranslate2/transformers: {c['articles_per_min'] / t['articles_per_min']:.2f}")
    print(f"speedup ctranslate2/transformers: {c['tokens_per_s'] / t['tokens_per_s']:.2f}")


if __name__ == "__main__":
    main()
