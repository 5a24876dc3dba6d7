"""Local against --ray with 1 and 2 workers on the same NTREX articles, exact-shape models.

    python bench/ray_scale.py                # 12 articles (--n-articles N)

Models: random weights in the exact real shapes (bench/run.py builds them), ctranslate2 int8,
4 beams, fixed output lengths (48 tokens per sentence, 64 per brief), abstractive briefs, no chunk
cache. Prints articles/min for each, Ray's start-up (ray.init and the workers' model loads), and
the driver's own time per article (read, hash, skip check, writes), measured with workers that
answer at once: the driver stops keeping up at about (driver articles/s) / (worker articles/s) workers.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402


def main() -> None:
    args = run.common_arguments(__doc__, 12).parse_args()
    marian, bart = run.build_models(args.workdir)
    os.environ.setdefault("TRANSLATE_CACHE", str(args.workdir / "cache"))
    run.prepare_ct2(marian, bart)
    import ray

    from translate.distributed import RayExecutor, RaySettings
    from translate.pipeline import Briefer, brief

    translation, summary = run._options("ctranslate2")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "articles"
        folder.mkdir()
        for i, text in enumerate(run.ntrex_articles()[: args.n_articles]):
            (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")

        def options(name):
            from translate.pipeline import BriefOptions

            return BriefOptions(out_dir=root / name, force=True, mt_model=str(marian), sum_model=str(bart),
                                translation=translation, summary=summary, cache=False)

        rows = []
        local = brief([folder], options("local"))
        rows.append(("local, 1 process", local.seconds - local.load_seconds, local.load_seconds))
        start = time.perf_counter()
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        init_s = time.perf_counter() - start
        for workers in (1, 2):
            briefer = Briefer(options(f"ray{workers}"))
            executor = RayExecutor(briefer, RaySettings(workers=workers))
            briefer.executor = executor
            t0 = time.perf_counter()
            with briefer.folder.locked():
                briefer.start()
                executor._start()
                started = time.perf_counter() - t0
                report = briefer.run_once([folder])
            rows.append((f"--ray, {workers} worker(s)", report.seconds, started))
            for actor in executor.actors:
                ray.kill(actor)
        ray.shutdown()

        # The driver alone: workers that answer at once with the finished articles of the local run.
        from translate.output import OutputFolder

        done = {a.source.path: a for a in (OutputFolder(root / "local").read(p.name[:-5]) for p in (root / "local").glob("*.json"))}
        briefer = Briefer(options("driver"))
        briefer.executor = lambda jobs, report: (done[job.article.source.path] for job in jobs)
        with briefer.folder.locked():
            briefer.start()
            report = briefer.run_once([folder])
        driver_s = report.seconds / args.n_articles

    print(f"{args.n_articles} NTREX articles, {os.cpu_count()} CPUs, exact-shape models, ctranslate2 int8, abstractive briefs")
    print("| run | articles/min | start-up (s) |")
    print("|---|---|---|")
    for name, seconds, startup in rows:
        print(f"| {name} | {60 * args.n_articles / seconds:.2f} | {startup:.1f} |")
    print(f"ray.init: {init_s:.1f} s; driver time per article (read, hash, write .md/.html/.json, briefing): "
          f"{1000 * driver_s:.0f} ms, so one driver keeps up with {1 / driver_s * 60:.0f} articles/min")


if __name__ == "__main__":
    main()
