"""A user's first run: models.lock found and used, models named when missing, choices checked, titles,
progress, and the pinned models loaded from a Hugging Face cache."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, SEEDS, cache_model, ntrex_documents
from translate import settings
from translate.cli import app
from translate.engines import EngineOptions
from translate.errors import LockError
from translate.hub import resolve_all
from translate.lock import load_lock
from translate.pipeline import BriefOptions, brief
from translate.summarizer import AbstractiveSummarizer, ExtractiveSummarizer, SummaryOptions, describe_abstractive
from translate.translator import TranslationOptions

MT_REPO, MT_REVISION = "Helsinki-NLP/opus-mt-ar-en", "f830c0f121521df2551726dd799a0c47b0f67841"
SUM_REPO, SUM_REVISION = "sshleifer/distilbart-cnn-12-6", "a4f8f3e" + "0" * 33
GOOD = "عنوان الخبر\nقال المصدر إن العملية مستمرة. وأضاف أنها طويلة."


def install_in_cache(cache: Path, repo: str, revision: str, folder: Path) -> Path:
    """A model folder laid out in a fake Hugging Face cache at ``revision``."""
    return cache_model(cache, repo, revision, {path.name: path.read_bytes() for path in folder.iterdir()})


@pytest.fixture()
def pinned_cache(hf_cache, tiny_marian, tiny_bart):
    """Both pinned models in a Hugging Face cache at the lock's revisions, with the real repos' file sets."""
    install_in_cache(hf_cache, MT_REPO, MT_REVISION, tiny_marian)
    install_in_cache(hf_cache, SUM_REPO, SUM_REVISION, tiny_bart)
    return hf_cache


def articles(tmp_path, n=2, text=GOOD):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(text + f" {i}", encoding="utf-8")
    return folder


# 1. A normal install finds models.lock --------------------------------------------------------------

def test_a_wheel_install_finds_its_lock_from_any_folder(tmp_path):
    dist, site, elsewhere = tmp_path / "dist", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                            str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("*.whl"))
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop(settings.MODELS_LOCK, None)
    result = subprocess.run([sys.executable, "-m", "translate", "models", "list"], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"lock: {site / 'translate' / 'models.lock'}" in result.stdout and MT_REPO in result.stdout


# 2. Lock settings are used, unknown ones refused ------------------------------------------------------

def test_the_locks_generation_settings_reach_every_caller(tmp_path, pinned_cache, monkeypatch):
    text = (ROOT / "models.lock").read_text(encoding="utf-8").replace("num_beams = 4", "num_beams = 2")
    lock_path = tmp_path / "models.lock"
    lock_path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(settings.MODELS_LOCK, str(lock_path))
    source = resolve_all({"summarization": None})["summarization"]
    decoding = describe_abstractive(source, SummaryOptions())["decoding"]
    assert decoding["num_beams"] == 2 and decoding["settings_from"]["num_beams"] == "models.lock"
    assert decoding["min_length"] == 56 and decoding["settings_from"]["min_length"] == "models.lock"
    assert describe_abstractive(source, SummaryOptions(num_beams=3))["decoding"]["num_beams"] == 3
    assert AbstractiveSummarizer.load(options=SummaryOptions(runtime=EngineOptions(engine="transformers"))).decoding().num_beams == 2


def test_unknown_lock_keys_are_refused_by_name(tmp_path):
    path = tmp_path / "models.lock"
    path.write_text((ROOT / "models.lock").read_text(encoding="utf-8").replace("num_beams = 4", "beams = 4"))
    with pytest.raises(LockError, match="unknown key 'beams'"):
        load_lock(path)


# 3. Speed-only settings never redo an article ------------------------------------------------------------

def test_speed_settings_do_not_redo_articles_but_decoding_settings_do(tmp_path, tiny_marian):
    folder = articles(tmp_path)
    runner = CliRunner(env={settings.MT_MODEL: str(tiny_marian)})
    base = ["brief", str(folder), "-o", str(tmp_path / "out"), "--summarizer", "extractive"]
    assert runner.invoke(app, base).exit_code == 0
    for speed in (["--threads", "1"], ["--batch-tokens", "128"], ["--group-articles", "1"], ["--compute-type", "int8"],
                  ["--device", "cpu"]):
        result = runner.invoke(app, base + speed)
        assert "0 done, 2 skipped" in result.output, (speed, result.output)
    assert "2 done" in runner.invoke(app, base + ["--beams", "2"]).output
    assert "2 done" in runner.invoke(app, base + ["--beams", "2", "--compute-type", "float32"]).output


# 4. Progress per batch, loading and converting said, each article written when done ---------------------------

class Recorder:
    def __init__(self):
        self.events = []

    def message(self, text):
        self.events.append(("message", text))

    def warn(self, text):
        self.events.append(("warning", text))

    def start(self, articles, chunks):
        self.events.append(("start", articles, chunks))

    def advance(self, chunks=0, articles=0):
        self.events.append(("advance", chunks, articles))

    def file(self, path, status, detail=""):
        self.events.append((status, path))


def test_progress_moves_per_batch_and_articles_are_written_as_they_finish(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setenv(settings.CACHE, str(tmp_path / "fresh-cache"))
    long_text = "\n".join(f"قال المصدر إن العملية رقم {i} مستمرة. وأضاف أنها طويلة جدا." for i in range(20))
    folder = articles(tmp_path, n=3, text=long_text)
    recorder = Recorder()
    written_before = []
    real_summarize = ExtractiveSummarizer.summarize

    def spy(self, text):
        written_before.append(len(list((tmp_path / "out").glob("*.json"))))
        return real_summarize(self, text)

    monkeypatch.setattr(ExtractiveSummarizer, "summarize", spy)
    options = BriefOptions(out_dir=tmp_path / "out", mt_model=str(tiny_marian), cache=False,  # every batch runs
                           translation=TranslationOptions(num_beams=1), summary=SummaryOptions(summarizer="extractive"))
    report = brief([folder], options, recorder)
    assert len(report.done) == 3
    messages = [e[1] for e in recorder.events if e[0] == "message"]
    assert any(m.startswith("loading the translation model") for m in messages)
    assert any("to CTranslate2 (once" in m for m in messages)
    batches = [e for e in recorder.events if e[0] == "advance" and e[1]]
    start = next(e for e in recorder.events if e[0] == "start")
    assert len(batches) >= 3 * 3 and sum(e[1] for e in batches) == start[2]
    assert written_before == [0, 1, 2], "each article is written before the next brief is made"


# 5. Every missing model named at once, quickly, in words ------------------------------------------------------

@pytest.mark.parametrize("offline", [True, False])
def test_every_missing_model_is_named_at_once(tmp_path, offline):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSLATE_"))}
    env.update(HF_HUB_CACHE=str(tmp_path / "empty"), TRANSLATE_CACHE=str(tmp_path / "tc"), HOME=str(tmp_path))
    if offline:
        env["HF_HUB_OFFLINE"] = "1"
    else:
        env["HF_ENDPOINT"] = "http://127.0.0.1:9"  # loopback port that refuses: the Hub cannot be reached
    folder = articles(tmp_path)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "translate", "brief", str(folder), "-o", str(tmp_path / "out")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert time.monotonic() - start < 30
    assert result.returncode == 2 and "Traceback" not in result.stderr
    err = " ".join(result.stderr.split())
    for part in (MT_REPO, MT_REVISION, SUM_REPO, "a4f8f3e", "translate models pull", "HF_HUB_OFFLINE=1",
                 "--summarizer extractive", "--mt-model / --sum-model"):
        assert part in err, part
    assert ("HF_HUB_OFFLINE is set" if offline else "could not be reached") in err
    assert not (tmp_path / "out" / "a0.txt.json").exists()


# 6. Titles; 7. extractive briefs leave headings out -----------------------------------------------------------------

def test_titles_come_from_the_heading_else_the_first_sentence(tmp_path, tiny_marian):
    out = tmp_path / "out"
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "headed.txt").write_text(GOOD, encoding="utf-8")
    runner = CliRunner(env={settings.MT_MODEL: str(tiny_marian)})
    assert runner.invoke(app, ["brief", str(folder), "-o", str(out), "--summarizer", "extractive"]).exit_code == 0
    headed = json.loads((out / "headed.txt.json").read_text(encoding="utf-8"))
    heading, title = headed["paragraphs"][0]["en"].split(), headed["title"].removesuffix(" …").split()
    assert headed["title_from"] == "heading" and title == heading[:24]  # a heading's title: at most 24 words
    for path in SEEDS.glob("*.txt"):
        data = json.loads((out / f"{path.name}.json").read_text(encoding="utf-8"))
        if not data["paragraphs"][0]["heading"]:
            assert data["title_from"] == "first_sentence" and data["title"] != path.stem
            first = data["paragraphs"][0]["sentences"][0]["en"].split()
            assert data["title"] == " ".join(first[:12]) + (" …" if len(first) > 12 else "")


def test_extractive_briefs_never_take_a_headline():
    from translate.segment import is_heading

    headlines = 0
    for document in ntrex_documents():
        brief_ = ExtractiveSummarizer().summarize("\n".join(document))
        for line in document:
            if is_heading(line):
                headlines += 1
                assert line not in brief_.sentences
    assert headlines > 50


# 8. Choices are enums, checked before any work --------------------------------------------------------------------

def test_bad_choices_are_refused_before_any_work(tmp_path, monkeypatch):
    import translate.stages as stages

    monkeypatch.setattr(stages, "resolve_all", lambda *a, **k: pytest.fail("started work"))
    for option, bad in (("--device", "gpu"), ("--engine", "onnx"), ("--summarizer", "llm"), ("--compute-type", "int4")):
        result = CliRunner().invoke(app, ["brief", str(SEEDS), "-o", str(tmp_path), option, bad])
        assert result.exit_code == 2 and bad in result.output
    helptext = " ".join(CliRunner().invoke(app, ["brief", "--help"], env={"COLUMNS": "200"}).output.split())
    for choice in ("ctranslate2", "transformers", "cuda", "extractive", "int8_float16"):
        assert choice in helptext


# 9. Small things --------------------------------------------------------------------------------------------

def test_wording_of_flags_and_counts(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner(env={settings.MT_MODEL: str(tiny_marian)}).invoke(
        app, ["brief", str(folder), "-o", str(tmp_path / "out"), "--summarizer", "extractive"])
    assert "1 file failed" in result.output and "(the file is empty)" in result.output
    flags = json.loads((tmp_path / "out" / "bom.txt.json").read_text(encoding="utf-8"))["flags"]
    assert {"kind": "encoding", "detail": "read as UTF-8 with BOM"} in flags
    briefing = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert "1 article in 1 story (1 translated now, 0 unchanged) · 1 failed" in briefing


# 10. The pinned models as a user's first run loads them: fake Hub cache, no override, both engines ----------------

@pytest.mark.parametrize("engine", ["ctranslate2", "transformers"])
def test_first_run_from_the_hub_cache_at_the_pinned_revisions(tmp_path, pinned_cache, engine):
    folder = articles(tmp_path)
    result = CliRunner(env={settings.MT_MODEL: None, settings.SUM_MODEL: None}).invoke(
        app, ["brief", str(folder), "-o", str(tmp_path / "out"), "--engine", engine, "--compute-type", "float32"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert output.count("records no file hashes") == 2  # once per model, once per run
    data = json.loads((tmp_path / "out" / "a0.txt.json").read_text(encoding="utf-8"))
    mt, summary = data["provenance"]["models"]["translation"], data["provenance"]["models"]["summarization"]
    assert (mt["repo"], mt["revision"]) == (MT_REPO, MT_REVISION)
    assert (summary["repo"], summary["revision"]) == (SUM_REPO, SUM_REVISION)
    assert mt["decoding"]["num_beams"] == 4 and mt["decoding"]["settings_from"] == "generation_config.json"
    assert summary["decoding"]["num_beams"] == 4 and summary["decoding"]["forced_bos_token_id"] == 0
    assert summary["decoding"]["settings_from"]["length_penalty"] == "models.lock"
    assert "settings" not in summary and "sentences" not in json.dumps(summary["decoding"])
    briefing = (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert f"mt:{MT_REPO}@f830c0f|engine:{engine}|compute:float32|beams:4" in briefing


def test_both_engines_brief_alike_from_config_json_settings(pinned_cache):
    """distilbart has no generation_config.json: its forced <s> must reach CTranslate2 too."""
    source = resolve_all({"summarization": None})["summarization"]
    assert not (source.path / "generation_config.json").exists()
    documents = [[line] for line in (Path(__file__).parent / "data" / "english_news.txt").read_text().splitlines()[:40:8]]
    briefs = {}
    for engine in ("transformers", "ctranslate2"):
        runtime = EngineOptions(engine=engine, compute_type="float32")
        summarizer = AbstractiveSummarizer(source, SummaryOptions(num_beams=1, runtime=runtime))
        if engine == "ctranslate2":
            assert summarizer.engine.prefix == ["<s>"]
        briefs[engine] = sorted((i, b.text) for i, b in summarizer.summarize_many(documents))
    assert briefs["transformers"] == briefs["ctranslate2"]
