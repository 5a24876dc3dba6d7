"""Which files a run reads, what it says about the others, and what it leaves in the output folder."""

import os

from typer.testing import CliRunner

from tests.conftest import SEEDS, brief_cli
from translate.cli import app
from translate.inputs import collect_inputs

GOOD = (SEEDS / "003_bb3abbb9473afff3.txt").read_bytes()




def test_an_empty_folder_is_an_error_of_its_own_and_creates_nothing(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    result = brief_cli([folder, "-o", out])
    assert result.exit_code == 3, result.output
    assert "no article found" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_files_left_out_are_named_with_the_reason(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "notes").write_text("x")
    only = brief_cli([folder, "-o", out], tiny_marian)
    assert only.exit_code == 3, only.output
    text = " ".join(only.output.split())
    for name in ("report.pdf", "old.doc", "notes"):
        assert name in text
    assert "(.pdf)" in text and ".docx" in text and "no extension" in text
    assert not out.exists()

    (folder / "article.txt").write_bytes(GOOD)
    (folder / ".hidden.txt").write_bytes(GOOD)
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 0, result.output
    assert "1 done" in result.output and "0 failed, 4 left out" in result.output
    briefing = (out / "briefing.md").read_text(encoding="utf-8")
    assert "## Files left out" in briefing
    for name in ("report.pdf", "old.doc", ".hidden.txt"):
        assert name in briefing and name in result.output
    assert "Files left out" in (out / "briefing.html").read_text(encoding="utf-8")


def test_collect_reports_left_out_files_and_never_raises_on_link_loops(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(GOOD)
    (folder / "image.png").write_bytes(b"\x89PNG")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink(folder, folder / "again")
    collected = collect_inputs([folder], tmp_path / "out")
    assert [f.output for f in collected.files] == ["a.txt"]
    assert [(os.path.basename(f.path), "loop" in f.reason) for f in collected.failures] == [("again", True), ("loop.txt", True)]
    assert [os.path.basename(f.path) for f in collected.left_out] == ["image.png"]


def test_a_run_that_cannot_work_leaves_nothing_behind(tmp_path):
    """Models missing: exit 2, and the output folder (inside the input folder here) is never created."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_bytes(GOOD)
    env = {"HF_HUB_CACHE": str(tmp_path / "empty-cache"), "HF_HUB_OFFLINE": "1"}
    result = CliRunner(env=env).invoke(app, ["brief", str(folder), "-o", str(folder / "out")])
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_no_lock_file_is_left_after_a_run(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").write_bytes(GOOD)
    assert brief_cli([folder, "-o", out], tiny_marian).exit_code == 0
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_a_planted_lock_link_is_refused_naming_the_lock_file(tmp_path, tiny_marian):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    (folder / "a.txt").write_bytes(GOOD)
    os.symlink(tmp_path / "elsewhere", out / ".translate-briefing.lock")
    result = brief_cli([folder, "-o", out], tiny_marian)
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "the lock file" in text and ".translate-briefing.lock" in text and "symbolic link" in text
    assert not (tmp_path / "elsewhere").exists()
