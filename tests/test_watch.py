"""--watch: nothing that appears in the folder at any moment is missed, and nothing in it stops the watch."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import ROOT, SEEDS, wait_for
from translate import settings
from translate.pipeline import BriefOptions, watch
from translate.summarizer import SummaryOptions
from translate.translator import TranslationOptions

SEED_TEXTS = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]


class Recorder:
    def __init__(self, on_start=None):
        self.events, self.on_start = [], on_start

    def message(self, text):
        self.events.append(("message", text))

    def warn(self, text):
        self.events.append(("warning", text))

    def start(self, articles, chunks):
        if self.on_start and articles:
            self.on_start()
            self.on_start = None

    def advance(self, chunks=0, articles=0):
        pass

    def file(self, path, status, detail=""):
        self.events.append((status, Path(path).name, detail))


def start_watch(folder, out, tiny_marian, reporter, **kwargs):
    options = BriefOptions(out_dir=out, mt_model=str(tiny_marian), translation=TranslationOptions(num_beams=1),
                           summary=SummaryOptions(summarizer="extractive"), cache=False)
    stop = threading.Event()
    box = {}

    def target():
        try:
            box["report"] = watch([folder], options, reporter, stop, settle=0.3, force_polling=True, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    return stop, thread, box


def test_a_file_written_during_the_first_pass_is_briefed(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "first.txt").write_bytes(SEED_TEXTS[0])
    late = folder / "late.txt"
    reporter = Recorder(on_start=lambda: late.write_bytes(SEED_TEXTS[1]))  # while the first pass translates
    stop, thread, box = start_watch(folder, out, tiny_marian, reporter, rescan=60)  # events, not the timer
    try:
        assert wait_for(lambda: (out / "late.txt.json").exists()), reporter.events
        assert wait_for(lambda: "late.txt.md" in (out / "briefing.md").read_text(encoding="utf-8"))
    finally:
        stop.set()
        thread.join(60)
    assert "error" not in box, box
    assert (out / "first.txt.json").exists()


def test_a_file_whose_event_is_lost_is_found_by_the_next_walk(tmp_path, tiny_marian, monkeypatch):
    import translate.pipeline

    monkeypatch.setattr(translate.pipeline, "_events", lambda *args: None)  # a watcher that never wakes anyone
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    reporter = Recorder()
    stop, thread, box = start_watch(folder, out, tiny_marian, reporter, rescan=0.5)
    try:
        assert wait_for(lambda: (out / "briefing.md").exists())
        (folder / "quiet.txt").write_bytes(SEED_TEXTS[2])
        assert wait_for(lambda: (out / "quiet.txt.json").exists()), reporter.events
    finally:
        stop.set()
        thread.join(60)
    assert "error" not in box, box


def test_a_symlink_loop_is_reported_and_the_watch_goes_on(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    reporter = Recorder()
    stop, thread, box = start_watch(folder, out, tiny_marian, reporter)
    try:
        assert wait_for(lambda: (out / "briefing.md").exists())
        os.symlink("loop.txt", folder / "loop.txt")
        os.symlink("b.txt", folder / "a.txt")
        os.symlink("a.txt", folder / "b.txt")
        os.symlink(folder, folder / "self")
        assert wait_for(lambda: any(e[0] == "failed" and e[1] == "loop.txt" for e in reporter.events)), reporter.events
        (folder / "after.txt").write_bytes(SEED_TEXTS[3])
        assert wait_for(lambda: (out / "after.txt.json").exists()), reporter.events
        assert thread.is_alive()
    finally:
        stop.set()
        thread.join(60)
    assert "error" not in box, box
    failed = {e[1] for e in reporter.events if e[0] == "failed"}
    assert {"loop.txt", "a.txt", "b.txt", "self"} <= failed


def test_sigterm_stops_an_idle_watch_with_143(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_TEXTS[0])
    env = {**os.environ, settings.MT_MODEL: str(tiny_marian), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "translate", "brief", str(folder), "-o", str(tmp_path / "out"),
                                "--summarizer", "extractive", "--watch"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: (tmp_path / "out" / "a.txt.json").exists(), 120)
        time.sleep(1)
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 143, err
    assert time.monotonic() - started < 5 and "terminated (SIGTERM)" in err and "Traceback" not in err
    assert not (tmp_path / "out" / ".translate-briefing.lock").exists()
