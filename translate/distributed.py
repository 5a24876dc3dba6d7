"""Briefs on a Ray cluster: the same per-article stages (translate/stages.py) as a local run, on
workers that keep both models loaded; the driver (pipeline.Briefer) keeps the incremental skip, the
writes and briefing.md.

Optional: `pip install 'translate-briefing[ray]'`. Each worker resolves the models from its own
node's Hugging Face cache (or the local folders given, which must exist on every node), checks
that they are the driver's (same run signature), and is restarted by Ray if its process dies;
Ray then retries the article it was working on.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

from translate import settings
from translate.article import Article
from translate.errors import ModelUnavailable, UsageError, WorkerError, interruption
from translate.render import Failure
from translate.stages import BriefOptions, Job, SilentReporter, Stages, Timings, prepare_run, read_glossary

INSTALL = "pip install 'translate-briefing[ray]'"


def require_ray():
    try:
        import ray
    except ImportError:
        raise UsageError(f"--ray needs Ray, which is not installed; install it with: {INSTALL}") from None
    return ray


@dataclass(frozen=True)
class RaySettings:
    address: str | None = None  # None: a local Ray instance with this machine's cores
    workers: int | None = None  # None: one per 2 cores of the cluster (at least 1)


class _Worker:
    """One Ray actor: both models loaded once, then article after article, through the same stages."""

    def __init__(self, options: BriefOptions, stamp: str, threads: int) -> None:
        self.node = socket.gethostname()
        def share(runtime):  # this worker's share of the node's cores
            return replace(runtime, threads=threads, parallel=min(2, threads))

        self.options = replace(options, translation=replace(options.translation, runtime=share(options.translation.runtime)),
                               summary=replace(options.summary, runtime=share(options.summary.runtime)))
        reporter = SilentReporter()
        try:
            run = prepare_run(self.options, reporter, read_glossary(self.options.glossary))
        except ModelUnavailable as exc:
            raise WorkerError(f"{WorkerError.prefix} on node {self.node}: {exc}") from None
        if run.signature.stamp() != stamp:
            raise WorkerError(f"{WorkerError.prefix} on node {self.node}: the models differ from the driver's "
                              f"({run.signature.stamp()} against {stamp})")
        self.stages = Stages(run, self.options, reporter)

    def pid(self) -> int:
        return os.getpid()

    def brief(self, job: Job) -> tuple[Article, float, float]:
        timings = Timings()
        done = list(self.stages.run([job], timings))
        return done[0], timings.translate_seconds, timings.check_seconds


class RayExecutor:
    """Spreads articles over Ray actors; started on first use, so a run with nothing to do starts nothing."""

    def __init__(self, briefer, settings: RaySettings) -> None:
        """``briefer``: the driver's pipeline.Briefer (its options, signature, reporter and ``fail``)."""
        self.briefer, self.settings = briefer, settings
        self.ray = require_ray()
        self.actors: list = []

    def _start(self) -> None:
        if self.actors:
            return
        ray, s = self.ray, self.settings
        reporter = self.briefer.reporter
        address = s.address or settings.get(settings.RAY_ADDRESS)
        if not ray.is_initialized():
            reporter.message(f"starting Ray ({address or 'a local instance'})")
            kwargs = {"include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR"}
            handlers = _signal_handlers()
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=os.cpu_count() or 1, **kwargs)
            _restore(handlers)  # ray.init installs its own SIGTERM handler: ours says what happened and exits 143
        cpus = int(ray.cluster_resources().get("CPU", 1))
        workers = s.workers or max(1, cpus // 2)
        threads = max(1, cpus // workers)
        remote = ray.remote(num_cpus=threads, max_restarts=-1, max_task_retries=-1)(_Worker)
        b = self.briefer
        reporter.message(f"starting {workers} Ray worker(s), {threads} thread(s) each; each loads the models once")
        self.actors = [remote.remote(b.options, b.signature.stamp(), threads) for _ in range(workers)]
        try:
            ray.get([actor.pid.remote() for actor in self.actors])
        except Exception as exc:  # noqa: BLE001 - a worker's own failure comes wrapped by Ray
            if interruption(exc):
                raise
            reason = _reason(exc)
            raise WorkerError(reason if reason.startswith(WorkerError.prefix) else f"{WorkerError.prefix}: {reason}") from None

    def __call__(self, todo: list[Job], report) -> Iterator[Article]:
        self._start()
        ray = self.ray
        pending = {}
        queue = list(todo)
        free = list(self.actors)
        while queue or pending:
            while queue and free:
                actor = free.pop()
                job = queue.pop(0)
                pending[actor.brief.remote(job)] = (actor, job.article)
            ready, _ = ray.wait(list(pending), num_returns=1)
            actor, article = pending.pop(ready[0])
            free.append(actor)
            try:
                done, translate_s, check_s = ray.get(ready[0])
            except Exception as exc:  # noqa: BLE001 - this article's own failure: reported like a local one
                if interruption(exc):
                    raise
                self.briefer.fail(report, Failure(article.source.path, f"failed on a Ray worker: {_reason(exc)}"))
                continue
            report.translate_seconds += translate_s
            report.check_seconds += check_s
            yield done



def _signal_handlers() -> dict:
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}


def _restore(handlers: dict) -> None:
    for sig, handler in handlers.items():
        if handler is not None:
            signal.signal(sig, handler)


def _reason(exc: BaseException) -> str:
    cause = getattr(exc, "cause", None)
    text = str(cause if cause is not None else exc)
    lines = [line for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "WorkerError" in line or "Not available" in line or line.startswith(WorkerError.prefix):
            return line.split("WorkerError: ", 1)[-1]
    return lines[-1] if lines else type(exc).__name__
