"""Progress a person can follow: log lines at a steady pace away from a terminal, with an ETA."""

import re
import time

from typer.testing import CliRunner

from tests.conftest import SEEDS
from translate import settings
from translate.cli import _common, app
from translate.engines.seq2seq import Seq2Seq

LINE = re.compile(r"progress: (\d+) of (\d+) (sentence pieces|lines) \(\d+%\)(, \d+ of \d+ articles)?, "
                  r"\d+:\d\d:\d\d elapsed, (about \d+:\d\d:\d\d left|no estimate yet)")


def slow_batches(monkeypatch):
    real = Seq2Seq.run_groups

    def slow(self, *args, **kwargs):
        for item in real(self, *args, **kwargs):
            time.sleep(0.05)
            yield item

    monkeypatch.setattr(Seq2Seq, "run_groups", slow)


def test_brief_logs_progress_with_counts_and_an_eta(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setattr(_common, "PROGRESS_EVERY_S", 0.1)
    slow_batches(monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    result = CliRunner(env={settings.MT_MODEL: str(tiny_marian)}).invoke(
        app, ["brief", str(folder), "-o", str(tmp_path / "out"), "--summarizer", "extractive", "--no-cache",
              "--batch-tokens", "64"])
    assert result.exit_code == 0, result.output
    lines = [m for m in map(LINE.search, result.output.splitlines()) if m]
    assert len(lines) >= 2, result.output
    assert all(m.group(4) for m in lines) and any("about" in m.group(5) for m in lines)
    done = [int(m.group(1)) for m in lines]
    assert done == sorted(done) and int(lines[-1].group(2)) >= done[-1]


def test_eval_and_check_log_progress(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setattr(_common, "PROGRESS_EVERY_S", 0.1)
    slow_batches(monkeypatch)
    result = CliRunner().invoke(app, ["eval", "--set", "flores200", "--limit", "8", "--mt-model", str(tiny_marian),
                                      "--beams", "1", "--batch-tokens", "64"])
    assert result.exit_code == 0, result.output
    assert "translating 8 lines" in result.output and LINE.search(result.output), result.output

    from translate.cli import check as check_cli

    monkeypatch.setattr(check_cli, "CHECK_SLICE", 2)
    real = check_cli.check_pairs
    monkeypatch.setattr(check_cli, "check_pairs", lambda *a, **k: (time.sleep(0.1), real(*a, **k))[1])
    ar, en = tmp_path / "ar.txt", tmp_path / "en.txt"
    ar.write_text("\n".join(["قال المصدر إن 12 شخصا قتلوا."] * 12), encoding="utf-8")
    en.write_text("\n".join(["The source said 12 people were killed."] * 12), encoding="utf-8")
    checked = CliRunner().invoke(app, ["check", "--source", str(ar), "--translation", str(en)])
    assert "of 12 lines" in checked.output and LINE.search(checked.output), checked.output
