"""Speed and memory of the two engines on models of the exact real shapes (random weights).

    python bench/run.py            # full: 256 sentences, the 123 NTREX articles
    python bench/run.py --quick    # under 5 minutes: 64 sentences, 3 articles
    python bench/run.py --check-cost --n-articles 12   # the checks' (and the stories') share of a brief run
    python bench/run.py --grouping-only --n-articles 24   # the cost of batches that never mix articles
    python bench/run.py --models --n-sentences 64          # opus-mt-ar-en and opus-mt-tc-big-ar-en, int8 and float32

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
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))  # the tests' tiny-model builders (tests/tiny_models.py) live outside the package
DATA = SHARED / "data" / "ar-en"
SHAPES = SHARED / "model-shapes"
OUTPUT_TOKENS = 48  # fixed translation length per sentence
SUMMARY_TOKENS = 64  # fixed brief length (in BART tokens)
BEAMS = 4
COMPUTE = {"transformers": "float32", "ctranslate2": "int8"}
BATCHINGS = (16, 32, 64)  # sentences per batch tried for each engine
REPEATS = 3  # alternating rounds; figures are medians, the speedup the median of each round's ratio


def arabic_lines() -> list[str]:
    files = [DATA / "flores200" / "arb_Arab.devtest", DATA / "ntrex128" / "newstest2019-ref.arb.txt", DATA / "tico19" / "tico19-test.ar"]
    return [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def english_lines() -> list[str]:
    files = [DATA / "flores200" / "eng_Latn.devtest", DATA / "ntrex128" / "newstest2019-src.eng.txt", DATA / "tico19" / "tico19-test.en"]
    return [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ntrex_documents() -> list[list[tuple[str, str]]]:
    """The NTREX-128 articles, each a list of (Arabic line, English line)."""
    folder = DATA / "ntrex128"
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    arabic = (folder / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()
    english = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    documents: dict[str, list[tuple[str, str]]] = {}
    for doc, ar, en in zip(ids, arabic, english, strict=True):
        documents.setdefault(doc, []).append((ar, en))
    return list(documents.values())


def ntrex_articles() -> list[str]:
    return ["\n".join(ar for ar, _ in document) for document in ntrex_documents()]


def human_check_seconds(n_articles: int) -> tuple[float, int, int]:
    """The check stage on the human translations of the first n NTREX articles, an article at a time: its
    worst case, where no cheaper check spares a sentence the meaning check. Seconds, pairs, pairs encoded."""
    from translate.checks import check_pairs

    documents = ntrex_documents()[:n_articles]
    check_pairs(documents[0][:4])  # the encoder loads once per process, as in a run
    start = time.perf_counter()
    flags = [found for document in documents for found in check_pairs(document, article=document)]  # as check_article does
    seconds = time.perf_counter() - start
    encoded = sum(not any(f.kind.whole_sentence for f in found) for found in flags)
    return seconds, len(flags), encoded


def build_tc_big(workdir: Path) -> Path:
    from tests.tiny_models import build_marian

    folder = workdir / "opus-mt-tc-big-ar-en-shape"
    if not (folder / "config.json").is_file():
        print("building a random-weight MarianMT of opus-mt-tc-big-ar-en's shape...", file=sys.stderr)
        shape = json.loads((SHAPES / "opus-mt-tc-big-ar-en.json").read_text())
        build_marian(folder, arabic_lines(), english_lines(), vocab_size=8000, shape=shape, english_only=True, tc_big=True)
    return folder


def build_models(workdir: Path) -> tuple[Path, Path]:
    from tests.tiny_models import build_bart, build_marian

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


def common_arguments(description: str, n_articles: int) -> argparse.ArgumentParser:
    """The options every benchmark script shares: how many NTREX articles, and where the models live."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n-articles", type=int, default=n_articles)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                        / "translate-briefing" / "bench")
    return parser


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM; ru_maxrss would carry the parent's across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _options(engine: str, batch_sentences: int | None = None, compute: str | None = None):
    from translate.engines import EngineOptions
    from translate.summarizer import SummaryOptions
    from translate.translator import TranslationOptions

    compute = compute or COMPUTE[engine]
    runtime = EngineOptions(engine=engine, compute_type=compute)
    translation = TranslationOptions(num_beams=BEAMS, fixed_output_tokens=OUTPUT_TOKENS, runtime=runtime)
    if batch_sentences:
        translation = replace(translation, batch_sentences=batch_sentences)
    summary = SummaryOptions(num_beams=BEAMS, min_length=SUMMARY_TOKENS + 1, max_length=SUMMARY_TOKENS + 2, runtime=runtime)
    return translation, summary


