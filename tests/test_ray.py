"""Scale out: brief on a (local) Ray cluster, same outputs as one machine (issue 14)."""

import json
import os
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ntrex_documents
from translate import settings
from translate.cli import app, ray_argv
from translate.distributed import RayExecutor, RaySettings, _Worker
from translate.errors import WorkerError
from translate.pipeline import Briefer, BriefOptions, brief
from translate.summarizer import SummaryOptions
from translate.translator import TranslationOptions

ray = pytest.importorskip("ray", reason="the [ray] extra is not installed")  # CI installs it (Makefile)


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def ntrex(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i, text in enumerate(ntrex_documents("newstest2019-ref.arb.txt")[:n]):
        (folder / f"{i:03d}.txt").write_text("\n".join(text), encoding="utf-8")
    return folder


def outputs(out: Path) -> dict[str, dict]:
    """Each record, its timings left out, and its story as the articles it shares it with (the registry
    numbers stories in the order articles are done, which Ray's workers do not keep)."""
    found = {}
    for path in sorted(out.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["provenance"].pop("timings")
        found[path.name] = data
    for data in found.values():
        data["story"] = sorted(other["output"] for other in found.values() if other["story"] == data["story"])
    return found


def options(out: Path, tiny_marian, tiny_bart, **extra) -> BriefOptions:
    return BriefOptions(out_dir=out, mt_model=str(tiny_marian), sum_model=str(tiny_bart), cache=False,
                        translation=TranslationOptions(num_beams=2), summary=SummaryOptions(num_beams=2), **extra)


def test_ray_outputs_equal_a_local_runs(tmp_path, tiny_marian, tiny_bart):
    folder = ntrex(tmp_path / "in", 6)
    local = brief([folder], options(tmp_path / "local", tiny_marian, tiny_bart))
    on_ray = brief([folder], options(tmp_path / "ray", tiny_marian, tiny_bart), ray=RaySettings(workers=2))
    assert len(local.done) == len(on_ray.done) == 6 and not on_ray.failed
    ours, theirs = outputs(tmp_path / "ray"), outputs(tmp_path / "local")
    assert ours == theirs
    # The briefings match but for the time each run saw its articles (a story's first and latest report).
    seen = re.compile(r"\d{4}\\?-\d\d-\d\d \d\d:\d\d UTC")
    briefings = [seen.sub("(time)", (tmp_path / side / "briefing.md").read_text().split("\n", 3)[3]) for side in ("ray", "local")]
    assert briefings[0] == briefings[1]

    # A rerun skips everything and starts no worker.
    def no_workers(self):
        raise AssertionError("started Ray workers")

    original = RayExecutor._start
    RayExecutor._start = no_workers
    try:
        again = brief([folder], options(tmp_path / "ray", tiny_marian, tiny_bart), ray=RaySettings(workers=2))
    finally:
        RayExecutor._start = original
    assert len(again.skipped) == 6 and not again.done


def test_a_killed_worker_loses_no_article(tmp_path, tiny_marian, tiny_bart, monkeypatch):
    folder = ntrex(tmp_path / "in", 5)
    original = RayExecutor.__call__
    killed = []

    def kill_after_first(self, todo, report):
        for k, article in enumerate(original(self, todo, report)):
            if k == 0:
                pid = self.ray.get(self.actors[0].pid.remote())  # kill -9 one worker: Ray restarts it
                os.kill(pid, 9)
                killed.append(pid)
            yield article

    monkeypatch.setattr(RayExecutor, "__call__", kill_after_first)
    report = brief([folder], options(tmp_path / "out", tiny_marian, tiny_bart), ray=RaySettings(workers=1))
    assert killed and len(report.done) == 5 and not report.failed
    assert len(outputs(tmp_path / "out")) == 5
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".") and not p.name.endswith(".lock")]


def test_cli_ray_flag_and_its_errors(tmp_path, tiny_marian, monkeypatch):
    folder = ntrex(tmp_path / "in", 2)
    env = {settings.MT_MODEL: str(tiny_marian)}
    result = CliRunner(env=env).invoke(app, ["brief", str(folder), "-o", str(tmp_path / "out"), "--summarizer",
                                             "extractive", "--ray", "local", "--ray-workers", "1"])
    assert result.exit_code == 0, result.output
    assert "2 done" in result.output and "Ray worker" in result.output
    assert ray_argv(["brief", "--ray", "in/"]) == ["brief", "--ray", "local", "in/"]
    assert ray_argv(["brief", "in/", "--ray", "ray://head:10001"]) == ["brief", "in/", "--ray", "ray://head:10001"]

    monkeypatch.setitem(sys.modules, "ray", None)  # as if the extra were not installed
    missing = CliRunner(env=env).invoke(app, ["brief", str(folder), "-o", str(tmp_path / "o2"), "--ray", "local"])
    assert missing.exit_code == 2 and "pip install 'translate-briefing[ray]'" in missing.output


def test_a_worker_without_the_models_names_its_node(tmp_path, tiny_marian):
    driver = Briefer(options(tmp_path / "out", tiny_marian, tmp_path / "nowhere"))
    with pytest.raises(WorkerError, match="on node .*: .*--sum-model .*nowhere"):
        _Worker(driver.options, "stamp", 1)
