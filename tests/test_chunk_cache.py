"""The chunk cache is an optimisation: when it is in trouble the run warns once and loses nothing."""

import os
import sqlite3
import time

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from translate import cache as cache_module
from translate import settings
from translate.cache import ChunkCache, Translation
from translate.cli import app
from translate.flags import Flag, FlagKind

SEED_TEXTS = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]


def run(tmp_path, tiny_marian, cache_dir, first=0):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for k, data in enumerate(SEED_TEXTS[first:first + 2]):
        (folder / f"{k}.txt").write_bytes(data)
    env = {settings.MT_MODEL: str(tiny_marian), settings.CACHE: str(cache_dir)}
    return CliRunner(env=env).invoke(app, ["brief", str(folder), "-o", str(tmp_path / "out"), "--summarizer",
                                           "extractive", "--force"])


def articles(tmp_path):
    return sorted(p.name for p in (tmp_path / "out").glob("*.json"))


def test_a_cache_locked_by_another_process_is_bypassed_with_one_warning(tmp_path, tiny_marian, monkeypatch):
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_S", 0.5)
    cache_dir = tmp_path / "cache"
    assert run(tmp_path, tiny_marian, cache_dir).exit_code == 0  # makes the database
    holder = sqlite3.connect(cache_dir / "chunks.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("DELETE FROM chunks")  # holds the write lock
    try:
        started = time.monotonic()
        result = run(tmp_path, tiny_marian, cache_dir, first=2)  # other articles: their chunks must be written
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0, result.output
    assert "2 done" in result.output and articles(tmp_path) == ["0.txt.json", "1.txt.json"]
    assert result.output.count("goes on without it") == 1 and "locked" in result.output
    assert "Traceback" not in result.output and took < 60


def test_a_full_cache_disk_loses_no_translation(tmp_path, tiny_marian, monkeypatch):
    real_open = ChunkCache._open

    def tiny_quota(self):
        db = real_open(self)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL on the first write, as on a full disk
        return db

    monkeypatch.setattr(ChunkCache, "_open", tiny_quota)
    result = run(tmp_path, tiny_marian, tmp_path / "cache")
    assert result.exit_code == 0, result.output
    assert "2 done" in result.output and articles(tmp_path) == ["0.txt.json", "1.txt.json"]
    assert result.output.count("goes on without it") == 1 and "full" in result.output


@pytest.mark.parametrize("trouble", ["parent is a file", "link to /dev/null", "a folder in its place"])
def test_a_cache_path_that_cannot_be_used_is_bypassed(tmp_path, tiny_marian, trouble):
    cache_dir = tmp_path / "cache"
    if trouble == "parent is a file":
        cache_dir.write_text("not a folder")  # as a read-only cache folder: nothing can be created there
    else:
        cache_dir.mkdir()
        if trouble == "link to /dev/null":
            os.symlink("/dev/null", cache_dir / "chunks.sqlite")
        else:
            (cache_dir / "chunks.sqlite").mkdir()
    result = run(tmp_path, tiny_marian, cache_dir)
    assert result.exit_code == 0, result.output
    assert "2 done" in result.output and result.output.count("goes on without it") == 1
    assert not os.path.exists("/dev/null-journal") and not os.path.exists("/dev/null-wal")


def test_a_healthy_cache_still_serves(tmp_path):
    cache = ChunkCache({"model": 1}, tmp_path / "c" / "chunks.sqlite")
    kept = Translation("a", -0.1, True, (Flag(FlagKind.retried, "again"),))
    cache.put_many({"ا": kept})
    assert cache.get_many(["ا", "ب"]) == {"ا": kept}