def _raw_calls(translator, texts: list[str], warm: bool = True) -> tuple[int, float]:
    """Target tokens and seconds of engine.generate alone: pre-tokenized, the pipeline's batches.

    ``warm``: one small call first, so that one-time start-up costs stay out of the figure.
    """
    from translate.engines.batching import batch_jobs

    tokenized = [list(translator.model.tokens(t)) for t in texts]
    _, jobs = batch_jobs(tokenized, translator.decoding, translator.options.batch_tokens, translator.options.batch_sentences)
    if warm:
        batch, decoding = jobs[-1]
        list(translator.engine.generate_many([(batch[:2], decoding)]))
    start = time.perf_counter()
    outputs = list(translator.engine.generate_many(jobs))
    produced = sum(len(out.tokens) for batch in outputs for out in batch)
    return produced, time.perf_counter() - start


def _grouped_calls(translator, groups: list[list[str]]) -> float:
    """Target tokens/s of engine calls whose batches never mix groups (each group batched by length)."""
    from translate.engines.batching import batch_jobs

    o = translator.options
    jobs = []
    for texts in groups:
        jobs += batch_jobs([list(translator.model.tokens(t)) for t in texts], translator.decoding, o.batch_tokens,
                           o.batch_sentences)[1]
    start = time.perf_counter()
    produced = sum(len(out.tokens) for batch in translator.engine.generate_many(jobs) for out in batch)
    return produced / (time.perf_counter() - start)


def worker(args: argparse.Namespace) -> None:
    """One measurement of one engine, in a process of its own (so its peak RSS is its own)."""
    from translate.hub import ModelSource
    from translate.pipeline import BriefOptions, brief
    from translate.summarizer import SummaryOptions
    from translate.translator import Translator

    translation, summary = _options(args.worker, args.batch_sentences, args.compute)
    if args.phase == "raw":  # translation throughput on the NTREX sentences
        translator = Translator(ModelSource("translation", args.marian), translation)
        sentences = json.loads(args.sentences.read_text(encoding="utf-8"))
        produced, seconds = _raw_calls(translator, sentences)
        result = {"compute_type": translator.engine.compute_type, "sentences": len(sentences),
                  "batching": f"{translation.batch_tokens} tokens, {translation.batch_sentences} sentences",
                  "target_tokens": produced, "tokens_per_s": produced / seconds, "peak_rss_mb": peak_rss_mb()}
    elif args.phase == "pipeline":  # the whole brief job, abstractive briefs, both models loaded
        with tempfile.TemporaryDirectory() as out:
            options = BriefOptions(out_dir=Path(out), force=True, mt_model=str(args.marian), sum_model=str(args.bart), cache=False,
                                   translation=translation, summary=summary)
            report = brief([args.articles], options)
        assert not report.failed, report.failed
        result = {"articles": len(report.done), "seconds": report.seconds, "load_s": report.load_seconds,
                  "check_s": report.check_seconds,
                  "story_s": report.story_seconds, "articles_per_min": 60 * len(report.done) / report.seconds,
                  "peak_rss_mb": peak_rss_mb()}
    elif args.phase == "grouping":  # batches within each article (the tool) against batches pooled across articles
        translator = Translator(ModelSource("translation", args.marian), translation)
        documents = [translator.prepare(p.read_text(encoding="utf-8")) for p in sorted(args.articles.glob("*.txt"))]
        chunks = [[c for para in doc for sent in para.sentences for c in sent.chunks] for doc in documents]
        _grouped_calls(translator, [chunks[0][:4]])  # warm-up
        pooled, per_article, ratios = [], [], []
        for _ in range(args.rounds):  # alternate, so that both share the machine's drift
            pooled.append(_grouped_calls(translator, [[c for doc in chunks for c in doc]]))
            per_article.append(_grouped_calls(translator, chunks))
            ratios.append(pooled[-1] / per_article[-1])
        result = {"articles": len(documents), "chunks": sum(map(len, chunks)), "pooled_tokens_per_s": pooled,
                  "per_article_tokens_per_s": per_article, "cost": statistics.median(ratios) - 1}
    else:  # overhead: the translation pipeline against raw engine calls on the same chunks
        def fresh() -> Translator:
            return Translator(ModelSource("translation", args.marian), translation)

        translator = fresh()
        documents = [translator.prepare(p.read_text(encoding="utf-8")) for p in sorted(args.articles.glob("*.txt"))]
        chunks = [c for doc in documents for para in doc for sent in para.sentences for c in sent.chunks]
        raws, works, loads = [], [], []
        for _ in range(2):  # alternate, and keep the best of each: timing noise only ever adds
            # A freshly loaded engine each time, cold like the one the pipeline loads for itself.
            raws.append(_raw_calls(fresh(), chunks, warm=False)[1])
            with tempfile.TemporaryDirectory() as out:
                options = BriefOptions(out_dir=Path(out), force=True, mt_model=str(args.marian), translation=translation, cache=False,
                                       summary=SummaryOptions(summarizer="extractive"))
                report = brief([args.articles], options)
            works.append(report.seconds - report.load_seconds)
            loads.append(report.load_seconds)
        raw, work = min(raws), min(works)
        result = {"raw_s": raw, "pipeline_s": work, "load_s": min(loads), "overhead": work / raw - 1}
    print(json.dumps(result))


