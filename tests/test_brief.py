import json
import os
import re
import signal
import subprocess
import sys
import time

from typer.testing import CliRunner

from tests.conftest import ROOT, SEEDS, ntrex_documents, seed_copies
from translate.cli import app
from translate.render import md_inline
from translate.summarizer import AbstractiveSummarizer, ExtractiveSummarizer, SummaryOptions, english_sentences

LOCK = ".translate-briefing.lock"
GOOD = "عنوان الخبر\nقال المصدر إن العملية مستمرة. وأضاف أنها طويلة."


def run_brief(args, tiny_marian, tiny_bart):
    env = {"TRANSLATE_MT_MODEL": str(tiny_marian), "TRANSLATE_SUM_MODEL": str(tiny_bart)}
    return CliRunner(env=env).invoke(app, ["brief", *map(str, args), "--beams", "1"])


def test_brief_seeds_writes_articles_and_briefing(tmp_path, tiny_marian, tiny_bart, monkeypatch):
    out = tmp_path / "out"
    result = run_brief([SEEDS, "-o", out], tiny_marian, tiny_bart)
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.md"))) == 6 and len(list(out.glob("*.json"))) == 5
    for path in SEEDS.glob("*.txt"):
        data = json.loads((out / f"{path.name}.json").read_text(encoding="utf-8"))
        assert data["source"]["path"] == str(path) and len(data["source"]["sha256"]) == 64
        assert data["brief"]["text"] and data["brief"]["method"] == "abstractive"
        assert data["paragraphs"] and all(p["ar"] and p["en"] and p["sentences"] for p in data["paragraphs"])
        assert all({"ar", "en"} <= set(s) for p in data["paragraphs"] for s in p["sentences"])
        models = data["provenance"]["models"]
        assert models["translation"]["path"] == str(tiny_marian) and models["translation"]["engine"] == "ctranslate2"
        assert models["summarization"]["path"] == str(tiny_bart) and models["summarization"]["decoding"]["num_beams"] == 4
        assert {"tool", "timings", "cache_key"} <= set(data["provenance"]) and isinstance(data["flags"], list)
        markdown = (out / f"{path.name}.md").read_text(encoding="utf-8")
        assert f"\n# {md_inline(data['title'])}\n" in markdown and md_inline(data["paragraphs"][0]["en"]) in markdown
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert re.search(r"5 articles in \d stor(y|ies) \(5 translated now, 0 unchanged\) · 0 failed", briefing)
    links = re.findall(r"\[Full article\]\(([^)]+)\)", briefing)
    assert sorted(links) == sorted(f"{p.name}.md" for p in SEEDS.glob("*.txt"))  # every article, once, in its story

    # A second run changes nothing and loads no model.
    import translate.stages as pipeline  # where the models are loaded

    monkeypatch.setattr(pipeline, "Translator", None)
    again = run_brief([SEEDS, "-o", out], tiny_marian, tiny_bart)
    assert again.exit_code == 0, again.output
    assert "0 done, 5 skipped" in again.output


def test_force_and_changed_settings_redo(tmp_path, tiny_marian, tiny_bart, monkeypatch):
    out = tmp_path / "out"
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text(GOOD, encoding="utf-8")
    assert run_brief([article.parent, "-o", out, "--summarizer", "extractive"], tiny_marian, tiny_bart).exit_code == 0
    assert "1 done" in run_brief([article.parent, "-o", out, "--force", "--summarizer", "extractive"], tiny_marian, tiny_bart).output
    assert "1 done" in run_brief([article.parent, "-o", out, "--summarizer", "extractive", "--chunk-tokens", "64"], tiny_marian,
                                 tiny_bart).output
    article.write_text(GOOD + " وانتهى.", encoding="utf-8")
    assert "1 done" in run_brief([article.parent, "-o", out, "--summarizer", "extractive", "--chunk-tokens", "64"], tiny_marian,
                                 tiny_bart).output
    # A new version of the checks (their code, calibration or encoder) checks the article again.
    from translate import checks

    sources = checks.checker_sources()
    changed = [(sources[0][0], sources[0][1] + b"\n# changed\n"), *sources[1:]]
    monkeypatch.setattr(checks, "checker_sources", lambda: changed)
    assert "1 done" in run_brief([article.parent, "-o", out, "--summarizer", "extractive", "--chunk-tokens", "64"], tiny_marian,
                                 tiny_bart).output


