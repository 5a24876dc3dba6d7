import hashlib
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, cache_model
from translate import hub
from translate.cli import app
from translate.errors import ModelUnavailable
from translate.lock import Lock, ModelPin, dump_lock, load_lock

REPO = "Helsinki-NLP/opus-mt-ar-en"
REVISION = "f830c0f121521df2551726dd799a0c47b0f67841"


FILES = {"config.json": b'{"model_type": "marian"}', "source.spm": b"spm bytes"}
HASHES = {name: hashlib.sha256(data).hexdigest() for name, data in FILES.items()}


@pytest.fixture()
def lock_file(tmp_path, monkeypatch):
    lock = Lock(tmp_path / "models.lock", {"translation": ModelPin("translation", REPO, REVISION, "apache-2.0", HASHES)})
    lock.path.write_text(dump_lock(lock), encoding="utf-8")
    monkeypatch.setenv("TRANSLATE_MODELS_LOCK", str(lock.path))
    return lock.path


def test_project_lock_pins_both_models():
    lock = load_lock(ROOT / "models.lock")
    assert lock.pin("translation").repo == REPO
    assert lock.pin("translation").revision == REVISION
    assert lock.pin("translation").revision_is_full
    summarization = lock.pin("summarization")
    assert summarization.repo == "sshleifer/distilbart-cnn-12-6"
    assert summarization.revision.startswith("a4f8f3e")
    assert summarization.settings["num_beams"] == 4


def test_lock_round_trip(lock_file):
    lock = load_lock(lock_file)
    assert lock.pin("translation").files == HASHES
    assert dump_lock(lock) == lock_file.read_text(encoding="utf-8")


def test_missing_model_offline_is_one_clear_paragraph(hf_cache):
    pin = load_lock(ROOT / "models.lock").pin("translation")
    with pytest.raises(ModelUnavailable) as info:
        hub.resolve(pin, None, option="--mt-model")
    message = str(info.value)
    for part in (REPO, REVISION, "translate models pull", "--mt-model"):
        assert part in message
    assert "\n" not in message


def test_cached_pinned_revision_resolves(hf_cache):
    snapshot = cache_model(hf_cache, REPO, REVISION, FILES)
    source = hub.resolve(ModelPin("translation", REPO, REVISION, files=HASHES), None, option="--mt-model")
    assert source.path == snapshot
    assert source.provenance() == {"repo": REPO, "revision": REVISION, "name": "translation"}


def test_short_revision_resolves_from_the_cache(hf_cache):
    cache_model(hf_cache, REPO, REVISION, FILES)
    assert hub.full_revision(ModelPin("translation", REPO, REVISION[:7])) == REVISION


def test_tampered_file_is_refused(hf_cache):
    snapshot = cache_model(hf_cache, REPO, REVISION, FILES)
    (snapshot / "source.spm").resolve().write_bytes(b"tampered")
    with pytest.raises(ModelUnavailable, match="Refusing"):
        hub.resolve(ModelPin("translation", REPO, REVISION, files=HASHES), None, option="--mt-model")


def test_models_verify_and_list(hf_cache, lock_file):
    snapshot = cache_model(hf_cache, REPO, REVISION, FILES)
    runner = CliRunner()
    listed = runner.invoke(app, ["models", "list"])
    assert listed.exit_code == 0 and str(snapshot) in listed.output and "2 hashed files" in listed.output
    assert runner.invoke(app, ["models", "verify"]).exit_code == 0
    (snapshot / "config.json").resolve().write_bytes(b"{}")
    result = runner.invoke(app, ["models", "verify"])
    assert result.exit_code == 1
    assert "HASH MISMATCH" in result.output and "config.json" in result.output


def test_models_verify_says_what_was_never_pulled(hf_cache, lock_file):
    result = CliRunner().invoke(app, ["models", "verify"])
    assert result.exit_code == 0 and "not pulled" in result.output and "nothing to check" in result.output


def test_models_pull_offline_says_how_to_fix(hf_cache, lock_file):
    result = CliRunner().invoke(app, ["models", "pull"])
    assert result.exit_code == 2 and "translate models pull" in result.output


def test_cli_offline_missing_model_exits_2_without_traceback(tmp_path):
    env = {"PATH": "", "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "translate", "text", "قال المصدر إن العملية مستمرة."],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert REPO in result.stderr and REVISION in result.stderr and "--mt-model" in result.stderr


def test_models_verify_checks_cache_blob_hashes_when_the_lock_records_none(hf_cache, tmp_path, monkeypatch):
    """As the shipped lock: no file hashes. The Hugging Face cache names LFS blobs by their sha256 and the
    other files by their git blob hash; verify checks both, and says what it checked."""
    import os

    from huggingface_hub.utils.sha import git_hash

    root = hf_cache / ("models--" + REPO.replace("/", "--"))
    snapshot = root / "snapshots" / REVISION
    snapshot.mkdir(parents=True)
    (root / "blobs").mkdir()
    files = {"config.json": (b'{"model_type": "marian"}', "git"), "pytorch_model.bin": (b"\x00weights" * 100, "lfs")}
    for name, (data, kind) in files.items():
        blob = root / "blobs" / (git_hash(data) if kind == "git" else hashlib.sha256(data).hexdigest())
        blob.write_bytes(data)
        (snapshot / name).symlink_to(os.path.relpath(blob, snapshot))
    lock = Lock(tmp_path / "plain.lock", {"translation": ModelPin("translation", REPO, REVISION, "apache-2.0", {}),
                                          "tc-big": ModelPin("translation", "Helsinki-NLP/opus-mt-tc-big-ar-en", "787d2ad",
                                                            name="tc-big")})
    lock.path.write_text(dump_lock(lock), encoding="utf-8")
    monkeypatch.setenv("TRANSLATE_MODELS_LOCK", str(lock.path))
    runner = CliRunner()
    result = runner.invoke(app, ["models", "verify"])
    output = " ".join(result.output.split())
    assert result.exit_code == 0, output
    assert "2 match the hash their cache blob is named by" in output and "records no hashes" in output
    assert "tc-big: not pulled" in output
    (snapshot / "pytorch_model.bin").resolve().write_bytes(b"\x00weightz" * 100)
    tampered = runner.invoke(app, ["models", "verify"])
    assert tampered.exit_code == 1 and "HASH MISMATCH" in tampered.output and "pytorch_model.bin" in tampered.output


def test_an_unreachable_hub_is_asked_again_later(monkeypatch):
    calls = []
    monkeypatch.setattr(hub, "_probe", lambda url, timeout: calls.append(url) or False)
    monkeypatch.setattr(hub, "_probes", {})
    clock = [1000.0]
    monkeypatch.setattr(hub.time, "monotonic", lambda: clock[0])
    assert not hub._reachable("http://127.0.0.1:9", 1.0) and not hub._reachable("http://127.0.0.1:9", 1.0)
    assert len(calls) == 1  # remembered for a while
    clock[0] += hub.REACH_MEMORY_S + 1
    assert not hub._reachable("http://127.0.0.1:9", 1.0)
    assert len(calls) == 2  # then asked again: a watched folder gets the Hub back when it returns


def test_the_cache_is_read_through_huggingface_hub(hf_cache):
    snapshot = cache_model(hf_cache, REPO, REVISION, FILES)
    assert hub.cached_snapshot(REPO, REVISION) == snapshot
    assert hub.cached_snapshot(REPO, REVISION[:7]) == snapshot and hub.cached_snapshot(REPO, "main") == snapshot
    assert hub.cached_snapshot(REPO, "0000000") is None and hub.cached_snapshot("someone/else", REVISION) is None
