"""Nothing lost, nothing unsafe: bad input, faults, concurrent runs and hostile names (issue 10)."""

import errno
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, brief_cli, seed_copies
from translate.article import TITLE_WORDS, Article, Brief, Paragraph, Sentence, Source
from translate.atomic import remove_stale_temp_files, write_text_atomic
from translate.errors import OutputError
from translate.inputs import collect_inputs
from translate.normalize import normalize
from translate.render import article_markdown, briefing_markdown, md_inline
from translate.segment import chunk_sentence, split_paragraphs
from translate.stages import LARGE_CHARS, _groups

GOOD = "عنوان الخبر\nقال المصدر إن العملية مستمرة. وأضاف أنها طويلة."
LOCK = ".translate-briefing.lock"




def brief_command(folder, out, tiny_marian, *extra):
    return [sys.executable, "-m", "translate", "brief", str(folder), "-o", str(out), "--mt-model", str(tiny_marian),
            "--summarizer", "extractive", *extra]


def outputs(out: Path) -> dict[str, dict]:
    return {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in out.rglob("*.json")}


# 1. Every input its own output -------------------------------------------------------------------

def test_awkward_names_never_share_an_output(tmp_path, tiny_marian):
    d1, d2 = tmp_path / "d1", tmp_path / "d2"
    for folder, names in {d1: ["report.2019.txt", "report.2020.txt", "a.md", "a.txt", "a.txt.md", "x y.txt"],
                          d2: ["a.txt", "report.2019.txt"]}.items():
        folder.mkdir()
        for name in names:
            (folder / name).write_text(GOOD + f" {name}", encoding="utf-8")
    out = tmp_path / "out"
    result = brief_cli([d1, d2, "-o", out], tiny_marian)
    assert result.exit_code == 0, result.output
    written = outputs(out)
    assert len(written) == 8
    assert {data["source"]["path"] for data in written.values()} == {str(p) for p in tmp_path.glob("d?/*")}
    assert "d1/report.2019.txt.json" in written and "d2/a.txt.json" in written and "d1/a.txt.md.json" in written
    again = brief_cli([d1, d2, "-o", out], tiny_marian)
    assert "0 done, 8 skipped" in again.output


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["", "a", "a.b", "sub"]),
                          st.text(alphabet="ab.x 1_-", min_size=1, max_size=8),
                          st.sampled_from([".txt", ".md", ".TXT"])), min_size=1, max_size=12))
def test_output_names_are_one_to_one_by_construction(tmp_path_factory, names):
    root = tmp_path_factory.mktemp("names")
    for folder, stem, suffix in names:
        if stem.strip(".") == "" or stem.startswith("."):
            continue
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / (stem + suffix)).write_text(GOOD, encoding="utf-8")
    roots = [p for p in root.iterdir() if p.is_dir()] + [p for p in root.iterdir() if p.is_file()]
    if not roots:
        return
    collected = collect_inputs(roots, root.parent / f"{root.name}-out")
    found = collected.files
    assert not collected.failures
    outs = [f.output + suffix for f in found for suffix in (".md", ".json")]
    assert len(set(outs)) == len(outs)
    assert all(".." not in f.output.split("/") and not f.output.startswith("/") for f in found)
    assert {f.path.resolve() for f in found} == {p.resolve() for p in root.rglob("*") if p.is_file()}


# 2. Linear segmentation; very large inputs never hold others back -----------------------------------