def test_bad_files_fail_alone_and_exit_1(tmp_path, tiny_marian, tiny_bart):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "cp1256.txt").write_bytes(GOOD.encode("cp1256"))
    (folder / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (folder / "sub" / "good.md").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xd8\xff" * 50)
    (folder / "english.txt").write_text("The minister said on Friday that talks would go on.", encoding="utf-8")
    (folder / "ignored.csv").write_text("a,b", encoding="utf-8")
    out = tmp_path / "out"
    result = run_brief([folder, "-o", out, "--summarizer", "extractive"], tiny_marian, tiny_bart)
    assert result.exit_code == 1, result.output
    assert "3 done, 0 skipped (unchanged), 3 failed" in result.output
    for name in ("empty.txt", "binary.txt", "english.txt"):
        assert name in result.output
    assert "(the file is empty)" in result.output and "3 files failed" in result.output
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.json")} == {"cp1256.txt.json", "utf16.txt.json", "sub/good.md.json"}
    flags = json.loads((out / "cp1256.txt.json").read_text(encoding="utf-8"))["flags"]
    assert {"kind": "encoding", "detail": "read as Windows-1256"} in flags
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "## Files that failed" in briefing
    assert all(name in briefing for name in ("empty.txt", "binary.txt", "english.txt"))
    # The three readable files hold the same text: wire copies, shown once, the others linked from it.
    assert briefing.count("[Full article](") == 1 and "(sub/good.md.md)" in briefing and "Also published in:" in briefing


def test_missing_input_path_is_a_usage_error(tmp_path, tiny_marian, tiny_bart):
    result = run_brief([tmp_path / "nope", "-o", tmp_path / "out", "--summarizer", "extractive"], tiny_marian, tiny_bart)
    assert result.exit_code == 2 and "no such file or folder" in result.output


def test_missing_summarizer_offline_suggests_extractive(tmp_path, tiny_marian, hf_cache):
    result = CliRunner(env={"TRANSLATE_MT_MODEL": str(tiny_marian)}).invoke(app, ["brief", str(SEEDS), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "sshleifer/distilbart-cnn-12-6" in result.output and "--summarizer extractive" in result.output
    assert not list(tmp_path.glob("*.md"))


def test_killed_run_leaves_no_partial_file_and_rerun_completes(tmp_path, tiny_marian, tiny_bart):
    folder = seed_copies(tmp_path / "in", 5)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "translate", "brief", str(folder), "-o", str(out), "--beams", "1",
               "--mt-model", str(tiny_marian), "--summarizer", "extractive", "--group-articles", "4"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not list(out.glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    written = list(out.glob("*.json"))
    assert 0 < len(written) < 25, "the run should have been killed midway"
    # Only hidden temp files may be left (kill -9 cannot be caught); every visible file is whole.
    assert all(p.name.endswith(".translate-tmp") for p in out.iterdir() if p.name.startswith(".") and p.name != LOCK)
    for path in written:
        json.loads(path.read_text(encoding="utf-8"))  # complete, parseable
        assert path.with_suffix(".md").is_file()
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{25 - len(written)} done, {len(written)} skipped" in rerun.stderr
    assert len(list(out.glob("*.json"))) == 25
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != LOCK], "the rerun sweeps stale temp files"


def ntrex_articles():
    return ntrex_documents()


def test_extractive_brief_on_real_english_news():
    summarizer = ExtractiveSummarizer()
    for lines in ntrex_articles():
        text = "\n".join(lines)
        brief = summarizer.summarize(text)
        sentences = english_sentences(text)
        assert 1 <= len(brief.sentences) <= 3
        positions = [sentences.index(s) for s in brief.sentences]  # each comes from the article
        assert positions == sorted(positions)  # in article order
        if sum(6 <= len(s.split()) <= 60 for s in sentences) >= 3:
            assert all(6 <= len(s.split()) <= 60 for s in brief.sentences)
        assert brief.text == " ".join(brief.sentences)


def test_english_sentences_keep_every_character():
    text = 'He said "no." Then Mr. Smith left the U.S. Army at 5 p.m. on Friday! Really? Yes.'
    sentences = english_sentences(text)
    assert sentences == ['He said "no."', "Then Mr. Smith left the U.S. Army at 5 p.m. on Friday!", "Really?", "Yes."]
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


def test_abstractive_summarizes_long_input_in_parts(tiny_bart):
    from translate.hub import ModelSource

    summarizer = AbstractiveSummarizer(ModelSource("summarization", tiny_bart), SummaryOptions(num_beams=1))
    long_text = [line for article in ntrex_articles()[:3] for line in article]
    assert summarizer.model.count_tokens("\n".join(long_text)) > 1024
    pieces = summarizer.chunks(long_text)
    assert len(pieces) > 1 and all(summarizer.model.count_tokens(p) <= 1024 for p in pieces)
    assert "".join(pieces).replace("\n", "").replace(" ", "") == "".join(long_text).replace(" ", "")
    brief = summarizer.summarize("\n".join(long_text))
    assert brief.parts == len(pieces) and brief.text


def test_summarize_command(tiny_bart, tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("\n".join(ntrex_articles()[0]), encoding="utf-8")
    runner = CliRunner()
    extractive = runner.invoke(app, ["summarize", str(path), "--summarizer", "extractive"])
    assert extractive.exit_code == 0 and extractive.stdout.strip()
    assert extractive.stdout.strip() == ExtractiveSummarizer().summarize(path.read_text(encoding="utf-8")).text
    abstractive = runner.invoke(app, ["summarize", "-", "--sum-model", str(tiny_bart)], input=path.read_bytes())
    assert abstractive.exit_code == 0, abstractive.output
    assert abstractive.stdout.strip()


def test_brief_leaves_headings_out(tmp_path, tiny_marian, tiny_bart):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    assert run_brief([folder, "-o", tmp_path / "out", "--summarizer", "extractive"], tiny_marian, tiny_bart).exit_code == 0
    data = json.loads((tmp_path / "out" / "a.txt.json").read_text(encoding="utf-8"))
    heading = data["paragraphs"][0]
    assert heading["heading"] and data["title"].removesuffix(" …").split() == heading["en"].split()[:24]
    assert data["brief"]["text"] == ExtractiveSummarizer().summarize(data["paragraphs"][1]["en"]).text
