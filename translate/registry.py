"""The output folder's story registry (stories.sqlite): every article a run has briefed there, its
story and its profile, and each story's dated timeline, so that a later run (or the next pass of
--watch) attaches new articles to the stories of earlier runs and the briefing can say which
stories are new and which were updated, with what.

SQLite, one transaction per article, written before the article's own files (a run killed half-way
leaves the registry holding what it attached, and the next run finds those articles there). The registry
only adds history: when it cannot be opened or written (a read-only folder, a damaged file), the run
warns once and groups its own articles in memory, with no history, and loses nothing.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translate.article import Article, Event, Story
from translate.atomic import refuse_special_file
from translate.copies import article_text
from translate.errors import UsageError
from translate.stories import LEAD, Limits, Profile, StoryIndex, profiles, similarities, story_brief

REGISTRY = "stories.sqlite"
BUSY_TIMEOUT_S = 5.0
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS articles (output TEXT PRIMARY KEY, story INTEGER NOT NULL, sha256 TEXT NOT NULL, "
    "position INTEGER NOT NULL, profile TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS events (story INTEGER NOT NULL, run INTEGER NOT NULL, seen TEXT NOT NULL, "
    "happened TEXT NOT NULL, output TEXT NOT NULL, title TEXT NOT NULL, what TEXT NOT NULL)",
)


SINCE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class Since:
    """--since: what the briefing shows: stories with an article seen after run ``run`` (--since last),
    or seen at or after ``at`` (a date)."""

    label: str  # as the briefing says it
    run: int | None = None
    at: str | None = None

    def changed(self, event: Event) -> bool:
        return event.run > self.run if self.run is not None else event.seen >= (self.at or "")


def since_time(value: str | None, registry: StoryRegistry | None = None) -> Since | None:
    """--since: "last" (the previous run; everything on a first run), or a date in UTC, compared with the
    times the registry writes ("2026-12-01 09:30 UTC")."""
    if value is None:
        return None
    if value.strip().lower() == "last":
        previous = registry.previous_run() if registry is not None else None
        return Since(f"the last run ({previous[1]})", previous[0]) if previous else Since("the first run", 0)
    for form in SINCE_FORMATS:
        try:
            at = time.strftime("%Y-%m-%d %H:%M UTC", time.strptime(value.strip(), form))
            return Since(at, at=at)
        except ValueError:
            continue
    raise UsageError(f"--since {value!r}: give a date (2026-12-01, or 2026-12-01 09:30, in UTC) or 'last' (the last run)")


LEAD_CHARS = 1000  # of each lead sentence, for the encoder: a sentence of a page without full stops costs no more


def _lead(article: Article) -> list[str]:
    return [s.ar[:LEAD_CHARS] for p in article.paragraphs for s in p.sentences][:LEAD]


class StoryRegistry:
    def __init__(self, root: Path, warn: Callable[[str], None] | None = None, limits: Limits | None = None) -> None:
        self.path = root / REGISTRY
        self.warn = warn or (lambda _: None)
        self.limits = limits or Limits.shipped()
        self.kept = True  # False: this run's stories are grouped in memory, with no history
        self.seconds = 0.0  # spent attaching articles
        try:
            self.db = self._open(str(self.path))
        except (sqlite3.Error, OSError, ValueError) as exc:
            self._in_memory("opened", exc)

    def _open(self, where: str) -> sqlite3.Connection:
        if where != ":memory:":
            refuse_special_file(where)
        db = sqlite3.connect(where, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        for statement in SCHEMA:
            db.execute(statement)
        db.execute("SELECT count(*) FROM articles").fetchone()
        return db

    def _in_memory(self, doing: str, exc: BaseException) -> None:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        self.warn(f"the story registry {self.path} could not be {doing} ({reason}); this run groups its own articles "
                  f"into stories, without the history of earlier runs")
        self.kept = False
        self.db = self._open(":memory:")

    def previous_run(self) -> tuple[int, str] | None:
        """The last run before this one: its number and its time, as the registry wrote it."""
        row = self.db.execute("SELECT id, at FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def start(self, now: str) -> None:
        """A new run: its row, and every article earlier runs attached, with its story."""
        self.now, self.attached = now, []
        self._safely(self._start)

    def attach(self, article: Article) -> None:
        """Set the article's story: the one it is in (it may have been revised), else the story of the
        earlier article it is most like, else a new one; kept at once, in one transaction."""
        started = time.perf_counter()
        self._safely(self._attach, article)
        self.attached.append(article)
        self.seconds += time.perf_counter() - started

    def _safely(self, step: Callable, *args) -> None:
        try:
            step(*args)
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if not self.kept:
                raise
            self._in_memory("written", exc)  # this run's articles again, in memory
            self._start()
            for earlier in self.attached:
                self._attach(earlier)
            if step != self._start:
                step(*args)

    def _start(self) -> None:
        db = self.db
        with db:
            self.run = db.execute("INSERT INTO runs (at) VALUES (?)", (self.now,)).lastrowid
        self.index = StoryIndex(self.limits)
        self.known: dict[str, tuple[int, str]] = {}
        self.profiles: dict[str, Profile] = {}
        rows = db.execute("SELECT output, story, sha256, profile FROM articles ORDER BY position").fetchall()
        for output, story, sha, profile in rows:
            self.profiles[output] = Profile.from_json(profile)
            self.index.add(self.profiles[output], story)
            self.known[output] = (story, sha)
        self.next_story = max((story for story, _ in self.known.values()), default=-1) + 1

    def _attach(self, article: Article) -> None:
        known = self.known.get(article.output)
        if known and known[1] == article.source.sha256:
            article.story = known[0]
            return
        profile = profiles([article_text(article)], [_lead(article)])[0]
        db = self.db
        with db:  # one transaction
            if known:
                story, what = known[0], "revised"
                db.execute("UPDATE articles SET sha256 = ?, profile = ? WHERE output = ?",
                           (article.source.sha256, profile.to_json(), article.output))
            else:
                story = self.index.story_of(profile)
                what = "added" if story is not None else "first report"
                if story is None:
                    story, self.next_story = self.next_story, self.next_story + 1
                db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
                           (article.output, story, article.source.sha256, len(self.known), profile.to_json()))
                self.index.add(profile, story)
            db.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (story, self.run, self.now, article.date or self.now, article.output, article.title, what))
        self.known[article.output] = (story, article.source.sha256)
        self.profiles[article.output] = profile
        article.story = story

    def stories(self, articles: Sequence[Article]) -> list[Story]:
        """The stories of this batch's articles (each attached), largest first, then newest."""
        run = self.run
        groups: dict[int, list[Article]] = {}
        for article in articles:
            groups.setdefault(article.story, []).append(article)
        out = []
        for story, members in groups.items():
            if len(members) > 1:
                words, _ = similarities([self.profiles[a.output] for a in members])
                centrality = words.sum(axis=1)
                members = [members[i] for i in sorted(range(len(members)), key=lambda i: (-centrality[i], members[i].output))]
            events = self.db.execute("SELECT run, happened, seen, output, title, what FROM events WHERE story = ? "
                                     "ORDER BY happened, run, output", (story,)).fetchall()
            # The first report is the earliest article, whatever order a run attached them in (Ray's is not the same twice).
            first = next((i for i, row in enumerate(events) if row[-1] != "revised"), None)
            labels = ["first report" if i == first else "added" if row[-1] == "first report" else row[-1]
                      for i, row in enumerate(events)]
            timeline = [Event(*row[1:-1], labels[i], run=row[0]) for i, row in enumerate(events)]
            created = min((r for r, *_, what in events if what != "revised"), default=run)
            status = "" if not self.kept else "new" if created == run else "updated" if any(r == run for r, *_ in events) else ""
            out.append(Story(story, members, status, timeline, story_brief(members), run if self.kept else 0))
        return sorted(out, key=lambda s: (-len(s.articles), _newest(s), s.articles[0].output))

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:
            pass


def _newest(story: Story) -> float:
    """Newest first: the latest event's time, negated, for sorting (dates as the timeline writes them)."""
    try:
        return -time.mktime(time.strptime(story.latest[:10], "%Y-%m-%d"))
    except (ValueError, OverflowError):
        return 0.0
