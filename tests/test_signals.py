"""SIGTERM takes effect within seconds, even while the engine decodes a long batch in native code."""

import os
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT, SEEDS

# A ctranslate2 result whose wait blocks in C, not in Python: pthread_mutex_lock on a mutex that another
# thread holds for 60 s, as ctranslate2's own wait on its worker does. No Python signal handler runs
# until such a call returns, so only a wait made in Python can stop in time.
DRIVER = r"""
import ctypes, sys, threading, time
from pathlib import Path
import translate.engines.ctranslate2_engine as engine

MARKER = Path(sys.argv[1])
libc = ctypes.CDLL(None)
mutex = ctypes.create_string_buffer(64)
libc.pthread_mutex_init(mutex, None)
held = threading.Event()

def hold():
    libc.pthread_mutex_lock(mutex)
    held.set()
    time.sleep(60)
    libc.pthread_mutex_unlock(mutex)

class SlowResult:
    def __init__(self, real):
        self.real, self.until = real, time.monotonic() + 60
    def done(self):
        return time.monotonic() > self.until
    def result(self):
        MARKER.write_text("decoding")
        libc.pthread_mutex_lock(mutex)
        libc.pthread_mutex_unlock(mutex)
        return self.real.result()

class SlowTranslator:
    def __init__(self, real):
        self.real = real
    def translate_batch(self, *args, **kwargs):
        MARKER.write_text("decoding")
        return [SlowResult(r) for r in self.real.translate_batch(*args, **kwargs)]

real_init = engine.CTranslate2Engine.__init__
def init(self, folder, *args, **kwargs):
    real_init(self, folder, *args, **kwargs)
    if "bart" in str(folder):
        self.translator = SlowTranslator(self.translator)
engine.CTranslate2Engine.__init__ = init
threading.Thread(target=hold, daemon=True).start()
held.wait()
sys.argv = ["translate", *sys.argv[2:]]
from translate.cli import main
main()
"""


def terminate(process: subprocess.Popen, wait: float, timeout: float) -> tuple[str, float]:
    """SIGTERM after ``wait`` seconds; what the process then said on stderr, and how long it took to end."""
    try:
        time.sleep(wait)
        process.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        _, err = process.communicate(timeout=timeout)
        return err, time.monotonic() - sent
    finally:
        process.kill()


def test_sigterm_while_summarizing_stops_within_seconds(tmp_path, tiny_marian, tiny_bart):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sorted(SEEDS.glob("*.txt"))[0].read_bytes())
    marker = tmp_path / "decoding"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", DRIVER, str(marker), "brief", str(folder), "-o",
                                str(tmp_path / "out"), "--mt-model", str(tiny_marian), "--sum-model", str(tiny_bart),
                                "--no-cache"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 180
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    assert marker.exists(), process.communicate(timeout=10)
    err, took = terminate(process, 0.5, 50)
    assert process.returncode == 143, err
    assert took < 3, took
    assert "terminated (SIGTERM)" in err and "Traceback" not in err
    assert not (tmp_path / "out" / ".translate-briefing.lock").exists()


def test_sigterm_to_a_ray_driver_is_ours_not_rays(tmp_path, tiny_marian):
    """ray.init installs its own SIGTERM handler (a C++ dump, exit 1); ours is put back after it."""
    import pytest

    pytest.importorskip("ray", reason="the [ray] extra is not installed")
    folder = tmp_path / "in"
    folder.mkdir()
    for k, path in enumerate(sorted(SEEDS.glob("*.txt")) * 4):
        (folder / f"{k}.txt").write_bytes(path.read_bytes())
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSLATE_MT_MODEL": str(tiny_marian)}
    process = subprocess.Popen([sys.executable, "-m", "translate", "brief", str(folder), "-o", str(tmp_path / "out"),
                                "--summarizer", "extractive", "--no-cache", "--ray", "local", "--ray-workers", "1"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:
        lines.append(line)
        if "Ray worker" in line:
            break
    err, took = terminate(process, 2, 60)
    err = "".join(lines) + err
    assert process.returncode == 143, err
    assert "terminated (SIGTERM)" in err and "SIGTERM received" not in err and "Traceback" not in err
    assert took < 15, took
