"""Translated chunks in SQLite, so that an updated article translates only what changed and the
boilerplate wire copies repeat is translated once.

Keyed by the translation's identity (model, engine, compute type, decoding and retry settings)
and the normalized chunk. Safe under concurrent runs and kill -9 (SQLite transactions, WAL); a
file that SQLite cannot read is set aside with a warning and a new one started.

The cache is an optimisation, never a reason to lose work: when it cannot be opened, read or
written (locked by another process, a full disk, a read-only folder, a path that is not a regular
file), the run warns once, goes on without it, and every translation still reaches its article.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate import settings
from translate.atomic import refuse_special_file
from translate.flags import Flag, flags_as_dicts, flags_from_dicts


@dataclass(frozen=True)
class Translation:
    """One chunk's translation, as the translator made it and the cache keeps it."""

    english: str
    score: float | None
    finished: bool
    flags: tuple[Flag, ...] = ()


BUSY_TIMEOUT_S = 5.0  # how long to wait for another process's write before going on without the cache
SCHEMA = "CREATE TABLE IF NOT EXISTS chunks (key TEXT PRIMARY KEY, english TEXT NOT NULL, score REAL, finished INTEGER, flags TEXT)"


def default_path() -> Path:
    return settings.tool_cache() / "chunks.sqlite"


class ChunkCache:
    def __init__(self, identity: dict[str, Any], path: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = path or default_path()
        self.warn = warn or (lambda _: None)
        self.prefix = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:24]
        self.db: sqlite3.Connection | None = None
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError, ValueError) as exc:
            self._give_up("opened", exc)

    def _give_up(self, doing: str, exc: BaseException) -> None:
        """Warn once and go on without the cache: it only saves work, it must never lose any."""
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        self.warn(f"the chunk cache {self.path} could not be {doing} ({reason}); this run goes on without it "
                  f"(its translations are kept in the articles, not in the cache)")

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        refuse_special_file(self.path)
        for attempt in (1, 2):
            try:
                db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(SCHEMA)
                db.execute("SELECT count(*) FROM chunks WHERE key = ''").fetchone()
                return db
            except sqlite3.DatabaseError as exc:
                if attempt == 2 or getattr(exc, "sqlite_errorname", "") not in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
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

    def get_many(self, chunks: Iterable[str]) -> dict[str, Translation]:
        """The cached translations of those chunks that have one; nothing when the cache cannot be read."""
        wanted = {self._key(c): c for c in set(chunks)}
        found = {}
        keys = list(wanted)
        try:
            for start in range(0, len(keys), 500):
                if self.db is None:
                    return {}
                part = keys[start:start + 500]
                rows = self.db.execute(f"SELECT key, english, score, finished, flags FROM chunks WHERE key IN "
                                       f"({','.join('?' * len(part))})", part).fetchall()
                for key, english, score, finished, flags in rows:
                    found[wanted[key]] = Translation(english, score, bool(finished),
                                                     tuple(flags_from_dicts(json.loads(flags or "[]"))))
        except (sqlite3.Error, ValueError) as exc:
            self._give_up("read", exc)
            return {}
        return found

    def put_many(self, items: dict[str, Translation]) -> None:
        """Keep these translations (chunk -> its translation): all of them or none (one transaction); a
        failure is warned about once."""
        rows = [(self._key(chunk), t.english, t.score, int(t.finished), json.dumps(flags_as_dicts(t.flags)))
                for chunk, t in items.items()]
        if not rows or self.db is None:
            return
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:  # SQLite may have rolled back already (a full disk): then there is nothing to undo
                try:
                    db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            self._give_up("written", exc)
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