def prepare_ct2(*folders: Path, computes: tuple[str, ...] = (COMPUTE["ctranslate2"],)) -> None:
    """Convert once, outside the measured processes (conversion loads the fp32 model in torch)."""
    from translate.engines.ctranslate2_engine import converted

    for folder in folders:
        for compute in computes:
            converted(folder, compute)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="64 sentences and 3 articles (under 5 minutes)")
    parser.add_argument("--n-sentences", type=int, help="NTREX sentences for the throughput figures (default 256)")
    parser.add_argument("--n-articles", type=int, help="NTREX articles for the pipeline figures (default all 123)")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    parser.add_argument("--workdir", type=Path, default=cache_home / "translate-briefing" / "bench")
    parser.add_argument("--worker", choices=list(COMPUTE), help=argparse.SUPPRESS)
    for hidden in ("--marian", "--bart", "--sentences", "--articles"):
        parser.add_argument(hidden, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=["raw", "pipeline", "overhead", "grouping"], help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=REPEATS, help=argparse.SUPPRESS)
    parser.add_argument("--compute", help=argparse.SUPPRESS)
    parser.add_argument("--models", action="store_true",
                        help="only the model table: opus-mt-ar-en and opus-mt-tc-big-ar-en, ctranslate2 int8 and float32")
    parser.add_argument("--grouping-only", action="store_true",
                        help="only the cost of batches that never mix articles (ctranslate2, the --n-articles articles)")
    parser.add_argument("--check-cost", action="store_true",
                        help="only the check stage's share of a brief run (ctranslate2, the --n-articles articles)")
    parser.add_argument("--batch-sentences", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TRANSLATE_CACHE", str(args.workdir / "cache"))
    marian, bart = build_models(args.workdir)
    prepare_ct2(marian, bart)
    if args.models:
        prepare_ct2(marian, build_tc_big(args.workdir), computes=("int8", "float32"))
    n_sentences, n_articles = (64, 3) if args.quick else (256, 123)
    n_sentences, n_articles = args.n_sentences or n_sentences, args.n_articles or n_articles
    from translate.normalize import normalize
    from translate.translator import TranslationOptions

    ntrex = [normalize(line) for line in (DATA / "ntrex128" / "newstest2019-ref.arb.txt").read_text(encoding="utf-8").splitlines()]
    sentences_file = args.workdir / "sentences.json"
    sentences_file.write_text(json.dumps(ntrex[:n_sentences], ensure_ascii=False), encoding="utf-8")
    articles = args.workdir / f"articles-{n_articles}"
    shutil.rmtree(articles, ignore_errors=True)
    articles.mkdir()
    for i, text in enumerate(ntrex_articles()[:n_articles]):
        (articles / f"{i:03d}.txt").write_text(text, encoding="utf-8")

    def measure(engine: str, phase: str, articles_dir: Path, batch_sentences: int | None = None,
                model: Path = marian, compute: str | None = None) -> dict:
        per_batch = f", {batch_sentences} sentences per batch" if batch_sentences else ""
        print(f"measuring {engine}: {phase}{per_batch} ({model.name}{', ' + compute if compute else ''})...", file=sys.stderr)
        command = [sys.executable, __file__, "--worker", engine, "--phase", phase, "--marian", str(model),
                   "--bart", str(bart), "--sentences", str(sentences_file), "--articles", str(articles_dir),
                   "--rounds", str(1 if args.quick else REPEATS)]
        if batch_sentences:
            command += ["--batch-sentences", str(batch_sentences)]
        if compute:
            command += ["--compute", compute]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
        if done.returncode:
            sys.exit(f"{engine} {phase} failed:\n{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"  {json.dumps(result)}", file=sys.stderr)  # each figure as it comes: a full run takes over an hour
        return result

    if args.check_cost:
        result = measure("ctranslate2", "pipeline", articles)
        work = result["seconds"] - result["load_s"]
        print(f"brief of {result['articles']} NTREX articles (exact shapes, ctranslate2 int8, abstractive briefs): "
              f"{work:.1f} s after loading, of which the checks {result['check_s']:.1f} s "
              f"({100 * result['check_s'] / work:.2f}%); wire copies, stories and the names index {result['story_s']:.2f} s "
              f"({100 * result['story_s'] / work:.2f}%)")
        seconds, pairs, encoded = human_check_seconds(n_articles)
        print(f"worst case, the checks on the human translations of the same articles ({pairs} pairs, {encoded} through "
              f"the meaning encoder): {seconds:.1f} s, {100 * seconds / work:.2f}% of that brief run")
        return
    if args.models:
        tc_big = build_tc_big(args.workdir)
        rows = []
        for name, folder in (("opus-mt-ar-en", marian), ("opus-mt-tc-big-ar-en", tc_big)):
            for compute in ("int8", "float32"):
                rows.append((name, compute, measure("ctranslate2", "raw", articles, model=folder, compute=compute)))
        print(f"ctranslate2 on {os.cpu_count()} CPU threads, beams {BEAMS}, {OUTPUT_TOKENS} target tokens per sentence, "
              f"{rows[0][2]['sentences']} NTREX sentences")
        print("| model | compute | target tokens/s | peak RSS (MB) |")
        print("|---|---|---|---|")
        for name, compute, result in rows:
            print(f"| {name} | {compute} | {result['tokens_per_s']:.1f} | {result['peak_rss_mb']:.0f} |")
        return

    def report_grouping(result: dict) -> None:
        print(f"batches within each article against batches pooled across articles (ctranslate2, {result['articles']} "
              f"NTREX articles, {result['chunks']} chunks): pooled " + ", ".join(f"{x:.1f}" for x in result["pooled_tokens_per_s"])
              + " tokens/s; per article " + ", ".join(f"{x:.1f}" for x in result["per_article_tokens_per_s"])
              + f" tokens/s; cost of never mixing articles: {100 * result['cost']:.1f}% (median of the rounds' ratios)")

    if args.grouping_only:
        return report_grouping(measure("ctranslate2", "grouping", articles))

    # Throughput: both engines at the pipeline's batching (the speedup a user gets from --engine),
    # and each also at other batchings, so that no engine's figure hangs on a batching that suits
    # the other. Engines alternate within each round, and the speedup is the median of the rounds'
    # ratios: this shared machine's speed drifts over minutes, and runs side by side share it.
    default = TranslationOptions()
    # A batching that holds every sentence at once says nothing about batching (--quick: 64 of 64).
    batchings = [n for n in BATCHINGS if n < n_sentences or n == default.batch_sentences]
    configs = [(engine, n) for n in batchings for engine in COMPUTE]
    runs: dict[tuple[str, int], list[dict]] = {c: [] for c in configs}
    repeats = 1 if args.quick else REPEATS
    for _ in range(repeats):
        for engine, sentences in configs:
            runs[engine, sentences].append(measure(engine, "raw", articles, batch_sentences=sentences))

    def median_run(config: tuple[str, int]) -> dict:
        return sorted(runs[config], key=lambda r: r["tokens_per_s"])[(len(runs[config]) - 1) // 2]

    def ratios(ct2: int, baseline: int) -> list[float]:
        return [c["tokens_per_s"] / t["tokens_per_s"] for c, t in zip(runs["ctranslate2", ct2], runs["transformers", baseline])]

    raw = {engine: median_run((engine, default.batch_sentences)) for engine in COMPUTE}
    top = {engine: max(batchings, key=lambda n: median_run((engine, n))["tokens_per_s"]) for engine in COMPUTE}
    speedups = ratios(default.batch_sentences, default.batch_sentences)
    pipeline = {engine: measure(engine, "pipeline", articles) for engine in COMPUTE}
    overhead = measure("ctranslate2", "overhead", articles)
    grouping = measure("ctranslate2", "grouping", articles)

    print(f"{os.cpu_count()} CPU threads; beams {BEAMS}; {OUTPUT_TOKENS} target tokens per sentence; "
          f"{raw['transformers']['sentences']} NTREX sentences; {n_articles} NTREX articles; briefs fixed at {SUMMARY_TOKENS} tokens")
    print(f"| engine | compute | translation target tokens/s, {default.batch_sentences} sentences per batch "
          f"| peak RSS, translation (MB) | brief pipeline articles/min "
          "| peak RSS of the brief run, both models (MB) |")
    print("|---|---|---|---|---|---|")
    for engine in COMPUTE:
        r, p = raw[engine], pipeline[engine]
        print(f"| {engine} | {r['compute_type']} | {r['tokens_per_s']:.1f} | {r['peak_rss_mb']:.0f} | {p['articles_per_min']:.2f} "
              f"| {p['peak_rss_mb']:.0f} |")
    for engine in COMPUTE:
        tried = ", ".join(f"{n}: {median_run((engine, n))['tokens_per_s']:.1f}" for n in batchings)
        print(f"{engine} target tokens/s by sentences per batch ({default.batch_tokens} tokens at most), "
              f"median of {repeats} run(s) each: {tried}")
    print(f"pipeline overhead over raw engine calls (ctranslate2, same chunks, both cold, model loading excluded): "
          f"{100 * overhead['overhead']:.1f}% ({overhead['pipeline_s']:.1f} s vs {overhead['raw_s']:.1f} s; "
          f"loading {overhead['load_s']:.1f} s)")
    print(f"pipeline speedup ctranslate2/transformers: "
          f"{pipeline['ctranslate2']['articles_per_min'] / pipeline['transformers']['articles_per_min']:.2f}")
    best_vs_best = statistics.median(ratios(top["ctranslate2"], top["transformers"]))
    print(f"speedup ctranslate2/transformers, each engine at its best batching "
          f"({top['ctranslate2']} and {top['transformers']} sentences): {best_vs_best:.2f}")
    print(f"speedup ctranslate2/transformers by round, {default.batch_sentences} sentences per batch: "
          + ", ".join(f"{r:.2f}" for r in speedups))
    report_grouping(grouping)
    print(f"speedup ctranslate2/transformers: {statistics.median(speedups):.2f}")


if __name__ == "__main__":
    main()