def test_a_two_megabyte_paragraph_segments_in_seconds():
    unit = "قال د. محمد إن الوضع في 2.5 بالمئة من المناطق، وأضاف أن www.example.com يعمل. "
    for text in (unit * (2_000_000 // len(unit)), "كلمة " * 400_000, "ا" * 2_000_000):
        start = time.perf_counter()
        paragraphs = split_paragraphs(normalize(text))
        chunks = [c for p in paragraphs for s in p.sentences for c in chunk_sentence(s, lambda t: len(t) // 8 + 1, 200)]
        assert time.perf_counter() - start < 15
        assert "".join(chunks).replace(" ", "") == normalize(text).replace(" ", "")


def test_a_hundred_thousand_lines_segment_in_seconds():
    start = time.perf_counter()
    paragraphs = split_paragraphs(normalize("\n".join(["قال المصدر إن العملية مستمرة."] * 100_000)))
    assert len(paragraphs) == 100_000 and time.perf_counter() - start < 15


def test_very_large_articles_get_their_own_group_after_the_others():
    sizes = [1000, LARGE_CHARS * 3, 2000, 3000, LARGE_CHARS + 5, 500]
    counts = {0: 10, 2: 20, 3: 30, 5: 5}
    groups = _groups(sizes, counts, 4)
    assert groups[-2:] == [[4], [1]]  # the large ones last, alone, smaller first
    assert [i for g in groups[:-2] for i in g] == [0, 2, 3, 5]


def test_a_very_large_article_does_not_hold_back_the_others(tmp_path, tiny_marian):
    """The small files are written before the large one is even segmented."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_small.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_huge.txt").write_text("\n".join([GOOD.split("\n")[1]] * 3000), encoding="utf-8")
    (folder / "c_small.txt").write_text(GOOD + " ثم", encoding="utf-8")
    assert (folder / "b_huge.txt").stat().st_size > LARGE_CHARS
    order = []

    class Recorder:
        def message(self, text): pass
        def warn(self, text): pass
        def start(self, articles, chunks): order.append(("start", articles))
        def advance(self, chunks=0, articles=0): pass
        def file(self, path, status, detail=""): order.append((status, Path(path).name))

    from translate.pipeline import BriefOptions, brief
    from translate.summarizer import SummaryOptions
    from translate.translator import TranslationOptions

    report = brief([folder], BriefOptions(out_dir=tmp_path / "out", mt_model=str(tiny_marian), cache=False,
                                          translation=TranslationOptions(num_beams=1),
                                          summary=SummaryOptions(summarizer="extractive")), Recorder())
    assert len(report.done) == 3
    assert order.index(("done", "a_small.txt")) < order.index(("start", 0)) < order.index(("done", "b_huge.txt"))
    assert order.index(("done", "c_small.txt")) < order.index(("start", 0))


# 5. Only the tool's own temp files are swept; one run at a time -------------------------------------

def test_cleanup_deletes_only_the_tools_own_dead_temp_files(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        keep = [tmp_path / "notes" / ".draft.tmp", tmp_path / ".git" / "objects" / "ab.tmp",
                tmp_path / f".a.txt.md.{sleeper.pid}.x1y2.translate-tmp"]
        dead = tmp_path / ".a.txt.json.999999999.k3j4.translate-tmp"
        for path in [*keep, dead]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x")
        assert remove_stale_temp_files(tmp_path) == 1
        assert all(p.exists() for p in keep) and not dead.exists()
    finally:
        sleeper.kill()


def test_two_runs_at_once_on_one_folder(tmp_path, tiny_marian):
    folder = seed_copies(tmp_path / "in", 2)
    out = tmp_path / "out"
    first = subprocess.Popen(brief_command(folder, out, tiny_marian), cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / LOCK).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = subprocess.run(brief_command(folder, out, tiny_marian), cwd=ROOT, capture_output=True, text=True, timeout=600)
    _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0 and second.returncode == 0, first_err + second.stderr
    assert "another translate run is writing to" in second.stderr and "0 done, 10 skipped" in second.stderr
    assert len(outputs(out)) == 10
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != LOCK]


# 6. Hostile names and hostile text ----------------------------------------------------------------

def test_hostile_file_and_folder_names(tmp_path, tiny_marian):
    folder = tmp_path / "news["
    folder.mkdir()
    hostile = "<img src=x onerror=alert(1)>.txt"
    (folder / hostile).write_text("قال المصدر إن العملية مستمرة وأضاف أنها طويلة وأن الاجتماع انتهى أمس في المدينة.",
                                  encoding="utf-8")
    (folder / "with space [x].txt").write_text(GOOD, encoding="utf-8")
    (folder / "[red]bad[bold].txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "[red]bad[bold].txt" in result.output and "news[" in result.output  # plain text, never markup
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "<img" not in briefing and "(%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.txt.md)" in briefing
    assert "(with%20space%20%5Bx%5D.txt.md)" in briefing
    markdown = (out / f"{hostile}.md").read_text(encoding="utf-8")
    assert "<img" not in markdown


def test_model_output_and_titles_are_escaped_and_cleaned():
    nasty = "<script>alert(1)</script> [link](javascript:x) # *bold*\x00\x1b[31m"
    article = Article(Source("<b>x</b>.txt", "0" * 64, "utf-8"), "<b>x</b>.txt",
                      [Paragraph("عنوان", True, [Sentence("عنوان", ["عنوان"], nasty)]),
                       Paragraph("<script>نص</script>", False, [Sentence("نص", ["نص"], nasty)])],
                      brief=Brief(nasty, "abstractive"), cache_key="ab")
    article.set_title("<b>x</b>.txt")
    for text in (article_markdown(article),
                 briefing_markdown([article], [], date="d", done=1, skipped=0, stamp="s")):
        assert "<script>" not in text and "<b>" not in text and "\x00" not in text and "\x1b" not in text
        assert not re.search(r"(?<!\\)\]\(javascript", text) and "\\[link\\]" in text
    assert md_inline("# heading") == "\\# heading" and md_inline("1. item") == "1\\. item"


def test_a_long_heading_gives_a_bounded_title():
    """A heading whose English runs on (a loop, a paragraph marked as heading) titles the article, the
    story and the briefing's lists shortened; the translation keeps all of it."""
    long = " ".join(f"word{i}" for i in range(300))
    article = Article(Source("a.txt", "0" * 64, "utf-8"), "a.txt",
                      [Paragraph("عنوان", True, [Sentence("عنوان", ["عنوان"], long)]),
                       Paragraph("نص", False, [Sentence("نص", ["نص"], "Text.")])], cache_key="ab")
    article.set_title("a.txt")
    assert article.title_from == "heading" and article.title.endswith(" …")
    assert len(article.title.split()) <= 2 * TITLE_WORDS + 1 and article.title.startswith("word0 word1 ")
    assert long in article_markdown(article)
    short = Article(Source("b.txt", "0" * 64, "utf-8"), "b.txt",
                    [Paragraph("عنوان", True, [Sentence("عنوان", ["عنوان"], "A heading of six words here")])], cache_key="cd")
    short.set_title("b.txt")
    assert short.title == "A heading of six words here"


# 7. Nothing skipped without a word -----------------------------------------------------------------

def test_special_files_and_links_are_reported(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "real" / "loop").symlink_to(folder)
    linked = tmp_path / "elsewhere"
    linked.mkdir()
    (linked / "b.txt").write_text(GOOD, encoding="utf-8")
    (folder / "linked").symlink_to(linked)
    out = tmp_path / "out"
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 1, result.output
    assert "2 done, 0 skipped (unchanged), 3 failed" in result.output
    for name, reason in (("pipe.txt", "FIFO"), ("dangling.txt", "broken symbolic link"), ("loop", "symbolic link loop")):
        assert any(name in line and reason in line for line in result.output.splitlines()), (name, result.output)
    assert set(outputs(out)) == {"real/a.txt.json", "linked/b.txt.json"}


@pytest.mark.parametrize("relation", ["same", "parent"])
def test_an_output_folder_holding_the_inputs_is_refused(tmp_path, tiny_marian, relation):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    out = folder if relation == "same" else tmp_path
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 2 and "holds the input" in result.output


# 8. Unwritable output found before any model loads, every I/O error names its path --------------------

def test_unwritable_output_is_found_before_loading_models(tmp_path, tiny_marian, monkeypatch):
    import translate.stages as pipeline  # where the models are loaded

    monkeypatch.setattr(pipeline, "Translator", lambda *a, **k: pytest.fail("loaded a model"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    result = brief_cli([folder, "-o", blocker], tiny_marian)
    assert result.exit_code == 1 and str(blocker) in result.output and "Traceback" not in result.output


def test_a_failed_write_names_its_file(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "sub" / "a.txt.json"
    with pytest.raises(OutputError, match=f"cannot write {target}: No space left on device"):
        write_text_atomic(target, "{}")
    assert not list((tmp_path / "sub").iterdir())


# 9. SIGTERM like Ctrl-C ------------------------------------------------------------------------------

def test_sigterm_stops_cleanly(tmp_path, tiny_marian):
    folder = seed_copies(tmp_path / "in", 6)
    out = tmp_path / "out"
    process = subprocess.Popen(brief_command(folder, out, tiny_marian, "--group-articles", "1"), cwd=ROOT,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not list(out.glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143, err
    assert "terminated (SIGTERM)" in err and "Traceback" not in err
    assert not [p for p in out.rglob(".*") if p.name != LOCK]
    for path in out.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


# 10. An .md without its .json is never taken as complete --------------------------------------------

def test_a_markdown_without_its_record_is_redone_or_removed(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(GOOD + name, encoding="utf-8")
    out = tmp_path / "out"
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    (out / "a.txt.json").unlink()  # as if killed between the two writes
    (out / "b.txt.json").unlink()
    (folder / "b.txt").unlink()  # ... and the input is gone since
    user_file = out / "notes.md"
    user_file.write_text("# my notes\n")
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert "1 done, 0 skipped" in result.output
    assert (out / "a.txt.json").is_file() and (out / "a.txt.md").is_file()
    assert not (out / "b.txt.md").exists() and user_file.exists()


# 11. Files get the mode a plain write gets -------------------------------------------------------------

def test_output_files_follow_the_umask(tmp_path, tiny_marian):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert brief_cli([folder, "-o", tmp_path / "out"], tiny_marian).exit_code == 0
    finally:
        os.umask(old)
    for name in ("a.txt.md", "a.txt.json", "briefing.md"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == 0o644


# 12 (and what held). kill -9 at several moments, then a rerun equals a clean run -----------------------

def test_kill_at_several_moments_then_rerun_equals_a_clean_run(tmp_path, tiny_marian):
    folder = seed_copies(tmp_path / "in", 3)
    clean = tmp_path / "clean"  # no chunk cache: every run translates for itself
    assert subprocess.run(brief_command(folder, clean, tiny_marian, "--beams", "2", "--no-cache"), cwd=ROOT,
                          capture_output=True, timeout=600).returncode == 0
    out = tmp_path / "out"
    for moment in (0.0, 1, 3):
        process = subprocess.Popen(brief_command(folder, out, tiny_marian, "--beams", "2", "--group-articles", "1", "--no-cache"),
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while len(list(out.glob("*.json"))) < moment * 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        for path in out.glob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))
    rerun = subprocess.run(brief_command(folder, out, tiny_marian, "--beams", "2", "--no-cache"), cwd=ROOT, capture_output=True,
                           text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    ours, theirs = outputs(out), outputs(clean)
    assert set(ours) == set(theirs) and len(ours) == 15
    for name in ours:
        assert ours[name]["paragraphs"] == theirs[name]["paragraphs"], name
        assert ours[name]["brief"] == theirs[name]["brief"]
