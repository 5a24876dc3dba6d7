"""Translated chunks in SQLite, so that an updated article translates only what changed and the
boilerplate wire copies repeat is translated once.

Keyed by the translation's identity (model, engine, compute type, decoding and retry settings)
and the normalized chunk. Safe under concurrent runs and kill -9 (SQLite transactions, WAL); a
file that SQLite cannot read is set aside with a warning and a new one started.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from translate import settings

SCHEMA = "CREATE TABLE IF NOT EXISTS chunks (key TEXT PRIMARY KEY, english TEXT NOT NULL, score REAL, finished INTEGER, flags TEXT)"


def default_path() -> Path:
    return settings.tool_cache() / "chunks.sqlite"


class ChunkCache:
    def __init__(self, identity: dict[str, Any], path: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = path or default_path()
        self.warn = warn or (lambda _: None)
        self.prefix = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:24]
        self.hits = self.misses = 0
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in (1, 2):
            try:
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(SCHEMA)
                db.execute("SELECT count(*) FROM chunks WHERE key = ''").fetchone()
                return db
            except sqlite3.DatabaseError as exc:
                if attempt == 2:
                    raise
                aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}-{os.getpid()}")
                for suffix in ("", "-wal", "-shm"):
                    part = Path(str(self.path) + suffix)
                    if part.exists():
                        os.replace(part, Path(str(aside) + suffix))
                self.warn(f"the chunk cache {self.path} could not be read ({exc}); it was set aside as {aside} "
                          f"and a new one started")
        raise AssertionError("unreachable")

    def _key(self, chunk: str) -> str:
        return self.prefix + hashlib.sha256(chunk.encode()).hexdigest()

    def get_many(self, chunks: Iterable[str]) -> dict[str, tuple[str, float | None, bool, list[dict[str, str]]]]:
        wanted = {self._key(c): c for c in set(chunks)}
        found = {}
        keys = list(wanted)
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            rows = self.db.execute(f"SELECT key, english, score, finished, flags FROM chunks WHERE key IN ({','.join('?' * len(part))})",
                                   part).fetchall()
            for key, english, score, finished, flags in rows:
                found[wanted[key]] = (english, score, bool(finished), json.loads(flags or "[]"))
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, str, float | None, bool, list[dict[str, str]]]]) -> None:
        rows = [(self._key(chunk), english, score, int(finished), json.dumps(flags)) for chunk, english, score, finished, flags in items]
        if rows:
            self.db.execute("BEGIN IMMEDIATE")  # one transaction: all of an article's chunks or none
            try:
                self.db.executemany("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?)", rows)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.db.close()
